package topic

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// checkTree verifies the Tree's invariants: counters agree with the nodes,
// parent links and keys are consistent, no node below the root is empty
// (pruning worked) and every entry set's index is right.
func checkTree[K comparable, V any](tb testing.TB, tr *Tree[K, V]) {
	tb.Helper()
	var nodes, keys, entries int
	var visit func(n *node[K, V])
	visit = func(n *node[K, V]) {
		isRoot := n == &tr.root
		if !isRoot {
			nodes++
			if n.empty() {
				tb.Errorf("node %q is empty but was not pruned", n.key)
			}
			want := n.level
			if n.parent != &tr.root {
				want = n.parent.key + "/" + n.level
			}
			if n.key != want {
				tb.Errorf("node key %q, want %q", n.key, want)
			}
		} else if n.set.len() != 0 {
			tb.Errorf("root holds %d entries", n.set.len())
		}
		if n.lits != nil && len(n.lits) == 0 {
			tb.Errorf("node %q keeps an empty map", n.key)
		}
		if n.set.len() > 0 {
			keys++
		}
		entries += n.set.len()
		checkSet(tb, &n.set)
		for level, c := range n.lits {
			if c.parent != n || c.level != level || level == "+" || level == "#" {
				tb.Errorf("literal child %q of %q: parent ok %v, level %q", level, n.key, c.parent == n, c.level)
			}
			visit(c)
		}
		if c := n.plus; c != nil {
			if c.parent != n || c.level != "+" {
				tb.Errorf("plus child of %q: parent ok %v, level %q", n.key, c.parent == n, c.level)
			}
			visit(c)
		}
		if c := n.hash; c != nil {
			if c.parent != n || c.level != "#" {
				tb.Errorf("hash child of %q: parent ok %v, level %q", n.key, c.parent == n, c.level)
			}
			visit(c)
		}
	}
	visit(&tr.root)
	if nodes != tr.nodes || keys != tr.keys || entries != tr.entries {
		tb.Errorf("counted nodes=%d keys=%d entries=%d, tree says nodes=%d keys=%d entries=%d",
			nodes, keys, entries, tr.nodes, tr.Keys(), tr.Len())
	}
}

// checkSet verifies that an entrySet's index, if any, agrees with its list,
// that ids are unique and that the index exists exactly when it must.
func checkSet[K comparable, V any](tb testing.TB, s *entrySet[K, V]) {
	tb.Helper()
	if len(s.list) > indexAbove && s.index == nil {
		tb.Errorf("set of %d entries has no index", len(s.list))
	}
	if len(s.list) < indexBelow && s.index != nil {
		tb.Errorf("set of %d entries keeps its index", len(s.list))
	}
	if s.index != nil && len(s.index) != len(s.list) {
		tb.Errorf("index has %d ids, list %d", len(s.index), len(s.list))
	}
	seen := make(map[K]bool, len(s.list))
	for i, e := range s.list {
		if seen[e.id] {
			tb.Errorf("id %v stored twice", e.id)
		}
		seen[e.id] = true
		if s.index != nil && s.index[e.id] != i {
			tb.Errorf("index[%v] = %d, want %d", e.id, s.index[e.id], i)
		}
	}
}

// matchIDs returns the ids tr.Match reports for name, sorted.
func matchIDs(tr *Tree[string, int], name string) []string {
	var ids []string
	tr.Match(name, func(id string, _ int) bool {
		ids = append(ids, id)
		return true
	})
	slices.Sort(ids)
	return ids
}

// scanKeys returns "key id" for every entry tr.Scan reports for filter, sorted.
func scanKeys(tr *Tree[string, int], filter string) []string {
	var got []string
	tr.Scan(filter, func(key, id string, _ int) bool {
		got = append(got, key+" "+id)
		return true
	})
	slices.Sort(got)
	return got
}

