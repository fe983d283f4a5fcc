package broker_test

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// rawCycle runs one connect, subscribe, publish, disconnect cycle over a
// new TCP connection as client id, on a topic of its own, and returns once
// the broker has closed the connection.
func rawCycle(addr, id string) error {
	nc, err := net.DialTimeout("tcp", addr, rawWait)
	if err != nil {
		return err
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(rawWait))
	v := packet.V311
	w := bufio.NewWriter(nc)
	r := packet.NewReader(nc, 0)
	r.Version = v
	send := func(ps ...packet.Packet) error {
		for _, p := range ps {
			b, err := p.Append(nil, v)
			if err != nil {
				return err
			}
			w.Write(b)
		}
		return w.Flush()
	}
	expect := func(t packet.Type) (packet.Packet, error) {
		p, err := r.ReadPacket()
		if err != nil {
			return nil, fmt.Errorf("%s: waiting for %v: %w", id, t, err)
		}
		if p.Type() != t {
			return nil, fmt.Errorf("%s: got %v, want %v", id, p.Type(), t)
		}
		return p, nil
	}
	topic := "cycle/" + id
	if err := send(&packet.Connect{Version: v, ClientID: id, CleanStart: true, KeepAlive: 30}); err != nil {
		return err
	}
	if p, err := expect(packet.CONNACK); err != nil {
		return err
	} else if code := p.(*packet.Connack).ReasonCode; code != packet.Success {
		return fmt.Errorf("%s: CONNACK %v", id, code)
	}
	if err := send(&packet.Subscribe{PacketID: 1, Subscriptions: []packet.Subscription{{Filter: topic, QoS: 1}}}); err != nil {
		return err
	}
	if _, err := expect(packet.SUBACK); err != nil {
		return err
	}
	if err := send(&packet.Publish{QoS: 1, PacketID: 2, Topic: topic, Payload: []byte(id)}); err != nil {
		return err
	}
	// The broker routes the message back to its publisher, then
	// acknowledges it.
	p, err := expect(packet.PUBLISH)
	if err != nil {
		return err
	}
	if _, err := expect(packet.PUBACK); err != nil {
		return err
	}
	if err := send(&packet.Puback{PacketID: p.(*packet.Publish).PacketID}, &packet.Disconnect{}); err != nil {
		return err
	}
	if p, err := r.ReadPacket(); err == nil {
		return fmt.Errorf("%s: got %v after DISCONNECT", id, p.Type())
	} else if !rawIsClosed(err) {
		return fmt.Errorf("%s: want the connection closed after DISCONNECT: %w", id, err)
	}
	return nil
}

// rawCycles runs n cycles on each of workers goroutines, with client ids
// prefix-worker-i, and returns the first error.
func rawCycles(addr, prefix string, workers, n int) error {
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range n {
				if err := rawCycle(addr, fmt.Sprintf("%s-%d-%d", prefix, w, i)); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return errors.Join(<-errs)
}

// rawHeap returns the bytes of live heap objects after a full collection.
func rawHeap() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestCyclesNoLeak runs 10,000 connect, subscribe, publish, disconnect
// cycles over real sockets, each with its own client id and topic, and
// requires the broker to hold nothing afterwards: no session, no
// subscription, no connected client, and a live heap within a small margin
// of where it started (a leak of 64 bytes per cycle would exceed it). It
// is not parallel, so the heap measure sees no other test.
func TestCyclesNoLeak(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 connection cycles: skipped in -short mode")
	}
	const (
		workers = 4
		cycles  = 10000
		margin  = 512 << 10 // bytes
	)
	b := rawStart(t, broker.Options{})
	// Warm up: buffers, pools and maps reach their working size.
	if err := rawCycles(b.Addr, "warm", workers, 100); err != nil {
		t.Fatal(err)
	}
	before := rawHeap()
	start := time.Now()
	if err := rawCycles(b.Addr, "cycle", workers, cycles/workers); err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	after := rawHeap()
	st := b.Stats()
	t.Logf("%d cycles in %v; live heap %d -> %d bytes (%+d)", cycles, elapsed, before, after, int64(after)-int64(before))
	if st.Sessions != 0 || st.Subscriptions != 0 || st.ClientsConnected != 0 {
		t.Fatalf("after %d cycles the broker holds %d sessions, %d subscriptions, %d connected clients; want none",
			cycles, st.Sessions, st.Subscriptions, st.ClientsConnected)
	}
	if want := int64(cycles + workers*100); st.ClientsTotal != want {
		t.Fatalf("%d successful CONNECTs counted, want %d", st.ClientsTotal, want)
	}
	if after > before+margin {
		t.Fatalf("live heap grew by %d bytes over %d cycles (margin %d)", after-before, cycles, margin)
	}
}
