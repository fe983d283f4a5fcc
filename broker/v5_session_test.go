package broker_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/eclipse/paho.golang/paho"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// v5Expiry returns CONNECT properties with a Session Expiry Interval.
func v5Expiry(secs uint32) packet.Properties {
	return packet.Properties{SessionExpiry: packet.Some(secs)}
}

// TestV5CleanStartDiscardsSession: Clean Start 1 discards the existing
// session [MQTT-3.1.2-4] and CONNACK says Session Present 0
// [MQTT-3.2.2-2]; its subscriptions are gone.
func TestV5CleanStartDiscardsSession(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "clean", Props: v5Expiry(300)})
	c.sub(1, "clean/t", 1)
	c.disconnect(nil)

	c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "clean", CleanStart: true, Props: v5Expiry(300)})
	if ack.SessionPresent {
		t.Fatal("Session Present 1 after Clean Start 1")
	}
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "clean-pub", CleanStart: true})
	if code := pub.publish1(1, "clean/t", "x"); code != packet.NoMatchingSubscribers {
		t.Fatalf("PUBACK %v, want 0x10: the discarded session's subscription still matches", code)
	}
	c.quiet()
}

// TestV5ResumeSession: Clean Start 0 without a session creates one
// [MQTT-3.1.2-6] (Session Present 0); with a session kept by a non-zero
// Session Expiry Interval [MQTT-3.1.2-23] it resumes it [MQTT-3.1.2-5] with
// Session Present 1 [MQTT-3.2.2-3], subscriptions included.
func TestV5ResumeSession(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "resume", Props: v5Expiry(300)})
	if ack.SessionPresent {
		t.Fatal("Session Present 1 for a client that never connected")
	}
	c.sub(1, "resume/t", 1)
	c.disconnect(nil)

	c, ack = v5Connect(t, b.Addr, &packet.Connect{ClientID: "resume", Props: v5Expiry(300)})
	if !ack.SessionPresent {
		t.Fatal("Session Present 0 on resuming a kept session")
	}
	pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "resume-pub", CleanStart: true})
	if code := pub.publish1(1, "resume/t", "again"); code != packet.Success {
		t.Fatalf("PUBACK %v, want Success", code)
	}
	if m := c.expectPublish(); string(m.Payload) != "again" {
		t.Fatalf("got %q through the resumed subscription, want %q", m.Payload, "again")
	}
}

// TestV5SessionExpiryAbsentEndsSession: without a Session Expiry Interval
// the session ends with the network connection (3.1.2.11.2), even with
// Clean Start 0.
func TestV5SessionExpiryAbsentEndsSession(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "noexpiry"})
	c.sub(1, "noexpiry/t", 1)
	c.disconnect(nil)
	if n := b.Stats().Sessions; n != 0 {
		t.Fatalf("%d sessions kept after a session with expiry 0 disconnected", n)
	}
	_, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "noexpiry"})
	if ack.SessionPresent {
		t.Fatal("Session Present 1 although the session had expiry 0")
	}
}

// TestV5QueuedWhileOffline: QoS 1 messages published while a subscriber
// with a kept session is offline are delivered, in order, when it resumes
// the session [MQTT-3.1.2-5], [MQTT-4.6.0-6]. Uses the paho client.
func TestV5QueuedWhileOffline(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	cp := &paho.Connect{ClientID: "offline-sub", Properties: &paho.ConnectProperties{SessionExpiryInterval: v5U32(300)}}
	sub, _ := v5PahoConnect(t, b.Addr, cp)
	sub.sub("offline/t", 1)
	sub.close()

	pub, _ := v5PahoConnect(t, b.Addr, &paho.Connect{ClientID: "offline-pub", CleanStart: true})
	const n = 5
	for i := range n {
		pub.pubText("offline/t", 1, false, fmt.Sprint("m", i))
	}

	sub, ack := v5PahoConnect(t, b.Addr, cp)
	if !ack.SessionPresent {
		t.Fatal("Session Present 0 on resume")
	}
	for i := range n {
		m := sub.expectText("offline/t", fmt.Sprint("m", i))
		if m.QoS != 1 {
			t.Errorf("message %d delivered at QoS %d, want 1", i, m.QoS)
		}
	}
}

// TestV5SessionExpiryChangedAtDisconnect: a Session Expiry Interval in the
// client's DISCONNECT replaces the one from CONNECT (3.14.2.2.2): 0 ends
// the session now.
func TestV5SessionExpiryChangedAtDisconnect(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "change", Props: v5Expiry(300)})
	c.sub(1, "change/t", 1)
	c.disconnect(&packet.Disconnect{Props: packet.Properties{SessionExpiry: packet.Some[uint32](0)}})
	if n := b.Stats().Sessions; n != 0 {
		t.Fatalf("%d sessions kept after DISCONNECT set the expiry to 0", n)
	}
	_, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "change", Props: v5Expiry(300)})
	if ack.SessionPresent {
		t.Fatal("Session Present 1 after DISCONNECT set the Session Expiry Interval to 0")
	}

	// And the other way: 60 at CONNECT, longer at DISCONNECT keeps it.
	c, _ = v5Connect(t, b.Addr, &packet.Connect{ClientID: "change2", Props: v5Expiry(60)})
	c.disconnect(&packet.Disconnect{Props: packet.Properties{SessionExpiry: packet.Some[uint32](600)}})
	_, ack = v5Connect(t, b.Addr, &packet.Connect{ClientID: "change2", Props: v5Expiry(60)})
	if !ack.SessionPresent {
		t.Fatal("Session Present 0 after DISCONNECT raised the Session Expiry Interval")
	}
}

