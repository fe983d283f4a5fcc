package packet_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"reflect"
	"strconv"
	"testing"
	"testing/iotest"

	"github.com/ternmq/tern/packet"
)

// encode encodes p for version v or fails the test.
func encode(tb testing.TB, p packet.Packet, v packet.Version) []byte {
	tb.Helper()
	b, err := p.Append(nil, v)
	if err != nil {
		tb.Fatalf("encode %T: %v", p, err)
	}
	return b
}

// streamPackets returns packets of every type a broker reads or writes
// for version v, in the form decoding gives them (non-nil payloads).
func streamPackets(v packet.Version) []packet.Packet {
	ps := []packet.Packet{
		&packet.Connect{Version: v, CleanStart: true, KeepAlive: 30, ClientID: "client-1",
			Will:         &packet.Will{QoS: 1, Topic: "will/topic", Payload: []byte("gone")},
			UsernameFlag: true, Username: "user", PasswordFlag: true, Password: []byte("secret")},
		&packet.Connack{SessionPresent: v != packet.V31}, // 3.1 has no session present flag
		&packet.Publish{Topic: "a/b", Payload: []byte("hello")},
		&packet.Publish{QoS: 1, PacketID: 1, Retain: true, Topic: "sensors/1/temp", Payload: []byte{}},
		&packet.Publish{QoS: 2, Dup: true, PacketID: 65535, Topic: "x", Payload: bytes.Repeat([]byte{0xa5}, 300)},
		&packet.Puback{PacketID: 1},
		&packet.Pubrec{PacketID: 2},
		&packet.Pubrel{PacketID: 2},
		&packet.Pubcomp{PacketID: 2},
		&packet.Subscribe{PacketID: 3, Subscriptions: []packet.Subscription{{Filter: "a/+", QoS: 1}, {Filter: "#"}}},
		&packet.Suback{PacketID: 3, ReasonCodes: []packet.ReasonCode{packet.GrantedQoS1, packet.UnspecifiedError}},
		&packet.Unsubscribe{PacketID: 4, Filters: []string{"a/+", "#"}},
		&packet.Unsuback{PacketID: 4},
		&packet.Pingreq{},
		&packet.Pingresp{},
		&packet.Disconnect{},
	}
	if v == packet.V5 {
		ps[0].(*packet.Connect).Props = packet.Properties{SessionExpiry: packet.Some[uint32](3600), ReceiveMaximum: 10}
		ps[1].(*packet.Connack).Props = packet.Properties{TopicAliasMaximum: 5, MaximumQoS: packet.Some[byte](1)}
		ps[3].(*packet.Publish).Props = packet.Properties{ContentType: "text/plain", TopicAlias: 1,
			User: []packet.UserProperty{{Key: "k", Value: "v"}}}
		ps[5].(*packet.Puback).ReasonCode = packet.NoMatchingSubscribers
		ps[9].(*packet.Subscribe).Subscriptions[0].NoLocal = true
		ps[12].(*packet.Unsuback).ReasonCodes = []packet.ReasonCode{packet.Success, packet.NoSubscriptionExisted}
		ps[15].(*packet.Disconnect).ReasonCode = packet.DisconnectWithWillMessage
		ps = append(ps, &packet.Auth{ReasonCode: packet.ContinueAuthentication,
			Props: packet.Properties{AuthMethod: "SCRAM-SHA-1", AuthData: []byte{1, 2, 3}}})
	}
	return ps
}

// TestReaderStream reads packets of every type back to back from one
// stream, however the stream delivers its bytes, and then io.EOF.
func TestReaderStream(t *testing.T) {
	readers := []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"whole", func(r io.Reader) io.Reader { return r }},
		{"one byte per Read", iotest.OneByteReader},
		{"half per Read", iotest.HalfReader},
		{"EOF with the last data", iotest.DataErrReader},
		{"bufio.Reader of 16 bytes", func(r io.Reader) io.Reader { return bufio.NewReaderSize(r, 16) }},
	}
	for _, v := range []packet.Version{packet.V31, packet.V311, packet.V5} {
		want := streamPackets(v)
		var raw []byte
		for _, p := range want {
			raw = append(raw, encode(t, p, v)...)
		}
		for _, rd := range readers {
			t.Run(v.String()+"/"+rd.name, func(t *testing.T) {
				r := packet.NewReader(rd.wrap(bytes.NewReader(raw)), 0)
				r.Version = v
				for i, w := range want {
					got, err := r.ReadPacket()
					if err != nil {
						t.Fatalf("packet %d (%T): %v", i, w, err)
					}
					if !reflect.DeepEqual(got, w) {
						t.Fatalf("packet %d\n got %s\nwant %s", i, reflectString(got), reflectString(w))
					}
				}
				if p, err := r.ReadPacket(); err != io.EOF {
					t.Fatalf("after the last packet: %v, %v; want io.EOF", p, err)
				}
			})
		}
	}
}

