package broker_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// v5SubID returns SUBSCRIBE properties with a Subscription Identifier.
func v5SubID(id uint32) packet.Properties {
	return packet.Properties{SubscriptionIDs: []uint32{id}}
}

// TestV5SubscriptionIdentifiers: a message matching several subscriptions
// of one client is sent once, at the highest QoS of the matching
// subscriptions [MQTT-3.3.4-2], carrying the Subscription Identifiers of
// all of them [MQTT-3.3.4-3], [MQTT-3.3.4-4]; a subscription to the same
// filter replaces the old one, identifier included [MQTT-3.8.4-3].
func TestV5SubscriptionIdentifiers(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "sid", CleanStart: true})
	sub.subscribe(1, v5SubID(1), packet.Subscription{Filter: "sid/+", QoS: 0})
	sub.subscribe(2, v5SubID(2), packet.Subscription{Filter: "sid/a", QoS: 1})
	sub.subscribe(3, packet.Properties{}, packet.Subscription{Filter: "sid/#", QoS: 0})
	sub.subscribe(4, v5SubID(268435455), packet.Subscription{Filter: "sid/b/#", QoS: 0})
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "sid-pub", CleanStart: true})

	check := func(topic string, wantQoS byte, wantIDs ...uint32) {
		t.Helper()
		if code := pub.publish1(1, topic, topic); code != packet.Success {
			t.Fatalf("PUBACK %v", code)
		}
		got := v5Publishes(t, sub.barrier())
		if len(got) != 1 {
			t.Fatalf("%s: %d copies, want one [MQTT-3.3.4-2]", topic, len(got))
		}
		m := got[0]
		if m.QoS != wantQoS {
			t.Errorf("%s: delivered at QoS %d, want %d", topic, m.QoS, wantQoS)
		}
		if ids := v5Sorted(m.Props.SubscriptionIDs); !slices.Equal(ids, wantIDs) {
			t.Errorf("%s: Subscription Identifiers %v, want %v", topic, ids, wantIDs)
		}
		if m.QoS > 0 {
			sub.send(&packet.Puback{PacketID: m.PacketID})
		}
	}
	check("sid/a", 1, 1, 2)
	check("sid/b", 0, 1, 268435455) // sid/b/# matches its parent level
	check("sid/b/c", 0, 268435455)
	check("sid/x/y", 0) // only sid/#, which has no identifier

	// Replacing sid/+ with identifier 5.
	sub.subscribe(5, v5SubID(5), packet.Subscription{Filter: "sid/+", QoS: 0})
	check("sid/a", 1, 2, 5)
}

// TestV5NoLocal: with No Local a client's own messages are not sent back
// to it [MQTT-3.8.3-3], while other subscribers get them; replacing the
// subscription without No Local restores them [MQTT-3.8.4-3].
func TestV5NoLocal(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	a, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "nl-a", CleanStart: true})
	a.subscribe(1, packet.Properties{}, packet.Subscription{Filter: "nl/t", QoS: 0, NoLocal: true})
	other, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "nl-b", CleanStart: true})
	other.sub(1, "nl/t", 0)

	if code := a.publish1(10, "nl/t", "own"); code != packet.Success {
		t.Fatalf("PUBACK %v", code)
	}
	third, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "nl-c", CleanStart: true})
	if code := third.publish1(10, "nl/t", "other"); code != packet.Success {
		t.Fatalf("PUBACK %v", code)
	}
	payloads := func(c *v5Raw) []string {
		var s []string
		for _, m := range v5Publishes(t, c.barrier()) {
			s = append(s, string(m.Payload))
		}
		return s
	}
	if got := payloads(a); !slices.Equal(got, []string{"other"}) {
		t.Fatalf("No Local subscriber got %q, want only %q", got, "other")
	}
	if got := payloads(other); !slices.Equal(got, []string{"own", "other"}) {
		t.Fatalf("other subscriber got %q, want both", got)
	}

	a.subscribe(2, packet.Properties{}, packet.Subscription{Filter: "nl/t", QoS: 0})
	a.send(&packet.Publish{Topic: "nl/t", Payload: []byte("own again")}) // QoS 0: routed before the barrier's PINGREQ
	if got := payloads(a); !slices.Equal(got, []string{"own again"}) {
		t.Fatalf("after replacing the subscription got %q, want %q", got, "own again")
	}
}

