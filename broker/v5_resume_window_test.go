package broker_test

import (
	"fmt"
	"testing"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// TestV5ResumeRespectsReceiveMaximum: the retransmission on session resume
// [MQTT-4.4.0-1] must still keep to the new connection's Receive Maximum
// [MQTT-3.3.4-9]; the send quota is re-initialised per connection (4.9).
func TestV5ResumeRespectsReceiveMaximum(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	sub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rw", Props: v5Expiry(300)})
	sub.sub(1, "rw/t", 1)
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "rw-pub", CleanStart: true})
	for i := range 5 {
		pub.publish1(uint16(i+1), "rw/t", fmt.Sprint("m", i))
	}
	if got := v5Publishes(t, sub.barrier()); len(got) != 5 {
		t.Fatalf("first connection got %d messages, want 5", len(got))
	}
	sub.drop() // none acknowledged
	sub, _ = v5Connect(t, b.Addr, &packet.Connect{ClientID: "rw",
		Props: packet.Properties{SessionExpiry: packet.Some[uint32](300), ReceiveMaximum: 2}})
	got := v5Publishes(t, sub.barrier())
	if len(got) != 2 {
		t.Fatalf("%d PUBLISH retransmitted to a client with Receive Maximum 2, want 2", len(got))
	}
	// Each acknowledgement frees a slot for the next held message, in the
	// original order and with DUP set [MQTT-4.4.0-1], [MQTT-4.6.0-2].
	var order []string
	for len(got) > 0 {
		p := got[0]
		got = got[1:]
		if !p.Dup {
			t.Errorf("retransmitted %q without DUP", p.Payload)
		}
		order = append(order, string(p.Payload))
		sub.send(&packet.Puback{PacketID: p.PacketID})
		more := v5Publishes(t, sub.barrier())
		if len(more)+len(got) > 2 {
			t.Fatalf("%d outstanding after an acknowledgement, want at most 2", len(more)+len(got))
		}
		got = append(got, more...)
	}
	if want := "[m0 m1 m2 m3 m4]"; fmt.Sprint(order) != want {
		t.Fatalf("retransmitted %v, want %s", order, want)
	}
}