// TestReaderBuffered: Buffered reports the bytes of the next packets that
// are already read, and 0 once the input is drained.
func TestReaderBuffered(t *testing.T) {
	ping := encode(t, &packet.Pingreq{}, packet.V311)
	pub := encode(t, &packet.Publish{Topic: "t", Payload: []byte("p")}, packet.V311)
	r := packet.NewReader(bytes.NewReader(append(append([]byte{}, ping...), pub...)), 0)
	r.Version = packet.V311
	if _, err := r.ReadPacket(); err != nil {
		t.Fatal(err)
	}
	if got := r.Buffered(); got != len(pub) {
		t.Fatalf("Buffered() = %d after the first packet, want %d", got, len(pub))
	}
	if _, err := r.ReadPacket(); err != nil {
		t.Fatal(err)
	}
	if got := r.Buffered(); got != 0 {
		t.Fatalf("Buffered() = %d after the last packet, want 0", got)
	}
}

// TestNewReaderKeepsBufioReader: a *bufio.Reader is used as it is, so
// bytes it already buffered are not lost.
func TestNewReaderKeepsBufioReader(t *testing.T) {
	raw := append(encode(t, &packet.Pingreq{}, packet.V311), encode(t, &packet.Pingresp{}, packet.V311)...)
	br := bufio.NewReader(bytes.NewReader(raw))
	if _, err := br.Peek(len(raw)); err != nil {
		t.Fatal(err)
	}
	r := packet.NewReader(br, 0)
	for _, want := range []packet.Type{packet.PINGREQ, packet.PINGRESP} {
		p, err := r.ReadPacket()
		if err != nil || p.Type() != want {
			t.Fatalf("got %v, %v; want %v", p, err, want)
		}
		if r.Buffered() != br.Buffered() {
			t.Fatalf("Reader.Buffered() = %d, bufio.Reader.Buffered() = %d", r.Buffered(), br.Buffered())
		}
	}
}

// TestReaderEOF: a stream ending before a packet's first byte gives io.EOF;
// ending anywhere inside a packet, header or body, gives
// io.ErrUnexpectedEOF.
func TestReaderEOF(t *testing.T) {
	big := encode(t, &packet.Publish{QoS: 1, PacketID: 9, Topic: "big", Payload: pattern(200 << 10)}, packet.V5)
	hdr := 1 + 3 // 200 KiB takes a 3-byte remaining length
	bigOffsets := []int{0, 1, 2, 3, hdr, hdr + 1, hdr + 4095, hdr + 4096, hdr + 65535, hdr + 65536,
		hdr + 65537, hdr + 131071, hdr + 131072, hdr + 131073, len(big) - 1}
	for _, tc := range []struct {
		name    string
		raw     []byte
		offsets []int // nil: every offset
	}{
		{"PINGREQ", encode(t, &packet.Pingreq{}, packet.V5), nil},
		{"PUBLISH 1-byte remaining length", encode(t, &packet.Publish{QoS: 1, PacketID: 1, Topic: "a/b",
			Props: packet.Properties{MessageExpiry: packet.Some[uint32](60)}, Payload: []byte("hello")}, packet.V5), nil},
		{"PUBLISH 2-byte remaining length", encode(t, &packet.Publish{Topic: "a/b", Payload: pattern(300)}, packet.V5), nil},
		{"CONNECT", encode(t, streamPackets(packet.V5)[0], packet.V5), nil},
		{"SUBSCRIBE", encode(t, streamPackets(packet.V5)[9], packet.V5), nil},
		{"PUBLISH 200 KiB", big, bigOffsets},
	} {
		t.Run(tc.name, func(t *testing.T) {
			offsets := tc.offsets
			if offsets == nil {
				for i := range len(tc.raw) {
					offsets = append(offsets, i)
				}
			}
			for _, n := range offsets {
				r := packet.NewReader(bytes.NewReader(tc.raw[:n]), 0)
				r.Version = packet.V5
				p, err := r.ReadPacket()
				want := io.ErrUnexpectedEOF
				if n == 0 {
					want = io.EOF
				}
				if err != want {
					t.Fatalf("stream of %d of %d bytes: %v, %v; want %v", n, len(tc.raw), p, err, want)
				}
			}
			r := packet.NewReader(bytes.NewReader(tc.raw), 0)
			r.Version = packet.V5
			if _, err := r.ReadPacket(); err != nil {
				t.Fatalf("whole packet: %v", err)
			}
			if _, err := r.ReadPacket(); err != io.EOF {
				t.Fatalf("after the packet: %v, want io.EOF", err)
			}
		})
	}
}

