package broker

import (
	"time"
	"unicode/utf8"

	"github.com/ternmq/tern/packet"
)

// handlePublish handles a PUBLISH from the client. Called in the read
// goroutine; routing happens here, inline.
func (c *conn) handlePublish(h packet.FixedHeader, body []byte) (closeCause, bool) {
	s := c.srv
	var p packet.Publish
	if err := p.Decode(c.version, h.Flags, body); err != nil {
		return c.readError(err), false
	}
	s.stats.MessagesReceived.Add(1)
	if p.QoS > s.opts.MaxQoS {
		return protocolError(packet.QoSNotSupported, "QoS above the server maximum"), false // [MQTT-3.2.2-11]
	}
	if p.Retain && s.opts.DisableRetain {
		return protocolError(packet.RetainNotSupported, "retain not supported"), false // [MQTT-3.2.2-14]
	}
	if c.version == packet.V5 {
		// A client must not send Subscription Identifiers [MQTT-3.3.4-6].
		if len(p.Props.SubscriptionIDs) > 0 {
			return protocolError(packet.ProtocolError, "subscription identifier in PUBLISH from a client"), false
		}
		if a := p.Props.TopicAlias; a != 0 {
			// Aliases above the maximum we announced are invalid [MQTT-3.3.2-9].
			if a > s.opts.TopicAliasMaximum {
				return protocolError(packet.TopicAliasInvalid, "topic alias above the maximum"), false
			}
			if p.Topic != "" {
				if c.aliases == nil {
					c.aliases = make(map[uint16]string)
				}
				c.aliases[a] = p.Topic
			} else if t, ok := c.aliases[a]; ok {
				p.Topic = t
			} else {
				// An alias never set is a Protocol Error (3.3.2.3.4).
				return protocolError(packet.ProtocolError, "unknown topic alias"), false
			}
			p.Props.TopicAlias = 0
		}
	}
	if err := s.limits.CheckName(p.Topic); err != nil {
		return protocolError(packet.TopicNameInvalid, "topic name: "+err.Error()), false
	}

	code := packet.Success
	if p.QoS == 2 {
		c.sess.mu.Lock()
		_, dup := c.sess.inbound2[p.PacketID]
		n := len(c.sess.inbound2)
		c.sess.mu.Unlock()
		if dup {
			// Already received: acknowledge again, deliver once [MQTT-4.3.3-10].
			c.sendPacket(&packet.Pubrec{PacketID: p.PacketID})
			return closeCause{}, true
		}
		if n >= int(s.opts.ReceiveMaximum) {
			return protocolError(packet.ReceiveMaximumExceeded, "receive maximum exceeded"), false // the client broke [MQTT-3.3.4-7]
		}
	}

	switch {
	case p.Props.PayloadFormat == 1 && !utf8.Valid(p.Payload):
		// The payload claims to be UTF-8 and is not [MQTT-3.3.2-4].
		code = packet.PayloadFormatInvalid
	case s.opts.Authorizer != nil && !s.opts.Authorizer.CanPublish(&c.client, p.Topic):
		s.stats.DroppedNotAuthorized.Add(1)
		c.log.Debug("publish not authorized", "topic", p.Topic)
		if c.version == packet.V5 {
			code = packet.NotAuthorized
		}
	default:
		now := time.Now()
		m := newMessage(p.Topic, p.Payload, p.QoS, p.Retain, &p.Props, c.clientID, now)
		if p.Retain {
			s.retain(m)
		}
		if !s.route(m, now) && c.version == packet.V5 {
			code = packet.NoMatchingSubscribers
		}
	}

	switch p.QoS {
	case 1:
		c.sendPacket(&packet.Puback{PacketID: p.PacketID, ReasonCode: code})
	case 2:
		if !code.IsError() {
			c.sess.mu.Lock()
			c.sess.inbound2[p.PacketID] = struct{}{}
			c.sess.mu.Unlock()
		}
		c.sendPacket(&packet.Pubrec{PacketID: p.PacketID, ReasonCode: code})
	}
	return closeCause{}, true
}

