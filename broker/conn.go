package broker

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/packet"
)

// closeCause says why a connection ends and what follows from it.
type closeCause struct {
	code   packet.ReasonCode // sent in DISCONNECT to 5.0 clients when send is set
	send   bool              // send a DISCONNECT before closing (5.0 only)
	will   bool              // publish the will [MQTT-3.1.2-8]
	normal bool              // the client sent DISCONNECT
	reason string            // for the log
	err    error
}

var (
	serverShuttingDown = closeCause{code: packet.ServerShuttingDown, send: true, reason: "server shutting down"}
	sessionTakenOver   = closeCause{code: packet.SessionTakenOver, send: true, will: true, reason: "session taken over"}
)

// chunkSize is the size of the buffers outbound headers are encoded into.
const chunkSize = 4096

// inlinePayload is the largest payload copied next to its header, so a
// burst of small messages goes out as few iovecs.
const inlinePayload = 256

// conn is one client connection. Its read goroutine runs serve; its write
// goroutine runs writeLoop.
type conn struct {
	srv    *Server
	nc     net.Conn
	br     *bufio.Reader
	r      *packet.Reader
	remote string
	log    *slog.Logger

	// Set by the read goroutine while handling CONNECT; read-only once
	// the session is attached.
	version     packet.Version
	clientID    string
	client      auth.Client
	sess        *session
	keepAlive   time.Duration
	maxOut      int  // the client's Maximum Packet Size; 0 means no limit
	problemInfo bool // the client accepts reason strings and user properties on errors
	will        *packet.Will

	// Read goroutine only.
	aliases map[uint16]string // inbound topic aliases

	kickCause atomic.Pointer[closeCause] // set when another goroutine ends the connection
	done      chan struct{}              // closed when serve has returned

	outMu      sync.Mutex // guards the outbound buffer below
	out        net.Buffers
	chunk      []byte
	contig     bool // the last element of out ends at len(chunk)
	pending    int  // bytes in out
	spareOut   net.Buffers
	spareChunk []byte
	closing    bool // the final packet is queued; nothing more is accepted
	wake       chan struct{}
	aliasMax   uint16            // the client's Topic Alias Maximum; set before the session attaches
	outAliases map[string]uint16 // topic aliases sent to the client, in write order
}

func newConn(s *Server, nc net.Conn) *conn {
	br := bufio.NewReaderSize(nc, 4096)
	c := &conn{
		srv:    s,
		nc:     nc,
		br:     br,
		r:      packet.NewReader(br, s.opts.MaxPacketSize),
		remote: nc.RemoteAddr().String(),
		done:   make(chan struct{}),
		wake:   make(chan struct{}, 1),
	}
	c.log = s.log.With("remote", c.remote)
	return c
}

// serve runs the connection to its end. Called in the read goroutine.
// The connection outlives ctx (the Serve call's): it ends through
// Shutdown, Close or its own failure, so Shutdown can still say goodbye.
func (c *conn) serve(ctx context.Context) {
	defer close(c.done)
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	wdone := make(chan struct{})
	go func() {
		defer close(wdone)
		c.writeLoop(wctx)
	}()

	cause := c.readLoop()
	if k := c.kickCause.Load(); k != nil {
		cause = *k
	}
	if cause.send && c.version == packet.V5 && c.sess != nil {
		c.sendPacket(&packet.Disconnect{ReasonCode: cause.code, Props: c.reasonProps(cause.reason)})
	}
	c.detach(cause)

	// Let the writer flush what is queued, then close.
	c.outMu.Lock()
	c.closing = true
	c.outMu.Unlock()
	c.signal()
	<-wdone
	cancel()
	c.nc.Close()
	lvl := slog.LevelDebug
	if cause.err != nil && !cause.normal {
		lvl = slog.LevelInfo
	}
	c.log.Log(ctx, lvl, "connection closed", "client_id", c.clientID, "reason", cause.reason, "err", cause.err)
}