// TestV5RetainAsPublished: on an established subscription, Retain As
// Published 1 keeps the RETAIN flag of the PUBLISH [MQTT-3.3.1-13] and 0
// clears it [MQTT-3.3.1-12].
func TestV5RetainAsPublished(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	rap, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rap-1", CleanStart: true})
	rap.subscribe(1, packet.Properties{}, packet.Subscription{Filter: "rap/t", QoS: 0, RetainAsPublished: true})
	plain, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rap-0", CleanStart: true})
	plain.sub(1, "rap/t", 0)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rap-pub", CleanStart: true})
	pub.send(&packet.Publish{QoS: 1, PacketID: 1, Retain: true, Topic: "rap/t", Payload: []byte("retained")})
	pub.expect(packet.PUBACK)
	pub.publish1(2, "rap/t", "plain")

	for _, tc := range []struct {
		c    *v5Raw
		want []bool
	}{{rap, []bool{true, false}}, {plain, []bool{false, false}}} {
		got := v5Publishes(t, tc.c.barrier())
		if len(got) != 2 {
			t.Fatalf("got %q, want 2 messages", v5Texts(got))
		}
		for i, m := range got {
			if m.Retain != tc.want[i] {
				t.Errorf("%q: RETAIN %v, want %v", m.Payload, m.Retain, tc.want[i])
			}
		}
	}
}

// TestV5RetainHandling: when a subscription is made, Retain Handling 0
// sends the matching retained messages [MQTT-3.3.1-9], also when it
// replaces an existing subscription [MQTT-3.8.4-4]; 1 sends them only if
// the subscription is new [MQTT-3.3.1-10]; 2 never [MQTT-3.3.1-11]. They
// carry RETAIN 1 (3.3.1.3), the QoS min(published, granted) [MQTT-3.8.4-8]
// and the subscription's identifier (3.8.2.1.2).
func TestV5RetainHandling(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rh-pub", CleanStart: true})
	pub.send(&packet.Publish{QoS: 1, PacketID: 1, Retain: true, Topic: "rh/a", Payload: []byte("A")})
	pub.expect(packet.PUBACK)
	pub.send(&packet.Publish{QoS: 2, PacketID: 2, Retain: true, Topic: "rh/b", Payload: []byte("B")})
	pub.expect(packet.PUBREC)
	pub.send(&packet.Pubrel{PacketID: 2})
	pub.expect(packet.PUBCOMP)

	retained := func(c *v5Raw, id uint16, subID uint32, s packet.Subscription) []string {
		t.Helper()
		var props packet.Properties
		if subID != 0 {
			props = v5SubID(subID)
		}
		c.subscribe(id, props, s)
		var out []string
		for _, m := range v5Publishes(t, c.barrier()) {
			if !m.Retain {
				t.Errorf("retained %q sent with RETAIN 0", m.Payload)
			}
			if want := min(s.QoS, map[string]byte{"A": 1, "B": 2}[string(m.Payload)]); m.QoS != want {
				t.Errorf("retained %q at QoS %d, want %d", m.Payload, m.QoS, want)
			}
			if subID != 0 && !slices.Equal(m.Props.SubscriptionIDs, []uint32{subID}) {
				t.Errorf("retained %q carries Subscription Identifiers %v, want [%d]", m.Payload, m.Props.SubscriptionIDs, subID)
			}
			switch m.QoS {
			case 1:
				c.send(&packet.Puback{PacketID: m.PacketID})
			case 2:
				c.send(&packet.Pubrec{PacketID: m.PacketID})
				c.expect(packet.PUBREL)
				c.send(&packet.Pubcomp{PacketID: m.PacketID})
			}
			out = append(out, string(m.Payload))
		}
		slices.Sort(out)
		return out
	}

	c0, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rh-0", CleanStart: true})
	s0 := packet.Subscription{Filter: "rh/#", QoS: 2, RetainHandling: 0}
	if got := retained(c0, 1, 7, s0); !slices.Equal(got, []string{"A", "B"}) {
		t.Fatalf("Retain Handling 0, new: got %q, want A and B", got)
	}
	s0.QoS = 1
	if got := retained(c0, 2, 0, s0); !slices.Equal(got, []string{"A", "B"}) {
		t.Fatalf("Retain Handling 0, replaced: got %q, want A and B", got)
	}

	c1, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rh-1", CleanStart: true})
	s1 := packet.Subscription{Filter: "rh/a", QoS: 2, RetainHandling: 1}
	if got := retained(c1, 1, 0, s1); !slices.Equal(got, []string{"A"}) {
		t.Fatalf("Retain Handling 1, new: got %q, want A", got)
	}
	if got := retained(c1, 2, 0, s1); len(got) != 0 {
		t.Fatalf("Retain Handling 1, existing: got %q, want nothing", got)
	}

	c2, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rh-2", CleanStart: true})
	s2 := packet.Subscription{Filter: "rh/#", QoS: 2, RetainHandling: 2}
	if got := retained(c2, 1, 0, s2); len(got) != 0 {
		t.Fatalf("Retain Handling 2: got %q, want nothing", got)
	}
	// The subscription itself works.
	pub.publish1(3, "rh/c", "live")
	if got := v5Publishes(t, c2.barrier()); len(got) != 1 || string(got[0].Payload) != "live" || got[0].Retain {
		t.Fatalf("Retain Handling 2 subscriber got %q, want one non-retained %q", v5Texts(got), "live")
	}
}

