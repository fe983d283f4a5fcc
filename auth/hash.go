package auth

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Hash algorithm names accepted by HashPassword, SetPassword and
// tern passwd -H.
const (
	// AlgArgon2id writes a PHC string "$argon2id$v=19$m=..,t=..,p=..$salt$hash"
	// as Mosquitto 2.1's mosquitto_passwd does. It is the default.
	AlgArgon2id = "argon2id"
	// AlgPBKDF2SHA512 writes Mosquitto 2.0's "$7$iterations$salt$hash", for
	// files that a Mosquitto 2.0 broker must also read. "sha512-pbkdf2",
	// mosquitto_passwd's name for it, is accepted as an alias.
	AlgPBKDF2SHA512 = "pbkdf2-sha512"
)

// Parameters of the hashes HashPassword writes.
//
// argon2id: the OWASP Password Storage Cheat Sheet lists equivalent argon2id
// settings that trade memory for passes; we take its low-memory end,
// m=19 MiB, t=2, p=1, because a broker verifies a password on every
// CONNECT, possibly thousands at once after a restart, and memory (not CPU)
// is what a connect storm exhausts. Mosquitto 2.1 uses m=46 MiB, t=1 from
// the same list; each verifies the other's hashes, since the parameters
// are part of the stored string. PasswordFile additionally bounds
// how many verifications run at once (see Authenticate). Measured on the
// 2-core development machine (AMD EPYC, Go 1.26): 30-40 ms of CPU and 19 MiB
// per verification (BenchmarkVerifyArgon2id).
//
// pbkdf2-sha512: OWASP recommends 210,000 iterations of PBKDF2-HMAC-SHA512.
// mosquitto_passwd 2.0 writes 101 (2.1: 1,000), far too few to slow down
// an offline attack on a leaked file (101 iterations verify in ~0.07 ms).
// At 210,000 a verification costs 130-200 ms of CPU in Go
// (BenchmarkVerifyPBKDF2; Mosquitto 2.0 with OpenSSL took ~160 ms), which
// is why argon2id, cheaper per CONNECT and harder for GPUs, is the
// default. The salt is 12 bytes because Mosquitto 2.0 refuses any other
// salt length for $6$ and $7$ (src/security_default.c,
// unpwd__decode_passwords).
const (
	argon2Memory  = 19 * 1024 // KiB
	argon2Time    = 2
	argon2Threads = 1
	argon2SaltLen = 16
	argon2KeyLen  = 32

	pbkdf2Iterations = 210_000
	pbkdf2SaltLen    = 12
	sha512Len        = sha512.Size // hash length of $6$ and $7$, as Mosquitto requires
)

// Limits applied when parsing hashes, so that a typo in a file cannot make
// each CONNECT take minutes or gigabytes. They are far above anything a
// sane configuration uses.
const (
	maxPBKDF2Iterations = 10_000_000
	maxArgon2Memory     = 1 << 20 // KiB (1 GiB)
	maxArgon2Time       = 1_000
	minSaltLen          = 8 // libargon2's ARGON2_MIN_SALT_LENGTH
	maxSaltLen          = 1024
	minArgon2KeyLen     = 4 // libargon2's ARGON2_MIN_OUTLEN
	maxArgon2KeyLen     = 1024
)

type scheme uint8

const (
	schemeSHA512       scheme = iota + 1 // $6$: SHA-512(password || salt)
	schemePBKDF2SHA512                   // $7$: PBKDF2-HMAC-SHA512
	schemeArgon2id                       // $argon2id$ PHC string
)

func (s scheme) String() string {
	switch s {
	case schemeSHA512:
		return "$6$"
	case schemePBKDF2SHA512:
		return "$7$"
	case schemeArgon2id:
		return "$argon2id$"
	}
	return "unknown"
}

// passwordHash is one decoded hash from a password file.
type passwordHash struct {
	scheme     scheme
	iterations int    // $7$
	memory     uint32 // argon2id, KiB
	time       uint32 // argon2id
	threads    uint8  // argon2id
	salt       []byte
	hash       []byte
}

// derive computes the hash of password with h's scheme, parameters and
// salt. The result has len(h.hash) bytes.
func (h *passwordHash) derive(password []byte) []byte {
	switch h.scheme {
	case schemeSHA512:
		// Mosquitto's pw__digest: one SHA-512 over the password bytes
		// followed by the raw (base64-decoded) salt.
		d := sha512.New()
		d.Write(password)
		d.Write(h.salt)
		return d.Sum(nil)
	case schemePBKDF2SHA512:
		// Mosquitto: PKCS5_PBKDF2_HMAC(password, salt, iterations,
		// EVP_sha512(), 64).
		k, err := pbkdf2.Key(sha512.New, string(password), h.salt, h.iterations, len(h.hash))
		if err != nil {
			return nil // only in FIPS-only mode; verify then fails closed
		}
		return k
	case schemeArgon2id:
		return argon2.IDKey(password, h.salt, h.time, h.memory, h.threads, uint32(len(h.hash)))
	}
	return nil
}