// kick ends the connection from another goroutine. The read goroutine
// notices through its read deadline.
func (c *conn) kick(cause closeCause) {
	c.kickCause.CompareAndSwap(nil, &cause)
	c.nc.SetReadDeadline(time.Now())
}

// readLoop reads and handles packets until the connection must end.
func (c *conn) readLoop() closeCause {
	s := c.srv
	c.nc.SetReadDeadline(time.Now().Add(s.opts.ConnectTimeout))
	if cause, ok := c.readConnect(); !ok {
		return cause
	}
	for {
		if c.kickCause.Load() != nil {
			return closeCause{}
		}
		if c.keepAlive > 0 {
			// No packet within 1.5 x keep alive means the client is gone
			// [MQTT-3.1.2-22] (3.1.1: [MQTT-3.1.2-24]).
			c.nc.SetReadDeadline(time.Now().Add(c.keepAlive * 3 / 2))
		} else {
			c.nc.SetReadDeadline(time.Time{})
		}
		if c.kickCause.Load() != nil {
			return closeCause{}
		}
		h, err := c.r.ReadHeader()
		if err != nil {
			return c.readError(err)
		}
		body, err := c.r.ReadBody(h)
		if err != nil {
			return c.readError(err)
		}
		s.stats.BytesReceived.Add(int64(h.Size()))
		if cause, ok := c.handle(h, body); !ok {
			return cause
		}
	}
}

// readError turns a read failure into a close cause.
func (c *conn) readError(err error) closeCause {
	var pe *packet.Error
	switch {
	case errors.As(err, &pe):
		return closeCause{code: pe.Code, send: true, will: true, reason: pe.Error(), err: err}
	case errors.Is(err, os.ErrDeadlineExceeded):
		if c.kickCause.Load() != nil {
			return closeCause{}
		}
		return closeCause{code: packet.KeepAliveTimeout, send: true, will: true, reason: "keep alive timeout", err: err}
	case errors.Is(err, io.EOF):
		return closeCause{will: true, reason: "connection closed by client without DISCONNECT", err: err}
	}
	return closeCause{will: true, reason: "read failed", err: err}
}

// protocolError ends the connection with a reason code.
func protocolError(code packet.ReasonCode, reason string) closeCause {
	return closeCause{code: code, send: true, will: true, reason: reason, err: errors.New(reason)}
}

// handle dispatches one packet. It returns false when the connection must
// end. Called in the read goroutine.
func (c *conn) handle(h packet.FixedHeader, body []byte) (closeCause, bool) {
	v := c.version
	switch h.Type {
	case packet.PUBLISH:
		return c.handlePublish(h, body)
	case packet.PUBACK, packet.PUBREC, packet.PUBREL, packet.PUBCOMP:
		return c.handleAck(h, body)
	case packet.SUBSCRIBE:
		var p packet.Subscribe
		if err := p.Decode(v, h.Flags, body); err != nil {
			return c.readError(err), false
		}
		return c.handleSubscribe(&p)
	case packet.UNSUBSCRIBE:
		var p packet.Unsubscribe
		if err := p.Decode(v, h.Flags, body); err != nil {
			return c.readError(err), false
		}
		return c.handleUnsubscribe(&p)
	case packet.PINGREQ:
		c.sendPacket(&packet.Pingresp{})
		return closeCause{}, true
	case packet.DISCONNECT:
		var p packet.Disconnect
		if err := p.Decode(v, h.Flags, body); err != nil {
			return c.readError(err), false
		}
		return c.handleDisconnect(&p), false
	case packet.CONNECT:
		// A second CONNECT is a Protocol Error [MQTT-3.1.0-2].
		return protocolError(packet.ProtocolError, "second CONNECT"), false
	}
	// A packet that cannot be parsed is a Malformed Packet; a Protocol Error
	// is found only once it has been parsed (4.13), so decode it first.
	if p := packet.New(h.Type); p != nil {
		if err := p.Decode(v, h.Flags, body); err != nil {
			return c.readError(err), false
		}
	}
	if h.Type == packet.AUTH {
		// No authentication method was agreed in CONNECT, so AUTH is a
		// Protocol Error [MQTT-4.12.0-1].
		return protocolError(packet.ProtocolError, "AUTH without an authentication method"), false
	}
	// CONNACK, SUBACK, UNSUBACK and PINGRESP go only to clients.
	return protocolError(packet.ProtocolError, h.Type.String()+" sent by a client"), false
}

