package broker

import (
	"time"

	"github.com/ternmq/tern/packet"
)

// Message is one application message as routed by the broker. It is
// immutable once routed: every subscriber, queue and the retained store
// share the same *Message.
type Message struct {
	Topic   string
	Payload []byte
	QoS     byte // as published
	Retain  bool // as published
	// Props are the properties forwarded to subscribers untouched:
	// payload format, content type, response topic, correlation data and
	// user properties [MQTT-3.3.2-17..20]. Message expiry is kept in
	// Expires instead, and topic alias and subscription identifiers are
	// per delivery.
	Props packet.Properties
	// Expires is when the message expires; zero means never.
	Expires time.Time
	// From is the client identifier of the publisher ("" for the
	// server's own messages), used for No Local.
	From string
}

// expired reports whether m has expired at now.
func (m *Message) expired(now time.Time) bool {
	return !m.Expires.IsZero() && !now.Before(m.Expires)
}

// expiryLeft is the Message Expiry Interval to send at now: the time left,
// rounded up, so the receiver sees the lifetime less the time the message
// waited [MQTT-3.3.2-6].
func (m *Message) expiryLeft(now time.Time) packet.Opt[uint32] {
	if m.Expires.IsZero() {
		return packet.Opt[uint32]{}
	}
	left := m.Expires.Sub(now)
	secs := uint32((left + time.Second - 1) / time.Second)
	return packet.Some(secs)
}

// size approximates the memory a queued message holds, for the queue's
// byte bound.
func (m *Message) size() int {
	n := len(m.Topic) + len(m.Payload) + len(m.Props.ContentType) + len(m.Props.ResponseTopic) + len(m.Props.CorrelationData)
	for _, u := range m.Props.User {
		n += len(u.Key) + len(u.Value)
	}
	return n
}

// newMessage builds the routed message from a PUBLISH or a will.
func newMessage(topic string, payload []byte, qos byte, retain bool, props *packet.Properties, from string, now time.Time) *Message {
	m := &Message{Topic: topic, Payload: payload, QoS: qos, Retain: retain, From: from}
	m.Props.PayloadFormat = props.PayloadFormat
	m.Props.ContentType = props.ContentType
	m.Props.ResponseTopic = props.ResponseTopic
	m.Props.CorrelationData = props.CorrelationData
	m.Props.User = props.User
	if e := props.MessageExpiry; e.Present {
		m.Expires = now.Add(time.Duration(e.Value) * time.Second)
	}
	return m
}
