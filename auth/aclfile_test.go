package auth

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// testACL exercises every kind of line. Comments say which Mosquitto
// behaviour each part mirrors.
const testACL = `# Topic lines before the first user line: the anonymous section
# (mosquitto.conf(5): "The first set of topics are applied to anonymous clients").
topic read public/#
topic deny public/secret

user alice
topic readwrite alice/#
topic read shared/+/status
topic deny alice/locked
topic write $SYS/broker/alice

user bob
# No access word: readwrite (Mosquitto's default).
topic bob/#
# Filters may contain spaces: the rest of the line after the access word.
topic read a b/c

user carol
topic read #

user x/y
topic readwrite users/#

# Patterns apply to every client, wherever they appear in the file.
pattern readwrite users/%u/#
pattern write devices/%c/telemetry
pattern deny users/%u/admin
`

type op int

const (
	pub op = iota
	read
	sub
)

func (o op) String() string { return [...]string{"publish", "read", "subscribe"}[o] }

func anon(clientID string) *Client { return &Client{ClientID: clientID} }
func user(name, clientID string) *Client {
	return &Client{Username: name, HasUsername: true, ClientID: clientID}
}

func check(a Authorizer, o op, c *Client, t string) bool {
	switch o {
	case pub:
		return a.CanPublish(c, t)
	case read:
		return a.CanRead(c, t)
	}
	return a.CanSubscribe(c, t)
}

func TestACLChecks(t *testing.T) {
	a := mustParseACL(t, testACL)
	alice := user("alice", "c1")
	tests := []struct {
		name  string
		c     *Client
		op    op
		topic string
		want  bool
	}{
		// Anonymous section.
		{"anon reads public", anon("c0"), read, "public/news", true},
		{"anon reads public parent (# matches the parent level)", anon("c0"), read, "public", true},
		{"anon cannot write a read rule", anon("c0"), pub, "public/news", false},
		{"anon deny beats grant", anon("c0"), read, "public/secret", false},
		{"deny is exact: child of denied topic", anon("c0"), read, "public/secret/x", true},
		{"anon has no user rules", anon("c0"), read, "alice/x", false},
		{"anon gets no %u pattern", anon("c0"), pub, "users//x", false},

		// A user's own section; the anonymous section does not apply to
		// named users (Mosquitto's acl__find_acls picks exactly one list).
		{"alice writes her tree", alice, pub, "alice/x/y", true},
		{"alice reads her tree", alice, read, "alice/x", true},
		{"alice deny", alice, pub, "alice/locked", false},
		{"alice deny read too", alice, read, "alice/locked", false},
		{"alice + rule", alice, read, "shared/7/status", true},
		{"alice + rule is one level", alice, read, "shared/7/8/status", false},
		{"alice read-only rule", alice, pub, "shared/7/status", false},
		{"named user does not get anonymous rules", alice, read, "public/news", false},
		{"$ topic with literal $ rule", alice, pub, "$SYS/broker/alice", true},
		{"write-only rule does not grant read", alice, read, "$SYS/broker/alice", false},

		// Default access and filters with spaces.
		{"default access is readwrite (write)", user("bob", "c"), pub, "bob/1", true},
		{"default access is readwrite (read)", user("bob", "c"), read, "bob/1", true},
		{"filter with a space", user("bob", "c"), read, "a b/c", true},
		{"filter with a space, other topic", user("bob", "c"), read, "a", false},

		// '#' does not match $ topics [MQTT-4.7.2-1]; Mosquitto's ACL
		// check skips rules not starting with '$' for such topics.
		{"# grants normal topics", user("carol", "c"), read, "any/thing", true},
		{"# does not grant $SYS", user("carol", "c"), read, "$SYS/broker/uptime", false},
		{"read-only # does not grant publish", user("carol", "c"), pub, "any/thing", false},

		// Patterns.
		{"%u pattern", alice, pub, "users/alice/inbox", true},
		{"%u pattern parent", alice, read, "users/alice", true},
		{"%u pattern other user", alice, pub, "users/bob/inbox", false},
		{"%c pattern", alice, pub, "devices/c1/telemetry", true},
		{"%c pattern is write-only", alice, read, "devices/c1/telemetry", false},
		{"%c pattern other client", alice, pub, "devices/c2/telemetry", false},
		{"unlisted user gets patterns only", user("dave", "d"), pub, "users/dave/x", true},
		{"unlisted user gets nothing else", user("dave", "d"), read, "public/news", false},
		{"empty user name gets no %u", user("", "d"), pub, "users//x", false},

		// A deny pattern overrides a user-section grant. (Mosquitto 2.0
		// checks the user's topic rules first and would allow this.)
		{"deny pattern beats user grant", user("carol", "c"), read, "users/carol/admin", false},
		{"deny pattern for own name", alice, pub, "users/alice/admin", false},

		// Names that would widen a pattern are not substituted
		// (Mosquitto 2.0 denies pattern access to user names or client
		// IDs containing + or #; without that "users/%u/#" with user
		// "+" would become "users/+/#").
		{"user + gets no pattern", user("+", "c"), pub, "users/bob/x", false},
		{"user # gets no pattern", user("#", "c"), read, "users/bob/x", false},
		{"user with / gets no pattern", user("eve/x", "c"), pub, "users/eve/x/y", false},
		{"client ID with / gets no pattern", user("dave", "a/b"), pub, "devices/a/b/telemetry", false},
		{"client ID with # gets no pattern", user("dave", "#"), pub, "devices/x/telemetry", false},
		// ...but keeps its own section, and a deny pattern it cannot be
		// substituted into matches any level there (fail closed).
		{"dangerous user keeps own grants", user("x/y", "c"), pub, "users/q/other", true},
		{"deny pattern fails closed", user("x/y", "c"), pub, "users/q/admin", false},

		// Invalid topic names are refused.
		{"empty topic", alice, pub, "", false},
		{"wildcard in topic name", alice, pub, "alice/+", false},
		{"NUL in topic", alice, pub, "alice/\x00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := check(a, tt.op, tt.c, tt.topic); got != tt.want {
				t.Fatalf("%v %q by %+v = %v, want %v", tt.op, tt.topic, *tt.c, got, tt.want)
			}
		})
	}
}

