package broker_test

import (
	"testing"

	"github.com/eclipse/paho.golang/paho"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// TestV5ConnackProperties: CONNACK announces the server's limits and
// capabilities (3.2.2.3): Receive Maximum, Maximum Packet Size, Topic Alias
// Maximum, and retained, wildcard, subscription identifier and shared
// subscriptions available. Maximum QoS is absent when the server supports
// QoS 2 (absent means 2, 3.2.2.3.4).
func TestV5ConnackProperties(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{ReceiveMaximum: 10, MaxPacketSize: 4096, TopicAliasMaximum: 5})
	c := v5Dial(t, b.Addr)
	ack := c.connect(&packet.Connect{ClientID: "props", CleanStart: true})
	if ack.ReasonCode != packet.Success || ack.SessionPresent {
		t.Fatalf("CONNACK %v session present %v, want Success and false", ack.ReasonCode, ack.SessionPresent)
	}
	p := ack.Props
	if p.ReceiveMaximum != 10 {
		t.Errorf("Receive Maximum %d, want 10", p.ReceiveMaximum)
	}
	if p.MaximumPacketSize != 4096 {
		t.Errorf("Maximum Packet Size %d, want 4096", p.MaximumPacketSize)
	}
	if p.TopicAliasMaximum != 5 {
		t.Errorf("Topic Alias Maximum %d, want 5", p.TopicAliasMaximum)
	}
	if p.MaximumQoS.Present {
		t.Errorf("Maximum QoS %d sent by a server that supports QoS 2", p.MaximumQoS.Value)
	}
	for name, o := range map[string]packet.Opt[byte]{
		"Retain Available":                   p.RetainAvailable,
		"Wildcard Subscription Available":    p.WildcardSubAvailable,
		"Subscription Identifiers Available": p.SubscriptionIDAvailable,
		"Shared Subscription Available":      p.SharedSubAvailable,
	} {
		if o.Or(1) != 1 {
			t.Errorf("%s = %d, want 1 (or absent)", name, o.Value)
		}
	}
	if p.AssignedClientID != "" {
		t.Errorf("Assigned Client Identifier %q for a client that chose its own", p.AssignedClientID)
	}
	if p.ServerKeepAlive.Present {
		t.Errorf("Server Keep Alive %d sent though keep alive 0 is within the default maximum", p.ServerKeepAlive.Value)
	}
	c.disconnect(nil)
}

// TestV5ConnackRetainNotAvailable: with retained messages disabled CONNACK
// says Retain Available 0 (3.2.2.3.5), and a retained PUBLISH is then a
// Protocol Error answered with DISCONNECT 0x9A [MQTT-3.2.2-14].
func TestV5ConnackRetainNotAvailable(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{DisableRetain: true})
	c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "noretain", CleanStart: true})
	if ra := ack.Props.RetainAvailable; !ra.Present || ra.Value != 0 {
		t.Fatalf("Retain Available %+v, want present and 0", ra)
	}
	c.send(&packet.Publish{QoS: 1, PacketID: 1, Retain: true, Topic: "t", Payload: []byte("x")})
	c.expectDisconnect(packet.RetainNotSupported)
}

