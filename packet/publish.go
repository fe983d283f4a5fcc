package packet

import (
	"io"
	"net"
	"strings"
)

// Publish is the PUBLISH packet [MQTT-3.3].
type Publish struct {
	Dup      bool
	QoS      byte
	Retain   bool
	Topic    string // may be empty in 5.0 when Props.TopicAlias is set
	PacketID uint16 // only for QoS 1 and 2
	Props    Properties
	Payload  []byte
}

// Type implements Packet.
func (*Publish) Type() Type { return PUBLISH }

// Flags returns the fixed header flags: DUP, QoS and RETAIN.
func (p *Publish) Flags() byte {
	f := p.QoS << 1
	if p.Dup {
		f |= 0x08
	}
	if p.Retain {
		f |= 0x01
	}
	return f
}

// Decode implements Packet.
func (p *Publish) Decode(v Version, flags byte, body []byte) error {
	*p = Publish{Dup: flags&0x08 != 0, QoS: (flags >> 1) & 3, Retain: flags&1 != 0}
	if p.QoS == 3 {
		return errorf(MalformedPacket, PUBLISH, "QoS", ErrInvalidQoS) // [MQTT-3.3.1-4]
	}
	// DUP must be 0 for QoS 0 [MQTT-3.3.1-2].
	if p.QoS == 0 && p.Dup {
		return errorf(MalformedPacket, PUBLISH, "DUP flag", ErrReservedFlags)
	}
	d := decoder{b: body, t: PUBLISH}
	var err error
	if p.Topic, err = d.string("topic name"); err != nil {
		return err
	}
	// A topic name contains no wildcard characters [MQTT-3.3.2-2].
	for i := 0; i < len(p.Topic); i++ {
		if c := p.Topic[i]; c == '+' || c == '#' {
			return errorf(TopicNameInvalid, PUBLISH, "topic name", ErrWildcardInTopic)
		}
	}
	if p.QoS > 0 {
		if p.PacketID, err = d.uint16("packet identifier"); err != nil {
			return err
		}
		if p.PacketID == 0 {
			return errorf(ProtocolError, PUBLISH, "packet identifier", ErrZeroPacketID) // [MQTT-2.2.1-3]
		}
	}
	if v == V5 {
		if err := d.props(&p.Props, PUBLISH); err != nil {
			return err
		}
	}
	// An empty topic is allowed only with a topic alias (5.0, 3.3.2.1)
	// [MQTT-4.7.3-1].
	if p.Topic == "" && p.Props.TopicAlias == 0 {
		return errorf(ProtocolError, PUBLISH, "topic name", ErrEmptyTopic)
	}
	p.Payload = d.rest()
	return nil
}

// headerSize measures everything but the payload and the fixed header.
func (p *Publish) headerSize(v Version, e *encoder) (n, pn int) {
	if p.QoS > 2 {
		e.fail(MalformedPacket, "QoS", ErrInvalidQoS)
	}
	if p.QoS == 0 && p.Dup {
		e.fail(MalformedPacket, "DUP flag", ErrReservedFlags) // [MQTT-3.3.1-2]
	}
	if p.QoS == 0 && p.PacketID != 0 {
		e.fail(MalformedPacket, "packet identifier", ErrInvalidValue)
	}
	if p.QoS > 0 && p.PacketID == 0 {
		e.fail(ProtocolError, "packet identifier", ErrZeroPacketID)
	}
	if p.Topic == "" && (v != V5 || p.Props.TopicAlias == 0) {
		e.fail(ProtocolError, "topic name", ErrEmptyTopic)
	}
	if strings.ContainsAny(p.Topic, "+#") {
		e.fail(TopicNameInvalid, "topic name", ErrWildcardInTopic) // [MQTT-3.3.2-2]
	}
	n = e.str("topic name", p.Topic)
	if p.QoS > 0 {
		n += 2
	}
	if v == V5 {
		pn = e.props(&p.Props, PUBLISH)
		n += varIntLen(uint32(pn)) + pn
	}
	return n, pn
}

// AppendHeader appends the packet without its payload: fixed header, topic,
// packet identifier and properties. Writing the header followed by Payload
// gives the whole packet, so the payload need never be copied.
func (p *Publish) AppendHeader(dst []byte, v Version) ([]byte, error) {
	e := encoder{t: PUBLISH}
	n, pn := p.headerSize(v, &e)
	if err := e.finish(n + len(p.Payload)); err != nil {
		return dst, err
	}
	dst = appendFixedHeader(dst, PUBLISH, p.Flags(), n+len(p.Payload))
	dst = appendString(dst, p.Topic)
	if p.QoS > 0 {
		dst = appendUint16(dst, p.PacketID)
	}
	if v == V5 {
		dst = appendProps(dst, &p.Props, pn)
	}
	return dst, nil
}

// Size returns the size of the encoded packet for version v.
func (p *Publish) Size(v Version) (int, error) {
	e := encoder{t: PUBLISH}
	n, _ := p.headerSize(v, &e)
	if err := e.finish(n + len(p.Payload)); err != nil {
		return 0, err
	}
	return FixedHeader{Remaining: n + len(p.Payload)}.Size(), nil
}

// Append implements Packet.
func (p *Publish) Append(dst []byte, v Version) ([]byte, error) {
	dst, err := p.AppendHeader(dst, v)
	if err != nil {
		return dst, err
	}
	return append(dst, p.Payload...), nil
}

// WriteBuffers writes the packet to w as a header and the payload, in one writev
// where w supports it, without copying the payload.
func (p *Publish) WriteBuffers(w io.Writer, v Version) (int64, error) {
	var hdr [64]byte
	h, err := p.AppendHeader(hdr[:0], v)
	if err != nil {
		return 0, err
	}
	bufs := net.Buffers{h, p.Payload}
	return bufs.WriteTo(w)
}