// TestV5RetainedMessages: a retained PUBLISH replaces the topic's retained
// message [MQTT-3.3.1-5]; a non-retained one leaves it alone
// [MQTT-3.3.1-8]; an empty retained payload is delivered normally but
// removes the retained message [MQTT-3.3.1-6] and is not stored itself
// [MQTT-3.3.1-7].
func TestV5RetainedMessages(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "ret-pub", CleanStart: true})
	retain := func(id uint16, payload string) {
		t.Helper()
		pub.send(&packet.Publish{QoS: 1, PacketID: id, Retain: true, Topic: "ret/t", Payload: []byte(payload)})
		pub.expect(packet.PUBACK)
	}
	fresh := func(name string) []*packet.Publish {
		t.Helper()
		c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: name, CleanStart: true})
		c.sub(1, "ret/#", 0)
		got := v5Publishes(t, c.barrier())
		c.disconnect(nil)
		return got
	}

	retain(1, "first")
	retain(2, "second")
	pub.publish1(3, "ret/t", "not retained")
	got := fresh("ret-1")
	if len(got) != 1 || string(got[0].Payload) != "second" || !got[0].Retain {
		t.Fatalf("new subscriber got %q, want only the retained %q with RETAIN 1", v5Texts(got), "second")
	}

	live, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "ret-live", CleanStart: true})
	live.subscribe(1, packet.Properties{}, packet.Subscription{Filter: "ret/t", RetainHandling: 2})
	retain(4, "")
	if got := v5Publishes(t, live.barrier()); len(got) != 1 || len(got[0].Payload) != 0 {
		t.Fatalf("current subscriber got %d messages, want the empty message once", len(got))
	}
	if got := fresh("ret-2"); len(got) != 0 {
		t.Fatalf("after the empty retained message a new subscriber got %d messages, want none", len(got))
	}
	if n := b.Stats().Retained; n != 0 {
		t.Fatalf("%d retained messages stored, want 0", n)
	}
}

// TestV5PayloadFormatInvalid: a PUBLISH whose Payload Format Indicator says
// UTF-8 but whose payload is not is refused with PUBACK 0x99 (3.3.2.3.2,
// 4.13) and not delivered.
func TestV5PayloadFormatInvalid(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "pfi-sub", CleanStart: true})
	sub.sub(1, "pfi/t", 0)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "pfi-pub", CleanStart: true})
	pub.send(&packet.Publish{QoS: 1, PacketID: 1, Topic: "pfi/t", Payload: []byte{0xff, 0xfe},
		Props: packet.Properties{PayloadFormat: 1}})
	if ack := pub.expect(packet.PUBACK).(*packet.Puback); ack.ReasonCode != packet.PayloadFormatInvalid {
		t.Fatalf("PUBACK %v, want 0x99", ack.ReasonCode)
	}
	sub.quiet()
	// A valid one goes through.
	pub.send(&packet.Publish{QoS: 1, PacketID: 2, Topic: "pfi/t", Payload: []byte("ü"),
		Props: packet.Properties{PayloadFormat: 1}})
	pub.expect(packet.PUBACK)
	if got := v5Publishes(t, sub.barrier()); len(got) != 1 || got[0].Props.PayloadFormat != 1 {
		t.Fatalf("got %d messages, want the UTF-8 one with its Payload Format Indicator", len(got))
	}
}

