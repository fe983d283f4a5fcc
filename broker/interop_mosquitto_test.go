package broker_test

// Interoperability with Debian's mosquitto clients (package
// mosquitto-clients): mosquitto_pub and mosquitto_sub run against a broker
// on 127.0.0.1. mosquitto_sub runs with -d, whose debug lines on stdout
// say when its SUBACK arrived and how each PUBLISH was flagged, so the
// tests wait for events, never for time.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/internal/brokertest"
)

// interopTimeout bounds every mosquitto_pub and mosquitto_sub process.
const interopTimeout = 20 * time.Second

// interopVersions are the -V values of the mosquitto clients.
var interopVersions = []string{"mqttv31", "mqttv311", "mqttv5"}

// interopTool returns the path of a mosquitto client. Without it the test
// is skipped, except in CI (CI=true), where it must be installed.
func interopTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		msg := fmt.Sprintf("%s not found (install Debian's mosquitto-clients and coreutils): %v", name, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// interopHostPort returns the -h and -p arguments for b.
func interopHostPort(t *testing.T, b *brokertest.Broker) []string {
	t.Helper()
	host, port, err := net.SplitHostPort(b.Addr)
	if err != nil {
		t.Fatal(err)
	}
	return []string{"-h", host, "-p", port}
}

// interopPub runs mosquitto_pub to completion. With QoS 1 or 2 it exits
// only after the broker's acknowledgement, so the broker has routed the
// message when interopPub returns.
func interopPub(t *testing.T, b *brokertest.Broker, args ...string) {
	t.Helper()
	path := interopTool(t, "mosquitto_pub")
	ctx, cancel := context.WithTimeout(context.Background(), interopTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, append(interopHostPort(t, b), args...)...)
	cmd.WaitDelay = time.Second
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mosquitto_pub %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// interopSub is a running mosquitto_sub whose stdout lines arrive on
// lines; done receives Wait's result once the process has exited and its
// output is read.
type interopSub struct {
	t      *testing.T
	cmd    *exec.Cmd
	cancel context.CancelFunc
	lines  chan string
	done   chan error
	stderr bytes.Buffer // read only after done
	seen   []string     // lines consumed so far, for failure messages
}

// interopStartSub starts mosquitto_sub -d with args. The test's cleanup
// kills it if it is still running and waits for it.
func interopStartSub(t *testing.T, b *brokertest.Broker, args ...string) *interopSub {
	t.Helper()
	path := interopTool(t, "mosquitto_sub")
	// stdout is a pipe, which stdio buffers fully: stdbuf (coreutils)
	// makes it line-buffered so each line arrives as it is printed. stdbuf
	// execs mosquitto_sub, so the process is mosquitto_sub itself.
	stdbuf := interopTool(t, "stdbuf")
	ctx, cancel := context.WithTimeout(context.Background(), interopTimeout)
	s := &interopSub{t: t, cancel: cancel, lines: make(chan string, 1024), done: make(chan error, 1)}
	s.cmd = exec.CommandContext(ctx, stdbuf, append(append([]string{"-oL", path}, interopHostPort(t, b)...), append([]string{"-d"}, args...)...)...)
	s.cmd.WaitDelay = time.Second
	s.cmd.Stderr = &s.stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start mosquitto_sub: %v", err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case s.lines <- sc.Text():
			case <-ctx.Done():
			}
		}
		close(s.lines)
		s.done <- s.cmd.Wait()
	}()
	t.Cleanup(func() {
		cancel()
		<-s.done
	})
	return s
}

// waitLine returns the first stdout line containing substr, failing the
// test if the process ends or interopTimeout passes first.
func (s *interopSub) waitLine(substr string) string {
	s.t.Helper()
	timeout := time.After(interopTimeout)
	for {
		select {
		case l, ok := <-s.lines:
			if !ok {
				err := <-s.done
				s.done <- err
				s.t.Fatalf("mosquitto_sub ended (%v) before a line with %q; output:\n%s\nstderr:\n%s",
					err, substr, strings.Join(s.seen, "\n"), s.stderr.String())
			}
			s.seen = append(s.seen, l)
			if strings.Contains(l, substr) {
				return l
			}
		case <-timeout:
			s.t.Fatalf("no line with %q from mosquitto_sub within %v; output:\n%s",
				substr, interopTimeout, strings.Join(s.seen, "\n"))
		}
	}
}

// nextLine returns the next stdout line.
func (s *interopSub) nextLine() string {
	s.t.Helper()
	return s.waitLine("")
}

