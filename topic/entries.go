package topic

// Sizes at which an entrySet builds and drops its index. Most keys hold a
// handful of entries, which a linear scan finds faster than a map; a few hold
// thousands (one filter shared by a fleet of subscribers), where Insert and
// Remove must not be linear. The gap between the two keeps a set that
// hovers around one size from building and dropping its index in turn.
const (
	indexAbove = 16 // build the index when a set grows past this
	indexBelow = 8  // drop it when the set shrinks below this
)

// shrinkCap is the smallest slice capacity an entrySet gives back when it
// falls to a quarter full, so that memory returns after mass removals.
const shrinkCap = 64

// entry is one (id, value) pair stored at a key.
type entry[K comparable, V any] struct {
	id K
	v  V
}

// entrySet holds the entries of one key, at most one per id, in no
// particular order. The zero value is an empty set.
type entrySet[K comparable, V any] struct {
	list  []entry[K, V]
	index map[K]int // id -> position in list; nil while len(list) <= indexAbove
}

// len returns the number of entries.
func (s *entrySet[K, V]) len() int { return len(s.list) }

// find returns the position of id in s.list, or -1.
func (s *entrySet[K, V]) find(id K) int {
	if s.index != nil {
		if i, ok := s.index[id]; ok {
			return i
		}
		return -1
	}
	for i := range s.list {
		if s.list[i].id == id {
			return i
		}
	}
	return -1
}

// get returns the value stored for id.
func (s *entrySet[K, V]) get(id K) (V, bool) {
	if i := s.find(id); i >= 0 {
		return s.list[i].v, true
	}
	var zero V
	return zero, false
}

// put stores v for id and reports whether it replaced an entry.
func (s *entrySet[K, V]) put(id K, v V) (replaced bool) {
	if i := s.find(id); i >= 0 {
		s.list[i].v = v
		return true
	}
	s.list = append(s.list, entry[K, V]{id, v})
	switch {
	case s.index != nil:
		s.index[id] = len(s.list) - 1
	case len(s.list) > indexAbove:
		s.index = make(map[K]int, len(s.list))
		for i := range s.list {
			s.index[s.list[i].id] = i
		}
	}
	return false
}

// remove deletes the entry for id and reports whether there was one. The
// last entry moves into the freed position.
func (s *entrySet[K, V]) remove(id K) (removed bool) {
	i := s.find(id)
	if i < 0 {
		return false
	}
	last := len(s.list) - 1
	if i != last {
		s.list[i] = s.list[last]
		if s.index != nil {
			s.index[s.list[i].id] = i
		}
	}
	s.list[last] = entry[K, V]{} // drop references held by the value
	s.list = s.list[:last]
	if s.index != nil {
		delete(s.index, id)
		if len(s.list) < indexBelow {
			s.index = nil
		}
	}
	switch {
	case len(s.list) == 0:
		s.list = nil
	case cap(s.list) >= shrinkCap && len(s.list) <= cap(s.list)/4:
		s.list = append(make([]entry[K, V], 0, 2*len(s.list)), s.list...)
	}
	return true
}
