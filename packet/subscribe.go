package packet

// Subscribe is the SUBSCRIBE packet [MQTT-3.8].
type Subscribe struct {
	PacketID      uint16
	Props         Properties // 5.0: at most one subscription identifier, user properties
	Subscriptions []Subscription
}

// Subscription is one topic filter of a SUBSCRIBE with its options.
type Subscription struct {
	Filter            string
	QoS               byte // maximum QoS
	NoLocal           bool // 5.0
	RetainAsPublished bool // 5.0
	RetainHandling    byte // 5.0: 0 send retained, 1 only for new subscriptions, 2 never
}

// Type implements Packet.
func (*Subscribe) Type() Type { return SUBSCRIBE }

// Decode implements Packet.
func (s *Subscribe) Decode(v Version, _ byte, body []byte) error {
	*s = Subscribe{}
	d := decoder{b: body, t: SUBSCRIBE}
	var err error
	if s.PacketID, err = d.uint16("packet identifier"); err != nil {
		return err
	}
	if s.PacketID == 0 {
		return errorf(ProtocolError, SUBSCRIBE, "packet identifier", ErrZeroPacketID) // [MQTT-2.2.1-3]
	}
	if v == V5 {
		if err := d.props(&s.Props, SUBSCRIBE); err != nil {
			return err
		}
	}
	// A SUBSCRIBE must carry at least one filter [MQTT-3.8.3-2] (3.1.1: [MQTT-3.8.3-3]).
	if d.remaining() == 0 {
		return errorf(ProtocolError, SUBSCRIBE, "payload", ErrNoTopics)
	}
	for d.remaining() > 0 {
		var sub Subscription
		if sub.Filter, err = d.string("topic filter"); err != nil {
			return err
		}
		opts, err := d.byte("subscription options")
		if err != nil {
			return err
		}
		sub.QoS = opts & 0x03
		if sub.QoS == 3 {
			// Malformed in 3.1.1 [MQTT-3-8.3-4], a Protocol Error in 5.0 (3.8.3.1).
			code := MalformedPacket
			if v == V5 {
				code = ProtocolError
			}
			return errorf(code, SUBSCRIBE, "subscription options", ErrInvalidQoS)
		}
		if v == V5 {
			// Bits 6 and 7 are reserved [MQTT-3.8.3-5].
			if opts&0xC0 != 0 {
				return errorf(MalformedPacket, SUBSCRIBE, "subscription options", ErrReservedFlags)
			}
			sub.NoLocal = opts&0x04 != 0
			sub.RetainAsPublished = opts&0x08 != 0
			sub.RetainHandling = (opts >> 4) & 0x03
			// Retain Handling 3 is a Protocol Error (3.8.3.1).
			if sub.RetainHandling == 3 {
				return errorf(ProtocolError, SUBSCRIBE, "retain handling", ErrInvalidValue)
			}
		} else if opts&0xFC != 0 {
			// Bits 2-7 are reserved in 3.1.1 [MQTT-3-8.3-4].
			return errorf(MalformedPacket, SUBSCRIBE, "requested QoS", ErrReservedFlags)
		}
		s.Subscriptions = append(s.Subscriptions, sub)
	}
	return nil
}

