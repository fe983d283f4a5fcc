package broker_test

import (
	"fmt"
	"testing"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// TestRawSessionEndsWithCleanConnection: a clean session lasts as long as
// its network connection [MQTT-3.1.2-6]. A client that sends DISCONNECT
// and at once reconnects with clean session 0 must get a new session
// (session present 0 [MQTT-3.2.2-2]) that works, whichever of the broker's
// handling of the old connection and of the new CONNECT comes first.
//
// Regression: the broker used to resume the old session in the moment
// between the old connection leaving it and the session being discarded;
// the new connection then held a discarded session and its SUBSCRIBE
// panicked the connection's goroutine (assignment to a nil map). Under
// -race it showed within a few hundred iterations.
func TestRawSessionEndsWithCleanConnection(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	const iterations = 500
	for i := range iterations {
		id := fmt.Sprint("clean-end-", i)
		old := rawConnect(t, b.Addr, packet.V311, id)
		old.send(&packet.Disconnect{}) // and do not wait for the close
		c := rawDial(t, b.Addr, packet.V311)
		ack := c.connect(&packet.Connect{ClientID: id, CleanStart: false})
		if ack.ReasonCode != packet.Success || ack.SessionPresent {
			t.Fatalf("iteration %d: CONNACK %v, session present %v; want Success and a new session", i, ack.ReasonCode, ack.SessionPresent)
		}
		c.sub(1, "clean-end", 1)
		// Ending the persistent session too keeps the broker small.
		c.disconnect()
		c = rawDial(t, b.Addr, packet.V311)
		if ack := c.connect(&packet.Connect{ClientID: id, CleanStart: true}); ack.ReasonCode != packet.Success {
			t.Fatalf("iteration %d: CONNACK %v", i, ack.ReasonCode)
		}
		c.disconnect()
		old.expectClosed()
		old.nc.Close()
	}
	if st := b.Stats(); st.Sessions != 0 || st.Subscriptions != 0 {
		t.Fatalf("%d sessions and %d subscriptions left", st.Sessions, st.Subscriptions)
	}
}
