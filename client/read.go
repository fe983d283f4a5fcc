package client

import (
	"fmt"
	"strings"

	"github.com/ternmq/tern/packet"
)

// readLoop is the read goroutine: it decodes packets and handles them
// until the connection ends.
func (c *Client) readLoop() {
	defer c.exit(c.readerDone)
	for {
		p, err := c.r.ReadPacket()
		if err != nil {
			c.fail(fmt.Errorf("client: read: %w", err))
			return
		}
		if err := c.handle(p); err != nil {
			c.fail(err)
			return
		}
	}
}

// handle handles one packet from the server. Read goroutine.
func (c *Client) handle(p packet.Packet) error {
	switch p := p.(type) {
	case *packet.Publish:
		return c.receive(p)
	case *packet.Puback:
		c.completed(p.PacketID, packet.PUBACK, p.ReasonCode, p.Props.ReasonString)
		return nil
	case *packet.Pubrec:
		c.recorded(p)
		return nil
	case *packet.Pubcomp:
		c.completed(p.PacketID, packet.PUBCOMP, p.ReasonCode, p.Props.ReasonString)
		return nil
	case *packet.Pubrel:
		return c.released(p.PacketID)
	case *packet.Suback:
		c.answered(p.PacketID, packet.SUBSCRIBE, p)
		return nil
	case *packet.Unsuback:
		c.answered(p.PacketID, packet.UNSUBSCRIBE, p)
		return nil
	case *packet.Pingresp:
		if c.pingPending.Swap(false) {
			select {
			case c.pong <- struct{}{}:
			default:
			}
		}
		return nil
	case *packet.Disconnect:
		// The server ends the connection (MQTT 5.0 section 3.14).
		return &ReasonError{Packet: packet.DISCONNECT, Code: p.ReasonCode, Reason: p.Props.ReasonString}
	}
	return fmt.Errorf("client: unexpected %v from the server: %w", p.Type(), packet.ProtocolError)
}

// completed ends the flow of an outbound QoS 1 message (PUBACK) or QoS 2
// message (PUBCOMP, or a PUBREC refusing it). An acknowledgement for an
// unknown identifier is ignored: it may answer a request whose connection
// ended before the session was resumed.
func (c *Client) completed(id uint16, t packet.Type, code packet.ReasonCode, reason string) {
	c.mu.Lock()
	o := c.ops[id]
	ok := o != nil && o.kind == packet.PUBLISH &&
		(t == packet.PUBACK && o.qos == 1 ||
			t == packet.PUBCOMP && o.qos == 2 && o.released ||
			t == packet.PUBREC && o.qos == 2 && !o.released)
	c.mu.Unlock()
	if !ok {
		c.log.Debug("acknowledgement for no request", "packet", t.String(), "id", id)
		return
	}
	// The store entry goes first: once the identifier is free, a new
	// message may take it [MQTT-2.2.1-3].
	if err := c.store.Delete(Key{ID: id}); err != nil {
		c.log.Warn("store delete failed", logErr, err)
	}
	c.mu.Lock()
	mine := c.ops[id] == o // end may have failed it meanwhile
	if mine {
		delete(c.ops, id)
	}
	c.mu.Unlock()
	if !mine {
		return
	}
	if o.slot {
		<-c.window
	}
	var err error
	if code.IsError() {
		err = &ReasonError{Packet: t, Code: code, Reason: reason}
	}
	o.finish(nil, err)
}

// recorded handles PUBREC, the first answer to an outbound QoS 2 message:
// the PUBLISH is replaced by a PUBREL in the Store and PUBREL is sent
// [MQTT-4.3.3-4].
func (c *Client) recorded(p *packet.Pubrec) {
	id := p.PacketID
	if p.ReasonCode.IsError() {
		// The server refused the message; the flow ends here (4.3.3).
		c.completed(id, packet.PUBREC, p.ReasonCode, p.Props.ReasonString)
		return
	}
	c.mu.Lock()
	o := c.ops[id]
	known := o != nil && o.kind == packet.PUBLISH && o.qos == 2
	c.mu.Unlock()
	rel := &packet.Pubrel{PacketID: id}
	if !known {
		if c.version == packet.V5 {
			rel.ReasonCode = packet.PacketIdentifierNotFound
		}
		c.queue(rel)
		return
	}
	if err := c.store.Put(Key{ID: id}, rel); err != nil {
		c.log.Warn("store put failed", logErr, err)
	}
	c.mu.Lock()
	o.released = true
	c.mu.Unlock()
	c.queue(rel)
}

// answered completes a SUBSCRIBE or UNSUBSCRIBE.
func (c *Client) answered(id uint16, kind packet.Type, ack packet.Packet) {
	c.mu.Lock()
	o := c.ops[id]
	ok := o != nil && o.kind == kind
	if ok {
		delete(c.ops, id)
	}
	c.mu.Unlock()
	if !ok {
		c.log.Debug("acknowledgement for no request", "packet", ack.Type().String(), "id", id)
		return
	}
	o.finish(ack, nil)
}

// receive handles an inbound PUBLISH: it resolves the topic alias and
// queues the message for delivery.
func (c *Client) receive(p *packet.Publish) error {
	if a := p.Props.TopicAlias; a != 0 {
		if a > c.opts.TopicAliasMaximum {
			// MQTT 5.0 section 3.3.2.3.4.
			return fmt.Errorf("client: topic alias %d above the maximum %d: %w",
				a, c.opts.TopicAliasMaximum, packet.TopicAliasInvalid)
		}
		if p.Topic == "" {
			t, ok := c.aliases[a]
			if !ok {
				return fmt.Errorf("client: topic alias %d not set: %w", a, packet.ProtocolError)
			}
			p.Topic = t
		} else {
			if c.aliases == nil {
				c.aliases = make(map[uint16]string)
			}
			// The topic shares the packet's body; a copy does not keep
			// the body alive.
			c.aliases[a] = strings.Clone(p.Topic)
		}
		p.Props.TopicAlias = 0
	}
	m := &Message{
		Topic:   p.Topic,
		Payload: p.Payload,
		QoS:     p.QoS,
		Retain:  p.Retain,
		Dup:     p.Dup,
		Props:   p.Props,
		id:      p.PacketID,
	}
	return c.in.push(c, m)
}

// released handles PUBREL for an inbound QoS 2 message: the identifier is
// forgotten and PUBCOMP sent [MQTT-4.3.3-11].
func (c *Client) released(id uint16) error {
	in := &c.in
	in.mu.Lock()
	rec, known := in.qos2[id]
	if known && rec {
		delete(in.qos2, id)
		in.unacked-- // before PUBCOMP frees the server's window
	}
	in.mu.Unlock()
	comp := &packet.Pubcomp{PacketID: id}
	switch {
	case known && !rec:
		return fmt.Errorf("client: PUBREL %d before PUBREC: %w", id, packet.ProtocolError)
	case known:
		if err := c.store.Delete(Key{ID: id, Inbound: true}); err != nil {
			c.log.Warn("store delete failed", logErr, err)
		}
		c.queueAck(packet.PUBCOMP, id)
		return nil
	case c.version == packet.V5:
		comp.ReasonCode = packet.PacketIdentifierNotFound
	}
	c.queue(comp)
	return nil
}

// queueAck queues a PUBACK, PUBREC or PUBCOMP with reason Success, which
// has the same four bytes in every version. It does not allocate.
func (c *Client) queueAck(t packet.Type, id uint16) {
	o := &c.out
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return
	}
	o.buf = append(o.buf, byte(t)<<4, 2, byte(id>>8), byte(id))
	o.mu.Unlock()
	o.signal()
}
