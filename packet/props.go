package packet

import (
	"strconv"
	"strings"
)

// PropID identifies an MQTT 5.0 property [MQTT-2.2.2.2].
type PropID byte

// Property identifiers.
const (
	PropPayloadFormat           PropID = 0x01
	PropMessageExpiry           PropID = 0x02
	PropContentType             PropID = 0x03
	PropResponseTopic           PropID = 0x08
	PropCorrelationData         PropID = 0x09
	PropSubscriptionID          PropID = 0x0B
	PropSessionExpiry           PropID = 0x11
	PropAssignedClientID        PropID = 0x12
	PropServerKeepAlive         PropID = 0x13
	PropAuthMethod              PropID = 0x15
	PropAuthData                PropID = 0x16
	PropRequestProblemInfo      PropID = 0x17
	PropWillDelay               PropID = 0x18
	PropRequestResponseInfo     PropID = 0x19
	PropResponseInfo            PropID = 0x1A
	PropServerReference         PropID = 0x1C
	PropReasonString            PropID = 0x1F
	PropReceiveMaximum          PropID = 0x21
	PropTopicAliasMaximum       PropID = 0x22
	PropTopicAlias              PropID = 0x23
	PropMaximumQoS              PropID = 0x24
	PropRetainAvailable         PropID = 0x25
	PropUserProperty            PropID = 0x26
	PropMaximumPacketSize       PropID = 0x27
	PropWildcardSubAvailable    PropID = 0x28
	PropSubscriptionIDAvailable PropID = 0x29
	PropSharedSubAvailable      PropID = 0x2A
	maxPropID                          = 0x2A
	willProps                   Type   = 0 // the will properties of a CONNECT, in the tables below
	propKindByte                       = 1
	propKindUint16                     = 2
	propKindUint32                     = 3
	propKindVarInt                     = 4
	propKindString                     = 5
	propKindBinary                     = 6
	propKindPair                       = 7
)

// propSpec describes one property: its name, data type and the packets it
// may appear in (bit t set for packet type t; bit 0 stands for the will
// properties of CONNECT), per the table in MQTT 5.0 section 2.2.2.2.
type propSpec struct {
	name    string
	kind    byte
	packets uint16
}

func in(ts ...Type) uint16 {
	var m uint16
	for _, t := range ts {
		m |= 1 << t
	}
	return m
}

var propSpecs = [maxPropID + 1]propSpec{
	PropPayloadFormat:           {"payload format indicator", propKindByte, in(PUBLISH, willProps)},
	PropMessageExpiry:           {"message expiry interval", propKindUint32, in(PUBLISH, willProps)},
	PropContentType:             {"content type", propKindString, in(PUBLISH, willProps)},
	PropResponseTopic:           {"response topic", propKindString, in(PUBLISH, willProps)},
	PropCorrelationData:         {"correlation data", propKindBinary, in(PUBLISH, willProps)},
	PropSubscriptionID:          {"subscription identifier", propKindVarInt, in(PUBLISH, SUBSCRIBE)},
	PropSessionExpiry:           {"session expiry interval", propKindUint32, in(CONNECT, CONNACK, DISCONNECT)},
	PropAssignedClientID:        {"assigned client identifier", propKindString, in(CONNACK)},
	PropServerKeepAlive:         {"server keep alive", propKindUint16, in(CONNACK)},
	PropAuthMethod:              {"authentication method", propKindString, in(CONNECT, CONNACK, AUTH)},
	PropAuthData:                {"authentication data", propKindBinary, in(CONNECT, CONNACK, AUTH)},
	PropRequestProblemInfo:      {"request problem information", propKindByte, in(CONNECT)},
	PropWillDelay:               {"will delay interval", propKindUint32, in(willProps)},
	PropRequestResponseInfo:     {"request response information", propKindByte, in(CONNECT)},
	PropResponseInfo:            {"response information", propKindString, in(CONNACK)},
	PropServerReference:         {"server reference", propKindString, in(CONNACK, DISCONNECT)},
	PropReasonString:            {"reason string", propKindString, in(CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH)},
	PropReceiveMaximum:          {"receive maximum", propKindUint16, in(CONNECT, CONNACK)},
	PropTopicAliasMaximum:       {"topic alias maximum", propKindUint16, in(CONNECT, CONNACK)},
	PropTopicAlias:              {"topic alias", propKindUint16, in(PUBLISH)},
	PropMaximumQoS:              {"maximum QoS", propKindByte, in(CONNACK)},
	PropRetainAvailable:         {"retain available", propKindByte, in(CONNACK)},
	PropUserProperty:            {"user property", propKindPair, in(willProps, CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, DISCONNECT, AUTH)},
	PropMaximumPacketSize:       {"maximum packet size", propKindUint32, in(CONNECT, CONNACK)},
	PropWildcardSubAvailable:    {"wildcard subscription available", propKindByte, in(CONNACK)},
	PropSubscriptionIDAvailable: {"subscription identifier available", propKindByte, in(CONNACK)},
	PropSharedSubAvailable:      {"shared subscription available", propKindByte, in(CONNACK)},
}

