package client

import (
	"cmp"
	"slices"
	"sync"

	"github.com/ternmq/tern/packet"
)

// Key identifies one entry of a Store. Identifiers chosen by the client
// (outbound messages) and by the server (inbound messages) are separate
// spaces, told apart by Inbound.
type Key struct {
	ID      uint16 // the packet identifier
	Inbound bool   // the server chose ID: an inbound QoS 2 message
}

// Store keeps the state of a session that must survive its connection, so
// a reconnecting layer can resume the session on a new connection:
//
//   - outbound QoS 1 and 2 messages sent and not yet acknowledged, as
//     *packet.Publish under Key{ID: id};
//   - outbound QoS 2 messages whose PUBREC arrived, as *packet.Pubrel
//     under the same key, replacing the PUBLISH;
//   - inbound QoS 2 messages delivered and answered with PUBREC but not yet
//     released, as *packet.Pubrec under Key{ID: id, Inbound: true}, so they
//     are not delivered twice.
//
// When a connection resumes a session (CONNACK Session Present), the
// client retransmits the PUBLISH (with DUP set) and PUBREL packets in the
// order List returns them; when the server has no session, the client
// calls Reset [MQTT-3.2.2-5]. A reconnecting layer that wants to send the
// discarded messages again reads them with List before connecting.
//
// The client owns the packets it passes to Put and never modifies them
// afterwards; a Store may keep them as they are. Methods are called from
// several goroutines and must be safe for concurrent use.
type Store interface {
	// Put stores p under k, replacing any entry for k.
	Put(k Key, p packet.Packet) error
	// Delete removes the entry for k, if any.
	Delete(k Key) error
	// List returns the entries in the order they were first put; a
	// replaced entry keeps its place.
	List() ([]packet.Packet, error)
	// Reset removes every entry.
	Reset() error
}

// MemoryStore is a Store in memory. The zero value is empty and ready to
// use; it is safe for concurrent use.
type MemoryStore struct {
	mu      sync.Mutex // guards the fields below
	entries map[Key]memEntry
	seq     uint64 // the order of the next new entry
}

type memEntry struct {
	seq uint64
	p   packet.Packet
}

// Put implements Store.
func (s *MemoryStore) Put(k Key, p packet.Packet) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries == nil {
		s.entries = make(map[Key]memEntry)
	}
	e, ok := s.entries[k]
	if !ok {
		s.seq++
		e.seq = s.seq
	}
	e.p = p
	s.entries[k] = e
	return nil
}

// Delete implements Store.
func (s *MemoryStore) Delete(k Key) error {
	s.mu.Lock()
	delete(s.entries, k)
	s.mu.Unlock()
	return nil
}

// List implements Store.
func (s *MemoryStore) List() ([]packet.Packet, error) {
	s.mu.Lock()
	es := make([]memEntry, 0, len(s.entries))
	for _, e := range s.entries {
		es = append(es, e)
	}
	s.mu.Unlock()
	sortEntries(es)
	ps := make([]packet.Packet, len(es))
	for i, e := range es {
		ps[i] = e.p
	}
	return ps, nil
}

// Reset implements Store.
func (s *MemoryStore) Reset() error {
	s.mu.Lock()
	clear(s.entries)
	s.mu.Unlock()
	return nil
}

// Len returns the number of entries.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

func sortEntries(es []memEntry) {
	slices.SortFunc(es, func(a, b memEntry) int { return cmp.Compare(a.seq, b.seq) })
}
