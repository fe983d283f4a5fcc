package broker

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/ternmq/tern/packet"
	"github.com/ternmq/tern/topic"
)

// subscription is one subscription of a session, as granted.
type subscription struct {
	full    string // the filter as subscribed, $share/group/ included
	filter  string // the filter matched against topics
	group   string // the shared subscription group, "" when not shared
	qos     byte
	noLocal bool
	rap     bool
	rh      byte
	id      uint32 // subscription identifier, 0 for none
}

// subKey identifies an entry in the index: a session, and for shared
// subscriptions its group.
type subKey struct {
	client string
	group  string
}

type subEntry struct {
	sess *session
	sub  *subscription
}

// subIndex maps filters to subscriptions.
type subIndex struct {
	mu   sync.RWMutex // guards tree
	tree topic.Tree[subKey, subEntry]
	rr   atomic.Uint32 // rotates shared subscription picks
}

func (x *subIndex) init() {}

func (x *subIndex) count() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.tree.Len()
}

func (x *subIndex) insert(sess *session, sub *subscription) {
	x.mu.Lock()
	x.tree.Insert(sub.filter, subKey{sess.id, sub.group}, subEntry{sess, sub})
	x.mu.Unlock()
}

func (x *subIndex) remove(sess *session, sub *subscription) {
	x.mu.Lock()
	if e, ok := x.tree.Get(sub.filter, subKey{sess.id, sub.group}); ok && e.sess == sess {
		x.tree.Remove(sub.filter, subKey{sess.id, sub.group})
	}
	x.mu.Unlock()
}

// pick chooses the member of a shared group that gets a message: members
// take turns, and a connected member is preferred to an offline one, so a
// message for a departed member goes to another (4.8.2).
func (x *subIndex) pick(members []subEntry) (subEntry, bool) {
	if len(members) == 0 {
		return subEntry{}, false
	}
	start := int(x.rr.Add(1) % uint32(len(members)))
	for i := range members {
		e := members[(start+i)%len(members)]
		if e.sess.online() {
			return e, true
		}
	}
	return members[start], true
}

// handleSubscribe grants or refuses each filter of a SUBSCRIBE, answers
// SUBACK, then sends the retained messages the subscriptions ask for.
// Called in the read goroutine.
func (c *conn) handleSubscribe(p *packet.Subscribe) (closeCause, bool) {
	s := c.srv
	sess := c.sess
	v5 := c.version == packet.V5
	var subID uint32
	if len(p.Props.SubscriptionIDs) > 0 {
		subID = p.Props.SubscriptionIDs[0]
	}
	codes := make([]packet.ReasonCode, len(p.Subscriptions))
	// Retained messages are looked up as each subscription is installed,
	// before SUBACK: a message published once the client has its SUBACK
	// reaches it through the subscription only, not again as retained.
	type retainedFor struct {
		sub  *subscription
		msgs []*Message
	}
	var wantRetained []retainedFor
	now := time.Now()
	for i, req := range p.Subscriptions {
		code, sub, existed, cause := c.grant(req, subID)
		if cause != nil {
			return *cause, false
		}
		codes[i] = code
		if sub == nil {
			continue
		}
		// Retain Handling: 0 always, 1 only for a new subscription, 2 never;
		// shared subscriptions get no retained messages (3.3.1.3, 4.8.2).
		if sub.group == "" && (sub.rh == 0 || sub.rh == 1 && !existed) {
			wantRetained = append(wantRetained, retainedFor{sub, s.retained.match(sub.filter, now)})
		}
	}
	if !v5 {
		for i, code := range codes {
			if code.IsError() {
				codes[i] = packet.UnspecifiedError // 3.1.1 has only 0x80 [MQTT-3.9.3-2]
			}
		}
	}
	c.sendPacket(&packet.Suback{PacketID: p.PacketID, ReasonCodes: codes})
	for _, r := range wantRetained {
		sub := r.sub
		var ids []uint32
		if sub.id != 0 {
			ids = []uint32{sub.id}
		}
		for _, m := range r.msgs {
			if s.opts.Authorizer != nil && !s.opts.Authorizer.CanRead(&c.client, m.Topic) {
				continue
			}
			// Retained messages are sent with RETAIN set [MQTT-3.3.1-9].
			sess.deliver(m, min(m.QoS, sub.qos), true, ids, now)
		}
	}
	return closeCause{}, true
}