// String returns the property's name as the specification words it.
func (id PropID) String() string {
	if id <= maxPropID && propSpecs[id].name != "" {
		return propSpecs[id].name
	}
	return "property " + hexByte(byte(id))
}

// AllowedIn reports whether the property may appear in a packet of type t.
// Will properties are checked with t == 0.
func (id PropID) AllowedIn(t Type) bool {
	return id <= maxPropID && propSpecs[id].packets&(1<<t) != 0
}

// propField names a property in an error; will properties say so, once.
func propField(id PropID, t Type) string {
	name := id.String()
	if t == willProps && !strings.HasPrefix(name, "will ") {
		return "will " + name
	}
	return name
}

// Opt is an optional property value whose absence differs from its zero
// value (for example Maximum QoS 0 versus no Maximum QoS, which means 2).
type Opt[T ~uint8 | ~uint16 | ~uint32] struct {
	Value   T
	Present bool
}

// Some returns a present Opt holding v.
func Some[T ~uint8 | ~uint16 | ~uint32](v T) Opt[T] { return Opt[T]{Value: v, Present: true} }

// Or returns the value if present, otherwise def.
func (o Opt[T]) Or(def T) T {
	if o.Present {
		return o.Value
	}
	return def
}

// UserProperty is one name/value pair of the User Property property.
type UserProperty struct {
	Key, Value string
}

// Properties holds the MQTT 5.0 properties of a packet. Each packet type
// allows only some of them (PropID.AllowedIn); encoding a packet with a
// property its type does not allow fails.
//
// Properties whose zero value means the same as their absence are plain
// fields: they are encoded when non-zero (strings non-empty, byte slices
// non-nil). Properties whose absence means something else are Opt values.
// Decoding MQTT 3.1 and 3.1.1 packets leaves Properties empty.
type Properties struct {
	PayloadFormat           byte        // 0x01: 1 means the payload is UTF-8
	MessageExpiry           Opt[uint32] // 0x02: seconds; absent means never
	ContentType             string      // 0x03
	ResponseTopic           string      // 0x08
	CorrelationData         []byte      // 0x09: encoded when non-nil
	SubscriptionIDs         []uint32    // 0x0B: several in PUBLISH, at most one in SUBSCRIBE
	SessionExpiry           Opt[uint32] // 0x11: absent in DISCONNECT means unchanged
	AssignedClientID        string      // 0x12
	ServerKeepAlive         Opt[uint16] // 0x13
	AuthMethod              string      // 0x15
	AuthData                []byte      // 0x16: encoded when non-nil
	RequestProblemInfo      Opt[byte]   // 0x17: absent means 1
	WillDelay               uint32      // 0x18
	RequestResponseInfo     byte        // 0x19
	ResponseInfo            string      // 0x1A
	ServerReference         string      // 0x1C
	ReasonString            string      // 0x1F
	ReceiveMaximum          uint16      // 0x21: 0 means absent (65,535)
	TopicAliasMaximum       uint16      // 0x22
	TopicAlias              uint16      // 0x23: 0 means absent
	MaximumQoS              Opt[byte]   // 0x24: absent means 2
	RetainAvailable         Opt[byte]   // 0x25: absent means 1
	User                    []UserProperty
	MaximumPacketSize       uint32    // 0x27: 0 means absent (no limit)
	WildcardSubAvailable    Opt[byte] // 0x28: absent means 1
	SubscriptionIDAvailable Opt[byte] // 0x29: absent means 1
	SharedSubAvailable      Opt[byte] // 0x2A: absent means 1
}