// TestReaderRemainingLength reads remaining lengths at every width
// boundary and refuses malformed ones [MQTT-1.5.5-1].
func TestReaderRemainingLength(t *testing.T) {
	for _, tc := range []struct {
		name   string
		length []byte // the remaining length bytes, after a PUBLISH first byte
		want   int
		err    error // a sentinel; MalformedPacket is implied
	}{
		{name: "0 in 1 byte", length: []byte{0x00}, want: 0},
		{name: "127 in 1 byte", length: []byte{0x7f}, want: 127},
		{name: "128 in 2 bytes", length: []byte{0x80, 0x01}, want: 128},
		{name: "16383 in 2 bytes", length: []byte{0xff, 0x7f}, want: 16383},
		{name: "16384 in 3 bytes", length: []byte{0x80, 0x80, 0x01}, want: 16384},
		{name: "2097151 in 3 bytes", length: []byte{0xff, 0xff, 0x7f}, want: 2097151},
		{name: "2097152 in 4 bytes", length: []byte{0x80, 0x80, 0x80, 0x01}, want: 2097152},
		{name: "268435455 in 4 bytes", length: []byte{0xff, 0xff, 0xff, 0x7f}, want: 268435455},
		{name: "[MQTT-1.5.5-1] 5 bytes", length: []byte{0xff, 0xff, 0xff, 0xff, 0x01}, err: packet.ErrVarIntTooLong},
		{name: "[MQTT-1.5.5-1] 5 bytes of 0x80", length: []byte{0x80, 0x80, 0x80, 0x80, 0x00}, err: packet.ErrVarIntTooLong},
		// The fifth byte is never read: a 4th byte with the continuation
		// bit is enough to refuse the packet.
		{name: "[MQTT-1.5.5-1] continuation bit on the 4th byte, then EOF", length: []byte{0xff, 0xff, 0xff, 0xff}, err: packet.ErrVarIntTooLong},
		{name: "[MQTT-1.5.5-1] 0 in 2 bytes", length: []byte{0x80, 0x00}, err: packet.ErrVarIntNotMinimal},
		{name: "[MQTT-1.5.5-1] 5 in 2 bytes", length: []byte{0x85, 0x00}, err: packet.ErrVarIntNotMinimal},
		{name: "[MQTT-1.5.5-1] 127 in 4 bytes", length: []byte{0xff, 0x80, 0x80, 0x00}, err: packet.ErrVarIntNotMinimal},
		{name: "[MQTT-1.5.5-1] 16383 in 3 bytes", length: []byte{0xff, 0xff, 0x00}, err: packet.ErrVarIntNotMinimal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := packet.NewReader(bytes.NewReader(append([]byte{0x30}, tc.length...)), 0)
			r.Version = packet.V5
			h, err := r.ReadHeader()
			if tc.err == nil {
				if err != nil || h.Remaining != tc.want || h.Type != packet.PUBLISH {
					t.Fatalf("% x: %+v, %v; want remaining length %d", tc.length, h, err, tc.want)
				}
				if got, want := h.Size(), 1+len(tc.length)+tc.want; got != want {
					t.Fatalf("Size() = %d, want %d", got, want)
				}
				return
			}
			if !errors.Is(err, tc.err) || !errors.Is(err, packet.MalformedPacket) {
				t.Fatalf("% x: %v; want %v (malformed packet)", tc.length, err, tc.err)
			}
		})
	}
}

