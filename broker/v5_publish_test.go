package broker_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eclipse/paho.golang/paho"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// TestV5PropertiesForwarded: the server forwards Payload Format Indicator
// [MQTT-3.3.2-4], Response Topic [MQTT-3.3.2-15], Correlation Data
// [MQTT-3.3.2-16], User Properties unaltered and in order [MQTT-3.3.2-17],
// [MQTT-3.3.2-18] and Content Type [MQTT-3.3.2-20]. Publisher and
// subscriber are paho clients.
func TestV5PropertiesForwarded(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	sub, _ := v5PahoConnect(t, b.Addr, &paho.Connect{ClientID: "props-sub", CleanStart: true})
	sub.sub("props/t", 2)
	pub, _ := v5PahoConnect(t, b.Addr, &paho.Connect{ClientID: "props-pub", CleanStart: true})

	format := byte(1)
	user := paho.UserProperties{{Key: "k", Value: "1"}, {Key: "a", Value: "2"}, {Key: "k", Value: "3"}, {Key: "ü", Value: ""}}
	for _, qos := range []byte{0, 1, 2} {
		sent := &paho.Publish{
			Topic:   "props/t",
			QoS:     qos,
			Payload: []byte("{\"n\":1}"),
			Properties: &paho.PublishProperties{
				PayloadFormat:   &format,
				ContentType:     "application/json",
				ResponseTopic:   "props/reply",
				CorrelationData: []byte{0, 1, 2, 0xff},
				User:            user,
			},
		}
		if code := pub.pub(sent); code != 0 {
			t.Fatalf("QoS %d: publish reason %#x", qos, code)
		}
		got := sub.expectText("props/t", "{\"n\":1}")
		p := got.Properties
		if p == nil {
			t.Fatalf("QoS %d: no properties forwarded", qos)
		}
		if got.QoS != qos {
			t.Errorf("QoS %d: delivered at %d", qos, got.QoS)
		}
		if p.PayloadFormat == nil || *p.PayloadFormat != 1 {
			t.Errorf("QoS %d: Payload Format Indicator %v, want 1", qos, p.PayloadFormat)
		}
		if p.ContentType != "application/json" {
			t.Errorf("QoS %d: Content Type %q", qos, p.ContentType)
		}
		if p.ResponseTopic != "props/reply" {
			t.Errorf("QoS %d: Response Topic %q", qos, p.ResponseTopic)
		}
		if !bytes.Equal(p.CorrelationData, []byte{0, 1, 2, 0xff}) {
			t.Errorf("QoS %d: Correlation Data %v", qos, p.CorrelationData)
		}
		if !slices.Equal(p.User, user) {
			t.Errorf("QoS %d: User Properties %v, want %v in that order", qos, p.User, user)
		}
		if p.MessageExpiry != nil {
			t.Errorf("QoS %d: Message Expiry Interval %d on a message published without one", qos, *p.MessageExpiry)
		}
	}
}

// TestV5MessageExpiryForwarded: the Message Expiry Interval sent to a
// subscriber is the received one less the time the message waited in the
// server [MQTT-3.3.2-6]: never more than published, and not yet zero; for
// live, queued and retained messages alike.
func TestV5MessageExpiryForwarded(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	live, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "exp-live", CleanStart: true})
	live.sub(1, "exp/t", 1)
	offline, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "exp-offline", Props: v5Expiry(300)})
	offline.sub(1, "exp/t", 1)
	offline.disconnect(nil)

	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "exp-pub", CleanStart: true})
	pub.send(&packet.Publish{QoS: 1, PacketID: 1, Retain: true, Topic: "exp/t", Payload: []byte("x"),
		Props: packet.Properties{MessageExpiry: packet.Some[uint32](60)}})
	pub.expect(packet.PUBACK)

	check := func(who string, m *packet.Publish) {
		t.Helper()
		e := m.Props.MessageExpiry
		if !e.Present || e.Value == 0 || e.Value > 60 {
			t.Errorf("%s: Message Expiry Interval %+v, want 1..60", who, e)
		}
	}
	check("live subscriber", live.expectPublish())

	offline, _ = v5Connect(t, b.Addr, &packet.Connect{ClientID: "exp-offline", Props: v5Expiry(300)})
	check("queued for an offline subscriber", offline.expectPublish())

	fresh, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "exp-new", CleanStart: true})
	fresh.sub(1, "exp/t", 1)
	check("retained", fresh.expectPublish())
}

