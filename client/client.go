package client

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ternmq/tern/packet"
	"github.com/ternmq/tern/topic"
)

// Log attribute keys.
const (
	logClientID = "client_id"
	logRemote   = "remote"
	logErr      = "err"
)

// Client is one MQTT connection. Its methods are safe for concurrent use.
//
// A Client runs three goroutines: the read goroutine decodes packets and
// handles acknowledgements; the write goroutine writes everything queued
// with one write per burst and sends PINGREQ; the delivery goroutine runs
// the message handlers one at a time, in the order the messages arrived.
// They all end when the connection ends; Done is closed then.
//
// Locks: c.mu, c.out.mu, c.in.mu and c.routeMu are leaves: none is held
// while taking another, and none is held while a handler, a callback or a
// Store method runs.
type Client struct {
	opts    Options // with defaults applied; read-only
	conn    net.Conn
	log     *slog.Logger
	version packet.Version
	r       *packet.Reader // read goroutine only (and Connect before it starts)
	store   Store

	// Set by Connect from CONNACK; read-only afterwards.
	connack     *packet.Connack
	clientID    string
	keepAlive   time.Duration
	maxQoS      byte
	retain      bool          // the server accepts retained messages
	maxOut      int           // the server's Maximum Packet Size; 0 means none
	outAliasMax uint16        // topic aliases usable towards the server
	window      chan struct{} // one token per QoS 1 or 2 PUBLISH in flight

	mu       sync.Mutex     // guards the fields below
	ops      map[uint16]*op // outbound packet identifiers in use
	nextID   uint16         // the last identifier handed out
	err      error          // why the connection ended; nil while it is up
	graceful bool           // the write goroutine flushes before closing
	closing  chan struct{}  // closed when the connection starts to end

	aliases map[uint16]string // inbound topic aliases; read goroutine only

	out outbound // the write side, with its own lock
	in  inbox    // the delivery queue, with its own lock

	routeMu sync.Mutex                         // guards routes
	routes  topic.Tree[string, func(*Message)] // key: filter without $share; id: the filter
	matched []func(*Message)                   // delivery goroutine only: scratch

	pingPending atomic.Bool   // PINGREQ sent, PINGRESP not yet received
	pong        chan struct{} // capacity 1: PINGRESP arrived
	flushErr    error         // the final flush's error; set by the write goroutine
	running     atomic.Int32
	readerDone  chan struct{}
	writerDone  chan struct{}
	done        chan struct{}
}

// op is one outbound request waiting for its acknowledgement: a QoS 1 or 2
// PUBLISH, a SUBSCRIBE or an UNSUBSCRIBE.
type op struct {
	kind     packet.Type   // PUBLISH, SUBSCRIBE or UNSUBSCRIBE
	qos      byte          // for PUBLISH
	released bool          // QoS 2: PUBREC arrived and PUBREL was sent
	slot     bool          // holds a token of c.window
	done     chan struct{} // closed when err and ack are set; nil: nobody waits
	err      error
	ack      packet.Packet // SUBACK or UNSUBACK
}

func (o *op) finish(ack packet.Packet, err error) {
	o.ack, o.err = ack, err
	if o.done != nil {
		close(o.done)
	}
}

// Connect speaks MQTT over conn, an established network connection: it
// sends CONNECT and waits for CONNACK until ctx ends. A refusal returns a
// *ReasonError wrapping the reason code. On failure conn is closed.
//
// Use Connect for transports Dial does not know; ctx bounds only the
// handshake.
func Connect(ctx context.Context, conn net.Conn, opts Options) (*Client, error) {
	o, err := opts.withDefaults()
	if err != nil {
		conn.Close()
		return nil, err
	}
	c := &Client{
		opts:       o,
		conn:       conn,
		log:        o.Logger,
		version:    o.Version,
		store:      o.Store,
		ops:        make(map[uint16]*op),
		closing:    make(chan struct{}),
		pong:       make(chan struct{}, 1),
		readerDone: make(chan struct{}),
		writerDone: make(chan struct{}),
		done:       make(chan struct{}),
	}
	if addr := conn.RemoteAddr(); addr != nil {
		c.log = c.log.With(logRemote, addr.String())
	}
	c.r = packet.NewReader(bufio.NewReaderSize(conn, 32<<10), o.MaxPacketSize)
	c.r.Version = o.Version
	c.out.wake = make(chan struct{}, 1)
	c.in.init(int(o.ReceiveMaximum))
	if err := c.handshake(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	if err := c.resume(); err != nil {
		conn.Close()
		return nil, err
	}
	c.log = c.log.With(logClientID, c.clientID)
	c.log.Debug("connected", "version", c.version.String(), "session_present", c.connack.SessionPresent,
		"keep_alive", c.keepAlive)
	c.running.Store(3)
	go c.readLoop()
	go c.writeLoop()
	go c.deliverLoop()
	return c, nil
}

// handshake sends CONNECT and reads CONNACK, within ctx.
func (c *Client) handshake(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() { c.conn.SetDeadline(time.Unix(1, 0)) })
	err := c.exchangeConnect()
	if !stop() || (err != nil && ctx.Err() != nil) {
		return fmt.Errorf("client: connect: %w", ctx.Err())
	}
	if err != nil {
		return err
	}
	return c.conn.SetDeadline(time.Time{})
}

