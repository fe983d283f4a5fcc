package topic

import "strings"

// Tree is a trie of topic levels that stores, at each key, a set of entries:
// at most one value V per id K. The broker keeps subscriptions in one (keys
// are topic filters, K a client id, V the subscription options; see
// [Tree.Match]) and retained messages in another (keys are topic names; see
// [Tree.Scan]).
//
// Keys are split at "/" into levels, and empty levels count: "a/b", "a/b/"
// and "/a/b" are three keys. A level "+" or "#" is kept as the node's
// wildcard child, anything else as a literal child. The Tree does not
// validate keys: check them with [ValidFilter] or [ValidName] first.
//
// The zero value is an empty tree ready to use. A Tree must not be copied
// after first use. It is not safe for concurrent use: the caller serializes
// calls with its own lock. Get, Match, Scan, Walk, Len and Keys do not modify
// the tree, so they may run concurrently with each other (under a read
// lock), but not with Insert or Remove. A callback passed to Match, Scan or
// Walk must not modify the tree.
type Tree[K comparable, V any] struct {
	root    node[K, V] // holds no entries; its children are first levels
	entries int        // number of entries
	keys    int        // number of nodes with at least one entry
	nodes   int        // number of nodes below root
}

// node is one level of a key.
type node[K comparable, V any] struct {
	parent *node[K, V]
	level  string // this node's level: its key in parent.lits, or "+" or "#"
	key    string // the full key up to and including this level
	lits   map[string]*node[K, V]
	plus   *node[K, V] // child for a "+" level
	hash   *node[K, V] // child for a "#" level
	set    entrySet[K, V]
}

// child returns the child of n for level, or nil.
func (n *node[K, V]) child(level string) *node[K, V] {
	switch level {
	case "+":
		return n.plus
	case "#":
		return n.hash
	}
	return n.lits[level] // a nil map reads as empty
}

// empty reports whether n holds no entries and has no children.
func (n *node[K, V]) empty() bool {
	return n.set.len() == 0 && len(n.lits) == 0 && n.plus == nil && n.hash == nil
}

// Len returns the number of entries in the tree.
func (t *Tree[K, V]) Len() int { return t.entries }

// Keys returns the number of distinct keys that hold at least one entry.
func (t *Tree[K, V]) Keys() int { return t.keys }

// Insert stores v for id at key, replacing any value stored there for the
// same id, and reports whether it replaced one. Inserting a new key copies
// it, so key may alias a larger buffer.
func (t *Tree[K, V]) Insert(key string, id K, v V) (replaced bool) {
	n := &t.root
	cloned := false
	for i := 0; ; {
		end := levelEnd(key, i)
		level := key[i:end]
		c := n.child(level)
		if c == nil {
			if !cloned {
				// Keep node strings independent of the caller's memory.
				// Positions are unchanged, so i and end still apply.
				key = strings.Clone(key)
				level = key[i:end]
				cloned = true
			}
			c = &node[K, V]{parent: n, level: level, key: key[:end]}
			switch level {
			case "+":
				n.plus = c
			case "#":
				n.hash = c
			default:
				if n.lits == nil {
					n.lits = make(map[string]*node[K, V])
				}
				n.lits[level] = c
			}
			t.nodes++
		}
		n = c
		if end == len(key) {
			break
		}
		i = end + 1
	}
	if n.set.put(id, v) {
		return true
	}
	if n.set.len() == 1 {
		t.keys++
	}
	t.entries++
	return false
}

// Remove deletes the entry for id at key and reports whether there was one.
// Nodes left with no entries and no children are pruned, so the memory of a
// key returns once its last entry is removed.
func (t *Tree[K, V]) Remove(key string, id K) (removed bool) {
	n := t.lookup(key)
	if n == nil || !n.set.remove(id) {
		return false
	}
	t.entries--
	if n.set.len() == 0 {
		t.keys--
	}
	for n != &t.root && n.empty() {
		p := n.parent
		switch {
		case n == p.plus:
			p.plus = nil
		case n == p.hash:
			p.hash = nil
		default:
			delete(p.lits, n.level)
			if len(p.lits) == 0 {
				p.lits = nil // maps never shrink; let this one go
			}
		}
		n.parent = nil
		t.nodes--
		n = p
	}
	return true
}

// Get returns the value stored for id at key.
func (t *Tree[K, V]) Get(key string, id K) (V, bool) {
	if n := t.lookup(key); n != nil {
		return n.set.get(id)
	}
	var zero V
	return zero, false
}

// lookup returns the node for key, or nil.
func (t *Tree[K, V]) lookup(key string) *node[K, V] {
	n := &t.root
	for i := 0; ; {
		end := levelEnd(key, i)
		if n = n.child(key[i:end]); n == nil {
			return nil
		}
		if end == len(key) {
			return n
		}
		i = end + 1
	}
}

// Match calls fn for every entry whose key, a topic filter, matches the topic
// name, with the same semantics as [Match]; it stops early when fn returns
// false. An id whose several filters match is reported once per filter: the
// caller decides how to combine them (MQTT 5.0 §4.7.1 and §3.3.4). Entries
// come in no particular order.
//
// Match does not allocate. It visits only the nodes that can match: per
// level of name, the literal child for that level and the "+" and "#"
// children. Filters whose first level is a wildcard are skipped for names
// starting with "$" [MQTT-4.7.2-1].
func (t *Tree[K, V]) Match(name string, fn func(id K, v V) bool) {
	dollar := len(name) > 0 && name[0] == '$'
	matchLevel(&t.root, name, 0, dollar, fn)
}