func TestTreeInsertGetRemove(t *testing.T) {
	var tr Tree[string, int]
	if tr.Remove("a/b", "c1") {
		t.Error("Remove on an empty tree reported true")
	}
	if _, ok := tr.Get("a/b", "c1"); ok {
		t.Error("Get on an empty tree found an entry")
	}
	if tr.Insert("a/b", "c1", 1) {
		t.Error("first Insert reported a replacement")
	}
	if !tr.Insert("a/b", "c1", 2) {
		t.Error("second Insert for the same id did not report a replacement")
	}
	if tr.Insert("a/b", "c2", 3) {
		t.Error("Insert of a second id reported a replacement")
	}
	if tr.Insert("a", "c1", 4) {
		t.Error("Insert at the parent key reported a replacement")
	}
	if v, ok := tr.Get("a/b", "c1"); !ok || v != 2 {
		t.Errorf("Get(a/b, c1) = %v, %v, want 2, true", v, ok)
	}
	if v, ok := tr.Get("a", "c1"); !ok || v != 4 {
		t.Errorf("Get(a, c1) = %v, %v, want 4, true", v, ok)
	}
	for _, key := range []string{"a/b/c", "a/", "b", "/a"} {
		if _, ok := tr.Get(key, "c1"); ok {
			t.Errorf("Get(%q, c1) found an entry", key)
		}
	}
	if tr.Len() != 3 || tr.Keys() != 2 || tr.nodes != 2 {
		t.Errorf("Len=%d Keys=%d nodes=%d, want 3, 2, 2", tr.Len(), tr.Keys(), tr.nodes)
	}
	checkTree(t, &tr)

	if tr.Remove("a/b", "c3") || tr.Remove("a/b/c", "c1") || tr.Remove("b", "c1") {
		t.Error("Remove of a missing entry reported true")
	}
	if !tr.Remove("a", "c1") {
		t.Error("Remove(a, c1) = false")
	}
	if tr.nodes != 2 { // "a" still leads to "a/b"
		t.Errorf("nodes = %d after removing the parent's entry, want 2", tr.nodes)
	}
	checkTree(t, &tr)
	if !tr.Remove("a/b", "c1") || !tr.Remove("a/b", "c2") {
		t.Error("Remove of a stored entry reported false")
	}
	if tr.Remove("a/b", "c1") {
		t.Error("second Remove reported true")
	}
	if tr.Len() != 0 || tr.Keys() != 0 || tr.nodes != 0 || tr.root.lits != nil {
		t.Errorf("after removing everything: Len=%d Keys=%d nodes=%d root map %v",
			tr.Len(), tr.Keys(), tr.nodes, tr.root.lits)
	}
	checkTree(t, &tr)
}

// TestTreeDistinctKeys checks that empty levels are levels: "a/b", "a/b/",
// "/a/b" and "a//b" are four keys (MQTT 5.0 §4.7.3).
func TestTreeDistinctKeys(t *testing.T) {
	keys := []string{"a/b", "a/b/", "/a/b", "a//b", "/", "//", "a", "+", "#", "+/#", "a/+", "a/#"}
	var tr Tree[string, int]
	for i, k := range keys {
		tr.Insert(k, "c", i)
	}
	if tr.Keys() != len(keys) {
		t.Fatalf("Keys = %d, want %d", tr.Keys(), len(keys))
	}
	for i, k := range keys {
		if v, ok := tr.Get(k, "c"); !ok || v != i {
			t.Errorf("Get(%q) = %v, %v, want %d, true", k, v, ok, i)
		}
	}
	got := map[string]int{}
	tr.Walk(func(key, _ string, v int) bool {
		got[key] = v
		return true
	})
	for i, k := range keys {
		if got[k] != i {
			t.Errorf("Walk gave %q = %d, want %d", k, got[k], i)
		}
	}
	checkTree(t, &tr)
	for _, k := range keys {
		tr.Remove(k, "c")
		checkTree(t, &tr)
	}
	if tr.nodes != 0 {
		t.Errorf("nodes = %d after removing everything", tr.nodes)
	}
}

// TestTreeMatchCases checks Tree.Match against every case of matchCases, one
// filter per tree, and then all filters in one tree against the naive Match.
func TestTreeMatchCases(t *testing.T) {
	for _, tt := range matchCases {
		var tr Tree[string, int]
		tr.Insert(tt.filter, "c", 0)
		got := len(matchIDs(&tr, tt.name)) == 1
		if got != tt.want {
			t.Errorf("Tree{%q}.Match(%q) = %v, want %v", tt.filter, tt.name, got, tt.want)
		}
	}

	var tr Tree[string, int]
	for _, tt := range matchCases {
		tr.Insert(tt.filter, tt.filter, 0) // the id names the filter
	}
	checkTree(t, &tr)
	for _, tt := range matchCases {
		var want []string
		for _, f := range tr.keysForTest() {
			if Match(f, tt.name) {
				want = append(want, f)
			}
		}
		slices.Sort(want)
		if got := matchIDs(&tr, tt.name); !slices.Equal(got, want) {
			t.Errorf("Match(%q) = %q, want %q", tt.name, got, want)
		}
	}
}

