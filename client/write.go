package client

import (
	"context"
	"sync"
	"time"

	"github.com/ternmq/tern/packet"
)

// Limits of the outbound buffer.
const (
	// pendingLimit is how many bytes may wait for the write goroutine
	// before Publish blocks: QoS 0 publishers faster than the network wait
	// here instead of growing memory.
	pendingLimit = 1 << 20
	// maxSpare is the largest buffer kept for reuse after a write.
	maxSpare = 4 << 20
)

// outbound holds the packets waiting for the write goroutine. Every
// goroutine appends encoded packets to buf; the write goroutine swaps it
// out and writes it with one call, so a burst of packets costs one write.
type outbound struct {
	mu      sync.Mutex        // guards the fields below
	buf     []byte            // encoded packets not yet taken by the writer
	spare   []byte            // the previous buffer, for reuse
	closed  bool              // the connection is ending: nothing more is accepted
	drained chan struct{}     // closed when buf is taken; nil when nobody waits
	aliases map[string]uint16 // outbound topic aliases, in write order

	wake chan struct{} // capacity 1: buf has something to write
}

// signal wakes the write goroutine.
func (o *outbound) signal() {
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// queue encodes p into the outbound buffer. It never blocks: it is used
// for acknowledgements, which the read and delivery goroutines must be able
// to send whatever the publishers do.
func (c *Client) queue(p packet.Packet) error {
	o := &c.out
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return c.endErr()
	}
	b, err := p.Append(o.buf, c.version)
	o.buf = b
	o.mu.Unlock()
	if err != nil {
		return err
	}
	o.signal()
	return nil
}

// queuePublish encodes p into the outbound buffer, replacing its topic
// with an alias when aliases are in use. Like queue it never blocks.
func (c *Client) queuePublish(p *packet.Publish) error {
	o := &c.out
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return c.endErr()
	}
	var err error
	if c.outAliasMax == 0 {
		o.buf, err = p.AppendHeader(o.buf, c.version)
	} else {
		o.buf, err = c.appendAliased(o.buf, p)
	}
	if err == nil {
		o.buf = append(o.buf, p.Payload...)
	}
	o.mu.Unlock()
	if err != nil {
		return err
	}
	o.signal()
	return nil
}

// appendAliased appends the header of p using a topic alias: the first
// message to a topic sends topic and alias, later ones only the alias
// (MQTT 5.0 section 3.3.2.3.4). c.out.mu held on entry, so aliases are
// assigned in write order.
func (c *Client) appendAliased(dst []byte, p *packet.Publish) ([]byte, error) {
	o := &c.out
	a, ok := o.aliases[p.Topic]
	if !ok {
		if len(o.aliases) >= int(c.outAliasMax) {
			return p.AppendHeader(dst, c.version)
		}
		if o.aliases == nil {
			o.aliases = make(map[string]uint16)
		}
		a = uint16(len(o.aliases) + 1)
		o.aliases[p.Topic] = a
		q := *p
		q.Props.TopicAlias = a
		return q.AppendHeader(dst, c.version)
	}
	q := *p
	q.Topic = ""
	q.Props.TopicAlias = a
	return q.AppendHeader(dst, c.version)
}

// waitRoom blocks while more than pendingLimit bytes wait to be written,
// so that a publisher faster than the network is slowed down to it.
func (c *Client) waitRoom(ctx context.Context, size int) error {
	o := &c.out
	o.mu.Lock()
	for !o.closed && len(o.buf) > 0 && len(o.buf)+size > pendingLimit {
		if o.drained == nil {
			o.drained = make(chan struct{})
		}
		ch := o.drained
		o.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-c.closing:
		}
		o.mu.Lock()
	}
	closed := o.closed
	o.mu.Unlock()
	if closed {
		return c.endErr()
	}
	return nil
}

// endErr returns why the connection ended (ErrClosed while it is ending).
func (c *Client) endErr() error {
	if err := c.Err(); err != nil {
		return err
	}
	return ErrClosed
}

// writeLoop is the write goroutine: it writes what is queued and keeps the
// connection alive.
func (c *Client) writeLoop() {
	defer c.exit(c.writerDone)
	var (
		timer *time.Timer
		tick  <-chan time.Time // nil without keep alive
	)
	if c.keepAlive > 0 {
		timer = time.NewTimer(c.keepAlive)
		defer timer.Stop()
		tick = timer.C
	}
	last := time.Now() // CONNECT was just written
	var pingAt time.Time
	for {
		select {
		case <-c.out.wake:
		case <-c.pong:
			// PINGRESP arrived: wait for the next idle period.
			timer.Reset(max(time.Until(last.Add(c.keepAlive)), time.Millisecond))
			continue
		case now := <-tick:
			switch {
			case c.pingPending.Load():
				if now.Sub(pingAt) >= c.opts.PingTimeout {
					c.end(ErrPingTimeout, false)
					return
				}
				timer.Reset(pingAt.Add(c.opts.PingTimeout).Sub(now))
			case now.Sub(last) >= c.keepAlive:
				// Nothing was sent for a keep alive period [MQTT-3.1.2-22].
				c.pingPending.Store(true)
				pingAt = now
				c.queue(new(packet.Pingreq))
				timer.Reset(c.opts.PingTimeout)
			default:
				timer.Reset(last.Add(c.keepAlive).Sub(now))
			}
		case <-c.closing:
			c.mu.Lock()
			graceful := c.graceful
			c.mu.Unlock()
			if graceful {
				_, c.flushErr = c.flush()
				c.conn.Close()
			}
			return
		}
		wrote, err := c.flush()
		if err != nil {
			c.flushErr = err // for Disconnect, when its ctx closed the connection
			c.end(err, false)
			return
		}
		if wrote {
			last = time.Now()
		}
	}
}

// flush writes the outbound buffer. Write goroutine only.
func (c *Client) flush() (bool, error) {
	o := &c.out
	o.mu.Lock()
	buf := o.buf
	o.buf, o.spare = o.spare[:0], nil
	if o.drained != nil {
		close(o.drained)
		o.drained = nil
	}
	o.mu.Unlock()
	if len(buf) == 0 {
		o.mu.Lock()
		o.spare = buf
		o.mu.Unlock()
		return false, nil
	}
	c.conn.SetWriteDeadline(time.Now().Add(c.opts.WriteTimeout))
	_, err := c.conn.Write(buf)
	if cap(buf) <= maxSpare {
		o.mu.Lock()
		o.spare = buf[:0]
		o.mu.Unlock()
	}
	return true, err
}