// TestReaderMaxSize: MaxSize counts the whole packet, fixed header
// included (MQTT 5.0 section 2.1.4); a packet of exactly MaxSize is read and
// one byte more is refused with PacketTooLarge, 0x95 [MQTT-3.2.2-15]
// [MQTT-3.1.2-24], before its body is read, so that Discard can skip it.
func TestReaderMaxSize(t *testing.T) {
	for _, payload := range []int{0, 121, 122, 123, 4000, 16370, 70000} {
		p := &packet.Publish{QoS: 1, PacketID: 1, Topic: "a/b", Payload: pattern(payload)}
		raw := encode(t, p, packet.V311)
		size := len(raw)
		next := encode(t, &packet.Pingreq{}, packet.V311)
		stream := append(append([]byte{}, raw...), next...)

		t.Run("exactly MaxSize/"+strconv.Itoa(size), func(t *testing.T) {
			r := packet.NewReader(bytes.NewReader(stream), size)
			r.Version = packet.V311
			got, err := r.ReadPacket()
			if err != nil || !reflect.DeepEqual(got, p) {
				t.Fatalf("MaxSize %d, packet of %d bytes: %v", size, size, err)
			}
		})
		t.Run("one byte over MaxSize/"+strconv.Itoa(size), func(t *testing.T) {
			r := packet.NewReader(bytes.NewReader(stream), size-1)
			r.Version = packet.V311
			h, err := r.ReadHeader()
			var pe *packet.Error
			if !errors.As(err, &pe) || pe.Code != 0x95 || !errors.Is(err, packet.ErrTooLarge) || pe.Packet != packet.PUBLISH {
				t.Fatalf("MaxSize %d, packet of %d bytes: %v; want packet too large (0x95)", size-1, size, err)
			}
			if h.Size() != size {
				t.Fatalf("header %+v: size %d, want %d", h, h.Size(), size)
			}
			if err := r.Discard(h); err != nil {
				t.Fatalf("Discard: %v", err)
			}
			if q, err := r.ReadPacket(); err != nil || q.Type() != packet.PINGREQ {
				t.Fatalf("packet after the discarded one: %v, %v", q, err)
			}
		})
	}
	t.Run("zero means MaxPacketSize", func(t *testing.T) {
		r := packet.NewReader(bytes.NewReader([]byte{0x30, 0xff, 0xff, 0xff, 0x7f}), 0)
		h, err := r.ReadHeader()
		if err != nil || h.Size() != packet.MaxPacketSize {
			t.Fatalf("%+v, %v", h, err)
		}
	})
}

// TestReaderLargeBody reads a 200 KiB PUBLISH, whose body is grown past
// the first 64 KiB chunk, through readers delivering it in different sizes.
func TestReaderLargeBody(t *testing.T) {
	p := &packet.Publish{QoS: 1, PacketID: 7, Topic: "big", Props: packet.Properties{ContentType: "application/octet-stream"},
		Payload: pattern(200 << 10)}
	raw := encode(t, p, packet.V5)
	for _, tc := range []struct {
		name string
		r    io.Reader
	}{
		{"whole", bytes.NewReader(raw)},
		{"one byte per Read", iotest.OneByteReader(bytes.NewReader(raw))},
		{"half per Read", iotest.HalfReader(bytes.NewReader(raw))},
		{"EOF with the last data", iotest.DataErrReader(bytes.NewReader(raw))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := packet.NewReader(tc.r, 0)
			r.Version = packet.V5
			h, err := r.ReadHeader()
			if err != nil {
				t.Fatal(err)
			}
			body, err := r.ReadBody(h)
			if err != nil || len(body) != h.Remaining {
				t.Fatalf("ReadBody: %d bytes, %v; want %d", len(body), err, h.Remaining)
			}
			if !bytes.Equal(body, raw[len(raw)-h.Remaining:]) {
				t.Fatal("body differs from the bytes sent")
			}
			var got packet.Publish
			if err := got.Decode(packet.V5, h.Flags, body); err != nil || !reflect.DeepEqual(&got, p) {
				t.Fatalf("Decode: %v", err)
			}
			if _, err := r.ReadPacket(); err != io.EOF {
				t.Fatalf("after the packet: %v, want io.EOF", err)
			}
		})
	}
}

// TestReaderDiscard skips bodies, small and large, and reports a body cut
// short as io.ErrUnexpectedEOF.
func TestReaderDiscard(t *testing.T) {
	small := encode(t, &packet.Publish{Topic: "a", Payload: []byte("x")}, packet.V311)
	large := encode(t, &packet.Publish{Topic: "a", Payload: pattern(100 << 10)}, packet.V311)
	ping := encode(t, &packet.Pingreq{}, packet.V311)
	for _, tc := range []struct {
		name string
		raw  []byte
	}{{"small", small}, {"100 KiB", large}, {"empty body", ping}} {
		t.Run(tc.name, func(t *testing.T) {
			r := packet.NewReader(iotest.HalfReader(bytes.NewReader(append(append([]byte{}, tc.raw...), ping...))), 0)
			r.Version = packet.V311
			h, err := r.ReadHeader()
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Discard(h); err != nil {
				t.Fatalf("Discard: %v", err)
			}
			if p, err := r.ReadPacket(); err != nil || p.Type() != packet.PINGREQ {
				t.Fatalf("after Discard: %v, %v", p, err)
			}
		})
	}
	t.Run("body cut short", func(t *testing.T) {
		r := packet.NewReader(bytes.NewReader(large[:len(large)-1]), 0)
		r.Version = packet.V311
		h, err := r.ReadHeader()
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Discard(h); err != io.ErrUnexpectedEOF {
			t.Fatalf("Discard: %v, want io.ErrUnexpectedEOF", err)
		}
	})
}