// handleAck handles PUBACK, PUBREC, PUBREL and PUBCOMP. Called in the read
// goroutine.
func (c *conn) handleAck(h packet.FixedHeader, body []byte) (closeCause, bool) {
	v := c.version
	switch h.Type {
	case packet.PUBACK:
		var p packet.Puback
		if err := p.Decode(v, h.Flags, body); err != nil {
			return c.readError(err), false
		}
		c.sess.ack(packet.PUBACK, p.PacketID, p.ReasonCode)
	case packet.PUBREC:
		var p packet.Pubrec
		if err := p.Decode(v, h.Flags, body); err != nil {
			return c.readError(err), false
		}
		if !c.sess.ack(packet.PUBREC, p.PacketID, p.ReasonCode) && !p.ReasonCode.IsError() {
			// Unknown identifier: complete the client's side of the flow.
			c.sendPacket(&packet.Pubrel{PacketID: p.PacketID, ReasonCode: packet.PacketIdentifierNotFound})
		}
	case packet.PUBCOMP:
		var p packet.Pubcomp
		if err := p.Decode(v, h.Flags, body); err != nil {
			return c.readError(err), false
		}
		c.sess.ack(packet.PUBCOMP, p.PacketID, p.ReasonCode)
	case packet.PUBREL:
		var p packet.Pubrel
		if err := p.Decode(v, h.Flags, body); err != nil {
			return c.readError(err), false
		}
		c.sess.mu.Lock()
		_, ok := c.sess.inbound2[p.PacketID]
		delete(c.sess.inbound2, p.PacketID)
		c.sess.mu.Unlock()
		code := packet.Success
		if !ok {
			code = packet.PacketIdentifierNotFound
		}
		// PUBCOMP releases the packet identifier [MQTT-4.3.3-11].
		c.sendPacket(&packet.Pubcomp{PacketID: p.PacketID, ReasonCode: code})
	}
	return closeCause{}, true
}

// target is one session a routed message goes to, with what its matching
// subscriptions combine to.
type target struct {
	sess   *session
	qos    byte
	retain bool
	subIDs []uint32
}

// route delivers m to every matching subscription and reports whether any
// matched. A client with several matching subscriptions gets one copy at
// the highest of their QoS, with all their subscription identifiers
// [MQTT-3.3.4-2], [MQTT-3.3.4-3]; each shared subscription group gets one
// copy, sent to one of its members [MQTT-4.8.2-4].
func (s *Server) route(m *Message, now time.Time) bool {
	var targets []target
	index := map[*session]int{}
	var groups map[string][]subEntry
	s.subs.mu.RLock()
	s.subs.tree.Match(m.Topic, func(k subKey, e subEntry) bool {
		if k.group != "" {
			if groups == nil {
				groups = make(map[string][]subEntry)
			}
			gk := k.group + "\x00" + e.sub.filter
			groups[gk] = append(groups[gk], e)
			return true
		}
		sub := e.sub
		// No Local: never back to the publisher [MQTT-3.8.3-3].
		if sub.noLocal && e.sess.id == m.From {
			return true
		}
		qos := min(m.QoS, sub.qos)
		// Retain As Published keeps the flag; otherwise it is cleared
		// [MQTT-3.3.1-12], [MQTT-3.3.1-13].
		retain := sub.rap && m.Retain
		i, ok := index[e.sess]
		if !ok {
			index[e.sess] = len(targets)
			targets = append(targets, target{sess: e.sess, qos: qos, retain: retain})
			i = len(targets) - 1
		} else {
			t := &targets[i]
			t.qos = max(t.qos, qos)
			t.retain = t.retain || retain
		}
		if sub.id != 0 {
			targets[i].subIDs = append(targets[i].subIDs, sub.id)
		}
		return true
	})
	s.subs.mu.RUnlock()
	for _, members := range groups {
		if e, ok := s.subs.pick(members); ok {
			t := target{sess: e.sess, qos: min(m.QoS, e.sub.qos), retain: false}
			if e.sub.id != 0 {
				t.subIDs = []uint32{e.sub.id}
			}
			targets = append(targets, t)
		}
	}
	authz := s.opts.Authorizer
	for _, t := range targets {
		if authz != nil && t.sess.client() != nil && !authz.CanRead(t.sess.client(), m.Topic) {
			continue
		}
		t.sess.deliver(m, t.qos, t.retain, t.subIDs, now)
	}
	return len(targets) > 0
}
