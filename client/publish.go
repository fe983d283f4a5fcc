package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/ternmq/tern/packet"
	"github.com/ternmq/tern/topic"
)

// Publish sends an application message.
//
// With QoS 0 it returns once the message is queued for writing (the
// payload is copied); it blocks, until ctx ends, only while more than
// 1 MiB waits to be written. With QoS 1 it returns when PUBACK arrives,
// with QoS 2 when PUBCOMP arrives. Before sending a QoS 1 or 2 message it
// waits, until ctx ends, for a free place in the server's Receive Maximum.
//
// A 5.0 server's refusal (a PUBACK or PUBREC reason code of 0x80 or more)
// is returned as a *ReasonError. A message the server cannot accept
// according to its CONNACK is refused before sending, with an error
// wrapping packet.QoSNotSupported, packet.RetainNotSupported or
// packet.PacketTooLarge.
//
// When ctx ends or the connection is lost after a QoS 1 or 2 message was
// sent, Publish returns the error but the message stays in flight: it is
// in the Store and is retransmitted when the session is resumed.
//
// m is not retained after Publish returns. A handler may call Publish, but
// see the package documentation about waiting for acknowledgements there.
func (c *Client) Publish(ctx context.Context, m *Message) error {
	if err := c.checkPublish(m); err != nil {
		return err
	}
	p := packet.Publish{QoS: m.QoS, Retain: m.Retain, Topic: m.Topic, Payload: m.Payload}
	if c.version == packet.V5 {
		p.Props = m.Props
		p.Props.TopicAlias = 0
		p.Props.SubscriptionIDs = nil // [MQTT-3.3.4-6]
	}
	if m.QoS > 0 {
		p.PacketID = 1 // any, to measure
	}
	size, err := p.Size(c.version)
	if err != nil {
		return fmt.Errorf("client: publish: %w", err)
	}
	if c.maxOut > 0 && size > c.maxOut {
		// [MQTT-3.2.2-15]
		return fmt.Errorf("client: publish: %d-byte packet above the server's maximum of %d bytes: %w",
			size, c.maxOut, packet.PacketTooLarge)
	}
	if m.QoS == 0 {
		if err := c.waitRoom(ctx, size); err != nil {
			return err
		}
		return c.queuePublish(&p)
	}
	q := new(packet.Publish) // kept by the Store; p stays on the stack
	*q = p
	return c.publishAcked(ctx, q)
}

// checkPublish refuses what the server announced it does not accept.
func (c *Client) checkPublish(m *Message) error {
	if m == nil {
		return errors.New("client: publish: nil message")
	}
	if err := topic.ValidName(m.Topic); err != nil {
		return fmt.Errorf("client: publish to %q: %w", m.Topic, err)
	}
	if m.QoS > 2 {
		return fmt.Errorf("client: publish: %w", packet.ErrInvalidQoS)
	}
	if m.QoS > c.maxQoS {
		// [MQTT-3.2.2-11]
		return fmt.Errorf("client: publish: QoS %d above the server's maximum %d: %w",
			m.QoS, c.maxQoS, packet.QoSNotSupported)
	}
	if m.Retain && !c.retain {
		// [MQTT-3.2.2-14]
		return fmt.Errorf("client: publish: %w", packet.RetainNotSupported)
	}
	return nil
}

// publishAcked sends a QoS 1 or 2 message and waits for its flow to end.
func (c *Client) publishAcked(ctx context.Context, p *packet.Publish) error {
	// The server's Receive Maximum bounds the messages in flight
	// [MQTT-3.3.4-7]; its token is returned with the last acknowledgement.
	select {
	case c.window <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	case <-c.closing:
		return c.endErr()
	}
	o, id, err := c.startOp(packet.PUBLISH, p.QoS, true)
	if err != nil {
		<-c.window
		return err
	}
	p.PacketID = id
	// The Store and a retransmission need a payload the caller cannot
	// change.
	p.Payload = bytes.Clone(p.Payload)
	if err := c.store.Put(Key{ID: id}, p); err != nil {
		c.dropOp(id)
		return fmt.Errorf("client: store: %w", err)
	}
	if err := c.queuePublish(p); err != nil {
		// Never written: forget it, the caller learns it failed.
		c.store.Delete(Key{ID: id})
		c.dropOp(id)
		return err
	}
	_, err = c.wait(ctx, o)
	return err
}
