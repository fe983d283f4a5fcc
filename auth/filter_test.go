package auth

import (
	"strings"
	"testing"
)

// naiveMatch is a direct recursive reading of MQTT 3.1.1 section 4.7,
// used as the reference for matchTopic.
func naiveMatch(filter, topic []string, first bool) bool {
	if len(filter) == 0 {
		return len(topic) == 0
	}
	dollar := first && len(topic) > 0 && strings.HasPrefix(topic[0], "$")
	switch filter[0] {
	case "#":
		return !dollar && !(first && len(topic) == 0)
	case "+":
		return len(topic) > 0 && !dollar && naiveMatch(filter[1:], topic[1:], false)
	}
	return len(topic) > 0 && topic[0] == filter[0] && naiveMatch(filter[1:], topic[1:], false)
}

// universe returns every non-empty topic name of 1 to depth levels over
// alphabet.
func universe(alphabet []string, depth int) []string {
	var out, cur []string
	cur = []string{""}
	for d := 1; d <= depth; d++ {
		var next []string
		for _, p := range cur {
			for _, a := range alphabet {
				t := a
				if d > 1 {
					t = p + "/" + a
				}
				next = append(next, t)
			}
		}
		for _, t := range next {
			if t != "" { // not a valid topic name
				out = append(out, t)
			}
		}
		cur = next
	}
	return out
}

// filters returns every valid filter of 1 to depth levels over alphabet
// plus the wildcards.
func filters(alphabet []string, depth int) []string {
	var out []string
	for _, f := range universe(append(append([]string{}, alphabet...), "+", "#"), depth) {
		if validFilter(f) {
			out = append(out, f)
		}
	}
	return out
}

var (
	testAlphabet = []string{"a", "b", "$s", ""}
	testTopics   = universe(testAlphabet, 4)
	testFilters  = filters(testAlphabet, 3)
)

func TestMatchTopicAgainstNaive(t *testing.T) {
	var s subst
	for _, f := range testFilters {
		levels := splitFilter(f, false)
		for _, topic := range testTopics {
			want := naiveMatch(strings.Split(f, "/"), strings.Split(topic, "/"), true)
			if got := matchTopic(levels, topic, &s, false); got != want {
				t.Errorf("matchTopic(%q, %q) = %v, want %v", f, topic, got, want)
			}
		}
	}
}

// TestCoversFilterExhaustive checks coversFilter against its definition:
// A covers S iff every topic S matches is matched by A. Topics one level
// deeper than the filters are enough to tell any two filters apart.
func TestCoversFilterExhaustive(t *testing.T) {
	var s subst
	matches := make(map[string][]bool, len(testFilters))
	for _, f := range testFilters {
		levels := splitFilter(f, false)
		m := make([]bool, len(testTopics))
		for i, topic := range testTopics {
			m[i] = matchTopic(levels, topic, &s, false)
		}
		matches[f] = m
	}
	for _, a := range testFilters {
		levels := splitFilter(a, false)
		for _, sub := range testFilters {
			want := true
			for i := range testTopics {
				if matches[sub][i] && !matches[a][i] {
					want = false
					break
				}
			}
			if got := coversFilter(levels, sub, &s, false); got != want {
				t.Errorf("coversFilter(%q, %q) = %v, want %v", a, sub, got, want)
			}
		}
	}
}

func TestValidFilter(t *testing.T) {
	for _, f := range []string{"#", "+", "a", "a/#", "+/+", "/", "//", "a/+/b", "$SYS/#", "a b", "ü/+"} {
		if !validFilter(f) {
			t.Errorf("validFilter(%q) = false", f)
		}
	}
	for _, f := range []string{"", "a#", "#/a", "a/#/b", "a+", "+a", "a/b+/c", "a\x00", "\xff", strings.Repeat("a", 65536)} {
		if validFilter(f) {
			t.Errorf("validFilter(%.20q) = true", f)
		}
	}
}

func TestInnerFilter(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"a/b", "a/b", true},
		{"$share/g/a/#", "a/#", true},
		{"$share/g/#", "#", true},
		{"$share/g", "", false},
		{"$share/g/", "", false},
		{"$share//a", "", false},
		{"$share/g+/a", "", false},
		{"$shared/g/a", "$shared/g/a", true},
	}
	for _, tt := range tests {
		if got, ok := innerFilter(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("innerFilter(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPatternSubstitution(t *testing.T) {
	levels := splitFilter("a/%u/%c/#", true)
	s := subst{username: "bob", usernameOK: true, clientID: "dev1", clientIDOK: true}
	for topic, want := range map[string]bool{
		"a/bob/dev1":      true,
		"a/bob/dev1/x/y":  true,
		"a/bob/dev2":      false,
		"a/bo/dev1":       false,
		"a/bobb/dev1":     false,
		"a/%u/%c":         false,
		"a/bob":           false,
		"a/bob/dev1/more": true,
	} {
		if got := matchTopic(levels, topic, &s, false); got != want {
			t.Errorf("matchTopic(a/%%u/%%c/#, %q) = %v, want %v", topic, got, want)
		}
	}
	unsafe := subst{clientID: "dev1", clientIDOK: true}
	if matchTopic(levels, "a/x/dev1", &unsafe, false) {
		t.Error("grant with a missing user name matched")
	}
	if !matchTopic(levels, "a/x/dev1", &unsafe, true) || !matchTopic(levels, "a/$x/dev1", &unsafe, true) {
		t.Error("deny with a missing user name did not match any level")
	}
	if matchTopic(levels, "a/x/dev2", &unsafe, true) {
		t.Error("fail-closed level must not affect the other levels")
	}
}
