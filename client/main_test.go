package client_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/client"
	"github.com/ternmq/tern/internal/brokertest"
	"github.com/ternmq/tern/packet"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// timeout bounds every wait in these tests.
const timeout = 10 * time.Second

// testCtx returns a context that ends with the test or after timeout.
func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	return ctx
}

// startBroker runs our broker with anonymous access on 127.0.0.1:0.
func startBroker(t testing.TB) *brokertest.Broker {
	t.Helper()
	return brokertest.Start(t, broker.Options{AllowAnonymous: true, SysInterval: -1})
}

// dial connects to url and closes the client when the test ends.
func dial(t testing.TB, url string, opts client.Options) *client.Client {
	t.Helper()
	c, err := client.Dial(testCtx(t), url, opts)
	if err != nil {
		t.Fatalf("Dial %s: %v", url, err)
	}
	t.Cleanup(func() {
		c.Close()
		<-c.Done()
	})
	return c
}

// collector returns a handler that sends every message to the channel.
func collector() (func(*client.Message), chan *client.Message) {
	ch := make(chan *client.Message, 1024)
	return func(m *client.Message) { ch <- m }, ch
}

// recv waits for the next message.
func recv(t testing.TB, ch <-chan *client.Message) *client.Message {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(timeout):
		t.Fatal("no message")
		return nil
	}
}

// waitDone waits for the client's connection to end.
func waitDone(t testing.TB, c *client.Client) {
	t.Helper()
	select {
	case <-c.Done():
	case <-time.After(timeout):
		t.Fatal("connection did not end")
	}
}

// mosquitto runs Debian's mosquitto on a free 127.0.0.1 port and returns its
// URL. The test is skipped when mosquitto is not installed, except in CI.
func mosquitto(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("mosquitto")
	if err != nil {
		path = "/usr/sbin/mosquitto"
		if _, err := os.Stat(path); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("mosquitto is not installed (apt-get install mosquitto)")
			}
			t.Skip("mosquitto is not installed (apt-get install mosquitto); skipping the interoperability test")
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	conf := filepath.Join(t.TempDir(), "mosquitto.conf")
	cfg := fmt.Sprintf("listener %d 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\nlog_type all\n", port)
	if err := os.WriteFile(conf, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	log := &readyWriter{ready: make(chan struct{})}
	cmd := exec.Command(path, "-c", conf)
	cmd.Stdout = log
	cmd.Stderr = log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("mosquitto log:\n%s", log.String())
		}
	})
	select {
	case <-log.ready:
	case err := <-exited:
		exited <- err
		t.Fatalf("mosquitto exited: %v\n%s", err, log.String())
	case <-time.After(timeout):
		t.Fatalf("mosquitto did not start:\n%s", log.String())
	}
	return fmt.Sprintf("mqtt://127.0.0.1:%d", port)
}

// readyWriter collects mosquitto's log and closes ready once it runs.
type readyWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	ready chan struct{}
	seen  bool
}

func (w *readyWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.seen && strings.Contains(w.buf.String(), " running") {
		w.seen = true
		close(w.ready)
	}
	return len(p), nil
}

func (w *readyWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// fakeServer is a scripted MQTT server for the cases a real broker cannot
// be made to produce: it is driven packet by packet from the test
// goroutine.
type fakeServer struct {
	t testing.TB
	l *net.TCPListener
}

func newFakeServer(t testing.TB) *fakeServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return &fakeServer{t: t, l: l.(*net.TCPListener)}
}

func (f *fakeServer) URL() string { return "mqtt://" + f.l.Addr().String() }

// accept waits for the next connection.
func (f *fakeServer) accept() *fakeConn {
	f.t.Helper()
	f.l.SetDeadline(time.Now().Add(timeout))
	nc, err := f.l.Accept()
	if err != nil {
		f.t.Fatalf("accept: %v", err)
	}
	f.t.Cleanup(func() { nc.Close() })
	return &fakeConn{t: f.t, nc: nc, r: packet.NewReader(nc, 0)}
}

type fakeConn struct {
	t  testing.TB
	nc net.Conn
	r  *packet.Reader
	v  packet.Version
}

// read reads the next packet from the client.
func (fc *fakeConn) read() packet.Packet {
	fc.t.Helper()
	fc.nc.SetReadDeadline(time.Now().Add(timeout))
	p, err := fc.r.ReadPacket()
	if err != nil {
		fc.t.Fatalf("fake server read: %v", err)
	}
	return p
}

// expectEOF waits for the client to close the connection.
func (fc *fakeConn) expectEOF() {
	fc.t.Helper()
	fc.nc.SetReadDeadline(time.Now().Add(timeout))
	p, err := fc.r.ReadPacket()
	if err == nil {
		fc.t.Fatalf("got %v, want the connection closed", p.Type())
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		fc.t.Fatal("the client did not close the connection")
	}
}

func (fc *fakeConn) write(p packet.Packet) {
	fc.t.Helper()
	b, err := p.Append(nil, fc.v)
	if err != nil {
		fc.t.Fatalf("encode %v: %v", p.Type(), err)
	}
	if _, err := fc.nc.Write(b); err != nil {
		fc.t.Fatalf("fake server write: %v", err)
	}
}

// handshake reads CONNECT and answers with ack.
func (fc *fakeConn) handshake(ack *packet.Connack) *packet.Connect {
	fc.t.Helper()
	cp, ok := fc.read().(*packet.Connect)
	if !ok {
		fc.t.Fatal("first packet is not CONNECT")
	}
	fc.v = cp.Version
	fc.r.Version = cp.Version
	fc.write(ack)
	return cp
}

// readAs reads the next packet and checks its type.
func readAs[P packet.Packet](fc *fakeConn) P {
	fc.t.Helper()
	p := fc.read()
	q, ok := p.(P)
	if !ok {
		var want P
		fc.t.Fatalf("got %v, want %T", p.Type(), want)
	}
	return q
}

type dialResult struct {
	c   *client.Client
	err error
}

// dialAsync dials in a goroutine, for tests that play the server.
func dialAsync(t testing.TB, url string, opts client.Options) <-chan dialResult {
	ch := make(chan dialResult, 1)
	ctx := testCtx(t)
	go func() {
		c, err := client.Dial(ctx, url, opts)
		ch <- dialResult{c, err}
	}()
	return ch
}

// connected waits for dialAsync and closes the client when the test ends.
func connected(t testing.TB, ch <-chan dialResult) *client.Client {
	t.Helper()
	r := <-ch
	if r.err != nil {
		t.Fatalf("Dial: %v", r.err)
	}
	t.Cleanup(func() {
		r.c.Close()
		<-r.c.Done()
	})
	return r.c
}

// fakeConnect accepts one client on a fake server answering CONNACK ack.
func fakeConnect(t testing.TB, opts client.Options, ack *packet.Connack) (*client.Client, *fakeConn) {
	t.Helper()
	f := newFakeServer(t)
	ch := dialAsync(t, f.URL(), opts)
	fc := f.accept()
	fc.handshake(ack)
	return connected(t, ch), fc
}
