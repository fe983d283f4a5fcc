package broker

import (
	"context"
	"crypto/rand"
	"errors"
	"math"
	"time"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/packet"
)

// expiryNever is the session expiry interval that means the session never
// expires (0xFFFFFFFF, 3.1.2.11.2).
const expiryNever = math.MaxUint32

// readConnect reads the first packet, which must be CONNECT [MQTT-3.1.0-1],
// and handles it. Called in the read goroutine.
func (c *conn) readConnect() (closeCause, bool) {
	h, err := c.r.ReadHeader()
	if err != nil {
		if h.Type == packet.CONNECT && errors.Is(err, packet.ErrReservedFlags) && h.Size() <= c.srv.opts.MaxPacketSize {
			// The body still tells a 5.0 client, which is answered with a
			// CONNACK carrying the reason code as for any other malformed
			// CONNECT (4.13.1).
			if body, rerr := c.r.ReadBody(h); rerr == nil {
				var p packet.Connect
				derr := p.Decode(0, h.Flags, body)
				if p.Version == packet.V5 && !errors.Is(derr, packet.UnsupportedProtocolVersion) {
					c.version = packet.V5
					c.refuse(packet.MalformedPacket, "")
				}
			}
		}
		cause := c.readError(err)
		cause.send, cause.will = false, false
		return cause, false
	}
	if h.Type != packet.CONNECT {
		return closeCause{reason: "first packet is " + h.Type.String() + ", not CONNECT", err: errors.New("no CONNECT")}, false
	}
	body, err := c.r.ReadBody(h)
	if err != nil {
		return closeCause{reason: "reading CONNECT", err: err}, false
	}
	c.srv.stats.BytesReceived.Add(int64(h.Size()))
	var p packet.Connect
	if err := p.Decode(0, h.Flags, body); err != nil {
		var pe *packet.Error
		if errors.As(err, &pe) {
			switch {
			case pe.Code == packet.UnsupportedProtocolVersion:
				// 3.1.1 answers 0x01 [MQTT-3.1.2-2]; 5.0 allows 0x84 in 5.0 form,
				// but a client of an unknown level reads neither reliably, so
				// answer in the 3.1.1 form as Mosquitto does.
				c.version = packet.V311
				c.refuse(packet.UnsupportedProtocolVersion, "")
			case p.Version == packet.V5:
				// A malformed CONNECT gets a CONNACK with the reason code (4.13.1).
				c.version = packet.V5
				c.refuse(pe.Code, "")
			}
		}
		return closeCause{reason: "invalid CONNECT", err: err}, false
	}
	return c.handleConnect(&p)
}

// refuse sends a CONNACK with a failure code [MQTT-3.2.2-7]; the caller then
// closes the connection.
func (c *conn) refuse(code packet.ReasonCode, reason string) {
	c.srv.stats.ConnectsRefused.Add(1)
	c.sendPacket(&packet.Connack{ReasonCode: code, Props: c.reasonProps(reason)})
}

func refused(code packet.ReasonCode, reason string) closeCause {
	return closeCause{code: code, reason: "connection refused: " + reason, err: code}
}