func (c *Client) exchangeConnect() error {
	cp := c.opts.connectPacket()
	b, err := cp.Append(nil, c.version)
	if err != nil {
		return fmt.Errorf("client: CONNECT: %w", err)
	}
	if _, err := c.conn.Write(b); err != nil {
		return fmt.Errorf("client: connect: %w", err)
	}
	p, err := c.r.ReadPacket()
	if err != nil {
		return fmt.Errorf("client: connect: reading CONNACK: %w", err)
	}
	switch p := p.(type) {
	case *packet.Connack:
		if p.ReasonCode != packet.Success {
			return &ReasonError{Packet: packet.CONNACK, Code: p.ReasonCode, Reason: p.Props.ReasonString}
		}
		c.accept(p)
		return nil
	case *packet.Disconnect:
		return &ReasonError{Packet: packet.DISCONNECT, Code: p.ReasonCode, Reason: p.Props.ReasonString}
	}
	return fmt.Errorf("client: connect: %v instead of CONNACK: %w", p.Type(), packet.ProtocolError)
}

// accept takes the server's limits from CONNACK.
func (c *Client) accept(ack *packet.Connack) {
	c.connack = ack
	c.clientID = c.opts.ClientID
	if ack.Props.AssignedClientID != "" {
		c.clientID = ack.Props.AssignedClientID
	}
	c.keepAlive = c.opts.KeepAlive
	if ka := ack.Props.ServerKeepAlive; ka.Present {
		c.keepAlive = time.Duration(ka.Value) * time.Second // [MQTT-3.1.2-21]
	}
	c.maxQoS = ack.Props.MaximumQoS.Or(2)
	c.retain = ack.Props.RetainAvailable.Or(1) == 1
	c.maxOut = int(ack.Props.MaximumPacketSize)
	if c.opts.TopicAliases {
		c.outAliasMax = ack.Props.TopicAliasMaximum
	}
	rm := int(ack.Props.ReceiveMaximum)
	if rm == 0 {
		rm = 65535
	}
	c.window = make(chan struct{}, rm)
}

// resume loads the session state: on a resumed session it queues the
// retransmission of in-flight messages with DUP set and of PUBRELs, in
// their original order [MQTT-4.4.0-1]; otherwise it clears the Store.
// It runs before the goroutines start.
func (c *Client) resume() error {
	if !c.connack.SessionPresent {
		if err := c.store.Reset(); err != nil {
			return fmt.Errorf("client: store: %w", err)
		}
		return nil
	}
	ps, err := c.store.List()
	if err != nil {
		return fmt.Errorf("client: store: %w", err)
	}
	for _, p := range ps {
		switch p := p.(type) {
		case *packet.Publish:
			o := &op{kind: packet.PUBLISH, qos: p.QoS}
			o.slot = c.tryAcquire()
			c.ops[p.PacketID] = o
			q := *p
			q.Dup = true // [MQTT-3.3.1-1]
			if err := c.queuePublish(&q); err != nil {
				return err
			}
		case *packet.Pubrel:
			o := &op{kind: packet.PUBLISH, qos: 2, released: true}
			o.slot = c.tryAcquire()
			c.ops[p.PacketID] = o
			if err := c.queue(p); err != nil {
				return err
			}
		case *packet.Pubrec:
			c.in.qos2[p.PacketID] = true
			c.in.unacked++
		}
	}
	if len(ps) > 0 {
		c.log.Debug("session resumed", "entries", len(ps))
	}
	return nil
}

// tryAcquire takes a token of the server's receive window if one is free.
// Retransmissions use it: they were sent under a window that may have
// been larger.
func (c *Client) tryAcquire() bool {
	select {
	case c.window <- struct{}{}:
		return true
	default:
		return false
	}
}

// ClientID returns the client identifier of the session: the one in
// Options, or the one the server assigned.
func (c *Client) ClientID() string { return c.clientID }

// SessionPresent reports whether the server resumed an existing session.
func (c *Client) SessionPresent() bool { return c.connack.SessionPresent }

// Connack returns the server's CONNACK, with its limits and properties.
// It must not be modified.
func (c *Client) Connack() *packet.Connack { return c.connack }

// Done returns a channel closed when the connection has ended and the
// client's goroutines have returned (including a handler that was running).
func (c *Client) Done() <-chan struct{} { return c.done }

