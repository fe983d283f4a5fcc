package auth

import (
	"strings"
	"unicode/utf8"
)

// This file holds the small amount of MQTT topic logic the ACL needs:
// validation, topic-against-filter matching and filter-against-filter
// covering, over filters pre-split into levels with %u/%c placeholders.
// It deliberately does not import package topic (see STYLE.md: auth may,
// but this package was written before topic existed).

// levelKind classifies one level of an ACL filter.
type levelKind uint8

const (
	levelLiteral  levelKind = iota // matches a topic level equal to text
	levelPlus                      // '+': any one level
	levelHash                      // '#': this level and all below (last level only)
	levelUsername                  // "%u" in a pattern: the client's user name
	levelClientID                  // "%c" in a pattern: the client's ID
)

// level is one level of an ACL filter.
type level struct {
	kind levelKind
	text string // for levelLiteral
}

// subst holds the values %u and %c stand for when checking one client.
// A value is usable only if ok: present, non-empty, and free of '+', '#'
// and '/', which would otherwise let a client widen a pattern by choosing
// its own name (Mosquitto refuses such names for pattern ACLs too; see ACL).
type subst struct {
	username, clientID     string
	usernameOK, clientIDOK bool
}

// safeSubstValue reports whether v may be substituted into a pattern.
func safeSubstValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == '+' || c == '#' || c == '/' {
			return false
		}
	}
	return v != ""
}

func (s *subst) value(k levelKind) (string, bool) {
	if k == levelUsername {
		return s.username, s.usernameOK
	}
	return s.clientID, s.clientIDOK
}

// splitFilter splits a valid filter into levels. With patterns set, a level
// that is exactly "%u" or "%c" becomes a placeholder.
func splitFilter(filter string, patterns bool) []level {
	parts := strings.Split(filter, "/")
	levels := make([]level, len(parts))
	for i, p := range parts {
		switch {
		case p == "+":
			levels[i] = level{kind: levelPlus}
		case p == "#":
			levels[i] = level{kind: levelHash}
		case patterns && p == "%u":
			levels[i] = level{kind: levelUsername}
		case patterns && p == "%c":
			levels[i] = level{kind: levelClientID}
		default:
			levels[i] = level{kind: levelLiteral, text: p}
		}
	}
	return levels
}

// validTopicName reports whether t is a valid topic name for PUBLISH: 1 to
// 65,535 bytes of UTF-8 without U+0000 and without wildcards
// [MQTT-4.7.1-1] [MQTT-4.7.3-1] [MQTT-4.7.3-2].
func validTopicName(t string) bool {
	if t == "" || len(t) > 65535 {
		return false
	}
	ascii := true
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '+' || c == '#' || c == 0:
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return ascii || utf8.ValidString(t)
}

// validFilter reports whether f is a valid topic filter: 1 to 65,535 bytes
// of UTF-8 without U+0000, '+' only as a whole level, '#' only as the whole
// last level [MQTT-4.7.1-2] [MQTT-4.7.1-3].
func validFilter(f string) bool {
	if f == "" || len(f) > 65535 || strings.IndexByte(f, 0) >= 0 || !utf8.ValidString(f) {
		return false
	}
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case '+':
			if (i > 0 && f[i-1] != '/') || (i+1 < len(f) && f[i+1] != '/') {
				return false
			}
		case '#':
			if (i > 0 && f[i-1] != '/') || i+1 != len(f) {
				return false
			}
		}
	}
	return true
}

// nextLevel returns the level of s starting at pos, the start of the next
// level, and whether this was the last level.
func nextLevel(s string, pos int) (seg string, next int, last bool) {
	if j := strings.IndexByte(s[pos:], '/'); j >= 0 {
		return s[pos : pos+j], pos + j + 1, false
	}
	return s[pos:], len(s), true
}

// eatLevel reports whether the level of s starting at pos is exactly text
// and returns the start of the next level and whether this was the last.
// Comparing in place avoids scanning for the next '/'.
func eatLevel(s string, pos int, text string) (next int, last, ok bool) {
	rest := s[pos:]
	n := len(text)
	switch {
	case len(rest) < n || rest[:n] != text:
		return pos, false, false
	case len(rest) == n:
		return len(s), true, true
	case rest[n] == '/':
		return pos + n + 1, false, true
	}
	return pos, false, false
}

