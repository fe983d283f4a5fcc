package broker

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/packet"
)

// session is the state the server keeps for one client identifier across
// connections [MQTT-4.1].
type session struct {
	id  string
	srv *Server

	mu            sync.Mutex // guards every field below
	conn          *conn      // nil while the client is offline
	claim         *conn      // a connection attaching: past authentication, CONNACK not yet queued
	version       packet.Version
	ended         bool
	subs          map[string]*subscription // by the filter as subscribed, $share prefix included
	expiry        uint32                   // seconds; expiryNever never
	zeroAtConnect bool                     // CONNECT set expiry 0 [MQTT-3.14.2-2]
	window        int                      // outbound in-flight limit of the current connection
	nextID        uint16
	seq           uint64
	inflight      map[uint16]*outbound // sent, not yet acknowledged
	held          int                  // in-flight entries held back from retransmission by the window
	queue         []queued             // waiting for the window or for the client
	queueBytes    int
	inbound2      map[uint16]struct{} // QoS 2 received, PUBREL not yet [MQTT-4.3.3]
	expireTimer   *time.Timer
	willTimer     *time.Timer
	delayedWill   *Message
	delayedAt     time.Time    // when delayedWill was built; its expiry counts from publication
	cl            *auth.Client // identity of the last connection, for read checks
}

// outbound is a QoS 1 or 2 message sent to the client and awaiting its
// acknowledgement.
type outbound struct {
	id     uint16
	seq    uint64 // send order, for retransmission in order [MQTT-4.6.0-1]
	msg    *Message
	qos    byte
	retain bool
	subIDs []uint32
	rel    bool // PUBREC received, PUBREL sent
	held   bool // awaiting room in the window to be retransmitted
}

// queued is a message waiting to be sent.
type queued struct {
	msg    *Message
	qos    byte
	retain bool
	subIDs []uint32
}

func newSession(s *Server, id string) *session {
	return &session{
		id:       id,
		srv:      s,
		subs:     make(map[string]*subscription),
		inflight: make(map[uint16]*outbound),
		inbound2: make(map[uint16]struct{}),
	}
}

// stopTimers cancels session expiry and a delayed will, because the client
// is back [MQTT-3.1.3-9]. sess.mu held.
func (sess *session) stopTimers() {
	if sess.expireTimer != nil {
		sess.expireTimer.Stop()
		sess.expireTimer = nil
	}
	if sess.willTimer != nil {
		sess.willTimer.Stop()
		sess.willTimer = nil
	}
	sess.delayedWill = nil
}

// setExpiryAtDisconnect applies the Session Expiry Interval of a DISCONNECT.
// Changing it from 0 is a Protocol Error [MQTT-3.14.2-2].
func (sess *session) setExpiryAtDisconnect(v, capExp uint32) bool {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	if sess.zeroAtConnect && v != 0 {
		return false
	}
	if capExp > 0 && v > capExp {
		v = capExp
	}
	sess.expiry = v
	return true
}

// publishPacket builds the PUBLISH for a delivery. sess.mu held.
func (sess *session) publishPacket(m *Message, qos byte, retain bool, subIDs []uint32, now time.Time) packet.Publish {
	p := packet.Publish{QoS: qos, Retain: retain, Topic: m.Topic, Payload: m.Payload}
	if sess.version == packet.V5 {
		p.Props = m.Props
		p.Props.MessageExpiry = m.expiryLeft(now)
		p.Props.SubscriptionIDs = subIDs
	}
	return p
}

// deliver sends or queues m for this session. Called with no locks held.
func (sess *session) deliver(m *Message, qos byte, retain bool, subIDs []uint32, now time.Time) {
	s := sess.srv
	sess.mu.Lock()
	defer sess.mu.Unlock()
	if sess.ended {
		return
	}
	if m.expired(now) {
		s.stats.DroppedExpired.Add(1)
		return
	}
	c := sess.conn
	if qos == 0 {
		if c != nil {
			p := sess.publishPacket(m, 0, retain, subIDs, now)
			if sess.tooLarge(c, &p) {
				return
			}
			c.sendPublish(&p)
			return
		}
		if !s.opts.QueueQoS0 || sess.expiry == 0 {
			return
		}
	}
	if c != nil && len(sess.queue) == 0 && len(sess.inflight) < sess.window {
		sess.sendNew(c, queued{msg: m, qos: qos, retain: retain, subIDs: subIDs}, now)
		return
	}
	sess.enqueue(queued{msg: m, qos: qos, retain: retain, subIDs: subIDs})
}

// tooLarge reports (and counts) a packet over the client's Maximum Packet
// Size, which is discarded as if it had been sent [MQTT-3.1.2-25].
func (sess *session) tooLarge(c *conn, p *packet.Publish) bool {
	if c.maxOut == 0 {
		return false
	}
	if p.QoS > 0 && p.PacketID == 0 {
		// sendNew measures before taking a packet identifier; Size refuses
		// QoS > 0 without one, and the value does not change the size.
		q := *p
		q.PacketID = 1
		p = &q
	}
	n, err := p.Size(sess.version)
	if err == nil && n <= c.maxOut {
		return false
	}
	sess.srv.stats.DroppedTooLarge.Add(1)
	return true
}