// handleConnect authenticates the client, attaches its session and sends
// CONNACK. Called in the read goroutine.
func (c *conn) handleConnect(p *packet.Connect) (closeCause, bool) {
	s := c.srv
	c.version = p.Version
	c.r.Version = p.Version
	c.problemInfo = p.Props.RequestProblemInfo.Or(1) == 1
	if p.Props.MaximumPacketSize != 0 {
		c.maxOut = int(p.Props.MaximumPacketSize)
	}
	fail := func(code packet.ReasonCode, reason string) (closeCause, bool) {
		c.refuse(code, reason)
		return refused(code, reason), false
	}

	// Client identifier [MQTT-3.1.3-6..8].
	id := p.ClientID
	assigned := false
	if id == "" {
		if p.Version == packet.V31 || (p.Version == packet.V311 && !p.CleanStart) {
			// 3.1 requires an identifier; 3.1.1 accepts none only with a
			// clean session [MQTT-3.1.3-8].
			return fail(packet.ClientIdentifierNotValid, "empty client identifier")
		}
		id = "tern-" + rand.Text()[:16]
		assigned = true
	}
	c.clientID = id
	c.log = c.log.With("client_id", id)

	// Keep alive [MQTT-3.1.2-21].
	ka := p.KeepAlive
	var serverKA packet.Opt[uint16]
	max := s.opts.MaxKeepAlive
	if ka > max || (ka == 0 && max < 65535) {
		switch {
		case p.Version == packet.V5:
			serverKA = packet.Some(max) // the client must use it [MQTT-3.2.2-21]
		case ka > max:
			// 3.1 and 3.1.1 cannot be told another keep alive; refuse it as
			// Mosquitto does with max_keepalive.
			return fail(packet.ClientIdentifierNotValid, "keep alive above the server maximum")
		}
		// A 3.1/3.1.1 keep alive of 0 turns the client's mechanism off, and
		// is a valid request, not one above the maximum: the client is
		// admitted, and the server still closes the connection after 1.5 x
		// the maximum of silence, as it may close an inactive client "at any
		// time, regardless of the Keep Alive value" (3.1.2.10).
		ka = max
	}
	c.keepAlive = time.Duration(ka) * time.Second

	if p.Props.AuthMethod != "" {
		// No enhanced authentication method is supported (4.12).
		return fail(packet.BadAuthenticationMethod, "authentication method not supported")
	}
	if p.Version == packet.V5 {
		c.aliasMax = min(p.Props.TopicAliasMaximum, s.opts.MaxOutboundAliases)
	}

	// Will [MQTT-3.1.2-7..15].
	if w := p.Will; w != nil {
		if err := s.limits.CheckName(w.Topic); err != nil {
			return fail(packet.TopicNameInvalid, "will topic: "+err.Error())
		}
		if w.QoS > s.opts.MaxQoS {
			return fail(packet.QoSNotSupported, "will QoS above the server maximum") // [MQTT-3.2.2-12]
		}
		if w.Retain && s.opts.DisableRetain {
			return fail(packet.RetainNotSupported, "retained will not supported") // [MQTT-3.2.2-13]
		}
		if w.Props.PayloadFormat == 1 && packet.ValidString(string(w.Payload)) != nil {
			return fail(packet.PayloadFormatInvalid, "will payload is not UTF-8") // [MQTT-3.1.3-15]
		}
	}

	// Authentication.
	c.client = auth.Client{
		ClientID:    id,
		Username:    p.Username,
		HasUsername: p.UsernameFlag,
		Password:    p.Password,
		Remote:      c.nc.RemoteAddr(),
	}
	if !p.UsernameFlag {
		if !s.opts.AllowAnonymous {
			s.stats.AuthFailures.Add(1)
			return fail(packet.NotAuthorized, "anonymous access is not allowed")
		}
	} else if s.opts.Authenticator != nil {
		ctx, cancel := context.WithTimeout(context.Background(), s.opts.ConnectTimeout)
		err := s.opts.Authenticator.Authenticate(ctx, c.client)
		cancel()
		if err != nil {
			s.stats.AuthFailures.Add(1)
			c.log.Info("authentication failed", "username", p.Username, "err", err)
			if errors.Is(err, auth.ErrNotAuthorized) {
				return fail(packet.NotAuthorized, "not authorized")
			}
			return fail(packet.BadUserNameOrPassword, "bad user name or password")
		}
	}
	c.client.Password = nil
	if w := p.Will; w != nil && s.opts.Authorizer != nil && !s.opts.Authorizer.CanPublish(&c.client, w.Topic) {
		return fail(packet.NotAuthorized, "will topic not authorized")
	}
	c.will = p.Will

	// Session expiry [MQTT-3.1.2-23].
	expiry := uint32(0)
	if p.Version == packet.V5 {
		expiry = p.Props.SessionExpiry.Value
	} else if !p.CleanStart {
		expiry = expiryNever
	}
	var expiryProp packet.Opt[uint32]
	if capExp := s.opts.MaxSessionExpiry; capExp > 0 && expiry > capExp {
		expiry = capExp
		expiryProp = packet.Some(expiry)
	}

	sess, present := s.attachSession(c, id, p.CleanStart)
	if sess == nil {
		return fail(packet.ServerUnavailable, "server shutting down")
	}

	c.sess = sess
	ack := &packet.Connack{SessionPresent: present}
	if p.Version == packet.V5 {
		ack.Props = packet.Properties{
			SessionExpiry:           expiryProp,
			ReceiveMaximum:          s.opts.ReceiveMaximum,
			MaximumPacketSize:       uint32(s.opts.MaxPacketSize),
			TopicAliasMaximum:       s.opts.TopicAliasMaximum,
			ServerKeepAlive:         serverKA,
			RetainAvailable:         packet.Some[byte](1),
			WildcardSubAvailable:    packet.Some[byte](1),
			SubscriptionIDAvailable: packet.Some[byte](1),
			SharedSubAvailable:      packet.Some[byte](1),
		}
		if s.opts.MaxQoS < 2 {
			ack.Props.MaximumQoS = packet.Some(s.opts.MaxQoS) // [MQTT-3.2.2-9]
		}
		if s.opts.DisableRetain {
			ack.Props.RetainAvailable = packet.Some[byte](0)
		}
		if assigned {
			ack.Props.AssignedClientID = id // [MQTT-3.2.2-16]
		}
	}
	window := s.opts.MaxInflight
	if rm := int(p.Props.ReceiveMaximum); rm > 0 && rm < window {
		window = rm // [MQTT-3.3.4-9]
	}

	// CONNACK must be the first packet the server sends [MQTT-3.2.0-1]:
	// it is queued under the session lock before the session can deliver.
	sess.mu.Lock()
	sess.version = p.Version
	sess.expiry = expiry
	sess.zeroAtConnect = expiry == 0
	sess.window = window
	cl := c.client
	sess.cl = &cl
	c.sendPacket(ack)
	sess.conn, sess.claim = c, nil
	sess.resend(c)
	sess.fill(time.Now())
	sess.mu.Unlock()

	s.stats.ClientsConnected.Add(1)
	s.stats.ClientsTotal.Add(1)
	c.log.Debug("client connected", "version", p.Version.String(), "clean_start", p.CleanStart,
		"keep_alive", ka, "session_present", present)
	return closeCause{}, true
}