// verify reports whether password matches h, comparing in constant time.
func (h *passwordHash) verify(password []byte) bool {
	got := h.derive(password)
	return len(got) == len(h.hash) && subtle.ConstantTimeCompare(got, h.hash) == 1
}

// decoy returns a hash with h's scheme and cost but a random salt and
// digest, which no password is expected to match. Authenticate verifies
// against it for unknown users so that response time does not reveal which
// user names exist.
func (h *passwordHash) decoy() passwordHash {
	d := *h
	d.salt = make([]byte, len(h.salt))
	d.hash = make([]byte, len(h.hash))
	rand.Read(d.salt)
	rand.Read(d.hash)
	return d
}

// defaultDecoy is the decoy used for an empty password file.
func defaultDecoy() passwordHash {
	h := passwordHash{
		scheme: schemeArgon2id, memory: argon2Memory, time: argon2Time, threads: argon2Threads,
		salt: make([]byte, argon2SaltLen), hash: make([]byte, argon2KeyLen),
	}
	return h.decoy()
}

// errHashFormat and friends describe why a hash could not be parsed. Their
// text never includes the hash itself.
var errHashFormat = errors.New("unknown password hash format (want $7$, $6$ or $argon2id$; plain-text passwords must be hashed with tern passwd)")

// parseHash decodes one hash string of a password file.
func parseHash(s string) (passwordHash, error) {
	switch {
	case strings.HasPrefix(s, "$7$"):
		return parsePBKDF2(s[len("$7$"):])
	case strings.HasPrefix(s, "$6$"):
		return parseSHA512(s[len("$6$"):])
	case strings.HasPrefix(s, "$argon2id$"):
		return parseArgon2id(s[len("$argon2id$"):])
	}
	return passwordHash{}, errHashFormat
}

// parsePBKDF2 decodes "<iterations>$<salt>$<hash>" (after "$7$").
func parsePBKDF2(s string) (passwordHash, error) {
	h := passwordHash{scheme: schemePBKDF2SHA512}
	parts := strings.Split(s, "$")
	if len(parts) != 3 {
		return h, errors.New("$7$ hash: want $7$iterations$salt$hash")
	}
	n, err := strconv.Atoi(parts[0])
	if err != nil || n < 1 || n > maxPBKDF2Iterations {
		return h, fmt.Errorf("$7$ hash: iteration count must be a number from 1 to %d", maxPBKDF2Iterations)
	}
	h.iterations = n
	if h.salt, h.hash, err = decodeSaltHash("$7$", parts[1], parts[2]); err != nil {
		return h, err
	}
	return h, nil
}

// parseSHA512 decodes "<salt>$<hash>" (after "$6$").
func parseSHA512(s string) (passwordHash, error) {
	h := passwordHash{scheme: schemeSHA512}
	parts := strings.Split(s, "$")
	if len(parts) != 2 {
		return h, errors.New("$6$ hash: want $6$salt$hash")
	}
	var err error
	if h.salt, h.hash, err = decodeSaltHash("$6$", parts[0], parts[1]); err != nil {
		return h, err
	}
	return h, nil
}

// decodeSaltHash decodes the base64 salt and hash of a $6$ or $7$ entry.
// mosquitto_passwd writes standard base64 with padding (a 12-byte salt is 16
// characters, the 64-byte hash 88 ending in "=="); unpadded input is
// accepted too. Mosquitto 2.0 insists on a 12-byte salt and 2.1 on 12 or
// 64 bytes; we accept 8 to 1024 so hashes from other tools work as well.
func decodeSaltHash(prefix, salt64, hash64 string) (salt, hash []byte, err error) {
	salt, ok := decodeBase64(salt64)
	if !ok {
		return nil, nil, fmt.Errorf("%s hash: salt is not valid base64", prefix)
	}
	if len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return nil, nil, fmt.Errorf("%s hash: salt is %d bytes, want %d to %d", prefix, len(salt), minSaltLen, maxSaltLen)
	}
	hash, ok = decodeBase64(hash64)
	if !ok {
		return nil, nil, fmt.Errorf("%s hash: digest is not valid base64", prefix)
	}
	if len(hash) != sha512Len {
		return nil, nil, fmt.Errorf("%s hash: digest is %d bytes, want %d", prefix, len(hash), sha512Len)
	}
	return salt, hash, nil
}

func decodeBase64(s string) ([]byte, bool) {
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b, true
	}
	if b, err := base64.RawStdEncoding.DecodeString(s); err == nil {
		return b, true
	}
	return nil, false
}

