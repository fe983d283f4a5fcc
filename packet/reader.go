package packet

import (
	"bufio"
	"errors"
	"io"
)

// Reader reads packets from a byte stream. It survives partial reads and
// packets split anywhere across reads, and refuses a packet larger than
// MaxSize before allocating its body.
//
// A Reader is not safe for concurrent use.
type Reader struct {
	r *bufio.Reader

	// Version is the protocol version used to decode packets other than
	// CONNECT. A broker sets it once it has accepted the CONNECT.
	Version Version

	// MaxSize is the largest packet accepted, fixed header included
	// (the 5.0 Maximum Packet Size). Zero means MaxPacketSize.
	MaxSize int
}

// initialChunk bounds the first allocation of a large body: the body grows
// only as bytes actually arrive, so a peer announcing a 256 MB packet and
// then sending nothing costs little.
const initialChunk = 64 << 10

// NewReader returns a Reader for r. If r is not a *bufio.Reader it is
// wrapped in one.
func NewReader(r io.Reader, maxSize int) *Reader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	return &Reader{r: br, MaxSize: maxSize}
}

// Buffered reports how many bytes can be read without blocking; zero means
// the input is drained, the moment a broker flushes what it routed.
func (r *Reader) Buffered() int { return r.r.Buffered() }

// ReadHeader reads a fixed header and checks it (CheckHeader) and its size.
// io.EOF is returned only when the stream ends before the first byte; an
// end inside the header is io.ErrUnexpectedEOF.
func (r *Reader) ReadHeader() (FixedHeader, error) {
	b, err := r.r.ReadByte()
	if err != nil {
		return FixedHeader{}, err
	}
	h := FixedHeader{Type: Type(b >> 4), Flags: b & 0x0f}
	var n uint32
	for i := 0; ; i++ {
		if i == 4 {
			return h, errorf(MalformedPacket, h.Type, "remaining length", ErrVarIntTooLong) // [MQTT-1.5.5-1]
		}
		c, err := r.r.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return h, err
		}
		n |= uint32(c&0x7f) << (7 * i)
		if c&0x80 == 0 {
			if c == 0 && i > 0 {
				return h, errorf(MalformedPacket, h.Type, "remaining length", ErrVarIntNotMinimal)
			}
			break
		}
	}
	h.Remaining = int(n)
	if err := CheckHeader(r.Version, h); err != nil {
		return h, err
	}
	max := r.MaxSize
	if max <= 0 {
		max = MaxPacketSize
	}
	if h.Size() > max {
		return h, errorf(PacketTooLarge, h.Type, "remaining length", ErrTooLarge)
	}
	return h, nil
}

// ReadBody reads the body announced by h into a new slice, which the caller
// owns.
func (r *Reader) ReadBody(h FixedHeader) ([]byte, error) {
	n := h.Remaining
	if n <= initialChunk {
		b := make([]byte, n)
		if _, err := io.ReadFull(r.r, b); err != nil {
			return nil, unexpected(err)
		}
		return b, nil
	}
	b := make([]byte, 0, initialChunk)
	for len(b) < n {
		if len(b) == cap(b) {
			nb := make([]byte, len(b), min(2*cap(b), n))
			copy(nb, b)
			b = nb
		}
		m, err := io.ReadFull(r.r, b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err != nil {
			return nil, unexpected(err)
		}
	}
	return b, nil
}

// Discard skips the body announced by h, for a receiver that refuses a
// packet but keeps the connection.
func (r *Reader) Discard(h FixedHeader) error {
	_, err := r.r.Discard(h.Remaining)
	return unexpected(err)
}

func unexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// ReadPacket reads and decodes the next packet. When a CONNECT fails to
// decode, the partial *Connect is returned with the error (see Decode).
func (r *Reader) ReadPacket() (Packet, error) {
	h, err := r.ReadHeader()
	if err != nil {
		return nil, err
	}
	body, err := r.ReadBody(h)
	if err != nil {
		return nil, err
	}
	return Decode(r.Version, h, body)
}
