package client

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ternmq/tern/packet"
	"github.com/ternmq/tern/topic"
)

// Options configures one connection. The zero value of every field is a
// sane default, documented on the field, so Options{} connects with MQTT 5.0
// and a client identifier assigned by the server.
type Options struct {
	// Version is the protocol version: packet.V5 (the default when zero),
	// packet.V311 or packet.V31.
	Version packet.Version

	// ClientID identifies the session. Empty asks the server to assign
	// one: a 5.0 server reports it in CONNACK (see Client.ClientID); 3.1.1
	// allows it only with a clean session, so CleanStart is forced then
	// [MQTT-3.1.3-7].
	ClientID string
	// Username and Password are sent when non-empty. Dial also takes them
	// from the URL (mqtt://user:pass@host) when these are empty.
	Username string
	Password string

	// CleanStart discards any session the server holds for ClientID
	// (Clean Session in 3.1.1). When false, an existing session is resumed
	// and the in-flight messages in Store are retransmitted.
	CleanStart bool
	// SessionExpiry is how long, in seconds, the server keeps the session
	// after the connection ends (5.0 only; 3.1.1 sessions without
	// CleanStart never expire). 0 ends it with the connection;
	// SessionExpiryNever keeps it forever.
	SessionExpiry uint32

	// KeepAlive is the longest the client stays silent: when nothing was
	// sent for that long it sends PINGREQ. It is rounded down to whole
	// seconds. Zero means 60 s; negative disables keep alive. A Server Keep
	// Alive in CONNACK replaces it.
	KeepAlive time.Duration
	// PingTimeout is how long to wait for PINGRESP before the connection
	// is closed with ErrPingTimeout. Default 10 s.
	PingTimeout time.Duration
	// WriteTimeout bounds one write to the network; a write that takes
	// longer ends the connection. Default 10 s.
	WriteTimeout time.Duration

	// Will is published by the server when the connection ends without a
	// DISCONNECT (or with reason DisconnectWithWillMessage). Nil: no will.
	Will *packet.Will

	// ReceiveMaximum is how many QoS 1 and 2 messages the server may send
	// before the client acknowledges them (5.0). Messages are acknowledged
	// after their handler returns, so this is also the depth of the
	// delivery queue for QoS 1 and 2. Default 128.
	ReceiveMaximum uint16
	// MaxPacketSize is the largest packet the client accepts, announced to
	// 5.0 servers and enforced in every version. Zero means no limit
	// beyond the protocol's (256 MB).
	MaxPacketSize int
	// TopicAliasMaximum is how many topic aliases the server may use
	// towards the client (5.0). Zero, the default, accepts none.
	TopicAliasMaximum uint16
	// TopicAliases makes Publish use topic aliases towards a 5.0 server
	// that accepts them: the first TopicAliasMaximum distinct topics get an
	// alias, and later messages to them send the alias instead of the topic.
	TopicAliases bool
	// ConnectProps holds further CONNECT properties (user properties,
	// Request Problem Information, ...). The fields above, when set,
	// replace the matching properties.
	ConnectProps packet.Properties

	// TLSConfig is used by the mqtts://, ssl://, tls:// and wss://
	// schemes. Nil uses the system roots; ServerName defaults to the URL's
	// host.
	TLSConfig *tls.Config

	// Store keeps the session state that outlives a connection: QoS 1 and
	// 2 messages in flight. Nil uses a new MemoryStore, which lives as
	// long as the Client. A reconnecting layer passes the same Store to
	// each connection of a session.
	Store Store

	// Logger receives debug logs. Nil discards them.
	Logger *slog.Logger

	// OnMessage receives the messages that match no Subscription handler.
	// Nil drops them (QoS 1 and 2 are still acknowledged). It runs on the
	// delivery goroutine, like every handler.
	OnMessage func(*Message)
	// OnDisconnect is called once when the connection ends for any reason
	// other than Close or Disconnect: err is a *ReasonError for a server
	// DISCONNECT, ErrPingTimeout, a protocol error or a network error. It
	// runs after the client's goroutines have ended, just before Done is
	// closed, so it must not wait on Done.
	OnDisconnect func(err error)
}

