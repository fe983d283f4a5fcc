// Package brokertest starts real brokers on 127.0.0.1 for tests.
package brokertest

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"testing"
	"time"

	"github.com/ternmq/tern/broker"
)

// Broker is a running broker and the address it listens on.
type Broker struct {
	*broker.Server
	Addr string // host:port
}

// URL returns the broker's address as mqtt://host:port.
func (b *Broker) URL() string { return "mqtt://" + b.Addr }

// Start runs a broker with opts on 127.0.0.1:0 and shuts it down when the
// test ends. AllowAnonymous is not forced: tests that need it set it. With
// a nil Logger, logs go to the test log at debug level when TERN_TEST_LOG
// is set.
func Start(t testing.TB, opts broker.Options) *Broker {
	t.Helper()
	if opts.Logger == nil && os.Getenv("TERN_TEST_LOG") != "" {
		opts.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	srv, err := broker.New(opts)
	if err != nil {
		t.Fatalf("broker.New: %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(context.Background(), l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("broker shutdown: %v", err)
		}
		if err := <-done; !errors.Is(err, broker.ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", err)
		}
	})
	return &Broker{Server: srv, Addr: l.Addr().String()}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}
