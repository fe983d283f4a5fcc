package broker

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"runtime/debug"
	"sync"
	"time"

	"github.com/ternmq/tern/topic"
)

// ErrServerClosed is returned by Serve after Shutdown or Close.
var ErrServerClosed = errors.New("broker: Server closed")

// Server is an MQTT broker. Create it with New, feed it listeners with
// Serve, stop it with Shutdown or Close. Its methods are safe for
// concurrent use.
type Server struct {
	opts   Options
	log    *slog.Logger
	limits topic.Limits
	start  time.Time

	mu        sync.Mutex // guards the fields below
	listeners map[net.Listener]struct{}
	conns     map[*conn]struct{}
	sessions  map[string]*session
	closed    bool
	shutdown  chan struct{} // closed by Shutdown and Close

	subs     subIndex
	retained retainedStore
	stats    Stats

	connWG sync.WaitGroup // one per connection goroutine
	bgWG   sync.WaitGroup // background goroutines ($SYS)
}

// New validates opts and returns a Server.
func New(opts Options) (*Server, error) {
	o := opts.withDefaults()
	if o.MaxQoS > 2 {
		return nil, errors.New("broker: MaxQoS must be 0, 1 or 2")
	}
	s := &Server{
		opts:      o,
		log:       o.Logger,
		limits:    topic.Limits{MaxLevels: o.MaxTopicLevels, MaxLength: o.MaxTopicLength},
		start:     time.Now(),
		listeners: make(map[net.Listener]struct{}),
		conns:     make(map[*conn]struct{}),
		sessions:  make(map[string]*session),
		shutdown:  make(chan struct{}),
	}
	s.subs.init()
	s.retained.init(o.MaxRetained)
	if o.SysInterval > 0 {
		s.bgWG.Add(1)
		go s.sysLoop()
	}
	s.bgWG.Add(1)
	go s.housekeeping()
	return s, nil
}

// Serve accepts connections on l until l fails, ctx ends, or the server is
// shut down, and serves each in its own goroutines. It always returns a
// non-nil error; after Shutdown or Close it is ErrServerClosed. Serve closes
// l when it returns. Connections it accepted outlive it: they end with
// Shutdown or Close.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		l.Close()
		return ErrServerClosed
	}
	s.listeners[l] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, l)
		s.mu.Unlock()
		l.Close()
	}()
	stop := context.AfterFunc(ctx, func() { l.Close() })
	defer stop()

	var delay time.Duration // back-off on temporary accept errors, as net/http does
	for {
		nc, err := l.Accept()
		if err != nil {
			if s.isClosed() {
				return ErrServerClosed
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, errTooManyFiles) {
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				s.log.Warn("accept failed; retrying", "err", err, "delay", delay)
				select {
				case <-time.After(delay):
				case <-s.shutdown:
				}
				continue
			}
			return err
		}
		delay = 0
		c := newConn(s, nc)
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			nc.Close()
			return ErrServerClosed
		}
		s.conns[c] = struct{}{}
		s.connWG.Add(1)
		s.mu.Unlock()
		s.stats.ConnectionsAccepted.Add(1)
		go func() {
			defer s.connWG.Done()
			defer func() {
				// A bug must cost one connection, not the broker.
				if r := recover(); r != nil {
					s.log.Error("connection handler panicked", "remote", c.remote, "panic", r, "stack", string(debug.Stack()))
					c.nc.Close()
				}
			}()
			c.serve(ctx)
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
		}()
	}
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// Shutdown stops accepting connections, sends DISCONNECT 0x8B (Server
// shutting down) to 5.0 clients, flushes what each connection has pending
// and closes it, and waits for the connections to end or ctx to be done.
// Wills are not published for connections the server itself ends.
func (s *Server) Shutdown(ctx context.Context) error {
	conns := s.stopAccepting()
	for _, c := range conns {
		c.kick(serverShuttingDown)
	}
	done := make(chan struct{})
	go func() {
		s.connWG.Wait()
		s.bgWG.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.Close()
		return ctx.Err()
	}
}

// Close stops the server at once: listeners and connections are closed
// without flushing.
func (s *Server) Close() error {
	conns := s.stopAccepting()
	for _, c := range conns {
		c.nc.Close()
	}
	s.connWG.Wait()
	s.bgWG.Wait()
	return nil
}

func (s *Server) stopAccepting() []*conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.shutdown)
	}
	for l := range s.listeners {
		l.Close()
	}
	conns := make([]*conn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	return conns
}

// Stats returns a snapshot of the server's counters.
func (s *Server) Stats() StatsSnapshot {
	s.mu.Lock()
	sessions := len(s.sessions)
	s.mu.Unlock()
	return s.stats.snapshot(sessions, s.subs.count(), s.retained.count())
}
