package client_test

import (
	"testing"

	"github.com/ternmq/tern/client"
	"github.com/ternmq/tern/packet"
)

// A QoS 1 message whose handler had not returned when the connection
// closed was never acknowledged: the server sends it again, with DUP, when
// the session is resumed.
func TestSessionResumeRedelivery(t *testing.T) {
	servers := map[string]func(t *testing.T) string{
		"tern":      func(t *testing.T) string { return startBroker(t).URL() },
		"mosquitto": func(t *testing.T) string { return mosquitto(t) },
	}
	for name, start := range servers {
		t.Run(name, func(t *testing.T) {
			url := start(t)
			for _, v := range []packet.Version{packet.V5, packet.V311} {
				t.Run(v.String(), func(t *testing.T) { testResumeRedelivery(t, url, v) })
			}
		})
	}
}

func testResumeRedelivery(t *testing.T, url string, v packet.Version) {
	ctx := testCtx(t)
	id := "resume-" + v.String()
	// A 3.1.1 session survives the connection only without Clean Session.
	opts := client.Options{Version: v, ClientID: id, CleanStart: v == packet.V5, SessionExpiry: 300}
	got, release := make(chan *client.Message, 1), make(chan struct{})
	c1 := dial(t, url, opts)
	_, err := c1.Subscribe(ctx, client.Subscription{Filter: "resume/#", QoS: 2, Handler: func(m *client.Message) {
		got <- m
		<-release // the connection closes before the handler returns
	}})
	if err != nil {
		t.Fatal(err)
	}
	pub := dial(t, url, client.Options{Version: v, ClientID: id + "-pub"})
	for _, qos := range []byte{1, 2} {
		if err := pub.Publish(ctx, &client.Message{Topic: "resume/x", Payload: []byte{'0' + qos}, QoS: qos}); err != nil {
			t.Fatal(err)
		}
	}
	if m := recv(t, got); m.Dup || string(m.Payload) != "1" {
		t.Fatalf("first delivery: dup %v payload %q", m.Dup, m.Payload)
	}
	c1.Close()
	close(release)
	waitDone(t, c1)

	h, ch := collector()
	opts.CleanStart = false
	opts.OnMessage = h
	c2 := dial(t, url, opts)
	if !c2.SessionPresent() {
		t.Fatal("session not resumed")
	}
	m := recv(t, ch)
	if !m.Dup || string(m.Payload) != "1" || m.QoS != 1 {
		t.Fatalf("redelivery: dup %v payload %q QoS %d", m.Dup, m.Payload, m.QoS)
	}
	// The QoS 2 message was still queued: it comes now.
	if m := recv(t, ch); string(m.Payload) != "2" || m.QoS != 2 {
		t.Fatalf("second message: payload %q QoS %d", m.Payload, m.QoS)
	}
	if err := c2.Disconnect(ctx, client.WithSessionExpiry(0)); err != nil {
		t.Fatal(err)
	}
}

// Outbound messages in flight are retransmitted with DUP, and PUBREL again,
// when the session is resumed with the same Store [MQTT-4.4.0-1].
func TestSessionResumeRetransmission(t *testing.T) {
	for _, v := range []packet.Version{packet.V5, packet.V311} {
		t.Run(v.String(), func(t *testing.T) {
			store := new(client.MemoryStore)
			f := newFakeServer(t)
			opts := client.Options{Version: v, ClientID: "rt", Store: store}
			ch := dialAsync(t, f.URL(), opts)
			fc := f.accept()
			fc.handshake(&packet.Connack{})
			c := connected(t, ch)
			ctx := testCtx(t)
			res := make(chan error, 3)
			for i, qos := range []byte{1, 2, 2} {
				go func() {
					res <- c.Publish(ctx, &client.Message{Topic: "rt", Payload: []byte{'a' + byte(i)}, QoS: qos})
				}()
				p := readAs[*packet.Publish](fc) // sent one by one, to know the order
				if p.Dup || p.Payload[0] != 'a'+byte(i) {
					t.Fatalf("PUBLISH %d: dup %v payload %q", i, p.Dup, p.Payload)
				}
				if i == 2 {
					// The third gets to PUBREL.
					fc.write(&packet.Pubrec{PacketID: p.PacketID})
					readAs[*packet.Pubrel](fc)
				}
			}
			if n := store.Len(); n != 3 {
				t.Fatalf("store holds %d entries, want 3", n)
			}
			c.Close()
			for range 3 {
				<-res
			}

			// Resume: retransmitted in order, then acknowledged.
			ch = dialAsync(t, f.URL(), opts)
			fc = f.accept()
			fc.handshake(&packet.Connack{SessionPresent: true})
			c = connected(t, ch)
			var ids []uint16
			for i := range 2 {
				p := readAs[*packet.Publish](fc)
				if !p.Dup || p.Payload[0] != 'a'+byte(i) {
					t.Fatalf("retransmission %d: dup %v payload %q", i, p.Dup, p.Payload)
				}
				ids = append(ids, p.PacketID)
			}
			rel := readAs[*packet.Pubrel](fc)
			fc.write(&packet.Puback{PacketID: ids[0]})
			fc.write(&packet.Pubrec{PacketID: ids[1]})
			if r := readAs[*packet.Pubrel](fc); r.PacketID != ids[1] {
				t.Fatalf("PUBREL %d, want %d", r.PacketID, ids[1])
			}
			fc.write(&packet.Pubcomp{PacketID: ids[1]})
			fc.write(&packet.Pubcomp{PacketID: rel.PacketID})
			// A new message is published after those acknowledgements were
			// read, so when it is acknowledged the store is empty; its
			// identifier is not one in flight.
			go func() { res <- c.Publish(ctx, &client.Message{Topic: "rt", QoS: 1}) }()
			p := readAs[*packet.Publish](fc)
			fc.write(&packet.Puback{PacketID: p.PacketID})
			if err := <-res; err != nil {
				t.Fatal(err)
			}
			if n := store.Len(); n != 0 {
				t.Fatalf("store holds %d entries after the acknowledgements", n)
			}
		})
	}
}