// subscribed waits until mosquitto_sub has its SUBACK.
func (s *interopSub) subscribed() { s.t.Helper(); s.waitLine("received SUBACK") }

// expectMessage waits for a PUBLISH whose debug line has flags (e.g.
// "q1, r0") and requires payload on the line after it.
func (s *interopSub) expectMessage(flags, payload string) {
	s.t.Helper()
	l := s.waitLine("received PUBLISH")
	if !strings.Contains(l, flags) {
		s.t.Fatalf("PUBLISH %q, want flags %q", l, flags)
	}
	// With QoS > 0 the acknowledgements (up to PUBREC, PUBREL, PUBCOMP) may
	// be logged before the payload.
	for range 6 {
		l = s.nextLine()
		if !strings.HasPrefix(l, "Client ") {
			break
		}
	}
	if l != payload {
		s.t.Fatalf("payload %q, want %q", l, payload)
	}
}

// exit waits for the process to end by itself and requires success.
func (s *interopSub) exit() {
	s.t.Helper()
	for range s.lines {
	}
	err := <-s.done
	s.done <- err // for the cleanup
	if err != nil {
		s.t.Fatalf("mosquitto_sub: %v\nstderr:\n%s", err, s.stderr.String())
	}
}

// TestInteropPubSub: mosquitto_sub receives what mosquitto_pub publishes,
// in MQTT 3.1, 3.1.1 and 5.0 at QoS 0, 1 and 2.
func TestInteropPubSub(t *testing.T) {
	t.Parallel()
	interopTool(t, "mosquitto_pub")
	interopTool(t, "mosquitto_sub")
	b := rawStart(t, broker.Options{})
	for _, v := range interopVersions {
		for q := range 3 {
			name := fmt.Sprintf("%s-q%d", v, q)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				topic := "interop/" + name
				qos := fmt.Sprint(q)
				sub := interopStartSub(t, b, "-V", v, "-i", "sub-"+name, "-q", qos, "-t", topic, "-C", "1")
				sub.subscribed()
				interopPub(t, b, "-V", v, "-i", "pub-"+name, "-q", qos, "-t", topic, "-m", "hello "+name)
				sub.expectMessage(fmt.Sprintf("q%d, r0", q), "hello "+name)
				sub.exit()
			})
		}
	}
}

// TestInteropRetained: a message published with mosquitto_pub -r is
// delivered with the retain flag to a later mosquitto_sub, and a retained
// empty message (-n) deletes it.
func TestInteropRetained(t *testing.T) {
	t.Parallel()
	interopTool(t, "mosquitto_pub")
	interopTool(t, "mosquitto_sub")
	b := rawStart(t, broker.Options{})
	for _, v := range interopVersions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			topic := "interop/retained/" + v
			interopPub(t, b, "-V", v, "-i", "rpub-"+v, "-q", "1", "-r", "-t", topic, "-m", "kept "+v)
			sub := interopStartSub(t, b, "-V", v, "-i", "rsub-"+v, "-q", "1", "-t", topic, "-C", "1")
			sub.expectMessage("q1, r1", "kept "+v)
			sub.exit()
		})
	}
	// Delete them all; the broker then holds none.
	for _, v := range interopVersions {
		interopPub(t, b, "-V", v, "-i", "rdel-"+v, "-q", "1", "-r", "-n", "-t", "interop/retained/"+v)
	}
	if n := b.Stats().Retained; n != 0 {
		t.Fatalf("%d retained messages after deleting them all", n)
	}
}

// TestInteropWill: a mosquitto_sub with a will that is killed with SIGKILL
// (no DISCONNECT) has its will delivered to another mosquitto_sub.
func TestInteropWill(t *testing.T) {
	t.Parallel()
	interopTool(t, "mosquitto_sub")
	b := rawStart(t, broker.Options{})
	for _, v := range interopVersions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			topic := "interop/will/" + v
			watch := interopStartSub(t, b, "-V", v, "-i", "watch-"+v, "-q", "1", "-t", topic, "-C", "1")
			watch.subscribed()
			dying := interopStartSub(t, b, "-V", v, "-i", "dying-"+v, "-t", "interop/idle/"+v,
				"--will-topic", topic, "--will-payload", "killed "+v, "--will-qos", "1")
			dying.subscribed()
			if err := dying.cmd.Process.Kill(); err != nil { // SIGKILL
				t.Fatal(err)
			}
			watch.expectMessage("q1, r0", "killed "+v)
			watch.exit()
		})
	}
}
