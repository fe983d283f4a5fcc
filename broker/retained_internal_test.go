package broker

import (
	"testing"
	"time"

	"github.com/ternmq/tern/packet"
)

// TestRetainedStore covers store, replace and delete by an empty payload
// [MQTT-3.3.1-5], [MQTT-3.3.1-10], the MaxRetained bound, expiry on read
// and the sweep that frees expired messages.
func TestRetainedStore(t *testing.T) {
	now := time.Unix(1000, 0)
	var r retainedStore
	r.init(2)
	msg := func(topic, payload string, expires time.Time) *Message {
		return &Message{Topic: topic, Payload: []byte(payload), Retain: true, Expires: expires}
	}
	if !r.set(msg("a/b", "1", time.Time{})) || !r.set(msg("a/c", "2", now.Add(time.Second))) {
		t.Fatal("set refused below the limit")
	}
	if r.set(msg("a/d", "3", time.Time{})) {
		t.Fatal("a third topic was stored beyond MaxRetained 2")
	}
	if !r.set(msg("a/b", "1bis", time.Time{})) {
		t.Fatal("replacing an existing topic must not count against the limit")
	}
	got := r.match("a/#", now)
	if len(got) != 2 {
		t.Fatalf("match a/# = %d messages, want 2", len(got))
	}
	for _, m := range got {
		if m.Topic == "a/b" && string(m.Payload) != "1bis" {
			t.Errorf("a/b holds %q, want the replacement", m.Payload)
		}
	}
	// An expired message is no longer offered, and the sweep frees it.
	later := now.Add(2 * time.Second)
	if got := r.match("a/#", later); len(got) != 1 || got[0].Topic != "a/b" {
		t.Fatalf("after expiry match = %v, want only a/b", got)
	}
	if n := r.sweep(later); n != 1 || r.count() != 1 {
		t.Fatalf("sweep removed %d, count %d; want 1 and 1", n, r.count())
	}
	// An empty payload deletes the retained message.
	r.set(msg("a/b", "", time.Time{}))
	if r.count() != 0 {
		t.Fatalf("count %d after delete, want 0", r.count())
	}
}

// TestExpiryLeft: the forwarded Message Expiry Interval is the lifetime less
// the time waited, rounded up [MQTT-3.3.2-6].
func TestExpiryLeft(t *testing.T) {
	now := time.Unix(1000, 0)
	p := packet.Publish{Topic: "t", Props: packet.Properties{MessageExpiry: packet.Some[uint32](10)}}
	m := newMessage(p.Topic, nil, 0, false, &p.Props, "c", now)
	for _, c := range []struct {
		after time.Duration
		want  uint32
	}{{0, 10}, {500 * time.Millisecond, 10}, {time.Second, 9}, {9500 * time.Millisecond, 1}} {
		if got := m.expiryLeft(now.Add(c.after)); !got.Present || got.Value != c.want {
			t.Errorf("after %v: %+v, want %d", c.after, got, c.want)
		}
	}
	if !m.expired(now.Add(10 * time.Second)) {
		t.Error("not expired at its expiry time")
	}
	none := newMessage("t", nil, 0, false, &packet.Properties{}, "c", now)
	if none.expiryLeft(now).Present || none.expired(now.Add(1000*time.Hour)) {
		t.Error("a message without expiry expired")
	}
}
