package packet_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"testing"

	"github.com/ternmq/tern/internal/packettest"
	"github.com/ternmq/tern/packet"
)

// fuzzMaxSize is the maximum packet size of the fuzz targets: small, so
// that every input announcing more is checked to be refused up front.
const fuzzMaxSize = 4096

// maxFuzzPackets bounds how many packets one fuzz input may hold.
const maxFuzzPackets = 16

// FuzzDecode reads the input as a stream of packets for protocol version
// v%3+3 and checks that:
//   - decoding never panics;
//   - the result does not depend on how the bytes arrive: the input split in
//     two reads at a fuzzed offset gives the same packets and the same error;
//   - a packet announcing more than the maximum packet size is refused with
//     PacketTooLarge from its fixed header alone, before any body is read;
//   - every packet that decodes encodes again, and decode → encode → decode
//     gives the same packet and the same bytes (encoding is deterministic).
//
// The seeds are every packettest fixture plus a few hand-written inputs.
// Crashers are kept in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	for _, c := range packettest.Cases() {
		f.Add(byte(c.Version), c.Raw, uint16(len(c.Raw)/2))
	}
	for _, s := range [][]byte{
		{},
		{0xc0, 0x00},                         // PINGREQ
		{0xc0, 0x00, 0xd0, 0x00, 0xe0, 0x00}, // PINGREQ, PINGRESP, DISCONNECT back to back
		{0x30, 0xff, 0xff, 0xff, 0x7f},       // PUBLISH announcing 256 MB, then EOF
		{0x30, 0xff, 0xff, 0xff, 0xff, 0x01}, // remaining length in 5 bytes [MQTT-1.5.5-1]
		{0x30, 0x80, 0x00},                   // non-minimal remaining length [MQTT-1.5.5-1]
		{0x30, 0x81, 0x20, 0x00, 0x01, 'a'},  // PUBLISH announcing 4097 bytes: over fuzzMaxSize
		{0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x01}, // SUBSCRIBE 3.1.1
	} {
		f.Add(byte(packet.V311), s, uint16(len(s)/2))
		f.Add(byte(packet.V5), s, uint16(len(s)/2))
	}
	f.Fuzz(func(t *testing.T, vb byte, data []byte, cut uint16) {
		v := packet.Version(vb%3 + 3)
		whole := readStream(v, bytes.NewReader(data))

		at := int(cut) % (len(data) + 1)
		halves := readStream(v, &halvesReader{parts: [][]byte{data[:at:at], data[at:]}})
		if !sameStream(whole, halves) {
			t.Fatalf("version %v, % x split at %d:\nwhole  %s\nsplit  %s", v, data, at, whole, halves)
		}

		checkTooLargeRefusedEarly(t, v, data)

		for i, p := range whole.packets {
			if whole.errs[i] != nil {
				continue // a CONNECT that failed: only its version is meaningful
			}
			checkRoundTrip(t, v, p)
		}
	})
}

// stream is what a Reader made of an input: the packets read, the error
// returned with each of them (non-nil only for a partial CONNECT), and the
// error that ended the stream.
type stream struct {
	packets []packet.Packet
	errs    []error
	end     error
}

func (s stream) String() string {
	var b bytes.Buffer
	for i, p := range s.packets {
		b.WriteString(reflectString(p))
		if s.errs[i] != nil {
			b.WriteString(" (" + s.errs[i].Error() + ")")
		}
		b.WriteString("; ")
	}
	b.WriteString("end: ")
	if s.end != nil {
		b.WriteString(s.end.Error())
	}
	return b.String()
}

// reflectString shows a packet in failure messages, will included.
func reflectString(p packet.Packet) string {
	s := fmt.Sprintf("%T%+v", p, p)
	if c, ok := p.(*packet.Connect); ok && c.Will != nil {
		s += fmt.Sprintf(" will %+v", *c.Will)
	}
	return s
}

