package topic

import (
	"errors"
	"strings"
)

// MaxLength is the largest size in bytes of a topic name or filter: both are
// UTF-8 Encoded Strings with a two-byte length prefix [MQTT-4.7.3-3].
const MaxLength = 65535

// SharePrefix starts the topic filter of a shared subscription [MQTT-4.8.2-1].
// The match is case-sensitive: "$SHARE/g/a" is an ordinary filter.
const SharePrefix = "$share/"

// Errors returned by [ValidName], [ValidFilter], [Limits.CheckName] and
// [Limits.CheckFilter]. They are returned unwrapped; compare with errors.Is.
var (
	// ErrEmpty reports an empty topic name or filter [MQTT-4.7.3-1].
	ErrEmpty = errors.New("topic: empty")
	// ErrTooLong reports a topic longer than 65535 bytes [MQTT-4.7.3-3], or
	// longer than Limits.MaxLength.
	ErrTooLong = errors.New("topic: too long")
	// ErrNullChar reports the null character U+0000 in a topic [MQTT-4.7.3-2].
	ErrNullChar = errors.New("topic: contains U+0000")
	// ErrWildcardInName reports "+" or "#" in a topic name [MQTT-4.7.0-1]
	// [MQTT-3.3.2-2].
	ErrWildcardInName = errors.New("topic: wildcard in topic name")
	// ErrInvalidWildcard reports a "+" that does not occupy a whole level
	// [MQTT-4.7.1-2], or a "#" that is not a whole level or not last
	// [MQTT-4.7.1-1].
	ErrInvalidWildcard = errors.New("topic: invalid wildcard")
	// ErrInvalidShare reports a filter that starts with "$share/" but is not
	// "$share/{ShareName}/{filter}" with a non-empty ShareName free of "/",
	// "+" and "#" and a non-empty filter [MQTT-4.8.2-1] [MQTT-4.8.2-2], or
	// whose inner filter starts with "$share/" again.
	ErrInvalidShare = errors.New("topic: invalid shared subscription")
	// ErrTooManyLevels reports a topic with more levels than Limits.MaxLevels.
	ErrTooManyLevels = errors.New("topic: too many levels")
)

// ValidName reports whether name may be the Topic Name of a PUBLISH (or of a
// Will message): at least one byte [MQTT-4.7.3-1], at most [MaxLength] bytes
// [MQTT-4.7.3-3], no U+0000 [MQTT-4.7.3-2] and no wildcard characters
// [MQTT-4.7.0-1] [MQTT-3.3.2-2]. It returns nil or one of the package's
// sentinel errors, and does not allocate.
func ValidName(name string) error {
	return Limits{}.CheckName(name)
}

// ValidFilter reports whether filter may be the Topic Filter of a SUBSCRIBE
// or UNSUBSCRIBE: at least one byte [MQTT-4.7.3-1], at most [MaxLength]
// bytes [MQTT-4.7.3-3], no U+0000 [MQTT-4.7.3-2], every "+" a whole level
// [MQTT-4.7.1-2] and any "#" a whole level and the last character
// [MQTT-4.7.1-1].
//
// A filter that starts with [SharePrefix] must be a shared subscription,
// "$share/{ShareName}/{filter}": ShareName is at least one character and
// contains no "/", "+" or "#" [MQTT-4.8.2-1] [MQTT-4.8.2-2], and the rest is a
// valid non-shared filter. The rest must not itself start with "$share/":
// the spec does not forbid it, but it would read as a second shared
// subscription to any code that parses the inner filter again.
//
// It returns nil or one of the package's sentinel errors, and does not
// allocate.
func ValidFilter(filter string) error {
	return Limits{}.CheckFilter(filter)
}

// Limits are a server's own bounds on topics, stricter than the protocol's.
// The zero value applies only the protocol's rules.
//
// The checks run in one pass and stop at the first level past MaxLevels, so
// a hostile 30,000-level topic is refused after MaxLevels separators.
type Limits struct {
	// MaxLevels is the largest number of levels in a topic; "a/b" has two,
	// "/" has two, "a" has one. For a shared subscription it counts the
	// levels of the filter after "$share/{ShareName}/". 0 or less means no
	// limit.
	MaxLevels int
	// MaxLength is the largest topic size in bytes, including any
	// "$share/{ShareName}/" prefix. 0 or less, or more than [MaxLength],
	// means [MaxLength].
	MaxLength int
}

// CheckName applies the rules of [ValidName] and the limits to a topic name.
// Size is checked first; the rest in one pass from left to right, which
// returns the first violation it meets.
func (l Limits) CheckName(name string) error {
	if err := l.checkSize(name); err != nil {
		return err
	}
	levels := 1
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case 0:
			return ErrNullChar // [MQTT-4.7.3-2]
		case '+', '#':
			return ErrWildcardInName // [MQTT-4.7.0-1] [MQTT-3.3.2-2]
		case '/':
			levels++
			if l.MaxLevels > 0 && levels > l.MaxLevels {
				return ErrTooManyLevels
			}
		}
	}
	return nil
}