// Without a session on the server, the stored state is discarded
// [MQTT-3.2.2-5].
func TestSessionNotPresentResetsStore(t *testing.T) {
	store := new(client.MemoryStore)
	store.Put(client.Key{ID: 5}, &packet.Publish{Topic: "old", QoS: 1, PacketID: 5})
	store.Put(client.Key{ID: 6, Inbound: true}, &packet.Pubrec{PacketID: 6})
	c, fc := fakeConnect(t, client.Options{ClientID: "reset", Store: store}, &packet.Connack{})
	if n := store.Len(); n != 0 {
		t.Fatalf("store holds %d entries", n)
	}
	// Nothing is retransmitted: the first packet is the one we publish.
	if err := c.Publish(testCtx(t), &client.Message{Topic: "new"}); err != nil {
		t.Fatal(err)
	}
	if p := readAs[*packet.Publish](fc); p.Topic != "new" {
		t.Fatalf("got %q", p.Topic)
	}
}

// An inbound QoS 2 message answered with PUBREC before the connection
// ended is not delivered again on the resumed session.
func TestSessionResumeInboundQoS2(t *testing.T) {
	store := new(client.MemoryStore)
	f := newFakeServer(t)
	h, ch := collector()
	opts := client.Options{ClientID: "in2", Store: store, OnMessage: h}
	dc := dialAsync(t, f.URL(), opts)
	fc := f.accept()
	fc.handshake(&packet.Connack{})
	c := connected(t, dc)
	fc.write(&packet.Publish{Topic: "in2", QoS: 2, PacketID: 9, Payload: []byte("x")})
	recv(t, ch)
	readAs[*packet.Pubrec](fc)
	c.Close()

	dc = dialAsync(t, f.URL(), opts)
	fc = f.accept()
	fc.handshake(&packet.Connack{SessionPresent: true})
	connected(t, dc)
	// The server did not see the PUBREC: it sends the PUBLISH again.
	fc.write(&packet.Publish{Topic: "in2", QoS: 2, PacketID: 9, Dup: true, Payload: []byte("x")})
	readAs[*packet.Pubrec](fc)
	fc.write(&packet.Pubrel{PacketID: 9})
	if comp := readAs[*packet.Pubcomp](fc); comp.ReasonCode != packet.Success {
		t.Fatalf("PUBCOMP %v", comp.ReasonCode)
	}
	fc.write(&packet.Publish{Topic: "in2", Payload: []byte("marker")})
	if m := recv(t, ch); string(m.Payload) != "marker" {
		t.Fatalf("delivered again: %q", m.Payload)
	}
	if n := store.Len(); n != 0 {
		t.Fatalf("store holds %d entries", n)
	}
}

func TestMemoryStore(t *testing.T) {
	var s client.MemoryStore
	s.Put(client.Key{ID: 1}, &packet.Publish{PacketID: 1, QoS: 1, Topic: "a"})
	s.Put(client.Key{ID: 2}, &packet.Publish{PacketID: 2, QoS: 2, Topic: "b"})
	s.Put(client.Key{ID: 1, Inbound: true}, &packet.Pubrec{PacketID: 1})
	s.Put(client.Key{ID: 2}, &packet.Pubrel{PacketID: 2}) // replaced, keeps its place
	s.Delete(client.Key{ID: 1})
	ps, _ := s.List()
	if len(ps) != 2 {
		t.Fatalf("List = %d entries", len(ps))
	}
	if _, ok := ps[0].(*packet.Pubrel); !ok {
		t.Errorf("first entry %T", ps[0])
	}
	if _, ok := ps[1].(*packet.Pubrec); !ok {
		t.Errorf("second entry %T", ps[1])
	}
	s.Reset()
	if s.Len() != 0 {
		t.Fatal("Reset left entries")
	}
}
