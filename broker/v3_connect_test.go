package broker_test

import (
	"strings"
	"testing"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// v3Refused is the CONNACK of a refused 3.1 or 3.1.1 connection with the
// given return code: session present 0 [MQTT-3.2.2-4].
func v3Refused(code byte) []byte { return []byte{0x20, 0x02, 0x00, code} }

// TestV3EmptyClientID: 3.1.1 accepts a zero-length client identifier only
// with clean session 1 [MQTT-3.1.3-7]; with clean session 0 it answers
// CONNACK 0x02 (identifier rejected) and closes [MQTT-3.1.3-8]. 3.1
// requires an identifier of 1 to 23 characters: an empty one is rejected
// with 0x02 too.
func TestV3EmptyClientID(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, tc := range []struct {
		name  string
		v     packet.Version
		clean bool
		ok    bool
	}{
		{"3.1.1/clean", packet.V311, true, true},
		{"3.1.1/persistent", packet.V311, false, false},
		{"3.1/clean", packet.V31, true, false},
		{"3.1/persistent", packet.V31, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := rawDial(t, b.Addr, tc.v)
			c.send(&packet.Connect{Version: tc.v, CleanStart: tc.clean})
			if tc.ok {
				c.expectBytes([]byte{0x20, 0x02, 0x00, 0x00})
				c.send(&packet.Pingreq{})
				c.expect(packet.PINGRESP)
				c.disconnect()
				return
			}
			c.expectBytes(v3Refused(0x02))
			c.expectClosed() // [MQTT-3.2.2-5]
		})
	}
	// paho, which sends what it is told, gets the same answer.
	for _, ver := range v3Versions {
		t.Run("paho-"+ver.name, func(t *testing.T) {
			t.Parallel()
			_, tok := v3New(t, v3Options(b.Addr, ver.pv, "").SetCleanSession(false))
			if tok.Error() == nil || tok.ReturnCode() != 0x02 {
				t.Fatalf("connect with an empty client id, clean session 0: %v, return code %d, want 2", tok.Error(), tok.ReturnCode())
			}
		})
	}
}

// TestV3KeepAliveAboveMaximum: 3.1 and 3.1.1 cannot be told a lower keep
// alive, so a keep alive above Options.MaxKeepAlive is refused with 0x02,
// as Mosquitto does; the maximum itself is accepted.
func TestV3KeepAliveAboveMaximum(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{MaxKeepAlive: 10})
	for _, v := range v3RawVersions {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			c := rawDial(t, b.Addr, v)
			c.send(&packet.Connect{Version: v, ClientID: "ka-over-" + v.String(), CleanStart: true, KeepAlive: 11})
			c.expectBytes(v3Refused(0x02))
			c.expectClosed()

			c = rawDial(t, b.Addr, v)
			c.send(&packet.Connect{Version: v, ClientID: "ka-max-" + v.String(), CleanStart: true, KeepAlive: 10})
			c.expectBytes([]byte{0x20, 0x02, 0x00, 0x00})
			c.disconnect()
		})
	}
}

// TestV3KeepAliveTimeout: a client that sends nothing for one and a half
// times its keep alive is disconnected [MQTT-3.1.2-24], and its will is
// published since it did not send DISCONNECT [MQTT-3.1.2-8].
func TestV3KeepAliveTimeout(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, v := range v3RawVersions {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			topic := "ka/will/" + v.String()
			watch := rawConnect(t, b.Addr, v, "ka-watch-"+v.String())
			watch.sub(1, topic, 1)

			c := rawDial(t, b.Addr, v)
			ack := c.connect(&packet.Connect{ClientID: "ka-silent-" + v.String(), CleanStart: true, KeepAlive: 1,
				Will: &packet.Will{QoS: 1, Topic: topic, Payload: []byte("timed out")}})
			if ack.ReasonCode != packet.Success {
				t.Fatalf("CONNACK %v", ack.ReasonCode)
			}
			start := time.Now()
			c.expectClosed() // bounded by rawWait
			if d := time.Since(start); d < time.Second || d > 3*time.Second {
				t.Fatalf("silent client with keep alive 1 s closed after %v, want about 1.5 s", d)
			}
			w := watch.expectPublish()
			if w.Topic != topic || string(w.Payload) != "timed out" || w.QoS != 1 {
				t.Fatalf("will %q on %q at QoS %d", w.Payload, w.Topic, w.QoS)
			}
		})
	}
}