// decodeProps reads a property length and the properties that follow, for
// a packet of type t (willProps for will properties) [MQTT-2.2.2].
func (d *decoder) props(p *Properties, t Type) error {
	n, err := d.varInt("property length")
	if err != nil {
		return err
	}
	if int(n) > d.remaining() {
		return d.truncated("properties")
	}
	end := d.off + int(n)
	var seen uint64
	for d.off < end {
		// Each property must lie inside the property length.
		sub := decoder{b: d.b[:end], off: d.off, t: d.t}
		if err := sub.prop(p, t, &seen); err != nil {
			return err
		}
		d.off = sub.off
	}
	return nil
}

func (d *decoder) prop(p *Properties, t Type, seen *uint64) error {
	idv, err := d.varInt("property identifier")
	if err != nil {
		return err
	}
	if idv > maxPropID || propSpecs[idv].name == "" {
		return errorf(MalformedPacket, d.t, "property 0x"+strconv.FormatUint(uint64(idv), 16), ErrUnknownProperty) // may exceed a byte
	}
	id := PropID(idv)
	spec := &propSpecs[id]
	field := propField(id, t)
	// An identifier not valid for the packet type makes it a Malformed
	// Packet (MQTT 5.0 section 2.2.2.2).
	if spec.packets&(1<<t) == 0 {
		return errorf(MalformedPacket, d.t, field, ErrPropertyNotAllowed)
	}
	// Only User Property, and Subscription Identifier in PUBLISH, may repeat;
	// any other repetition is a Protocol Error.
	if *seen&(1<<id) != 0 && id != PropUserProperty && !(id == PropSubscriptionID && t == PUBLISH) {
		return errorf(ProtocolError, d.t, field, ErrDuplicateProperty)
	}
	*seen |= 1 << id

	var (
		u8  byte
		u16 uint16
		u32 uint32
		s   string
		b   []byte
	)
	switch spec.kind {
	case propKindByte:
		u8, err = d.byte(field)
		if err == nil && u8 > 1 {
			// Every byte-valued property is 0 or 1; the specification makes any
			// other value a Protocol Error (sections 3.1.2.11.6, 3.1.2.11.7,
			// 3.2.2.3.4, 3.2.2.3.5, 3.2.2.3.11-13) or leaves only 0 and 1 defined
			// (Payload Format Indicator, 3.3.2.3.2).
			err = errorf(ProtocolError, d.t, field, ErrInvalidValue)
		}
	case propKindUint16:
		u16, err = d.uint16(field)
	case propKindUint32:
		u32, err = d.uint32(field)
	case propKindVarInt:
		u32, err = d.varInt(field)
	case propKindString:
		s, err = d.string(field)
	case propKindBinary:
		b, err = d.binary(field)
	case propKindPair:
		// Constant field names: building them per property would allocate.
		nameField, valueField := "user property name", "user property value"
		if t == willProps {
			nameField, valueField = "will user property name", "will user property value"
		}
		var k string
		if k, err = d.string(nameField); err == nil {
			s, err = d.string(valueField)
			p.User = append(p.User, UserProperty{Key: k, Value: s})
		}
		return err
	}
	if err != nil {
		return err
	}
	zero := func() error { return errorf(ProtocolError, d.t, field, ErrInvalidValue) }
	switch id {
	case PropPayloadFormat:
		p.PayloadFormat = u8
	case PropMessageExpiry:
		p.MessageExpiry = Some(u32)
	case PropContentType:
		p.ContentType = s
	case PropResponseTopic:
		// The Response Topic is a topic name: no wildcards [MQTT-3.3.2-14].
		if strings.ContainsAny(s, "+#") {
			return errorf(ProtocolError, d.t, field, ErrWildcardInTopic)
		}
		p.ResponseTopic = s
	case PropCorrelationData:
		p.CorrelationData = b
	case PropSubscriptionID:
		// 0 is a Protocol Error [MQTT-3.8.2.1.2].
		if u32 == 0 {
			return zero()
		}
		p.SubscriptionIDs = append(p.SubscriptionIDs, u32)
	case PropSessionExpiry:
		p.SessionExpiry = Some(u32)
	case PropAssignedClientID:
		p.AssignedClientID = s
	case PropServerKeepAlive:
		p.ServerKeepAlive = Some(u16)
	case PropAuthMethod:
		p.AuthMethod = s
	case PropAuthData:
		p.AuthData = b
	case PropRequestProblemInfo:
		p.RequestProblemInfo = Some(u8)
	case PropWillDelay:
		p.WillDelay = u32
	case PropRequestResponseInfo:
		p.RequestResponseInfo = u8
	case PropResponseInfo:
		p.ResponseInfo = s
	case PropServerReference:
		p.ServerReference = s
	case PropReasonString:
		p.ReasonString = s
	case PropReceiveMaximum:
		// Receive Maximum 0 is a Protocol Error (3.1.2.11.3, 3.2.2.3.3).
		if u16 == 0 {
			return zero()
		}
		p.ReceiveMaximum = u16
	case PropTopicAliasMaximum:
		p.TopicAliasMaximum = u16
	case PropTopicAlias:
		// Topic Alias 0 is not permitted [MQTT-3.3.2-8].
		if u16 == 0 {
			return errorf(TopicAliasInvalid, d.t, field, ErrInvalidValue)
		}
		p.TopicAlias = u16
	case PropMaximumQoS:
		p.MaximumQoS = Some(u8)
	case PropRetainAvailable:
		p.RetainAvailable = Some(u8)
	case PropMaximumPacketSize:
		// Maximum Packet Size 0 is a Protocol Error (3.1.2.11.4, 3.2.2.3.6).
		if u32 == 0 {
			return zero()
		}
		p.MaximumPacketSize = u32
	case PropWildcardSubAvailable:
		p.WildcardSubAvailable = Some(u8)
	case PropSubscriptionIDAvailable:
		p.SubscriptionIDAvailable = Some(u8)
	case PropSharedSubAvailable:
		p.SharedSubAvailable = Some(u8)
	}
	return nil
}

