package auth

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFile(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func checkLogin(tb testing.TB, path, user, password string, want error) {
	tb.Helper()
	pf, err := LoadPasswordFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := pf.Authenticate(context.Background(), userClient(user, password)); !errors.Is(err, want) || (want == nil && err != nil) {
		tb.Fatalf("login %s/%s: %v, want %v", user, password, err, want)
	}
}

func TestSetPasswordAndDeleteUser(t *testing.T) {
	path := filepath.Join(t.TempDir(), "passwd")

	// Without create, the file must exist.
	err := SetPassword(path, "alice", []byte("a"), AlgPBKDF2SHA512, false)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("SetPassword on a missing file: %v, want fs.ErrNotExist", err)
	}

	if err := SetPassword(path, "alice", []byte("pw-a"), AlgPBKDF2SHA512, true); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode = %v, want 0600", st.Mode().Perm())
	}

	// Hand-edited comments and blank lines survive edits.
	body := "# users of the test broker\n\n" + readFile(t, path) + "# end\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := SetPassword(path, "bob", []byte("pw-b"), AlgArgon2id, false); err != nil {
		t.Fatal(err)
	}
	aliceLine := strings.Split(readFile(t, path), "\n")[2]
	if err := SetPassword(path, "alice", []byte("pw-a2"), "", false); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(readFile(t, path), "\n")
	if len(lines) != 6 || lines[0] != "# users of the test broker" || lines[1] != "" ||
		!strings.HasPrefix(lines[2], "alice:$argon2id$") || lines[2] == aliceLine ||
		lines[3] != "# end" || !strings.HasPrefix(lines[4], "bob:$argon2id$") || lines[5] != "" {
		t.Fatalf("file after edits:\n%s", strings.Join(lines, "\n"))
	}
	checkLogin(t, path, "alice", "pw-a2", nil)
	checkLogin(t, path, "alice", "pw-a", ErrBadCredentials)
	checkLogin(t, path, "bob", "pw-b", nil)

	if err := DeleteUser(path, "alice"); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); !strings.HasPrefix(got, "# users of the test broker\n\n# end\nbob:") {
		t.Fatalf("file after delete:\n%s", got)
	}
	checkLogin(t, path, "alice", "pw-a2", ErrBadCredentials)
	err = DeleteUser(path, "alice")
	if !errors.Is(err, ErrUserNotFound) || err.Error() != `auth: user not found: "alice" in `+path {
		t.Fatalf("DeleteUser of a missing user: %v", err)
	}

	// create replaces the whole file.
	if err := SetPassword(path, "carol", []byte("pw-c"), AlgPBKDF2SHA512, true); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); !strings.HasPrefix(got, "carol:$7$210000$") || strings.Count(got, "\n") != 1 {
		t.Fatalf("file after create:\n%s", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestSetPasswordRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "passwd")
	if err := SetPassword(path, "a:b", []byte("x"), "", true); err == nil || err.Error() != `auth: user name "a:b" contains ':'` {
		t.Fatalf("user with ':' : %v", err)
	}
	if err := SetPassword(path, "a\tb", []byte("x"), "", true); err == nil {
		t.Fatal("user with a tab accepted")
	}
	if err := SetPassword(path, "a", []byte("x"), "md5", true); err == nil {
		t.Fatal("unknown algorithm accepted")
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("a file was written despite the errors")
	}
	// A file that does not parse is not edited.
	broken := "alice:plaintext\n"
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	err := SetPassword(path, "bob", []byte("x"), "", false)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 1 {
		t.Fatalf("SetPassword on a broken file: %v", err)
	}
	if err := DeleteUser(path, "alice"); !errors.As(err, &pe) {
		t.Fatalf("DeleteUser on a broken file: %v", err)
	}
	if readFile(t, path) != broken {
		t.Fatal("broken file was modified")
	}
}

func TestSetPasswordFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	link := filepath.Join(dir, "link")
	if err := SetPassword(real, "a", []byte("1"), AlgArgon2id, true); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real", link); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := SetPassword(link, "b", []byte("2"), AlgArgon2id, false); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatal("the symlink was replaced by a file")
	}
	checkLogin(t, real, "b", "2", nil)
}

func TestPasswordLines(t *testing.T) {
	for in, want := range map[string]int{"": 0, "a": 1, "a\n": 1, "a\nb": 2, "a\n\n": 2, "\n": 1} {
		if got := len(passwordLines([]byte(in))); got != want {
			t.Errorf("passwordLines(%q) has %d lines, want %d", in, got, want)
		}
	}
}
