package broker_test

// Helpers for the MQTT 5.0 integration tests (v5_*_test.go): a raw client
// that writes and reads packets with the packet package over a real socket,
// and a thin wrapper around the paho.golang client. Every name here starts
// with v5 so the file can share package broker_test with the 3.1.1 tests.
//
// Synchronisation never relies on sleeping. Two devices replace it:
//
//   - A ping barrier (v5Raw.barrier): the broker handles one connection's
//     packets in order and writes its answers in order, so everything it
//     queued for a raw client before handling a PINGREQ arrives before the
//     PINGRESP. After a publisher's QoS 1 PUBLISH is acknowledged, the
//     message has been routed to every subscriber, so a barrier on the
//     subscriber then collects whatever the broker sent it.
//   - A marker message: to show that a message did not arrive at a paho
//     subscriber, publish a marker afterwards on the same path and check
//     that the marker is the next message.

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/eclipse/paho.golang/paho"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/internal/brokertest"
	"github.com/ternmq/tern/packet"
)

// v5Wait bounds every wait for something that must happen.
const v5Wait = 5 * time.Second

// v5Start starts a broker that admits anonymous clients, unless opts sets an
// Authenticator, and with $SYS publishing off so no retained $SYS messages
// exist.
func v5Start(t testing.TB, opts broker.Options) *brokertest.Broker {
	t.Helper()
	if opts.Authenticator == nil {
		opts.AllowAnonymous = true
	}
	if opts.SysInterval == 0 {
		opts.SysInterval = -1
	}
	return brokertest.Start(t, opts)
}

// v5Raw is a hand-driven MQTT 5.0 client over a real TCP connection.
type v5Raw struct {
	t  testing.TB
	nc net.Conn
	r  *packet.Reader
}

// v5Dial opens a TCP connection to addr; the test's cleanup closes it.
func v5Dial(t testing.TB, addr string) *v5Raw {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, v5Wait)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { nc.Close() })
	r := packet.NewReader(nc, 0)
	r.Version = packet.V5
	return &v5Raw{t: t, nc: nc, r: r}
}

// v5Connect dials addr, sends CONNECT (Version forced to 5.0) and requires
// a successful CONNACK, which it returns.
func v5Connect(t testing.TB, addr string, cp *packet.Connect) (*v5Raw, *packet.Connack) {
	t.Helper()
	c := v5Dial(t, addr)
	ack := c.connect(cp)
	if ack.ReasonCode != packet.Success {
		t.Fatalf("CONNACK for %q: reason %v, want Success", cp.ClientID, ack.ReasonCode)
	}
	return c, ack
}

// connect sends cp as a 5.0 CONNECT and returns the CONNACK.
func (c *v5Raw) connect(cp *packet.Connect) *packet.Connack {
	c.t.Helper()
	cp.Version = packet.V5
	c.send(cp)
	return c.expect(packet.CONNACK).(*packet.Connack)
}

// send encodes p for 5.0 and writes it.
func (c *v5Raw) send(p packet.Packet) {
	c.t.Helper()
	b, err := p.Append(nil, packet.V5)
	if err != nil {
		c.t.Fatalf("encode %v: %v", p.Type(), err)
	}
	c.sendBytes(b)
}