// attachSession finds or creates the session for id, taking it over from
// a connection that holds it [MQTT-3.1.4-3]. It returns the session and
// whether it was present; nil if the server is shutting down.
func (s *Server) attachSession(c *conn, id string, clean bool) (*session, bool) {
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return nil, false
		}
		old := s.sessions[id]
		if old != nil {
			old.mu.Lock()
			holder := old.conn
			if holder == nil {
				holder = old.claim // connected, CONNACK not yet queued
			}
			old.mu.Unlock()
			if holder != nil {
				s.mu.Unlock()
				holder.kick(sessionTakenOver)
				select {
				case <-holder.done:
				case <-time.After(2 * s.opts.WriteTimeout):
					holder.nc.Close()
					<-holder.done
				}
				continue
			}
		}
		// The session is claimed for c under Server.mu, so a concurrent
		// CONNECT with the same identifier finds c and takes over from it
		// [MQTT-3.1.4-3], and an expiry timer cannot discard it.
		if old != nil && !clean {
			old.mu.Lock()
			old.stopTimers()
			old.claim = c
			old.mu.Unlock()
			s.mu.Unlock()
			return old, true
		}
		sess := newSession(s, id)
		sess.claim = c
		s.sessions[id] = sess
		s.mu.Unlock()
		if old != nil {
			// A clean start discards the old session [MQTT-3.1.2-4].
			s.endSession(old, true)
		}
		return sess, false
	}
}