// handleDisconnect applies a client DISCONNECT.
func (c *conn) handleDisconnect(p *packet.Disconnect) closeCause {
	if e := p.Props.SessionExpiry; e.Present && c.sess != nil {
		// A non-zero expiry after CONNECT set zero is a Protocol Error [MQTT-3.14.2-2].
		if !c.sess.setExpiryAtDisconnect(e.Value, c.srv.opts.MaxSessionExpiry) {
			return protocolError(packet.ProtocolError, "session expiry set at DISCONNECT after 0 at CONNECT")
		}
	}
	if p.ReasonCode == packet.DisconnectWithWillMessage {
		return closeCause{will: true, normal: true, reason: "client disconnected with will message"}
	}
	// A normal DISCONNECT discards the will [MQTT-3.1.2-10].
	return closeCause{normal: true, reason: "client disconnected"}
}

// reasonProps carries a reason string when the client accepts one
// [MQTT-3.1.2-29] and it keeps the CONNACK or DISCONNECT within the
// client's Maximum Packet Size [MQTT-3.2.2-19], [MQTT-3.14.2-3]: besides
// it they take at most 10 bytes.
func (c *conn) reasonProps(reason string) packet.Properties {
	if c.version != packet.V5 || !c.problemInfo || reason == "" || len(reason) > 1024 {
		return packet.Properties{}
	}
	if c.maxOut > 0 && 10+len(reason) > c.maxOut {
		return packet.Properties{}
	}
	if packet.ValidString(reason) != nil {
		return packet.Properties{}
	}
	return packet.Properties{ReasonString: reason}
}

// signal wakes the write goroutine.
func (c *conn) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// growChunk makes room for n more bytes in the chunk. c.outMu held.
func (c *conn) growChunk(n int) {
	if cap(c.chunk)-len(c.chunk) < n {
		c.chunk = make([]byte, 0, max(chunkSize, n))
		c.contig = false
	}
}

// commit records chunk[start:] as queued, extending the previous frame
// when it ends where this one starts. c.outMu held.
func (c *conn) commit(start int) {
	n := len(c.chunk) - start
	if c.contig && len(c.out) > 0 {
		last := c.out[len(c.out)-1]
		c.out[len(c.out)-1] = last[:len(last)+n]
	} else {
		c.out = append(c.out, c.chunk[start:])
	}
	c.contig = true
	c.pending += n
}

// sendPacket queues a control packet. It is queued even when the pending
// limit is reached: control packets are small and bounded by the client's
// own requests. It returns false once the connection is closing.
func (c *conn) sendPacket(p packet.Packet) bool {
	c.outMu.Lock()
	if c.closing {
		c.outMu.Unlock()
		return false
	}
	c.growChunk(64)
	start := len(c.chunk)
	before := cap(c.chunk)
	var err error
	c.chunk, err = p.Append(c.chunk, c.version)
	if err != nil {
		c.chunk = c.chunk[:start]
		c.outMu.Unlock()
		c.log.Error("encode failed", "type", p.Type(), "err", err)
		return false
	}
	if cap(c.chunk) != before {
		c.contig = false // Append reallocated: earlier frames stay in the old array
	}
	c.commit(start)
	c.outMu.Unlock()
	c.signal()
	return true
}

