package broker

import (
	"time"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/packet"
)

// online reports whether a client is connected to the session.
func (sess *session) online() bool {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return sess.conn != nil
}

// client returns the identity of the session's last connection, for read
// authorization while it is offline.
func (sess *session) client() *auth.Client {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return sess.cl
}

// willMessage builds the message a will becomes.
func willMessage(w *packet.Will, from string, now time.Time) *Message {
	return newMessage(w.Topic, w.Payload, w.QoS, w.Retain, &w.Props, from, now)
}

// publish routes a message the server itself publishes (wills, $SYS).
func (s *Server) publish(m *Message) {
	now := time.Now()
	if m.Retain {
		s.retain(m)
	}
	s.route(m, now)
}

// detach ends the connection's hold on its session: the will is published
// (now or after its delay) when the cause calls for it, and the session
// ends now or is scheduled to expire [MQTT-3.1.2-23]. Called in the read
// goroutine once the read loop has ended.
func (c *conn) detach(cause closeCause) {
	sess := c.sess
	if sess == nil {
		return
	}
	s := c.srv
	s.stats.ClientsConnected.Add(-1)
	now := time.Now()

	// Server.mu too: a session that ends with its connection leaves the
	// session map at the moment the connection leaves it, so a CONNECT
	// racing with endSession below cannot resume a session being discarded.
	s.mu.Lock()
	sess.mu.Lock()
	if sess.conn != c {
		sess.mu.Unlock()
		s.mu.Unlock()
		return
	}
	sess.conn = nil
	expiry := sess.expiry
	if expiry == 0 && s.sessions[sess.id] == sess {
		delete(s.sessions, sess.id)
	}
	var will *Message
	if cause.will && c.will != nil {
		will = willMessage(c.will, c.clientID, now)
		delay := c.will.Props.WillDelay
		if delay > 0 && expiry > 0 {
			// The will waits for its delay, or the end of the session if
			// that comes first [MQTT-3.1.3-9].
			d := time.Duration(min(delay, expiry)) * time.Second
			sess.delayedWill, sess.delayedAt = will, now
			sess.willTimer = time.AfterFunc(d, func() { s.fireDelayedWill(sess) })
			will = nil
		}
	}
	if expiry != 0 && expiry != expiryNever {
		d := time.Duration(expiry) * time.Second
		sess.expireTimer = time.AfterFunc(d, func() { s.expireSession(sess) })
	}
	sess.mu.Unlock()
	s.mu.Unlock()

	if will != nil {
		s.publish(will)
	}
	if expiry == 0 {
		s.endSession(sess, true)
	}
}

// fireDelayedWill publishes a will whose delay has passed, unless the
// client came back.
func (s *Server) fireDelayedWill(sess *session) {
	sess.mu.Lock()
	will := sess.takeDelayedWill(time.Now())
	sess.willTimer = nil
	sess.mu.Unlock()
	if will != nil {
		s.publish(will)
	}
}

// expireSession ends an offline session whose expiry interval passed.
func (s *Server) expireSession(sess *session) {
	// Decide and leave the session map under both locks, so a client
	// resuming the session at this moment either claimed it first (and the
	// session lives) or finds no session.
	s.mu.Lock()
	sess.mu.Lock()
	offline := sess.conn == nil && sess.claim == nil && !sess.ended
	if offline && s.sessions[sess.id] == sess {
		delete(s.sessions, sess.id)
	}
	sess.mu.Unlock()
	s.mu.Unlock()
	if offline {
		s.endSession(sess, true)
	}
}

// endSession discards a session: its subscriptions leave the index and a
// pending delayed will is published now, since the session ends first
// (3.1.3.2.2).
func (s *Server) endSession(sess *session, publishWill bool) {
	s.mu.Lock()
	if s.sessions[sess.id] == sess {
		delete(s.sessions, sess.id)
	}
	s.mu.Unlock()

	sess.mu.Lock()
	if sess.ended {
		sess.mu.Unlock()
		return
	}
	sess.ended = true
	will := sess.takeDelayedWill(time.Now())
	sess.stopTimers()
	subs := sess.subs
	sess.subs = nil
	sess.queue, sess.inflight, sess.inbound2 = nil, nil, nil
	sess.mu.Unlock()

	for _, sub := range subs {
		s.subs.remove(sess, sub)
	}
	if publishWill && will != nil {
		s.publish(will)
	}
}

// takeDelayedWill removes and returns the delayed will as published at now:
// its Message Expiry Interval is its lifetime from publication (3.1.3.2.4),
// not from the disconnection. sess.mu held.
func (sess *session) takeDelayedWill(now time.Time) *Message {
	w := sess.delayedWill
	sess.delayedWill = nil
	if w == nil || w.Expires.IsZero() {
		return w
	}
	m := *w
	m.Expires = now.Add(w.Expires.Sub(sess.delayedAt))
	return &m
}