func readStream(v packet.Version, src io.Reader) stream {
	r := packet.NewReader(src, fuzzMaxSize)
	r.Version = v
	var s stream
	for range maxFuzzPackets {
		p, err := r.ReadPacket()
		if p != nil {
			s.packets = append(s.packets, p)
			s.errs = append(s.errs, err)
		}
		if err != nil {
			s.end = err
			return s
		}
	}
	return s
}

func sameStream(a, b stream) bool {
	if !reflect.DeepEqual(a.packets, b.packets) || errString(a.end) != errString(b.end) {
		return false
	}
	for i := range a.errs {
		if errString(a.errs[i]) != errString(b.errs[i]) {
			return false
		}
	}
	return true
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// checkTooLargeRefusedEarly parses the first fixed header of data
// independently of the package and, when it announces a packet over
// fuzzMaxSize, checks that a Reader given the fixed header alone refuses it
// with PacketTooLarge (or with the header error CheckHeader finds first).
// Since no body byte is available, any attempt to read the body would end
// in io.ErrUnexpectedEOF instead.
func checkTooLargeRefusedEarly(t *testing.T, v packet.Version, data []byte) {
	t.Helper()
	h, n, ok := parseFixedHeader(data)
	if !ok || h.Size() <= fuzzMaxSize {
		return
	}
	r := packet.NewReader(bytes.NewReader(data[:n:n]), fuzzMaxSize)
	r.Version = v
	_, err := r.ReadPacket()
	want := packet.CheckHeader(v, h)
	if want == nil {
		if !errors.Is(err, packet.PacketTooLarge) || !errors.Is(err, packet.ErrTooLarge) {
			t.Fatalf("version %v, header % x announces %d bytes (max %d): got %v, want PacketTooLarge",
				v, data[:n], h.Size(), fuzzMaxSize, err)
		}
		return
	}
	if errString(err) != want.Error() {
		t.Fatalf("version %v, header % x: got %v, want %v", v, data[:n], err, want)
	}
}

// parseFixedHeader is a reference decoder of a fixed header: it returns
// the header and its width, and false unless the remaining length is a
// well-formed, minimal variable byte integer [MQTT-1.5.5-1].
func parseFixedHeader(b []byte) (packet.FixedHeader, int, bool) {
	if len(b) < 2 {
		return packet.FixedHeader{}, 0, false
	}
	h := packet.FixedHeader{Type: packet.Type(b[0] >> 4), Flags: b[0] & 0x0f}
	n, w, ok := refReadVarInt(b[1:])
	if !ok {
		return h, 0, false
	}
	h.Remaining = int(n)
	return h, 1 + w, true
}

// refReadVarInt decodes a minimal variable byte integer of at most four
// bytes from the start of b.
func refReadVarInt(b []byte) (uint32, int, bool) {
	var n uint32
	for i := 0; i < 4 && i < len(b); i++ {
		n |= uint32(b[i]&0x7f) << (7 * i)
		if b[i]&0x80 == 0 {
			if i > 0 && b[i] == 0 {
				return 0, 0, false
			}
			return n, i + 1, true
		}
	}
	return 0, 0, false
}

// refAppendVarInt encodes n as a variable byte integer in the fewest bytes.
func refAppendVarInt(dst []byte, n uint32) []byte {
	for {
		c := byte(n % 128)
		n /= 128
		if n > 0 {
			c |= 0x80
		}
		dst = append(dst, c)
		if n == 0 {
			return dst
		}
	}
}

// checkRoundTrip checks that a decoded packet encodes, that the encoding
// decodes to an equal packet, and that encoding that packet again gives
// the same bytes.
func checkRoundTrip(t *testing.T, v packet.Version, p packet.Packet) {
	t.Helper()
	enc1, err := p.Append(nil, v)
	if err != nil {
		t.Fatalf("version %v: decoded %s does not encode: %v", v, reflectString(p), err)
	}
	r := packet.NewReader(bytes.NewReader(enc1), fuzzMaxSize)
	r.Version = v
	q, err := r.ReadPacket()
	if err != nil {
		t.Fatalf("version %v: re-encoded %s as % x, which does not decode: %v", v, reflectString(p), enc1, err)
	}
	if r.Buffered() != 0 {
		t.Fatalf("version %v: % x: %d bytes left after the packet", v, enc1, r.Buffered())
	}
	if !reflect.DeepEqual(p, q) {
		t.Fatalf("version %v: decode → encode → decode changed the packet\nfirst  %s\nsecond %s\nencoding % x",
			v, reflectString(p), reflectString(q), enc1)
	}
	enc2, err := q.Append(nil, v)
	if err != nil {
		t.Fatalf("version %v: second encoding of %s: %v", v, reflectString(q), err)
	}
	if !bytes.Equal(enc1, enc2) {
		t.Fatalf("version %v: encoding is not deterministic\nfirst  % x\nsecond % x", v, enc1, enc2)
	}
}

// halvesReader returns each of its parts in a separate Read (a part
// larger than the caller's buffer takes several).
type halvesReader struct {
	parts [][]byte
}

func (h *halvesReader) Read(p []byte) (int, error) {
	for len(h.parts) > 0 && len(h.parts[0]) == 0 {
		h.parts = h.parts[1:]
	}
	if len(h.parts) == 0 {
		return 0, io.EOF
	}
	n := copy(p, h.parts[0])
	h.parts[0] = h.parts[0][n:]
	return n, nil
}

// FuzzVarInt checks the variable byte integer both ways [MQTT-1.5.5]:
// n encoded by a reference encoder is read back as the remaining length
// of a fixed header and as a Subscription Identifier, the encoder writes
// the reference bytes, and arbitrary bytes read as a remaining length are
// accepted exactly when they are a minimal encoding of at most four bytes.
func FuzzVarInt(f *testing.F) {
	for _, n := range []uint32{0, 1, 127, 128, 16383, 16384, 2097151, 2097152, 268435455, 268435456, 1<<32 - 1} {
		f.Add(n, refAppendVarInt(nil, n%(packet.MaxRemainingLength+1)))
	}
	f.Add(uint32(0), []byte{0x80, 0x00})
	f.Add(uint32(0), []byte{0xff, 0xff, 0xff, 0xff, 0x01})
	f.Add(uint32(0), []byte{0xff, 0xff})
	f.Fuzz(func(t *testing.T, n uint32, raw []byte) {
		n %= packet.MaxRemainingLength + 1
		ref := refAppendVarInt(nil, n)

		// As a remaining length. A header alone allocates nothing large.
		h, err := readHeader(append([]byte{0x30}, ref...))
		if err != nil || h.Remaining != int(n) {
			t.Fatalf("remaining length % x: got %d, %v; want %d", ref, h.Remaining, err, n)
		}
		if got, want := h.Size(), 1+len(ref)+int(n); got != want {
			t.Fatalf("FixedHeader{Remaining: %d}.Size() = %d, want %d", n, got, want)
		}

		// As a Subscription Identifier, which may not be 0 [MQTT-3.8.2.1.2].
		if n > 0 {
			s := &packet.Subscribe{PacketID: 1, Props: packet.Properties{SubscriptionIDs: []uint32{n}},
				Subscriptions: []packet.Subscription{{Filter: "a"}}}
			enc, err := s.Append(nil, packet.V5)
			if err != nil {
				t.Fatalf("encode subscription identifier %d: %v", n, err)
			}
			// fixed header, packet identifier, property length, 0x0B, the identifier
			prop := enc[len(enc)-len(ref)-4 : len(enc)-4]
			if !bytes.Equal(prop, ref) {
				t.Fatalf("subscription identifier %d encoded as % x, want % x", n, prop, ref)
			}
			var got packet.Subscribe
			hdr, w, _ := parseFixedHeader(enc)
			if err := got.Decode(packet.V5, hdr.Flags, enc[w:]); err != nil || !reflect.DeepEqual(&got, s) {
				t.Fatalf("decode % x: %+v, %v", enc, got, err)
			}
		}

		// Arbitrary bytes as a remaining length.
		want, w, ok := refReadVarInt(raw)
		h, err = readHeader(append([]byte{0x30}, raw...))
		switch {
		case ok:
			if err != nil || h.Remaining != int(want) {
				t.Fatalf("remaining length % x: got %d, %v; want %d", raw[:w], h.Remaining, err, want)
			}
		case len(raw) < 4 && truncatedVarInt(raw):
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("truncated remaining length % x: got %v, want io.ErrUnexpectedEOF", raw, err)
			}
		default:
			if !errors.Is(err, packet.MalformedPacket) {
				t.Fatalf("remaining length % x: got %d, %v; want MalformedPacket", raw, h.Remaining, err)
			}
		}
	})
}