// TestReaderHeaderChecks: fixed headers that CheckHeader refuses are refused
// from the header alone (no body byte follows, so reading one would give
// io.ErrUnexpectedEOF).
func TestReaderHeaderChecks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		v      packet.Version
		header []byte
		err    error
	}{
		{"packet type 0 is reserved (2.1.2)", packet.V5, []byte{0x00, 0x02}, packet.ErrReservedType},
		{"AUTH is reserved in 3.1.1 (2.2.1)", packet.V311, []byte{0xf0, 0x02}, packet.ErrReservedType},
		{"[MQTT-3.3.1-4] PUBLISH QoS 3", packet.V5, []byte{0x36, 0x05}, packet.ErrInvalidQoS},
		{"[MQTT-3.8.1-1] SUBSCRIBE flags 0000", packet.V311, []byte{0x80, 0x06}, packet.ErrReservedFlags},
		{"[MQTT-3.6.1-1] PUBREL flags 0000", packet.V5, []byte{0x60, 0x02}, packet.ErrReservedFlags},
		{"[MQTT-3.10.1-1] UNSUBSCRIBE flags 0011", packet.V5, []byte{0xa3, 0x05}, packet.ErrReservedFlags},
		{"[MQTT-2.1.3-1] PUBACK flags 0001", packet.V5, []byte{0x41, 0x02}, packet.ErrReservedFlags},
		{"PINGREQ with a body (3.12)", packet.V311, []byte{0xc0, 0x01}, packet.ErrTrailingBytes},
		{"3.1.1 DISCONNECT with a body (3.14)", packet.V311, []byte{0xe0, 0x01}, packet.ErrTrailingBytes},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := packet.NewReader(bytes.NewReader(tc.header), 0)
			r.Version = tc.v
			_, err := r.ReadPacket()
			if !errors.Is(err, tc.err) || !errors.Is(err, packet.MalformedPacket) {
				t.Fatalf("% x: %v; want %v (malformed packet)", tc.header, err, tc.err)
			}
		})
	}
}

// TestReaderReadError: an error of the underlying reader is returned as it
// is, whether it comes before the first byte, inside the header or inside
// the body.
func TestReaderReadError(t *testing.T) {
	errBroken := errors.New("broken pipe")
	raw := encode(t, &packet.Publish{Topic: "a/b", Payload: pattern(1000)}, packet.V311)
	for _, n := range []int{0, 1, 2, 3, 100, len(raw) - 1} {
		src := io.MultiReader(bytes.NewReader(raw[:n]), iotest.ErrReader(errBroken))
		r := packet.NewReader(src, 0)
		r.Version = packet.V311
		if _, err := r.ReadPacket(); !errors.Is(err, errBroken) {
			t.Fatalf("error after %d bytes: %v, want %v", n, err, errBroken)
		}
	}
}

// TestReaderPartialConnect: a CONNECT that fails to decode is returned with
// the error, so that a broker knows which version to answer in.
func TestReaderPartialConnect(t *testing.T) {
	c := &packet.Connect{Version: packet.V5, ClientID: "c", Props: packet.Properties{ReceiveMaximum: 1}}
	raw := encode(t, c, packet.V5)
	// Receive Maximum 0 is a Protocol Error (MQTT 5.0 section 3.1.2.11.3).
	i := bytes.Index(raw, []byte{0x21, 0x00, 0x01})
	raw[i+2] = 0
	r := packet.NewReader(bytes.NewReader(raw), 0)
	p, err := r.ReadPacket()
	if !errors.Is(err, packet.ProtocolError) {
		t.Fatalf("got %v, want protocol error", err)
	}
	if cp, ok := p.(*packet.Connect); !ok || cp.Version != packet.V5 {
		t.Fatalf("got %#v, want the partial *Connect with its version", p)
	}
}

// pattern returns n bytes that differ from their neighbours, so a
// misplaced chunk shows.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i>>8)
	}
	return b
}
