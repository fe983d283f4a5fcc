package packet

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"
)

// decoder reads the fields of one packet body. Every failure names the field.
type decoder struct {
	b   []byte
	off int
	t   Type
}

func (d *decoder) remaining() int { return len(d.b) - d.off }

func (d *decoder) truncated(field string) error {
	return errorf(MalformedPacket, d.t, field, ErrTruncated)
}

func (d *decoder) byte(field string) (byte, error) {
	if d.off >= len(d.b) {
		return 0, d.truncated(field)
	}
	c := d.b[d.off]
	d.off++
	return c, nil
}

func (d *decoder) uint16(field string) (uint16, error) {
	if len(d.b)-d.off < 2 {
		return 0, d.truncated(field)
	}
	n := binary.BigEndian.Uint16(d.b[d.off:])
	d.off += 2
	return n, nil
}

func (d *decoder) uint32(field string) (uint32, error) {
	if len(d.b)-d.off < 4 {
		return 0, d.truncated(field)
	}
	n := binary.BigEndian.Uint32(d.b[d.off:])
	d.off += 4
	return n, nil
}

// varInt reads a variable byte integer [MQTT-1.5.5].
func (d *decoder) varInt(field string) (uint32, error) {
	n, w, err := readVarInt(d.b[d.off:])
	if err != nil {
		if err == ErrTruncated {
			return 0, d.truncated(field)
		}
		return 0, errorf(MalformedPacket, d.t, field, err)
	}
	d.off += w
	return n, nil
}

// binary reads two-byte-length-prefixed binary data. The result is capped
// so that appending to it cannot overwrite the fields after it.
func (d *decoder) binary(field string) ([]byte, error) {
	n, err := d.uint16(field)
	if err != nil {
		return nil, err
	}
	if len(d.b)-d.off < int(n) {
		return nil, d.truncated(field)
	}
	s := d.b[d.off : d.off+int(n) : d.off+int(n)]
	d.off += int(n)
	return s, nil
}

// string reads a UTF-8 encoded string [MQTT-1.5.4].
func (d *decoder) string(field string) (string, error) {
	b, err := d.binary(field)
	if err != nil {
		return "", err
	}
	if err := checkUTF8(b); err != nil {
		return "", errorf(MalformedPacket, d.t, field, err)
	}
	return bodyString(b), nil
}

// rest returns the remaining bytes, capped.
func (d *decoder) rest() []byte {
	s := d.b[d.off:len(d.b):len(d.b)]
	d.off = len(d.b)
	return s
}

// end fails if bytes remain after the last field.
func (d *decoder) end(field string) error {
	if d.off != len(d.b) {
		return errorf(MalformedPacket, d.t, field, ErrTrailingBytes)
	}
	return nil
}

// bodyString returns b as a string without copying.
//
// This is safe only because of how decoded packets own their body: the body
// is never modified after Decode receives it (a documented contract), and
// every byte slice a packet exposes is a capped sub-slice of a range that no
// string covers, so no handle exists through which a string's bytes could
// change. It saves one allocation per string field, which matters for the
// topic of every PUBLISH.
func bodyString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// checkUTF8 applies the rules for UTF-8 encoded strings: well-formed
// UTF-8 without encoded surrogates [MQTT-1.5.4-1] and without U+0000
// [MQTT-1.5.4-2]. utf8.Valid rejects surrogate code points.
func checkUTF8(b []byte) error {
	ascii := true
	for _, c := range b {
		if c == 0 {
			return ErrNullChar
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(b) {
		return ErrInvalidUTF8
	}
	return nil
}

// ValidString reports whether s may be sent as an MQTT UTF-8 encoded string.
func ValidString(s string) error {
	if len(s) > 65535 {
		return ErrStringTooLong
	}
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return ErrNullChar
		}
	}
	if !utf8.ValidString(s) {
		return ErrInvalidUTF8
	}
	return nil
}

// readVarInt decodes a variable byte integer from the start of b and
// returns its value and width. A value wider than four bytes is malformed
// [MQTT-1.5.5-1], as is one not in its shortest form.
func readVarInt(b []byte) (uint32, int, error) {
	var n uint32
	for i := 0; i < 4; i++ {
		if i >= len(b) {
			return 0, 0, ErrTruncated
		}
		c := b[i]
		n |= uint32(c&0x7f) << (7 * i)
		if c&0x80 == 0 {
			if c == 0 && i > 0 {
				return 0, 0, ErrVarIntNotMinimal
			}
			return n, i + 1, nil
		}
	}
	return 0, 0, ErrVarIntTooLong
}

func varIntLen(n uint32) int {
	switch {
	case n < 128:
		return 1
	case n < 16384:
		return 2
	case n < 2097152:
		return 3
	}
	return 4
}

func appendVarInt(dst []byte, n uint32) []byte {
	for n >= 0x80 {
		dst = append(dst, byte(n)|0x80)
		n >>= 7
	}
	return append(dst, byte(n))
}

func appendUint16(dst []byte, n uint16) []byte { return append(dst, byte(n>>8), byte(n)) }

func appendUint32(dst []byte, n uint32) []byte {
	return append(dst, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
}

func appendString(dst []byte, s string) []byte {
	dst = appendUint16(dst, uint16(len(s)))
	return append(dst, s...)
}

func appendBinary(dst []byte, b []byte) []byte {
	dst = appendUint16(dst, uint16(len(b)))
	return append(dst, b...)
}

// appendFixedHeader writes the first byte and the remaining length.
func appendFixedHeader(dst []byte, t Type, flags byte, remaining int) []byte {
	dst = append(dst, byte(t)<<4|flags)
	return appendVarInt(dst, uint32(remaining))
}

// encoder validates fields while a packet is measured, so Append fails
// before writing anything.
type encoder struct {
	t   Type
	err error
}

func (e *encoder) str(field, s string) int {
	if e.err == nil {
		if err := ValidString(s); err != nil {
			e.err = errorf(MalformedPacket, e.t, field, err)
		}
	}
	return 2 + len(s)
}

func (e *encoder) bin(field string, b []byte) int {
	if e.err == nil && len(b) > 65535 {
		e.err = errorf(MalformedPacket, e.t, field, ErrStringTooLong)
	}
	return 2 + len(b)
}

func (e *encoder) fail(code ReasonCode, field string, cause error) {
	if e.err == nil {
		e.err = errorf(code, e.t, field, cause)
	}
}

// finish checks that the body fits in a remaining length.
func (e *encoder) finish(remaining int) error {
	if e.err == nil && remaining > MaxRemainingLength {
		e.err = errorf(PacketTooLarge, e.t, "remaining length", ErrTooLarge)
	}
	return e.err
}
