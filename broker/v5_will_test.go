package broker_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/eclipse/paho.golang/paho"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// v5WillWatcher connects a paho client subscribed to will/# at QoS 1.
func v5WillWatcher(t testing.TB, addr string) *v5Paho {
	t.Helper()
	w, _ := v5PahoConnect(t, addr, &paho.Connect{ClientID: "will-watch", CleanStart: true})
	w.sub("will/#", 1)
	return w
}

// v5Marker publishes "marker" to topic from a fresh paho client at QoS 1,
// so it is routed when this returns.
func v5Marker(t testing.TB, addr, topic string) {
	t.Helper()
	p, _ := v5PahoConnect(t, addr, &paho.Connect{ClientID: "marker", CleanStart: true})
	p.pubText(topic, 1, false, "marker")
	p.close()
}

// v5WillClient connects a raw client with the given will and properties.
func v5WillClient(t testing.TB, addr, id string, expiry uint32, w *packet.Will) *v5Raw {
	t.Helper()
	c, _ := v5Connect(t, addr, &packet.Connect{ClientID: id, CleanStart: true, Props: v5Expiry(expiry), Will: w})
	return c
}

// TestV5WillOnAbruptClose: a network connection closed without DISCONNECT
// publishes the will [MQTT-3.1.2-8] with its properties (3.1.3.2); a will
// with Will Retain 1 is published as a retained message [MQTT-3.1.2-15].
func TestV5WillOnAbruptClose(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	watch := v5WillWatcher(t, b.Addr)
	c := v5WillClient(t, b.Addr, "will-abrupt", 0, &packet.Will{
		QoS: 1, Retain: true, Topic: "will/abrupt", Payload: []byte("gone"),
		Props: packet.Properties{
			PayloadFormat:   1,
			ContentType:     "text/plain",
			ResponseTopic:   "will/reply",
			CorrelationData: []byte{7},
			User:            []packet.UserProperty{{Key: "k", Value: "v"}, {Key: "k", Value: "w"}},
		},
	})
	c.drop()

	m := watch.expectText("will/abrupt", "gone")
	if m.QoS != 1 {
		t.Errorf("will delivered at QoS %d, want 1", m.QoS)
	}
	p := m.Properties
	if p == nil || p.PayloadFormat == nil || *p.PayloadFormat != 1 || p.ContentType != "text/plain" ||
		p.ResponseTopic != "will/reply" || !bytes.Equal(p.CorrelationData, []byte{7}) ||
		!slices.Equal(p.User, paho.UserProperties{{Key: "k", Value: "v"}, {Key: "k", Value: "w"}}) {
		t.Errorf("will properties %+v not forwarded unaltered", p)
	}

	later, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "will-later", CleanStart: true})
	later.sub(1, "will/abrupt", 1)
	if r := later.expectPublish(); !r.Retain || string(r.Payload) != "gone" {
		t.Fatalf("new subscriber got %q RETAIN %v, want the retained will", r.Payload, r.Retain)
	}
}

// TestV5WillNotAfterNormalDisconnect: DISCONNECT 0x00 discards the will
// [MQTT-3.1.2-10], [MQTT-3.14.4-3].
func TestV5WillNotAfterNormalDisconnect(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	watch := v5WillWatcher(t, b.Addr)
	c := v5WillClient(t, b.Addr, "will-normal", 0, &packet.Will{Topic: "will/normal", Payload: []byte("gone")})
	c.disconnect(&packet.Disconnect{ReasonCode: packet.NormalDisconnection}) // returns once the broker closed it
	v5Marker(t, b.Addr, "will/normal")
	watch.expectText("will/normal", "marker")
}

// TestV5WillAfterDisconnectWithWill: DISCONNECT 0x04 (Disconnect with Will
// Message) closes normally but publishes the will (3.14.2.1).
func TestV5WillAfterDisconnectWithWill(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	watch := v5WillWatcher(t, b.Addr)
	c := v5WillClient(t, b.Addr, "will-04", 0, &packet.Will{Topic: "will/04", Payload: []byte("gone")})
	c.disconnect(&packet.Disconnect{ReasonCode: packet.DisconnectWithWillMessage})
	watch.expectText("will/04", "gone")
}

