package broker_test

import (
	"fmt"
	"testing"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// TestV5RetransmitUnackedQoS1: a QoS 1 message the subscriber received but
// did not acknowledge is sent again, with its original Packet Identifier
// and DUP set, when the subscriber resumes its session [MQTT-4.4.0-1],
// [MQTT-3.3.1-1]; the first delivery had DUP 0 [MQTT-4.3.2-2]. Once
// acknowledged it is not sent again [MQTT-4.3.2-3].
func TestV5RetransmitUnackedQoS1(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	cp := func() *packet.Connect { return &packet.Connect{ClientID: "redeliver", Props: v5Expiry(300)} }
	sub, _ := v5Connect(t, b.Addr, cp())
	sub.sub(1, "re/t", 1)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "re-pub", CleanStart: true})
	if code := pub.publish1(1, "re/t", "once"); code != packet.Success {
		t.Fatalf("PUBACK %v", code)
	}
	first := sub.expectPublish()
	if first.QoS != 1 || first.Dup || string(first.Payload) != "once" {
		t.Fatalf("first delivery QoS %d DUP %v %q; want QoS 1, DUP 0, %q", first.QoS, first.Dup, first.Payload, "once")
	}
	sub.drop() // no PUBACK

	sub, ack := v5Connect(t, b.Addr, cp())
	if !ack.SessionPresent {
		t.Fatal("Session Present 0 on resume")
	}
	again := sub.expectPublish()
	if !again.Dup || again.QoS != 1 || again.PacketID != first.PacketID || string(again.Payload) != "once" {
		t.Fatalf("redelivery DUP %v QoS %d id %d %q; want DUP 1, QoS 1, id %d, %q",
			again.Dup, again.QoS, again.PacketID, again.Payload, first.PacketID, "once")
	}
	sub.send(&packet.Puback{PacketID: again.PacketID})
	sub.quiet()
	sub.disconnect(nil)

	sub, _ = v5Connect(t, b.Addr, cp())
	sub.quiet()
}

// TestV5ResumeSendsPubrel: a QoS 2 message the subscriber acknowledged with
// PUBREC is released with PUBREL, not sent again, when the session resumes
// before PUBCOMP [MQTT-4.4.0-1], [MQTT-4.3.3-4], [MQTT-4.3.3-6].
func TestV5ResumeSendsPubrel(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	cp := func() *packet.Connect { return &packet.Connect{ClientID: "rel", Props: v5Expiry(300)} }
	sub, _ := v5Connect(t, b.Addr, cp())
	sub.sub(1, "rel/t", 2)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rel-pub", CleanStart: true})
	pub.send(&packet.Publish{QoS: 2, PacketID: 1, Topic: "rel/t", Payload: []byte("two")})
	if rec := pub.expect(packet.PUBREC).(*packet.Pubrec); rec.PacketID != 1 || rec.ReasonCode != packet.Success {
		t.Fatalf("PUBREC %+v, want id 1 Success", rec)
	}
	pub.send(&packet.Pubrel{PacketID: 1})
	pub.expect(packet.PUBCOMP)

	m := sub.expectPublish()
	if m.QoS != 2 || m.Dup {
		t.Fatalf("delivery QoS %d DUP %v, want QoS 2 DUP 0 [MQTT-4.3.3-2]", m.QoS, m.Dup)
	}
	sub.send(&packet.Pubrec{PacketID: m.PacketID})
	if rel := sub.expect(packet.PUBREL).(*packet.Pubrel); rel.PacketID != m.PacketID {
		t.Fatalf("PUBREL for %d, want %d [MQTT-4.3.3-4]", rel.PacketID, m.PacketID)
	}
	sub.drop() // no PUBCOMP

	sub, ack := v5Connect(t, b.Addr, cp())
	if !ack.SessionPresent {
		t.Fatal("Session Present 0 on resume")
	}
	if rel := sub.expect(packet.PUBREL).(*packet.Pubrel); rel.PacketID != m.PacketID {
		t.Fatalf("PUBREL for %d on resume, want %d", rel.PacketID, m.PacketID)
	}
	sub.send(&packet.Pubcomp{PacketID: m.PacketID})
	sub.quiet()
	sub.disconnect(nil)

	sub, _ = v5Connect(t, b.Addr, cp())
	sub.quiet()
}

