package client

import (
	"fmt"
	"sync"

	"github.com/ternmq/tern/packet"
	"github.com/ternmq/tern/topic"
)

// qos0Queue is how many QoS 0 messages may wait for the handlers. When it
// is full the read goroutine stops reading, which slows the server down
// (TCP backpressure) instead of growing memory.
const qos0Queue = 256

// inbox is the bounded queue between the read goroutine and the delivery
// goroutine. QoS 1 and 2 messages are bounded by the Receive Maximum: they
// are acknowledged only after their handler returns, so a 5.0 server can
// never fill their share and their arrival never blocks the read goroutine
// (which therefore keeps reading acknowledgements). QoS 0 messages are
// bounded by qos0Queue and block the read goroutine when it is full.
type inbox struct {
	mu      sync.Mutex      // guards the fields below
	queue   []*Message      // FIFO from head
	head    int             // index of the oldest message
	qos0    int             // QoS 0 messages queued
	acked   int             // QoS 1 and 2 messages queued
	maxAck  int             // the client's Receive Maximum
	unacked int             // QoS 1 and 2 received and not yet PUBACKed or PUBCOMPed
	qos2    map[uint16]bool // inbound QoS 2 identifiers: true once PUBREC was sent

	ready chan struct{} // capacity 1: the queue became non-empty
	room  chan struct{} // capacity 1: a message left the queue
}

func (in *inbox) init(receiveMax int) {
	in.maxAck = receiveMax
	in.qos2 = make(map[uint16]bool)
	in.ready = make(chan struct{}, 1)
	in.room = make(chan struct{}, 1)
}

// push queues m for delivery, waiting while the queue is full. It drops a
// QoS 2 message already received, answering PUBREC again if it was sent.
// Read goroutine.
func (in *inbox) push(c *Client, m *Message) error {
	in.mu.Lock()
	if m.QoS > 0 {
		if m.QoS == 2 {
			if rec, dup := in.qos2[m.id]; dup {
				// Delivered or waiting to be: exactly once [MQTT-4.3.3-10].
				in.mu.Unlock()
				if rec {
					c.queueAck(packet.PUBREC, m.id)
				}
				return nil
			}
		}
		if c.version == packet.V5 && in.unacked >= in.maxAck {
			in.mu.Unlock()
			// MQTT 5.0 section 3.3.4: more than Receive Maximum unacknowledged.
			return fmt.Errorf("client: more than %d unacknowledged messages: %w", in.maxAck,
				packet.ReceiveMaximumExceeded)
		}
		in.unacked++
		if m.QoS == 2 {
			in.qos2[m.id] = false
		}
	}
	for m.QoS == 0 && in.qos0 >= qos0Queue || m.QoS > 0 && in.acked >= in.maxAck {
		in.mu.Unlock()
		select {
		case <-in.room:
		case <-c.closing:
			return c.endErr()
		}
		in.mu.Lock()
	}
	if m.QoS == 0 {
		in.qos0++
	} else {
		in.acked++
	}
	in.queue = append(in.queue, m)
	in.mu.Unlock()
	select {
	case in.ready <- struct{}{}:
	default:
	}
	return nil
}

// pop removes the oldest message, or returns nil.
func (in *inbox) pop() *Message {
	in.mu.Lock()
	if in.head == len(in.queue) {
		in.mu.Unlock()
		return nil
	}
	m := in.queue[in.head]
	in.queue[in.head] = nil
	in.head++
	switch {
	case in.head == len(in.queue):
		in.queue, in.head = in.queue[:0], 0
	case in.head >= 64 && in.head*2 >= len(in.queue):
		// Keep the slice from creeping forward while never empty.
		n := copy(in.queue, in.queue[in.head:])
		clear(in.queue[n:])
		in.queue, in.head = in.queue[:n], 0
	}
	if m.QoS == 0 {
		in.qos0--
	} else {
		in.acked--
	}
	in.mu.Unlock()
	select {
	case in.room <- struct{}{}:
	default:
	}
	return m
}

// deliverLoop is the delivery goroutine: it runs the handlers one message
// at a time, in arrival order, and acknowledges each QoS 1 and 2 message
// once its handlers have returned. Messages still queued when the
// connection ends are dropped; the server sends QoS 1 and 2 ones again
// when the session is resumed.
func (c *Client) deliverLoop() {
	defer c.exit(nil)
	for {
		m := c.in.pop()
		if m == nil {
			select {
			case <-c.in.ready:
				continue
			case <-c.closing:
				return
			}
		}
		select {
		case <-c.closing:
			return
		default:
		}
		c.dispatch(m)
		c.acknowledge(m)
	}
}

// dispatch passes m to every handler whose filter matches its topic, or
// to OnMessage when none does. Delivery goroutine.
func (c *Client) dispatch(m *Message) {
	hs := c.matched[:0]
	c.routeMu.Lock()
	c.routes.Match(m.Topic, func(_ string, h func(*Message)) bool {
		hs = append(hs, h)
		return true
	})
	c.routeMu.Unlock()
	if len(hs) == 0 {
		if c.opts.OnMessage != nil {
			c.opts.OnMessage(m)
		} else {
			c.log.Debug("message without handler", "topic", m.Topic)
		}
	}
	for _, h := range hs {
		h(m)
	}
	clear(hs)
	c.matched = hs[:0]
}

// acknowledge answers a delivered message: PUBACK for QoS 1 [MQTT-4.3.2-4],
// PUBREC for QoS 2 [MQTT-4.3.3-8], after recording the identifier so the
// message is not delivered again before PUBREL. Delivery goroutine.
func (c *Client) acknowledge(m *Message) {
	in := &c.in
	switch m.QoS {
	case 1:
		// Counted out before the PUBACK is queued: once the server reads it
		// it may send the next message, which must find the place free.
		in.mu.Lock()
		in.unacked--
		in.mu.Unlock()
		c.queueAck(packet.PUBACK, m.id)
	case 2:
		if err := c.store.Put(Key{ID: m.id, Inbound: true}, &packet.Pubrec{PacketID: m.id}); err != nil {
			c.log.Warn("store put failed", logErr, err)
		}
		in.mu.Lock()
		in.qos2[m.id] = true
		in.mu.Unlock()
		c.queueAck(packet.PUBREC, m.id)
	}
}

// routeKey returns the filter messages are matched on: a shared
// subscription's filter without "$share/{group}/".
func routeKey(filter string) string {
	if _, inner, ok := topic.ParseShared(filter); ok {
		return inner
	}
	return filter
}
