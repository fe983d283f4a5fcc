package topic

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// FuzzTopicMatch checks the Tree against the naive Match. Valid filters
// among f1..f3 go into a Tree of subscriptions, which must report for name
// exactly the filters Match accepts, once per (filter, id); name and the
// filters go into a Tree of retained names, which Scan must search as Match
// does. Invalid filters are skipped; names are not validated, since Match and
// the Tree must agree on any name. Nothing may panic, and removing every
// entry must leave an empty tree.
func FuzzTopicMatch(f *testing.F) {
	for i, tt := range matchCases {
		other := matchCases[(i+1)%len(matchCases)].filter
		f.Add(tt.filter, other, "#", tt.name)
		f.Add(tt.filter, tt.filter, "+/+", tt.name) // the same filter twice
	}
	f.Add("$share/g/a/#", "a/+", "", "a/b")
	f.Add("a/#/b", "+a", "", "a//b")
	f.Add("/", "//", "+", "")
	f.Add("+/+/+", "#", "$/#", "$//")

	f.Fuzz(func(t *testing.T, f1, f2, f3, name string) {
		var filters []string
		for _, f := range []string{f1, f2, f3} {
			if ValidFilter(f) == nil {
				filters = append(filters, f)
			}
		}

		// Subscriptions: keys are filters, ids name the filter's position,
		// so the same filter given twice is two entries at one key.
		var subs Tree[string, int]
		for i, f := range filters {
			subs.Insert(f, strconv.Itoa(i), i)
		}
		checkTree(t, &subs)
		var want []string
		for i, f := range filters {
			if Match(f, name) {
				want = append(want, strconv.Itoa(i))
			}
		}
		if got := matchIDs(&subs, name); !slices.Equal(got, want) {
			t.Errorf("filters %q: Tree.Match(%q) = %q, Match says %q", filters, name, got, want)
		}
		for i, f := range filters {
			if !subs.Remove(f, strconv.Itoa(i)) {
				t.Errorf("Remove(%q, %d) = false", f, i)
			}
		}
		if subs.Len() != 0 || subs.Keys() != 0 || subs.nodes != 0 {
			t.Errorf("after Remove: Len=%d Keys=%d nodes=%d", subs.Len(), subs.Keys(), subs.nodes)
		}

		// Retained messages: keys are names. The filters themselves serve as
		// extra names, wildcards and all, which Match treats as literals.
		names := append([]string{name}, f1, f2, f3)
		var retained Tree[string, int]
		for _, n := range names {
			retained.Insert(n, "r", 0)
		}
		checkTree(t, &retained)
		keys := retained.keysForTest()
		for _, f := range filters {
			if g, inner, ok := ParseShared(f); ok {
				if g == "" || inner == "" || ValidFilter(inner) != nil {
					t.Errorf("ParseShared(%q) = %q, %q from a valid filter", f, g, inner)
				}
				f = inner
			}
			var want []string
			for _, k := range keys {
				if Match(f, k) {
					want = append(want, k+" r")
				}
			}
			slices.Sort(want)
			if got := scanKeys(&retained, f); !slices.Equal(got, want) {
				t.Errorf("names %q: Tree.Scan(%q) = %q, Match says %q", keys, f, got, want)
			}
		}
		for _, n := range names {
			retained.Remove(n, "r")
		}
		if retained.Len() != 0 || retained.nodes != 0 {
			t.Errorf("after Remove: Len=%d nodes=%d", retained.Len(), retained.nodes)
		}

		// The validators agree with each other and never panic.
		if ValidName(name) == nil && ValidFilter(name) != nil && !strings.HasPrefix(name, SharePrefix) {
			t.Errorf("ValidName(%q) = nil but ValidFilter = %v", name, ValidFilter(name))
		}
		_ = HasWildcard(name)
	})
}
