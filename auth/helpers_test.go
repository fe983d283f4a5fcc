package auth

import (
	"crypto/sha512"
	"encoding/base64"
	"strings"
	"testing"
)

// testPBKDF2 returns a $7$ hash of password with a cheap iteration count.
func testPBKDF2(tb testing.TB, password string, iterations int) string {
	tb.Helper()
	h := passwordHash{scheme: schemePBKDF2SHA512, iterations: iterations, salt: []byte("twelve-bytes"), hash: make([]byte, sha512.Size)}
	h.hash = h.derive([]byte(password))
	return h.encode()
}

// b64 and rawB64 return the (padded / unpadded) base64 of n bytes.
func b64(n int) string    { return base64.StdEncoding.EncodeToString(make([]byte, n)) }
func rawB64(n int) string { return base64.RawStdEncoding.EncodeToString(make([]byte, n)) }

func mustParsePasswords(tb testing.TB, in string) *PasswordFile {
	tb.Helper()
	pf, err := ParsePasswordFile("test", strings.NewReader(in))
	if err != nil {
		tb.Fatal(err)
	}
	return pf
}

func mustParseACL(tb testing.TB, in string) *ACL {
	tb.Helper()
	a, err := ParseACL("acl", strings.NewReader(in))
	if err != nil {
		tb.Fatal(err)
	}
	return a
}