// keysForTest returns the distinct keys in t.
func (t *Tree[K, V]) keysForTest() []string {
	var keys []string
	t.Walk(func(key string, _ K, _ V) bool {
		if len(keys) == 0 || keys[len(keys)-1] != key {
			keys = append(keys, key)
		}
		return true
	})
	slices.Sort(keys)
	return slices.Compact(keys)
}

// TestTreeMatchOverlapping checks that an id is reported once per matching
// filter, so the broker can combine overlapping subscriptions (MQTT 5.0
// §4.7.1, §3.3.4).
func TestTreeMatchOverlapping(t *testing.T) {
	var tr Tree[string, int]
	for _, f := range []string{"#", "a/#", "a/+", "a/b", "+/b", "+/+", "a/b/#", "a/c"} {
		tr.Insert(f, "c1", 0)
	}
	tr.Insert("a/b", "c2", 0)
	got := matchIDs(&tr, "a/b")
	want := []string{"c1", "c1", "c1", "c1", "c1", "c1", "c1", "c2"}
	if !slices.Equal(got, want) {
		t.Errorf("Match(a/b) = %q, want %q", got, want)
	}
}

// TestTreeMatchStop checks that Match, Scan and Walk stop when fn returns
// false, wherever the entry sits.
func TestTreeMatchStop(t *testing.T) {
	var tr Tree[string, int]
	filters := []string{"#", "a/#", "a/+", "a/b", "+/b", "a/b/#"}
	for _, f := range filters {
		for i := range 3 {
			tr.Insert(f, fmt.Sprint(i), 0)
		}
	}
	for stopAt := 1; stopAt <= 3*len(filters); stopAt++ {
		calls := 0
		tr.Match("a/b", func(string, int) bool {
			calls++
			return calls < stopAt
		})
		if calls != stopAt {
			t.Errorf("Match made %d calls, want %d", calls, stopAt)
		}
		calls = 0
		tr.Walk(func(string, string, int) bool {
			calls++
			return calls < stopAt
		})
		if calls != stopAt {
			t.Errorf("Walk made %d calls, want %d", calls, stopAt)
		}
	}

	var names Tree[string, int]
	for _, k := range []string{"a", "a/b", "a/c", "a/b/c", "b", "b/b"} {
		for i := range 3 {
			names.Insert(k, fmt.Sprint(i), 0)
		}
	}
	for _, filter := range []string{"#", "+/#", "a/#", "+/+", "+/b"} {
		total := len(scanKeys(&names, filter))
		for stopAt := 1; stopAt <= total; stopAt++ {
			calls := 0
			names.Scan(filter, func(string, string, int) bool {
				calls++
				return calls < stopAt
			})
			if calls != stopAt {
				t.Errorf("Scan(%q) made %d calls, want %d", filter, calls, stopAt)
			}
		}
	}
}

// TestTreeMatchNoAlloc checks that Tree.Match does not allocate.
func TestTreeMatchNoAlloc(t *testing.T) {
	var tr Tree[string, int]
	for _, tt := range matchCases {
		tr.Insert(tt.filter, "c", 0)
	}
	n := 0
	fn := func(string, int) bool { n++; return true }
	allocs := testing.AllocsPerRun(100, func() {
		for _, tt := range matchCases {
			tr.Match(tt.name, fn)
		}
	})
	if allocs != 0 {
		t.Errorf("Tree.Match allocates %v times, want 0", allocs)
	}
}