// enqueue adds q to the session queue, dropping it when the queue is full:
// the newest message is the one dropped, so what is queued stays in order
// without gaps. sess.mu held.
func (sess *session) enqueue(q queued) {
	s := sess.srv
	size := q.msg.size()
	if len(sess.queue) >= s.opts.MaxQueuedMessages || sess.queueBytes+size > s.opts.MaxQueuedBytes {
		s.stats.DroppedQueueFull.Add(1)
		return
	}
	sess.queue = append(sess.queue, q)
	sess.queueBytes += size
}

// sendNew sends a queued message now, taking a packet identifier and an
// in-flight slot for QoS 1 and 2. sess.mu held.
func (sess *session) sendNew(c *conn, q queued, now time.Time) {
	p := sess.publishPacket(q.msg, q.qos, q.retain, q.subIDs, now)
	if sess.tooLarge(c, &p) {
		return
	}
	if q.qos == 0 {
		c.sendPublish(&p)
		return
	}
	id := sess.newID()
	p.PacketID = id
	sess.seq++
	sess.inflight[id] = &outbound{id: id, seq: sess.seq, msg: q.msg, qos: q.qos, retain: q.retain, subIDs: q.subIDs}
	c.sendPublish(&p)
}

// newID returns an unused packet identifier [MQTT-2.2.1-3]. The in-flight
// window is at most 65,535, so one is always free. sess.mu held.
func (sess *session) newID() uint16 {
	for {
		sess.nextID++
		if sess.nextID == 0 {
			sess.nextID = 1
		}
		if _, used := sess.inflight[sess.nextID]; !used {
			return sess.nextID
		}
	}
}

// fill moves queued messages into the in-flight window. sess.mu held.
func (sess *session) fill(now time.Time) {
	c := sess.conn
	if c == nil {
		return
	}
	sess.releaseHeld(c, now)
	i := 0
	for ; i < len(sess.queue); i++ {
		q := sess.queue[i]
		if q.qos > 0 && len(sess.inflight) >= sess.window {
			break
		}
		sess.queueBytes -= q.msg.size()
		sess.queue[i] = queued{}
		if q.msg.expired(now) {
			sess.srv.stats.DroppedExpired.Add(1)
			continue
		}
		sess.sendNew(c, q, now)
	}
	sess.queue = sess.queue[i:]
	if len(sess.queue) == 0 {
		sess.queue = nil
	}
}

// resend retransmits unacknowledged messages on a resumed session, in
// their original order, with DUP set, and PUBREL for those already
// received [MQTT-4.4.0-1]. The new connection's Receive Maximum applies to
// them too [MQTT-3.3.4-9]: what does not fit is held and sent, oldest
// first, as acknowledgements free the window (fill). sess.mu held.
func (sess *session) resend(c *conn) {
	sess.held = 0
	if len(sess.inflight) == 0 {
		return
	}
	list := make([]*outbound, 0, len(sess.inflight))
	for _, o := range sess.inflight {
		list = append(list, o)
	}
	slices.SortFunc(list, func(a, b *outbound) int { return cmp.Compare(a.seq, b.seq) })
	sent := 0
	for _, o := range list {
		o.held = sent >= sess.window
		if o.held {
			sess.held++
			continue
		}
		if sess.retransmit(c, o, time.Now()) {
			sent++
		}
	}
}

// retransmit sends an in-flight message again: PUBREL if its PUBREC came,
// else the PUBLISH with DUP. A PUBLISH too large for this connection's
// client is discarded as if delivered [MQTT-3.1.2-25]; it then returns
// false. sess.mu held.
func (sess *session) retransmit(c *conn, o *outbound, now time.Time) bool {
	if o.rel {
		c.sendPacket(&packet.Pubrel{PacketID: o.id})
		return true
	}
	p := sess.publishPacket(o.msg, o.qos, o.retain, o.subIDs, now)
	p.PacketID = o.id
	p.Dup = true // [MQTT-3.3.1-1]
	if sess.tooLarge(c, &p) {
		delete(sess.inflight, o.id)
		return false
	}
	c.sendPublish(&p)
	return true
}

// releaseHeld sends held retransmissions, oldest first, while the window
// has room. sess.mu held.
func (sess *session) releaseHeld(c *conn, now time.Time) {
	for sess.held > 0 && len(sess.inflight)-sess.held < sess.window {
		var oldest *outbound
		for _, o := range sess.inflight {
			if o.held && (oldest == nil || o.seq < oldest.seq) {
				oldest = o
			}
		}
		if oldest == nil {
			sess.held = 0
			return
		}
		oldest.held = false
		sess.held--
		sess.retransmit(c, oldest, now)
	}
}

// ack handles PUBACK, PUBREC and PUBCOMP for an outbound message. It
// returns false when the packet identifier is unknown.
func (sess *session) ack(t packet.Type, id uint16, code packet.ReasonCode) bool {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	o := sess.inflight[id]
	if o == nil {
		return false
	}
	switch {
	case t == packet.PUBACK && o.qos == 1,
		t == packet.PUBCOMP && o.qos == 2 && o.rel,
		// A PUBREC with an error code ends the exchange (4.3.3).
		t == packet.PUBREC && o.qos == 2 && code.IsError():
		delete(sess.inflight, id)
		sess.fill(time.Now())
	case t == packet.PUBREC && o.qos == 2:
		o.rel = true
		o.msg = nil // the message itself is no longer needed [MQTT-4.3.3-4]
		if sess.conn != nil {
			sess.conn.sendPacket(&packet.Pubrel{PacketID: id})
		}
	default:
		return false
	}
	return true
}
