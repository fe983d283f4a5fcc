package auth

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
)

// Plain-text passwords of the fixtures in testdata/. The file headers show
// the commands that wrote them.
var fixturePasswords = map[string]string{
	"alice":      "correct horse battery staple",
	"bob":        "s3cr3t!",
	"carol":      "old-style",
	"dave":       "pässwörd ✓",
	"erin smith": "with:colon and $dollar",
	"frank":      "",
}

func userClient(name, password string) Client {
	return Client{ClientID: "c1", Username: name, HasUsername: true, Password: []byte(password)}
}

// TestMosquittoPasswdFixtures verifies hashes written by the real
// mosquitto_passwd 2.0.11: $7$ (PBKDF2-SHA512, 101 iterations, 12-byte
// salt) and $6$ (salted SHA-512).
func TestMosquittoPasswdFixtures(t *testing.T) {
	pf, err := LoadPasswordFile("testdata/mosquitto-2.0.11.passwd")
	if err != nil {
		t.Fatal(err)
	}
	if pf.Len() != len(fixturePasswords) {
		t.Fatalf("Len = %d, want %d", pf.Len(), len(fixturePasswords))
	}
	checkFixtureUsers(t, pf, []string{"alice", "bob", "carol", "dave", "erin smith", "frank"})
}

// TestLibargon2Fixtures verifies argon2id PHC strings written by
// libargon2, the library Mosquitto 2.1 uses, including the 64-byte salt
// and 64-byte hash Mosquitto 2.1 writes.
func TestLibargon2Fixtures(t *testing.T) {
	pf, err := LoadPasswordFile("testdata/libargon2.passwd")
	if err != nil {
		t.Fatal(err)
	}
	checkFixtureUsers(t, pf, []string{"alice", "dave"})
}

func checkFixtureUsers(t *testing.T, pf *PasswordFile, users []string) {
	t.Helper()
	ctx := context.Background()
	for _, u := range users {
		pw := fixturePasswords[u]
		if err := pf.Authenticate(ctx, userClient(u, pw)); err != nil {
			t.Errorf("%s with the right password: %v", u, err)
		}
		if err := pf.Authenticate(ctx, userClient(u, pw+"x")); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("%s with a wrong password: %v, want ErrBadCredentials", u, err)
		}
	}
}

