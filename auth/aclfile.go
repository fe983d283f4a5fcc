package auth

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// ACL is an Authorizer backed by a Mosquitto-format ACL file
// (mosquitto.conf(5), acl_file; mosquitto.org/documentation/plugins/acl-file):
//
//	# comment
//	topic [read|write|readwrite|deny] <filter>    rules for the current section
//	user <name>                                   start the section of user <name>
//	pattern [read|write|readwrite|deny] <filter>  rules for every client, with
//	                                              %u = user name, %c = client ID
//
// The access defaults to readwrite. Topic lines before the first user line
// form the anonymous section, used by clients that sent no user name; a
// client with a user name uses the section of that name (or none), never
// the anonymous one. Pattern lines apply to everyone wherever they appear.
// A filter may contain spaces; it is the rest of the line after the access
// word, trimmed. Repeated user sections of one name are merged.
//
// Checking, for a client c and an operation:
//
//  1. If a deny rule of c's section or a deny pattern matches, deny.
//  2. If a grant of the needed access (write to publish, read to read or
//     subscribe) in c's section or among the patterns matches, allow.
//  3. Otherwise deny: with an ACL, what is not granted is forbidden.
//
// Publish and read checks match the topic against the rule's filter;
// subscribe checks use cover semantics (see CanSubscribe). As in MQTT
// matching [MQTT-4.7.2-1] and in Mosquitto's check, a wildcard in the first
// level does not match a topic starting with '$': "topic read #" does not
// grant $SYS/#; a rule must name "$SYS" literally.
//
// Differences from Mosquitto 2.0 (src/security_default.c, checked against
// its source):
//
//   - Mosquitto checks a user's topic rules (denies first) before patterns,
//     so a grant in the user section beats a deny pattern. Here every
//     matching deny wins, whichever list it is in.
//   - Mosquitto's acl_file does not check SUBSCRIBE at all (its check
//     returns success for MOSQ_ACL_SUBSCRIBE, "FIXME - implement ACL
//     subscription strings") and relies on the per-message read check.
//     CanSubscribe here refuses subscriptions no read rule covers.
//   - %u and %c must be a whole topic level ("a/%u/b", not "a/x%u"), as the
//     Mosquitto 2.1 documentation requires; Mosquitto 2.0 substituted them
//     anywhere. A partial use is a parse error rather than a silent
//     difference. In topic lines %u and %c are literal text, as in
//     Mosquitto.
//   - Mosquitto 2.0 denies all pattern-based access to a client whose user
//     name or client ID contains '+' or '#' (1.x also '/'). Here a value
//     that contains '+', '#' or '/', is empty, or is missing (the user name
//     of an anonymous client) is simply not substituted: grant patterns
//     using it do not apply to that client, and deny patterns using it
//     treat that level as matching any one level (fail closed), so
//     "pattern deny users/%u/admin" denies an anonymous client
//     users/+/admin. Mosquitto skips %u patterns, denies included, for
//     anonymous clients.
//   - A line "topic read" (an access word and no filter) is a rule for the
//     topic named "read" in Mosquitto and an error here; write
//     "topic readwrite read" for that. Lines whose first non-blank
//     character is '#' are comments (Mosquitto: only in the first column).
//
// An ACL is immutable and safe for concurrent use; the checks do not
// allocate.
type ACL struct {
	anon     ruleSet             // topic lines before the first user line
	users    map[string]*ruleSet // topic lines per user
	patterns ruleSet             // pattern lines
	// needU and needC report whether any pattern uses %u / %c, so checks
	// can skip computing substitution values when none does.
	needU, needC bool
}

// ruleSet holds rules split by what they grant, so a check scans only the
// relevant ones.
type ruleSet struct {
	deny, read, write []rule
}

// rule is one topic or pattern line.
type rule struct {
	levels []level
	filter string // as written, for messages and debugging
	line   int
}

func (rs *ruleSet) add(r rule, acc access) {
	switch acc {
	case accessDeny:
		rs.deny = append(rs.deny, r)
	case accessRead:
		rs.read = append(rs.read, r)
	case accessWrite:
		rs.write = append(rs.write, r)
	case accessReadWrite:
		rs.read = append(rs.read, r)
		rs.write = append(rs.write, r)
	}
}

type access uint8

const (
	accessRead access = iota + 1
	accessWrite
	accessReadWrite
	accessDeny
)

// LoadACLFile reads and parses the ACL file at path.
func LoadACLFile(path string) (*ACL, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	defer f.Close()
	return ParseACL(path, f)
}

// ParseACL parses an ACL file read from r. name is used in error messages,
// which have the form "name:line: problem" (*ParseError) and quote the
// offending token.
func ParseACL(name string, r io.Reader) (*ACL, error) {
	a := &ACL{users: make(map[string]*ruleSet)}
	cur := &a.anon
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLineLen)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		keyword, rest := cutField(line)
		switch keyword {
		case "user":
			if rest == "" {
				return nil, parseErrorf(name, lineNo, "user: missing user name")
			}
			rs := a.users[rest]
			if rs == nil {
				rs = &ruleSet{}
				a.users[rest] = rs
			}
			cur = rs
		case "topic", "pattern":
			isPattern := keyword == "pattern"
			acc, filter, err := parseRule(keyword, rest)
			if err != nil {
				return nil, parseErrorf(name, lineNo, "%s", err)
			}
			if !validFilter(filter) {
				return nil, parseErrorf(name, lineNo, "%s: invalid topic filter %q", keyword, filter)
			}
			r := rule{levels: splitFilter(filter, isPattern), filter: filter, line: lineNo}
			if isPattern {
				for _, l := range r.levels {
					switch l.kind {
					case levelUsername:
						a.needU = true
					case levelClientID:
						a.needC = true
					case levelLiteral:
						if strings.Contains(l.text, "%u") || strings.Contains(l.text, "%c") {
							return nil, parseErrorf(name, lineNo, "pattern: %%u and %%c must be a whole topic level in %q", filter)
						}
					}
				}
				a.patterns.add(r, acc)
			} else {
				cur.add(r, acc)
			}
		default:
			return nil, parseErrorf(name, lineNo, "unknown keyword %q (want topic, pattern or user)", keyword)
		}
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, parseErrorf(name, lineNo+1, "line longer than %d bytes", maxLineLen)
		}
		return nil, fmt.Errorf("auth: reading %s: %w", name, err)
	}
	return a, nil
}

