package packet

// Connect is the CONNECT packet [MQTT-3.1].
type Connect struct {
	Version      Version // protocol level; the protocol name follows from it
	CleanStart   bool    // Clean Session in 3.1.1
	KeepAlive    uint16  // seconds
	Props        Properties
	ClientID     string
	Will         *Will // nil when the Will Flag is 0
	UsernameFlag bool
	Username     string
	PasswordFlag bool
	Password     []byte
}

// Will is the will message of a CONNECT.
type Will struct {
	QoS     byte
	Retain  bool
	Props   Properties // MQTT 5.0 will properties
	Topic   string
	Payload []byte
}

// Type implements Packet.
func (*Connect) Type() Type { return CONNECT }

const (
	connUsername  = 0x80
	connPassword  = 0x40
	connWillRetn  = 0x20
	connWillQoS   = 0x18
	connWill      = 0x04
	connClean     = 0x02
	connReserved  = 0x01
	protoMQTT     = "MQTT"
	protoMQIsdp   = "MQIsdp"
	connectFields = "connect flags"
)

func protocolName(v Version) string {
	if v == V31 {
		return protoMQIsdp
	}
	return protoMQTT
}

// Decode implements Packet. v is ignored: the version is read from the
// packet. On error, Version holds the level read, if any.
func (c *Connect) Decode(_ Version, _ byte, body []byte) error {
	*c = Connect{}
	d := decoder{b: body, t: CONNECT}
	name, err := d.string("protocol name")
	if err != nil {
		return err
	}
	level, err := d.byte("protocol level")
	if err != nil {
		return err
	}
	c.Version = Version(level)
	// The protocol name must match the level: "MQIsdp" for 3, "MQTT" for 4
	// and 5 [MQTT-3.1.2-1]; other levels are refused with CONNACK 0x01 in
	// 3.1.1 [MQTT-3.1.2-2] or 0x84 in 5.0.
	if !c.Version.Valid() || name != protocolName(c.Version) {
		if name != protoMQTT && name != protoMQIsdp {
			return errorf(UnsupportedProtocolVersion, CONNECT, "protocol name", ErrUnsupportedVersion)
		}
		return errorf(UnsupportedProtocolVersion, CONNECT, "protocol level", ErrUnsupportedVersion)
	}
	flags, err := d.byte(connectFields)
	if err != nil {
		return err
	}
	// The reserved flag must be 0 [MQTT-3.1.2-3].
	if flags&connReserved != 0 {
		return errorf(MalformedPacket, CONNECT, connectFields, ErrReservedFlags)
	}
	willQoS := (flags & connWillQoS) >> 3
	if flags&connWill == 0 {
		// Without a will, Will QoS and Will Retain must be 0
		// [MQTT-3.1.2-11], [MQTT-3.1.2-13] (3.1.1: [MQTT-3.1.2-13], [MQTT-3.1.2-15]).
		if willQoS != 0 || flags&connWillRetn != 0 {
			return errorf(MalformedPacket, CONNECT, connectFields, ErrReservedFlags)
		}
	} else if willQoS == 3 {
		// [MQTT-3.1.2-12] (3.1.1: [MQTT-3.1.2-14]).
		return errorf(MalformedPacket, CONNECT, "will QoS", ErrInvalidQoS)
	}
	// Before 5.0 a password requires a user name [MQTT-3.1.2-22] (3.1.1).
	if c.Version != V5 && flags&connPassword != 0 && flags&connUsername == 0 {
		return errorf(MalformedPacket, CONNECT, connectFields, ErrReservedFlags)
	}
	c.CleanStart = flags&connClean != 0
	if c.KeepAlive, err = d.uint16("keep alive"); err != nil {
		return err
	}
	if c.Version == V5 {
		if err := d.props(&c.Props, CONNECT); err != nil {
			return err
		}
		// Authentication Data needs an Authentication Method (3.1.2.11.10).
		if c.Props.AuthData != nil && c.Props.AuthMethod == "" {
			return errorf(ProtocolError, CONNECT, "authentication data", ErrInvalidValue)
		}
	}
	// The payload fields appear in this order [MQTT-3.1.3-1].
	if c.ClientID, err = d.string("client identifier"); err != nil {
		return err
	}
	if flags&connWill != 0 {
		w := &Will{QoS: willQoS, Retain: flags&connWillRetn != 0}
		if c.Version == V5 {
			if err := d.props(&w.Props, willProps); err != nil {
				return err
			}
		}
		if w.Topic, err = d.string("will topic"); err != nil {
			return err
		}
		if w.Payload, err = d.binary("will payload"); err != nil {
			return err
		}
		c.Will = w
	}
	if flags&connUsername != 0 {
		c.UsernameFlag = true
		if c.Username, err = d.string("user name"); err != nil {
			return err
		}
	}
	if flags&connPassword != 0 {
		c.PasswordFlag = true
		if c.Password, err = d.binary("password"); err != nil {
			return err
		}
	}
	return d.end("payload")
}

