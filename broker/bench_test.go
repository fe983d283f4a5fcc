package broker_test

import (
	"bufio"
	"bytes"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// benchWindow is how many messages the fan-out publisher writes between
// checks of its subscribers' progress. Two windows may be in flight, so a
// subscriber never has more than ~2 x 512 x 72 bytes pending and the
// broker drops nothing.
const benchWindow = 512

// benchReaders counts the PUBLISH packets each raw subscriber reads.
type benchReaders struct {
	mu       sync.Mutex
	cond     sync.Cond
	counts   []int
	err      error
	timedOut bool
	wg       sync.WaitGroup
}

// read counts c's packets in its own goroutine until the connection ends,
// publishing its count every 64 packets. It skips bodies, so the reading
// side allocates nothing.
func (br *benchReaders) read(i int, c *rawConn) {
	br.wg.Go(func() {
		n := 0
		// No deadline: closing the connection ends the reading, and
		// waitAll bounds every wait for progress.
		c.nc.SetReadDeadline(time.Time{})
		for {
			h, err := c.r.ReadHeader()
			if err == nil {
				err = c.r.Discard(h)
			}
			if err == nil && h.Type != packet.PUBLISH {
				err = fmt.Errorf("subscriber %d got %v", i, h.Type)
			}
			if err != nil {
				br.mu.Lock()
				if br.err == nil && !rawIsClosed(err) {
					br.err = err
				}
				br.counts[i] = -1 // finished
				br.cond.Broadcast()
				br.mu.Unlock()
				return
			}
			n++
			if n%64 == 0 {
				br.mu.Lock()
				br.counts[i] = n
				br.cond.Broadcast()
				br.mu.Unlock()
			}
		}
	})
}

// waitAll waits until every subscriber has read at least n packets
// (rounded down to a multiple of 64).
func (br *benchReaders) waitAll(b *testing.B, n int) {
	b.Helper()
	n -= n % 64
	stop := time.AfterFunc(rawWait, func() {
		br.mu.Lock()
		br.timedOut = true
		br.cond.Broadcast()
		br.mu.Unlock()
	})
	defer stop.Stop()
	br.mu.Lock()
	defer br.mu.Unlock()
	for {
		low := n
		for _, c := range br.counts {
			low = min(low, c)
		}
		switch {
		case br.err != nil:
			b.Fatal(br.err)
		case low >= n:
			return
		case low < 0:
			b.Fatal("a subscriber's connection ended")
		case br.timedOut:
			b.Fatalf("subscribers stuck below %d of %d messages", low, n)
		}
		br.cond.Wait()
	}
}

// BenchmarkFanOut: one publisher, N raw subscribers on loopback, QoS 0,
// 64-byte payloads. One op is one message published and delivered to every
// subscriber; bytes are payload bytes delivered (64 x N). The publisher
// writes through a buffer and waits for its subscribers every benchWindow
// messages, so nothing is dropped; the last window's delivery is outside
// the timed loop. Allocations count the whole process, broker included.
func BenchmarkFanOut(b *testing.B) {
	for _, n := range []int{1, 100} {
		b.Run(fmt.Sprintf("subs=%d", n), func(b *testing.B) {
			srv := rawStart(b, broker.Options{})
			br := &benchReaders{counts: make([]int, n)}
			br.cond.L = &br.mu
			subs := make([]*rawConn, n)
			for i := range subs {
				subs[i] = rawConnect(b, srv.Addr, packet.V311, fmt.Sprint("fan-sub-", i))
				subs[i].sub(1, "bench/fanout", 0)
				br.read(i, subs[i])
			}
			defer func() {
				for _, c := range subs {
					c.nc.Close()
				}
				br.wg.Wait()
			}()
			pub := rawConnect(b, srv.Addr, packet.V311, "fan-pub")
			msg, err := (&packet.Publish{Topic: "bench/fanout", Payload: bytes.Repeat([]byte{'p'}, 64)}).Append(nil, packet.V311)
			if err != nil {
				b.Fatal(err)
			}
			w := bufio.NewWriterSize(pub.nc, 64<<10)
			pub.nc.SetWriteDeadline(time.Time{})
			flush := func() {
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
			}

			b.ReportAllocs()
			b.SetBytes(int64(64 * n))
			sent := 0
			for b.Loop() {
				w.Write(msg)
				sent++
				if sent%benchWindow == 0 {
					flush()
					br.waitAll(b, sent-benchWindow)
				}
			}
			flush()
			br.waitAll(b, sent)
			if d := srv.Stats().DroppedQoS0; d != 0 {
				b.Fatalf("%d messages dropped", d)
			}
		})
	}
}

// BenchmarkPublishQoS1: one op is a QoS 1 PUBLISH from a raw publisher to
// its PUBACK, over loopback, with one raw subscriber at QoS 1 that
// acknowledges each delivery. Payload 64 bytes.
func BenchmarkPublishQoS1(b *testing.B) {
	srv := rawStart(b, broker.Options{})
	sub := rawConnect(b, srv.Addr, packet.V311, "q1-sub")
	sub.sub(1, "bench/qos1", 1)
	subDone := make(chan error, 1)
	go func() {
		// Acknowledge every delivery. After the "end" message, which comes
		// after all the others, send DISCONNECT and read until the broker
		// closes: this goroutine is the subscriber's only writer.
		ack := []byte{0x40, 0x02, 0, 0} // PUBACK, remaining length 2, packet identifier
		sub.nc.SetReadDeadline(time.Time{})
		end := false
		for {
			p, err := sub.r.ReadPacket()
			if err != nil {
				if end && rawIsClosed(err) {
					err = nil
				}
				subDone <- err
				return
			}
			pub, ok := p.(*packet.Publish)
			if !ok || pub.QoS != 1 || end {
				subDone <- fmt.Errorf("subscriber got %v", p.Type())
				return
			}
			ack[2], ack[3] = byte(pub.PacketID>>8), byte(pub.PacketID)
			if _, err := sub.nc.Write(ack); err != nil {
				subDone <- err
				return
			}
			if string(pub.Payload) == "end" {
				end = true
				if _, err := sub.nc.Write([]byte{0xe0, 0x00}); err != nil { // DISCONNECT
					subDone <- err
					return
				}
			}
		}
	}()
	pub := rawConnect(b, srv.Addr, packet.V311, "q1-pub")
	p := &packet.Publish{QoS: 1, Topic: "bench/qos1", Payload: bytes.Repeat([]byte{'p'}, 64)}
	buf := make([]byte, 0, 128)
	var id uint16

	b.ReportAllocs()
	b.SetBytes(64)
	for b.Loop() {
		id++
		if id == 0 {
			id = 1
		}
		p.PacketID = id
		buf, _ = p.Append(buf[:0], packet.V311)
		if _, err := pub.nc.Write(buf); err != nil {
			b.Fatal(err)
		}
		pub.nc.SetReadDeadline(time.Now().Add(rawWait))
		h, err := pub.r.ReadHeader()
		if err == nil {
			err = pub.r.Discard(h)
		}
		if err != nil || h.Type != packet.PUBACK {
			b.Fatalf("waiting for PUBACK: %v %v", h.Type, err)
		}
	}
	b.StopTimer()
	pub.publish1(1, "bench/qos1", "end", false)
	pub.disconnect()
	select {
	case err := <-subDone:
		if err != nil {
			b.Fatal(err)
		}
	case <-time.After(rawWait):
		b.Fatal("subscriber did not finish")
	}
}