// parseArgon2id decodes "v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>"
// (after "$argon2id$"), the PHC string format libargon2's
// argon2id_hash_encoded writes and Mosquitto 2.1 stores verbatim. Salt and
// hash are standard base64 without padding. As in libargon2, the
// parameters must appear in the order m, t, p; unlike libargon2 the version
// is required and must be 19 (0x13), the only one x/crypto implements.
func parseArgon2id(s string) (passwordHash, error) {
	h := passwordHash{scheme: schemeArgon2id}
	parts := strings.Split(s, "$")
	if len(parts) != 4 {
		return h, errors.New("$argon2id$ hash: want $argon2id$v=19$m=M,t=T,p=P$salt$hash")
	}
	if parts[0] != "v=19" {
		return h, errors.New("$argon2id$ hash: unsupported version (want v=19)")
	}
	params := strings.Split(parts[1], ",")
	if len(params) != 3 {
		return h, errors.New("$argon2id$ hash: want parameters m=M,t=T,p=P")
	}
	m, okM := phcParam(params[0], "m=")
	t, okT := phcParam(params[1], "t=")
	p, okP := phcParam(params[2], "p=")
	if !okM || !okT || !okP {
		return h, errors.New("$argon2id$ hash: want parameters m=M,t=T,p=P")
	}
	switch {
	case p < 1 || p > 255:
		return h, errors.New("$argon2id$ hash: p must be 1 to 255")
	case t < 1 || t > maxArgon2Time:
		return h, fmt.Errorf("$argon2id$ hash: t must be 1 to %d", maxArgon2Time)
	case m < 8*p || m > maxArgon2Memory:
		return h, fmt.Errorf("$argon2id$ hash: m must be 8*p to %d KiB", maxArgon2Memory)
	}
	h.memory, h.time, h.threads = uint32(m), uint32(t), uint8(p)
	var err error
	if h.salt, err = base64.RawStdEncoding.DecodeString(parts[2]); err != nil {
		return h, errors.New("$argon2id$ hash: salt is not unpadded base64")
	}
	if len(h.salt) < minSaltLen || len(h.salt) > maxSaltLen {
		return h, fmt.Errorf("$argon2id$ hash: salt is %d bytes, want %d to %d", len(h.salt), minSaltLen, maxSaltLen)
	}
	if h.hash, err = base64.RawStdEncoding.DecodeString(parts[3]); err != nil {
		return h, errors.New("$argon2id$ hash: digest is not unpadded base64")
	}
	if len(h.hash) < minArgon2KeyLen || len(h.hash) > maxArgon2KeyLen {
		return h, fmt.Errorf("$argon2id$ hash: digest is %d bytes, want %d to %d", len(h.hash), minArgon2KeyLen, maxArgon2KeyLen)
	}
	return h, nil
}

// phcParam parses "k=<decimal>" with the given "k=" prefix.
func phcParam(s, prefix string) (int, bool) {
	v, ok := strings.CutPrefix(s, prefix)
	if !ok || v == "" || len(v) > 10 || (len(v) > 1 && v[0] == '0') {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 0
}

// HashPassword hashes password for a password file and returns the encoded
// hash (the part after "user:"). alg is AlgArgon2id (also used when alg is
// empty) or AlgPBKDF2SHA512. Each call uses a fresh random salt.
func HashPassword(password []byte, alg string) (string, error) {
	switch alg {
	case "", AlgArgon2id:
		h := passwordHash{
			scheme: schemeArgon2id, memory: argon2Memory, time: argon2Time, threads: argon2Threads,
			salt: make([]byte, argon2SaltLen), hash: make([]byte, argon2KeyLen),
		}
		rand.Read(h.salt)
		h.hash = h.derive(password)
		return h.encode(), nil
	case AlgPBKDF2SHA512, "sha512-pbkdf2":
		h := passwordHash{
			scheme: schemePBKDF2SHA512, iterations: pbkdf2Iterations,
			salt: make([]byte, pbkdf2SaltLen), hash: make([]byte, sha512Len),
		}
		rand.Read(h.salt)
		h.hash = h.derive(password)
		if h.hash == nil {
			return "", errors.New("auth: pbkdf2 is not available in this FIPS mode")
		}
		return h.encode(), nil
	case "sha512":
		return "", errors.New("auth: hash algorithm sha512 ($6$) is too weak to write; use argon2id or pbkdf2-sha512")
	}
	return "", fmt.Errorf("auth: unknown hash algorithm %q (want %s or %s)", alg, AlgArgon2id, AlgPBKDF2SHA512)
}

// encode renders h in the format its scheme is stored in.
func (h *passwordHash) encode() string {
	switch h.scheme {
	case schemeArgon2id:
		return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", h.memory, h.time, h.threads,
			base64.RawStdEncoding.EncodeToString(h.salt), base64.RawStdEncoding.EncodeToString(h.hash))
	case schemePBKDF2SHA512:
		return fmt.Sprintf("$7$%d$%s$%s", h.iterations,
			base64.StdEncoding.EncodeToString(h.salt), base64.StdEncoding.EncodeToString(h.hash))
	case schemeSHA512:
		return fmt.Sprintf("$6$%s$%s",
			base64.StdEncoding.EncodeToString(h.salt), base64.StdEncoding.EncodeToString(h.hash))
	}
	return ""
}