// truncatedVarInt reports whether every byte of b has the continuation bit
// set, so that a variable byte integer starting with b needs more bytes.
func truncatedVarInt(b []byte) bool {
	for _, c := range b {
		if c&0x80 == 0 {
			return false
		}
	}
	return true
}

func readHeader(b []byte) (packet.FixedHeader, error) {
	r := packet.NewReader(bytes.NewReader(b), 0)
	r.Version = packet.V5
	return r.ReadHeader()
}

// TestAnnouncedSizeOverMaxRefusedBeforeBody: a fixed header announcing more
// than MaxSize is refused with PacketTooLarge (0x95) although no body byte
// follows, so the Reader never reads, let alone allocates, the body.
func TestAnnouncedSizeOverMaxRefusedBeforeBody(t *testing.T) {
	for _, tc := range []struct {
		name      string
		remaining uint32
		max       int
	}{
		{"one byte over 4096", 4094, 4096}, // 1 + 2 + 4094 = 4097
		{"256 MB over 4096", packet.MaxRemainingLength, 4096},
		{"256 MB one byte over", packet.MaxRemainingLength, packet.MaxPacketSize - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := refAppendVarInt([]byte{0x30}, tc.remaining)
			r := packet.NewReader(bytes.NewReader(header), tc.max)
			h, err := r.ReadHeader()
			if !errors.Is(err, packet.PacketTooLarge) || !errors.Is(err, packet.ErrTooLarge) {
				t.Fatalf("% x, max %d: got %v, want PacketTooLarge", header, tc.max, err)
			}
			if h.Remaining != int(tc.remaining) || h.Size() <= tc.max {
				t.Fatalf("header %+v (size %d), max %d", h, h.Size(), tc.max)
			}
		})
	}
}