// matchLevel matches the level of name starting at i against the children
// of n. skipWild leaves out the wildcard children [MQTT-4.7.2-1]. It returns
// false if fn asked to stop.
func matchLevel[K comparable, V any](n *node[K, V], name string, i int, skipWild bool, fn func(K, V) bool) bool {
	end := levelEnd(name, i)
	if !skipWild {
		// "#" matches this level and all below it.
		if n.hash != nil && !eachEntry(n.hash, fn) {
			return false
		}
		if n.plus != nil && !matchBelow(n.plus, name, end, fn) {
			return false
		}
	}
	if c := n.lits[name[i:end]]; c != nil && !matchBelow(c, name, end, fn) {
		return false
	}
	return true
}

// matchBelow continues a match at c, a node that matched the level of name
// ending at end.
func matchBelow[K comparable, V any](c *node[K, V], name string, end int, fn func(K, V) bool) bool {
	if end < len(name) {
		return matchLevel(c, name, end+1, false, fn)
	}
	// name ends here: c's own filter matches, and so does c's "#" child,
	// which matches its parent level ("sport/#" matches "sport").
	if !eachEntry(c, fn) {
		return false
	}
	return c.hash == nil || eachEntry(c.hash, fn)
}

// eachEntry calls fn for each entry of n until fn returns false.
func eachEntry[K comparable, V any](n *node[K, V], fn func(K, V) bool) bool {
	for i := range n.set.list {
		if !fn(n.set.list[i].id, n.set.list[i].v) {
			return false
		}
	}
	return true
}

// Scan calls fn for every entry whose key, a topic name, is matched by the
// topic filter, with the same semantics as [Match]; it stops early when fn
// returns false. This is the retained-message lookup for a new
// subscription. Entries come in no particular order.
//
// Scan visits only the matching subtrees: a literal level follows one
// child, "+" each child, and "#" the whole subtree. When the filter's first
// level is a wildcard, keys whose first level starts with "$" are skipped
// [MQTT-4.7.2-1]. The key passed to fn is held by the tree, so Scan does not
// allocate.
//
// filter is a valid, non-shared filter: strip "$share/{ShareName}/" with
// [ParseShared] first.
func (t *Tree[K, V]) Scan(filter string, fn func(key string, id K, v V) bool) {
	scanLevel(&t.root, filter, 0, fn)
}

// scanLevel matches the level of filter starting at i against the children
// of n. It returns false if fn asked to stop.
func scanLevel[K comparable, V any](n *node[K, V], filter string, i int, fn func(string, K, V) bool) bool {
	end := levelEnd(filter, i)
	root := n.parent == nil
	switch level := filter[i:end]; level {
	case "#":
		// "#" matches the parent level and everything below it.
		if !root && !eachKeyed(n, fn) {
			return false
		}
		for _, c := range n.lits {
			if root && strings.HasPrefix(c.level, "$") {
				continue // [MQTT-4.7.2-1]
			}
			if !walk(c, fn) {
				return false
			}
		}
		return (n.plus == nil || walk(n.plus, fn)) && (n.hash == nil || walk(n.hash, fn))
	case "+":
		for _, c := range n.lits {
			if root && strings.HasPrefix(c.level, "$") {
				continue // [MQTT-4.7.2-1]
			}
			if !scanBelow(c, filter, end, fn) {
				return false
			}
		}
		return (n.plus == nil || scanBelow(n.plus, filter, end, fn)) &&
			(n.hash == nil || scanBelow(n.hash, filter, end, fn))
	default:
		c := n.lits[level]
		return c == nil || scanBelow(c, filter, end, fn)
	}
}

// scanBelow continues a scan at c, a node matched by the level of filter
// ending at end.
func scanBelow[K comparable, V any](c *node[K, V], filter string, end int, fn func(string, K, V) bool) bool {
	if end < len(filter) {
		return scanLevel(c, filter, end+1, fn)
	}
	return eachKeyed(c, fn)
}

// Walk calls fn for every entry in the tree, in no particular order, until
// fn returns false.
func (t *Tree[K, V]) Walk(fn func(key string, id K, v V) bool) {
	walk(&t.root, fn)
}

// walk calls fn for every entry at n and below. It returns false if fn
// asked to stop.
func walk[K comparable, V any](n *node[K, V], fn func(string, K, V) bool) bool {
	if !eachKeyed(n, fn) {
		return false
	}
	for _, c := range n.lits {
		if !walk(c, fn) {
			return false
		}
	}
	return (n.plus == nil || walk(n.plus, fn)) && (n.hash == nil || walk(n.hash, fn))
}

// eachKeyed calls fn with n's key for each entry of n until fn returns false.
func eachKeyed[K comparable, V any](n *node[K, V], fn func(string, K, V) bool) bool {
	for i := range n.set.list {
		if !fn(n.key, n.set.list[i].id, n.set.list[i].v) {
			return false
		}
	}
	return true
}