// TestV5AssignedClientIdentifier: a zero-length client identifier gets a
// unique one in CONNACK's Assigned Client Identifier [MQTT-3.1.3-6],
// [MQTT-3.1.3-7], [MQTT-3.2.2-16], and the session is kept under it.
func TestV5AssignedClientIdentifier(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c1, ack1 := v5Connect(t, b.Addr, &packet.Connect{CleanStart: true,
		Props: packet.Properties{SessionExpiry: packet.Some[uint32](60)}})
	_, ack2 := v5Connect(t, b.Addr, &packet.Connect{CleanStart: true})
	id1, id2 := ack1.Props.AssignedClientID, ack2.Props.AssignedClientID
	if id1 == "" || id2 == "" {
		t.Fatalf("Assigned Client Identifiers %q and %q, want both set", id1, id2)
	}
	if id1 == id2 {
		t.Fatalf("both clients were assigned %q", id1)
	}
	if packet.ValidString(id1) != nil {
		t.Fatalf("assigned identifier %q is not a valid UTF-8 string", id1)
	}

	// The session lives under the assigned identifier: resuming it by that
	// name finds it [MQTT-3.1.3-7].
	c1.sub(1, "assigned/t", 1)
	c1.disconnect(nil)
	c3, ack3 := v5Connect(t, b.Addr, &packet.Connect{ClientID: id1,
		Props: packet.Properties{SessionExpiry: packet.Some[uint32](60)}})
	if !ack3.SessionPresent {
		t.Fatal("session of the assigned identifier not present on resume")
	}
	if ack3.Props.AssignedClientID != "" {
		t.Errorf("Assigned Client Identifier %q sent to a client that gave one", ack3.Props.AssignedClientID)
	}
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "assigner-pub", CleanStart: true})
	if code := pub.publish1(1, "assigned/t", "kept"); code != packet.Success {
		t.Fatalf("PUBACK %v, want Success", code)
	}
	if m := c3.expectPublish(); string(m.Payload) != "kept" {
		t.Fatalf("got %q, want the message through the resumed subscription", m.Payload)
	}
}

// TestV5ServerKeepAlive: a 5.0 client asking for more keep alive than
// Options.MaxKeepAlive, or for none, is told the maximum in CONNACK's
// Server Keep Alive [MQTT-3.2.2-21]; a client within the maximum is not
// [MQTT-3.2.2-22].
func TestV5ServerKeepAlive(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{MaxKeepAlive: 30})
	for _, tc := range []struct {
		asked uint16
		want  packet.Opt[uint16]
	}{
		{60, packet.Some[uint16](30)},
		{0, packet.Some[uint16](30)},
		{30, packet.Opt[uint16]{}},
		{10, packet.Opt[uint16]{}},
	} {
		c := v5Dial(t, b.Addr)
		ack := c.connect(&packet.Connect{ClientID: "ka", CleanStart: true, KeepAlive: tc.asked})
		if ack.ReasonCode != packet.Success {
			t.Fatalf("keep alive %d: CONNACK %v", tc.asked, ack.ReasonCode)
		}
		if got := ack.Props.ServerKeepAlive; got != tc.want {
			t.Errorf("keep alive %d: Server Keep Alive %+v, want %+v", tc.asked, got, tc.want)
		}
		c.disconnect(nil)
	}
}

// TestV5MaximumQoS: a server that does not support QoS 2 (or 1) says so in
// CONNACK's Maximum QoS [MQTT-3.2.2-9], still accepts SUBSCRIBE asking for
// QoS 2 and grants less [MQTT-3.2.2-10], refuses a will of a higher QoS
// with CONNACK 0x9B [MQTT-3.2.2-12], and answers a PUBLISH above the
// maximum with DISCONNECT 0x9B (3.2.2.3.4).
func TestV5MaximumQoS(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opts broker.Options
		max  byte
	}{
		{"MaxQoS1", broker.Options{MaxQoS: 1}, 1},
		{"MaxQoSZero", broker.Options{MaxQoSZero: true}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := v5Start(t, tc.opts)
			c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "maxqos", CleanStart: true})
			if mq := ack.Props.MaximumQoS; !mq.Present || mq.Value != tc.max {
				t.Fatalf("Maximum QoS %+v, want present and %d", mq, tc.max)
			}
			sa := c.subscribe(1, packet.Properties{}, packet.Subscription{Filter: "q/#", QoS: 2})
			if sa.ReasonCodes[0] != packet.ReasonCode(tc.max) {
				t.Fatalf("SUBACK for QoS 2: %v, want granted QoS %d", sa.ReasonCodes[0], tc.max)
			}

			w := v5Dial(t, b.Addr)
			wack := w.connect(&packet.Connect{ClientID: "maxqos-will", CleanStart: true,
				Will: &packet.Will{QoS: tc.max + 1, Topic: "q/will", Payload: []byte("w")}})
			if wack.ReasonCode != packet.QoSNotSupported {
				t.Fatalf("will QoS %d: CONNACK %v, want 0x9B", tc.max+1, wack.ReasonCode)
			}
			w.expectClosed() // [MQTT-3.2.2-7]

			p := &packet.Publish{QoS: tc.max + 1, PacketID: 1, Topic: "q/x", Payload: []byte("x")}
			c.send(p)
			c.expectDisconnect(packet.QoSNotSupported)
		})
	}
}