// TestLargeAnnouncedBodyAllocatesAsBytesArrive: a header announcing the
// largest remaining length (268,435,455 bytes) followed by EOF costs far
// less than 256 MB: the Reader grows a large body only as bytes arrive.
func TestLargeAnnouncedBodyAllocatesAsBytesArrive(t *testing.T) {
	for _, tc := range []struct {
		name string
		body int // body bytes actually sent before EOF
	}{
		{"no body", 0},
		{"100 KiB of body", 100 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := append([]byte{0x30, 0xff, 0xff, 0xff, 0x7f}, make([]byte, tc.body)...)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r := packet.NewReader(bytes.NewReader(in), 0)
			h, err := r.ReadHeader()
			if err != nil || h.Remaining != packet.MaxRemainingLength {
				t.Fatalf("ReadHeader: %+v, %v", h, err)
			}
			body, err := r.ReadBody(h)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, io.ErrUnexpectedEOF) || body != nil {
				t.Fatalf("ReadBody: %d bytes, %v; want io.ErrUnexpectedEOF", len(body), err)
			}
			// Bytes allocated grow with the bytes received (the body doubles
			// from 64 KiB), not with the length announced.
			const limit = 1 << 20
			if got := after.TotalAlloc - before.TotalAlloc; got > limit {
				t.Fatalf("allocated %d bytes for a 256 MB announcement with %d body bytes; want < %d",
					got, tc.body, limit)
			}
		})
	}
}