// TestV5QoS2InboundExactlyOnce: until PUBREL, the server acknowledges a
// repeated QoS 2 PUBLISH with the same Packet Identifier by PUBREC and does
// not deliver it again [MQTT-4.3.3-10], also when the publisher resumes its
// session and resends with DUP; after PUBCOMP the identifier starts a new
// message [MQTT-4.3.3-11], [MQTT-4.3.3-12].
func TestV5QoS2InboundExactlyOnce(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "x2-sub", CleanStart: true})
	sub.sub(1, "x2/t", 0)

	cp := func() *packet.Connect { return &packet.Connect{ClientID: "x2-pub", Props: v5Expiry(300)} }
	pub, _ := v5Connect(t, b.Addr, cp())
	rec := func(id uint16) {
		t.Helper()
		r := pub.expect(packet.PUBREC).(*packet.Pubrec)
		if r.PacketID != id || r.ReasonCode.IsError() {
			t.Fatalf("PUBREC %+v, want id %d and success", r, id)
		}
	}
	comp := func(id uint16) {
		t.Helper()
		pub.send(&packet.Pubrel{PacketID: id})
		c := pub.expect(packet.PUBCOMP).(*packet.Pubcomp)
		if c.PacketID != id || c.ReasonCode != packet.Success {
			t.Fatalf("PUBCOMP %+v, want id %d Success", c, id)
		}
	}

	p := &packet.Publish{QoS: 2, PacketID: 7, Topic: "x2/t", Payload: []byte("once")}
	pub.send(p)
	rec(7)
	p.Dup = true
	pub.send(p)
	rec(7)
	comp(7)

	// After PUBCOMP the same identifier is a new message.
	pub.send(&packet.Publish{QoS: 2, PacketID: 7, Topic: "x2/t", Payload: []byte("new")})
	rec(7)
	comp(7)

	// A resend after reconnecting, still before PUBREL, is not a new message.
	pub.send(&packet.Publish{QoS: 2, PacketID: 9, Topic: "x2/t", Payload: []byte("resumed")})
	rec(9)
	pub.drop()
	pub, _ = v5Connect(t, b.Addr, cp())
	pub.send(&packet.Publish{QoS: 2, PacketID: 9, Dup: true, Topic: "x2/t", Payload: []byte("resumed")})
	rec(9)
	comp(9)

	var got []string
	for _, m := range v5Publishes(t, sub.barrier()) {
		got = append(got, string(m.Payload))
	}
	if want := []string{"once", "new", "resumed"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("subscriber got %q, want %q", got, want)
	}
}

// TestV5ReceiveMaximumExceeded: a client sending more QoS 2 PUBLISH packets
// than the server's Receive Maximum without completing them violates
// [MQTT-3.3.4-7]; the server answers DISCONNECT 0x93 (3.3.4). Completing
// one with PUBREL frees a place.
func TestV5ReceiveMaximumExceeded(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{ReceiveMaximum: 2})
	c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rm", CleanStart: true})
	if ack.Props.ReceiveMaximum != 2 {
		t.Fatalf("CONNACK Receive Maximum %d, want 2", ack.Props.ReceiveMaximum)
	}
	send := func(id uint16) {
		c.send(&packet.Publish{QoS: 2, PacketID: id, Topic: "rm/t", Payload: []byte("x")})
	}
	send(1)
	c.expect(packet.PUBREC)
	send(2)
	c.expect(packet.PUBREC)
	c.send(&packet.Pubrel{PacketID: 1})
	c.expect(packet.PUBCOMP)
	send(3)
	c.expect(packet.PUBREC)
	send(4) // 2 and 3 are still unacknowledged by PUBCOMP
	c.expectDisconnect(packet.ReceiveMaximumExceeded)
}