// propsSize measures the properties for packet type t (willProps for will
// properties), checking that each present property is allowed, and returns
// the size without the property length prefix.
func (e *encoder) props(p *Properties, t Type) int {
	n := 0
	chk := func(id PropID) bool {
		if !id.AllowedIn(t) {
			e.fail(MalformedPacket, propField(id, t), ErrPropertyNotAllowed)
			return false
		}
		return true
	}
	fixed := func(id PropID, size int) {
		if chk(id) {
			n += 1 + size
		}
	}
	// Byte properties are 0 or 1, as the decoder requires.
	for _, b := range [...]struct {
		id PropID
		v  byte
	}{
		{PropPayloadFormat, p.PayloadFormat}, {PropRequestProblemInfo, p.RequestProblemInfo.Value},
		{PropRequestResponseInfo, p.RequestResponseInfo}, {PropMaximumQoS, p.MaximumQoS.Value},
		{PropRetainAvailable, p.RetainAvailable.Value}, {PropWildcardSubAvailable, p.WildcardSubAvailable.Value},
		{PropSubscriptionIDAvailable, p.SubscriptionIDAvailable.Value}, {PropSharedSubAvailable, p.SharedSubAvailable.Value},
	} {
		if b.v > 1 {
			e.fail(ProtocolError, propField(b.id, t), ErrInvalidValue)
		}
	}
	if strings.ContainsAny(p.ResponseTopic, "+#") {
		e.fail(ProtocolError, propField(PropResponseTopic, t), ErrWildcardInTopic)
	}
	if p.PayloadFormat != 0 {
		fixed(PropPayloadFormat, 1)
	}
	if p.MessageExpiry.Present {
		fixed(PropMessageExpiry, 4)
	}
	if p.ContentType != "" && chk(PropContentType) {
		n += 1 + e.str("content type", p.ContentType)
	}
	if p.ResponseTopic != "" && chk(PropResponseTopic) {
		n += 1 + e.str("response topic", p.ResponseTopic)
	}
	if p.CorrelationData != nil && chk(PropCorrelationData) {
		n += 1 + e.bin("correlation data", p.CorrelationData)
	}
	if len(p.SubscriptionIDs) > 0 && chk(PropSubscriptionID) {
		if t == SUBSCRIBE && len(p.SubscriptionIDs) > 1 {
			e.fail(ProtocolError, "subscription identifier", ErrDuplicateProperty)
		}
		for _, id := range p.SubscriptionIDs {
			if id == 0 || id > MaxRemainingLength {
				e.fail(ProtocolError, "subscription identifier", ErrInvalidValue)
			}
			n += 1 + varIntLen(id)
		}
	}
	if p.SessionExpiry.Present {
		fixed(PropSessionExpiry, 4)
	}
	if p.AssignedClientID != "" && chk(PropAssignedClientID) {
		n += 1 + e.str("assigned client identifier", p.AssignedClientID)
	}
	if p.ServerKeepAlive.Present {
		fixed(PropServerKeepAlive, 2)
	}
	if p.AuthMethod != "" && chk(PropAuthMethod) {
		n += 1 + e.str("authentication method", p.AuthMethod)
	}
	if p.AuthData != nil && chk(PropAuthData) {
		n += 1 + e.bin("authentication data", p.AuthData)
	}
	if p.RequestProblemInfo.Present {
		fixed(PropRequestProblemInfo, 1)
	}
	if p.WillDelay != 0 {
		fixed(PropWillDelay, 4)
	}
	if p.RequestResponseInfo != 0 {
		fixed(PropRequestResponseInfo, 1)
	}
	if p.ResponseInfo != "" && chk(PropResponseInfo) {
		n += 1 + e.str("response information", p.ResponseInfo)
	}
	if p.ServerReference != "" && chk(PropServerReference) {
		n += 1 + e.str("server reference", p.ServerReference)
	}
	if p.ReasonString != "" && chk(PropReasonString) {
		n += 1 + e.str("reason string", p.ReasonString)
	}
	if p.ReceiveMaximum != 0 {
		fixed(PropReceiveMaximum, 2)
	}
	if p.TopicAliasMaximum != 0 {
		fixed(PropTopicAliasMaximum, 2)
	}
	if p.TopicAlias != 0 {
		fixed(PropTopicAlias, 2)
	}
	if p.MaximumQoS.Present {
		fixed(PropMaximumQoS, 1)
	}
	if p.RetainAvailable.Present {
		fixed(PropRetainAvailable, 1)
	}
	if len(p.User) > 0 && chk(PropUserProperty) {
		for _, u := range p.User {
			n += 1 + e.str("user property name", u.Key) + e.str("user property value", u.Value)
		}
	}
	if p.MaximumPacketSize != 0 {
		fixed(PropMaximumPacketSize, 4)
	}
	if p.WildcardSubAvailable.Present {
		fixed(PropWildcardSubAvailable, 1)
	}
	if p.SubscriptionIDAvailable.Present {
		fixed(PropSubscriptionIDAvailable, 1)
	}
	if p.SharedSubAvailable.Present {
		fixed(PropSharedSubAvailable, 1)
	}
	return n
}

