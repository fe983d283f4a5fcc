package packet_test

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/ternmq/tern/internal/packettest"
	"github.com/ternmq/tern/packet"
)

// TestFixtures checks every fixture both ways: decode(Raw) == Want and
// encode(Want) == Raw, and that every malformed fixture fails with the
// cause and reason code it names. Each fixture is also read through a
// Reader, whole and split at every offset, to show the result does not
// depend on how the bytes arrive.
func TestFixtures(t *testing.T) {
	for _, c := range packettest.Cases() {
		t.Run(c.Version.String()+"/"+c.Name, func(t *testing.T) {
			got, err := readAll(c.Version, c.Raw)
			if c.Want == nil {
				if err == nil {
					t.Fatalf("decode(% x) = %+v, want error %v", c.Raw, got, c.Err)
				}
				if c.Err != nil && !errors.Is(err, c.Err) {
					t.Errorf("error %q does not wrap %q", err, c.Err)
				}
				if !errors.Is(err, c.Code) {
					t.Errorf("error %q: reason code %v, want %v", err, reasonOf(err), c.Code)
				}
				return
			}
			if err != nil {
				t.Fatalf("decode(% x): %v", c.Raw, err)
			}
			if !reflect.DeepEqual(got, c.Want) {
				t.Fatalf("decode(% x)\n got %#v\nwant %#v", c.Raw, got, c.Want)
			}
			for i := 1; i < len(c.Raw); i++ {
				split, err := readSplit(c.Version, c.Raw, i)
				if err != nil || !reflect.DeepEqual(split, c.Want) {
					t.Fatalf("split at %d: %#v, %v", i, split, err)
				}
			}
			if c.DecodeOnly {
				return
			}
			raw, err := c.Want.Append(nil, c.Version)
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			if !bytes.Equal(raw, c.Raw) {
				t.Fatalf("encode\n got % x\nwant % x", raw, c.Raw)
			}
		})
	}
}

func reasonOf(err error) packet.ReasonCode {
	var pe *packet.Error
	if errors.As(err, &pe) {
		return pe.Code
	}
	return 0
}

func readAll(v packet.Version, raw []byte) (packet.Packet, error) {
	r := packet.NewReader(bytes.NewReader(raw), 0)
	r.Version = v
	p, err := r.ReadPacket()
	if err != nil {
		return p, err
	}
	if r.Buffered() != 0 {
		return p, errors.New("bytes left after the packet")
	}
	return p, nil
}

// splitReader returns its data in two reads, split at n.
type splitReader struct {
	parts [][]byte
}

func (s *splitReader) Read(p []byte) (int, error) {
	for len(s.parts) > 0 && len(s.parts[0]) == 0 {
		s.parts = s.parts[1:]
	}
	if len(s.parts) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.parts[0])
	s.parts[0] = s.parts[0][n:]
	return n, nil
}

func readSplit(v packet.Version, raw []byte, n int) (packet.Packet, error) {
	cp := append([]byte(nil), raw...)
	r := packet.NewReader(&splitReader{parts: [][]byte{cp[:n], cp[n:]}}, 0)
	r.Version = v
	return r.ReadPacket()
}