// TestV5SecondConnectIsProtocolError: a second CONNECT on a connection is a
// Protocol Error; the server answers DISCONNECT 0x82 and closes
// [MQTT-3.1.0-2].
func TestV5SecondConnectIsProtocolError(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "twice", CleanStart: true})
	c.send(&packet.Connect{Version: packet.V5, ClientID: "twice", CleanStart: true})
	c.expectDisconnect(packet.ProtocolError)
}

// TestV5FirstPacketMustBeConnect: a connection whose first packet is not
// CONNECT is closed without an answer [MQTT-3.1.0-1], [MQTT-3.14.0-1].
func TestV5FirstPacketMustBeConnect(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c := v5Dial(t, b.Addr)
	c.send(&packet.Subscribe{PacketID: 1, Subscriptions: []packet.Subscription{{Filter: "a"}}})
	c.expectClosed()
}

// TestV5EmptyClientIDWithPaho: the paho client, connecting with an empty
// client identifier, learns the assigned one [MQTT-3.2.2-16].
func TestV5EmptyClientIDWithPaho(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, ack := v5PahoConnect(t, b.Addr, &paho.Connect{CleanStart: true})
	if ack.Properties == nil || ack.Properties.AssignedClientID == "" {
		t.Fatalf("CONNACK properties %+v, want an Assigned Client Identifier", ack.Properties)
	}
	if got := c.ClientID(); got != ack.Properties.AssignedClientID {
		t.Fatalf("paho uses client id %q, want the assigned %q", got, ack.Properties.AssignedClientID)
	}
}

// TestV5SessionExpiryCapped: a Session Expiry Interval above
// Options.MaxSessionExpiry is lowered, and CONNACK tells the client the
// value in use (3.2.2.3.2); one within the cap is not echoed.
func TestV5SessionExpiryCapped(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{MaxSessionExpiry: 60})
	c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "cap", CleanStart: true, Props: v5Expiry(3600)})
	if e := ack.Props.SessionExpiry; !e.Present || e.Value != 60 {
		t.Fatalf("CONNACK Session Expiry Interval %+v, want 60", e)
	}
	c.disconnect(nil)
	c, ack = v5Connect(t, b.Addr, &packet.Connect{ClientID: "cap2", CleanStart: true, Props: v5Expiry(30)})
	if e := ack.Props.SessionExpiry; e.Present && e.Value != 30 {
		t.Fatalf("CONNACK Session Expiry Interval %+v for a request within the cap", e)
	}
	c.disconnect(nil)
}

// TestV5WillRetainNotSupported: a will with Will Retain 1 sent to a server
// without retained messages is refused with CONNACK 0x9A and the
// connection closed [MQTT-3.2.2-13].
func TestV5WillRetainNotSupported(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{DisableRetain: true})
	c := v5Dial(t, b.Addr)
	ack := c.connect(&packet.Connect{ClientID: "will-retain", CleanStart: true,
		Will: &packet.Will{Retain: true, Topic: "w", Payload: []byte("x")}})
	if ack.ReasonCode != packet.RetainNotSupported {
		t.Fatalf("CONNACK %v, want 0x9A", ack.ReasonCode)
	}
	c.expectClosed()
}
