package auth

// Interoperability with Debian's mosquitto package (apt-get install
// mosquitto): its mosquitto_passwd writes files we must read, and its
// broker must read the $7$ files we write. The tests skip when the tools
// are missing, except under CI (CI=true), where that is a failure.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// lookTool finds a mosquitto binary or skips (fails under CI).
func lookTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, dir := range []string{"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s not installed (apt-get install mosquitto); interoperability test not run", name)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// TestMosquittoPasswdOutput runs the installed mosquitto_passwd and checks
// that every hash form it writes parses and verifies.
func TestMosquittoPasswdOutput(t *testing.T) {
	tool := lookTool(t, "mosquitto_passwd")
	path := filepath.Join(t.TempDir(), "passwd")
	users := []struct{ hashArg, user, password string }{
		{"", "alice", "correct horse battery staple"}, // the default: $7$ in 2.0, argon2id in a 2.1 built with it
		{"sha512-pbkdf2", "bob", "pässwörd ✓"},
		{"sha512", "carol", "old style $6$"},
		{"sha512-pbkdf2", "erin smith", "with:colon"},
	}
	for i, u := range users {
		args := []string{"-b", path, u.user, u.password}
		if u.hashArg != "" {
			args = append([]string{"-H", u.hashArg}, args...)
		}
		if i == 0 {
			args = append([]string{"-c"}, args...)
		}
		if out, err := exec.Command(tool, args...).CombinedOutput(); err != nil {
			t.Fatalf("mosquitto_passwd %q: %v\n%s", args, err, out)
		}
	}
	pf, err := LoadPasswordFile(path)
	if err != nil {
		t.Fatalf("parsing mosquitto_passwd output: %v\n%s", err, readFile(t, path))
	}
	ctx := context.Background()
	for _, u := range users {
		if err := pf.Authenticate(ctx, userClient(u.user, u.password)); err != nil {
			t.Errorf("%s: %v", u.user, err)
		}
		if err := pf.Authenticate(ctx, userClient(u.user, u.password+"!")); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("%s with a wrong password: %v", u.user, err)
		}
	}
}

// TestMosquittoBrokerReadsOurFile starts the installed mosquitto broker on
// a loopback port with a password file written by SetPassword
// (pbkdf2-sha512) and checks that it accepts the right password and
// refuses a wrong one.
func TestMosquittoBrokerReadsOurFile(t *testing.T) {
	broker := lookTool(t, "mosquitto")
	dir := t.TempDir()
	pwPath := filepath.Join(dir, "passwd")
	if err := SetPassword(pwPath, "alice", []byte("s3cret ✓"), AlgPBKDF2SHA512, true); err != nil {
		t.Fatal(err)
	}
	if err := SetPassword(pwPath, "erin smith", []byte("two"), AlgPBKDF2SHA512, false); err != nil {
		t.Fatal(err)
	}

	port := freePort(t)
	conf := filepath.Join(dir, "mosquitto.conf")
	// "user root" keeps a broker started as root from switching to the
	// mosquitto user, which could not read the 0600 file in our temp dir;
	// as any other user the option is ignored.
	cfg := fmt.Sprintf("listener %d 127.0.0.1\nallow_anonymous false\npassword_file %s\nuser root\n", port, pwPath)
	if err := os.WriteFile(conf, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(broker, "-c", conf)
	var logBuf strings.Builder
	cmd.Stdout, cmd.Stderr = &logBuf, &logBuf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("mosquitto log:\n%s", logBuf.String())
		}
	})

	addr := fmt.Sprintf("127.0.0.1:%d", port)
	tests := []struct {
		user, password string
		want           byte // MQTT 3.1.1 CONNACK return code
	}{
		{"alice", "s3cret ✓", 0},
		{"erin smith", "two", 0},
		{"alice", "wrong", 5}, // Mosquitto answers 5 (not authorized) to bad credentials
		{"nobody", "x", 5},
	}
	for _, tt := range tests {
		got, err := connack(addr, tt.user, tt.password)
		if err != nil {
			t.Fatalf("%s: %v", tt.user, err)
		}
		if got != tt.want {
			t.Errorf("CONNECT %s/%s: return code %d, want %d", tt.user, tt.password, got, tt.want)
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// connack sends an MQTT 3.1.1 CONNECT with user name and password to addr,
// retrying the dial for up to 10 s while the broker starts, and returns
// the CONNACK return code.
func connack(addr, user, password string) (byte, error) {
	var conn net.Conn
	var err error
	for deadline := time.Now().Add(10 * time.Second); ; {
		if conn, err = net.DialTimeout("tcp", addr, time.Second); err == nil {
			break
		}
		if time.Now().After(deadline) {
			return 0, err
		}
		time.Sleep(50 * time.Millisecond)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))

	str := func(s string) []byte { return append([]byte{byte(len(s) >> 8), byte(len(s))}, s...) }
	var body []byte
	body = append(body, str("MQTT")...)
	body = append(body, 4, 0xC2, 0, 30) // level 4; user name, password, clean session; keepalive 30 s
	body = append(body, str("tern-auth-test")...)
	body = append(body, str(user)...)
	body = append(body, str(password)...)
	if len(body) > 127 {
		return 0, errors.New("test CONNECT too long for a one-byte remaining length")
	}
	if _, err := conn.Write(append([]byte{0x10, byte(len(body))}, body...)); err != nil {
		return 0, err
	}
	var ack [4]byte
	if _, err := io.ReadFull(bufio.NewReader(conn), ack[:]); err != nil {
		return 0, fmt.Errorf("reading CONNACK: %w", err)
	}
	if ack[0] != 0x20 || ack[1] != 2 {
		return 0, fmt.Errorf("not a CONNACK: % x", ack)
	}
	return ack[3], nil
}
