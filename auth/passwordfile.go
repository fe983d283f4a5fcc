package auth

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PasswordFile is an Authenticator backed by a Mosquitto-format password
// file: one "username:hash" per line, blank lines and lines starting with
// '#' ignored. The hash forms understood are
//
//	$7$<iterations>$<salt>$<hash>          PBKDF2-HMAC-SHA512 (mosquitto_passwd 2.0)
//	$6$<salt>$<hash>                       SHA-512(password||salt) (Mosquitto ≤ 1.6)
//	$argon2id$v=19$m=M,t=T,p=P$<salt>$<hash>   argon2id PHC string (Mosquitto 2.1)
//
// Unlike Mosquitto, which logs and skips bad entries, parsing fails on any
// malformed line, unknown hash form or duplicate user name, so a broken
// file is found at startup rather than by a user who cannot log in.
//
// A PasswordFile is immutable and safe for concurrent use. Create one with
// LoadPasswordFile or ParsePasswordFile; the zero value has no users.
type PasswordFile struct {
	users map[string]*passwordHash
	decoy passwordHash  // verified for unknown users; see Authenticate
	sem   chan struct{} // bounds concurrent verifications
}

// maxLineLen bounds one line of a password or ACL file. MQTT limits user
// names and topics to 65,535 bytes.
const maxLineLen = 1 << 20

// LoadPasswordFile reads and parses the password file at path.
func LoadPasswordFile(path string) (*PasswordFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	defer f.Close()
	return ParsePasswordFile(path, f)
}

// ParsePasswordFile parses a password file read from r. name is used in
// error messages, which have the form "name:line: problem" (*ParseError)
// and never include a hash.
func ParsePasswordFile(name string, r io.Reader) (*PasswordFile, error) {
	entries, err := parsePasswordEntries(name, r)
	if err != nil {
		return nil, err
	}
	pf := &PasswordFile{
		users: make(map[string]*passwordHash, len(entries)),
		sem:   make(chan struct{}, runtime.GOMAXPROCS(0)),
	}
	for i := range entries {
		pf.users[entries[i].user] = &entries[i].hash
	}
	if len(entries) > 0 {
		// Unknown users cost what the first user costs: in a file
		// written by one tool with one setting, what every user costs.
		pf.decoy = entries[0].hash.decoy()
	} else {
		pf.decoy = defaultDecoy()
	}
	return pf, nil
}

// passwordEntry is one parsed "user:hash" line.
type passwordEntry struct {
	user string
	hash passwordHash
	line int
}

// parsePasswordEntries parses every line of a password file.
func parsePasswordEntries(name string, r io.Reader) ([]passwordEntry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLineLen)
	var entries []passwordEntry
	seen := make(map[string]int)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		user, enc, ok := strings.Cut(line, ":")
		if !ok {
			return nil, parseErrorf(name, lineNo, "missing ':' between user name and password hash")
		}
		// Mosquitto trims blanks around both fields.
		user, enc = strings.TrimSpace(user), strings.TrimSpace(enc)
		if err := CheckUsername(user); err != nil {
			return nil, parseErrorf(name, lineNo, "%s", strings.TrimPrefix(err.Error(), "auth: "))
		}
		if enc == "" {
			return nil, parseErrorf(name, lineNo, "user %q: missing password hash", user)
		}
		if first, dup := seen[user]; dup {
			return nil, parseErrorf(name, lineNo, "duplicate user %q (first on line %d)", user, first)
		}
		h, err := parseHash(enc)
		if err != nil {
			return nil, parseErrorf(name, lineNo, "user %q: %v", user, err)
		}
		seen[user] = lineNo
		entries = append(entries, passwordEntry{user: user, hash: h, line: lineNo})
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, parseErrorf(name, lineNo+1, "line longer than %d bytes", maxLineLen)
		}
		return nil, fmt.Errorf("auth: reading %s: %w", name, err)
	}
	return entries, nil
}

// CheckUsername reports whether name can be stored in a password file:
// non-empty, at most 65,535 bytes (the MQTT limit), valid UTF-8 without
// control characters, without ':', without leading or trailing white space
// (the parser trims it) and not starting with '#' (a comment).
func CheckUsername(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("auth: empty user name")
	case len(name) > 65535:
		return fmt.Errorf("auth: user name longer than 65535 bytes")
	case !utf8.ValidString(name):
		return fmt.Errorf("auth: user name is not valid UTF-8")
	case strings.ContainsRune(name, ':'):
		return fmt.Errorf("auth: user name %q contains ':'", name)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("auth: user name %q contains a control character", name)
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("auth: user name %q has leading or trailing white space", name)
	case name[0] == '#':
		return fmt.Errorf("auth: user name %q starts with '#'", name)
	}
	return nil
}

// Len returns the number of users in the file.
func (p *PasswordFile) Len() int { return len(p.users) }

// Authenticate checks c's user name and password against the file.
//
//   - A client without a user name gets ErrAnonymousDenied. The broker
//     decides whether anonymous clients are allowed (allow_anonymous)
//     before calling Authenticate; the file has nothing to say about them.
//   - An unknown user name and a wrong password both get ErrBadCredentials.
//     For an unknown user a decoy hash with the cost of the file's first
//     entry is computed, so timing does not reveal which names exist.
//   - The comparison is constant-time.
//
// Hashing is deliberately expensive (argon2id with the default parameters:
// 30-40 ms and 19 MiB; $7$ with 210,000 iterations: 130-200 ms; see
// BenchmarkVerify*). Successful verifications are not cached. To keep a
// connect storm from exhausting memory, at most GOMAXPROCS verifications
// run at once; the others wait, and give up with ctx's error when ctx is
// done.
func (p *PasswordFile) Authenticate(ctx context.Context, c Client) error {
	if !c.HasUsername {
		return ErrAnonymousDenied
	}
	h, known := p.users[c.Username]
	if !known {
		h = &p.decoy
	}
	if p.sem != nil { // nil only in a zero PasswordFile, which refuses everyone
		select {
		case p.sem <- struct{}{}:
			defer func() { <-p.sem }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	ok := h.verify(c.Password)
	if !known || !ok {
		return ErrBadCredentials
	}
	return nil
}
