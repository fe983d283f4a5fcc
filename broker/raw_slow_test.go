package broker_test

import (
	"bytes"
	"fmt"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// TestRawSlowConsumer: a subscriber that stops reading must not hold up the
// publisher or the other subscribers. QoS 0 messages beyond its pending
// bytes are dropped and counted (Stats.DroppedQoS0), and once a write to it
// has blocked for WriteTimeout it is disconnected as a slow consumer.
//
// The publisher floods in batches of QoS 0 messages, each followed by a
// QoS 1 tick that it waits to see acknowledged by the broker and received
// by the good subscriber. So the good subscriber is never far behind (it
// cannot become a slow consumer itself, even if the machine stalls), and
// every tick proves that the publisher and the good subscriber are still
// served.
func TestRawSlowConsumer(t *testing.T) {
	t.Parallel()
	const writeTimeout = 500 * time.Millisecond
	b := rawStart(t, broker.Options{MaxPendingBytes: 16 << 10, WriteTimeout: writeTimeout})

	slow := rawConnect(t, b.Addr, packet.V311, "slow")
	slow.sub(1, "flood/#", 0)

	// The good subscriber reads in its own goroutine: it skips the flood's
	// bodies, acknowledges the QoS 1 ticks and reports each one.
	good := rawConnect(t, b.Addr, packet.V311, "good")
	good.sub(1, "flood/#", 1)
	ticks := make(chan string, 1)
	goodErr := make(chan error, 1) // how the reading ended
	var flooded atomic.Int64       // flood messages the good subscriber received
	go func() {
		good.nc.SetReadDeadline(time.Time{}) // closing the connection ends the reading
		for {
			h, err := good.r.ReadHeader()
			if err == nil && h.Type == packet.PUBLISH && h.Flags&0x06 == 0 {
				err = good.r.Discard(h) // a QoS 0 flood message
				flooded.Add(1)
			} else if err == nil {
				var body []byte
				if body, err = good.r.ReadBody(h); err == nil {
					p, derr := packet.Decode(packet.V311, h, body)
					if pub, ok := p.(*packet.Publish); ok && pub.Topic == "flood/tick" {
						ack := []byte{0x40, 0x02, byte(pub.PacketID >> 8), byte(pub.PacketID)} // PUBACK
						if _, err = good.nc.Write(ack); err == nil {
							ticks <- string(pub.Payload)
						}
					} else {
						err = fmt.Errorf("good subscriber got %v %+v (%v)", h.Type, p, derr)
					}
				}
			}
			if err != nil {
				goodErr <- err
				return
			}
		}
	}()

	pub := rawConnect(t, b.Addr, packet.V311, "publisher")
	msg, err := (&packet.Publish{Topic: "flood/x", Payload: bytes.Repeat([]byte{'x'}, 1024)}).Append(nil, packet.V311)
	if err != nil {
		t.Fatal(err)
	}
	batch := bytes.Repeat(msg, 32)
	// Socket buffers hold a few MB per connection: a few hundred MB is far
	// beyond what either phase needs.
	const maxBatches = 1 << 14
	batches := 0
	flood := func(what string, done func() bool) {
		t.Helper()
		deadline := time.Now().Add(rawWait + writeTimeout)
		for !done() {
			if batches == maxBatches || time.Now().After(deadline) {
				t.Fatalf("%s: not reached after %d batches", what, batches)
			}
			pub.sendBytes(batch) // fails the test if the broker stops reading for rawWait
			batches++
			tick := fmt.Sprint(batches)
			pub.publish1(uint16(batches%60000+1), "flood/tick", tick, false)
			select {
			case got := <-ticks:
				if got != tick {
					t.Fatalf("good subscriber got tick %s, want %s", got, tick)
				}
			case err := <-goodErr:
				t.Fatalf("%s: good subscriber: %v", what, err)
			case <-time.After(rawWait):
				t.Fatalf("%s: good subscriber did not get tick %s", what, tick)
			}
		}
	}

	// QoS 0 messages beyond the slow subscriber's pending bytes are dropped.
	flood("QoS 0 drops", func() bool { return b.Stats().DroppedQoS0 > 0 })
	// Once a write to the slow subscriber has blocked for WriteTimeout it
	// is disconnected; the others go on.
	flood("slow consumer disconnected", func() bool { return b.Stats().SlowConsumers > 0 })
	st := b.Stats()
	t.Logf("published %d batches of 32; good subscriber received %d; dropped %d; slow consumers %d",
		batches, flooded.Load(), st.DroppedQoS0, st.SlowConsumers)
	if st.SlowConsumers != 1 {
		t.Fatalf("%d slow consumers, want 1", st.SlowConsumers)
	}
	if flooded.Load() == 0 {
		t.Fatal("good subscriber received none of the flood")
	}

	// What reached the slow subscriber's socket is still readable; then the
	// connection ends.
	slow.nc.SetReadDeadline(time.Now().Add(rawWait))
	if _, err := io.Copy(io.Discard, slow.nc); err != nil && !rawIsClosed(err) {
		t.Fatalf("slow subscriber: want the connection closed, got %v", err)
	}
	pub.disconnect()
	// The good subscriber's goroutine owns its reads: it sees the close.
	good.send(&packet.Disconnect{})
	if err := <-goodErr; !rawIsClosed(err) {
		t.Fatalf("good subscriber: %v", err)
	}
}
