package packet_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/ternmq/tern/packet"
)

// A benchCase is one packet as a broker typically sees it.
type benchCase struct {
	name string
	v    packet.Version
	p    packet.Packet
}

const benchTopic = "sensors/building-1/floor-2/room-3/temperature"

// benchPublishProps are the properties a 5.0 PUBLISH typically carries.
var benchPublishProps = packet.Properties{
	PayloadFormat: 1,
	MessageExpiry: packet.Some[uint32](300),
	ContentType:   "application/json",
	User:          []packet.UserProperty{{Key: "trace-id", Value: "4bf92f3577b34da6"}},
}

func benchPublish(v packet.Version, qos byte, size int) *packet.Publish {
	p := &packet.Publish{QoS: qos, Topic: benchTopic, Payload: bytes.Repeat([]byte{'x'}, size)}
	if qos > 0 {
		p.PacketID = 4242
	}
	if v == packet.V5 {
		p.Props = benchPublishProps
	}
	return p
}

func benchCases() []benchCase {
	connect := func(v packet.Version) *packet.Connect {
		c := &packet.Connect{Version: v, CleanStart: true, KeepAlive: 60, ClientID: "tern-bench-client-0001",
			UsernameFlag: true, Username: "device-17", PasswordFlag: true, Password: []byte("s3cr3t-passw0rd")}
		if v == packet.V5 {
			c.Props = packet.Properties{SessionExpiry: packet.Some[uint32](3600), ReceiveMaximum: 100,
				TopicAliasMaximum: 10, MaximumPacketSize: 1 << 20,
				User: []packet.UserProperty{{Key: "region", Value: "eu-west"}}}
		}
		return c
	}
	subscribe := func(v packet.Version) *packet.Subscribe {
		s := &packet.Subscribe{PacketID: 7, Subscriptions: []packet.Subscription{
			{Filter: "sensors/+/floor-2/#", QoS: 1}, {Filter: "alerts/#", QoS: 2}, {Filter: "cmd/device-17", QoS: 1}}}
		if v == packet.V5 {
			s.Props.SubscriptionIDs = []uint32{12}
			s.Subscriptions[0].NoLocal = true
			s.Subscriptions[1].RetainHandling = 1
		}
		return s
	}
	var cs []benchCase
	for _, v := range []packet.Version{packet.V311, packet.V5} {
		vs := "v" + string('0'+byte(v))
		cs = append(cs,
			benchCase{"CONNECT/" + vs, v, connect(v)},
		)
		connack := &packet.Connack{}
		if v == packet.V5 {
			connack.Props = packet.Properties{ReceiveMaximum: 100, MaximumQoS: packet.Some[byte](1),
				TopicAliasMaximum: 10, MaximumPacketSize: 1 << 20, ServerKeepAlive: packet.Some[uint16](60)}
		}
		cs = append(cs, benchCase{"CONNACK/" + vs, v, connack})
		for _, size := range []int{64, 16 << 10} {
			ss := "64B"
			if size > 64 {
				ss = "16KiB"
			}
			for _, qos := range []byte{0, 1} {
				cs = append(cs, benchCase{"PUBLISH/" + vs + "/QoS" + string('0'+qos) + "/" + ss, v, benchPublish(v, qos, size)})
			}
		}
		suback := &packet.Suback{PacketID: 7, ReasonCodes: []packet.ReasonCode{packet.GrantedQoS1, packet.GrantedQoS2, packet.GrantedQoS1}}
		unsubscribe := &packet.Unsubscribe{PacketID: 8, Filters: []string{"sensors/+/floor-2/#", "alerts/#"}}
		cs = append(cs,
			benchCase{"PUBACK/" + vs, v, &packet.Puback{PacketID: 4242}},
			benchCase{"SUBSCRIBE/" + vs, v, subscribe(v)},
			benchCase{"SUBACK/" + vs, v, suback},
			benchCase{"UNSUBSCRIBE/" + vs, v, unsubscribe},
			benchCase{"PINGREQ/" + vs, v, &packet.Pingreq{}},
			benchCase{"DISCONNECT/" + vs, v, &packet.Disconnect{}},
		)
	}
	cs = append(cs,
		benchCase{"PUBACK/v5/reason+string", packet.V5, &packet.Puback{PacketID: 4242,
			ReasonCode: packet.NoMatchingSubscribers, Props: packet.Properties{ReasonString: "no subscribers"}}},
		benchCase{"DISCONNECT/v5/reason+expiry", packet.V5, &packet.Disconnect{ReasonCode: packet.DisconnectWithWillMessage,
			Props: packet.Properties{SessionExpiry: packet.Some[uint32](0)}}},
	)
	return cs
}

// split returns the fixed header and body of an encoded packet.
func split(tb testing.TB, raw []byte) (packet.FixedHeader, []byte) {
	tb.Helper()
	h, n, ok := parseFixedHeader(raw)
	if !ok || n+h.Remaining != len(raw) {
		tb.Fatalf("bad encoding % x", raw)
	}
	return h, raw[n:]
}