// Err returns nil while the connection is up and then why it ended:
// ErrClosed after Close or Disconnect, a *ReasonError for a DISCONNECT from
// the server, ErrPingTimeout, or the protocol or network error.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Close closes the connection at once, without DISCONNECT, so the server
// publishes the will. Messages queued and not yet written are dropped.
// Close waits for the read and write goroutines but not for a running
// handler, so a handler may call it. It always returns nil.
func (c *Client) Close() error {
	c.end(ErrClosed, false)
	<-c.readerDone
	<-c.writerDone
	return nil
}

// Disconnect sends DISCONNECT after everything already queued and closes
// the connection: the server discards the will (unless the reason is
// packet.DisconnectWithWillMessage). It returns when the packets are
// written, or when ctx ends, and then closes the connection anyway.
// Messages in flight stay in the Store.
func (c *Client) Disconnect(ctx context.Context, opts ...DisconnectOption) error {
	d := new(packet.Disconnect)
	for _, o := range opts {
		o(d)
	}
	o := &c.out
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		<-c.readerDone
		<-c.writerDone
		return c.Err()
	}
	b, err := d.Append(o.buf, c.version)
	if err != nil {
		o.mu.Unlock()
		return fmt.Errorf("client: DISCONNECT: %w", err)
	}
	o.buf = b
	o.closed = true
	o.mu.Unlock()
	c.end(ErrClosed, true)
	stop := context.AfterFunc(ctx, func() { c.conn.Close() })
	defer stop()
	<-c.writerDone
	<-c.readerDone
	if err := c.Err(); !errors.Is(err, ErrClosed) {
		return err
	}
	if c.flushErr != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("client: disconnect: %w", ctx.Err())
		}
		return fmt.Errorf("client: disconnect: %w", c.flushErr)
	}
	return nil
}

// end ends the connection with cause err, once; later calls do nothing.
// With flush the write goroutine writes what is queued (a DISCONNECT)
// before closing the network connection; otherwise it is closed now.
// Requests waiting for an acknowledgement fail with err.
func (c *Client) end(err error, flush bool) {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = err
	c.graceful = flush
	ops := c.ops
	c.ops = nil
	close(c.closing)
	c.mu.Unlock()
	for _, o := range ops {
		o.finish(nil, err)
	}
	c.out.mu.Lock()
	c.out.closed = true
	c.out.mu.Unlock()
	if !flush {
		c.conn.Close()
	}
	if !errors.Is(err, ErrClosed) {
		c.log.Debug("connection lost", logErr, err)
	}
}

// fail ends the connection after a read or protocol error. A protocol
// error found in what the server sent is reported to a 5.0 server in a
// DISCONNECT before closing.
func (c *Client) fail(err error) {
	var re *ReasonError
	var code packet.ReasonCode
	if c.version == packet.V5 && !errors.As(err, &re) && errors.As(err, &code) && code.IsError() &&
		code.ValidFor(packet.DISCONNECT) {
		o := &c.out
		o.mu.Lock()
		if !o.closed {
			d := &packet.Disconnect{ReasonCode: code}
			o.buf, _ = d.Append(o.buf, c.version)
			o.closed = true
			o.mu.Unlock()
			c.end(err, true)
			return
		}
		o.mu.Unlock()
	}
	c.end(err, false)
}

// exit records the end of one goroutine; the last one reports the end.
func (c *Client) exit(ch chan struct{}) {
	if ch != nil {
		close(ch)
	}
	if c.running.Add(-1) != 0 {
		return
	}
	err := c.Err()
	if c.opts.OnDisconnect != nil && !errors.Is(err, ErrClosed) {
		c.opts.OnDisconnect(err)
	}
	close(c.done)
}

// startOp reserves a packet identifier for a request. slot says whether the
// request holds a token of the receive window, released with it.
func (c *Client) startOp(kind packet.Type, qos byte, slot bool) (*op, uint16, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return nil, 0, c.err
	}
	for range 65535 {
		c.nextID++
		if c.nextID == 0 {
			c.nextID = 1
		}
		if _, used := c.ops[c.nextID]; !used {
			o := &op{kind: kind, qos: qos, slot: slot, done: make(chan struct{})}
			c.ops[c.nextID] = o
			return o, c.nextID, nil
		}
	}
	return nil, 0, ErrNoPacketID
}

// dropOp releases an identifier whose request was never sent.
func (c *Client) dropOp(id uint16) {
	c.mu.Lock()
	o := c.ops[id]
	delete(c.ops, id)
	c.mu.Unlock()
	if o != nil && o.slot {
		<-c.window
	}
}

// wait waits for the acknowledgement of o, or for ctx. When ctx ends first
// the request stays in flight: its identifier is freed when the
// acknowledgement arrives.
func (c *Client) wait(ctx context.Context, o *op) (packet.Packet, error) {
	select {
	case <-o.done:
		return o.ack, o.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