// TestTreeScan stores topic names (retained messages) and scans them with
// filters.
func TestTreeScan(t *testing.T) {
	names := []string{
		"sport", "sport/", "sport/tennis", "sport/tennis/player1",
		"sport/tennis/player1/ranking", "sport/golf", "/finance", "/",
		"$SYS", "$SYS/broker/uptime", "$SYS/monitor/Clients", "a/$b",
	}
	var tr Tree[string, int]
	for i, n := range names {
		tr.Insert(n, "r", i)
	}
	checkTree(t, &tr)
	tests := []struct {
		filter string
		want   []string
	}{
		{"sport/tennis/player1/#", []string{"sport/tennis/player1", "sport/tennis/player1/ranking"}},
		{"sport/#", []string{"sport", "sport/", "sport/golf", "sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking"}},
		{"sport/+", []string{"sport/", "sport/golf", "sport/tennis"}},
		{"sport/tennis/+", []string{"sport/tennis/player1"}},
		{"+", []string{"sport"}},
		{"+/+", []string{"/", "/finance", "a/$b", "sport/", "sport/golf", "sport/tennis"}},
		{"/+", []string{"/", "/finance"}},
		{"+/tennis/#", []string{"sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking"}},
		{"#", []string{"/", "/finance", "a/$b", "sport", "sport/", "sport/golf", "sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking"}},
		{"$SYS/#", []string{"$SYS", "$SYS/broker/uptime", "$SYS/monitor/Clients"}},
		{"$SYS/+/Clients", []string{"$SYS/monitor/Clients"}},
		{"+/monitor/Clients", nil}, // [MQTT-4.7.2-1]
		{"sport/tennis", []string{"sport/tennis"}},
		{"sport/tennis/", nil},
		{"nothing/#", nil},
		{"a/+", []string{"a/$b"}},
	}
	for _, tt := range tests {
		var want []string
		for _, n := range tt.want {
			want = append(want, n+" r")
		}
		if got := scanKeys(&tr, tt.filter); !slices.Equal(got, want) {
			t.Errorf("Scan(%q) = %q, want %q", tt.filter, got, want)
		}
	}
}

// TestTreeScanCases checks Tree.Scan against every case of matchCases, with
// all names in one tree.
func TestTreeScanCases(t *testing.T) {
	var tr Tree[string, int]
	for _, tt := range matchCases {
		tr.Insert(tt.name, "r", 0)
	}
	keys := tr.keysForTest()
	for _, tt := range matchCases {
		var want []string
		for _, k := range keys {
			if Match(tt.filter, k) {
				want = append(want, k+" r")
			}
		}
		slices.Sort(want)
		if got := scanKeys(&tr, tt.filter); !slices.Equal(got, want) {
			t.Errorf("Scan(%q) = %q, want %q", tt.filter, got, want)
		}
	}
}

// TestTreeScanNoAlloc checks that Scan hands out stored keys rather than
// building them.
func TestTreeScanNoAlloc(t *testing.T) {
	var tr Tree[string, int]
	for _, tt := range matchCases {
		tr.Insert(tt.name, "r", 0)
	}
	n := 0
	fn := func(string, string, int) bool { n++; return true }
	allocs := testing.AllocsPerRun(100, func() {
		for _, tt := range matchCases {
			tr.Scan(tt.filter, fn)
		}
	})
	if allocs != 0 {
		t.Errorf("Tree.Scan allocates %v times, want 0", allocs)
	}
}

// TestTreeLargeSet grows one key's entry set far past the index threshold
// and back, one entry at a time, checking every step.
func TestTreeLargeSet(t *testing.T) {
	const n = 10000
	var tr Tree[int, int]
	ids := make([]int, n)
	for i := range ids {
		ids[i] = i
	}
	for i, id := range ids {
		if tr.Insert("fleet/+/alerts", id, id) {
			t.Fatalf("Insert(%d) reported a replacement", id)
		}
		if i < 4*indexAbove || i%997 == 0 {
			checkTree(t, &tr)
		}
	}
	for _, id := range ids[:100] { // replacing keeps the count
		if !tr.Insert("fleet/+/alerts", id, -id) {
			t.Fatalf("second Insert(%d) did not report a replacement", id)
		}
	}
	if tr.Len() != n {
		t.Fatalf("Len = %d, want %d", tr.Len(), n)
	}
	count := 0
	tr.Match("fleet/7/alerts", func(id, v int) bool {
		if (id < 100 && v != -id) || (id >= 100 && v != id) {
			t.Errorf("Match gave %d = %d", id, v)
		}
		count++
		return true
	})
	if count != n {
		t.Errorf("Match reported %d entries, want %d", count, n)
	}
	// Remove in an order unrelated to insertion, so entries move around.
	for i := range ids {
		j := (i * 7919) % n
		ids[i], ids[j] = ids[j], ids[i]
	}
	for i, id := range ids {
		if !tr.Remove("fleet/+/alerts", id) {
			t.Fatalf("Remove(%d) = false", id)
		}
		if tr.Remove("fleet/+/alerts", id) {
			t.Fatalf("second Remove(%d) = true", id)
		}
		if left := n - i - 1; left < 4*indexAbove || i%997 == 0 {
			checkTree(t, &tr)
			if _, ok := tr.Get("fleet/+/alerts", id); ok {
				t.Fatalf("Get(%d) found a removed entry", id)
			}
			if left > 0 {
				if _, ok := tr.Get("fleet/+/alerts", ids[i+1]); !ok {
					t.Fatalf("Get(%d) lost an entry", ids[i+1])
				}
			}
		}
	}
	if tr.Len() != 0 || tr.nodes != 0 {
		t.Errorf("Len=%d nodes=%d after removing everything", tr.Len(), tr.nodes)
	}
}

