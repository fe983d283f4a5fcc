package broker

import (
	"sync/atomic"
	"syscall"
)

// errTooManyFiles is the accept error of a process at its open-file limit;
// it passes, so Serve backs off instead of giving up.
var errTooManyFiles = syscall.EMFILE

// Stats holds the server's counters. Every field is updated atomically.
type Stats struct {
	ConnectionsAccepted  atomic.Int64 // sockets accepted
	ClientsConnected     atomic.Int64 // connections past CONNACK, now
	ClientsTotal         atomic.Int64 // successful CONNECTs since start
	ConnectsRefused      atomic.Int64 // CONNACK with an error code
	MessagesReceived     atomic.Int64 // PUBLISH packets received
	MessagesSent         atomic.Int64 // PUBLISH packets sent
	BytesReceived        atomic.Int64
	BytesSent            atomic.Int64
	DroppedQoS0          atomic.Int64 // QoS 0 deliveries dropped: outbound buffer full
	DroppedQueueFull     atomic.Int64 // deliveries dropped: session queue full
	DroppedExpired       atomic.Int64 // messages expired before delivery
	DroppedTooLarge      atomic.Int64 // not sent: larger than the client's Maximum Packet Size
	DroppedNotAuthorized atomic.Int64 // publishes refused by the authorizer
	DroppedRetainedLimit atomic.Int64 // retained messages refused: MaxRetained reached
	SlowConsumers        atomic.Int64 // connections closed because writes stalled
	AuthFailures         atomic.Int64
}

// StatsSnapshot is a copy of the counters at one moment, with gauges.
type StatsSnapshot struct {
	ConnectionsAccepted, ClientsConnected, ClientsTotal, ConnectsRefused int64
	MessagesReceived, MessagesSent, BytesReceived, BytesSent             int64
	DroppedQoS0, DroppedQueueFull, DroppedExpired, DroppedTooLarge       int64
	DroppedNotAuthorized, DroppedRetainedLimit, SlowConsumers            int64
	AuthFailures                                                         int64
	Sessions, Subscriptions, Retained                                    int
}

func (s *Stats) snapshot(sessions, subs, retained int) StatsSnapshot {
	return StatsSnapshot{
		ConnectionsAccepted:  s.ConnectionsAccepted.Load(),
		ClientsConnected:     s.ClientsConnected.Load(),
		ClientsTotal:         s.ClientsTotal.Load(),
		ConnectsRefused:      s.ConnectsRefused.Load(),
		MessagesReceived:     s.MessagesReceived.Load(),
		MessagesSent:         s.MessagesSent.Load(),
		BytesReceived:        s.BytesReceived.Load(),
		BytesSent:            s.BytesSent.Load(),
		DroppedQoS0:          s.DroppedQoS0.Load(),
		DroppedQueueFull:     s.DroppedQueueFull.Load(),
		DroppedExpired:       s.DroppedExpired.Load(),
		DroppedTooLarge:      s.DroppedTooLarge.Load(),
		DroppedNotAuthorized: s.DroppedNotAuthorized.Load(),
		DroppedRetainedLimit: s.DroppedRetainedLimit.Load(),
		SlowConsumers:        s.SlowConsumers.Load(),
		AuthFailures:         s.AuthFailures.Load(),
		Sessions:             sessions,
		Subscriptions:        subs,
		Retained:             retained,
	}
}