// sendBytes writes raw bytes, for packets the encoder refuses to build.
func (c *v5Raw) sendBytes(b []byte) {
	c.t.Helper()
	c.nc.SetWriteDeadline(time.Now().Add(v5Wait))
	if _, err := c.nc.Write(b); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// read returns the next packet, or the error that ended the read within
// v5Wait.
func (c *v5Raw) read() (packet.Packet, error) {
	c.nc.SetReadDeadline(time.Now().Add(v5Wait))
	return c.r.ReadPacket()
}

// next returns the next packet and fails the test if none arrives in time.
func (c *v5Raw) next() packet.Packet {
	c.t.Helper()
	p, err := c.read()
	if err != nil {
		c.t.Fatalf("reading a packet: %v", err)
	}
	return p
}

// nextSized returns the next packet and its size on the wire.
func (c *v5Raw) nextSized() (packet.Packet, int) {
	c.t.Helper()
	c.nc.SetReadDeadline(time.Now().Add(v5Wait))
	h, err := c.r.ReadHeader()
	if err != nil {
		c.t.Fatalf("reading a packet: %v", err)
	}
	body, err := c.r.ReadBody(h)
	if err != nil {
		c.t.Fatalf("reading a %v body: %v", h.Type, err)
	}
	p, err := packet.Decode(packet.V5, h, body)
	if err != nil {
		c.t.Fatalf("decoding a %v: %v", h.Type, err)
	}
	return p, h.Size()
}

// expect returns the next packet, which must be of type typ.
func (c *v5Raw) expect(typ packet.Type) packet.Packet {
	c.t.Helper()
	p := c.next()
	if p.Type() != typ {
		c.t.Fatalf("got %v %+v, want %v", p.Type(), p, typ)
	}
	return p
}

// expectPublish returns the next packet, which must be a PUBLISH.
func (c *v5Raw) expectPublish() *packet.Publish {
	c.t.Helper()
	return c.expect(packet.PUBLISH).(*packet.Publish)
}

// expectDisconnect requires a DISCONNECT with code, then the end of the
// connection [MQTT-3.14.4-1], [MQTT-3.14.4-2].
func (c *v5Raw) expectDisconnect(code packet.ReasonCode) *packet.Disconnect {
	c.t.Helper()
	d := c.expect(packet.DISCONNECT).(*packet.Disconnect)
	if d.ReasonCode != code {
		c.t.Fatalf("DISCONNECT reason %v (%q), want %v", d.ReasonCode, d.Props.ReasonString, code)
	}
	// The Session Expiry Interval must not be sent by the Server [MQTT-3.14.2-2].
	if d.Props.SessionExpiry.Present {
		c.t.Errorf("server DISCONNECT carries a Session Expiry Interval")
	}
	c.expectClosed()
	return d
}

// expectClosed requires the server to close the connection without sending
// anything more.
func (c *v5Raw) expectClosed() {
	c.t.Helper()
	p, err := c.read()
	switch {
	case err == nil:
		c.t.Fatalf("got %v %+v, want the connection closed", p.Type(), p)
	case errors.Is(err, io.EOF), errors.Is(err, syscall.ECONNRESET):
	case errors.Is(err, os.ErrDeadlineExceeded):
		c.t.Fatalf("connection still open after %v", v5Wait)
	default:
		c.t.Fatalf("want the connection closed, got %v", err)
	}
}

// barrier sends PINGREQ and returns every packet that arrives before the
// PINGRESP: all the broker had queued for this connection when it handled
// the PINGREQ [MQTT-4.9.0-3].
func (c *v5Raw) barrier() []packet.Packet {
	c.t.Helper()
	c.send(&packet.Pingreq{})
	var got []packet.Packet
	for range 10000 {
		p := c.next()
		if p.Type() == packet.PINGRESP {
			return got
		}
		got = append(got, p)
	}
	c.t.Fatal("no PINGRESP after 10000 packets")
	return nil
}

// quiet requires that nothing was queued for this connection (see barrier).
func (c *v5Raw) quiet() {
	c.t.Helper()
	if got := c.barrier(); len(got) != 0 {
		c.t.Fatalf("unexpected packets: %s", v5Describe(got))
	}
}

// subscribe sends a SUBSCRIBE with packet identifier id and returns the
// SUBACK, which must carry that identifier.
func (c *v5Raw) subscribe(id uint16, props packet.Properties, subs ...packet.Subscription) *packet.Suback {
	c.t.Helper()
	c.send(&packet.Subscribe{PacketID: id, Props: props, Subscriptions: subs})
	sa := c.expect(packet.SUBACK).(*packet.Suback)
	if sa.PacketID != id {
		c.t.Fatalf("SUBACK for packet %d, want %d", sa.PacketID, id)
	}
	if len(sa.ReasonCodes) != len(subs) {
		c.t.Fatalf("SUBACK has %d codes for %d filters", len(sa.ReasonCodes), len(subs))
	}
	return sa
}

// sub subscribes to one filter at qos and requires it granted at qos.
func (c *v5Raw) sub(id uint16, filter string, qos byte) {
	c.t.Helper()
	sa := c.subscribe(id, packet.Properties{}, packet.Subscription{Filter: filter, QoS: qos})
	if sa.ReasonCodes[0] != packet.ReasonCode(qos) {
		c.t.Fatalf("SUBACK for %q: %v, want QoS %d", filter, sa.ReasonCodes[0], qos)
	}
}

// publish1 publishes a QoS 1 message with packet identifier id and
// returns the PUBACK's reason code. Once it returns, the broker has routed
// the message.
func (c *v5Raw) publish1(id uint16, topic, payload string) packet.ReasonCode {
	c.t.Helper()
	c.send(&packet.Publish{QoS: 1, PacketID: id, Topic: topic, Payload: []byte(payload)})
	ack := c.expect(packet.PUBACK).(*packet.Puback)
	if ack.PacketID != id {
		c.t.Fatalf("PUBACK for packet %d, want %d", ack.PacketID, id)
	}
	return ack.ReasonCode
}

// disconnect sends a normal DISCONNECT and waits until the broker has
// closed the connection, so the broker is done with it (will, session).
func (c *v5Raw) disconnect(p *packet.Disconnect) {
	c.t.Helper()
	if p == nil {
		p = &packet.Disconnect{}
	}
	c.send(p)
	c.expectClosed()
}

// drop closes the connection abruptly, without DISCONNECT.
func (c *v5Raw) drop() { c.nc.Close() }

// v5Describe renders packets for failure messages.
func v5Describe(ps []packet.Packet) string {
	s := ""
	for _, p := range ps {
		if pub, ok := p.(*packet.Publish); ok {
			s += " PUBLISH(" + pub.Topic + "=" + string(pub.Payload) + ")"
			continue
		}
		s += " " + p.Type().String()
	}
	return s
}

// v5Publishes returns the payloads of the PUBLISH packets in ps, failing on
// any other packet.
func v5Publishes(t testing.TB, ps []packet.Packet) []*packet.Publish {
	t.Helper()
	var out []*packet.Publish
	for _, p := range ps {
		pub, ok := p.(*packet.Publish)
		if !ok {
			t.Fatalf("unexpected %v among%s", p.Type(), v5Describe(ps))
		}
		out = append(out, pub)
	}
	return out
}

// v5Paho is a paho.golang client whose received messages go to a channel.
type v5Paho struct {
	*paho.Client
	t     testing.TB
	msgs  chan *paho.Publish
	discs chan *paho.Disconnect
	stop  chan struct{}
}

// v5PahoConnect dials addr and connects a paho client with cp; it fails the
// test unless the CONNACK is a success. The test's cleanup disconnects it.
func v5PahoConnect(t testing.TB, addr string, cp *paho.Connect) (*v5Paho, *paho.Connack) {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, v5Wait)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	c := &v5Paho{
		t:     t,
		msgs:  make(chan *paho.Publish, 1024),
		discs: make(chan *paho.Disconnect, 1),
		stop:  make(chan struct{}),
	}
	c.Client = paho.NewClient(paho.ClientConfig{
		Conn: nc,
		OnPublishReceived: []func(paho.PublishReceived) (bool, error){
			func(pr paho.PublishReceived) (bool, error) {
				select {
				case c.msgs <- pr.Packet:
				case <-c.stop:
				}
				return true, nil
			},
		},
		OnServerDisconnect: func(d *paho.Disconnect) {
			select {
			case c.discs <- d:
			default:
			}
		},
	})
	ctx, cancel := context.WithTimeout(context.Background(), v5Wait)
	defer cancel()
	ack, err := c.Connect(ctx, cp)
	if err != nil {
		nc.Close()
		t.Fatalf("paho connect %q: %v (CONNACK %+v)", cp.ClientID, err, ack)
	}
	t.Cleanup(c.close)
	return c, ack
}