func TestACLSubscribe(t *testing.T) {
	a := mustParseACL(t, testACL)
	alice := user("alice", "c1")
	carol := user("carol", "c")
	tests := []struct {
		name   string
		c      *Client
		filter string
		want   bool
	}{
		{"same filter", anon("c"), "public/#", true},
		{"narrower +", anon("c"), "public/+", true},
		{"narrower literal", anon("c"), "public/news", true},
		{"parent level covered by #", anon("c"), "public", true},
		{"wider than the rule", anon("c"), "#", false},
		{"other tree", anon("c"), "private/#", false},
		// Mosquitto never refuses a subscription for a deny that only
		// overlaps it; messages are withheld by the read check instead.
		{"overlapping deny does not refuse", anon("c"), "public/#", true},
		{"covering deny refuses", anon("c"), "public/secret", false},
		{"shared subscription checks the inner filter", anon("c"), "$share/g/public/#", true},
		{"shared subscription, inner denied", anon("c"), "$share/g/public/secret", false},
		{"shared subscription without filter", anon("c"), "$share/g", false},
		{"shared subscription without group", anon("c"), "$share//public/#", false},
		{"shared subscription with wildcard group", anon("c"), "$share/+/public/#", false},

		{"own tree", alice, "alice/#", true},
		{"own tree, + at the end", alice, "alice/+", true},
		{"deny covers the subscription", alice, "alice/locked", false},
		{"deny is one topic: its child is fine", alice, "alice/locked/x", true},
		{"+ rule covers the same", alice, "shared/+/status", true},
		{"+ rule covers a literal", alice, "shared/9/status", true},
		{"+ rule does not cover #", alice, "shared/#", false},
		{"+ rule does not cover a deeper +", alice, "shared/+/+", false},
		{"+ rule does not cover a shorter filter", alice, "shared/+", false},
		{"write-only rule gives no subscription", alice, "$SYS/broker/alice", false},
		{"%u pattern covers", alice, "users/alice/#", true},
		{"%u pattern does not cover +", alice, "users/+/x", false},
		{"%u deny pattern refuses", alice, "users/alice/admin", false},
		{"%u deny pattern overlaps only", alice, "users/alice/+", true},

		{"# covers #", carol, "#", true},
		{"# covers +/x", carol, "+/x", true},
		{"# does not cover $SYS", carol, "$SYS/#", false},
		{"# does not cover a $ literal", carol, "$SYS/broker/uptime", false},

		{"invalid filter", alice, "alice/#/x", false},
		{"invalid +", alice, "alice/x+", false},
		{"empty filter", alice, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.CanSubscribe(tt.c, tt.filter); got != tt.want {
				t.Fatalf("CanSubscribe(%+v, %q) = %v, want %v", *tt.c, tt.filter, got, tt.want)
			}
		})
	}
}

// TestACLAnonymousDenyPattern: a deny pattern using %u applies to
// anonymous clients with that level matching anything.
func TestACLAnonymousDenyPattern(t *testing.T) {
	a := mustParseACL(t, "topic read users/#\npattern deny users/%u/admin\n")
	if !a.CanRead(anon("c"), "users/bob/inbox") {
		t.Error("grant lost")
	}
	if a.CanRead(anon("c"), "users/bob/admin") {
		t.Error("deny pattern did not fail closed for an anonymous client")
	}
	if !a.CanSubscribe(anon("c"), "users/#") || a.CanSubscribe(anon("c"), "users/bob/admin") {
		t.Error("subscribe")
	}
}

