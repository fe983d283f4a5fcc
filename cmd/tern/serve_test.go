package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ternmq/tern/packet"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestServeConfigErrors: a bad configuration is refused before the broker
// starts, naming the file, the line and the key.
func TestServeConfigErrors(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown key", "listen: tcp://127.0.0.1:0\nmax-keepalve: 3\n", `:2: unknown key "max-keepalve"`},
		{"bad int", "max-inflight: many\n", `:1: max-inflight: invalid value "many"`},
		{"repeated key", "log-level: info\nlog-level: debug\n", `:2: key "log-level" repeated (first on line 1)`},
		{"list for scalar", "log-level:\n  - info\n", `:2: log-level: want a single value, not a list`},
		{"bad duration", "sys-interval: soon\n", `:1: sys-interval: invalid duration "soon"`},
		{"not a mapping", "- a\n- b\n", `:1: the configuration must be a mapping`},
		{"flag only key", "config: other.yaml\n", `:1: unknown key "config"`},
		{"yaml syntax", "listen: [\n", `yaml:`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, "tern.yaml", c.yaml)
			var stderr bytes.Buffer
			code := run(context.Background(), []string{"serve", "--config", path}, stdio{in: strings.NewReader(""), out: io.Discard, err: &stderr})
			if code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if !strings.Contains(stderr.String(), path) || !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr %q, want the path and %q", stderr.String(), c.want)
			}
		})
	}
}

func TestServeFlagErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--listen", "ftp://x:1"}, 1, `scheme "ftp" is not supported`},
		{[]string{"serve", "--listen", "tcp://nohost"}, 1, `want HOST:PORT`},
		{[]string{"serve", "--log-level", "loud"}, 2, `--log-level "loud"`},
		{[]string{"serve", "--max-keepalive", "70000", "--listen", "tcp://127.0.0.1:0"}, 1, `at most 65535`},
		{[]string{"serve", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"serve", "--no-such-flag"}, 2, `flag provided but not defined`},
		{[]string{"nosuch"}, 2, `unknown command "nosuch"`},
		{[]string{"serve", "--listen", "tcp://127.0.0.1:0", "--password-file", "/nonexistent/passwd"}, 1, `/nonexistent/passwd`},
	}
	for _, c := range cases {
		var stderr bytes.Buffer
		code := run(context.Background(), c.args, stdio{in: strings.NewReader(""), out: io.Discard, err: &stderr})
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, stderr.String(), c.code, c.want)
		}
	}
}

// TestServeRunsAndStops starts `tern serve` in-process from a config file,
// connects a 5.0 client, then cancels the context as SIGTERM does: the
// client receives DISCONNECT 0x8B and the command exits 0.
func TestServeRunsAndStops(t *testing.T) {
	path := writeFile(t, "tern.yaml", "listen:\n  - tcp://127.0.0.1:0\nsys-interval: 0\nlog-format: text\n")
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--config", path}, stdio{in: strings.NewReader(""), out: io.Discard, err: pw})
		pw.Close()
	}()
	addrRe := regexp.MustCompile(`msg=listening .*addr=(\S+)`)
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default: // drop log lines nobody reads
			}
		}
		close(lines)
	}()
	var addr, banner string
	timeout := time.After(10 * time.Second)
	for addr == "" || banner == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("serve exited before listening")
			}
			if m := addrRe.FindStringSubmatch(l); m != nil {
				addr = m[1]
			}
			if strings.Contains(l, "tern started") {
				banner = l
			}
		case <-timeout:
			t.Fatal("no listening line within 10 s")
		}
	}
	if !strings.Contains(banner, "anonymous=true") {
		t.Errorf("loopback-only broker should admit anonymous clients by default: %s", banner)
	}

	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(10 * time.Second))
	raw, _ := packet.Encode(&packet.Connect{Version: packet.V5, CleanStart: true, ClientID: "c1"}, packet.V5)
	if _, err := nc.Write(raw); err != nil {
		t.Fatal(err)
	}
	r := packet.NewReader(nc, 0)
	r.Version = packet.V5
	p, err := r.ReadPacket()
	if ack, ok := p.(*packet.Connack); err != nil || !ok || ack.ReasonCode != packet.Success {
		t.Fatalf("CONNACK: %#v, %v", p, err)
	}
	cancel()
	p, err = r.ReadPacket()
	if d, ok := p.(*packet.Disconnect); err != nil || !ok || d.ReasonCode != packet.ServerShuttingDown {
		t.Fatalf("want DISCONNECT 0x8B at shutdown, got %#v, %v", p, err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit code %d, want 0", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not exit after cancel")
	}
}

// TestServeSecureDefault: a listener off loopback turns anonymous access
// off unless asked for.
func TestServeSecureDefault(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--listen", "tcp://0.0.0.0:0"}, "anonymous=false"},
		{[]string{"--listen", "tcp://0.0.0.0:0", "--allow-anonymous"}, "anonymous=true"},
		{[]string{"--listen", "tcp://127.0.0.1:0", "--allow-anonymous=false"}, "anonymous=false"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		var buf syncBuffer
		buf.onLine = func(l string) {
			if strings.Contains(l, "tern started") {
				cancel()
			}
		}
		args := append([]string{"serve", "--sys-interval", "0"}, c.args...)
		code := run(ctx, args, stdio{in: strings.NewReader(""), out: io.Discard, err: &buf})
		cancel()
		if code != 0 || !strings.Contains(buf.String(), c.want) {
			t.Errorf("%v: exit %d, log %q; want %s", c.args, code, buf.String(), c.want)
		}
	}
}
