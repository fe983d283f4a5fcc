package broker_test

import (
	"slices"
	"testing"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// TestV5MalformedPackets: after CONNACK, a packet that is malformed or a
// protocol error makes the server send DISCONNECT with the matching reason
// code and close the connection (4.13.1) [MQTT-3.14.4-1], [MQTT-3.14.4-2].
// Each raw packet is commented field by field. Where the specification
// names no code, either 0x81 or 0x82 is accepted.
func TestV5MalformedPackets(t *testing.T) {
	t.Parallel()
	either := []packet.ReasonCode{packet.MalformedPacket, packet.ProtocolError}
	for _, tc := range []struct {
		name string
		raw  []byte
		want []packet.ReasonCode
	}{
		{
			// [MQTT-3.3.2-2]: PUBLISH QoS 0, topic "a/+", no properties, payload "x".
			"PublishWildcardPlus", []byte{0x30, 7, 0, 3, 'a', '/', '+', 0, 'x'},
			[]packet.ReasonCode{packet.TopicNameInvalid},
		},
		{
			// [MQTT-3.3.2-2]: PUBLISH QoS 1 id 1, topic "#".
			"PublishWildcardHash", []byte{0x32, 6, 0, 1, '#', 0, 1, 0},
			[]packet.ReasonCode{packet.TopicNameInvalid},
		},
		{
			// [MQTT-3.3.1-4]: PUBLISH with both QoS bits set.
			"PublishQoS3", []byte{0x36, 6, 0, 1, 'a', 0, 1, 0},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// [MQTT-3.3.1-2]: PUBLISH QoS 0 with DUP.
			"PublishQoS0Dup", []byte{0x38, 4, 0, 1, 'a', 0},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// 3.3.2.1: PUBLISH QoS 0, empty topic, no Topic Alias.
			"PublishEmptyTopic", []byte{0x30, 3, 0, 0, 0},
			[]packet.ReasonCode{packet.ProtocolError},
		},
		{
			// [MQTT-2.2.1-3]: PUBLISH QoS 1 with packet identifier 0.
			"PublishPacketIDZero", []byte{0x32, 6, 0, 1, 'a', 0, 0, 0},
			either,
		},
		{
			// [MQTT-1.5.4-1]: PUBLISH QoS 0, topic 0xC3 0x28 (ill-formed UTF-8).
			"PublishTopicInvalidUTF8", []byte{0x30, 5, 0, 2, 0xC3, 0x28, 0},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// [MQTT-1.5.4-2]: PUBLISH QoS 0, topic "a\x00".
			"PublishTopicNUL", []byte{0x30, 5, 0, 2, 'a', 0, 0},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// 2.2.2.2: PUBLISH QoS 0, topic "a", properties {Session Expiry
			// Interval 1}: not a PUBLISH property.
			"PublishPropertyNotAllowed", []byte{0x30, 9, 0, 1, 'a', 5, 0x11, 0, 0, 0, 1},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// 3.3.2.3.9: PUBLISH QoS 0, topic "a", properties {Content Type
			// "x", Content Type "y"}.
			"PublishDuplicateProperty", []byte{0x30, 12, 0, 1, 'a', 8, 0x03, 0, 1, 'x', 0x03, 0, 1, 'y'},
			[]packet.ReasonCode{packet.ProtocolError},
		},
		{
			// 2.2.2.2: PUBLISH QoS 0, topic "a", properties {0x7F}: no such property.
			"PublishUnknownProperty", []byte{0x30, 6, 0, 1, 'a', 2, 0x7F, 0},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// [MQTT-3.3.4-6]: PUBLISH QoS 0, topic "a", properties
			// {Subscription Identifier 1}, from a client.
			"PublishSubscriptionID", []byte{0x30, 6, 0, 1, 'a', 2, 0x0B, 1},
			[]packet.ReasonCode{packet.ProtocolError},
		},
		{
			// [MQTT-1.5.5-1]: a remaining length of five bytes.
			"RemainingLengthTooLong", []byte{0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// [MQTT-3.8.1-1]: SUBSCRIBE with fixed header flags 0000; id 1,
			// no properties, filter "a", options 0.
			"SubscribeFlags", []byte{0x80, 7, 0, 1, 0, 0, 1, 'a', 0},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// [MQTT-3.8.3-5]: SUBSCRIBE id 1, filter "a", reserved option bits 7-6 set.
			"SubscribeReservedOptions", []byte{0x82, 7, 0, 1, 0, 0, 1, 'a', 0xC0},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// [MQTT-3.8.3-2]: SUBSCRIBE id 1, no properties, no filter.
			"SubscribeNoFilter", []byte{0x82, 3, 0, 1, 0},
			[]packet.ReasonCode{packet.ProtocolError},
		},
		{
			// 3.8.3.1: SUBSCRIBE id 1, filter "a", Retain Handling 3.
			"SubscribeRetainHandling3", []byte{0x82, 7, 0, 1, 0, 0, 1, 'a', 0x30},
			[]packet.ReasonCode{packet.ProtocolError},
		},
		{
			// 3.8.2.1.2: SUBSCRIBE id 1, properties {Subscription Identifier 0}, filter "a".
			"SubscribeSubscriptionIDZero", []byte{0x82, 9, 0, 1, 2, 0x0B, 0, 0, 1, 'a', 0},
			[]packet.ReasonCode{packet.ProtocolError},
		},
		{
			// [MQTT-3.10.1-1]: UNSUBSCRIBE with flags 0000, id 1, filter "a".
			"UnsubscribeFlags", []byte{0xA0, 6, 0, 1, 0, 0, 1, 'a'},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// [MQTT-3.6.1-1]: PUBREL with flags 0000, id 1.
			"PubrelFlags", []byte{0x60, 2, 0, 1},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// 3.12: PINGREQ with a one-byte body.
			"PingreqBody", []byte{0xC0, 1, 0},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// 2.1.2: packet type 0 is reserved.
			"ReservedType", []byte{0x00, 0},
			[]packet.ReasonCode{packet.MalformedPacket},
		},
		{
			// 4.12: AUTH when CONNECT had no Authentication Method.
			"AuthWithoutMethod", []byte{0xF0, 0},
			[]packet.ReasonCode{packet.ProtocolError},
		},
		{
			// SUBACK id 1, no properties, code 0: sent only by servers.
			"ClientSendsSuback", []byte{0x90, 4, 0, 1, 0, 0},
			either,
		},
		{
			// [MQTT-3.14.2-1]: DISCONNECT with reason code 0x03, not a DISCONNECT code.
			"DisconnectBadReason", []byte{0xE0, 1, 0x03},
			either,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := v5Start(t, broker.Options{})
			c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "bad", CleanStart: true})
			c.sendBytes(tc.raw)
			d := c.expect(packet.DISCONNECT).(*packet.Disconnect)
			if !slices.Contains(tc.want, d.ReasonCode) {
				t.Fatalf("DISCONNECT %v (%q), want one of %v", d.ReasonCode, d.Props.ReasonString, tc.want)
			}
			c.expectClosed()
		})
	}
}

