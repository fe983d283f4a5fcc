package topic

import (
	"errors"
	"strings"
	"testing"
)

// TestValidName covers Topic Names as carried by PUBLISH and Will messages.
func TestValidName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"simple", "sport/tennis/player1", nil},
		{"one level", "sport", nil},
		{"separator only", "/", nil},                        // §4.7.3: a "/" alone is valid
		{"leading separator", "/finance", nil},              // distinct from "finance"
		{"trailing separator", "finance/", nil},             // distinct from "finance"
		{"empty levels", "a//b///", nil},                    // empty levels are levels
		{"spaces", "sport tennis/ player 1 ", nil},          // §4.7.3: spaces are allowed
		{"dollar", "$SYS/broker/uptime", nil},               // names may start with "$"
		{"share prefix is just a name", "$share/g/a", nil},  // $share means nothing in a name
		{"utf-8", "capteurs/température/°C/日本", nil},        // compared as bytes
		{"max length", strings.Repeat("a", MaxLength), nil}, // [MQTT-4.7.3-3]
		{"MQTT-4.7.3-1 empty", "", ErrEmpty},                //
		{"MQTT-4.7.3-3 too long", strings.Repeat("a", MaxLength+1), ErrTooLong},
		{"MQTT-4.7.3-2 null", "a/\x00/b", ErrNullChar},            //
		{"MQTT-4.7.3-2 null only", "\x00", ErrNullChar},           //
		{"MQTT-3.3.2-2 plus level", "sport/+", ErrWildcardInName}, //
		{"MQTT-3.3.2-2 hash level", "sport/#", ErrWildcardInName}, //
		{"MQTT-3.3.2-2 plus inside", "sp+rt", ErrWildcardInName},  //
		{"MQTT-3.3.2-2 hash inside", "sp#rt", ErrWildcardInName},  //
		{"MQTT-3.3.2-2 plus only", "+", ErrWildcardInName},        //
		{"MQTT-3.3.2-2 hash only", "#", ErrWildcardInName},        //
		{"MQTT-4.7.0-1 shared wildcard", "$share/g/#", ErrWildcardInName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidName(tt.in); !errors.Is(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("ValidName(%.40q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestValidFilter covers Topic Filters as carried by SUBSCRIBE and
// UNSUBSCRIBE, including shared subscriptions.
func TestValidFilter(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"literal", "sport/tennis/player1", nil},
		{"separator only", "/", nil},
		{"empty levels", "a//b/", nil},
		{"dollar", "$SYS/#", nil},
		{"MQTT-4.7.1-1 hash alone", "#", nil},
		{"MQTT-4.7.1-1 hash after separator", "sport/tennis/#", nil},
		{"MQTT-4.7.1-1 hash after leading separator", "/#", nil},
		{"MQTT-4.7.1-1 hash after empty level", "a//#", nil},
		{"MQTT-4.7.1-1 hash after plus", "+/#", nil},
		{"MQTT-4.7.1-2 plus alone", "+", nil},
		{"MQTT-4.7.1-2 plus first", "+/tennis/#", nil},
		{"MQTT-4.7.1-2 plus middle", "sport/+/player1", nil},
		{"MQTT-4.7.1-2 plus last", "sport/tennis/+", nil},
		{"MQTT-4.7.1-2 plus twice", "+/+", nil},
		{"MQTT-4.7.1-2 plus after separator", "/+", nil},
		{"MQTT-4.7.1-2 plus before separator", "+/", nil},
		{"MQTT-4.7.1-2 plus between empty levels", "/+/", nil},
		{"max length", strings.Repeat("a", MaxLength), nil},
		{"MQTT-4.7.3-1 empty", "", ErrEmpty},
		{"MQTT-4.7.3-3 too long", strings.Repeat("a", MaxLength+1), ErrTooLong},
		{"MQTT-4.7.3-3 too long shared", SharePrefix + "g/" + strings.Repeat("a", MaxLength), ErrTooLong},
		{"MQTT-4.7.3-2 null", "a/\x00", ErrNullChar},
		{"MQTT-4.7.3-2 null after wildcard", "+/\x00", ErrNullChar},
		{"MQTT-4.7.1-1 hash not last", "sport/tennis/#/ranking", ErrInvalidWildcard},
		{"MQTT-4.7.1-1 hash then separator", "#/", ErrInvalidWildcard},
		{"MQTT-4.7.1-1 hash glued before", "sport/tennis#", ErrInvalidWildcard},
		{"MQTT-4.7.1-1 hash glued after", "sport/#tennis", ErrInvalidWildcard},
		{"MQTT-4.7.1-1 hash twice", "##", ErrInvalidWildcard},
		{"MQTT-4.7.1-1 hash after plus in level", "+#", ErrInvalidWildcard},
		{"MQTT-4.7.1-2 plus glued before", "sport+", ErrInvalidWildcard},
		{"MQTT-4.7.1-2 plus glued after", "+sport", ErrInvalidWildcard},
		{"MQTT-4.7.1-2 plus inside", "sport/te+nnis", ErrInvalidWildcard},
		{"MQTT-4.7.1-2 plus twice in level", "++", ErrInvalidWildcard},
		{"MQTT-4.7.1-2 plus glued to hash", "sport/+#", ErrInvalidWildcard},
		{"MQTT-4.7.1-2 plus last level glued", "a/b+", ErrInvalidWildcard},

		// Shared subscriptions, $share/{ShareName}/{filter}.
		{"MQTT-4.8.2-1 shared", "$share/consumer1/sport/tennis/+", nil},
		{"MQTT-4.8.2-1 shared hash", "$share/g/#", nil},
		{"MQTT-4.8.2-1 shared one-char name", "$share/g/a", nil},
		{"MQTT-4.8.2-1 shared leading separator", "$share/consumer1//finance", nil},
		{"MQTT-4.8.2-1 shared dollar filter", "$share/g/$SYS/#", nil},
		{"nested share", "$share/g/$share/h/a", ErrInvalidShare},
		{"nested share prefix only", "$share/0/$share/", ErrInvalidShare},
		{"MQTT-4.8.2-1 shared filter $share level", "$share/g/$share", nil},
		{"MQTT-4.8.2-1 shared filter $share-like", "$share/g/$shared/a", nil},
		{"MQTT-4.8.2-1 shared filter separator", "$share/g//", nil},
		{"MQTT-4.8.2-1 empty ShareName", "$share//a", ErrInvalidShare},
		{"MQTT-4.8.2-1 empty ShareName and filter", "$share//", ErrInvalidShare},
		{"MQTT-4.8.2-1 prefix only", "$share/", ErrInvalidShare},
		{"MQTT-4.8.2-2 no separator after ShareName", "$share/group", ErrInvalidShare},
		{"MQTT-4.8.2-2 no filter after separator", "$share/group/", ErrInvalidShare},
		{"MQTT-4.8.2-2 plus in ShareName", "$share/gr+up/a", ErrInvalidShare},
		{"MQTT-4.8.2-2 plus ShareName", "$share/+/a", ErrInvalidShare},
		{"MQTT-4.8.2-2 hash in ShareName", "$share/gr#up/a", ErrInvalidShare},
		{"MQTT-4.8.2-2 hash ShareName", "$share/#", ErrInvalidShare},
		{"MQTT-4.7.3-2 null in ShareName", "$share/g\x00/a", ErrNullChar},
		{"shared bad inner plus", "$share/g/a+", ErrInvalidWildcard},
		{"shared bad inner hash", "$share/g/#/a", ErrInvalidWildcard},
		{"shared bad inner null", "$share/g/a\x00", ErrNullChar},
		{"not shared without slash", "$share", nil},       // an ordinary filter
		{"not shared other case", "$SHARE/g", nil},        // the prefix is case-sensitive
		{"not shared longer word", "$shared/+/a", nil},    // "$shared" is not "$share"
		{"not shared wildcard after", "$sharefoo/#", nil}, //
		{"not shared but bad wildcard", "$SHARE/g+", ErrInvalidWildcard},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidFilter(tt.in); !errors.Is(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("ValidFilter(%.40q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestLimits checks that configured limits apply on top of the protocol's.
func TestLimits(t *testing.T) {
	deep := strings.Repeat("a/", 9999) + "a" // 10,000 levels
	tests := []struct {
		name   string
		limits Limits
		filter bool // CheckFilter instead of CheckName
		in     string
		want   error
	}{
		{"zero limits", Limits{}, false, deep, nil},
		{"zero limits filter", Limits{}, true, deep + "/#", nil},
		{"levels at limit", Limits{MaxLevels: 3}, false, "a/b/c", nil},
		{"levels over limit", Limits{MaxLevels: 3}, false, "a/b/c/d", ErrTooManyLevels},
		{"empty levels count", Limits{MaxLevels: 3}, false, "///", ErrTooManyLevels},
		{"separator is two levels", Limits{MaxLevels: 2}, false, "/", nil},
		{"one level", Limits{MaxLevels: 1}, false, "a", nil},
		{"10k levels", Limits{MaxLevels: 32}, false, deep, ErrTooManyLevels},
		{"10k levels filter", Limits{MaxLevels: 32}, true, deep + "/#", ErrTooManyLevels},
		{"filter levels at limit", Limits{MaxLevels: 3}, true, "+/b/#", nil},
		{"filter levels over limit", Limits{MaxLevels: 3}, true, "+/b/c/#", ErrTooManyLevels},
		{"shared counts inner levels", Limits{MaxLevels: 2}, true, "$share/g/a/#", nil},
		{"shared inner over limit", Limits{MaxLevels: 2}, true, "$share/g/a/b/#", ErrTooManyLevels},
		{"length at limit", Limits{MaxLength: 5}, false, "a/b/c", nil},
		{"length over limit", Limits{MaxLength: 5}, false, "a/b/cd", ErrTooLong},
		{"length over limit filter", Limits{MaxLength: 5}, true, "a/b/#", nil},
		{"length counts share prefix", Limits{MaxLength: 10}, true, "$share/g/a", nil},
		{"length counts share prefix over", Limits{MaxLength: 10}, true, "$share/g/ab", ErrTooLong},
		{"length above protocol", Limits{MaxLength: 1 << 20}, false, strings.Repeat("a", MaxLength+1), ErrTooLong},
		{"negative means none", Limits{MaxLevels: -1, MaxLength: -1}, false, deep, nil},
		{"still validates name", Limits{MaxLevels: 10}, false, "a/+", ErrWildcardInName},
		{"still validates filter", Limits{MaxLevels: 10}, true, "a+", ErrInvalidWildcard},
		{"still empty", Limits{MaxLevels: 10}, true, "", ErrEmpty},
		{"error at first bad level", Limits{MaxLevels: 2}, false, "a/b/+", ErrTooManyLevels},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check, fn := tt.limits.CheckName, "CheckName"
			if tt.filter {
				check, fn = tt.limits.CheckFilter, "CheckFilter"
			}
			if got := check(tt.in); !errors.Is(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("%+v.%s(%.40q) = %v, want %v", tt.limits, fn, tt.in, got, tt.want)
			}
		})
	}
}

// TestValidateNoAlloc checks that validation allocates nothing, on success
// and on failure.
func TestValidateNoAlloc(t *testing.T) {
	l := Limits{MaxLevels: 8}
	allocs := testing.AllocsPerRun(100, func() {
		_ = ValidName("fleet/42/sensor/7")
		_ = ValidFilter("$share/g/fleet/+/sensor/#")
		_ = ValidFilter("a/#/b")
		_ = l.CheckName("a/b/c/d/e/f/g/h/i/j")
	})
	if allocs != 0 {
		t.Errorf("validation allocates %v times, want 0", allocs)
	}
}

// TestParseShared covers splitting "$share/{ShareName}/{filter}" [MQTT-4.8.2-1]
// [MQTT-4.8.2-2].
func TestParseShared(t *testing.T) {
	tests := []struct {
		in           string
		group, inner string
		ok           bool
	}{
		{"$share/consumer1/sport/tennis/+", "consumer1", "sport/tennis/+", true},
		{"$share/consumer1//finance", "consumer1", "/finance", true},
		{"$share/g/#", "g", "#", true},
		{"$share/g/$share/h/a", "g", "$share/h/a", true},
		{"$share/g//", "g", "/", true},
		{"sport/tennis", "", "", false},
		{"$share", "", "", false},
		{"$share/", "", "", false},
		{"$share/g", "", "", false},
		{"$share/g/", "", "", false},
		{"$share//a", "", "", false},
		{"$SHARE/g/a", "", "", false},
		{"$shared/g/a", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		group, inner, ok := ParseShared(tt.in)
		if group != tt.group || inner != tt.inner || ok != tt.ok {
			t.Errorf("ParseShared(%q) = %q, %q, %v, want %q, %q, %v",
				tt.in, group, inner, ok, tt.group, tt.inner, tt.ok)
		}
	}
}

func TestHasWildcard(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"sport/tennis", false},
		{"/", false},
		{"$share/g/a", false},
		{"+", true},
		{"#", true},
		{"sport/+/player1", true},
		{"sport/#", true},
		{"$share/g/+", true},
	}
	for _, tt := range tests {
		if got := HasWildcard(tt.in); got != tt.want {
			t.Errorf("HasWildcard(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// matchCases drives TestMatch, the Tree tests and the fuzz seeds. The spec
// examples come from MQTT 5.0 §4.7.1.2, §4.7.1.3 and §4.7.2.
var matchCases = []struct {
	filter, name string
	want         bool
}{
	// §4.7.1.2 multi-level wildcard [MQTT-4.7.1-1].
	{"sport/tennis/player1/#", "sport/tennis/player1", true},
	{"sport/tennis/player1/#", "sport/tennis/player1/ranking", true},
	{"sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true},
	{"sport/tennis/player1/#", "sport/tennis/player2", false},
	{"sport/tennis/player1/#", "sport/tennis", false},
	{"sport/tennis/player1/#", "sport/tennis/player1/", true},
	{"sport/#", "sport", true}, // "#" includes the parent level
	{"sport/#", "sport/", true},
	{"sport/#", "sports", false},
	{"sport/#", "/sport", false},
	{"#", "sport", true},
	{"#", "/", true},
	{"#", "sport/tennis/player1", true},
	{"/#", "/", true},
	{"/#", "/finance", true},
	{"/#", "finance", false},
	{"a//#", "a/", true}, // levels "a" and "": the parent of "#"
	{"a//#", "a", false},
	{"a//#", "a//", true},
	{"a//#", "a//b", true},

	// §4.7.1.3 single-level wildcard [MQTT-4.7.1-2].
	{"sport/tennis/+", "sport/tennis/player1", true},
	{"sport/tennis/+", "sport/tennis/player2", true},
	{"sport/tennis/+", "sport/tennis/player1/ranking", false},
	{"sport/tennis/+", "sport/tennis/", true},
	{"sport/+", "sport", false},
	{"sport/+", "sport/", true},
	{"+", "sport", true},
	{"+", "/finance", false},
	{"+", "/", false},
	{"+/+", "/finance", true},
	{"+/+", "/", true},
	{"+/+", "a/b/c", false},
	{"/+", "/finance", true},
	{"/+", "finance", false},
	{"/+", "/", true},
	{"+/tennis/#", "sport/tennis/player1", true},
	{"+/tennis/#", "sport/tennis", true},
	{"+/tennis/#", "sport/golf", false},
	{"sport/+/player1", "sport/tennis/player1", true},
	{"sport/+/player1", "sport//player1", true},
	{"sport/+/player1", "sport/tennis/player2", false},
	{"+/#", "sport", true},
	{"+/#", "/", true},
	{"+/+/#", "sport", false},

	// §4.7.2 topics beginning with "$" [MQTT-4.7.2-1].
	{"#", "$SYS/broker/uptime", false},
	{"#", "$SYS", false},
	{"#", "$", false},
	{"+/monitor/Clients", "$SYS/monitor/Clients", false},
	{"+", "$SYS", false},
	{"+/#", "$SYS/monitor", false},
	{"$SYS/#", "$SYS/monitor/Clients", true},
	{"$SYS/#", "$SYS", true},
	{"$SYS/monitor/+", "$SYS/monitor/Clients", true},
	{"$SYS/+/Clients", "$SYS/monitor/Clients", true},
	{"$SYS/#", "$SYSTEM/a", false},
	{"$", "$", true},
	{"a/#", "a/$b", true}, // only the first level matters
	{"a/+", "a/$b", true},
	{"+/$b", "a/$b", true},
	{"/#", "/$SYS", true},
	{"+/+", "/$SYS", true},
	{"#", "a$", true},
	{"+", "a$", true},

	// Literal levels compare byte for byte [MQTT-4.7.3-4].
	{"sport/tennis", "sport/tennis", true},
	{"sport/tennis", "sport/tennis/", false},
	{"sport/tennis", "sport/Tennis", false},
	{"ACCOUNTS", "Accounts", false},
	{"sport/tennis", "sport", false},
	{"sport", "sport/tennis", false},
	{"/", "/", true},
	{"/", "//", false},
	{"//", "/", false},
	{"a//b", "a//b", true},
	{"a//b", "a/b", false},
	{"café", "café", true},
	{"café", "cafe\u0301", false}, // no Unicode normalization
	{"$share/g/a", "$share/g/a", true},
	{"a b", "a b", true},
}

// TestMatch checks Match against the spec examples in matchCases.
func TestMatch(t *testing.T) {
	for _, tt := range matchCases {
		if err := ValidFilter(tt.filter); err != nil {
			t.Fatalf("bad case: ValidFilter(%q) = %v", tt.filter, err)
		}
		if err := ValidName(tt.name); err != nil {
			t.Fatalf("bad case: ValidName(%q) = %v", tt.name, err)
		}
		if got := Match(tt.filter, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.filter, tt.name, got, tt.want)
		}
	}
}

// TestMatchNoAlloc checks that Match allocates nothing.
func TestMatchNoAlloc(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		for _, tt := range matchCases {
			Match(tt.filter, tt.name)
		}
	})
	if allocs != 0 {
		t.Errorf("Match allocates %v times, want 0", allocs)
	}
}

// TestMatchAnyInput checks that Match does not panic on strings that are not
// valid topics.
func TestMatchAnyInput(t *testing.T) {
	inputs := []string{"", "/", "//", "#", "+", "#/#", "+#", "a/#/b", "$", "$/", "\x00", "a/"}
	for _, f := range inputs {
		for _, n := range inputs {
			Match(f, n)
		}
	}
}