// TestV5SessionExpiryZeroThenNonZeroAtDisconnect: when CONNECT set the
// Session Expiry Interval to 0, a non-zero one in DISCONNECT is a Protocol
// Error; the server does not treat it as a valid DISCONNECT, answers
// DISCONNECT 0x82 (3.14.2.2.2) and, the connection being closed for a
// protocol error, publishes the will [MQTT-3.1.2-8]. The session still
// ends.
func TestV5SessionExpiryZeroThenNonZeroAtDisconnect(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	watch, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "zero-watch", CleanStart: true})
	watch.sub(1, "zero/will", 0)

	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "zero", CleanStart: true,
		Will: &packet.Will{Topic: "zero/will", Payload: []byte("will")}})
	c.send(&packet.Disconnect{Props: packet.Properties{SessionExpiry: packet.Some[uint32](60)}})
	c.expectDisconnect(packet.ProtocolError)

	if m := watch.expectPublish(); string(m.Payload) != "will" {
		t.Fatalf("got %q, want the will", m.Payload)
	}
	_, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "zero", Props: v5Expiry(60)})
	if ack.SessionPresent {
		t.Fatal("Session Present 1: the invalid DISCONNECT extended the session")
	}
}

// TestV5SessionTakeover: a second connection with the same client
// identifier makes the server send DISCONNECT 0x8E to the first and close
// it [MQTT-3.1.4-3]. With Clean Start 0 the session continues on the second
// connection (Session Present 1); with Clean Start 1 it is replaced.
func TestV5SessionTakeover(t *testing.T) {
	t.Parallel()
	t.Run("Resume", func(t *testing.T) {
		t.Parallel()
		b := v5Start(t, broker.Options{})
		first, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "dup", Props: v5Expiry(300)})
		first.sub(1, "take/t", 1)

		second := v5Dial(t, b.Addr)
		ack := second.connect(&packet.Connect{ClientID: "dup", Props: v5Expiry(300)})
		if ack.ReasonCode != packet.Success || !ack.SessionPresent {
			t.Fatalf("second CONNACK %v, session present %v; want Success and true", ack.ReasonCode, ack.SessionPresent)
		}
		first.expectDisconnect(packet.SessionTakenOver)

		pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "take-pub", CleanStart: true})
		if code := pub.publish1(1, "take/t", "to-second"); code != packet.Success {
			t.Fatalf("PUBACK %v, want Success", code)
		}
		if m := second.expectPublish(); string(m.Payload) != "to-second" {
			t.Fatalf("second connection got %q, want %q", m.Payload, "to-second")
		}
		if n := b.Stats().Sessions; n != 2 {
			t.Fatalf("%d sessions, want 2 (dup and take-pub)", n)
		}
	})
	t.Run("CleanStart", func(t *testing.T) {
		t.Parallel()
		b := v5Start(t, broker.Options{})
		first, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "dup", Props: v5Expiry(300)})
		first.sub(1, "take/t", 1)

		second := v5Dial(t, b.Addr)
		ack := second.connect(&packet.Connect{ClientID: "dup", CleanStart: true})
		if ack.ReasonCode != packet.Success || ack.SessionPresent {
			t.Fatalf("second CONNACK %v, session present %v; want Success and false", ack.ReasonCode, ack.SessionPresent)
		}
		first.expectDisconnect(packet.SessionTakenOver)

		pub, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "take-pub", CleanStart: true})
		if code := pub.publish1(1, "take/t", "x"); code != packet.NoMatchingSubscribers {
			t.Fatalf("PUBACK %v, want 0x10: the replaced session's subscription still matches", code)
		}
		second.quiet()
	})
}

// TestV5SessionExpires: an offline session is discarded once its Session
// Expiry Interval has passed [MQTT-4.1.0-2]. The wait is bounded and on
// the broker's own state, not a sleep.
func TestV5SessionExpires(t *testing.T) {
	t.Parallel()
	b := v5Start(t, broker.Options{})
	c, _ := v5Connect(t, b.Addr, &packet.Connect{ClientID: "expires", Props: v5Expiry(1)})
	c.sub(1, "expires/t", 1)
	start := time.Now()
	c.disconnect(nil)
	if n := b.Stats().Sessions; n != 1 {
		t.Fatalf("%d sessions right after disconnect, want 1", n)
	}
	v5Eventually(t, 5*time.Second, func() bool { return b.Stats().Sessions == 0 })
	if d := time.Since(start); d < time.Second {
		t.Fatalf("session discarded after %v, before its 1 s expiry", d)
	}
	_, ack := v5Connect(t, b.Addr, &packet.Connect{ClientID: "expires", Props: v5Expiry(1)})
	if ack.SessionPresent {
		t.Fatal("Session Present 1 for an expired session")
	}
}

// v5Eventually waits, at most d, for cond to hold, checking every 10 ms.
// It is for conditions on time (expiry), not for synchronisation.
func v5Eventually(t testing.TB, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", d)
		}
		<-tick.C
	}
}