// close disconnects normally if still connected and waits for the client's
// goroutines to end.
func (c *v5Paho) close() {
	select {
	case <-c.stop:
		return
	default:
	}
	close(c.stop)
	_ = c.Disconnect(&paho.Disconnect{ReasonCode: 0})
	<-c.Done()
}

// sub subscribes to filter at qos and requires it granted at qos.
func (c *v5Paho) sub(filter string, qos byte) {
	c.t.Helper()
	c.subscribe(&paho.Subscribe{Subscriptions: []paho.SubscribeOptions{{Topic: filter, QoS: qos}}}, qos)
}

// subscribe sends s and requires every filter granted at want.
func (c *v5Paho) subscribe(s *paho.Subscribe, want byte) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), v5Wait)
	defer cancel()
	sa, err := c.Subscribe(ctx, s)
	if err != nil {
		c.t.Fatalf("subscribe: %v", err)
	}
	for i, code := range sa.Reasons {
		if code != want {
			c.t.Fatalf("SUBACK code %d for %q: %#x, want %#x", i, s.Subscriptions[i].Topic, code, want)
		}
	}
}

// pub publishes p and, for QoS 1 and 2, waits for the acknowledgement; it
// returns the reason code (0 for QoS 0). Once a QoS 1 or 2 publish
// returns, the broker has routed the message.
func (c *v5Paho) pub(p *paho.Publish) byte {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), v5Wait)
	defer cancel()
	resp, err := c.Publish(ctx, p)
	if err != nil && (resp == nil || resp.ReasonCode < 0x80) {
		c.t.Fatalf("publish to %q: %v", p.Topic, err)
	}
	if resp == nil {
		return 0
	}
	return resp.ReasonCode
}

// pubText publishes payload to topic at qos and requires success (0x00 or
// 0x10 No matching subscribers).
func (c *v5Paho) pubText(topic string, qos byte, retain bool, payload string) {
	c.t.Helper()
	code := c.pub(&paho.Publish{Topic: topic, QoS: qos, Retain: retain, Payload: []byte(payload)})
	if code != 0 && code != 0x10 {
		c.t.Fatalf("publish to %q: reason %#x", topic, code)
	}
}

// next returns the next received message within v5Wait.
func (c *v5Paho) next() *paho.Publish {
	c.t.Helper()
	select {
	case m := <-c.msgs:
		return m
	case <-time.After(v5Wait):
		c.t.Fatalf("no message within %v", v5Wait)
		return nil
	}
}

// expectText requires the next message to be payload on topic.
func (c *v5Paho) expectText(topic, payload string) *paho.Publish {
	c.t.Helper()
	m := c.next()
	if m.Topic != topic || string(m.Payload) != payload {
		c.t.Fatalf("got %q on %q, want %q on %q", m.Payload, m.Topic, payload, topic)
	}
	return m
}

// v5Sorted returns a sorted copy.
func v5Sorted[T interface{ ~uint32 | ~string }](s []T) []T {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// v5U32 returns a pointer for paho's optional properties.
func v5U32(v uint32) *uint32 { return &v }

// v5Deref renders an optional paho property for failure messages.
func v5Deref[T any](p *T) any {
	if p == nil {
		return "absent"
	}
	return *p
}