// Append implements Packet. v is ignored: c.Version is used.
func (c *Connect) Append(dst []byte, _ Version) ([]byte, error) {
	v := c.Version
	e := encoder{t: CONNECT}
	if !v.Valid() {
		e.fail(UnsupportedProtocolVersion, "protocol level", ErrUnsupportedVersion)
	}
	if c.Props.AuthData != nil && c.Props.AuthMethod == "" {
		e.fail(ProtocolError, "authentication data", ErrInvalidValue)
	}
	if c.PasswordFlag && !c.UsernameFlag && v != V5 {
		e.fail(MalformedPacket, "password", ErrNotInVersion)
	}
	n := 2 + len(protocolName(v)) + 1 + 1 + 2
	var pn, wpn int
	if v == V5 {
		pn = e.props(&c.Props, CONNECT)
		n += varIntLen(uint32(pn)) + pn
	}
	n += e.str("client identifier", c.ClientID)
	flags := byte(0)
	if c.CleanStart {
		flags |= connClean
	}
	if w := c.Will; w != nil {
		if w.QoS > 2 {
			e.fail(MalformedPacket, "will QoS", ErrInvalidQoS)
		}
		flags |= connWill | w.QoS<<3
		if w.Retain {
			flags |= connWillRetn
		}
		if v == V5 {
			wpn = e.props(&w.Props, willProps)
			n += varIntLen(uint32(wpn)) + wpn
		}
		n += e.str("will topic", w.Topic) + e.bin("will payload", w.Payload)
	}
	if c.UsernameFlag {
		flags |= connUsername
		n += e.str("user name", c.Username)
	}
	if c.PasswordFlag {
		flags |= connPassword
		n += e.bin("password", c.Password)
	}
	if err := e.finish(n); err != nil {
		return dst, err
	}
	dst = appendFixedHeader(dst, CONNECT, 0, n)
	dst = appendString(dst, protocolName(v))
	dst = append(dst, byte(v), flags)
	dst = appendUint16(dst, c.KeepAlive)
	if v == V5 {
		dst = appendProps(dst, &c.Props, pn)
	}
	dst = appendString(dst, c.ClientID)
	if w := c.Will; w != nil {
		if v == V5 {
			dst = appendProps(dst, &w.Props, wpn)
		}
		dst = appendString(dst, w.Topic)
		dst = appendBinary(dst, w.Payload)
	}
	if c.UsernameFlag {
		dst = appendString(dst, c.Username)
	}
	if c.PasswordFlag {
		dst = appendBinary(dst, c.Password)
	}
	return dst, nil
}

// Connack is the CONNACK packet [MQTT-3.2]. ReasonCode uses the 5.0 codes
// in every version; for 3.1 and 3.1.1 it is translated to the return codes
// 0-5 (see ReturnCode).
type Connack struct {
	SessionPresent bool
	ReasonCode     ReasonCode
	Props          Properties
}

