package broker_test

// Helpers for the MQTT 3.1 and 3.1.1 tests with the Eclipse Paho Go client
// (github.com/eclipse/paho.mqtt.golang). Every name starts with v3.
//
// To show that a message did not arrive, the tests publish a marker after
// it on the same path and check that the marker is the next message: the
// broker delivers one publisher's messages to one subscriber in order
// [MQTT-4.6.0-5].

import (
	"net"
	"net/url"
	"testing"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
)

// v3Versions are the paho protocol versions under test: 3 is MQTT 3.1
// (protocol name MQIsdp), 4 is MQTT 3.1.1.
var v3Versions = []struct {
	name string
	pv   uint
}{{"3.1", 3}, {"3.1.1", 4}}

// v3Client is a paho client whose messages go to a channel.
type v3Client struct {
	mqtt.Client
	t    testing.TB
	msgs chan mqtt.Message
	lost chan error    // receives the reason when the connection is lost
	stop chan struct{} // closed by close; unblocks the message handler
	conn chan net.Conn // the network connections paho opened
	ack  *mqtt.ConnectToken
}

// v3Options returns paho options for a client of protocol version pv with
// identifier id at addr: clean session, no automatic reconnection, keep
// alive 30 s and every wait bounded by rawWait.
func v3Options(addr string, pv uint, id string) *mqtt.ClientOptions {
	return mqtt.NewClientOptions().
		AddBroker("tcp://" + addr).
		SetClientID(id).
		SetProtocolVersion(pv).
		SetCleanSession(true).
		SetAutoReconnect(false).
		SetConnectRetry(false).
		SetKeepAlive(30 * time.Second).
		SetConnectTimeout(rawWait).
		SetWriteTimeout(rawWait)
}

// v3New creates a client from o and connects it. It returns the client and
// the connect token; the caller checks the result. The test's cleanup
// disconnects the client if it is connected and waits for paho's
// goroutines.
func v3New(t testing.TB, o *mqtt.ClientOptions) (*v3Client, *mqtt.ConnectToken) {
	t.Helper()
	c := &v3Client{
		t:    t,
		msgs: make(chan mqtt.Message, 1024),
		lost: make(chan error, 1),
		stop: make(chan struct{}),
		conn: make(chan net.Conn, 4),
	}
	o.SetDefaultPublishHandler(c.handle)
	o.SetConnectionLostHandler(func(_ mqtt.Client, err error) { c.lost <- err })
	// Open the connection ourselves so tests can cut it without DISCONNECT.
	o.SetCustomOpenConnectionFn(func(u *url.URL, _ mqtt.ClientOptions) (net.Conn, error) {
		nc, err := net.DialTimeout("tcp", u.Host, rawWait)
		if err == nil {
			select {
			case c.conn <- nc:
			default:
			}
		}
		return nc, err
	})
	c.Client = mqtt.NewClient(o)
	tok := c.Connect().(*mqtt.ConnectToken)
	if !tok.WaitTimeout(rawWait) {
		t.Fatalf("paho connect: no CONNACK within %v", rawWait)
	}
	c.ack = tok
	t.Cleanup(c.close)
	return c, tok
}

// v3Connect connects a client and requires success.
func v3Connect(t testing.TB, o *mqtt.ClientOptions) *v3Client {
	t.Helper()
	c, tok := v3New(t, o)
	if err := tok.Error(); err != nil {
		t.Fatalf("paho connect: %v (return code %d)", err, tok.ReturnCode())
	}
	return c
}

// handle is the default publish handler: it passes messages to msgs.
func (c *v3Client) handle(_ mqtt.Client, m mqtt.Message) {
	select {
	case c.msgs <- m:
	case <-c.stop:
	}
}

// close disconnects normally if still connected, and waits for paho to be
// done with the connection.
func (c *v3Client) close() {
	select {
	case <-c.stop:
		return
	default:
	}
	close(c.stop)
	if c.IsConnectionOpen() {
		c.Disconnect(uint(rawWait / time.Millisecond))
	}
}

// cut ends the client's side of the network connection without
// DISCONNECT, as the kernel does for a client process that dies: the broker
// reads the end of the stream. paho ignores a read error it caused by
// closing the connection itself, so the test half-closes the connection
// under it; the broker then closes its side and paho reports the loss,
// which cut waits for.
func (c *v3Client) cut() {
	c.t.Helper()
	select {
	case nc := <-c.conn:
		if err := nc.(*net.TCPConn).CloseWrite(); err != nil {
			c.t.Fatalf("CloseWrite: %v", err)
		}
	default:
		c.t.Fatal("no network connection to cut")
	}
	c.expectLost()
}

// expectLost waits until paho reports the connection lost.
func (c *v3Client) expectLost() {
	c.t.Helper()
	select {
	case <-c.lost:
	case <-time.After(rawWait):
		c.t.Fatalf("connection not lost within %v", rawWait)
	}
}

// wait waits for tok and fails the test on an error or a timeout.
func (c *v3Client) wait(what string, tok mqtt.Token) {
	c.t.Helper()
	if !tok.WaitTimeout(rawWait) {
		c.t.Fatalf("%s: not done within %v", what, rawWait)
	}
	if err := tok.Error(); err != nil {
		c.t.Fatalf("%s: %v", what, err)
	}
}

// sub subscribes to filter at qos and returns the granted code (0x80 for
// a refusal).
func (c *v3Client) sub(filter string, qos byte) byte {
	c.t.Helper()
	tok := c.Subscribe(filter, qos, nil).(*mqtt.SubscribeToken)
	c.wait("subscribe "+filter, tok)
	return tok.Result()[filter]
}

// mustSub subscribes and requires the QoS granted to be qos.
func (c *v3Client) mustSub(filter string, qos byte) {
	c.t.Helper()
	if got := c.sub(filter, qos); got != qos {
		c.t.Fatalf("subscribe %q: granted %#x, want %d", filter, got, qos)
	}
}

// pub publishes and waits for the publish to complete: for QoS 1 and 2
// that is the broker's acknowledgement, after which it has routed the
// message.
func (c *v3Client) pub(topic string, qos byte, retain bool, payload string) {
	c.t.Helper()
	c.wait("publish to "+topic, c.Publish(topic, qos, retain, payload))
}

// next returns the next message within rawWait.
func (c *v3Client) next() mqtt.Message {
	c.t.Helper()
	select {
	case m := <-c.msgs:
		return m
	case <-time.After(rawWait):
		c.t.Fatalf("no message within %v", rawWait)
		return nil
	}
}

// expect requires the next message to be payload on topic at qos with the
// retain flag retained.
func (c *v3Client) expect(topic, payload string, qos byte, retained bool) mqtt.Message {
	c.t.Helper()
	m := c.next()
	if m.Topic() != topic || string(m.Payload()) != payload || m.Qos() != qos || m.Retained() != retained {
		c.t.Fatalf("got %q on %q (QoS %d, retain %v), want %q on %q (QoS %d, retain %v)",
			m.Payload(), m.Topic(), m.Qos(), m.Retained(), payload, topic, qos, retained)
	}
	return m
}