// TestV5WillOnProtocolError: a connection the server closes for a protocol
// error publishes the will [MQTT-3.1.2-8] (3.1.2.5).
func TestV5WillOnProtocolError(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	watch := v5WillWatcher(t, b.Addr)
	c := v5WillClient(t, b.Addr, "will-err", 0, &packet.Will{Topic: "will/err", Payload: []byte("gone")})
	c.send(&packet.Connect{Version: packet.V5, ClientID: "will-err"})
	c.expectDisconnect(packet.ProtocolError)
	watch.expectText("will/err", "gone")
}

// TestV5WillDelay: the will waits for the Will Delay Interval
// [MQTT-3.1.2-8]; a new connection to the session within it cancels it
// [MQTT-3.1.3-9]; when the session ends first (expiry 0) it is published at
// once (3.1.3.2.2).
func TestV5WillDelay(t *testing.T) {
	t.Parallel()
	t.Run("Delayed", func(t *testing.T) {
		t.Parallel()
		b := v5Start(t, broker.Options{})
		watch := v5WillWatcher(t, b.Addr)
		c := v5WillClient(t, b.Addr, "will-delayed", 60, &packet.Will{Topic: "will/delayed", Payload: []byte("gone"),
			Props: packet.Properties{WillDelay: 1}})
		c.drop()
		closed := time.Now()
		v5Marker(t, b.Addr, "will/delayed")
		watch.expectText("will/delayed", "marker") // the will is not out yet
		watch.expectText("will/delayed", "gone")
		if d := time.Since(closed); d < time.Second {
			t.Errorf("will published %v after the close, before its 1 s delay", d)
		}
	})
	t.Run("CancelledByReconnect", func(t *testing.T) {
		t.Parallel()
		b := v5Start(t, broker.Options{})
		watch := v5WillWatcher(t, b.Addr)
		c := v5WillClient(t, b.Addr, "will-cancel", 60, &packet.Will{Topic: "will/cancel", Payload: []byte("gone"),
			Props: packet.Properties{WillDelay: 1}})
		c.drop()
		closed := time.Now()
		c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "will-cancel", Props: v5Expiry(60)})
		if !ack.SessionPresent {
			t.Fatal("session not resumed")
		}
		// Let the delay pass (a time condition, not synchronisation), then
		// show with a marker that nothing was published.
		<-time.After(time.Until(closed.Add(1500 * time.Millisecond)))
		v5Marker(t, b.Addr, "will/cancel")
		watch.expectText("will/cancel", "marker")
		c.disconnect(nil)
	})
	t.Run("SessionEndsFirst", func(t *testing.T) {
		t.Parallel()
		b := v5Start(t, broker.Options{})
		watch := v5WillWatcher(t, b.Addr)
		c := v5WillClient(t, b.Addr, "will-noexpiry", 0, &packet.Will{Topic: "will/noexpiry", Payload: []byte("gone"),
			Props: packet.Properties{WillDelay: 3600}})
		c.drop()
		watch.expectText("will/noexpiry", "gone")
	})
}

// TestV5DelayedWillMessageExpiry: the will's Message Expiry Interval is
// its lifetime from when the server publishes it (3.1.3.2.4), so a will
// whose delay equals its expiry is still delivered when the delay ends,
// with the full interval.
func TestV5DelayedWillMessageExpiry(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	watch := v5WillWatcher(t, b.Addr)
	c := v5WillClient(t, b.Addr, "will-exp", 60, &packet.Will{Topic: "will/exp", Payload: []byte("gone"),
		Props: packet.Properties{WillDelay: 1, MessageExpiry: packet.Some[uint32](5)}})
	c.drop()
	m := watch.expectText("will/exp", "gone")
	if e := m.Properties.MessageExpiry; e == nil || *e != 5 {
		t.Fatalf("Message Expiry Interval %v, want 5: counted from publication, not from the disconnection", v5Deref(e))
	}
}