// TestV3KeepAliveKeptByPings: a client that sends PINGREQ within its keep
// alive stays connected past 1.5 times the keep alive.
func TestV3KeepAliveKeptByPings(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	c := rawDial(t, b.Addr, packet.V311)
	if ack := c.connect(&packet.Connect{ClientID: "ka-pinger", CleanStart: true, KeepAlive: 1}); ack.ReasonCode != packet.Success {
		t.Fatalf("CONNACK %v", ack.ReasonCode)
	}
	// Pings paced by the ticker, each answered, for 2.5 s: longer than the
	// 1.5 s allowed to a silent client.
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for range 5 {
		<-tick.C
		c.send(&packet.Pingreq{})
		c.expect(packet.PINGRESP)
	}
	c.disconnect()
}

// TestV3Takeover: a CONNECT with the client identifier of a connected
// client makes the server close the existing connection (3.1.1
// [MQTT-3.1.4-2]; 5.0 [MQTT-3.1.4-3]); the new connection is served.
func TestV3Takeover(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, v := range v3RawVersions {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			id := "takeover-" + v.String()
			old := rawConnect(t, b.Addr, v, id)
			old.sub(1, "takeover/"+v.String(), 1)
			c := rawConnect(t, b.Addr, v, id)
			old.expectClosed() // 3.x has no DISCONNECT from the server
			c.sub(1, "takeover/"+v.String(), 1)
			c.send(&packet.Publish{QoS: 1, PacketID: 2, Topic: "takeover/" + v.String(), Payload: []byte("new")})
			// The broker routes the message to the publisher itself, then
			// acknowledges it.
			got := c.barrier()
			if len(got) != 2 || got[0].Type() != packet.PUBLISH || got[1].Type() != packet.PUBACK ||
				string(got[0].(*packet.Publish).Payload) != "new" {
				t.Fatalf("got%s, want the message, then PUBACK", rawDescribe(got))
			}
			c.disconnect()
		})
	}
	// A paho client taken over sees its connection lost.
	for _, ver := range v3Versions {
		t.Run("paho-"+ver.name, func(t *testing.T) {
			t.Parallel()
			id := "takeover-paho-" + ver.name
			old := v3Connect(t, v3Options(b.Addr, ver.pv, id))
			v3Connect(t, v3Options(b.Addr, ver.pv, id))
			old.expectLost()
		})
	}
}

// TestV3Authentication: with a password file, a wrong password gets
// CONNACK 0x04 (bad user name or password) and a client without a user
// name 0x05 (not authorized) when anonymous access is off; the right
// password connects.
func TestV3Authentication(t *testing.T) {
	t.Parallel()
	hash, err := auth.HashPassword([]byte("s3cret"), auth.AlgArgon2id)
	if err != nil {
		t.Fatal(err)
	}
	pf, err := auth.ParsePasswordFile("passwd", strings.NewReader("alice:"+hash+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	b := rawStart(t, broker.Options{Authenticator: pf})
	for _, ver := range v3Versions {
		t.Run(ver.name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range []struct {
				name     string
				opts     func(o *mqtt.ClientOptions)
				wantCode byte
			}{
				{"good", func(o *mqtt.ClientOptions) { o.SetUsername("alice").SetPassword("s3cret") }, 0},
				{"bad password", func(o *mqtt.ClientOptions) { o.SetUsername("alice").SetPassword("wrong") }, 4},
				{"unknown user", func(o *mqtt.ClientOptions) { o.SetUsername("mallory").SetPassword("s3cret") }, 4},
				{"anonymous", func(*mqtt.ClientOptions) {}, 5},
			} {
				o := v3Options(b.Addr, ver.pv, "auth-"+ver.name+"-"+strings.ReplaceAll(tc.name, " ", "-"))
				tc.opts(o)
				_, tok := v3New(t, o)
				if tok.ReturnCode() != tc.wantCode || (tok.Error() == nil) != (tc.wantCode == 0) {
					t.Errorf("%s: return code %d (%v), want %d", tc.name, tok.ReturnCode(), tok.Error(), tc.wantCode)
				}
			}
		})
	}
	// The refusal is the 3.1.1 CONNACK, then the connection closes
	// [MQTT-3.2.2-5].
	for _, v := range v3RawVersions {
		t.Run("raw-"+v.String(), func(t *testing.T) {
			t.Parallel()
			c := rawDial(t, b.Addr, v)
			c.send(&packet.Connect{Version: v, ClientID: "auth-raw-" + v.String(), CleanStart: true,
				UsernameFlag: true, Username: "alice", PasswordFlag: true, Password: []byte("nope")})
			c.expectBytes(v3Refused(0x04))
			c.expectClosed()
			c = rawDial(t, b.Addr, v)
			c.send(&packet.Connect{Version: v, ClientID: "auth-anon-" + v.String(), CleanStart: true})
			c.expectBytes(v3Refused(0x05))
			c.expectClosed()
		})
	}
}