// CheckFilter applies the rules of [ValidFilter] and the limits to a topic
// filter. Size is checked first; the rest in one pass from left to right,
// which returns the first violation it meets.
func (l Limits) CheckFilter(filter string) error {
	if err := l.checkSize(filter); err != nil {
		return err
	}
	if strings.HasPrefix(filter, SharePrefix) {
		rest := filter[len(SharePrefix):]
		i := 0
		for ; i < len(rest) && rest[i] != '/'; i++ {
			switch rest[i] {
			case 0:
				return ErrNullChar // [MQTT-4.7.3-2]
			case '+', '#':
				return ErrInvalidShare // [MQTT-4.8.2-2]
			}
		}
		switch {
		case i == 0:
			return ErrInvalidShare // empty ShareName [MQTT-4.8.2-1]
		case i == len(rest):
			return ErrInvalidShare // ShareName not followed by "/" [MQTT-4.8.2-2]
		case i == len(rest)-1:
			return ErrInvalidShare // "/" not followed by a filter [MQTT-4.8.2-2]
		}
		filter = rest[i+1:]
		if strings.HasPrefix(filter, SharePrefix) {
			// Not forbidden by the spec, but "$share/a/$share/b/c" would read
			// as shared twice to anyone who parses the inner filter again.
			return ErrInvalidShare
		}
	}
	levels := 1
	for i := 0; i < len(filter); i++ {
		switch filter[i] {
		case 0:
			return ErrNullChar // [MQTT-4.7.3-2]
		case '/':
			levels++
			if l.MaxLevels > 0 && levels > l.MaxLevels {
				return ErrTooManyLevels
			}
		case '+':
			// [MQTT-4.7.1-2] "+" occupies an entire level.
			if (i > 0 && filter[i-1] != '/') || (i+1 < len(filter) && filter[i+1] != '/') {
				return ErrInvalidWildcard
			}
		case '#':
			// [MQTT-4.7.1-1] "#" is on its own or follows a "/", and is last.
			if i != len(filter)-1 || (i > 0 && filter[i-1] != '/') {
				return ErrInvalidWildcard
			}
		}
	}
	return nil
}

// checkSize applies [MQTT-4.7.3-1], [MQTT-4.7.3-3] and l.MaxLength.
func (l Limits) checkSize(s string) error {
	if len(s) == 0 {
		return ErrEmpty // [MQTT-4.7.3-1]
	}
	limit := MaxLength
	if l.MaxLength > 0 && l.MaxLength < limit {
		limit = l.MaxLength
	}
	if len(s) > limit {
		return ErrTooLong // [MQTT-4.7.3-3]
	}
	return nil
}

// ParseShared splits a shared subscription "$share/{ShareName}/{filter}" into
// its ShareName (group) and the filter that follows (inner). For any other
// filter, ok is false and group and inner are empty.
//
// ParseShared checks only the shape it needs to split; validate the filter
// with [ValidFilter] first. It does not allocate: group and inner are
// substrings of filter.
func ParseShared(filter string) (group, inner string, ok bool) {
	rest, found := strings.CutPrefix(filter, SharePrefix)
	if !found {
		return "", "", false
	}
	group, inner, found = strings.Cut(rest, "/")
	if !found || group == "" || inner == "" {
		return "", "", false
	}
	return group, inner, true
}

// HasWildcard reports whether filter contains "+" or "#". For a valid
// filter that means it can match more than one topic name.
func HasWildcard(filter string) bool {
	return strings.ContainsAny(filter, "+#")
}

// Match reports whether the topic filter matches the topic name.
//
// "+" matches exactly one level, which may be empty ("sport/+" matches
// "sport/" but not "sport"). "#" matches its parent level and any number of
// levels below it ("sport/#" matches "sport", MQTT 5.0 §4.7.1.2). A filter
// whose first level is "+" or "#" does not match a name starting with "$"
// [MQTT-4.7.2-1]. Other levels compare byte for byte [MQTT-4.7.3-4].
//
// filter is a valid, non-shared filter: strip "$share/{ShareName}/" with
// [ParseShared] first. Match never panics and does not allocate; on an
// invalid filter its result is unspecified.
func Match(filter, name string) bool {
	dollar := len(name) > 0 && name[0] == '$'
	fi, ni := 0, 0
	nameDone := false // every level of name has been matched
	for first := true; ; first = false {
		fend := levelEnd(filter, fi)
		fl := filter[fi:fend]
		if fl == "#" {
			return !(first && dollar) // [MQTT-4.7.2-1]
		}
		if nameDone {
			return false
		}
		nend := levelEnd(name, ni)
		if fl == "+" {
			if first && dollar {
				return false // [MQTT-4.7.2-1]
			}
		} else if fl != name[ni:nend] {
			return false
		}
		if fend == len(filter) {
			return nend == len(name)
		}
		fi = fend + 1
		if nend == len(name) {
			nameDone = true
		} else {
			ni = nend + 1
		}
	}
}

// levelEnd returns the index of the "/" ending the level that starts at i in
// s, or len(s) if that level is the last one.
func levelEnd(s string, i int) int {
	if j := strings.IndexByte(s[i:], '/'); j >= 0 {
		return i + j
	}
	return len(s)
}