func TestAuthenticate(t *testing.T) {
	pf := mustParsePasswords(t, "alice:"+testPBKDF2(t, "pw", 1)+"\n")
	ctx := context.Background()
	tests := []struct {
		name string
		c    Client
		want error
	}{
		{"right password", userClient("alice", "pw"), nil},
		{"wrong password", userClient("alice", "pW"), ErrBadCredentials},
		{"no password", Client{Username: "alice", HasUsername: true}, ErrBadCredentials},
		{"unknown user", userClient("mallory", "pw"), ErrBadCredentials},
		{"user names are case-sensitive", userClient("Alice", "pw"), ErrBadCredentials},
		{"anonymous", Client{ClientID: "c"}, ErrAnonymousDenied},
		{"empty user name is not anonymous", userClient("", "pw"), ErrBadCredentials},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := pf.Authenticate(ctx, tt.c)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("Authenticate = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestAuthenticateWaitsForContext checks that a verification waiting for a
// slot gives up when its context ends.
func TestAuthenticateWaitsForContext(t *testing.T) {
	pf := mustParsePasswords(t, "alice:"+testPBKDF2(t, "pw", 1)+"\n")
	for range cap(pf.sem) {
		pf.sem <- struct{}{} // occupy every slot
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := pf.Authenticate(ctx, userClient("alice", "pw")); !errors.Is(err, context.Canceled) {
		t.Fatalf("Authenticate = %v, want context.Canceled", err)
	}
}

func TestDecoyUsesFirstEntryCost(t *testing.T) {
	pf := mustParsePasswords(t, "a:"+testPBKDF2(t, "x", 7)+"\nb:$6$"+strings.Repeat("A", 16)+"$"+b64(64)+"\n")
	if pf.decoy.scheme != schemePBKDF2SHA512 || pf.decoy.iterations != 7 {
		t.Fatalf("decoy = %v/%d, want $7$/7", pf.decoy.scheme, pf.decoy.iterations)
	}
	if empty := mustParsePasswords(t, "# nobody\n"); empty.decoy.scheme != schemeArgon2id || empty.Len() != 0 {
		t.Fatalf("empty file decoy = %v", empty.decoy.scheme)
	}
}

func TestHashPassword(t *testing.T) {
	argon2Format := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	tests := []struct {
		alg    string
		format *regexp.Regexp
		verify bool // also verify (PBKDF2 at 210,000 iterations is slow under -race)
	}{
		{"", argon2Format, true},
		{AlgArgon2id, argon2Format, false},
		// 12-byte salt: 16 base64 characters, no padding; 64-byte hash:
		// 88 characters ending in "==", exactly as mosquitto_passwd writes.
		{AlgPBKDF2SHA512, regexp.MustCompile(`^\$7\$210000\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$`), true},
		{"sha512-pbkdf2", regexp.MustCompile(`^\$7\$210000\$`), false},
	}
	for _, tt := range tests {
		t.Run(tt.alg, func(t *testing.T) {
			t.Parallel()
			pw := []byte("hunter2 ✓")
			enc, err := HashPassword(pw, tt.alg)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.format.MatchString(enc) {
				t.Fatalf("HashPassword = %q, want match of %s", enc, tt.format)
			}
			h, err := parseHash(enc)
			if err != nil {
				t.Fatal(err)
			}
			if tt.verify && (!h.verify(pw) || h.verify([]byte("hunter2"))) {
				t.Fatal("hash does not verify its own password only")
			}
		})
	}
	a, _ := HashPassword([]byte("x"), "")
	b, _ := HashPassword([]byte("x"), "")
	if a == b {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
	for alg, want := range map[string]string{
		"sha512": "auth: hash algorithm sha512 ($6$) is too weak to write; use argon2id or pbkdf2-sha512",
		"bcrypt": `auth: unknown hash algorithm "bcrypt" (want argon2id or pbkdf2-sha512)`,
	} {
		if _, err := HashPassword([]byte("x"), alg); err == nil || err.Error() != want {
			t.Errorf("HashPassword(%q) error = %v, want %q", alg, err, want)
		}
	}
}

func TestParsePasswordFile(t *testing.T) {
	good := testPBKDF2(t, "pw", 2)
	tests := []struct {
		name, in string
		users    []string
	}{
		{"empty", "", nil},
		{"comments and blank lines", "# c\n\n   \n\t# indented comment\nalice:" + good + "\n", []string{"alice"}},
		{"CRLF and blanks around fields", "alice : " + good + " \r\nbob:" + good, []string{"alice", "bob"}},
		{"user name with spaces", "erin smith:" + good + "\n", []string{"erin smith"}},
		{"unpadded $7$ base64", "alice:" + strings.TrimRight(good, "=") + "\n", []string{"alice"}},
		{"$6$", "carol:$6$" + b64(12) + "$" + b64(64) + "\n", []string{"carol"}},
		{"argon2id", "d:$argon2id$v=19$m=64,t=1,p=8$" + rawB64(16) + "$" + rawB64(32) + "\n", []string{"d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pf, err := ParsePasswordFile("pw", strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if pf.Len() != len(tt.users) {
				t.Fatalf("Len = %d, want %d", pf.Len(), len(tt.users))
			}
			for _, u := range tt.users {
				if pf.users[u] == nil {
					t.Errorf("user %q missing", u)
				}
			}
		})
	}
}

// TestParsePasswordFileErrors checks the exact messages: file:line, the
// problem, the user name, and never the hash.
func TestParsePasswordFileErrors(t *testing.T) {
	good := testPBKDF2(t, "pw", 2)
	salt, hash := b64(12), b64(64)
	tests := []struct{ name, in, want string }{
		{"no colon", "# c\nalice\n", "pw:2: missing ':' between user name and password hash"},
		{"empty user", ":" + good, "pw:1: empty user name"},
		{"no hash", "alice:\n", `pw:1: user "alice": missing password hash`},
		{"plain text", "alice:secret\n", `pw:1: user "alice": unknown password hash format (want $7$, $6$ or $argon2id$; plain-text passwords must be hashed with tern passwd)`},
		{"unknown scheme", "alice:$5$abc$def\n", `pw:1: user "alice": unknown password hash format (want $7$, $6$ or $argon2id$; plain-text passwords must be hashed with tern passwd)`},
		{"argon2i", "alice:$argon2i$v=19$m=64,t=1,p=1$" + rawB64(16) + "$" + rawB64(32), `pw:1: user "alice": unknown password hash format (want $7$, $6$ or $argon2id$; plain-text passwords must be hashed with tern passwd)`},
		{"duplicate", "alice:" + good + "\nbob:" + good + "\nalice:" + good + "\n", `pw:3: duplicate user "alice" (first on line 1)`},
		{"control char", "al\x01ice:" + good, `pw:1: user name "al\x01ice" contains a control character`},
		{"bad utf8", "al\xffice:" + good, "pw:1: user name is not valid UTF-8"},
		{"$7$ fields", "a:$7$101$" + salt + "\n", `pw:1: user "a": $7$ hash: want $7$iterations$salt$hash`},
		{"$7$ iterations", "a:$7$0$" + salt + "$" + hash, `pw:1: user "a": $7$ hash: iteration count must be a number from 1 to 10000000`},
		{"$7$ iterations text", "a:$7$x1$" + salt + "$" + hash, `pw:1: user "a": $7$ hash: iteration count must be a number from 1 to 10000000`},
		{"$7$ salt base64", "a:$7$1$!!!!$" + hash, `pw:1: user "a": $7$ hash: salt is not valid base64`},
		{"$7$ short salt", "a:$7$1$" + b64(4) + "$" + hash, `pw:1: user "a": $7$ hash: salt is 4 bytes, want 8 to 1024`},
		{"$7$ hash base64", "a:$7$1$" + salt + "$**", `pw:1: user "a": $7$ hash: digest is not valid base64`},
		{"$7$ hash length", "a:$7$1$" + salt + "$" + b64(32), `pw:1: user "a": $7$ hash: digest is 32 bytes, want 64`},
		{"trailing field", "a:" + good + ":extra", `pw:1: user "a": $7$ hash: digest is not valid base64`},
		{"$6$ fields", "a:$6$" + salt, `pw:1: user "a": $6$ hash: want $6$salt$hash`},
		{"$6$ hash length", "a:$6$" + salt + "$" + b64(63), `pw:1: user "a": $6$ hash: digest is 63 bytes, want 64`},
		{"argon2id fields", "a:$argon2id$v=19$m=64,t=1,p=1$" + rawB64(16), `pw:1: user "a": $argon2id$ hash: want $argon2id$v=19$m=M,t=T,p=P$salt$hash`},
		{"argon2id version", "a:$argon2id$v=16$m=64,t=1,p=1$" + rawB64(16) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: unsupported version (want v=19)`},
		{"argon2id param order", "a:$argon2id$v=19$t=1,m=64,p=1$" + rawB64(16) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: want parameters m=M,t=T,p=P`},
		{"argon2id extra param", "a:$argon2id$v=19$m=64,t=1,p=1,keyid=x$" + rawB64(16) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: want parameters m=M,t=T,p=P`},
		{"argon2id leading zero", "a:$argon2id$v=19$m=064,t=1,p=1$" + rawB64(16) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: want parameters m=M,t=T,p=P`},
		{"argon2id p", "a:$argon2id$v=19$m=4096,t=1,p=256$" + rawB64(16) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: p must be 1 to 255`},
		{"argon2id t", "a:$argon2id$v=19$m=64,t=0,p=1$" + rawB64(16) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: t must be 1 to 1000`},
		{"argon2id m below 8p", "a:$argon2id$v=19$m=15,t=1,p=2$" + rawB64(16) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: m must be 8*p to 1048576 KiB`},
		{"argon2id m too big", "a:$argon2id$v=19$m=4194304,t=1,p=1$" + rawB64(16) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: m must be 8*p to 1048576 KiB`},
		{"argon2id padded salt", "a:$argon2id$v=19$m=64,t=1,p=1$" + b64(16) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: salt is not unpadded base64`},
		{"argon2id short salt", "a:$argon2id$v=19$m=64,t=1,p=1$" + rawB64(7) + "$" + rawB64(32), `pw:1: user "a": $argon2id$ hash: salt is 7 bytes, want 8 to 1024`},
		{"argon2id hash", "a:$argon2id$v=19$m=64,t=1,p=1$" + rawB64(16) + "$" + rawB64(3), `pw:1: user "a": $argon2id$ hash: digest is 3 bytes, want 4 to 1024`},
		{"long line", "a:" + strings.Repeat("x", maxLineLen+1), "pw:1: line longer than 1048576 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePasswordFile("pw", strings.NewReader(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError", err)
			}
			if err.Error() != tt.want {
				t.Fatalf("error\n got %q\nwant %q", err, tt.want)
			}
		})
	}
}

func TestLoadPasswordFileMissing(t *testing.T) {
	_, err := LoadPasswordFile("testdata/does-not-exist")
	if err == nil || !strings.HasPrefix(err.Error(), "auth: open testdata/does-not-exist") {
		t.Fatalf("err = %v", err)
	}
}

func TestCheckUsername(t *testing.T) {
	for _, ok := range []string{"alice", "erin smith", "ü", "a#b", strings.Repeat("x", 65535)} {
		if err := CheckUsername(ok); err != nil {
			t.Errorf("CheckUsername(%.20q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "a:b", "a\nb", "a\tb", "\x7f", " a", "a ", "#a", "\xff", strings.Repeat("x", 65536)} {
		if err := CheckUsername(bad); err == nil {
			t.Errorf("CheckUsername(%.20q) = nil, want an error", bad)
		}
	}
}

func TestZeroValues(t *testing.T) {
	var pf PasswordFile
	if err := pf.Authenticate(context.Background(), userClient("alice", "")); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("zero PasswordFile: %v", err)
	}
	var a ACL
	c := user("alice", "c")
	if a.CanPublish(c, "a") || a.CanRead(c, "a") || a.CanSubscribe(c, "a") {
		t.Fatal("zero ACL allowed something")
	}
}
