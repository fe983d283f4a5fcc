package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ternmq/tern/auth"
)

// runPasswdTest runs "tern passwd args..." with stdin and returns the exit
// code and the two output streams.
func runPasswdTest(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runPasswd(context.Background(), args, stdio{in: strings.NewReader(stdin), out: &out, err: &errOut})
	return code, out.String(), errOut.String()
}

func login(t *testing.T, file, user, password string) error {
	t.Helper()
	pf, err := auth.LoadPasswordFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return pf.Authenticate(context.Background(), auth.Client{Username: user, HasUsername: true, Password: []byte(password)})
}

func TestPasswdUsage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pw")
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no arguments", nil, "tern passwd: need FILE USER\n"},
		{"one argument", []string{file}, "tern passwd: need FILE USER\n"},
		{"too many", []string{"-b", file, "u", "p", "x"}, "tern passwd: -b needs FILE USER PASSWORD\n"},
		{"-c with -D", []string{"-c", "-D", file, "u"}, "tern passwd: -c and -D cannot be used together\n"},
		{"-b with -D", []string{"-b", "-D", file, "u"}, "tern passwd: -b and -D cannot be used together\n"},
		{"-D with password", []string{"-D", file, "u", "p"}, "tern passwd: -D needs FILE USER\n"},
		{"-b without password", []string{"-b", file, "u"}, "tern passwd: -b needs FILE USER PASSWORD\n"},
		{"password without -b", []string{file, "u", "p"}, "tern passwd: a PASSWORD argument needs -b\n"},
		{"unknown hash", []string{"-H", "sha512", "-b", file, "u", "p"}, `tern passwd: unknown hash "sha512" (want argon2id or pbkdf2-sha512)` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runPasswdTest(t, "", tt.args...)
			if code != 2 || out != "" || errOut != tt.wantErr+"Run 'tern passwd -h' for usage.\n" {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
		})
	}
	if code, _, errOut := runPasswdTest(t, "", "-x", file, "u"); code != 2 || !strings.Contains(errOut, "flag provided but not defined: -x") {
		t.Fatalf("unknown flag: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runPasswdTest(t, "", "-h"); code != 0 || !strings.HasPrefix(errOut, "Usage: tern passwd") {
		t.Fatalf("-h: exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a usage error wrote the file")
	}
}

func TestPasswdBatch(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pw")
	if code, _, errOut := runPasswdTest(t, "", "-b", file, "alice", "one"); code != 1 ||
		errOut != "tern passwd: "+file+" does not exist (use -c to create it)\n" {
		t.Fatalf("missing file: exit %d, stderr %q", code, errOut)
	}
	if code, out, errOut := runPasswdTest(t, "", "-c", "-b", file, "alice", "one"); code != 0 || out != "" || errOut != "" {
		t.Fatalf("create: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut := runPasswdTest(t, "", "-b", "-H", "pbkdf2-sha512", file, "bob", "two ✓"); code != 0 {
		t.Fatalf("add: exit %d, stderr %q", code, errOut)
	}
	content, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(content), "alice:$argon2id$") || !strings.Contains(string(content), "\nbob:$7$210000$") {
		t.Fatalf("file:\n%s", content)
	}
	if err := login(t, file, "alice", "one"); err != nil {
		t.Fatal(err)
	}
	if err := login(t, file, "bob", "two ✓"); err != nil {
		t.Fatal(err)
	}

	if code, _, errOut := runPasswdTest(t, "", "-b", file, "a:b", "x"); code != 1 || errOut != "tern passwd: auth: user name \"a:b\" contains ':'\n" {
		t.Fatalf("bad user: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runPasswdTest(t, "", "-b", file, "carol", ""); code != 1 || errOut != "tern passwd: empty password\n" {
		t.Fatalf("empty password: exit %d, stderr %q", code, errOut)
	}

	if code, _, errOut := runPasswdTest(t, "", "-D", file, "alice"); code != 0 {
		t.Fatalf("delete: exit %d, stderr %q", code, errOut)
	}
	if err := login(t, file, "alice", "one"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatalf("deleted user logs in: %v", err)
	}
	if code, _, errOut := runPasswdTest(t, "", "-D", file, "alice"); code != 1 || errOut != `tern passwd: auth: user not found: "alice" in `+file+"\n" {
		t.Fatalf("delete missing: exit %d, stderr %q", code, errOut)
	}
}

func TestPasswdPrompt(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pw")
	code, out, errOut := runPasswdTest(t, "s3cret\ns3cret\n", "-c", file, "alice")
	if code != 0 || out != "" || errOut != "Password: Reenter password: " {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if err := login(t, file, "alice", "s3cret"); err != nil {
		t.Fatal(err)
	}
	// CRLF line endings and a last line without newline.
	if code, _, errOut := runPasswdTest(t, "two\r\ntwo", file, "bob"); code != 0 {
		t.Fatalf("CRLF: exit %d, stderr %q", code, errOut)
	}
	if err := login(t, file, "bob", "two"); err != nil {
		t.Fatal(err)
	}

	tests := []struct{ name, stdin, wantErr string }{
		{"mismatch", "one\ntwo\n", "tern passwd: passwords do not match\n"},
		{"no input", "", "tern passwd: no password given\n"},
		{"one line only", "one\n", "tern passwd: no password given\n"},
		{"empty password", "\n\n", "tern passwd: empty password\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runPasswdTest(t, tt.stdin, file, "carol")
			if code != 1 || !strings.HasSuffix(errOut, tt.wantErr) {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
		})
	}
	if err := login(t, file, "carol", "one"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatal("a failed prompt wrote carol")
	}
}

func TestPasswdPromptCancelled(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pw")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, w, err := os.Pipe() // a reader that blocks: nothing is ever written
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	defer r.Close()
	var errOut bytes.Buffer
	code := runPasswd(ctx, []string{"-c", file, "alice"}, stdio{in: r, out: &bytes.Buffer{}, err: &errOut})
	if code != 1 || !strings.HasSuffix(errOut.String(), "tern passwd: context canceled\n") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}