// appendProps writes the property length n (from encoder.props) and the
// properties, in identifier order.
func appendProps(dst []byte, p *Properties, n int) []byte {
	dst = appendVarInt(dst, uint32(n))
	if n == 0 {
		return dst
	}
	if p.PayloadFormat != 0 {
		dst = append(dst, byte(PropPayloadFormat), p.PayloadFormat)
	}
	if p.MessageExpiry.Present {
		dst = appendUint32(append(dst, byte(PropMessageExpiry)), p.MessageExpiry.Value)
	}
	if p.ContentType != "" {
		dst = appendString(append(dst, byte(PropContentType)), p.ContentType)
	}
	if p.ResponseTopic != "" {
		dst = appendString(append(dst, byte(PropResponseTopic)), p.ResponseTopic)
	}
	if p.CorrelationData != nil {
		dst = appendBinary(append(dst, byte(PropCorrelationData)), p.CorrelationData)
	}
	for _, id := range p.SubscriptionIDs {
		dst = appendVarInt(append(dst, byte(PropSubscriptionID)), id)
	}
	if p.SessionExpiry.Present {
		dst = appendUint32(append(dst, byte(PropSessionExpiry)), p.SessionExpiry.Value)
	}
	if p.AssignedClientID != "" {
		dst = appendString(append(dst, byte(PropAssignedClientID)), p.AssignedClientID)
	}
	if p.ServerKeepAlive.Present {
		dst = appendUint16(append(dst, byte(PropServerKeepAlive)), p.ServerKeepAlive.Value)
	}
	if p.AuthMethod != "" {
		dst = appendString(append(dst, byte(PropAuthMethod)), p.AuthMethod)
	}
	if p.AuthData != nil {
		dst = appendBinary(append(dst, byte(PropAuthData)), p.AuthData)
	}
	if p.RequestProblemInfo.Present {
		dst = append(dst, byte(PropRequestProblemInfo), p.RequestProblemInfo.Value)
	}
	if p.WillDelay != 0 {
		dst = appendUint32(append(dst, byte(PropWillDelay)), p.WillDelay)
	}
	if p.RequestResponseInfo != 0 {
		dst = append(dst, byte(PropRequestResponseInfo), p.RequestResponseInfo)
	}
	if p.ResponseInfo != "" {
		dst = appendString(append(dst, byte(PropResponseInfo)), p.ResponseInfo)
	}
	if p.ServerReference != "" {
		dst = appendString(append(dst, byte(PropServerReference)), p.ServerReference)
	}
	if p.ReasonString != "" {
		dst = appendString(append(dst, byte(PropReasonString)), p.ReasonString)
	}
	if p.ReceiveMaximum != 0 {
		dst = appendUint16(append(dst, byte(PropReceiveMaximum)), p.ReceiveMaximum)
	}
	if p.TopicAliasMaximum != 0 {
		dst = appendUint16(append(dst, byte(PropTopicAliasMaximum)), p.TopicAliasMaximum)
	}
	if p.TopicAlias != 0 {
		dst = appendUint16(append(dst, byte(PropTopicAlias)), p.TopicAlias)
	}
	if p.MaximumQoS.Present {
		dst = append(dst, byte(PropMaximumQoS), p.MaximumQoS.Value)
	}
	if p.RetainAvailable.Present {
		dst = append(dst, byte(PropRetainAvailable), p.RetainAvailable.Value)
	}
	for _, u := range p.User {
		dst = appendString(appendString(append(dst, byte(PropUserProperty)), u.Key), u.Value)
	}
	if p.MaximumPacketSize != 0 {
		dst = appendUint32(append(dst, byte(PropMaximumPacketSize)), p.MaximumPacketSize)
	}
	if p.WildcardSubAvailable.Present {
		dst = append(dst, byte(PropWildcardSubAvailable), p.WildcardSubAvailable.Value)
	}
	if p.SubscriptionIDAvailable.Present {
		dst = append(dst, byte(PropSubscriptionIDAvailable), p.SubscriptionIDAvailable.Value)
	}
	if p.SharedSubAvailable.Present {
		dst = append(dst, byte(PropSharedSubAvailable), p.SharedSubAvailable.Value)
	}
	return dst
}
