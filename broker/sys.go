package broker

import (
	"strconv"
	"time"
)

// sysLoop publishes the $SYS topics every SysInterval until shutdown.
// Topic names follow Mosquitto's where it has one.
func (s *Server) sysLoop() {
	defer s.bgWG.Done()
	t := time.NewTicker(s.opts.SysInterval)
	defer t.Stop()
	s.publishSys()
	for {
		select {
		case <-t.C:
			s.publishSys()
		case <-s.shutdown:
			return
		}
	}
}

// sweepInterval is how often expired retained messages are removed.
const sweepInterval = 30 * time.Second

// housekeeping removes expired retained messages until shutdown.
func (s *Server) housekeeping() {
	defer s.bgWG.Done()
	t := time.NewTicker(sweepInterval)
	defer t.Stop()
	for {
		select {
		case now := <-t.C:
			if n := s.retained.sweep(now); n > 0 {
				s.stats.DroppedExpired.Add(int64(n))
				s.log.Debug("expired retained messages removed", "count", n)
			}
		case <-s.shutdown:
			return
		}
	}
}

// publishSys publishes the current counters as retained messages.
func (s *Server) publishSys() {
	st := s.Stats()
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	values := [][2]string{
		{"$SYS/broker/version", "tern " + s.opts.Version},
		{"$SYS/broker/uptime", strconv.FormatInt(int64(time.Since(s.start)/time.Second), 10) + " seconds"},
		{"$SYS/broker/clients/connected", i(st.ClientsConnected)},
		{"$SYS/broker/clients/total", strconv.Itoa(st.Sessions)}, // sessions, connected or not, as Mosquitto counts
		{"$SYS/broker/connections/accepted", i(st.ConnectionsAccepted)},
		{"$SYS/broker/connections/refused", i(st.ConnectsRefused)},
		{"$SYS/broker/messages/received", i(st.MessagesReceived)},
		{"$SYS/broker/messages/sent", i(st.MessagesSent)},
		{"$SYS/broker/publish/messages/received", i(st.MessagesReceived)},
		{"$SYS/broker/publish/messages/sent", i(st.MessagesSent)},
		{"$SYS/broker/publish/messages/dropped", i(st.DroppedQoS0 + st.DroppedQueueFull + st.DroppedExpired + st.DroppedTooLarge)},
		{"$SYS/broker/messages/dropped/qos0_buffer_full", i(st.DroppedQoS0)},
		{"$SYS/broker/messages/dropped/queue_full", i(st.DroppedQueueFull)},
		{"$SYS/broker/messages/dropped/expired", i(st.DroppedExpired)},
		{"$SYS/broker/messages/dropped/too_large", i(st.DroppedTooLarge)},
		{"$SYS/broker/messages/dropped/not_authorized", i(st.DroppedNotAuthorized)},
		{"$SYS/broker/bytes/received", i(st.BytesReceived)},
		{"$SYS/broker/bytes/sent", i(st.BytesSent)},
		{"$SYS/broker/subscriptions/count", strconv.Itoa(st.Subscriptions)},
		{"$SYS/broker/retained messages/count", strconv.Itoa(st.Retained)},
		{"$SYS/broker/clients/slow_consumers", i(st.SlowConsumers)},
		{"$SYS/broker/auth/failures", i(st.AuthFailures)},
	}
	for _, kv := range values {
		if kv[1] == "" {
			continue
		}
		s.publish(&Message{Topic: kv[0], Payload: []byte(kv[1]), Retain: true})
	}
}