// cutField splits s (already trimmed) at its first run of blanks.
func cutField(s string) (field, rest string) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// parseRule parses "[access] filter", the rest of a topic or pattern line.
func parseRule(keyword, rest string) (access, string, error) {
	if rest == "" {
		return 0, "", fmt.Errorf("%s: missing topic filter", keyword)
	}
	first, filter := cutField(rest)
	if filter == "" {
		// One token: the filter, with the default access. A bare access
		// word is almost certainly a rule missing its filter.
		if _, isAccess := parseAccess(first); isAccess {
			return 0, "", fmt.Errorf("%s: missing topic filter after access %q", keyword, first)
		}
		return accessReadWrite, first, nil
	}
	acc, ok := parseAccess(first)
	if !ok {
		return 0, "", fmt.Errorf("%s: unknown access %q (want read, write, readwrite or deny)", keyword, first)
	}
	return acc, filter, nil
}

func parseAccess(s string) (access, bool) {
	switch s {
	case "read":
		return accessRead, true
	case "write":
		return accessWrite, true
	case "readwrite":
		return accessReadWrite, true
	case "deny":
		return accessDeny, true
	}
	return 0, false
}

// section returns the user-specific rules for c, or nil.
func (a *ACL) section(c *Client) *ruleSet {
	if !c.HasUsername {
		return &a.anon
	}
	return a.users[c.Username]
}

// subst computes the pattern substitution values for c.
func (a *ACL) subst(c *Client) subst {
	var s subst
	if a.needU && c.HasUsername {
		s.username, s.usernameOK = c.Username, safeSubstValue(c.Username)
	}
	if a.needC {
		s.clientID, s.clientIDOK = c.ClientID, safeSubstValue(c.ClientID)
	}
	return s
}

// CanPublish reports whether c may publish to topic: a write or readwrite
// rule matches it and no deny rule does. An invalid topic name is refused.
func (a *ACL) CanPublish(c *Client, topic string) bool {
	return a.checkTopic(c, topic, false)
}

// CanRead reports whether a message on topic may be delivered to c: a read
// or readwrite rule matches it and no deny rule does. The broker calls it
// for every delivery, because a permitted subscription (say "a/#") may
// still overlap a deny rule (say "a/secret").
func (a *ACL) CanRead(c *Client, topic string) bool {
	return a.checkTopic(c, topic, true)
}

func (a *ACL) checkTopic(c *Client, topic string, read bool) bool {
	if !validTopicName(topic) {
		return false
	}
	s := a.subst(c)
	sec := a.section(c)
	if sec != nil && anyMatch(sec.deny, topic, &s, true) {
		return false
	}
	if anyMatch(a.patterns.deny, topic, &s, true) {
		return false
	}
	if read {
		return (sec != nil && anyMatch(sec.read, topic, &s, false)) || anyMatch(a.patterns.read, topic, &s, false)
	}
	return (sec != nil && anyMatch(sec.write, topic, &s, false)) || anyMatch(a.patterns.write, topic, &s, false)
}

func anyMatch(rules []rule, topic string, s *subst, failClosed bool) bool {
	for i := range rules {
		if matchTopic(rules[i].levels, topic, s, failClosed) {
			return true
		}
	}
	return false
}

// CanSubscribe reports whether c may subscribe to filter. For a shared
// subscription "$share/group/f" the inner filter f is checked.
//
// A subscription is allowed when a read or readwrite rule covers it, that
// is, matches every topic the subscription can match: rule "a/#" covers
// "a/+/b" and "a/#"; rule "a/+" covers "a/b" and "a/+" but not "a/#". It is
// refused when a deny rule covers it, since every message would be
// withheld anyway.
//
// A deny rule that only overlaps the subscription does not refuse it: with
// deny "a/secret" and read "a/#", subscribing to "a/#" is allowed and
// CanRead withholds messages on a/secret at delivery. This follows
// Mosquitto, whose acl_file never refuses a subscription and filters every
// delivered message, and whose dynamic-security plugin applies subscribe
// rules, allow or deny, only when they cover the subscription
// (mosquitto_sub_matches_acl). Refusing any overlapping subscription
// instead would make "#"-style subscriptions impossible for any client with
// a single deny rule.
func (a *ACL) CanSubscribe(c *Client, filter string) bool {
	inner, ok := innerFilter(filter)
	if !ok || !validFilter(inner) {
		return false
	}
	s := a.subst(c)
	sec := a.section(c)
	if sec != nil && anyCover(sec.deny, inner, &s, true) {
		return false
	}
	if anyCover(a.patterns.deny, inner, &s, true) {
		return false
	}
	return (sec != nil && anyCover(sec.read, inner, &s, false)) || anyCover(a.patterns.read, inner, &s, false)
}

func anyCover(rules []rule, sub string, s *subst, failClosed bool) bool {
	for i := range rules {
		if coversFilter(rules[i].levels, sub, s, failClosed) {
			return true
		}
	}
	return false
}
