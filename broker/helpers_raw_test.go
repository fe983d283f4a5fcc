package broker_test

// Helpers for the raw packet tests (raw_*_test.go), the MQTT 3.1 and 3.1.1
// tests (v3_*_test.go) and the benchmarks: a hand-driven client of any
// protocol version that writes and reads packets with the packet package
// over a real TCP connection. Every name here starts with raw so the file
// can share package broker_test with the 5.0 helpers.
//
// Synchronisation never relies on sleeping. The broker handles one
// connection's packets in order and writes its answers in order, so
// everything it queued for a connection before handling a PINGREQ arrives
// before the PINGRESP (rawConn.barrier). Once a QoS 1 PUBLISH is
// acknowledged the broker has routed it to every subscriber, so a barrier on
// a subscriber then collects everything the message produced there.

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/internal/brokertest"
	"github.com/ternmq/tern/packet"
)

// rawWait bounds every wait for something that must happen.
const rawWait = 5 * time.Second

// rawStart starts a broker that admits anonymous clients unless opts sets an
// Authenticator, with $SYS publishing off unless opts asks for it.
func rawStart(t testing.TB, opts broker.Options) *brokertest.Broker {
	t.Helper()
	if opts.Authenticator == nil {
		opts.AllowAnonymous = true
	}
	if opts.SysInterval == 0 {
		opts.SysInterval = -1
	}
	return brokertest.Start(t, opts)
}

// rawConn is a hand-driven MQTT client over a real TCP connection. It
// speaks the version v it was dialled with.
type rawConn struct {
	t  testing.TB
	nc net.Conn
	r  *packet.Reader
	v  packet.Version
}

// rawDial opens a TCP connection to addr for a client of version v; the
// test's cleanup closes it.
func rawDial(t testing.TB, addr string, v packet.Version) *rawConn {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, rawWait)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { nc.Close() })
	r := packet.NewReader(nc, 0)
	r.Version = v
	return &rawConn{t: t, nc: nc, r: r, v: v}
}

// rawConnect dials addr and connects as id with a clean session, keep
// alive 0, and requires a successful CONNACK.
func rawConnect(t testing.TB, addr string, v packet.Version, id string) *rawConn {
	t.Helper()
	c := rawDial(t, addr, v)
	if ack := c.connect(&packet.Connect{ClientID: id, CleanStart: true}); ack.ReasonCode != packet.Success {
		t.Fatalf("CONNACK for %q: %v, want Success", id, ack.ReasonCode)
	}
	return c
}

// connect sends cp with the connection's version and returns the CONNACK.
func (c *rawConn) connect(cp *packet.Connect) *packet.Connack {
	c.t.Helper()
	cp.Version = c.v
	c.send(cp)
	return c.expect(packet.CONNACK).(*packet.Connack)
}

// send encodes p for the connection's version and writes it.
func (c *rawConn) send(p packet.Packet) {
	c.t.Helper()
	b, err := p.Append(nil, c.v)
	if err != nil {
		c.t.Fatalf("encode %v: %v", p.Type(), err)
	}
	c.sendBytes(b)
}

// sendBytes writes raw bytes, for packets the encoder refuses to build.
func (c *rawConn) sendBytes(b []byte) {
	c.t.Helper()
	c.nc.SetWriteDeadline(time.Now().Add(rawWait))
	if _, err := c.nc.Write(b); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// read returns the next packet, or the error that ended the read within
// rawWait.
func (c *rawConn) read() (packet.Packet, error) {
	c.nc.SetReadDeadline(time.Now().Add(rawWait))
	return c.r.ReadPacket()
}

// readRaw returns the next packet's bytes, fixed header included, undecoded.
func (c *rawConn) readRaw() []byte {
	c.t.Helper()
	c.nc.SetReadDeadline(time.Now().Add(rawWait))
	h, err := c.r.ReadHeader()
	if err != nil {
		c.t.Fatalf("reading a packet header: %v", err)
	}
	body, err := c.r.ReadBody(h)
	if err != nil {
		c.t.Fatalf("reading a %v body: %v", h.Type, err)
	}
	// Re-encode the fixed header: one byte of type and flags, then the
	// remaining length as a variable byte integer.
	out := []byte{byte(h.Type)<<4 | h.Flags}
	n := h.Remaining
	for {
		b := byte(n % 128)
		n /= 128
		if n > 0 {
			b |= 0x80
		}
		out = append(out, b)
		if n == 0 {
			break
		}
	}
	return append(out, body...)
}

// next returns the next packet and fails the test if none arrives in time.
func (c *rawConn) next() packet.Packet {
	c.t.Helper()
	p, err := c.read()
	if err != nil {
		c.t.Fatalf("reading a packet: %v", err)
	}
	return p
}

// expect returns the next packet, which must be of type typ.
func (c *rawConn) expect(typ packet.Type) packet.Packet {
	c.t.Helper()
	p := c.next()
	if p.Type() != typ {
		c.t.Fatalf("got %v %+v, want %v", p.Type(), p, typ)
	}
	return p
}

// expectPublish returns the next packet, which must be a PUBLISH.
func (c *rawConn) expectPublish() *packet.Publish {
	c.t.Helper()
	return c.expect(packet.PUBLISH).(*packet.Publish)
}

// expectBytes requires the next packet to be exactly want.
func (c *rawConn) expectBytes(want []byte) {
	c.t.Helper()
	if got := c.readRaw(); !bytes.Equal(got, want) {
		c.t.Fatalf("got packet % x, want % x", got, want)
	}
}

// expectClosed requires the server to close the connection without sending
// anything more.
func (c *rawConn) expectClosed() {
	c.t.Helper()
	p, err := c.read()
	if err == nil {
		c.t.Fatalf("got %v %+v, want the connection closed", p.Type(), p)
	}
	if !rawIsClosed(err) {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			c.t.Fatalf("connection still open after %v", rawWait)
		}
		c.t.Fatalf("want the connection closed, got %v", err)
	}
}

