// Package topic validates MQTT topic names and topic filters, parses shared
// subscriptions, matches filters against names and indexes either in a trie.
//
// A topic is a UTF-8 string of levels separated by "/". Empty levels are
// levels too, so "a/b", "a/b/", "/a/b" and "a//b" are four distinct topics.
// Topic names (carried by PUBLISH) never contain wildcards; topic filters
// (carried by SUBSCRIBE and UNSUBSCRIBE) may contain "+", which matches
// exactly one level, and "#", which matches its parent level and any number
// of levels below it.
//
// Spec identifiers in this package are those of MQTT 5.0 (OASIS Standard,
// 7 March 2019). MQTT 3.1.1 states the same rules for topics; only some
// numbers differ:
//
//	MQTT 5.0          MQTT 3.1.1        rule
//	[MQTT-4.7.0-1]    [MQTT-4.7.1-1]    no wildcards in a Topic Name
//	[MQTT-4.7.1-1]    [MQTT-4.7.1-2]    "#" on its own level, last in the filter
//	[MQTT-4.7.1-2]    [MQTT-4.7.1-3]    "+" occupies a whole level
//	[MQTT-4.7.2-1]    [MQTT-4.7.2-1]    wildcard-first filters skip "$" names
//	[MQTT-4.7.3-1..4] [MQTT-4.7.3-1..4] non-empty, no U+0000, ≤ 65535 bytes, no normalization
//	[MQTT-4.8.2-1,2]  (none)            "$share/{ShareName}/{filter}"
//
// Validation ([ValidName], [ValidFilter], [Limits]) is separate from matching:
// [Match] and [Tree] assume their inputs were validated, never panic on any
// input, and compare levels byte for byte without normalization
// [MQTT-4.7.3-4]. Well-formed UTF-8 is the packet decoder's concern
// [MQTT-1.5.4-1]; this package only rejects U+0000.
//
// This package imports only the standard library.
package topic