// Type implements Packet.
func (*Connack) Type() Type { return CONNACK }

// ReturnCode translates a 5.0 reason code to the 3.1.1 CONNACK return code
// that means the same, choosing the closest one where 3.1.1 has none.
func ReturnCode(rc ReasonCode) byte {
	switch rc {
	case Success:
		return 0
	case UnsupportedProtocolVersion:
		return 1 // unacceptable protocol version
	case ClientIdentifierNotValid:
		return 2 // identifier rejected
	case BadUserNameOrPassword, BadAuthenticationMethod:
		return 4 // bad user name or password
	case NotAuthorized, Banned:
		return 5 // not authorized
	}
	return 3 // server unavailable
}

var v3ConnackCodes = [6]ReasonCode{Success, UnsupportedProtocolVersion, ClientIdentifierNotValid,
	ServerUnavailable, BadUserNameOrPassword, NotAuthorized}

// Decode implements Packet.
func (c *Connack) Decode(v Version, _ byte, body []byte) error {
	*c = Connack{}
	d := decoder{b: body, t: CONNACK}
	flags, err := d.byte("acknowledge flags")
	if err != nil {
		return err
	}
	codeField := "reason code"
	if v != V5 {
		codeField = "return code"
	}
	code, err := d.byte(codeField)
	if err != nil {
		return err
	}
	if v == V31 {
		flags = 0 // the first byte is unused in 3.1
	}
	// Bits 7-1 are reserved [MQTT-3.2.2-1] (3.1.1: must be 0 too).
	if flags&^1 != 0 {
		return errorf(MalformedPacket, CONNACK, "acknowledge flags", ErrReservedFlags)
	}
	c.SessionPresent = flags&1 != 0
	if v == V5 {
		c.ReasonCode = ReasonCode(code)
		if !c.ReasonCode.ValidFor(CONNACK) {
			return errorf(ProtocolError, CONNACK, "reason code", ErrInvalidReasonCode)
		}
		if err := d.props(&c.Props, CONNACK); err != nil {
			return err
		}
	} else {
		if int(code) >= len(v3ConnackCodes) {
			return errorf(MalformedPacket, CONNACK, "return code", ErrInvalidReasonCode)
		}
		c.ReasonCode = v3ConnackCodes[code]
	}
	// A refused connection has no session [MQTT-3.2.2-6] (3.1.1: [MQTT-3.2.2-4]).
	if c.SessionPresent && c.ReasonCode != Success {
		return errorf(ProtocolError, CONNACK, "session present", ErrInvalidValue)
	}
	if v != V5 {
		return d.end(codeField)
	}
	return d.end("properties")
}

// Append implements Packet.
func (c *Connack) Append(dst []byte, v Version) ([]byte, error) {
	e := encoder{t: CONNACK}
	if v == V5 && !c.ReasonCode.ValidFor(CONNACK) {
		e.fail(ProtocolError, "reason code", ErrInvalidReasonCode)
	}
	if c.SessionPresent && c.ReasonCode != Success {
		e.fail(ProtocolError, "session present", ErrInvalidValue) // [MQTT-3.2.2-6]
	}
	n, pn := 2, 0
	if v == V5 {
		pn = e.props(&c.Props, CONNACK)
		n += varIntLen(uint32(pn)) + pn
	}
	if err := e.finish(n); err != nil {
		return dst, err
	}
	dst = appendFixedHeader(dst, CONNACK, 0, n)
	flags := byte(0)
	if c.SessionPresent && v != V31 {
		flags = 1
	}
	if v == V5 {
		dst = append(dst, flags, byte(c.ReasonCode))
		return appendProps(dst, &c.Props, pn), nil
	}
	return append(dst, flags, ReturnCode(c.ReasonCode)), nil
}
