package client_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/client"
	"github.com/ternmq/tern/internal/brokertest"
	"github.com/ternmq/tern/packet"
)

// Publish waits for a free place in the server's Receive Maximum and never
// sends more QoS 1 and 2 messages than it allows [MQTT-3.3.4-7].
func TestReceiveMaximumBlocks(t *testing.T) {
	c, fc := fakeConnect(t, client.Options{ClientID: "rm"}, &packet.Connack{Props: packet.Properties{ReceiveMaximum: 1}})
	ctx := testCtx(t)
	first := make(chan error, 1)
	go func() { first <- c.Publish(ctx, &client.Message{Topic: "rm/1", QoS: 1}) }()
	p1 := readAs[*packet.Publish](fc)
	if p1.Topic != "rm/1" {
		t.Fatalf("got %q", p1.Topic)
	}
	// The window is full: a second message waits until its ctx ends.
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if err := c.Publish(short, &client.Message{Topic: "rm/2", QoS: 2}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second publish: %v, want DeadlineExceeded", err)
	}
	third := make(chan error, 1)
	go func() { third <- c.Publish(ctx, &client.Message{Topic: "rm/3", QoS: 2}) }()
	fc.write(&packet.Puback{PacketID: p1.PacketID})
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	// The next PUBLISH on the wire is the third: the second was never sent.
	p3 := readAs[*packet.Publish](fc)
	if p3.Topic != "rm/3" || p3.QoS != 2 {
		t.Fatalf("got %q QoS %d, want rm/3", p3.Topic, p3.QoS)
	}
	if p3.PacketID == 0 {
		t.Fatal("packet identifier 0")
	}
	fc.write(&packet.Pubrec{PacketID: p3.PacketID})
	if rel := readAs[*packet.Pubrel](fc); rel.PacketID != p3.PacketID {
		t.Fatalf("PUBREL %d for %d", rel.PacketID, p3.PacketID)
	}
	select {
	case err := <-third:
		t.Fatalf("QoS 2 publish returned before PUBCOMP: %v", err)
	default:
	}
	fc.write(&packet.Pubcomp{PacketID: p3.PacketID})
	if err := <-third; err != nil {
		t.Fatal(err)
	}
}

