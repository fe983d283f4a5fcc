package packet

import "strconv"

// Type is the MQTT control packet type, the high nibble of the first byte.
type Type byte

// Control packet types [MQTT-2.1.2].
const (
	CONNECT     Type = 1
	CONNACK     Type = 2
	PUBLISH     Type = 3
	PUBACK      Type = 4
	PUBREC      Type = 5
	PUBREL      Type = 6
	PUBCOMP     Type = 7
	SUBSCRIBE   Type = 8
	SUBACK      Type = 9
	UNSUBSCRIBE Type = 10
	UNSUBACK    Type = 11
	PINGREQ     Type = 12
	PINGRESP    Type = 13
	DISCONNECT  Type = 14
	AUTH        Type = 15
)

var typeNames = [16]string{"RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
	"PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"}

// String returns the packet type's name in capitals, as the specification writes it.
func (t Type) String() string {
	if t < 16 {
		return typeNames[t]
	}
	return "TYPE(" + strconv.Itoa(int(t)) + ")"
}

// Version is the protocol level carried in CONNECT.
type Version byte

// Protocol levels.
const (
	V31  Version = 3 // MQTT 3.1, protocol name "MQIsdp"
	V311 Version = 4 // MQTT 3.1.1
	V5   Version = 5 // MQTT 5.0
)

// String returns the version as users write it: "3.1", "3.1.1" or "5.0".
func (v Version) String() string {
	switch v {
	case V31:
		return "3.1"
	case V311:
		return "3.1.1"
	case V5:
		return "5.0"
	}
	return "level " + strconv.Itoa(int(v))
}

// Valid reports whether v is a protocol level this package speaks.
func (v Version) Valid() bool { return v == V31 || v == V311 || v == V5 }

// MaxRemainingLength is the largest remaining length a variable byte
// integer can carry (268,435,455, about 256 MB).
const MaxRemainingLength = 268435455

// MaxPacketSize is the largest possible packet: one type byte, four length
// bytes and the largest remaining length.
const MaxPacketSize = 1 + 4 + MaxRemainingLength

// FixedHeader is the first part of every packet [MQTT-2.1.1].
type FixedHeader struct {
	Type      Type
	Flags     byte // the low nibble of the first byte
	Remaining int  // the remaining length: the size of the body
}

// Size is the size of the whole packet: fixed header plus body.
func (h FixedHeader) Size() int { return 1 + varIntLen(uint32(h.Remaining)) + h.Remaining }

// Packet is one MQTT control packet. The concrete types are *Connect,
// *Connack, *Publish, *Puback, *Pubrec, *Pubrel, *Pubcomp, *Subscribe,
// *Suback, *Unsubscribe, *Unsuback, *Pingreq, *Pingresp, *Disconnect and
// *Auth.
type Packet interface {
	// Type reports the control packet type.
	Type() Type
	// Append appends the encoded packet, fixed header included, to dst.
	// It fails when a field cannot be represented in version v.
	Append(dst []byte, v Version) ([]byte, error)
	// Decode replaces the packet's fields with those decoded from body, the
	// bytes following a fixed header with the given flags. It takes
	// ownership of body. For CONNECT, v is ignored: the version is read
	// from the packet.
	Decode(v Version, flags byte, body []byte) error
}

// New returns a new, empty packet of type t, or nil if t is reserved.
func New(t Type) Packet {
	switch t {
	case CONNECT:
		return new(Connect)
	case CONNACK:
		return new(Connack)
	case PUBLISH:
		return new(Publish)
	case PUBACK:
		return new(Puback)
	case PUBREC:
		return new(Pubrec)
	case PUBREL:
		return new(Pubrel)
	case PUBCOMP:
		return new(Pubcomp)
	case SUBSCRIBE:
		return new(Subscribe)
	case SUBACK:
		return new(Suback)
	case UNSUBSCRIBE:
		return new(Unsubscribe)
	case UNSUBACK:
		return new(Unsuback)
	case PINGREQ:
		return new(Pingreq)
	case PINGRESP:
		return new(Pingresp)
	case DISCONNECT:
		return new(Disconnect)
	case AUTH:
		return new(Auth)
	}
	return nil
}

// CheckHeader verifies the fixed header's type and reserved flag bits for
// protocol version v [MQTT-2.1.3-1] and that the remaining length suits the
// type, so a stream reader can refuse a packet before reading its body.
func CheckHeader(v Version, h FixedHeader) error {
	switch h.Type {
	case 0:
		return errorf(MalformedPacket, h.Type, "packet type", ErrReservedType)
	case AUTH:
		if v != V5 {
			return errorf(MalformedPacket, h.Type, "packet type", ErrReservedType)
		}
	case PUBLISH:
		// The flags carry DUP, QoS and RETAIN; QoS 3 is malformed [MQTT-3.3.1-4].
		if h.Flags&0x06 == 0x06 {
			return errorf(MalformedPacket, h.Type, "QoS", ErrInvalidQoS)
		}
		return nil
	}
	want := byte(0)
	if h.Type == PUBREL || h.Type == SUBSCRIBE || h.Type == UNSUBSCRIBE {
		want = 0x02 // [MQTT-3.6.1-1], [MQTT-3.8.1-1], [MQTT-3.10.1-1]
	}
	switch {
	case v == V31 && want == 0x02:
		// MQTT 3.1 marks DUP and RETAIN of these packets as unused and lets
		// a retried PUBREL carry DUP: only the QoS bits are fixed.
		if h.Flags&0x06 != 0x02 {
			return errorf(MalformedPacket, h.Type, "fixed header flags", ErrReservedFlags)
		}
	case v == V31 && h.Type != CONNECT:
		// The other 3.1 packets leave the flag bits unused.
	case h.Flags != want:
		return errorf(MalformedPacket, h.Type, "fixed header flags", ErrReservedFlags)
	}
	// PINGREQ and PINGRESP have no body; 3.1.1 DISCONNECT has none either.
	if (h.Type == PINGREQ || h.Type == PINGRESP || (h.Type == DISCONNECT && v != V5)) && h.Remaining != 0 {
		return errorf(MalformedPacket, h.Type, "remaining length", ErrTrailingBytes)
	}
	return nil
}

// Decode checks the header and decodes body as a packet of h.Type for
// protocol version v. It takes ownership of body.
//
// When a CONNECT fails to decode, the returned packet is the partially
// decoded *Connect, so that its Version tells a broker which CONNACK format
// to answer in.
func Decode(v Version, h FixedHeader, body []byte) (Packet, error) {
	if err := CheckHeader(v, h); err != nil {
		return nil, err
	}
	p := New(h.Type)
	if err := p.Decode(v, h.Flags, body); err != nil {
		if h.Type == CONNECT {
			return p, err
		}
		return nil, err
	}
	return p, nil
}

// Encode returns p encoded for version v in a new slice.
func Encode(p Packet, v Version) ([]byte, error) { return p.Append(nil, v) }
