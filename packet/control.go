package packet

// Pingreq is the PINGREQ packet [MQTT-3.12]. It has no fields.
type Pingreq struct{}

// Pingresp is the PINGRESP packet [MQTT-3.13]. It has no fields.
type Pingresp struct{}

// Type implements Packet.
func (*Pingreq) Type() Type { return PINGREQ }

// Type implements Packet.
func (*Pingresp) Type() Type { return PINGRESP }

// Decode implements Packet.
func (*Pingreq) Decode(_ Version, _ byte, body []byte) error { return emptyBody(PINGREQ, body) }

// Decode implements Packet.
func (*Pingresp) Decode(_ Version, _ byte, body []byte) error { return emptyBody(PINGRESP, body) }

// Append implements Packet.
func (*Pingreq) Append(dst []byte, _ Version) ([]byte, error) {
	return append(dst, byte(PINGREQ)<<4, 0), nil
}

// Append implements Packet.
func (*Pingresp) Append(dst []byte, _ Version) ([]byte, error) {
	return append(dst, byte(PINGRESP)<<4, 0), nil
}

func emptyBody(t Type, body []byte) error {
	if len(body) != 0 {
		return errorf(MalformedPacket, t, "remaining length", ErrTrailingBytes)
	}
	return nil
}

// Disconnect is the DISCONNECT packet [MQTT-3.14]. Before 5.0 it has no
// fields and is sent only by clients.
type Disconnect struct {
	ReasonCode ReasonCode // 5.0
	Props      Properties // 5.0
}

// Type implements Packet.
func (*Disconnect) Type() Type { return DISCONNECT }

// Decode implements Packet.
func (p *Disconnect) Decode(v Version, _ byte, body []byte) error {
	*p = Disconnect{}
	if v != V5 {
		return emptyBody(DISCONNECT, body)
	}
	return decodeReasonProps(DISCONNECT, body, &p.ReasonCode, &p.Props)
}

// Append implements Packet.
func (p *Disconnect) Append(dst []byte, v Version) ([]byte, error) {
	if v != V5 {
		return append(dst, byte(DISCONNECT)<<4, 0), nil
	}
	return appendReasonProps(dst, DISCONNECT, p.ReasonCode, &p.Props)
}

// Auth is the AUTH packet of MQTT 5.0 enhanced authentication [MQTT-3.15].
type Auth struct {
	ReasonCode ReasonCode
	Props      Properties
}

// Type implements Packet.
func (*Auth) Type() Type { return AUTH }

// Decode implements Packet.
func (p *Auth) Decode(v Version, _ byte, body []byte) error {
	*p = Auth{}
	if v != V5 {
		return errorf(MalformedPacket, AUTH, "packet type", ErrNotInVersion)
	}
	return decodeReasonProps(AUTH, body, &p.ReasonCode, &p.Props)
}

// Append implements Packet.
func (p *Auth) Append(dst []byte, v Version) ([]byte, error) {
	if v != V5 {
		return dst, errorf(ProtocolError, AUTH, "packet type", ErrNotInVersion)
	}
	return appendReasonProps(dst, AUTH, p.ReasonCode, &p.Props)
}

// decodeReasonProps decodes the 5.0 DISCONNECT and AUTH bodies: an
// optional reason code (absent means 0x00) and optional properties
// (3.14.2.1, 3.15.2.1).
func decodeReasonProps(t Type, body []byte, rc *ReasonCode, props *Properties) error {
	if len(body) == 0 {
		return nil
	}
	d := decoder{b: body, t: t}
	code, _ := d.byte("reason code")
	*rc = ReasonCode(code)
	if !rc.ValidFor(t) {
		return errorf(ProtocolError, t, "reason code", ErrInvalidReasonCode)
	}
	if d.remaining() == 0 {
		// AUTH may omit the reason code and the property length only
		// together (3.15.2.1); DISCONNECT may omit the property length alone
		// (3.14.2.2.1).
		if t == AUTH {
			return d.truncated("property length")
		}
		return nil
	}
	if err := d.props(props, t); err != nil {
		return err
	}
	if err := d.end("properties"); err != nil {
		return err
	}
	// AUTH carries the authentication method (3.15.2.2.2).
	if t == AUTH && props.AuthMethod == "" {
		return errorf(ProtocolError, t, "authentication method", ErrInvalidValue)
	}
	return nil
}

func appendReasonProps(dst []byte, t Type, rc ReasonCode, props *Properties) ([]byte, error) {
	e := encoder{t: t}
	if !rc.ValidFor(t) {
		e.fail(ProtocolError, "reason code", ErrInvalidReasonCode)
	}
	pn := e.props(props, t)
	if t == AUTH && (rc != 0 || pn > 0) && props.AuthMethod == "" {
		e.fail(ProtocolError, "authentication method", ErrInvalidValue)
	}
	n := 0
	switch {
	case pn > 0 || (t == AUTH && rc != 0):
		n = 1 + varIntLen(uint32(pn)) + pn
	case rc != 0:
		n = 1
	}
	if err := e.finish(n); err != nil {
		return dst, err
	}
	dst = appendFixedHeader(dst, t, 0, n)
	if n > 0 {
		dst = append(dst, byte(rc))
		if n > 1 {
			dst = appendProps(dst, props, pn)
		}
	}
	return dst, nil
}