// Many concurrent publishers through a window of one, against our broker.
func TestReceiveMaximumBroker(t *testing.T) {
	b := brokertest.Start(t, broker.Options{AllowAnonymous: true, ReceiveMaximum: 1, SysInterval: -1})
	h, ch := collector()
	sub := dial(t, b.URL(), client.Options{ClientID: "rmb-sub", ReceiveMaximum: 1})
	ctx := testCtx(t)
	if _, err := sub.Subscribe(ctx, client.Subscription{Filter: "rmb/#", QoS: 2, Handler: h}); err != nil {
		t.Fatal(err)
	}
	pub := dial(t, b.URL(), client.Options{ClientID: "rmb-pub"})
	if rm := pub.Connack().Props.ReceiveMaximum; rm != 1 {
		t.Fatalf("server Receive Maximum %d", rm)
	}
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				m := &client.Message{Topic: "rmb/" + strconv.Itoa(w), Payload: []byte(strconv.Itoa(i)), QoS: byte(1 + i%2)}
				if err := pub.Publish(ctx, m); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	got := make(map[string]int)
	for range workers * each {
		m := recv(t, ch)
		if want := strconv.Itoa(got[m.Topic]); string(m.Payload) != want {
			t.Fatalf("%s: got %q, want %q", m.Topic, m.Payload, want)
		}
		got[m.Topic]++
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// A slow handler holds back the server; the queue of messages waiting for
// it stays bounded.
func TestSlowHandlerBackpressure(t *testing.T) {
	b := startBroker(t)
	ctx := testCtx(t)
	release := make(chan struct{})
	var maxQueued, count atomic.Int64
	var sub *client.Client
	done := make(chan struct{})
	// The broker queues at most 1000 messages per session (and drops
	// newer ones); stay below with the QoS 1 half.
	const n = 1500
	pad := make([]byte, 1024) // enough to fill the socket buffers
	handler := func(m *client.Message) {
		if count.Add(1) == 1 {
			<-release
		}
		if q := int64(client.InboxLen(sub)); q > maxQueued.Load() {
			maxQueued.Store(q)
		}
		if string(m.Payload) == "last" {
			close(done)
		}
	}
	sub = dial(t, b.URL(), client.Options{ClientID: "slow", ReceiveMaximum: 16})
	if _, err := sub.Subscribe(ctx, client.Subscription{Filter: "slow", QoS: 1, Handler: handler}); err != nil {
		t.Fatal(err)
	}
	pub := dial(t, b.URL(), client.Options{ClientID: "slow-pub"})
	for i := range n {
		if err := pub.Publish(ctx, &client.Message{Topic: "slow", Payload: pad, QoS: byte(i % 2)}); err != nil {
			t.Fatal(err)
		}
	}
	// The last message is QoS 1, so the broker keeps it in the session
	// until the client can take it.
	if err := pub.Publish(ctx, &client.Message{Topic: "slow", Payload: []byte("last"), QoS: 1}); err != nil {
		t.Fatal(err)
	}
	close(release)
	select {
	case <-done:
	case <-time.After(timeout):
		st := b.Stats()
		t.Fatalf("last message not delivered; %d handled; broker: sent %d, dropped QoS 0 %d, queue full %d, slow %d; client err %v",
			count.Load(), st.MessagesSent, st.DroppedQoS0, st.DroppedQueueFull, st.SlowConsumers, sub.Err())
	}
	if q, limit := maxQueued.Load(), int64(client.QoS0Queue+16); q > limit {
		t.Fatalf("%d messages queued, bound %d", q, limit)
	}
	t.Logf("handled %d of %d messages, at most %d queued", count.Load(), n+1, maxQueued.Load())
}

// An inbound QoS 2 message is delivered once, however often the server
// sends it before releasing it [MQTT-4.3.3-10].
func TestInboundQoS2ExactlyOnce(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	last := make(chan struct{})
	c, fc := fakeConnect(t, client.Options{ClientID: "eo", OnMessage: func(m *client.Message) {
		mu.Lock()
		seen[string(m.Payload)]++
		mu.Unlock()
		if string(m.Payload) == "end" {
			close(last)
		}
	}}, &packet.Connack{})
	_ = c
	pub := &packet.Publish{Topic: "eo", QoS: 2, PacketID: 7, Payload: []byte("once")}
	fc.write(pub)
	if rec := readAs[*packet.Pubrec](fc); rec.PacketID != 7 {
		t.Fatalf("PUBREC %d", rec.PacketID)
	}
	pub.Dup = true
	fc.write(pub) // as if the PUBREC was lost
	if rec := readAs[*packet.Pubrec](fc); rec.PacketID != 7 {
		t.Fatalf("PUBREC %d", rec.PacketID)
	}
	fc.write(&packet.Pubrel{PacketID: 7})
	if comp := readAs[*packet.Pubcomp](fc); comp.PacketID != 7 || comp.ReasonCode != packet.Success {
		t.Fatalf("PUBCOMP %d %v", comp.PacketID, comp.ReasonCode)
	}
	// Released: the identifier may carry a new message.
	fc.write(&packet.Publish{Topic: "eo", QoS: 2, PacketID: 7, Payload: []byte("end")})
	<-last
	readAs[*packet.Pubrec](fc)
	// A PUBREL for an unknown identifier is answered with 0x92.
	fc.write(&packet.Pubrel{PacketID: 99})
	if comp := readAs[*packet.Pubcomp](fc); comp.PacketID != 99 || comp.ReasonCode != packet.PacketIdentifierNotFound {
		t.Fatalf("PUBCOMP %d %v", comp.PacketID, comp.ReasonCode)
	}
	mu.Lock()
	defer mu.Unlock()
	if seen["once"] != 1 || seen["end"] != 1 {
		t.Fatalf("deliveries: %v", seen)
	}
}

// A server sending more unacknowledged messages than our Receive Maximum
// is disconnected with 0x93.
func TestReceiveMaximumExceeded(t *testing.T) {
	block, started := make(chan struct{}), make(chan struct{}, 2)
	c, fc := fakeConnect(t, client.Options{ClientID: "rmx", ReceiveMaximum: 2, OnMessage: func(*client.Message) {
		started <- struct{}{}
		<-block
	}}, &packet.Connack{})
	defer close(block)
	fc.write(&packet.Publish{Topic: "x", QoS: 1, PacketID: 1})
	<-started
	fc.write(&packet.Publish{Topic: "x", QoS: 1, PacketID: 2})
	fc.write(&packet.Publish{Topic: "x", QoS: 1, PacketID: 3})
	if d := readAs[*packet.Disconnect](fc); d.ReasonCode != packet.ReceiveMaximumExceeded {
		t.Fatalf("DISCONNECT %v", d.ReasonCode)
	}
	fc.expectEOF()
	select {
	case <-c.Done():
		t.Fatal("Done before the running handler returned")
	default:
	}
}

// Requests waiting for an acknowledgement fail when the connection ends;
// the message stays in the Store.
func TestPendingFailOnClose(t *testing.T) {
	store := new(client.MemoryStore)
	c, fc := fakeConnect(t, client.Options{ClientID: "pend", Store: store}, &packet.Connack{})
	ctx := testCtx(t)
	res := make(chan error, 2)
	go func() { res <- c.Publish(ctx, &client.Message{Topic: "p", QoS: 1}) }()
	go func() {
		_, err := c.Subscribe(ctx, client.Subscription{Filter: "s"})
		res <- err
	}()
	readAs[packet.Packet](fc)
	readAs[packet.Packet](fc)
	c.Close()
	for range 2 {
		if err := <-res; !errors.Is(err, client.ErrClosed) {
			t.Fatalf("err = %v, want ErrClosed", err)
		}
	}
	if n := store.Len(); n != 1 {
		t.Fatalf("store holds %d entries, want the PUBLISH", n)
	}
	if err := c.Publish(ctx, &client.Message{Topic: "p"}); !errors.Is(err, client.ErrClosed) {
		t.Fatalf("publish after Close: %v", err)
	}
}

// A QoS 1 message whose Publish gave up waiting stays in flight: its
// packet identifier is not reused until the acknowledgement arrives
// [MQTT-2.2.1-3], which then clears it from the Store.
func TestPublishCancelledStaysInFlight(t *testing.T) {
	store := new(client.MemoryStore)
	c, fc := fakeConnect(t, client.Options{ClientID: "cancel", Store: store}, &packet.Connack{})
	ctx := testCtx(t)
	short, cancel := context.WithCancel(ctx)
	res := make(chan error, 1)
	go func() { res <- c.Publish(short, &client.Message{Topic: "c", QoS: 1}) }()
	first := readAs[*packet.Publish](fc)
	cancel()
	if err := <-res; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want Canceled", err)
	}
	go func() { res <- c.Publish(ctx, &client.Message{Topic: "c", QoS: 1}) }()
	second := readAs[*packet.Publish](fc)
	if second.PacketID == first.PacketID {
		t.Fatalf("identifier %d reused while in flight", first.PacketID)
	}
	fc.write(&packet.Puback{PacketID: first.PacketID})
	fc.write(&packet.Puback{PacketID: second.PacketID})
	if err := <-res; err != nil {
		t.Fatal(err)
	}
	if n := store.Len(); n != 0 {
		t.Fatalf("store holds %d entries", n)
	}
}

// A handler may publish at QoS 1 and wait for the acknowledgement: the
// read goroutine is not blocked by the handler.
func TestPublishFromHandler(t *testing.T) {
	b := startBroker(t)
	ctx := testCtx(t)
	h, replies := collector()
	c := dial(t, b.URL(), client.Options{ClientID: "echo"})
	_, err := c.Subscribe(ctx,
		client.Subscription{Filter: "req", QoS: 1, Handler: func(m *client.Message) {
			if err := c.Publish(ctx, &client.Message{Topic: "rep", Payload: m.Payload, QoS: 1}); err != nil {
				t.Errorf("Publish from handler: %v", err)
			}
		}},
		client.Subscription{Filter: "rep", QoS: 1, Handler: h})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := c.Publish(ctx, &client.Message{Topic: "req", Payload: []byte(strconv.Itoa(i)), QoS: 1}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 50 {
		if m := recv(t, replies); string(m.Payload) != strconv.Itoa(i) {
			t.Fatalf("reply %d: %q", i, m.Payload)
		}
	}
}
