package broker_test

import (
	"fmt"
	"testing"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// v5SharedMember connects a raw client and joins $share/g/sh/t at QoS 1.
func v5SharedMember(t testing.TB, addr, id string, expiry uint32) *v5Raw {
	t.Helper()
	c, _ := v5Connect(t, addr, &packet.Connect{ClientID: id, CleanStart: true, Props: v5Expiry(expiry)})
	c.sub(1, "$share/g/sh/t", 1)
	return c
}

// v5Collect gathers what the barrier returns, acknowledges it and records
// each payload in seen, failing on a payload seen before.
func v5Collect(t testing.TB, c *v5Raw, who string, seen map[string]string) int {
	t.Helper()
	n := 0
	for _, m := range v5Publishes(t, c.barrier()) {
		p := string(m.Payload)
		if prev, dup := seen[p]; dup {
			t.Fatalf("%q delivered to %s and %s: one copy per group (4.8.2)", p, prev, who)
		}
		seen[p] = who
		c.send(&packet.Puback{PacketID: m.PacketID})
		n++
	}
	return n
}

// v5PublishN publishes n QoS 1 messages "prefix0".. to sh/t; each PUBACK
// means the message is routed.
func v5PublishN(t testing.TB, pub *v5Raw, prefix string, n int) {
	t.Helper()
	for i := range n {
		if code := pub.publish1(uint16(i+1), "sh/t", fmt.Sprint(prefix, i)); code != packet.Success {
			t.Fatalf("PUBACK %v", code)
		}
	}
}

// TestV5SharedSubscriptionDistributes: each message published to a shared
// subscription's topic goes to exactly one member of the group (4.8.2):
// the members get disjoint sets whose union is everything published. The
// broker takes turns (DESIGN.md), so both members get some.
func TestV5SharedSubscriptionDistributes(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	m1 := v5SharedMember(t, b.Addr, "sh-1", 0)
	m2 := v5SharedMember(t, b.Addr, "sh-2", 0)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "sh-pub", CleanStart: true})
	const n = 20
	v5PublishN(t, pub, "m", n)

	seen := map[string]string{}
	n1 := v5Collect(t, m1, "sh-1", seen)
	n2 := v5Collect(t, m2, "sh-2", seen)
	if len(seen) != n {
		t.Fatalf("the group got %d of %d messages", len(seen), n)
	}
	if n1 == 0 || n2 == 0 {
		t.Errorf("distribution %d/%d: one member got nothing", n1, n2)
	}
}

// TestV5SharedSubscriptionMemberLeaves: once a member has left, the other
// members get every message (4.8.2): whether the leaver's session ended or
// is kept offline.
func TestV5SharedSubscriptionMemberLeaves(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		expiry uint32
	}{{"SessionEnded", 0}, {"SessionKept", 300}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := v5Start(t, broker.Options{})
			m1 := v5SharedMember(t, b.Addr, "sh-1", tc.expiry)
			m2 := v5SharedMember(t, b.Addr, "sh-2", 0)
			pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "sh-pub", CleanStart: true})
			v5PublishN(t, pub, "before", 4)
			seen := map[string]string{}
			v5Collect(t, m1, "sh-1", seen)
			v5Collect(t, m2, "sh-2", seen)
			if len(seen) != 4 {
				t.Fatalf("the group got %d of 4 messages", len(seen))
			}

			m1.disconnect(nil)
			const n = 10
			v5PublishN(t, pub, "after", n)
			clear(seen)
			if got := v5Collect(t, m2, "sh-2", seen); got != n {
				t.Fatalf("remaining member got %d of %d messages published after the other left", got, n)
			}
		})
	}
}

// TestV5SharedSubscriptionNoLocal: No Local on a shared subscription is a
// Protocol Error [MQTT-3.8.3-4]: DISCONNECT 0x82.
func TestV5SharedSubscriptionNoLocal(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "sh-nl", CleanStart: true})
	c.send(&packet.Subscribe{PacketID: 1, Subscriptions: []packet.Subscription{{Filter: "$share/g/t", NoLocal: true}}})
	c.expectDisconnect(packet.ProtocolError)
}

// TestV5SharedSubscriptionNoRetained: retained messages are sent for new
// non-shared subscriptions only (3.3.1.3), not when joining a shared one.
func TestV5SharedSubscriptionNoRetained(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "sh-ret-pub", CleanStart: true})
	pub.send(&packet.Publish{QoS: 1, PacketID: 1, Retain: true, Topic: "sh/t", Payload: []byte("kept")})
	pub.expect(packet.PUBACK)
	m := v5SharedMember(t, b.Addr, "sh-ret", 0)
	m.quiet()
}

// TestV5SharedAndPlainSubscriptionIdentifiers: a client with a shared and a
// non-shared subscription matching the same topic gets one copy for each,
// each with the identifier of its own subscription [MQTT-3.3.4-5].
func TestV5SharedAndPlainSubscriptionIdentifiers(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "sh-sid", CleanStart: true})
	c.subscribe(1, v5SubID(1), packet.Subscription{Filter: "$share/g/sh/t"})
	c.subscribe(2, v5SubID(2), packet.Subscription{Filter: "sh/t"})
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "sh-sid-pub", CleanStart: true})
	pub.publish1(1, "sh/t", "x")
	var ids []uint32
	for _, m := range v5Publishes(t, c.barrier()) {
		if len(m.Props.SubscriptionIDs) != 1 {
			t.Fatalf("copy with Subscription Identifiers %v, want exactly one", m.Props.SubscriptionIDs)
		}
		ids = append(ids, m.Props.SubscriptionIDs[0])
	}
	if got := v5Sorted(ids); len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Fatalf("copies carry identifiers %v, want one with 1 and one with 2", got)
	}
}
