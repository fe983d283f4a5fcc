package broker_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// TestRawConcurrentConnectSameID races two CONNECTs with one client
// identifier, 100 times for each value of clean session. The server must keep
// exactly one of the connections [MQTT-3.1.4-2] (5.0: [MQTT-3.1.4-3]), and
// the session it keeps must work. Both clients receive a CONNACK (the loser
// is taken over after it), and the winner's CONNACK is queued only once the
// loser's connection has ended, so after both CONNACKs a SUBSCRIBE tells
// them apart without waiting on the clock.
func TestRawConcurrentConnectSameID(t *testing.T) {
	b := rawStart(t, broker.Options{})
	for _, clean := range []bool{false, true} {
		for i := range 100 {
			id := fmt.Sprintf("race-%v-%d", clean, i)
			conns := []*rawConn{rawDial(t, b.Addr, packet.V311), rawDial(t, b.Addr, packet.V311)}
			raw, err := packet.Encode(&packet.Connect{Version: packet.V311, ClientID: id, CleanStart: clean}, packet.V311)
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			for _, c := range conns {
				wg.Go(func() { c.nc.Write(raw) })
			}
			wg.Wait()
			for _, c := range conns {
				if ack, ok := c.next().(*packet.Connack); !ok || ack.ReasonCode != packet.Success {
					t.Fatalf("%s: want a successful CONNACK, got %#v", id, ack)
				}
			}
			alive := 0
			for _, c := range conns {
				sub, _ := packet.Encode(&packet.Subscribe{PacketID: 1, Subscriptions: []packet.Subscription{{Filter: "race/" + id}}}, packet.V311)
				c.nc.Write(sub) // the loser's socket may already be closed
				p, err := c.read()
				switch {
				case err == nil && p.Type() == packet.SUBACK:
					alive++
				case err == nil:
					t.Fatalf("%s: got %v, want SUBACK or a closed connection", id, p.Type())
				case !rawIsClosed(err):
					t.Fatalf("%s: %v, want SUBACK or a closed connection", id, err)
				}
			}
			if alive != 1 {
				t.Fatalf("%s (clean %v): %d connections kept, want exactly 1", id, clean, alive)
			}
			for _, c := range conns {
				c.nc.Close()
			}
		}
	}
}
