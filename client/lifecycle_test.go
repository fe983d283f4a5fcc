package client_test

import (
	"errors"
	"testing"
	"time"

	"github.com/ternmq/tern/client"
	"github.com/ternmq/tern/packet"
)

// An idle client sends PINGREQ after its keep alive [MQTT-3.1.2-22], and
// the server's PINGRESP keeps the connection up.
func TestKeepAlivePing(t *testing.T) {
	c, fc := fakeConnect(t, client.Options{ClientID: "ka", KeepAlive: time.Second}, &packet.Connack{})
	start := time.Now()
	for range 2 {
		readAs[*packet.Pingreq](fc)
		fc.write(&packet.Pingresp{})
	}
	if d := time.Since(start); d < 1500*time.Millisecond {
		t.Errorf("two pings after %v, keep alive 1 s", d)
	}
	if err := c.Err(); err != nil {
		t.Fatalf("connection ended: %v", err)
	}
}

// The Server Keep Alive in CONNACK replaces ours [MQTT-3.2.2-21].
func TestKeepAliveServerValue(t *testing.T) {
	_, fc := fakeConnect(t, client.Options{ClientID: "ska", KeepAlive: time.Hour},
		&packet.Connack{Props: packet.Properties{ServerKeepAlive: packet.Some[uint16](1)}})
	readAs[*packet.Pingreq](fc)
}

// Without PINGRESP the connection is closed with ErrPingTimeout.
func TestPingTimeout(t *testing.T) {
	var got error
	called := make(chan struct{})
	c, fc := fakeConnect(t, client.Options{ClientID: "pt", KeepAlive: time.Second, PingTimeout: 200 * time.Millisecond,
		OnDisconnect: func(err error) { got = err; close(called) }}, &packet.Connack{})
	readAs[*packet.Pingreq](fc)
	fc.expectEOF()
	waitDone(t, c)
	<-called
	if !errors.Is(got, client.ErrPingTimeout) || !errors.Is(c.Err(), client.ErrPingTimeout) {
		t.Fatalf("OnDisconnect(%v), Err = %v", got, c.Err())
	}
}

// Against our broker: a client with a 1 s keep alive and nothing to say
// outlives 1.5 keep alive periods, after which the broker would have
// closed a silent connection.
func TestKeepAliveBroker(t *testing.T) {
	b := startBroker(t)
	c := dial(t, b.URL(), client.Options{ClientID: "kab", KeepAlive: time.Second})
	select {
	case <-c.Done():
		t.Fatalf("connection ended: %v", c.Err())
	case <-time.After(2500 * time.Millisecond):
	}
	pingPong(t, c)
}

// The will is published after Close and after a DISCONNECT with reason
// 0x04, but not after a normal Disconnect [MQTT-3.1.2-8], [MQTT-3.14.4-3].
func TestWill(t *testing.T) {
	b := startBroker(t)
	ctx := testCtx(t)
	h, ch := collector()
	watcher := dial(t, b.URL(), client.Options{ClientID: "watcher"})
	if _, err := watcher.Subscribe(ctx, client.Subscription{Filter: "will/#", QoS: 1, Handler: h}); err != nil {
		t.Fatal(err)
	}
	will := func(name string) client.Options {
		return client.Options{ClientID: name, Will: &packet.Will{Topic: "will/" + name, Payload: []byte(name), QoS: 1}}
	}
	closed := dial(t, b.URL(), will("closed"))
	normal := dial(t, b.URL(), will("normal"))
	withWill := dial(t, b.URL(), will("with-will"))
	v3 := dial(t, b.URL(), client.Options{Version: packet.V311, ClientID: "v3", Will: &packet.Will{Topic: "will/v3", QoS: 1}})
	if err := normal.Disconnect(ctx); err != nil {
		t.Fatal(err)
	}
	if err := v3.Disconnect(ctx); err != nil {
		t.Fatal(err)
	}
	if err := withWill.Disconnect(ctx, client.WithReason(packet.DisconnectWithWillMessage), client.WithReasonString("bye")); err != nil {
		t.Fatal(err)
	}
	if m := recv(t, ch); m.Topic != "will/with-will" {
		t.Fatalf("got %q, want will/with-will", m.Topic)
	}
	closed.Close()
	if m := recv(t, ch); m.Topic != "will/closed" {
		t.Fatalf("got %q, want will/closed", m.Topic)
	}
	for _, c := range []*client.Client{closed, normal, withWill, v3} {
		waitDone(t, c)
		if !errors.Is(c.Err(), client.ErrClosed) {
			t.Errorf("%s: Err = %v, want ErrClosed", c.ClientID(), c.Err())
		}
	}
	// Closing twice, and Disconnect after Close, are harmless.
	closed.Close()
	if err := closed.Disconnect(ctx); !errors.Is(err, client.ErrClosed) {
		t.Fatalf("Disconnect after Close: %v", err)
	}
}

