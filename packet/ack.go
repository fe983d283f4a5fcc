package packet

// Puback is the PUBACK packet, the answer to a QoS 1 PUBLISH [MQTT-3.4].
type Puback struct {
	PacketID   uint16
	ReasonCode ReasonCode // 5.0 only
	Props      Properties // 5.0 only
}

// Pubrec is the PUBREC packet, the first answer to a QoS 2 PUBLISH [MQTT-3.5].
type Pubrec struct {
	PacketID   uint16
	ReasonCode ReasonCode
	Props      Properties
}

// Pubrel is the PUBREL packet, the answer to PUBREC [MQTT-3.6].
type Pubrel struct {
	PacketID   uint16
	ReasonCode ReasonCode
	Props      Properties
}

// Pubcomp is the PUBCOMP packet, the answer to PUBREL [MQTT-3.7].
type Pubcomp struct {
	PacketID   uint16
	ReasonCode ReasonCode
	Props      Properties
}

// Type implements Packet.
func (*Puback) Type() Type { return PUBACK }

// Type implements Packet.
func (*Pubrec) Type() Type { return PUBREC }

// Type implements Packet.
func (*Pubrel) Type() Type { return PUBREL }

// Type implements Packet.
func (*Pubcomp) Type() Type { return PUBCOMP }

// Decode implements Packet.
func (p *Puback) Decode(v Version, _ byte, body []byte) error {
	*p = Puback{}
	return decodeAck(PUBACK, v, body, &p.PacketID, &p.ReasonCode, &p.Props)
}

// Decode implements Packet.
func (p *Pubrec) Decode(v Version, _ byte, body []byte) error {
	*p = Pubrec{}
	return decodeAck(PUBREC, v, body, &p.PacketID, &p.ReasonCode, &p.Props)
}

// Decode implements Packet.
func (p *Pubrel) Decode(v Version, _ byte, body []byte) error {
	*p = Pubrel{}
	return decodeAck(PUBREL, v, body, &p.PacketID, &p.ReasonCode, &p.Props)
}

// Decode implements Packet.
func (p *Pubcomp) Decode(v Version, _ byte, body []byte) error {
	*p = Pubcomp{}
	return decodeAck(PUBCOMP, v, body, &p.PacketID, &p.ReasonCode, &p.Props)
}

// Append implements Packet.
func (p *Puback) Append(dst []byte, v Version) ([]byte, error) {
	return appendAck(dst, PUBACK, 0, v, p.PacketID, p.ReasonCode, &p.Props)
}

// Append implements Packet.
func (p *Pubrec) Append(dst []byte, v Version) ([]byte, error) {
	return appendAck(dst, PUBREC, 0, v, p.PacketID, p.ReasonCode, &p.Props)
}

// Append implements Packet.
func (p *Pubrel) Append(dst []byte, v Version) ([]byte, error) {
	return appendAck(dst, PUBREL, 0x02, v, p.PacketID, p.ReasonCode, &p.Props)
}

// Append implements Packet.
func (p *Pubcomp) Append(dst []byte, v Version) ([]byte, error) {
	return appendAck(dst, PUBCOMP, 0, v, p.PacketID, p.ReasonCode, &p.Props)
}

// decodeAck decodes PUBACK, PUBREC, PUBREL and PUBCOMP. In 5.0 the reason
// code may be omitted when it is Success, and the property length when
// there are no properties (3.4.2.1).
func decodeAck(t Type, v Version, body []byte, id *uint16, rc *ReasonCode, props *Properties) error {
	d := decoder{b: body, t: t}
	var err error
	if *id, err = d.uint16("packet identifier"); err != nil {
		return err
	}
	if *id == 0 {
		return errorf(ProtocolError, t, "packet identifier", ErrZeroPacketID) // [MQTT-2.2.1-3]
	}
	if v != V5 {
		return d.end("packet identifier")
	}
	if d.remaining() == 0 {
		return nil
	}
	code, _ := d.byte("reason code")
	*rc = ReasonCode(code)
	if !rc.ValidFor(t) {
		return errorf(ProtocolError, t, "reason code", ErrInvalidReasonCode)
	}
	if d.remaining() == 0 {
		return nil
	}
	if err := d.props(props, t); err != nil {
		return err
	}
	return d.end("properties")
}

func appendAck(dst []byte, t Type, flags byte, v Version, id uint16, rc ReasonCode, props *Properties) ([]byte, error) {
	e := encoder{t: t}
	if id == 0 {
		e.fail(ProtocolError, "packet identifier", ErrZeroPacketID)
	}
	n, pn := 2, 0
	if v == V5 && !rc.ValidFor(t) {
		e.fail(ProtocolError, "reason code", ErrInvalidReasonCode)
	}
	if v == V5 {
		pn = e.props(props, t)
		if pn > 0 {
			n += 1 + varIntLen(uint32(pn)) + pn
		} else if rc != Success {
			n++
		}
	}
	if err := e.finish(n); err != nil {
		return dst, err
	}
	dst = appendFixedHeader(dst, t, flags, n)
	dst = appendUint16(dst, id)
	if n > 2 {
		dst = append(dst, byte(rc))
		if pn > 0 {
			dst = appendProps(dst, props, pn)
		}
	}
	return dst, nil
}