// matchTopic reports whether the filter levels match the topic name, which
// must be valid (non-empty).
//
// Wildcards in the first level do not match topics starting with '$'
// [MQTT-4.7.2-1]; Mosquitto's ACL check enforces the same ("if the topic
// starts with $, the ACL must too").
//
// A placeholder whose value is not usable (see subst) never matches in a
// grant; in a deny (failClosed) it matches any one level, '$' levels
// included, so a client cannot escape a deny by choosing an odd name.
func matchTopic(levels []level, topic string, s *subst, failClosed bool) bool {
	dollar := topic[0] == '$'
	pos, done := 0, false
	for i, l := range levels {
		if l.kind == levelHash {
			// '#' also matches the parent level: "a/#" matches "a".
			return i > 0 || !dollar
		}
		if done {
			return false
		}
		text := l.text
		switch l.kind {
		case levelPlus:
			if i == 0 && dollar {
				return false
			}
			_, pos, done = nextLevel(topic, pos)
			continue
		case levelUsername, levelClientID:
			v, ok := s.value(l.kind)
			if !ok {
				if !failClosed {
					return false
				}
				_, pos, done = nextLevel(topic, pos)
				continue
			}
			text = v
		}
		var ok bool
		if pos, done, ok = eatLevel(topic, pos, text); !ok {
			return false
		}
	}
	return done
}

// coversFilter reports whether the filter levels cover the subscription
// filter sub (valid, non-empty): whether every topic sub can match is
// matched by levels. For example "a/#" covers "a/+/b", "a/#" and "a";
// "a/+" covers "a/b" and "a/+" but not "a/#" or "a". This is the relation
// Mosquitto 2.1's mosquitto_sub_matches_acl computes for the
// dynamic-security plugin's subscribe rules, except that it also gets the
// corner case of plusHashCoversHash right. Placeholders behave as in
// matchTopic, a fail-closed one covering like '+'.
func coversFilter(levels []level, sub string, s *subst, failClosed bool) bool {
	dollar := sub[0] == '$'
	pos, done := 0, false
	for i, l := range levels {
		if l.kind == levelHash {
			// '#' covers whatever remains of sub, including "#" and
			// nothing at all; at the first level it cannot cover a
			// literal '$' level, which it does not match.
			return i > 0 || !dollar
		}
		if done {
			return false
		}
		// A literal or a usable value never equals "+" or "#"
		// (validFilter, safeSubstValue), so eatLevel refuses a wildcard
		// in sub where the rule has fixed text.
		text := l.text
		switch l.kind {
		case levelPlus:
			if i == 0 && dollar {
				return false
			}
			var seg string
			if seg, pos, done = nextLevel(sub, pos); seg == "#" {
				return plusHashCoversHash(levels, sub, i)
			}
			continue
		case levelUsername, levelClientID:
			v, ok := s.value(l.kind)
			if !ok {
				if !failClosed {
					return false
				}
				var seg string
				if seg, pos, done = nextLevel(sub, pos); seg == "#" {
					return plusHashCoversHash(levels, sub, i)
				}
				continue
			}
			text = v
		}
		var ok bool
		if pos, done, ok = eatLevel(sub, pos, text); !ok {
			return false
		}
	}
	return done
}

// plusHashCoversHash decides the one case where a single-level rule level
// at index i covers a '#' in sub: '#' matches its parent level too, so
// "x/#" also matches "x", which "x/+/#" does not; but where that parent
// would be the empty topic, which is not a valid topic name, there is no
// parent to miss. So "+/#" covers "#" and "/+/#" covers "/#".
func plusHashCoversHash(levels []level, sub string, i int) bool {
	restIsHash := i+2 == len(levels) && levels[i+1].kind == levelHash
	parentEmpty := i == 0 || (i == 1 && sub[0] == '/')
	return restIsHash && parentEmpty
}

// sharePrefix introduces an MQTT 5 shared subscription.
const sharePrefix = "$share/"

// innerFilter returns the filter a subscription applies to: for
// "$share/group/filter" the part after the group name, otherwise f. ok is
// false for a malformed shared subscription (empty or wildcard group name,
// or no filter) [MQTT-4.8.2-1] [MQTT-4.8.2-2].
func innerFilter(f string) (inner string, ok bool) {
	rest, shared := strings.CutPrefix(f, sharePrefix)
	if !shared {
		return f, true
	}
	group, inner, found := strings.Cut(rest, "/")
	if !found || group == "" || strings.ContainsAny(group, "+#") || inner == "" {
		return "", false
	}
	return inner, true
}