// TestV5KeepAliveTimeout: a client silent for one and a half times its
// Keep Alive is disconnected as if the network had failed
// [MQTT-3.1.2-22]: the server may say DISCONNECT 0x8D first, and the will
// is published.
func TestV5KeepAliveTimeout(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	watch := v5WillWatcher(t, b.Addr)
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "silent", CleanStart: true, KeepAlive: 1,
		Will: &packet.Will{Topic: "will/silent", Payload: []byte("timed out")}})
	start := time.Now()
	p, err := c.read() // bounded by v5Wait
	if err == nil {
		d, ok := p.(*packet.Disconnect)
		if !ok || d.ReasonCode != packet.KeepAliveTimeout {
			t.Fatalf("got %v %+v, want DISCONNECT 0x8D or the connection closed", p.Type(), p)
		}
		c.expectClosed()
	}
	if d := time.Since(start); d < time.Second || d > v5Wait {
		t.Fatalf("disconnected after %v, want between 1 s and 1.5 s (plus scheduling)", d)
	}
	watch.expectText("will/silent", "timed out")
}

// TestV5KeepAliveKeptByPackets: any control packet within one and a half
// times the Keep Alive resets the timer (3.1.2.10): a client with Keep
// Alive 1 that sends PINGREQ every half second stays connected for well
// over 1.5 s, and each PINGREQ is answered [MQTT-3.12.4-1].
func TestV5KeepAliveKeptByPackets(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "pinger", CleanStart: true, KeepAlive: 1})
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for range 6 { // 3 s, twice the 1.5 s allowance
		<-tick.C
		c.quiet() // PINGREQ, PINGRESP
	}
	c.disconnect(nil)
}

// TestV5ServerKeepAliveEnforced: the server applies the Server Keep Alive it
// returned in place of the client's value [MQTT-3.2.2-21]: a client that
// asked for 60 s but was told 1 s is disconnected after about 1.5 s of
// silence.
func TestV5ServerKeepAliveEnforced(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{MaxKeepAlive: 1})
	c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "told", CleanStart: true, KeepAlive: 60})
	if ka := ack.Props.ServerKeepAlive; !ka.Present || ka.Value != 1 {
		t.Fatalf("Server Keep Alive %+v, want 1", ka)
	}
	start := time.Now()
	c.expectDisconnect(packet.KeepAliveTimeout)
	if d := time.Since(start); d < time.Second {
		t.Fatalf("disconnected after %v, before the 1 s keep alive", d)
	}
}

// TestV5ShutdownSendsServerShuttingDown: Shutdown sends DISCONNECT 0x8B
// (Server shutting down) to 5.0 clients and closes their connections
// (4.13), raw and paho alike; no will is published for them.
func TestV5ShutdownSendsServerShuttingDown(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	raw, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "sd-raw", CleanStart: true,
		Will: &packet.Will{Topic: "will/sd", Payload: []byte("gone")}})
	pc, _ := v5PahoConnect(t, b.Addr, &paho.Connect{ClientID: "sd-paho", CleanStart: true})

	ctx, cancel := context.WithTimeout(context.Background(), v5Wait)
	defer cancel()
	if err := b.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	raw.expectDisconnect(packet.ServerShuttingDown)
	select {
	case d := <-pc.discs:
		if d.ReasonCode != byte(packet.ServerShuttingDown) {
			t.Fatalf("paho got DISCONNECT %#x, want 0x8B", d.ReasonCode)
		}
	case <-time.After(v5Wait):
		t.Fatal("paho client got no DISCONNECT")
	}
	select {
	case <-pc.Done():
	case <-time.After(v5Wait):
		t.Fatal("paho client still running after the server's DISCONNECT")
	}
}