// rawIsClosed reports whether err is the peer closing the connection.
func rawIsClosed(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET)
}

// expectDisconnect requires, for 5.0, a DISCONNECT with code and then the
// end of the connection; before 5.0, which has no server DISCONNECT, only
// the end of the connection.
func (c *rawConn) expectDisconnect(code packet.ReasonCode) {
	c.t.Helper()
	if c.v == packet.V5 {
		d := c.expect(packet.DISCONNECT).(*packet.Disconnect)
		if d.ReasonCode != code {
			c.t.Fatalf("DISCONNECT reason %v (%q), want %v", d.ReasonCode, d.Props.ReasonString, code)
		}
	}
	c.expectClosed()
}

// barrier sends PINGREQ and returns every packet that arrives before the
// PINGRESP: all the broker had queued for this connection when it handled
// the PINGREQ.
func (c *rawConn) barrier() []packet.Packet {
	c.t.Helper()
	c.send(&packet.Pingreq{})
	var got []packet.Packet
	for range 100000 {
		p := c.next()
		if p.Type() == packet.PINGRESP {
			return got
		}
		got = append(got, p)
	}
	c.t.Fatal("no PINGRESP after 100000 packets")
	return nil
}

// subscribe sends one SUBSCRIBE with packet identifier id and returns the
// SUBACK's codes, one per filter.
func (c *rawConn) subscribe(id uint16, subs ...packet.Subscription) []packet.ReasonCode {
	c.t.Helper()
	c.send(&packet.Subscribe{PacketID: id, Subscriptions: subs})
	sa := c.expect(packet.SUBACK).(*packet.Suback)
	if sa.PacketID != id {
		c.t.Fatalf("SUBACK for packet %d, want %d", sa.PacketID, id)
	}
	if len(sa.ReasonCodes) != len(subs) {
		c.t.Fatalf("SUBACK has %d codes for %d filters", len(sa.ReasonCodes), len(subs))
	}
	return sa.ReasonCodes
}

// sub subscribes to one filter at qos and requires it granted at qos.
func (c *rawConn) sub(id uint16, filter string, qos byte) {
	c.t.Helper()
	if got := c.subscribe(id, packet.Subscription{Filter: filter, QoS: qos}); got[0] != packet.ReasonCode(qos) {
		c.t.Fatalf("SUBACK for %q: %v, want QoS %d", filter, got[0], qos)
	}
}

// publish1 publishes a QoS 1 message and waits for its PUBACK; once it
// returns, the broker has routed the message.
func (c *rawConn) publish1(id uint16, topic, payload string, retain bool) {
	c.t.Helper()
	c.send(&packet.Publish{QoS: 1, PacketID: id, Retain: retain, Topic: topic, Payload: []byte(payload)})
	ack := c.expect(packet.PUBACK).(*packet.Puback)
	if ack.PacketID != id {
		c.t.Fatalf("PUBACK for packet %d, want %d", ack.PacketID, id)
	}
}

// disconnect sends DISCONNECT and waits until the broker has closed the
// connection, so the broker is done with it (will, session).
func (c *rawConn) disconnect() {
	c.t.Helper()
	c.send(&packet.Disconnect{})
	c.expectClosed()
}

// rawDescribe renders packets for failure messages.
func rawDescribe(ps []packet.Packet) string {
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

// rawPublishes returns the PUBLISH packets in ps, failing on any other.
func rawPublishes(t testing.TB, ps []packet.Packet) []*packet.Publish {
	t.Helper()
	var out []*packet.Publish
	for _, p := range ps {
		pub, ok := p.(*packet.Publish)
		if !ok {
			t.Fatalf("unexpected %v among%s", p.Type(), rawDescribe(ps))
		}
		out = append(out, pub)
	}
	return out
}