// Append implements Packet.
func (s *Subscribe) Append(dst []byte, v Version) ([]byte, error) {
	e := encoder{t: SUBSCRIBE}
	if s.PacketID == 0 {
		e.fail(ProtocolError, "packet identifier", ErrZeroPacketID)
	}
	if len(s.Subscriptions) == 0 {
		e.fail(ProtocolError, "payload", ErrNoTopics)
	}
	n, pn := 2, 0
	if v == V5 {
		pn = e.props(&s.Props, SUBSCRIBE)
		n += varIntLen(uint32(pn)) + pn
	}
	for i := range s.Subscriptions {
		sub := &s.Subscriptions[i]
		if sub.QoS > 2 {
			code := MalformedPacket
			if v == V5 {
				code = ProtocolError // as the decoder (3.8.3.1)
			}
			e.fail(code, "subscription options", ErrInvalidQoS)
		}
		if sub.RetainHandling > 2 {
			e.fail(ProtocolError, "retain handling", ErrInvalidValue)
		}
		if v != V5 && (sub.NoLocal || sub.RetainAsPublished || sub.RetainHandling != 0) {
			e.fail(MalformedPacket, "subscription options", ErrNotInVersion)
		}
		n += e.str("topic filter", sub.Filter) + 1
	}
	if err := e.finish(n); err != nil {
		return dst, err
	}
	dst = appendFixedHeader(dst, SUBSCRIBE, 0x02, n)
	dst = appendUint16(dst, s.PacketID)
	if v == V5 {
		dst = appendProps(dst, &s.Props, pn)
	}
	for i := range s.Subscriptions {
		sub := &s.Subscriptions[i]
		opts := sub.QoS | sub.RetainHandling<<4
		if sub.NoLocal {
			opts |= 0x04
		}
		if sub.RetainAsPublished {
			opts |= 0x08
		}
		dst = append(appendString(dst, sub.Filter), opts)
	}
	return dst, nil
}

// Suback is the SUBACK packet [MQTT-3.9]: one reason code per filter of the
// SUBSCRIBE, in order. In 3.1 and 3.1.1 every failure code is sent as 0x80.
type Suback struct {
	PacketID    uint16
	Props       Properties
	ReasonCodes []ReasonCode
}

// Type implements Packet.
func (*Suback) Type() Type { return SUBACK }

// Decode implements Packet.
func (s *Suback) Decode(v Version, _ byte, body []byte) error {
	*s = Suback{}
	return decodeCodes(SUBACK, v, body, &s.PacketID, &s.Props, &s.ReasonCodes)
}

// Append implements Packet.
func (s *Suback) Append(dst []byte, v Version) ([]byte, error) {
	return appendCodes(dst, SUBACK, v, s.PacketID, &s.Props, s.ReasonCodes)
}

// Unsubscribe is the UNSUBSCRIBE packet [MQTT-3.10].
type Unsubscribe struct {
	PacketID uint16
	Props    Properties
	Filters  []string
}

// Type implements Packet.
func (*Unsubscribe) Type() Type { return UNSUBSCRIBE }

// Decode implements Packet.
func (u *Unsubscribe) Decode(v Version, _ byte, body []byte) error {
	*u = Unsubscribe{}
	d := decoder{b: body, t: UNSUBSCRIBE}
	var err error
	if u.PacketID, err = d.uint16("packet identifier"); err != nil {
		return err
	}
	if u.PacketID == 0 {
		return errorf(ProtocolError, UNSUBSCRIBE, "packet identifier", ErrZeroPacketID) // [MQTT-2.2.1-3]
	}
	if v == V5 {
		if err := d.props(&u.Props, UNSUBSCRIBE); err != nil {
			return err
		}
	}
	// At least one filter [MQTT-3.10.3-2].
	if d.remaining() == 0 {
		return errorf(ProtocolError, UNSUBSCRIBE, "payload", ErrNoTopics)
	}
	for d.remaining() > 0 {
		f, err := d.string("topic filter")
		if err != nil {
			return err
		}
		u.Filters = append(u.Filters, f)
	}
	return nil
}

// Append implements Packet.
func (u *Unsubscribe) Append(dst []byte, v Version) ([]byte, error) {
	e := encoder{t: UNSUBSCRIBE}
	if u.PacketID == 0 {
		e.fail(ProtocolError, "packet identifier", ErrZeroPacketID)
	}
	if len(u.Filters) == 0 {
		e.fail(ProtocolError, "payload", ErrNoTopics)
	}
	n, pn := 2, 0
	if v == V5 {
		pn = e.props(&u.Props, UNSUBSCRIBE)
		n += varIntLen(uint32(pn)) + pn
	}
	for _, f := range u.Filters {
		n += e.str("topic filter", f)
	}
	if err := e.finish(n); err != nil {
		return dst, err
	}
	dst = appendFixedHeader(dst, UNSUBSCRIBE, 0x02, n)
	dst = appendUint16(dst, u.PacketID)
	if v == V5 {
		dst = appendProps(dst, &u.Props, pn)
	}
	for _, f := range u.Filters {
		dst = appendString(dst, f)
	}
	return dst, nil
}

