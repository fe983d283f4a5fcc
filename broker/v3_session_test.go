package broker_test

import (
	"testing"

	mqtt "github.com/eclipse/paho.mqtt.golang"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// TestV3Retained: a retained message is stored [MQTT-3.3.1-5] and sent with
// RETAIN set to new subscribers [MQTT-3.3.1-8], at the lower of its QoS and
// the subscription's; a newer one replaces it; a retained message with an
// empty payload deletes it [MQTT-3.3.1-10], and is itself delivered to
// current subscribers but not stored [MQTT-3.3.1-11]. Established
// subscribers get a retained publication with RETAIN 0 [MQTT-3.3.1-9].
func TestV3Retained(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, ver := range v3Versions {
		t.Run(ver.name, func(t *testing.T) {
			t.Parallel()
			p := "ret/" + ver.name
			pub := v3Connect(t, v3Options(b.Addr, ver.pv, "ret-pub-"+ver.name))
			live := v3Connect(t, v3Options(b.Addr, ver.pv, "ret-live-"+ver.name))
			live.mustSub(p+"/#", 2)

			pub.pub(p+"/a", 1, true, "one")
			live.expect(p+"/a", "one", 1, false)
			s1 := v3Connect(t, v3Options(b.Addr, ver.pv, "ret-s1-"+ver.name))
			s1.mustSub(p+"/a", 2)
			s1.expect(p+"/a", "one", 1, true)

			// Replaced; and a second topic, stored at QoS 2.
			pub.pub(p+"/a", 1, true, "two")
			live.expect(p+"/a", "two", 1, false)
			s1.expect(p+"/a", "two", 1, false)
			pub.pub(p+"/b", 2, true, "bee")
			live.expect(p+"/b", "bee", 2, false)
			s2 := v3Connect(t, v3Options(b.Addr, ver.pv, "ret-s2-"+ver.name))
			s2.mustSub(p+"/+", 1) // QoS 1: the QoS 2 message comes at 1
			got := map[string]string{}
			for range 2 {
				m := s2.next()
				if !m.Retained() {
					t.Fatalf("message on %q without RETAIN", m.Topic())
				}
				if m.Qos() != 1 {
					t.Fatalf("retained message on %q at QoS %d, want 1", m.Topic(), m.Qos())
				}
				got[m.Topic()] = string(m.Payload())
			}
			if got[p+"/a"] != "two" || got[p+"/b"] != "bee" || len(got) != 2 {
				t.Fatalf("retained messages %v, want %s/a=two and %s/b=bee", got, p, p)
			}

			// Deleted by an empty payload, which current subscribers get.
			pub.pub(p+"/a", 1, true, "")
			live.expect(p+"/a", "", 1, false)
			s3 := v3Connect(t, v3Options(b.Addr, ver.pv, "ret-s3-"+ver.name))
			s3.mustSub(p+"/a", 1)
			pub.pub(p+"/a", 1, false, "marker")
			s3.expect(p+"/a", "marker", 1, false)

			// A non-retained publication leaves the stored message alone.
			pub.pub(p+"/b", 1, false, "not retained")
			s4 := v3Connect(t, v3Options(b.Addr, ver.pv, "ret-s4-"+ver.name))
			s4.mustSub(p+"/b", 2)
			s4.expect(p+"/b", "bee", 2, true)
		})
	}
}

// TestV3PersistentSession: with clean session 0 the session outlives the
// connection [MQTT-3.1.2-4]: QoS 1 and 2 messages published while the
// client is offline are delivered, in order, when it reconnects
// [MQTT-3.1.2-5], [MQTT-4.6.0-5], and CONNACK says session present
// [MQTT-3.2.2-2] (3.1 has no such flag). QoS 0 messages are not queued
// (Options.QueueQoS0 is off). A clean session then discards it
// [MQTT-3.1.2-6].
func TestV3PersistentSession(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, ver := range v3Versions {
		t.Run(ver.name, func(t *testing.T) {
			t.Parallel()
			id := "persist-" + ver.name
			p := "persist/" + ver.name
			o := func() *mqtt.ClientOptions { return v3Options(b.Addr, ver.pv, id).SetCleanSession(false) }

			c := v3Connect(t, o())
			if c.ack.SessionPresent() {
				t.Fatal("session present on the first connection")
			}
			c.mustSub(p+"/#", 2)
			c.close()

			pub := v3Connect(t, v3Options(b.Addr, ver.pv, "persist-pub-"+ver.name))
			pub.pub(p+"/1", 1, false, "m1")
			pub.pub(p+"/2", 2, false, "m2")
			pub.pub(p+"/0", 0, false, "m0")
			pub.pub(p+"/3", 1, false, "m3")

			c = v3Connect(t, o())
			if want := ver.pv == 4; c.ack.SessionPresent() != want {
				t.Fatalf("session present %v, want %v", c.ack.SessionPresent(), want)
			}
			pub.pub(p+"/marker", 1, false, "marker")
			c.expect(p+"/1", "m1", 1, false)
			c.expect(p+"/2", "m2", 2, false)
			c.expect(p+"/3", "m3", 1, false)
			c.expect(p+"/marker", "marker", 1, false)
			c.close()

			// A clean session discards the stored one: nothing is present,
			// and the subscription is gone.
			c = v3Connect(t, v3Options(b.Addr, ver.pv, id))
			if c.ack.SessionPresent() {
				t.Fatal("session present with clean session 1")
			}
			c.close()
			c = v3Connect(t, o())
			if c.ack.SessionPresent() {
				t.Fatal("session present after a clean session ended it")
			}
			c.mustSub(p+"/marker", 1)
			pub.pub(p+"/1", 1, false, "gone")
			pub.pub(p+"/marker", 1, false, "marker2")
			c.expect(p+"/marker", "marker2", 1, false)
		})
	}
}

// TestV3Will: a client whose network connection closes without DISCONNECT
// has its will published [MQTT-3.1.2-8], at the will's QoS and with its
// retain flag; a DISCONNECT discards the will [MQTT-3.1.2-10].
func TestV3Will(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, ver := range v3Versions {
		t.Run(ver.name, func(t *testing.T) {
			t.Parallel()
			topic := "will/" + ver.name
			watch := v3Connect(t, v3Options(b.Addr, ver.pv, "will-watch-"+ver.name))
			watch.mustSub(topic, 2)

			// Abrupt close: the will arrives.
			w := v3Connect(t, v3Options(b.Addr, ver.pv, "will-cut-"+ver.name).SetWill(topic, "gone", 1, false))
			w.cut()
			watch.expect(topic, "gone", 1, false)

			// The raw TCP connection closed: the will arrives.
			v := packet.V311
			if ver.pv == 3 {
				v = packet.V31
			}
			r := rawDial(t, b.Addr, v)
			if ack := r.connect(&packet.Connect{ClientID: "will-raw-close-" + ver.name, CleanStart: true,
				Will: &packet.Will{QoS: 2, Topic: topic, Payload: []byte("closed")}}); ack.ReasonCode != packet.Success {
				t.Fatalf("CONNACK %v", ack.ReasonCode)
			}
			r.nc.Close()
			watch.expect(topic, "closed", 2, false)

			// A retained will is stored.
			w = v3Connect(t, v3Options(b.Addr, ver.pv, "will-ret-"+ver.name).SetWill(topic+"/r", "kept", 2, true))
			w.cut()
			late := v3Connect(t, v3Options(b.Addr, ver.pv, "will-late-"+ver.name))
			late.mustSub(topic+"/r", 2)
			late.expect(topic+"/r", "kept", 2, true)

			// DISCONNECT: no will. paho's Disconnect sends DISCONNECT.
			w = v3Connect(t, v3Options(b.Addr, ver.pv, "will-dis-"+ver.name).SetWill(topic, "must not", 1, false))
			w.close()
			// The raw client waits until the broker has closed the
			// connection, so the will would have been published by then.
			r = rawDial(t, b.Addr, v)
			if ack := r.connect(&packet.Connect{ClientID: "will-raw-" + ver.name, CleanStart: true,
				Will: &packet.Will{QoS: 1, Topic: topic, Payload: []byte("must not either")}}); ack.ReasonCode != packet.Success {
				t.Fatalf("CONNACK %v", ack.ReasonCode)
			}
			r.disconnect()
			pub := v3Connect(t, v3Options(b.Addr, ver.pv, "will-pub-"+ver.name))
			pub.pub(topic, 1, false, "marker")
			watch.expect(topic, "marker", 1, false)
		})
	}
}
