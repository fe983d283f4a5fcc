package broker_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/internal/packettest"
	"github.com/ternmq/tern/packet"
)

// TestRawMalformedFixtures feeds every malformed fixture of
// internal/packettest to the broker, in the protocol version it is written
// for, and requires the answer a receiver must give [MQTT-4.8.0-1]
// (5.0: 4.13):
//
//   - a CONNECT fixture is the first packet. 5.0 answers CONNACK with the
//     fixture's reason code, then closes (4.13.1). Before 5.0 an
//     unsupported protocol name or level is answered with CONNACK return
//     code 0x01 [MQTT-3.1.2-2]; any other malformed CONNECT closes the
//     connection without a CONNACK [MQTT-3.1.4-1].
//   - any other fixture follows a successful CONNECT. 5.0 answers DISCONNECT
//     with the fixture's reason code [MQTT-4.13.1-1], then closes; 3.1 and
//     3.1.1 close the connection [MQTT-4.8.0-1].
func TestRawMalformedFixtures(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	n := 0
	for i, tc := range packettest.Cases() {
		if tc.Want != nil {
			continue
		}
		n++
		id := "malformed-" + strconv.Itoa(i)
		t.Run(fmt.Sprintf("%v/%s", tc.Version, tc.Name), func(t *testing.T) {
			t.Parallel()
			c := rawDial(t, b.Addr, tc.Version)
			if packet.Type(tc.Raw[0]>>4) == packet.CONNECT {
				c.sendBytes(tc.Raw)
				switch {
				case tc.Version == packet.V5:
					ack := c.expect(packet.CONNACK).(*packet.Connack)
					if ack.ReasonCode != tc.Code {
						t.Fatalf("CONNACK %v, want %v", ack.ReasonCode, tc.Code)
					}
				case tc.Code == packet.UnsupportedProtocolVersion:
					// CONNACK, remaining length 2, no session present,
					// return code 0x01: unacceptable protocol version.
					c.expectBytes([]byte{0x20, 0x02, 0x00, 0x01})
				}
				c.expectClosed()
				return
			}
			if ack := c.connect(&packet.Connect{ClientID: id, CleanStart: true}); ack.ReasonCode != packet.Success {
				t.Fatalf("CONNACK %v, want Success", ack.ReasonCode)
			}
			c.sendBytes(tc.Raw)
			c.expectDisconnect(tc.Code)
		})
	}
	if n == 0 {
		t.Fatal("packettest.Cases has no malformed fixture")
	}
}