// BenchmarkDecode decodes a body into a reused packet. Every iteration
// decodes the same body, which breaks the ownership contract (a body
// belongs to one packet) only harmlessly: nothing modifies it.
func BenchmarkDecode(b *testing.B) {
	for _, c := range benchCases() {
		b.Run(c.name, func(b *testing.B) {
			raw := encode(b, c.p, c.v)
			h, body := split(b, raw)
			q := packet.New(h.Type)
			b.ReportAllocs()
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if err := q.Decode(c.v, h.Flags, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRead reads packets from a stream that repeats the packet
// forever: ReadHeader, ReadBody (one allocation: the body, which the packet
// then owns) and Decode into a reused packet, as a broker's read loop does.
func BenchmarkRead(b *testing.B) {
	for _, c := range benchCases() {
		b.Run(c.name, func(b *testing.B) {
			raw := encode(b, c.p, c.v)
			h0, _ := split(b, raw)
			r := packet.NewReader(&loopReader{b: raw}, 0)
			r.Version = c.v
			q := packet.New(h0.Type)
			b.ReportAllocs()
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				h, err := r.ReadHeader()
				if err != nil {
					b.Fatal(err)
				}
				body, err := r.ReadBody(h)
				if err != nil {
					b.Fatal(err)
				}
				if err := q.Decode(c.v, h.Flags, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadPacket is BenchmarkRead through ReadPacket, which also
// allocates the packet.
func BenchmarkReadPacket(b *testing.B) {
	for _, c := range benchCases() {
		if c.p.Type() != packet.PUBLISH {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			raw := encode(b, c.p, c.v)
			r := packet.NewReader(&loopReader{b: raw}, 0)
			r.Version = c.v
			b.ReportAllocs()
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, err := r.ReadPacket(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncode appends whole packets, PUBLISH payloads included, to a
// reused buffer.
func BenchmarkEncode(b *testing.B) {
	for _, c := range benchCases() {
		b.Run(c.name, func(b *testing.B) {
			buf := encode(b, c.p, c.v)
			b.ReportAllocs()
			b.SetBytes(int64(len(buf)))
			var err error
			for b.Loop() {
				if buf, err = c.p.Append(buf[:0], c.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPublishAppendHeader appends a PUBLISH without its payload to a
// reused buffer, as a broker does per subscriber; bytes are header bytes.
func BenchmarkPublishAppendHeader(b *testing.B) {
	for _, c := range benchCases() {
		p, ok := c.p.(*packet.Publish)
		if !ok {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			buf, err := p.AppendHeader(nil, c.v)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(buf)))
			for b.Loop() {
				if buf, err = p.AppendHeader(buf[:0], c.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPublishWriteBuffers writes a PUBLISH as header and payload to
// io.Discard; bytes are whole packets.
func BenchmarkPublishWriteBuffers(b *testing.B) {
	for _, c := range benchCases() {
		p, ok := c.p.(*packet.Publish)
		if !ok {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			n, err := p.Size(c.v)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(n))
			for b.Loop() {
				if _, err := p.WriteBuffers(io.Discard, c.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// loopReader returns its bytes over and over, filling every Read.
type loopReader struct {
	b   []byte
	off int
}

func (l *loopReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], l.b[l.off:])
		n += c
		l.off = (l.off + c) % len(l.b)
	}
	return n, nil
}

// TestAllocs pins the allocation counts of the data path. Counts, unlike
// timings, are deterministic; with Go 1.26 they are the same under -race,
// so the test runs there too.
func TestAllocs(t *testing.T) {
	pub := &packet.Publish{QoS: 1, PacketID: 1, Topic: benchTopic, Payload: bytes.Repeat([]byte{'x'}, 64)}
	// The 5.0 PUBLISH carries the typical properties but no User Property:
	// every User Property adds to a slice the packet owns.
	pub5 := benchPublish(packet.V5, 1, 64)
	pub5.Props.User = nil

	check := func(name string, max float64, f func()) {
		t.Helper()
		if got := testing.AllocsPerRun(100, f); got > max {
			t.Errorf("%s: %v allocations per run, want at most %v", name, got, max)
		}
	}

	buf := make([]byte, 0, 256)
	for _, v := range []packet.Version{packet.V311, packet.V5} {
		p := pub
		if v == packet.V5 {
			p = pub5
		}
		check("Publish.AppendHeader "+v.String(), 0, func() {
			if _, err := p.AppendHeader(buf[:0], v); err != nil {
				t.Fatal(err)
			}
		})
		check("Publish.Size "+v.String(), 0, func() {
			if _, err := p.Size(v); err != nil {
				t.Fatal(err)
			}
		})
		ack := &packet.Puback{PacketID: 1}
		check("Puback.Append "+v.String(), 0, func() {
			if _, err := ack.Append(buf[:0], v); err != nil {
				t.Fatal(err)
			}
		})

		raw := encode(t, p, v)
		h, body := split(t, raw)
		var q packet.Publish
		check("Publish.Decode "+v.String(), 0, func() {
			if err := q.Decode(v, h.Flags, body); err != nil {
				t.Fatal(err)
			}
		})

		// ReadHeader + ReadBody + Decode: the body is the only allocation,
		// the topic and payload share it.
		r := packet.NewReader(&loopReader{b: raw}, 0)
		r.Version = v
		check("Reader.ReadHeader+ReadBody+Publish.Decode "+v.String(), 1, func() {
			h, err := r.ReadHeader()
			if err != nil {
				t.Fatal(err)
			}
			body, err := r.ReadBody(h)
			if err != nil {
				t.Fatal(err)
			}
			if err := q.Decode(v, h.Flags, body); err != nil {
				t.Fatal(err)
			}
		})
	}
	// Every packet of the benchmarks encodes into a buffer with room
	// without allocating.
	for _, c := range benchCases() {
		big := make([]byte, 0, 32<<10)
		check("Append "+c.name, 0, func() {
			if _, err := c.p.Append(big[:0], c.v); err != nil {
				t.Fatal(err)
			}
		})
	}
}
