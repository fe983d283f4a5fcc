package broker

import (
	"log/slog"
	"time"

	"github.com/ternmq/tern/auth"
)

// Options configures a Server. The zero value of every field is a sane
// default, documented on the field.
type Options struct {
	// Logger receives the server's logs. Nil discards them.
	Logger *slog.Logger

	// Authenticator checks user names and passwords. Nil accepts every
	// client that AllowAnonymous admits.
	Authenticator auth.Authenticator
	// AllowAnonymous admits clients that send no user name. When an
	// Authenticator is set, clients with a user name are always checked.
	AllowAnonymous bool
	// Authorizer decides which topics a client may publish to and
	// subscribe to. Nil allows everything.
	Authorizer auth.Authorizer

	// ConnectTimeout is how long a new connection may take to send
	// CONNECT. Default 10 s.
	ConnectTimeout time.Duration
	// MaxKeepAlive caps the keep alive clients may ask for, in seconds.
	// 5.0 clients asking for more (or for none) are told this value in
	// CONNACK's Server Keep Alive; 3.1.1 clients asking for more are
	// refused, as Mosquitto does, since 3.1.1 cannot tell them; 3.1.1
	// clients asking for none are admitted and, like 5.0 clients, closed
	// after 1.5 times this value of silence. 0 means 65,535 (and no limit
	// for clients asking for none).
	MaxKeepAlive uint16
	// MaxPacketSize is the largest packet accepted from a client, in
	// bytes. Default 1 MiB.
	MaxPacketSize int
	// ReceiveMaximum is how many QoS 1 and 2 PUBLISH packets a 5.0 client
	// may have unacknowledged towards the server. Default 128.
	ReceiveMaximum uint16
	// MaxInflight caps the outbound window of QoS 1 and 2 messages sent
	// but not yet acknowledged, per session; the client's Receive Maximum
	// lowers it further. Default 128.
	MaxInflight int
	// MaxQueuedMessages bounds the messages waiting in one session while
	// the client is offline or its window is full. New messages that do
	// not fit are dropped and counted. Default 1000.
	MaxQueuedMessages int
	// MaxQueuedBytes bounds the payload bytes of those messages. Default
	// 64 MiB.
	MaxQueuedBytes int
	// QueueQoS0 also queues QoS 0 messages for offline sessions
	// (Mosquitto's queue_qos0_messages). Default false.
	QueueQoS0 bool
	// MaxPendingBytes bounds the bytes waiting to be written to one
	// connection. QoS 0 messages beyond it are dropped and counted.
	// Default 8 MiB.
	MaxPendingBytes int
	// WriteTimeout is how long one write may block before the client is
	// disconnected as a slow consumer. Default 10 s.
	WriteTimeout time.Duration
	// MaxQoS is the highest QoS the server supports (0, 1 or 2). Default 2
	// (written as 0 means 2; use MaxQoSZero for 0).
	MaxQoS byte
	// MaxQoSZero sets the maximum QoS to 0.
	MaxQoSZero bool
	// DisableRetain refuses retained messages.
	DisableRetain bool
	// TopicAliasMaximum is how many topic aliases a 5.0 client may use
	// towards the server. Default 64.
	TopicAliasMaximum uint16
	// MaxOutboundAliases caps how many topic aliases the server uses
	// towards one 5.0 client that accepts them (the client's Topic Alias
	// Maximum lowers it). Default 64.
	MaxOutboundAliases uint16
	// MaxSessionExpiry caps the session expiry interval clients ask for,
	// in seconds; 3.1.1 sessions without clean session use it too.
	// 0 means no cap (sessions of 3.1.1 clients never expire).
	MaxSessionExpiry uint32
	// MaxTopicLevels and MaxTopicLength bound topic names and filters.
	// Defaults 128 levels and 65,535 bytes.
	MaxTopicLevels int
	MaxTopicLength int
	// MaxSubscriptions bounds the subscriptions of one session. Default
	// 10,000.
	MaxSubscriptions int
	// MaxRetained bounds the number of retained messages. New topics
	// beyond it are refused (counted). Default 1,000,000.
	MaxRetained int
	// SysInterval is how often $SYS topics are published. Default 10 s;
	// negative disables them.
	SysInterval time.Duration
	// Version is reported in $SYS/broker/version.
	Version string
}

func (o Options) withDefaults() Options {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 10 * time.Second
	}
	if o.MaxKeepAlive == 0 {
		o.MaxKeepAlive = 65535
	}
	def(&o.MaxPacketSize, 1<<20)
	if o.ReceiveMaximum == 0 {
		o.ReceiveMaximum = 128
	}
	def(&o.MaxInflight, 128)
	if o.MaxInflight > 65535 {
		o.MaxInflight = 65535
	}
	def(&o.MaxQueuedMessages, 1000)
	def(&o.MaxQueuedBytes, 64<<20)
	def(&o.MaxPendingBytes, 8<<20)
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = 10 * time.Second
	}
	if o.MaxQoS == 0 || o.MaxQoS > 2 {
		o.MaxQoS = 2
	}
	if o.MaxQoSZero {
		o.MaxQoS = 0
	}
	if o.TopicAliasMaximum == 0 {
		o.TopicAliasMaximum = 64
	}
	if o.MaxOutboundAliases == 0 {
		o.MaxOutboundAliases = 64
	}
	def(&o.MaxTopicLevels, 128)
	def(&o.MaxTopicLength, 65535)
	def(&o.MaxSubscriptions, 10000)
	def(&o.MaxRetained, 1000000)
	if o.SysInterval == 0 {
		o.SysInterval = 10 * time.Second
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	return o
}