// TestEntrySetThreshold checks that the index is built above indexAbove,
// kept down to indexBelow, and that the slice shrinks after mass removal.
func TestEntrySetThreshold(t *testing.T) {
	var s entrySet[string, int]
	id := func(i int) string { return fmt.Sprintf("c%d", i) }
	for i := range indexAbove {
		s.put(id(i), i)
	}
	if s.index != nil {
		t.Fatalf("index built at %d entries", s.len())
	}
	s.put(id(indexAbove), indexAbove)
	if s.index == nil {
		t.Fatalf("no index at %d entries", s.len())
	}
	checkSet(t, &s)
	// Hovering between the two thresholds keeps the index.
	for i := indexAbove; i >= indexBelow; i-- {
		s.remove(id(i))
		if s.len() >= indexBelow && s.index == nil {
			t.Fatalf("index dropped at %d entries", s.len())
		}
		checkSet(t, &s)
	}
	if s.len() != indexBelow || s.index == nil {
		t.Fatalf("at %d entries, index %v", s.len(), s.index != nil)
	}
	s.remove(id(indexBelow - 1))
	if s.index != nil {
		t.Fatalf("index kept at %d entries", s.len())
	}
	for i := range indexBelow - 1 {
		if v, ok := s.get(id(i)); !ok || v != i {
			t.Fatalf("get(%s) = %v, %v", id(i), v, ok)
		}
	}

	const big = 4096
	for i := range big {
		s.put(id(i), i)
	}
	for i := big - 1; i >= 10; i-- {
		s.remove(id(i))
	}
	if cap(s.list) > 4*shrinkCap {
		t.Errorf("cap = %d after shrinking to %d entries", cap(s.list), s.len())
	}
	checkSet(t, &s)
	for i := range 10 {
		s.remove(id(i))
	}
	if s.list != nil || s.index != nil {
		t.Errorf("empty set keeps list %v, index %v", s.list, s.index)
	}
}

// TestTreeDeep checks a key of 10,000 levels (the Tree does not limit depth;
// Limits does) and that removing it prunes every node.
func TestTreeDeep(t *testing.T) {
	deep := strings.Repeat("a/", 9999) + "a"
	var tr Tree[string, int]
	tr.Insert(deep, "c", 1)
	tr.Insert("#", "c", 2)
	tr.Insert(strings.Repeat("+/", 9999)+"#", "c", 3)
	if tr.nodes != 2*10000+1 {
		t.Errorf("nodes = %d, want %d", tr.nodes, 2*10000+1)
	}
	if got := len(matchIDs(&tr, deep)); got != 3 {
		t.Errorf("Match(deep) reported %d entries, want 3", got)
	}
	tr.Remove(deep, "c")
	tr.Remove("#", "c")
	tr.Remove(strings.Repeat("+/", 9999)+"#", "c")
	if tr.nodes != 0 || tr.Len() != 0 {
		t.Errorf("nodes=%d Len=%d after removing everything", tr.nodes, tr.Len())
	}
}

// TestTreeInsertCopiesKey checks that the Tree does not keep a reference to
// the caller's key, which may be a slice of a much larger string.
func TestTreeInsertCopiesKey(t *testing.T) {
	big := "a/b/c" + strings.Repeat("x", 1<<16)
	var tr Tree[string, int]
	tr.Insert(big[:5], "c", 1)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(big)))
	hi := lo + uintptr(len(big))
	tr.Walk(func(key, _ string, _ int) bool {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(key))); p >= lo && p < hi {
			t.Errorf("key %q aliases the caller's string", key)
		}
		return true
	})
}