// sendPublish queues a PUBLISH. A QoS 0 message is dropped (false) when the
// pending bytes exceed the limit; QoS 1 and 2 are bounded by the in-flight
// window instead.
func (c *conn) sendPublish(p *packet.Publish) bool {
	c.outMu.Lock()
	if c.closing || (p.QoS == 0 && c.pending > c.srv.opts.MaxPendingBytes) {
		c.outMu.Unlock()
		if p.QoS == 0 {
			c.srv.stats.DroppedQoS0.Add(1)
		}
		return false
	}
	if c.aliasMax > 0 {
		c.applyAlias(p)
	}
	c.growChunk(64 + len(p.Topic) + min(len(p.Payload), inlinePayload))
	start := len(c.chunk)
	before := cap(c.chunk)
	var err error
	c.chunk, err = p.AppendHeader(c.chunk, c.version)
	if err != nil {
		c.chunk = c.chunk[:start]
		c.outMu.Unlock()
		c.log.Error("encode failed", "type", "PUBLISH", "err", err)
		return false
	}
	if len(p.Payload) <= inlinePayload {
		c.chunk = append(c.chunk, p.Payload...)
	}
	if cap(c.chunk) != before {
		c.contig = false
	}
	c.commit(start)
	if len(p.Payload) > inlinePayload {
		c.out = append(c.out, p.Payload)
		c.pending += len(p.Payload)
		c.contig = false
	}
	c.outMu.Unlock()
	c.srv.stats.MessagesSent.Add(1)
	c.signal()
	return true
}

// applyAlias gives p's topic an alias towards a 5.0 client that accepts
// them: the first PUBLISH of a topic carries the topic and a new alias, the
// following ones only the alias (3.3.2.3.4). Aliases go to the first topics
// seen until the client's maximum is used; they live as long as the network
// connection [MQTT-3.3.2-7]. A PUBLISH that the alias would push over the
// client's Maximum Packet Size goes without it [MQTT-3.1.2-24]. c.outMu
// held.
func (c *conn) applyAlias(p *packet.Publish) {
	topic := p.Topic
	if a, ok := c.outAliases[topic]; ok {
		p.Props.TopicAlias, p.Topic = a, ""
		if !c.fits(p) { // a topic shorter than the alias property
			p.Props.TopicAlias, p.Topic = 0, topic
		}
		return
	}
	if len(c.outAliases) >= int(c.aliasMax) {
		return
	}
	a := uint16(len(c.outAliases) + 1)
	if p.Props.TopicAlias = a; !c.fits(p) {
		p.Props.TopicAlias = 0
		return
	}
	if c.outAliases == nil {
		c.outAliases = make(map[string]uint16)
	}
	c.outAliases[topic] = a
}

// fits reports whether p is within the client's Maximum Packet Size.
func (c *conn) fits(p *packet.Publish) bool {
	if c.maxOut == 0 {
		return true
	}
	n, err := p.Size(c.version)
	return err == nil && n <= c.maxOut
}

// writeLoop writes what is queued, one writev per wake-up, until the
// connection is closing and drained or ctx ends. Runs in the write goroutine.
func (c *conn) writeLoop(ctx context.Context) {
	for {
		select {
		case <-c.wake:
		case <-ctx.Done():
			return
		}
		for {
			c.outMu.Lock()
			bufs, chunk, n, closing := c.out, c.chunk, c.pending, c.closing
			c.out, c.chunk, c.contig = c.spareOut[:0], c.spareChunk[:0], false
			c.spareOut, c.spareChunk = nil, nil
			c.outMu.Unlock()
			if len(bufs) == 0 {
				if closing {
					return
				}
				break
			}
			orig := bufs
			c.nc.SetWriteDeadline(time.Now().Add(c.srv.opts.WriteTimeout))
			_, err := bufs.WriteTo(c.nc)
			clear(orig) // drop references to payloads
			c.outMu.Lock()
			c.pending -= n
			c.spareOut, c.spareChunk = orig[:0], chunk[:0]
			c.outMu.Unlock()
			c.srv.stats.BytesSent.Add(int64(n))
			if err != nil {
				if errors.Is(err, os.ErrDeadlineExceeded) {
					c.srv.stats.SlowConsumers.Add(1)
					c.log.Warn("slow consumer disconnected", "client_id", c.clientID, "pending_bytes", n)
				}
				c.outMu.Lock()
				c.closing = true
				c.outMu.Unlock()
				c.nc.Close() // unblocks the read goroutine
				return
			}
		}
	}
}
