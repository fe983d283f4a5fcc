package broker_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// v5AliasPub sends a QoS 1 PUBLISH with a topic alias and returns the
// PUBACK code.
func v5AliasPub(c *v5Raw, id uint16, topic string, alias uint16, payload string) packet.ReasonCode {
	c.t.Helper()
	c.send(&packet.Publish{QoS: 1, PacketID: id, Topic: topic, Payload: []byte(payload),
		Props: packet.Properties{TopicAlias: alias}})
	return c.expect(packet.PUBACK).(*packet.Puback).ReasonCode
}

// TestV5TopicAliasInbound: the server accepts every Topic Alias from 1 to
// the Topic Alias Maximum it announced [MQTT-3.3.2-12]: a PUBLISH with a
// topic and an alias sets the mapping, one with an empty topic uses it,
// and another topic with the same alias replaces it (3.3.2.3.4). The alias
// is not forwarded: the subscriber, which allows no aliases, gets the full
// topic and no Topic Alias [MQTT-3.1.2-27].
func TestV5TopicAliasInbound(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{TopicAliasMaximum: 3})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-sub", CleanStart: true})
	sub.sub(1, "al/#", 0)
	pub, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-pub", CleanStart: true})
	if ack.Props.TopicAliasMaximum != 3 {
		t.Fatalf("CONNACK Topic Alias Maximum %d, want 3", ack.Props.TopicAliasMaximum)
	}
	steps := []struct {
		topic string
		alias uint16
		want  string
	}{
		{"al/a", 1, "al/a"},
		{"", 1, "al/a"},
		{"al/b", 1, "al/b"}, // remapped
		{"", 1, "al/b"},
		{"al/c", 3, "al/c"}, // the maximum itself
		{"", 3, "al/c"},
		{"", 1, "al/b"}, // alias 1 unaffected by alias 3
	}
	for i, s := range steps {
		if code := v5AliasPub(pub, uint16(i+1), s.topic, s.alias, fmt.Sprint(i)); code != packet.Success {
			t.Fatalf("step %d: PUBACK %v, want Success", i, code)
		}
	}
	got := v5Publishes(t, sub.barrier())
	if len(got) != len(steps) {
		t.Fatalf("subscriber got %q, want %d messages", v5Texts(got), len(steps))
	}
	for i, m := range got {
		if m.Topic != steps[i].want || string(m.Payload) != fmt.Sprint(i) {
			t.Errorf("message %d: %q on %q, want %q on %q", i, m.Payload, m.Topic, fmt.Sprint(i), steps[i].want)
		}
		if m.Props.TopicAlias != 0 {
			t.Errorf("message %d carries Topic Alias %d to a client that allows none", i, m.Props.TopicAlias)
		}
	}
}

// TestV5TopicAliasUnknown: a PUBLISH with an empty topic and an alias that
// was never set on this connection is a Protocol Error (3.3.2.3.4):
// DISCONNECT 0x82.
func TestV5TopicAliasUnknown(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{TopicAliasMaximum: 5})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-unknown", CleanStart: true})
	c.send(&packet.Publish{QoS: 1, PacketID: 1, Payload: []byte("x"), Props: packet.Properties{TopicAlias: 2}})
	c.expectDisconnect(packet.ProtocolError)
}

// TestV5TopicAliasNotCarriedForward: alias mappings do not survive the
// network connection, even when the session does [MQTT-3.3.2-7].
func TestV5TopicAliasNotCarriedForward(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-carry", Props: v5Expiry(300)})
	if code := v5AliasPub(c, 1, "carry/t", 1, "set"); code.IsError() {
		t.Fatalf("PUBACK %v", code)
	}
	c.disconnect(nil)
	c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-carry", Props: v5Expiry(300)})
	if !ack.SessionPresent {
		t.Fatal("session not resumed")
	}
	c.send(&packet.Publish{QoS: 1, PacketID: 2, Payload: []byte("use"), Props: packet.Properties{TopicAlias: 1}})
	c.expectDisconnect(packet.ProtocolError)
}