// A DISCONNECT from the server ends the connection with a *ReasonError,
// reported to OnDisconnect; Close and Disconnect are not reported.
func TestServerDisconnect(t *testing.T) {
	b := startBroker(t)
	reported := make(chan error, 1)
	first := dial(t, b.URL(), client.Options{ClientID: "twin", OnDisconnect: func(err error) { reported <- err }})
	second := dial(t, b.URL(), client.Options{ClientID: "twin", OnDisconnect: func(err error) { reported <- err }})
	waitDone(t, first)
	err := <-reported
	var re *client.ReasonError
	if !errors.Is(err, packet.SessionTakenOver) || !errors.As(err, &re) || re.Packet != packet.DISCONNECT {
		t.Fatalf("OnDisconnect(%v), want SessionTakenOver", err)
	}
	if !errors.Is(first.Err(), packet.SessionTakenOver) {
		t.Fatalf("Err = %v", first.Err())
	}
	second.Close()
	waitDone(t, second)
	select {
	case err := <-reported:
		t.Fatalf("OnDisconnect(%v) after Close", err)
	default:
	}
}

// A network error ends the connection and is reported.
func TestConnectionLost(t *testing.T) {
	reported := make(chan error, 1)
	c, fc := fakeConnect(t, client.Options{ClientID: "lost", OnDisconnect: func(err error) { reported <- err }}, &packet.Connack{})
	fc.nc.Close()
	waitDone(t, c)
	if err := <-reported; err == nil || errors.Is(err, client.ErrClosed) {
		t.Fatalf("OnDisconnect(%v)", err)
	}
	if err := c.Publish(testCtx(t), &client.Message{Topic: "x"}); err == nil {
		t.Fatal("publish on a lost connection")
	}
}

// A handler may disconnect the client it runs on: Disconnect does not wait
// for the delivery goroutine.
func TestCloseFromHandler(t *testing.T) {
	b := startBroker(t)
	ctx := testCtx(t)
	var c *client.Client
	c = dial(t, b.URL(), client.Options{ClientID: "self", OnMessage: func(m *client.Message) {
		if err := c.Disconnect(ctx); err != nil {
			t.Errorf("Disconnect: %v", err)
		}
	}})
	if _, err := c.Subscribe(ctx, client.Subscription{Filter: "self", QoS: 1}); err != nil {
		t.Fatal(err)
	}
	if err := c.Publish(ctx, &client.Message{Topic: "self"}); err != nil {
		t.Fatal(err)
	}
	waitDone(t, c)
	if !errors.Is(c.Err(), client.ErrClosed) {
		t.Fatalf("Err = %v", c.Err())
	}
}

// A malformed packet from the server is answered with DISCONNECT 0x81
// (5.0) before the connection closes.
func TestMalformedFromServer(t *testing.T) {
	c, fc := fakeConnect(t, client.Options{ClientID: "mal"}, &packet.Connack{})
	fc.nc.Write([]byte{0x30, 0x03, 0x00, 0x05, 'a'}) // topic length beyond the packet
	if d := readAs[*packet.Disconnect](fc); d.ReasonCode != packet.MalformedPacket {
		t.Fatalf("DISCONNECT %v", d.ReasonCode)
	}
	waitDone(t, c)
	if !errors.Is(c.Err(), packet.MalformedPacket) {
		t.Fatalf("Err = %v", c.Err())
	}
}
