package broker_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// rawVersions are the protocol versions the raw tests run in.
var rawVersions = []packet.Version{packet.V31, packet.V311, packet.V5}

// TestRawFirstPacketNotConnect: the first packet from a client must be
// CONNECT [MQTT-3.1.0-1]; anything else closes the connection without an
// answer.
func TestRawFirstPacketNotConnect(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, tc := range []struct {
		name string
		raw  []byte
	}{
		{"PINGREQ", []byte{0xc0, 0x00}},
		{"SUBSCRIBE", []byte{
			0x82, 0x06, // SUBSCRIBE; remaining length 6
			0x00, 0x01, // packet identifier 1
			0x00, 0x01, 'a', // topic filter "a"
			0x00, // QoS 0
		}},
		{"PUBLISH", []byte{
			0x30, 0x04, // PUBLISH QoS 0; remaining length 4
			0x00, 0x01, 'a', // topic "a"
			'x', // payload
		}},
		{"DISCONNECT", []byte{0xe0, 0x00}},
		{"CONNACK", []byte{0x20, 0x02, 0x00, 0x00}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := rawDial(t, b.Addr, packet.V311)
			c.sendBytes(tc.raw)
			c.expectClosed()
		})
	}
}

// TestRawConnectTimeout: a connection that sends no CONNECT within
// Options.ConnectTimeout is closed [MQTT-3.1.0-1] (the server "SHOULD close
// the Network Connection if it does not receive a CONNECT in a reasonable
// amount of time", 3.1.4).
func TestRawConnectTimeout(t *testing.T) {
	t.Parallel()
	const timeout = 200 * time.Millisecond
	b := rawStart(t, broker.Options{ConnectTimeout: timeout})
	for _, tc := range []struct {
		name string
		raw  []byte
	}{
		{"Silent", nil},
		// A CONNECT header announcing a body that never comes.
		{"PartialConnect", []byte{0x10, 0x20, 0x00, 0x04, 'M', 'Q'}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := rawDial(t, b.Addr, packet.V311)
			start := time.Now()
			if tc.raw != nil {
				c.sendBytes(tc.raw)
			}
			c.expectClosed() // bounded by rawWait
			if d := time.Since(start); d < timeout*3/4 {
				t.Fatalf("closed after %v, before the connect timeout of %v", d, timeout)
			}
		})
	}
}

// TestRawSecondConnect: a second CONNECT is a Protocol Error
// [MQTT-3.1.0-2]: 3.1 and 3.1.1 close the connection, 5.0 sends DISCONNECT
// 0x82 first.
func TestRawSecondConnect(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, v := range rawVersions {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			id := "second-connect-" + v.String()
			c := rawConnect(t, b.Addr, v, id)
			c.send(&packet.Connect{Version: v, ClientID: id, CleanStart: true})
			c.expectDisconnect(packet.ProtocolError)
		})
	}
}

// TestRawPingreq: PINGREQ is answered with PINGRESP [MQTT-3.12.4-1], in
// every version, repeatedly.
func TestRawPingreq(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, v := range rawVersions {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			c := rawConnect(t, b.Addr, v, "ping-"+v.String())
			for range 3 {
				c.sendBytes([]byte{0xc0, 0x00})
				c.expectBytes([]byte{0xd0, 0x00})
			}
			c.disconnect()
		})
	}
}

// TestRawHugeRemainingLength: a fixed header announcing the largest
// remaining length (268,435,455 bytes) exceeds the broker's maximum packet
// size: the connection is closed (5.0: DISCONNECT 0x95 Packet too large
// first, 3.2.2.3.6) as soon as the header is read, before any of the body is
// allocated. The test is not parallel so the allocation measure sees only
// the broker's work for this connection.
func TestRawHugeRemainingLength(t *testing.T) {
	b := rawStart(t, broker.Options{})
	huge := []byte{
		0x30,                   // PUBLISH QoS 0
		0xff, 0xff, 0xff, 0x7f, // remaining length 268,435,455
		0x00, 0x01, 'a', // topic "a": the start of a body that never ends
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, v := range rawVersions {
		c := rawConnect(t, b.Addr, v, "huge-"+v.String())
		c.sendBytes(huge)
		c.expectDisconnect(packet.PacketTooLarge)
	}
	// The same header as the first packet: a CONNECT this large is never read.
	c := rawDial(t, b.Addr, packet.V311)
	c.sendBytes(append([]byte{0x10}, huge[1:]...))
	c.expectClosed()
	runtime.ReadMemStats(&after)
	if d := after.TotalAlloc - before.TotalAlloc; d > 16<<20 {
		t.Fatalf("%d MiB allocated while refusing 256 MB packets", d>>20)
	}
}