// TestV5TopicAliasInvalid: a Topic Alias above the Topic Alias Maximum the
// server announced [MQTT-3.3.2-9], or 0 [MQTT-3.3.2-8], is answered with
// DISCONNECT 0x94 (Topic Alias invalid).
func TestV5TopicAliasInvalid(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{TopicAliasMaximum: 2})
	t.Run("AboveMaximum", func(t *testing.T) {
		c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-above", CleanStart: true})
		c.send(&packet.Publish{QoS: 1, PacketID: 1, Topic: "a", Payload: []byte("x"), Props: packet.Properties{TopicAlias: 3}})
		c.expectDisconnect(packet.TopicAliasInvalid)
	})
	t.Run("Zero", func(t *testing.T) {
		c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-zero", CleanStart: true})
		// PUBLISH QoS 0, topic "a", properties {Topic Alias 0}, payload "x".
		c.sendBytes([]byte{0x30, 8, 0, 1, 'a', 3, 0x23, 0, 0, 'x'})
		c.expectDisconnect(packet.TopicAliasInvalid)
	})
}

// TestV5TopicAliasOutbound: towards a client that accepts aliases the
// server uses only aliases from 1 to the client's Topic Alias Maximum
// [MQTT-3.3.2-11], [MQTT-3.1.2-26], and every PUBLISH resolves to the
// topic the message was published to (3.3.2.3.4).
func TestV5TopicAliasOutbound(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-out", CleanStart: true,
		Props: packet.Properties{TopicAliasMaximum: 2}})
	sub.sub(1, "out/#", 1)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-out-pub", CleanStart: true})
	topics := []string{"out/a", "out/b", "out/c", "out/a", "out/b", "out/c", "out/c", "out/a"}
	for i, topic := range topics {
		if code := pub.publish1(uint16(i+1), topic, topic); code != packet.Success {
			t.Fatalf("PUBACK %v", code)
		}
	}
	aliases := map[uint16]string{}
	used := 0
	for i, m := range v5Publishes(t, sub.barrier()) {
		sub.send(&packet.Puback{PacketID: m.PacketID})
		a := m.Props.TopicAlias
		if a > 2 {
			t.Fatalf("message %d uses Topic Alias %d, the client's maximum is 2", i, a)
		}
		topic := m.Topic
		switch {
		case a != 0 && topic != "":
			aliases[a] = topic
			used++
		case a != 0:
			var ok bool
			if topic, ok = aliases[a]; !ok {
				t.Fatalf("message %d uses Topic Alias %d before setting it", i, a)
			}
		case topic == "":
			t.Fatalf("message %d has neither topic nor alias", i)
		}
		if topic != string(m.Payload) {
			t.Errorf("message %d resolves to %q, was published to %q", i, topic, m.Payload)
		}
	}
	if used == 0 {
		t.Error("the server used no alias towards a client allowing 2")
	}
}

// TestV5TopicAliasWithinMaximumPacketSize: an outbound Topic Alias never
// makes a PUBLISH exceed the client's Maximum Packet Size
// [MQTT-3.1.2-24]: a message that fits without the alias property is sent
// whole rather than grown past the limit, whether the alias would be new or
// (for a topic shorter than the property) already set.
func TestV5TopicAliasWithinMaximumPacketSize(t *testing.T) {
	t.Parallel()
	const max = 64
	b := v5Start(t, broker.Options{})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-mps", CleanStart: true,
		Props: packet.Properties{MaximumPacketSize: max, TopicAliasMaximum: 2}})
	sub.sub(1, "ta/t", 0)
	sub.sub(2, "a", 0)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "alias-mps-pub", CleanStart: true})
	send := func(topic string, payloadLen int) {
		t.Helper()
		pub.send(&packet.Publish{Topic: topic, Payload: bytes.Repeat([]byte("x"), payloadLen)})
		pub.quiet() // routed
		sub.send(&packet.Pingreq{})
		m := sub.expectSizedUpTo(packet.PUBLISH, max).(*packet.Publish)
		if len(m.Payload) != payloadLen {
			t.Fatalf("payload of %d bytes, want %d", len(m.Payload), payloadLen)
		}
		sub.expect(packet.PINGRESP)
	}
	// 64 bytes without an alias: 2 fixed header, 6 topic, 1 property
	// length, 55 payload. A new alias would add 3.
	send("ta/t", 55)
	send("ta/t", 1) // may take the alias now
	send("a", 1)    // "a" gets an alias
	// 64 bytes with the topic "a": replacing it by its alias adds 2.
	send("a", 58)
}