// grant checks one requested subscription and installs it. It returns the
// SUBACK code, the subscription when granted and whether it replaced one,
// or a cause when the connection must end.
func (c *conn) grant(req packet.Subscription, subID uint32) (packet.ReasonCode, *subscription, bool, *closeCause) {
	s := c.srv
	sess := c.sess
	if err := s.limits.CheckFilter(req.Filter); err != nil {
		return packet.TopicFilterInvalid, nil, false, nil
	}
	filter, group := req.Filter, ""
	if g, inner, ok := topic.ParseShared(req.Filter); ok {
		// No Local on a shared subscription is a Protocol Error [MQTT-3.8.3-4].
		if req.NoLocal {
			cause := protocolError(packet.ProtocolError, "no local on a shared subscription")
			return 0, nil, false, &cause
		}
		filter, group = inner, g
	}
	if s.opts.Authorizer != nil && !s.opts.Authorizer.CanSubscribe(&c.client, req.Filter) {
		return packet.NotAuthorized, nil, false, nil
	}
	sub := &subscription{
		full:    req.Filter,
		filter:  filter,
		group:   group,
		qos:     min(req.QoS, s.opts.MaxQoS), // the server may grant less than requested (3.8.4)
		noLocal: req.NoLocal,
		rap:     req.RetainAsPublished,
		rh:      req.RetainHandling,
		id:      subID,
	}
	sess.mu.Lock()
	old, existed := sess.subs[req.Filter]
	if !existed && len(sess.subs) >= s.opts.MaxSubscriptions {
		sess.mu.Unlock()
		return packet.QuotaExceeded, nil, false, nil
	}
	// A subscription to an existing filter replaces it [MQTT-3.8.4-3].
	sess.subs[req.Filter] = sub
	sess.mu.Unlock()
	if existed && (old.filter != sub.filter || old.group != sub.group) {
		s.subs.remove(sess, old)
	}
	s.subs.insert(sess, sub)
	return packet.ReasonCode(sub.qos), sub, existed, nil
}

// handleUnsubscribe removes subscriptions and answers UNSUBACK. Called in
// the read goroutine.
func (c *conn) handleUnsubscribe(p *packet.Unsubscribe) (closeCause, bool) {
	sess := c.sess
	codes := make([]packet.ReasonCode, len(p.Filters))
	for i, f := range p.Filters {
		sess.mu.Lock()
		sub, ok := sess.subs[f]
		delete(sess.subs, f)
		sess.mu.Unlock()
		if !ok {
			codes[i] = packet.NoSubscriptionExisted
			continue
		}
		c.srv.subs.remove(sess, sub)
	}
	// The server answers even when nothing was removed [MQTT-3.10.4-5].
	c.sendPacket(&packet.Unsuback{PacketID: p.PacketID, ReasonCodes: codes})
	return closeCause{}, true
}

// retainedStore holds the last retained message of each topic.
type retainedStore struct {
	mu   sync.RWMutex // guards tree
	tree topic.Tree[struct{}, *Message]
	max  int
}

func (r *retainedStore) init(max int) { r.max = max }

func (r *retainedStore) count() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.tree.Len()
}

// set stores m, or deletes the topic's message when m has no payload
// [MQTT-3.3.1-10]. It returns false when the store is full.
func (r *retainedStore) set(m *Message) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(m.Payload) == 0 {
		r.tree.Remove(m.Topic, struct{}{})
		return true
	}
	if _, ok := r.tree.Get(m.Topic, struct{}{}); !ok && r.tree.Len() >= r.max {
		return false
	}
	r.tree.Insert(m.Topic, struct{}{}, m)
	return true
}

// match returns the unexpired retained messages whose topics match filter.
func (r *retainedStore) match(filter string, now time.Time) []*Message {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []*Message
	r.tree.Scan(filter, func(_ string, _ struct{}, m *Message) bool {
		if !m.expired(now) {
			out = append(out, m)
		}
		return true
	})
	return out
}

// retain updates the retained store from a PUBLISH with RETAIN set
// [MQTT-3.3.1-5].
func (s *Server) retain(m *Message) {
	if !s.retained.set(m) {
		s.stats.DroppedRetainedLimit.Add(1)
		s.log.Warn("retained message limit reached; message not retained", "topic", m.Topic)
	}
}

// sweep removes expired retained messages, so they stop holding memory
// and a place under MaxRetained. It returns how many it removed.
func (r *retainedStore) sweep(now time.Time) int {
	var expired []string
	r.mu.RLock()
	r.tree.Walk(func(topic string, _ struct{}, m *Message) bool {
		if m.expired(now) {
			expired = append(expired, topic)
		}
		return true
	})
	r.mu.RUnlock()
	if len(expired) == 0 {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, t := range expired {
		// Check again: the topic may have been replaced meanwhile.
		if m, ok := r.tree.Get(t, struct{}{}); ok && m.expired(now) {
			r.tree.Remove(t, struct{}{})
			n++
		}
	}
	return n
}