// SessionExpiryNever keeps a 5.0 session forever.
const SessionExpiryNever = 0xFFFFFFFF

// Defaults.
const (
	defaultKeepAlive      = 60 * time.Second
	defaultPingTimeout    = 10 * time.Second
	defaultWriteTimeout   = 10 * time.Second
	defaultReceiveMaximum = 128
)

// withDefaults validates o and fills in the defaults.
func (o Options) withDefaults() (Options, error) {
	if o.Version == 0 {
		o.Version = packet.V5
	}
	if !o.Version.Valid() {
		return o, fmt.Errorf("client: protocol version %v: %w", o.Version, packet.UnsupportedProtocolVersion)
	}
	switch {
	case o.KeepAlive == 0:
		o.KeepAlive = defaultKeepAlive
	case o.KeepAlive < 0:
		o.KeepAlive = 0
	case o.KeepAlive > 65535*time.Second:
		return o, errors.New("client: keep alive above 65535 s")
	case o.KeepAlive < time.Second:
		o.KeepAlive = time.Second
	}
	o.KeepAlive = o.KeepAlive.Truncate(time.Second)
	if o.PingTimeout <= 0 {
		o.PingTimeout = defaultPingTimeout
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = defaultWriteTimeout
	}
	if o.ReceiveMaximum == 0 {
		o.ReceiveMaximum = defaultReceiveMaximum
	}
	if o.MaxPacketSize < 0 || o.MaxPacketSize > packet.MaxPacketSize {
		return o, errors.New("client: MaxPacketSize out of range")
	}
	if o.ClientID == "" && o.Version != packet.V5 {
		o.CleanStart = true // [MQTT-3.1.3-7]
	}
	if w := o.Will; w != nil {
		if err := topic.ValidName(w.Topic); err != nil {
			return o, fmt.Errorf("client: will topic: %w", err)
		}
		if w.QoS > 2 {
			return o, fmt.Errorf("client: will QoS %d: %w", w.QoS, packet.ErrInvalidQoS)
		}
	}
	if o.Store == nil {
		o.Store = new(MemoryStore)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}

// connectPacket builds the CONNECT packet for o (defaults applied).
func (o *Options) connectPacket() *packet.Connect {
	p := &packet.Connect{
		Version:      o.Version,
		CleanStart:   o.CleanStart,
		KeepAlive:    uint16(o.KeepAlive / time.Second),
		ClientID:     o.ClientID,
		Will:         o.Will,
		UsernameFlag: o.Username != "",
		Username:     o.Username,
		PasswordFlag: o.Password != "",
		Password:     []byte(o.Password),
	}
	if o.Version == packet.V5 {
		p.Props = o.ConnectProps
		if o.SessionExpiry != 0 {
			p.Props.SessionExpiry = packet.Some(o.SessionExpiry)
		}
		p.Props.ReceiveMaximum = o.ReceiveMaximum
		if o.MaxPacketSize > 0 {
			p.Props.MaximumPacketSize = uint32(o.MaxPacketSize)
		}
		if o.TopicAliasMaximum > 0 {
			p.Props.TopicAliasMaximum = o.TopicAliasMaximum
		}
	}
	return p
}

// Message is an application message, published with Client.Publish or
// delivered to a handler.
//
// A delivered message belongs to the handlers it is passed to: Payload and
// Props stay valid after the handler returns, but when several handlers
// match, they share one Message and must not modify it.
type Message struct {
	Topic   string
	Payload []byte
	QoS     byte // 0, 1 or 2
	Retain  bool
	// Dup is set on a delivered message that the server may have sent
	// before (a retransmission after a session was resumed).
	Dup bool
	// Props holds the MQTT 5.0 PUBLISH properties: user properties,
	// content type, response topic, correlation data, message expiry,
	// payload format and, on delivery, the subscription identifiers.
	// Topic aliases are handled by the client: TopicAlias is ignored by
	// Publish and always 0 on delivery, as SubscriptionIDs is ignored by
	// Publish [MQTT-3.3.4-6]. Ignored before 5.0.
	Props packet.Properties

	id uint16 // the packet identifier of a delivered QoS 1 or 2 message
}

// Subscription is one topic filter of a Subscribe call.
type Subscription struct {
	// Filter is the topic filter; "$share/{group}/{filter}" subscribes to
	// a shared subscription, whose messages are routed on {filter}.
	Filter string
	// QoS is the maximum QoS of the messages delivered for it.
	QoS byte
	// NoLocal, RetainAsPublished and RetainHandling are the 5.0
	// subscription options: no messages published by this client; keep the
	// publisher's RETAIN flag; 0 send retained messages, 1 only for a new
	// subscription, 2 never.
	NoLocal           bool
	RetainAsPublished bool
	RetainHandling    byte
	// ID is the 5.0 subscription identifier (1 to 268,435,455), reported
	// in Message.Props.SubscriptionIDs. One SUBSCRIBE carries one
	// identifier, so all subscriptions of a Subscribe call must have the
	// same ID or 0.
	ID uint32
	// Handler receives the messages whose topic matches Filter, on the
	// delivery goroutine. Nil leaves them to Options.OnMessage. It is
	// registered before SUBSCRIBE is sent, so it also sees retained
	// messages that arrive before SUBACK.
	Handler func(*Message)
}

// Errors. Compare with errors.Is: they may be wrapped.
var (
	// ErrClosed reports a connection ended by Close or Disconnect.
	ErrClosed = errors.New("client: connection closed")
	// ErrPingTimeout reports a server that did not answer PINGREQ within
	// Options.PingTimeout.
	ErrPingTimeout = errors.New("client: no PINGRESP from the server")
	// ErrNoPacketID reports that all 65,535 packet identifiers are in use.
	ErrNoPacketID = errors.New("client: no free packet identifier")
)

// ReasonError is a failure reported by the server: a CONNACK refusing the
// connection, a PUBACK or PUBREC refusing a message, a SUBACK refusing a
// subscription, an UNSUBACK, or a DISCONNECT ending the connection.
//
// It unwraps to Code, so errors.Is(err, packet.NotAuthorized) matches.
type ReasonError struct {
	Packet packet.Type       // the packet that carried the code
	Code   packet.ReasonCode // the reason code (3.1.1 codes are translated)
	Reason string            // the 5.0 Reason String, if the server sent one
}

func (e *ReasonError) Error() string {
	s := "client: " + e.Packet.String() + ": " + e.Code.Name(e.Packet)
	if e.Reason != "" {
		s += " (" + e.Reason + ")"
	}
	return s
}

// Unwrap returns the reason code.
func (e *ReasonError) Unwrap() error { return e.Code }

// DisconnectOption sets a field of the DISCONNECT packet sent by
// Client.Disconnect. The fields exist only in 5.0 and are ignored before.
type DisconnectOption func(*packet.Disconnect)

// WithReason sets the reason code, for example
// packet.DisconnectWithWillMessage to have the server publish the will.
func WithReason(code packet.ReasonCode) DisconnectOption {
	return func(d *packet.Disconnect) { d.ReasonCode = code }
}

// WithSessionExpiry changes the session expiry interval, in seconds. A
// session that was opened with expiry 0 cannot be given another one
// (MQTT 5.0 section 3.14.2.2.2).
func WithSessionExpiry(seconds uint32) DisconnectOption {
	return func(d *packet.Disconnect) { d.Props.SessionExpiry = packet.Some(seconds) }
}

// WithReasonString sets the Reason String, a diagnostic for the server.
func WithReasonString(s string) DisconnectOption {
	return func(d *packet.Disconnect) { d.Props.ReasonString = s }
}