// TestV5ReasonStringWithinMaximumPacketSize: the server leaves out the
// Reason String when it would make a DISCONNECT [MQTT-3.14.2-3] or CONNACK
// [MQTT-3.2.2-19] larger than the client's Maximum Packet Size.
func TestV5ReasonStringWithinMaximumPacketSize(t *testing.T) {
	t.Parallel()
	const max = 16
	t.Run("Disconnect", func(t *testing.T) {
		t.Parallel()
		b := v5Start(t, broker.Options{})
		c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "mps-reason", CleanStart: true,
			Props: packet.Properties{MaximumPacketSize: max}})
		c.send(&packet.Connect{Version: packet.V5, ClientID: "mps-reason"}) // a Protocol Error
		c.expectSizedUpTo(packet.DISCONNECT, max)
		c.expectClosed()
	})
	t.Run("Connack", func(t *testing.T) {
		t.Parallel()
		b := v5AuthBroker(t)
		c := v5Dial(t, b.Addr)
		cp := v5Login("mps-reason", "alice", "wrong")
		cp.Version = packet.V5
		cp.Props.MaximumPacketSize = max
		c.send(cp)
		c.expectSizedUpTo(packet.CONNACK, max)
		c.expectClosed()
	})
}

// expectSizedUpTo reads the next packet's raw form, requires type typ and
// at most max bytes, and returns it decoded.
func (c *v5Raw) expectSizedUpTo(typ packet.Type, max int) packet.Packet {
	c.t.Helper()
	p, size := c.nextSized()
	if p.Type() != typ {
		c.t.Fatalf("got %v, want %v", p.Type(), typ)
	}
	if size > max {
		c.t.Fatalf("%v of %d bytes exceeds the client's Maximum Packet Size %d: %+v", typ, size, max, p)
	}
	return p
}