// TestV5MessageExpiryDiscards: a message whose Message Expiry Interval
// passes before onward delivery starts is not delivered [MQTT-3.3.2-5]:
// neither from an offline session's queue nor as a retained message
// (3.3.2.3.3). The test waits for the 1 s expiry to pass (a time
// condition, bounded), then checks with a ping barrier.
func TestV5MessageExpiryDiscards(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	cp := func() *packet.Connect { return &packet.Connect{ClientID: "expd-sub", Props: v5Expiry(300)} }
	sub, _ := v5Connect(t, b.Addr, cp())
	sub.sub(1, "expd/q", 1)
	sub.disconnect(nil)

	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "expd-pub", CleanStart: true})
	published := time.Now()
	short := packet.Properties{MessageExpiry: packet.Some[uint32](1)}
	pub.send(&packet.Publish{QoS: 1, PacketID: 1, Topic: "expd/q", Payload: []byte("expires"), Props: short})
	pub.expect(packet.PUBACK)
	pub.publish1(2, "expd/q", "stays")
	pub.send(&packet.Publish{QoS: 1, PacketID: 3, Retain: true, Topic: "expd/r", Payload: []byte("expires"), Props: short})
	pub.expect(packet.PUBACK)

	<-time.After(time.Until(published.Add(1500 * time.Millisecond)))

	sub, _ = v5Connect(t, b.Addr, cp())
	got := v5Publishes(t, sub.barrier())
	if len(got) != 1 || string(got[0].Payload) != "stays" {
		t.Fatalf("resumed subscriber got %q, want only %q", v5Texts(got), "stays")
	}
	sub.send(&packet.Puback{PacketID: got[0].PacketID})

	sub.sub(2, "expd/r", 1)
	if got := v5Publishes(t, sub.barrier()); len(got) != 0 {
		t.Fatalf("new subscription got %q, want no expired retained message", v5Texts(got))
	}
}

// TestV5ClientMaximumPacketSize: the server does not send a packet larger
// than the client's Maximum Packet Size [MQTT-3.1.2-24]; it discards it as
// if sent [MQTT-3.1.2-25] and goes on with the next messages, retained ones
// included.
func TestV5ClientMaximumPacketSize(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "mps-pub", CleanStart: true})
	big := strings.Repeat("x", 200)
	pub.send(&packet.Publish{QoS: 1, PacketID: 1, Retain: true, Topic: "mps/r", Payload: []byte(big)})
	pub.expect(packet.PUBACK)

	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "mps-sub", CleanStart: true,
		Props: packet.Properties{MaximumPacketSize: 64}})
	sub.sub(1, "mps/#", 1)
	pub.publish1(2, "mps/t", big)
	pub.publish1(3, "mps/t", "small")
	got := v5Publishes(t, sub.barrier())
	if len(got) != 1 || string(got[0].Payload) != "small" {
		t.Fatalf("got %q, want only %q", v5Texts(got), "small")
	}
	sub.send(&packet.Puback{PacketID: got[0].PacketID})
	if n := b.Stats().DroppedTooLarge; n != 2 {
		t.Errorf("DroppedTooLarge %d, want 2 (retained and live)", n)
	}
}

// TestV5ServerMaximumPacketSize: a packet larger than the Maximum Packet
// Size the server announced is answered with DISCONNECT 0x95 (3.2.2.3.6,
// 4.13).
func TestV5ServerMaximumPacketSize(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{MaxPacketSize: 128})
	c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "big", CleanStart: true})
	if ack.Props.MaximumPacketSize != 128 {
		t.Fatalf("CONNACK Maximum Packet Size %d, want 128", ack.Props.MaximumPacketSize)
	}
	c.send(&packet.Publish{QoS: 1, PacketID: 1, Topic: "big/t", Payload: bytes.Repeat([]byte("x"), 200)})
	c.expectDisconnect(packet.PacketTooLarge)
}

// v5Texts renders the payloads of messages for failure messages.
func v5Texts(ms []*packet.Publish) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, string(m.Payload))
	}
	return out
}

// TestV5RetransmissionWithinMaximumPacketSize: a message in flight from an
// earlier connection is not retransmitted when it exceeds the Maximum
// Packet Size of the resuming connection [MQTT-3.1.2-24]; it is discarded
// as if sent [MQTT-3.1.2-25], and the rest of the session goes on.
func TestV5RetransmissionWithinMaximumPacketSize(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "mps-re", Props: v5Expiry(300)})
	sub.sub(1, "mps-re/t", 1)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "mps-re-pub", CleanStart: true})
	pub.publish1(1, "mps-re/t", strings.Repeat("x", 200))
	pub.publish1(2, "mps-re/t", "small")
	if got := v5Publishes(t, sub.barrier()); len(got) != 2 {
		t.Fatalf("first connection got %q, want both", v5Texts(got))
	}
	sub.drop() // neither acknowledged

	const max = 64
	sub, _ = v5Connect(t, b.Addr, &packet.Connect{ClientID: "mps-re",
		Props: packet.Properties{SessionExpiry: packet.Some[uint32](300), MaximumPacketSize: max}})
	m := sub.expectSizedUpTo(packet.PUBLISH, max).(*packet.Publish)
	if string(m.Payload) != "small" || !m.Dup {
		t.Fatalf("retransmitted %q DUP %v, want only %q with DUP", m.Payload, m.Dup, "small")
	}
	sub.send(&packet.Puback{PacketID: m.PacketID})
	sub.quiet()
	pub.publish1(3, "mps-re/t", "next")
	if got := v5Publishes(t, sub.barrier()); len(got) != 1 || string(got[0].Payload) != "next" {
		t.Fatalf("got %q, want %q", v5Texts(got), "next")
	}
}