// TestV5SubscribeAckPerFilter: one SUBACK answers a SUBSCRIBE with several
// filters, one reason code per filter in order [MQTT-3.8.4-5],
// [MQTT-3.8.4-6], [MQTT-3.8.4-7]; an invalid filter gets 0x8F while the
// others are granted.
func TestV5SubscribeAckPerFilter(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "multi", CleanStart: true})
	sa := c.subscribe(9, packet.Properties{},
		packet.Subscription{Filter: "m/0", QoS: 0},
		packet.Subscription{Filter: "m/#/x", QoS: 1},
		packet.Subscription{Filter: "m/1", QoS: 1},
		packet.Subscription{Filter: "m/2", QoS: 2})
	want := []packet.ReasonCode{packet.GrantedQoS0, packet.TopicFilterInvalid, packet.GrantedQoS1, packet.GrantedQoS2}
	if !slices.Equal(sa.ReasonCodes, want) {
		t.Fatalf("SUBACK codes %v, want %v", sa.ReasonCodes, want)
	}
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "multi-pub", CleanStart: true})
	for i := range 3 {
		pub.publish1(uint16(i+1), fmt.Sprint("m/", i), "x")
	}
	if got := v5Publishes(t, c.barrier()); len(got) != 3 {
		t.Fatalf("got %d messages, want one per granted filter", len(got))
	}
}

// TestV5Unsubscribe: UNSUBACK has one reason code per filter, 0x00 for a
// removed subscription and 0x11 for none [MQTT-3.11.3-1], [MQTT-3.11.3-2],
// and the server stops sending for the removed one [MQTT-3.10.4-2].
func TestV5Unsubscribe(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "unsub", CleanStart: true})
	c.sub(1, "u/a", 1)
	c.sub(2, "u/b", 1)
	c.send(&packet.Unsubscribe{PacketID: 3, Filters: []string{"u/a", "u/none"}})
	ua := c.expect(packet.UNSUBACK).(*packet.Unsuback)
	if want := []packet.ReasonCode{packet.Success, packet.NoSubscriptionExisted}; ua.PacketID != 3 || !slices.Equal(ua.ReasonCodes, want) {
		t.Fatalf("UNSUBACK id %d codes %v, want id 3 codes %v", ua.PacketID, ua.ReasonCodes, want)
	}
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "unsub-pub", CleanStart: true})
	if code := pub.publish1(1, "u/a", "x"); code != packet.NoMatchingSubscribers {
		t.Fatalf("PUBACK %v after unsubscribing, want 0x10", code)
	}
	pub.publish1(2, "u/b", "y")
	if got := v5Publishes(t, c.barrier()); len(got) != 1 || got[0].Topic != "u/b" {
		t.Fatalf("got %q, want only the u/b message", v5Texts(got))
	}
}

// TestV5WildcardsSkipDollarTopics: filters starting with a wildcard do not
// match topics starting with $ [MQTT-4.7.2-1]; a filter naming the $ level
// does.
func TestV5WildcardsSkipDollarTopics(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	all, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "dollar-all", CleanStart: true})
	all.subscribe(1, packet.Properties{}, packet.Subscription{Filter: "#"}, packet.Subscription{Filter: "+/x"})
	named, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "dollar-named", CleanStart: true})
	named.sub(1, "$app/#", 0)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "dollar-pub", CleanStart: true})
	pub.send(&packet.Publish{Topic: "$app/x", Payload: []byte("d")})
	pub.quiet()
	if got := v5Publishes(t, all.barrier()); len(got) != 0 {
		t.Fatalf("# and +/x got %q from a $ topic", v5Texts(got))
	}
	if got := v5Publishes(t, named.barrier()); len(got) != 1 {
		t.Fatalf("$app/# got %d messages, want 1", len(got))
	}
}

// TestV5RetainedNotDuplicatedAfterSubscribe: a retained message published
// after the client received its SUBACK reaches it once, through the
// subscription, and not a second time as a retained message of the new
// subscription (3.3.1.3; QoS 0 is at most once [MQTT-4.3.1-1]). The race
// this guards against is narrow, so the test repeats it on fresh topics.
func TestV5RetainedNotDuplicatedAfterSubscribe(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rdup", CleanStart: true})
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rdup-pub", CleanStart: true})
	for i := range 100 {
		topic := fmt.Sprint("rdup/", i)
		sub.sub(uint16(i+1), topic, 0)
		pub.send(&packet.Publish{QoS: 1, PacketID: 1, Retain: true, Topic: topic, Payload: []byte("r")})
		pub.expect(packet.PUBACK)
		if got := v5Publishes(t, sub.barrier()); len(got) != 1 {
			t.Fatalf("round %d: got %d copies of a retained message published after SUBACK, want 1", i, len(got))
		}
	}
}