func TestACLEmptyDeniesAll(t *testing.T) {
	// mosquitto 2.0: with an acl_file and no rules for a client, access
	// is denied ("if(!ed->client->acl_list && !security_opts->acl_patterns)
	// return MOSQ_ERR_ACL_DENIED").
	a := mustParseACL(t, "# nothing\n")
	for _, c := range []*Client{anon("c"), user("alice", "c")} {
		for _, o := range []op{pub, read, sub} {
			if check(a, o, c, "a") {
				t.Errorf("%v allowed for %+v", o, *c)
			}
		}
	}
}

func TestAllowAll(t *testing.T) {
	var a Authorizer = AllowAll{}
	for _, o := range []op{pub, read, sub} {
		if !check(a, o, anon("c"), "$SYS/x") {
			t.Errorf("AllowAll refused %v", o)
		}
	}
}

func TestParseACL(t *testing.T) {
	in := "\ttopic  \t read   a b/c  \r\n" + // blanks and CRLF
		"  # indented comment\n" +
		"user   erin smith  \n" +
		"topic write e/1\n" +
		"user bob\n" +
		"topic read b/1\n" +
		"user erin smith\n" + // sections of one name merge
		"topic deny e/2\n" +
		"topic read %u/x\n" // %u is literal in topic lines
	a := mustParseACL(t, in)
	filters := func(rs []rule) string {
		var s []string
		for _, r := range rs {
			s = append(s, fmt.Sprintf("%s@%d", r.filter, r.line))
		}
		return strings.Join(s, ",")
	}
	erin := a.users["erin smith"]
	if erin == nil {
		t.Fatalf("users = %v", a.users)
	}
	for _, c := range []struct{ got, want string }{
		{filters(a.anon.read), "a b/c@1"},
		{filters(erin.write), "e/1@4"},
		{filters(erin.deny), "e/2@8"},
		{filters(erin.read), "%u/x@9"},
		{filters(a.users["bob"].read), "b/1@6"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
	if a.needU || a.needC {
		t.Error("topic lines must not enable substitution")
	}
	if !a.CanRead(user("erin smith", "c"), "%u/x") {
		t.Error("literal %u topic")
	}
}

func TestParseACLErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"unknown keyword", "# c\n\ntopix read a\n", `acl:3: unknown keyword "topix" (want topic, pattern or user)`},
		{"capitalised keyword", "Topic a\n", `acl:1: unknown keyword "Topic" (want topic, pattern or user)`},
		{"user without name", "user\n", "acl:1: user: missing user name"},
		{"user without name, blanks", "user  \t\n", "acl:1: user: missing user name"},
		{"topic without filter", "topic\n", "acl:1: topic: missing topic filter"},
		{"access without filter", "topic read\n", `acl:1: topic: missing topic filter after access "read"`},
		{"pattern access without filter", "pattern deny\n", `acl:1: pattern: missing topic filter after access "deny"`},
		{"unknown access", "topic reed a/b\n", `acl:1: topic: unknown access "reed" (want read, write, readwrite or deny)`},
		{"two words without access", "topic a b\n", `acl:1: topic: unknown access "a" (want read, write, readwrite or deny)`},
		{"# in the middle", "topic read a/#/b\n", `acl:1: topic: invalid topic filter "a/#/b"`},
		{"+ inside a level", "topic read a/b+\n", `acl:1: topic: invalid topic filter "a/b+"`},
		{"# inside a level", "pattern read a#\n", `acl:1: pattern: invalid topic filter "a#"`},
		{"invalid UTF-8", "topic read a/\xff\n", `acl:1: topic: invalid topic filter "a/\xff"`},
		{"partial %u", "pattern read a/x%u\n", `acl:1: pattern: %u and %c must be a whole topic level in "a/x%u"`},
		{"partial %c", "pattern read %c-dev/x\n", `acl:1: pattern: %u and %c must be a whole topic level in "%c-dev/x"`},
		{"line number after users", "user a\ntopic a\nuser b\ntopic write\n", `acl:4: topic: missing topic filter after access "write"`},
		{"long line", "topic read " + strings.Repeat("a", maxLineLen), "acl:1: line longer than 1048576 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseACL("acl", strings.NewReader(tt.in))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			if err.Error() != tt.want {
				t.Fatalf("error\n got %q\nwant %q", err, tt.want)
			}
		})
	}
}

func TestLoadACLFile(t *testing.T) {
	if _, err := LoadACLFile("testdata/does-not-exist"); err == nil || !strings.HasPrefix(err.Error(), "auth: open ") {
		t.Fatalf("missing file: %v", err)
	}
	a, err := LoadACLFile("testdata/example.acl")
	if err != nil {
		t.Fatal(err)
	}
	if !a.CanPublish(user("sensor-gw", "gw1"), "sensors/gw1/temperature") {
		t.Error("example.acl: pattern grant")
	}
}

func TestACLChecksDoNotAllocate(t *testing.T) {
	a := mustParseACL(t, testACL)
	c := user("alice", "c1")
	allocs := testing.AllocsPerRun(100, func() {
		a.CanPublish(c, "users/alice/inbox")
		a.CanRead(c, "shared/7/status")
		a.CanSubscribe(c, "$share/g/alice/#")
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per check", allocs)
	}
}