// Unsuback is the UNSUBACK packet [MQTT-3.11]. Before 5.0 it carries only
// the packet identifier, and ReasonCodes is empty.
type Unsuback struct {
	PacketID    uint16
	Props       Properties
	ReasonCodes []ReasonCode // 5.0 only
}

// Type implements Packet.
func (*Unsuback) Type() Type { return UNSUBACK }

// Decode implements Packet.
func (u *Unsuback) Decode(v Version, _ byte, body []byte) error {
	*u = Unsuback{}
	if v != V5 {
		d := decoder{b: body, t: UNSUBACK}
		var err error
		if u.PacketID, err = d.uint16("packet identifier"); err != nil {
			return err
		}
		if u.PacketID == 0 {
			return errorf(ProtocolError, UNSUBACK, "packet identifier", ErrZeroPacketID)
		}
		return d.end("packet identifier")
	}
	return decodeCodes(UNSUBACK, v, body, &u.PacketID, &u.Props, &u.ReasonCodes)
}

// Append implements Packet.
func (u *Unsuback) Append(dst []byte, v Version) ([]byte, error) {
	if v != V5 {
		if u.PacketID == 0 {
			return dst, errorf(ProtocolError, UNSUBACK, "packet identifier", ErrZeroPacketID)
		}
		return appendUint16(appendFixedHeader(dst, UNSUBACK, 0, 2), u.PacketID), nil
	}
	return appendCodes(dst, UNSUBACK, v, u.PacketID, &u.Props, u.ReasonCodes)
}

// v3SubackCodes are the only SUBACK return codes before 5.0.
func v3SubackCode(c ReasonCode) byte {
	if c <= GrantedQoS2 {
		return byte(c)
	}
	return 0x80
}

// decodeCodes decodes SUBACK and (5.0) UNSUBACK: packet identifier,
// properties and at least one reason code.
func decodeCodes(t Type, v Version, body []byte, id *uint16, props *Properties, codes *[]ReasonCode) error {
	d := decoder{b: body, t: t}
	var err error
	if *id, err = d.uint16("packet identifier"); err != nil {
		return err
	}
	if *id == 0 {
		return errorf(ProtocolError, t, "packet identifier", ErrZeroPacketID)
	}
	if v == V5 {
		if err := d.props(props, t); err != nil {
			return err
		}
	}
	if d.remaining() == 0 {
		return errorf(ProtocolError, t, "payload", ErrNoTopics)
	}
	cs := make([]ReasonCode, d.remaining())
	for i, b := range d.rest() {
		c := ReasonCode(b)
		if v == V5 && !c.ValidFor(t) || v != V5 && c > GrantedQoS2 && c != UnspecifiedError {
			return errorf(ProtocolError, t, "reason code", ErrInvalidReasonCode)
		}
		cs[i] = c
	}
	*codes = cs
	return nil
}

func appendCodes(dst []byte, t Type, v Version, id uint16, props *Properties, codes []ReasonCode) ([]byte, error) {
	e := encoder{t: t}
	if id == 0 {
		e.fail(ProtocolError, "packet identifier", ErrZeroPacketID)
	}
	if len(codes) == 0 {
		e.fail(ProtocolError, "payload", ErrNoTopics)
	}
	n, pn := 2+len(codes), 0
	for _, c := range codes {
		if v == V5 && !c.ValidFor(t) {
			e.fail(ProtocolError, "reason code", ErrInvalidReasonCode)
		}
	}
	if v == V5 {
		pn = e.props(props, t)
		n += varIntLen(uint32(pn)) + pn
	}
	if err := e.finish(n); err != nil {
		return dst, err
	}
	dst = appendFixedHeader(dst, t, 0, n)
	dst = appendUint16(dst, id)
	if v == V5 {
		dst = appendProps(dst, props, pn)
		for _, c := range codes {
			dst = append(dst, byte(c))
		}
		return dst, nil
	}
	for _, c := range codes {
		dst = append(dst, v3SubackCode(c))
	}
	return dst, nil
}
