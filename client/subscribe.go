package client

import (
	"context"
	"errors"
	"fmt"

	"github.com/ternmq/tern/packet"
	"github.com/ternmq/tern/topic"
)

// Subscribe subscribes to the filters of subs in one SUBSCRIBE and waits,
// until ctx ends, for SUBACK. It returns one reason code per subscription:
// the granted QoS, or a failure. When a subscription is refused, the
// returned error is a *ReasonError with the first failure code; the codes
// are returned all the same.
//
// Each Handler is registered before SUBSCRIBE is sent, replacing any
// handler of the same filter, and removed again if the server refuses the
// subscription. Messages are routed by matching their topic against the
// filters with topic.Match (a shared subscription on the filter after
// "$share/{group}/"); every matching handler runs, and a message that no
// handler matches goes to Options.OnMessage.
func (c *Client) Subscribe(ctx context.Context, subs ...Subscription) ([]packet.ReasonCode, error) {
	if len(subs) == 0 {
		return nil, fmt.Errorf("client: subscribe: %w", packet.ErrNoTopics)
	}
	sp := &packet.Subscribe{Subscriptions: make([]packet.Subscription, len(subs))}
	var subID uint32
	for i, s := range subs {
		if err := topic.ValidFilter(s.Filter); err != nil {
			return nil, fmt.Errorf("client: subscribe to %q: %w", s.Filter, err)
		}
		if s.ID != 0 {
			if subID != 0 && s.ID != subID {
				return nil, errors.New("client: subscribe: one subscription identifier per call")
			}
			subID = s.ID
		}
		sp.Subscriptions[i] = packet.Subscription{
			Filter:            s.Filter,
			QoS:               s.QoS,
			NoLocal:           s.NoLocal,
			RetainAsPublished: s.RetainAsPublished,
			RetainHandling:    s.RetainHandling,
		}
	}
	if subID != 0 {
		switch {
		case c.version != packet.V5:
			return nil, fmt.Errorf("client: subscription identifier: %w", packet.ErrNotInVersion)
		case c.connack.Props.SubscriptionIDAvailable.Or(1) == 0:
			// The server said it does not support them (MQTT 5.0 section 3.2.2.3.12).
			return nil, fmt.Errorf("client: subscribe: %w", packet.SubscriptionIdentifiersNotSupported)
		}
		sp.Props.SubscriptionIDs = []uint32{subID}
	}
	prev := c.addRoutes(subs)
	o, id, err := c.startOp(packet.SUBSCRIBE, 0, false)
	if err != nil {
		c.restoreRoutes(subs, prev, nil)
		return nil, err
	}
	sp.PacketID = id
	if err := c.queue(sp); err != nil {
		c.dropOp(id)
		c.restoreRoutes(subs, prev, nil)
		return nil, fmt.Errorf("client: subscribe: %w", err)
	}
	ack, err := c.wait(ctx, o)
	if err != nil {
		return nil, err
	}
	sa := ack.(*packet.Suback)
	if len(sa.ReasonCodes) != len(subs) {
		return sa.ReasonCodes, fmt.Errorf("client: SUBACK with %d reason codes for %d filters: %w",
			len(sa.ReasonCodes), len(subs), packet.ProtocolError)
	}
	var first error
	for _, code := range sa.ReasonCodes {
		if code.IsError() {
			first = &ReasonError{Packet: packet.SUBACK, Code: code, Reason: sa.Props.ReasonString}
			break
		}
	}
	if first != nil {
		c.restoreRoutes(subs, prev, sa.ReasonCodes)
	}
	return sa.ReasonCodes, first
}

// Unsubscribe removes subscriptions and waits, until ctx ends, for
// UNSUBACK. It returns one reason code per filter (5.0; before 5.0 the
// server reports none and every code is packet.Success). The handler of a
// filter is removed unless its code is a failure, in which case the
// returned error is a *ReasonError with the first failure.
func (c *Client) Unsubscribe(ctx context.Context, filters ...string) ([]packet.ReasonCode, error) {
	if len(filters) == 0 {
		return nil, fmt.Errorf("client: unsubscribe: %w", packet.ErrNoTopics)
	}
	for _, f := range filters {
		if err := topic.ValidFilter(f); err != nil {
			return nil, fmt.Errorf("client: unsubscribe from %q: %w", f, err)
		}
	}
	up := &packet.Unsubscribe{Filters: filters}
	o, id, err := c.startOp(packet.UNSUBSCRIBE, 0, false)
	if err != nil {
		return nil, err
	}
	up.PacketID = id
	if err := c.queue(up); err != nil {
		c.dropOp(id)
		return nil, fmt.Errorf("client: unsubscribe: %w", err)
	}
	ack, err := c.wait(ctx, o)
	if err != nil {
		return nil, err
	}
	ua := ack.(*packet.Unsuback)
	codes := ua.ReasonCodes
	if c.version != packet.V5 {
		codes = make([]packet.ReasonCode, len(filters))
	}
	if len(codes) != len(filters) {
		return codes, fmt.Errorf("client: UNSUBACK with %d reason codes for %d filters: %w",
			len(codes), len(filters), packet.ProtocolError)
	}
	var first error
	c.routeMu.Lock()
	for i, code := range codes {
		if code.IsError() {
			if first == nil {
				first = &ReasonError{Packet: packet.UNSUBACK, Code: code, Reason: ua.Props.ReasonString}
			}
			continue
		}
		c.routes.Remove(routeKey(filters[i]), filters[i])
	}
	c.routeMu.Unlock()
	return codes, first
}

// route is a handler as it was before Subscribe replaced it.
type route struct {
	h  func(*Message)
	ok bool
}

// addRoutes registers the handlers of subs and returns the ones they
// replace.
func (c *Client) addRoutes(subs []Subscription) []route {
	prev := make([]route, len(subs))
	c.routeMu.Lock()
	defer c.routeMu.Unlock()
	for i, s := range subs {
		key := routeKey(s.Filter)
		prev[i].h, prev[i].ok = c.routes.Get(key, s.Filter)
		if s.Handler != nil {
			c.routes.Insert(key, s.Filter, s.Handler)
		} else {
			c.routes.Remove(key, s.Filter)
		}
	}
	return prev
}

// restoreRoutes puts back the handlers replaced by addRoutes, for every
// subscription when codes is nil, otherwise for the refused ones.
func (c *Client) restoreRoutes(subs []Subscription, prev []route, codes []packet.ReasonCode) {
	c.routeMu.Lock()
	defer c.routeMu.Unlock()
	for i := len(subs) - 1; i >= 0; i-- {
		if codes != nil && !codes[i].IsError() {
			continue
		}
		key := routeKey(subs[i].Filter)
		if prev[i].ok {
			c.routes.Insert(key, subs[i].Filter, prev[i].h)
		} else {
			c.routes.Remove(key, subs[i].Filter)
		}
	}
}