// TestV5OutboundReceiveMaximum: the server never has more QoS 1 PUBLISH
// packets awaiting PUBACK than the client's Receive Maximum [MQTT-3.3.4-9],
// [MQTT-4.9.0-2]; each PUBACK lets exactly one more through, in order,
// while other packets are still answered [MQTT-4.9.0-3].
func TestV5OutboundReceiveMaximum(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "window", CleanStart: true,
		Props: packet.Properties{ReceiveMaximum: 2}})
	sub.sub(1, "win/t", 1)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "window-pub", CleanStart: true})
	const n = 7
	for i := range n {
		// Each PUBACK means the message is routed: sent or queued.
		if code := pub.publish1(uint16(i+1), "win/t", fmt.Sprint("m", i)); code != packet.Success {
			t.Fatalf("PUBACK %v", code)
		}
	}

	var outstanding []*packet.Publish
	next := 0
	take := func(ms []*packet.Publish) {
		t.Helper()
		for _, m := range ms {
			if want := fmt.Sprint("m", next); string(m.Payload) != want || m.QoS != 1 {
				t.Fatalf("got %q at QoS %d, want %q at QoS 1", m.Payload, m.QoS, want)
			}
			next++
			outstanding = append(outstanding, m)
		}
		if len(outstanding) > 2 {
			t.Fatalf("%d QoS 1 messages unacknowledged, Receive Maximum is 2", len(outstanding))
		}
	}
	take(v5Publishes(t, sub.barrier()))
	if len(outstanding) != 2 {
		t.Fatalf("%d messages sent before any PUBACK, want 2", len(outstanding))
	}
	for range n {
		if len(outstanding) == 0 {
			break
		}
		sub.send(&packet.Puback{PacketID: outstanding[0].PacketID})
		outstanding = outstanding[1:]
		got := v5Publishes(t, sub.barrier())
		if want := min(1, n-next); len(got) != want {
			t.Fatalf("%d messages after one PUBACK, want %d", len(got), want)
		}
		take(got)
	}
	if next != n {
		t.Fatalf("received %d messages, want %d", next, n)
	}
}

// TestV5ErrorAckEndsDelivery: a PUBACK, or a PUBREC, with a Reason Code of
// 0x80 or more ends the delivery: the message counts as acknowledged and
// is not sent again [MQTT-4.4.0-2], and after such a PUBREC no PUBREL
// follows (4.3.3).
func TestV5ErrorAckEndsDelivery(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	cp := func() *packet.Connect { return &packet.Connect{ClientID: "errack", Props: v5Expiry(300)} }
	sub, _ := v5Connect(t, b.Addr, cp())
	sub.sub(1, "errack/1", 1)
	sub.sub(2, "errack/2", 2)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "errack-pub", CleanStart: true})
	pub.publish1(1, "errack/1", "one")
	pub.send(&packet.Publish{QoS: 2, PacketID: 2, Topic: "errack/2", Payload: []byte("two")})
	pub.expect(packet.PUBREC)

	got := v5Publishes(t, sub.barrier())
	if len(got) != 2 {
		t.Fatalf("got %q, want both messages", v5Texts(got))
	}
	for _, m := range got {
		if m.QoS == 1 {
			sub.send(&packet.Puback{PacketID: m.PacketID, ReasonCode: packet.UnspecifiedError})
		} else {
			sub.send(&packet.Pubrec{PacketID: m.PacketID, ReasonCode: packet.ImplementationSpecificError})
		}
	}
	sub.quiet() // no PUBREL
	sub.disconnect(nil)
	sub, _ = v5Connect(t, b.Addr, cp())
	sub.quiet() // nothing retransmitted
}

// TestV5PubrelUnknownPacketID: a PUBREL for a Packet Identifier the server
// does not hold is answered with PUBCOMP 0x92 (Packet Identifier not
// found, 3.7.2.1) and the connection goes on.
func TestV5PubrelUnknownPacketID(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "pubrel", CleanStart: true})
	c.send(&packet.Pubrel{PacketID: 99})
	comp := c.expect(packet.PUBCOMP).(*packet.Pubcomp)
	if comp.PacketID != 99 || comp.ReasonCode != packet.PacketIdentifierNotFound {
		t.Fatalf("PUBCOMP %+v, want id 99 and 0x92", comp)
	}
	c.quiet()
}
