package packet_test

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/ternmq/tern/packet"
)

// specReasonNames is the reason code table of MQTT 5.0 section 2.4, as the
// specification words the names.
var specReasonNames = map[packet.ReasonCode]string{
	0x00: "Success", 0x01: "Granted QoS 1", 0x02: "Granted QoS 2", 0x04: "Disconnect with Will Message",
	0x10: "No matching subscribers", 0x11: "No subscription existed", 0x18: "Continue authentication",
	0x19: "Re-authenticate", 0x80: "Unspecified error", 0x81: "Malformed Packet", 0x82: "Protocol Error",
	0x83: "Implementation specific error", 0x84: "Unsupported Protocol Version",
	0x85: "Client Identifier not valid", 0x86: "Bad User Name or Password", 0x87: "Not authorized",
	0x88: "Server unavailable", 0x89: "Server busy", 0x8A: "Banned", 0x8B: "Server shutting down",
	0x8C: "Bad authentication method", 0x8D: "Keep Alive timeout", 0x8E: "Session taken over",
	0x8F: "Topic Filter invalid", 0x90: "Topic Name invalid", 0x91: "Packet Identifier in use",
	0x92: "Packet Identifier not found", 0x93: "Receive Maximum exceeded", 0x94: "Topic Alias invalid",
	0x95: "Packet too large", 0x96: "Message rate too high", 0x97: "Quota exceeded",
	0x98: "Administrative action", 0x99: "Payload format invalid", 0x9A: "Retain not supported",
	0x9B: "QoS not supported", 0x9C: "Use another server", 0x9D: "Server moved",
	0x9E: "Shared Subscriptions not supported", 0x9F: "Connection rate exceeded",
	0xA0: "Maximum connect time", 0xA1: "Subscription Identifiers not supported",
	0xA2: "Wildcard Subscriptions not supported",
}

// specReasons lists the reason codes each packet may carry in MQTT 5.0:
// CONNACK 3.2.2.2, PUBACK 3.4.2.1, PUBREC 3.5.2.1, PUBREL 3.6.2.1, PUBCOMP
// 3.7.2.1, SUBACK 3.9.3, UNSUBACK 3.11.3, DISCONNECT 3.14.2.1, AUTH 3.15.2.1.
var specReasons = map[packet.Type][]packet.ReasonCode{
	packet.CONNACK: {0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90,
		0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F},
	packet.PUBACK:   {0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99},
	packet.PUBREC:   {0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99},
	packet.PUBREL:   {0x00, 0x92},
	packet.PUBCOMP:  {0x00, 0x92},
	packet.SUBACK:   {0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2},
	packet.UNSUBACK: {0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91},
	packet.DISCONNECT: {0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93,
		0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2},
	packet.AUTH: {0x00, 0x18, 0x19},
}

func TestReasonCodeString(t *testing.T) {
	for c := range 256 {
		rc := packet.ReasonCode(c)
		want, defined := specReasonNames[rc]
		got := rc.String()
		if !defined {
			// An undefined value shows its number.
			n, err := strconv.ParseUint(strings.TrimPrefix(got, "reason code 0x"), 16, 8)
			if !strings.HasPrefix(got, "reason code 0x") || err != nil || n != uint64(c) {
				t.Errorf("ReasonCode(%#x).String() = %q, want \"reason code 0x..\"", c, got)
			}
			continue
		}
		if !strings.EqualFold(got, want) {
			t.Errorf("ReasonCode(%#x).String() = %q, want %q", c, got, want)
		}
		if e := rc.Error(); e != "packet: "+got {
			t.Errorf("ReasonCode(%#x).Error() = %q, want %q", c, e, "packet: "+got)
		}
	}
}

// TestReasonCodeName: 0x00 has three names in MQTT 5.0 section 2.4,
// depending on the packet.
func TestReasonCodeName(t *testing.T) {
	for _, tc := range []struct {
		c    packet.ReasonCode
		t    packet.Type
		want string
	}{
		{packet.Success, packet.CONNACK, "success"},
		{packet.Success, packet.PUBACK, "success"},
		{packet.Success, packet.AUTH, "success"},
		{packet.NormalDisconnection, packet.DISCONNECT, "normal disconnection"},
		{packet.GrantedQoS0, packet.SUBACK, "granted QoS 0"},
		{packet.GrantedQoS1, packet.SUBACK, "granted QoS 1"},
		{packet.UnspecifiedError, packet.DISCONNECT, "unspecified error"},
		{packet.PacketTooLarge, packet.CONNACK, "packet too large"},
	} {
		if got := tc.c.Name(tc.t); got != tc.want {
			t.Errorf("ReasonCode(%#x).Name(%v) = %q, want %q", byte(tc.c), tc.t, got, tc.want)
		}
	}
}

// TestReasonCodeIsError: codes of 0x80 and above signal failure (MQTT 5.0
// section 2.4).
func TestReasonCodeIsError(t *testing.T) {
	for c := range 256 {
		if got := packet.ReasonCode(c).IsError(); got != (c >= 0x80) {
			t.Errorf("ReasonCode(%#x).IsError() = %v", c, got)
		}
	}
}

// TestReasonCodeValidFor checks every code against every packet type.
func TestReasonCodeValidFor(t *testing.T) {
	for tt := range packet.Type(20) {
		allowed := map[packet.ReasonCode]bool{}
		for _, c := range specReasons[tt] {
			allowed[c] = true
		}
		for c := range 256 {
			rc := packet.ReasonCode(c)
			if got := rc.ValidFor(tt); got != allowed[rc] {
				t.Errorf("ReasonCode(%#x).ValidFor(%v) = %v, want %v", c, tt, got, allowed[rc])
			}
		}
	}
}

func TestErrorFormat(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  *packet.Error
		want string
	}{
		{"field and sentinel", &packet.Error{Code: packet.TopicNameInvalid, Packet: packet.PUBLISH,
			Field: "topic name", Err: packet.ErrWildcardInTopic},
			"packet: PUBLISH topic name: wildcard in topic name (topic name invalid)"},
		{"no field", &packet.Error{Code: packet.MalformedPacket, Packet: packet.CONNECT, Err: packet.ErrTruncated},
			"packet: CONNECT: truncated (malformed packet)"},
		{"foreign cause", &packet.Error{Code: packet.TopicFilterInvalid, Packet: packet.SUBSCRIBE,
			Field: "topic filter", Err: errors.New("too many levels")},
			"packet: SUBSCRIBE topic filter: too many levels (topic filter invalid)"},
		{"undefined code", &packet.Error{Code: 0x03, Packet: packet.AUTH, Field: "x", Err: packet.ErrInvalidValue},
			"packet: AUTH x: invalid value (reason code 0x03)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestErrorMatching: a decode error names the packet, the field, the cause
// and the reason code, and matches both the cause and the code through
// errors.Is, also when wrapped.
func TestErrorMatching(t *testing.T) {
	raw := []byte{0x30, 0x05, 0x00, 0x03, 'a', '/', '+'} // PUBLISH "a/+" [MQTT-3.3.2-2]
	_, err := packet.NewReader(bytes.NewReader(raw), 0).ReadPacket()
	if err == nil {
		t.Fatal("a topic name with a wildcard decoded")
	}
	for _, part := range []string{"PUBLISH", "topic name", "wildcard", "topic name invalid"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("%q does not mention %q", err, part)
		}
	}
	wrapped := fmt.Errorf("conn 7: %w", err)
	for _, e := range []error{err, wrapped} {
		if !errors.Is(e, packet.ErrWildcardInTopic) {
			t.Errorf("errors.Is(%q, ErrWildcardInTopic) = false", e)
		}
		if !errors.Is(e, packet.TopicNameInvalid) || !errors.Is(e, packet.ReasonCode(0x90)) {
			t.Errorf("errors.Is(%q, TopicNameInvalid) = false", e)
		}
		if errors.Is(e, packet.MalformedPacket) || errors.Is(e, packet.ErrInvalidUTF8) {
			t.Errorf("%q matches a code or cause it does not carry", e)
		}
		var pe *packet.Error
		if !errors.As(e, &pe) {
			t.Fatalf("errors.As(%q, *packet.Error) = false", e)
		}
		if pe.Code != packet.TopicNameInvalid || pe.Packet != packet.PUBLISH || pe.Field != "topic name" ||
			pe.Err != packet.ErrWildcardInTopic {
			t.Errorf("errors.As gave %+v", *pe)
		}
		var rc packet.ReasonCode
		if !errors.As(e, &rc) || rc != packet.TopicNameInvalid {
			t.Errorf("errors.As(%q, ReasonCode) = %v", e, rc)
		}
	}
	// A reason code is an error on its own.
	var code error = packet.ServerBusy
	if code.Error() != "packet: server busy" || !errors.Is(code, packet.ServerBusy) {
		t.Errorf("ServerBusy as an error: %q", code)
	}
	// An Error without a cause still matches its code.
	bare := &packet.Error{Code: packet.ProtocolError, Packet: packet.PUBACK}
	if !errors.Is(bare, packet.ProtocolError) || errors.Is(bare, packet.ErrTruncated) {
		t.Errorf("Error without a cause: Is(ProtocolError) = %v", errors.Is(bare, packet.ProtocolError))
	}
}

// TestReturnCode maps every 5.0 reason code to a 3.1.1 CONNACK return code
// (MQTT 3.1.1 section 3.2.2.3): the ones 3.1.1 has map to themselves, the
// others to the closest.
func TestReturnCode(t *testing.T) {
	want := map[packet.ReasonCode]byte{
		packet.Success:                    0, // connection accepted
		packet.UnsupportedProtocolVersion: 1, // unacceptable protocol version
		packet.ClientIdentifierNotValid:   2, // identifier rejected
		packet.ServerUnavailable:          3, // server unavailable
		packet.BadUserNameOrPassword:      4, // bad user name or password
		packet.BadAuthenticationMethod:    4,
		packet.NotAuthorized:              5, // not authorized
		packet.Banned:                     5,
	}
	for c := range 256 {
		rc := packet.ReasonCode(c)
		w, ok := want[rc]
		if !ok {
			w = 3
		}
		if got := packet.ReturnCode(rc); got != w {
			t.Errorf("ReturnCode(%v) = %d, want %d", rc, got, w)
		}
	}
	// 3.1.1 return codes decode to the reason codes that give them back.
	for rc := range byte(6) {
		var c packet.Connack
		if err := c.Decode(packet.V311, 0, []byte{0x00, rc}); err != nil {
			t.Fatalf("return code %d: %v", rc, err)
		}
		if got := packet.ReturnCode(c.ReasonCode); got != rc {
			t.Errorf("return code %d decoded as %v, which maps to %d", rc, c.ReasonCode, got)
		}
		raw := encode(t, &c, packet.V311)
		if !bytes.Equal(raw, []byte{0x20, 0x02, 0x00, rc}) {
			t.Errorf("return code %d encoded as % x", rc, raw)
		}
	}
	var c packet.Connack
	if err := c.Decode(packet.V311, 0, []byte{0x00, 0x06}); !errors.Is(err, packet.ErrInvalidReasonCode) {
		t.Errorf("return code 6 (reserved in 3.1.1): %v", err)
	}
}

// TestValidString applies the rules for UTF-8 encoded strings (MQTT 5.0
// section 1.5.4).
func TestValidString(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    string
		want error
	}{
		{"empty", "", nil},
		{"ASCII", "a/b/c", nil},
		{"multi-byte", "température/°C/日本/🙂", nil},
		{"65535 bytes", strings.Repeat("a", 65535), nil},
		{"[MQTT-1.5.4-3] BOM is kept", "\uFEFFa", nil},
		{"non-character U+FFFF is allowed (SHOULD NOT only)", "\uFFFF", nil},
		{"control character U+0001 is allowed (SHOULD NOT only)", "\x01", nil},
		{"65536 bytes", strings.Repeat("a", 65536), packet.ErrStringTooLong},
		{"[MQTT-1.5.4-2] U+0000", "a\x00b", packet.ErrNullChar},
		{"[MQTT-1.5.4-2] U+0000 alone", "\x00", packet.ErrNullChar},
		{"[MQTT-1.5.4-1] invalid byte", "a\xffb", packet.ErrInvalidUTF8},
		{"[MQTT-1.5.4-1] truncated sequence", "\xe6\x97", packet.ErrInvalidUTF8},
		{"[MQTT-1.5.4-1] overlong encoding of /", "\xc0\xaf", packet.ErrInvalidUTF8},
		{"[MQTT-1.5.4-1] surrogate U+D800", "\xed\xa0\x80", packet.ErrInvalidUTF8},
		{"[MQTT-1.5.4-1] surrogate U+DFFF", "\xed\xbf\xbf", packet.ErrInvalidUTF8},
		{"[MQTT-1.5.4-1] beyond U+10FFFF", "\xf4\x90\x80\x80", packet.ErrInvalidUTF8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := packet.ValidString(tc.s); !errors.Is(got, tc.want) || (got == nil) != (tc.want == nil) {
				t.Errorf("ValidString(%.20q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}

// Property data types of MQTT 5.0 section 2.2.2.2.
const (
	typByte = iota
	typUint16
	typUint32
	typVarInt
	typString
	typBinary
	typPair
)

// willProps stands for the will properties of a CONNECT in AllowedIn.
const willProps packet.Type = 0

// specProps is the property table of MQTT 5.0 section 2.2.2.2 (Table 2-4):
// identifier, name, data type, and the packets (0 for will properties).
var specProps = []struct {
	id      packet.PropID
	name    string
	typ     int
	packets []packet.Type
}{
	{0x01, "Payload Format Indicator", typByte, []packet.Type{packet.PUBLISH, willProps}},
	{0x02, "Message Expiry Interval", typUint32, []packet.Type{packet.PUBLISH, willProps}},
	{0x03, "Content Type", typString, []packet.Type{packet.PUBLISH, willProps}},
	{0x08, "Response Topic", typString, []packet.Type{packet.PUBLISH, willProps}},
	{0x09, "Correlation Data", typBinary, []packet.Type{packet.PUBLISH, willProps}},
	{0x0B, "Subscription Identifier", typVarInt, []packet.Type{packet.PUBLISH, packet.SUBSCRIBE}},
	{0x11, "Session Expiry Interval", typUint32, []packet.Type{packet.CONNECT, packet.CONNACK, packet.DISCONNECT}},
	{0x12, "Assigned Client Identifier", typString, []packet.Type{packet.CONNACK}},
	{0x13, "Server Keep Alive", typUint16, []packet.Type{packet.CONNACK}},
	{0x15, "Authentication Method", typString, []packet.Type{packet.CONNECT, packet.CONNACK, packet.AUTH}},
	{0x16, "Authentication Data", typBinary, []packet.Type{packet.CONNECT, packet.CONNACK, packet.AUTH}},
	{0x17, "Request Problem Information", typByte, []packet.Type{packet.CONNECT}},
	{0x18, "Will Delay Interval", typUint32, []packet.Type{willProps}},
	{0x19, "Request Response Information", typByte, []packet.Type{packet.CONNECT}},
	{0x1A, "Response Information", typString, []packet.Type{packet.CONNACK}},
	{0x1C, "Server Reference", typString, []packet.Type{packet.CONNACK, packet.DISCONNECT}},
	{0x1F, "Reason String", typString, []packet.Type{packet.CONNACK, packet.PUBACK, packet.PUBREC, packet.PUBREL,
		packet.PUBCOMP, packet.SUBACK, packet.UNSUBACK, packet.DISCONNECT, packet.AUTH}},
	{0x21, "Receive Maximum", typUint16, []packet.Type{packet.CONNECT, packet.CONNACK}},
	{0x22, "Topic Alias Maximum", typUint16, []packet.Type{packet.CONNECT, packet.CONNACK}},
	{0x23, "Topic Alias", typUint16, []packet.Type{packet.PUBLISH}},
	{0x24, "Maximum QoS", typByte, []packet.Type{packet.CONNACK}},
	{0x25, "Retain Available", typByte, []packet.Type{packet.CONNACK}},
	{0x26, "User Property", typPair, []packet.Type{packet.CONNECT, packet.CONNACK, packet.PUBLISH, willProps,
		packet.PUBACK, packet.PUBREC, packet.PUBREL, packet.PUBCOMP, packet.SUBSCRIBE, packet.SUBACK,
		packet.UNSUBSCRIBE, packet.UNSUBACK, packet.DISCONNECT, packet.AUTH}},
	{0x27, "Maximum Packet Size", typUint32, []packet.Type{packet.CONNECT, packet.CONNACK}},
	{0x28, "Wildcard Subscription Available", typByte, []packet.Type{packet.CONNACK}},
	{0x29, "Subscription Identifier Available", typByte, []packet.Type{packet.CONNACK}},
	{0x2A, "Shared Subscription Available", typByte, []packet.Type{packet.CONNACK}},
}

// TestPropIDTable checks String and AllowedIn of every identifier against
// the specification's property table.
func TestPropIDTable(t *testing.T) {
	if len(specProps) != 27 {
		t.Fatalf("the table has %d properties, MQTT 5.0 defines 27", len(specProps))
	}
	byID := map[packet.PropID]int{}
	for i, sp := range specProps {
		byID[sp.id] = i
	}
	for id := range 256 {
		pid := packet.PropID(id)
		i, defined := byID[pid]
		allowed := map[packet.Type]bool{}
		if defined {
			sp := specProps[i]
			if got := pid.String(); !strings.EqualFold(got, sp.name) {
				t.Errorf("PropID(%#x).String() = %q, want %q", id, got, sp.name)
			}
			for _, pt := range sp.packets {
				allowed[pt] = true
			}
		} else if got := pid.String(); got != fmt.Sprintf("property 0x%02x", id) {
			t.Errorf("PropID(%#x).String() = %q", id, got)
		}
		for pt := range packet.Type(20) {
			if got := pid.AllowedIn(pt); got != allowed[pt] {
				t.Errorf("%v (%#x).AllowedIn(%v) = %v, want %v", pid, id, typeOrWill(pt), got, allowed[pt])
			}
		}
	}
}

func typeOrWill(t packet.Type) string {
	if t == willProps {
		return "will properties"
	}
	return t.String()
}

// TestPropertyAllowedByDecoder sends every property in every 5.0 packet
// that has properties, and in the will properties: the decoder refuses a
// property the table does not allow for the packet as a Malformed Packet
// (MQTT 5.0 section 2.2.2.2) and accepts the others.
func TestPropertyAllowedByDecoder(t *testing.T) {
	carriers := []packet.Type{willProps, packet.CONNECT, packet.CONNACK, packet.PUBLISH, packet.PUBACK,
		packet.PUBREC, packet.PUBREL, packet.PUBCOMP, packet.SUBSCRIBE, packet.SUBACK, packet.UNSUBSCRIBE,
		packet.UNSUBACK, packet.DISCONNECT, packet.AUTH}
	for _, sp := range specProps {
		for _, ct := range carriers {
			allowed := false
			for _, pt := range sp.packets {
				allowed = allowed || pt == ct
			}
			h, body := withProperty(ct, propBytes(sp.id, sp.typ))
			_, err := packet.Decode(packet.V5, h, body)
			refused := errors.Is(err, packet.ErrPropertyNotAllowed)
			if refused == allowed || refused && !errors.Is(err, packet.MalformedPacket) {
				t.Errorf("%s in %s (% x): %v; allowed by the table: %v", sp.name, typeOrWill(ct), body, err, allowed)
			}
		}
	}
}

// propBytes encodes a property with a valid value of its type.
func propBytes(id packet.PropID, typ int) []byte {
	b := []byte{byte(id)}
	switch typ {
	case typByte:
		return append(b, 1)
	case typUint16:
		return append(b, 0, 1)
	case typUint32:
		return append(b, 0, 0, 0, 1)
	case typVarInt:
		return append(b, 1)
	case typString:
		return append(b, 0, 1, 'a')
	case typBinary:
		return append(b, 0, 1, 0xff)
	}
	return append(b, 0, 1, 'k', 0, 1, 'v')
}

// withProperty builds a minimal 5.0 packet of type t (willProps: a CONNECT
// whose will carries the property) with prop as its only property.
func withProperty(t packet.Type, prop []byte) (packet.FixedHeader, []byte) {
	props := append([]byte{byte(len(prop))}, prop...)
	var flags byte
	var body []byte
	switch t {
	case willProps:
		t = packet.CONNECT
		body = append([]byte{0, 4, 'M', 'Q', 'T', 'T', 5, 0x06, 0, 0, 0, 0, 1, 'c'}, props...)
		body = append(body, 0, 1, 'w', 0, 0) // will topic, will payload
	case packet.CONNECT:
		body = append(append([]byte{0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 0}, props...), 0, 1, 'c')
	case packet.CONNACK:
		body = append([]byte{0, 0}, props...)
	case packet.PUBLISH:
		flags = 0x02
		body = append(append([]byte{0, 1, 't', 0, 1}, props...), 'x')
	case packet.PUBACK, packet.PUBREC, packet.PUBCOMP:
		body = append([]byte{0, 1, 0}, props...)
	case packet.PUBREL:
		flags = 0x02
		body = append([]byte{0, 1, 0}, props...)
	case packet.SUBSCRIBE:
		flags = 0x02
		body = append(append([]byte{0, 1}, props...), 0, 1, 'a', 0)
	case packet.UNSUBSCRIBE:
		flags = 0x02
		body = append(append([]byte{0, 1}, props...), 0, 1, 'a')
	case packet.SUBACK, packet.UNSUBACK:
		body = append(append([]byte{0, 1}, props...), 0)
	case packet.DISCONNECT, packet.AUTH:
		body = append([]byte{0}, props...)
	}
	return packet.FixedHeader{Type: t, Flags: flags, Remaining: len(body)}, body
}

func TestOptOr(t *testing.T) {
	if got := (packet.Opt[byte]{}).Or(2); got != 2 {
		t.Errorf("absent Maximum QoS Or(2) = %d, want 2", got)
	}
	if got := packet.Some[byte](0).Or(2); got != 0 {
		t.Errorf("Maximum QoS 0 Or(2) = %d, want 0", got)
	}
	if got := (packet.Opt[uint32]{Value: 9}).Or(7); got != 7 {
		t.Errorf("absent value with a stale Value: Or(7) = %d, want 7", got)
	}
	if o := packet.Some[uint16](60); !o.Present || o.Value != 60 {
		t.Errorf("Some(60) = %+v", o)
	}
}

func TestVersionString(t *testing.T) {
	for _, tc := range []struct {
		v     packet.Version
		s     string
		valid bool
	}{
		{packet.V31, "3.1", true}, {packet.V311, "3.1.1", true}, {packet.V5, "5.0", true},
		{0, "level 0", false}, {2, "level 2", false}, {6, "level 6", false}, {255, "level 255", false},
	} {
		if got := tc.v.String(); got != tc.s {
			t.Errorf("Version(%d).String() = %q, want %q", byte(tc.v), got, tc.s)
		}
		if got := tc.v.Valid(); got != tc.valid {
			t.Errorf("Version(%d).Valid() = %v", byte(tc.v), got)
		}
	}
}

func TestTypeString(t *testing.T) {
	names := []string{"RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
		"SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"}
	for i, want := range names {
		if got := packet.Type(i).String(); got != want {
			t.Errorf("Type(%d).String() = %q, want %q", i, got, want)
		}
	}
	if got := packet.Type(16).String(); got != "TYPE(16)" {
		t.Errorf("Type(16).String() = %q", got)
	}
}

func TestNew(t *testing.T) {
	for tt := packet.CONNECT; tt <= packet.AUTH; tt++ {
		p := packet.New(tt)
		if p == nil || p.Type() != tt {
			t.Errorf("New(%v) = %#v", tt, p)
		}
		if q := packet.New(tt); q == p {
			t.Errorf("New(%v) returned the same packet twice", tt)
		}
	}
	for _, tt := range []packet.Type{0, 16, 255} {
		if p := packet.New(tt); p != nil {
			t.Errorf("New(%v) = %#v, want nil", tt, p)
		}
	}
}

// TestDecodeFunc: Decode checks the header first and returns no packet on
// failure, except the partial CONNECT.
func TestDecodeFunc(t *testing.T) {
	if p, err := packet.Decode(packet.V311, packet.FixedHeader{Type: packet.PUBACK, Flags: 1, Remaining: 2},
		[]byte{0, 1}); p != nil || !errors.Is(err, packet.ErrReservedFlags) {
		t.Errorf("PUBACK with flags 0001: %v, %v", p, err)
	}
	if p, err := packet.Decode(packet.V311, packet.FixedHeader{Type: packet.PUBACK, Remaining: 2},
		[]byte{0, 0}); p != nil || !errors.Is(err, packet.ErrZeroPacketID) {
		t.Errorf("PUBACK with packet identifier 0: %v, %v", p, err)
	}
	body := []byte{0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 0}                                          // 5.0 CONNECT cut after keep alive
	p, err := packet.Decode(0, packet.FixedHeader{Type: packet.CONNECT, Remaining: len(body)}, body) // version unknown yet
	if c, ok := p.(*packet.Connect); !ok || c.Version != packet.V5 || !errors.Is(err, packet.ErrTruncated) {
		t.Errorf("truncated CONNECT: %#v, %v", p, err)
	}
}

// publishes returns PUBLISH packets of several shapes for version v.
func publishes(v packet.Version) []*packet.Publish {
	ps := []*packet.Publish{
		{Topic: "a", Payload: nil},
		{Topic: "a/b", Payload: []byte("hello")},
		{QoS: 1, PacketID: 1, Topic: "sensors/kitchen/temperature", Payload: pattern(64)},
		{QoS: 2, Dup: true, Retain: true, PacketID: 65535, Topic: strings.Repeat("t", 200), Payload: pattern(127)},
		{QoS: 1, PacketID: 2, Topic: "big", Payload: pattern(20000)},
	}
	if v == packet.V5 {
		ps[2].Props = packet.Properties{PayloadFormat: 1, MessageExpiry: packet.Some[uint32](60),
			ContentType: "application/json", ResponseTopic: "reply/here", CorrelationData: []byte{1, 2, 3},
			User: []packet.UserProperty{{Key: "trace", Value: "abc"}}}
		ps = append(ps, &packet.Publish{Topic: "", Props: packet.Properties{TopicAlias: 3, SubscriptionIDs: []uint32{1, 268435455}},
			Payload: []byte("x")})
	}
	return ps
}

// TestPublishSize: Size gives the length Append writes.
func TestPublishSize(t *testing.T) {
	for _, v := range []packet.Version{packet.V31, packet.V311, packet.V5} {
		for i, p := range publishes(v) {
			n, err := p.Size(v)
			if err != nil {
				t.Fatalf("%v #%d: Size: %v", v, i, err)
			}
			if raw := encode(t, p, v); n != len(raw) {
				t.Errorf("%v #%d: Size() = %d, len(Append) = %d", v, i, n, len(raw))
			}
		}
	}
	bad := &packet.Publish{QoS: 3, Topic: "a"}
	if n, err := bad.Size(packet.V311); !errors.Is(err, packet.ErrInvalidQoS) || n != 0 {
		t.Errorf("Size of a QoS 3 PUBLISH: %d, %v", n, err)
	}
}

// TestPublishWriteBuffers: WriteBuffers writes what Append does, header
// and payload, whether the header fits its 64-byte array or not.
func TestPublishWriteBuffers(t *testing.T) {
	for _, v := range []packet.Version{packet.V31, packet.V311, packet.V5} {
		for i, p := range publishes(v) {
			var buf bytes.Buffer
			n, err := p.WriteBuffers(&buf, v)
			raw := encode(t, p, v)
			if err != nil || n != int64(len(raw)) || !bytes.Equal(buf.Bytes(), raw) {
				t.Errorf("%v #%d: WriteBuffers wrote %d bytes (%v)\n got % x\nwant % x", v, i, n, err, buf.Bytes(), raw)
			}
		}
	}
	var buf bytes.Buffer
	n, err := (&packet.Publish{QoS: 1, Topic: "a"}).WriteBuffers(&buf, packet.V311)
	if !errors.Is(err, packet.ErrZeroPacketID) || n != 0 || buf.Len() != 0 {
		t.Errorf("WriteBuffers of an invalid PUBLISH: %d, %v, wrote % x", n, err, buf.Bytes())
	}
}

// TestAppendKeepsDst: Append appends to dst, and Encode is Append to nil.
func TestAppendKeepsDst(t *testing.T) {
	for _, v := range []packet.Version{packet.V311, packet.V5} {
		for _, p := range streamPackets(v) {
			want, err := packet.Encode(p, v)
			if err != nil {
				t.Fatalf("Encode %T: %v", p, err)
			}
			got, err := p.Append([]byte("prefix"), v)
			if err != nil || !bytes.Equal(got, append([]byte("prefix"), want...)) {
				t.Errorf("%v %T: Append(prefix) = % x, %v", v, p, got, err)
			}
		}
	}
}

// TestAppendInvalid: Append refuses what the decoder would refuse, with an
// error naming the packet, the field, the cause and the reason code, and
// writes nothing.
func TestAppendInvalid(t *testing.T) {
	long := strings.Repeat("a", 65536)
	pub := func(f func(*packet.Publish)) *packet.Publish {
		p := &packet.Publish{QoS: 1, PacketID: 1, Topic: "a/b", Payload: []byte("x")}
		f(p)
		return p
	}
	conn := func(v packet.Version, f func(*packet.Connect)) *packet.Connect {
		c := &packet.Connect{Version: v, ClientID: "c"}
		f(c)
		return c
	}
	sub := func(f func(*packet.Subscribe)) *packet.Subscribe {
		s := &packet.Subscribe{PacketID: 1, Subscriptions: []packet.Subscription{{Filter: "a/#", QoS: 1}}}
		f(s)
		return s
	}
	for _, tc := range []struct {
		name  string
		p     packet.Packet
		v     packet.Version
		err   error
		code  packet.ReasonCode
		field string // a word the message must contain
	}{
		{"[MQTT-3.3.1-4] PUBLISH QoS 3", pub(func(p *packet.Publish) { p.QoS = 3 }), packet.V311,
			packet.ErrInvalidQoS, packet.MalformedPacket, "QoS"},
		{"[MQTT-2.2.1-3] PUBLISH QoS 1 with packet identifier 0", pub(func(p *packet.Publish) { p.PacketID = 0 }),
			packet.V311, packet.ErrZeroPacketID, packet.ProtocolError, "packet identifier"},
		{"[MQTT-2.2.1-2] PUBLISH QoS 0 with a packet identifier", pub(func(p *packet.Publish) { p.QoS = 0 }),
			packet.V5, packet.ErrInvalidValue, packet.MalformedPacket, "packet identifier"},
		{"[MQTT-3.3.1-2] PUBLISH QoS 0 with DUP", pub(func(p *packet.Publish) { p.QoS, p.PacketID, p.Dup = 0, 0, true }),
			packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, "DUP flag"},
		{"[MQTT-4.7.3-1] PUBLISH empty topic in 3.1.1", pub(func(p *packet.Publish) { p.Topic = "" }),
			packet.V311, packet.ErrEmptyTopic, packet.ProtocolError, "topic name"},
		{"[MQTT-4.7.3-1] PUBLISH empty topic in 3.1.1 with a topic alias set", pub(func(p *packet.Publish) {
			p.Topic, p.Props.TopicAlias = "", 1
		}), packet.V311, packet.ErrEmptyTopic, packet.ProtocolError, "topic name"},
		{"PUBLISH empty topic in 5.0 without a topic alias", pub(func(p *packet.Publish) { p.Topic = "" }),
			packet.V5, packet.ErrEmptyTopic, packet.ProtocolError, "topic name"},
		{"[MQTT-3.3.2-2] PUBLISH wildcard in the topic", pub(func(p *packet.Publish) { p.Topic = "a/#" }),
			packet.V311, packet.ErrWildcardInTopic, packet.TopicNameInvalid, "topic name"},
		{"PUBLISH topic of 65536 bytes", pub(func(p *packet.Publish) { p.Topic = long }),
			packet.V311, packet.ErrStringTooLong, packet.MalformedPacket, "topic name"},
		{"[MQTT-1.5.4-2] PUBLISH topic with U+0000", pub(func(p *packet.Publish) { p.Topic = "a\x00b" }),
			packet.V311, packet.ErrNullChar, packet.MalformedPacket, "topic name"},
		{"[MQTT-1.5.4-1] PUBLISH topic of invalid UTF-8", pub(func(p *packet.Publish) { p.Topic = "a\xc3" }),
			packet.V5, packet.ErrInvalidUTF8, packet.MalformedPacket, "topic name"},
		{"PUBLISH reason string (not allowed in PUBLISH)", pub(func(p *packet.Publish) { p.Props.ReasonString = "why" }),
			packet.V5, packet.ErrPropertyNotAllowed, packet.MalformedPacket, "reason string"},
		{"PUBLISH session expiry (not allowed in PUBLISH)", pub(func(p *packet.Publish) {
			p.Props.SessionExpiry = packet.Some[uint32](1)
		}), packet.V5, packet.ErrPropertyNotAllowed, packet.MalformedPacket, "session expiry interval"},
		{"[MQTT-1.5.4-1] PUBLISH user property with a surrogate", pub(func(p *packet.Publish) {
			p.Props.User = []packet.UserProperty{{Key: "k", Value: "\xed\xa0\x80"}}
		}), packet.V5, packet.ErrInvalidUTF8, packet.MalformedPacket, "user property value"},
		{"[MQTT-1.5.4-2] PUBLISH user property name with U+0000", pub(func(p *packet.Publish) {
			p.Props.User = []packet.UserProperty{{Key: "\x00", Value: "v"}}
		}), packet.V5, packet.ErrNullChar, packet.MalformedPacket, "user property name"},
		{"[MQTT-3.3.2-14] PUBLISH response topic with a wildcard", pub(func(p *packet.Publish) { p.Props.ResponseTopic = "r/+" }),
			packet.V5, packet.ErrWildcardInTopic, packet.ProtocolError, "response topic"},
		{"PUBLISH payload format indicator 2", pub(func(p *packet.Publish) { p.Props.PayloadFormat = 2 }),
			packet.V5, packet.ErrInvalidValue, packet.ProtocolError, "payload format indicator"},
		{"PUBLISH subscription identifier 0", pub(func(p *packet.Publish) { p.Props.SubscriptionIDs = []uint32{0} }),
			packet.V5, packet.ErrInvalidValue, packet.ProtocolError, "subscription identifier"},
		{"PUBLISH subscription identifier over 268435455", pub(func(p *packet.Publish) {
			p.Props.SubscriptionIDs = []uint32{268435456}
		}), packet.V5, packet.ErrInvalidValue, packet.ProtocolError, "subscription identifier"},
		{"PUBLISH correlation data of 65536 bytes", pub(func(p *packet.Publish) { p.Props.CorrelationData = []byte(long) }),
			packet.V5, packet.ErrStringTooLong, packet.MalformedPacket, "correlation data"},

		{"AUTH in 3.1.1", &packet.Auth{}, packet.V311, packet.ErrNotInVersion, packet.ProtocolError, "AUTH"},
		{"AUTH in 3.1", &packet.Auth{}, packet.V31, packet.ErrNotInVersion, packet.ProtocolError, "AUTH"},
		{"AUTH reason code 0x80", &packet.Auth{ReasonCode: packet.UnspecifiedError}, packet.V5,
			packet.ErrInvalidReasonCode, packet.ProtocolError, "reason code"},
		{"AUTH topic alias", &packet.Auth{ReasonCode: packet.ContinueAuthentication, Props: packet.Properties{TopicAlias: 1}},
			packet.V5, packet.ErrPropertyNotAllowed, packet.MalformedPacket, "topic alias"},

		{"CONNECT protocol level 6", conn(6, func(*packet.Connect) {}), packet.V5,
			packet.ErrUnsupportedVersion, packet.UnsupportedProtocolVersion, "protocol level"},
		{"[MQTT-3.1.2-22] CONNECT 3.1.1 password without user name", conn(packet.V311, func(c *packet.Connect) {
			c.PasswordFlag, c.Password = true, []byte("p")
		}), packet.V311, packet.ErrNotInVersion, packet.MalformedPacket, "password"},
		{"[MQTT-3.1.2-12] CONNECT will QoS 3", conn(packet.V5, func(c *packet.Connect) {
			c.Will = &packet.Will{QoS: 3, Topic: "w", Payload: []byte{}}
		}), packet.V5, packet.ErrInvalidQoS, packet.MalformedPacket, "will QoS"},
		{"[MQTT-1.5.4-2] CONNECT client identifier with U+0000", conn(packet.V311, func(c *packet.Connect) { c.ClientID = "a\x00" }),
			packet.V311, packet.ErrNullChar, packet.MalformedPacket, "client identifier"},
		{"CONNECT user name of 65536 bytes", conn(packet.V5, func(c *packet.Connect) { c.UsernameFlag, c.Username = true, long }),
			packet.V5, packet.ErrStringTooLong, packet.MalformedPacket, "user name"},
		{"CONNECT authentication data without a method", conn(packet.V5, func(c *packet.Connect) { c.Props.AuthData = []byte{1} }),
			packet.V5, packet.ErrInvalidValue, packet.ProtocolError, "authentication data"},
		{"CONNECT will delay interval in the CONNECT properties", conn(packet.V5, func(c *packet.Connect) { c.Props.WillDelay = 5 }),
			packet.V5, packet.ErrPropertyNotAllowed, packet.MalformedPacket, "will delay interval"},
		{"CONNECT session expiry interval in the will properties", conn(packet.V5, func(c *packet.Connect) {
			c.Will = &packet.Will{Topic: "w", Payload: []byte{}, Props: packet.Properties{SessionExpiry: packet.Some[uint32](1)}}
		}), packet.V5, packet.ErrPropertyNotAllowed, packet.MalformedPacket, "will session expiry interval"},
		{"CONNECT request problem information 2", conn(packet.V5, func(c *packet.Connect) {
			c.Props.RequestProblemInfo = packet.Some[byte](2)
		}), packet.V5, packet.ErrInvalidValue, packet.ProtocolError, "request problem information"},

		{"CONNACK reason code 0x10", &packet.Connack{ReasonCode: packet.NoMatchingSubscribers}, packet.V5,
			packet.ErrInvalidReasonCode, packet.ProtocolError, "reason code"},
		{"[MQTT-3.2.2-6] CONNACK session present with a failure", &packet.Connack{SessionPresent: true, ReasonCode: packet.NotAuthorized},
			packet.V5, packet.ErrInvalidValue, packet.ProtocolError, "session present"},
		{"[MQTT-3.2.2-4] 3.1.1 CONNACK session present with a failure", &packet.Connack{SessionPresent: true, ReasonCode: packet.NotAuthorized},
			packet.V311, packet.ErrInvalidValue, packet.ProtocolError, "session present"},
		{"CONNACK maximum QoS 2", &packet.Connack{Props: packet.Properties{MaximumQoS: packet.Some[byte](2)}}, packet.V5,
			packet.ErrInvalidValue, packet.ProtocolError, "maximum QoS"},
		{"CONNACK topic alias", &packet.Connack{Props: packet.Properties{TopicAlias: 1}}, packet.V5,
			packet.ErrPropertyNotAllowed, packet.MalformedPacket, "topic alias"},

		{"[MQTT-2.2.1-3] PUBACK packet identifier 0", &packet.Puback{}, packet.V311,
			packet.ErrZeroPacketID, packet.ProtocolError, "packet identifier"},
		{"PUBACK reason code 0x01", &packet.Puback{PacketID: 1, ReasonCode: packet.GrantedQoS1}, packet.V5,
			packet.ErrInvalidReasonCode, packet.ProtocolError, "reason code"},
		{"PUBREC content type", &packet.Pubrec{PacketID: 1, Props: packet.Properties{ContentType: "x"}}, packet.V5,
			packet.ErrPropertyNotAllowed, packet.MalformedPacket, "content type"},
		{"PUBREL reason code 0x10", &packet.Pubrel{PacketID: 1, ReasonCode: packet.NoMatchingSubscribers}, packet.V5,
			packet.ErrInvalidReasonCode, packet.ProtocolError, "reason code"},
		{"PUBCOMP packet identifier 0", &packet.Pubcomp{}, packet.V5,
			packet.ErrZeroPacketID, packet.ProtocolError, "packet identifier"},

		{"[MQTT-3.8.3-3] SUBSCRIBE without filters", sub(func(s *packet.Subscribe) { s.Subscriptions = nil }),
			packet.V311, packet.ErrNoTopics, packet.ProtocolError, "payload"},
		{"[MQTT-2.2.1-3] SUBSCRIBE packet identifier 0", sub(func(s *packet.Subscribe) { s.PacketID = 0 }),
			packet.V311, packet.ErrZeroPacketID, packet.ProtocolError, "packet identifier"},
		{"[MQTT-3.8.3-4] SUBSCRIBE maximum QoS 3 in 3.1.1", sub(func(s *packet.Subscribe) { s.Subscriptions[0].QoS = 3 }),
			packet.V311, packet.ErrInvalidQoS, packet.MalformedPacket, "subscription options"},
		{"SUBSCRIBE retain handling 3", sub(func(s *packet.Subscribe) { s.Subscriptions[0].RetainHandling = 3 }),
			packet.V5, packet.ErrInvalidValue, packet.ProtocolError, "retain handling"},
		{"SUBSCRIBE no local in 3.1.1", sub(func(s *packet.Subscribe) { s.Subscriptions[0].NoLocal = true }),
			packet.V311, packet.ErrNotInVersion, packet.MalformedPacket, "subscription options"},
		{"SUBSCRIBE two subscription identifiers", sub(func(s *packet.Subscribe) { s.Props.SubscriptionIDs = []uint32{1, 2} }),
			packet.V5, packet.ErrDuplicateProperty, packet.ProtocolError, "subscription identifier"},
		{"SUBSCRIBE filter with U+0000", sub(func(s *packet.Subscribe) { s.Subscriptions[0].Filter = "\x00" }),
			packet.V5, packet.ErrNullChar, packet.MalformedPacket, "topic filter"},
		{"SUBACK without reason codes", &packet.Suback{PacketID: 1}, packet.V5,
			packet.ErrNoTopics, packet.ProtocolError, "payload"},
		{"SUBACK reason code 0x81", &packet.Suback{PacketID: 1, ReasonCodes: []packet.ReasonCode{packet.MalformedPacket}},
			packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, "reason code"},
		{"[MQTT-3.10.3-2] UNSUBSCRIBE without filters", &packet.Unsubscribe{PacketID: 1}, packet.V311,
			packet.ErrNoTopics, packet.ProtocolError, "payload"},
		{"UNSUBSCRIBE filter of invalid UTF-8", &packet.Unsubscribe{PacketID: 1, Filters: []string{"\xff"}}, packet.V311,
			packet.ErrInvalidUTF8, packet.MalformedPacket, "topic filter"},
		{"UNSUBACK reason code 0x01", &packet.Unsuback{PacketID: 1, ReasonCodes: []packet.ReasonCode{packet.GrantedQoS1}},
			packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, "reason code"},
		{"UNSUBACK 3.1.1 packet identifier 0", &packet.Unsuback{}, packet.V311,
			packet.ErrZeroPacketID, packet.ProtocolError, "packet identifier"},
		{"DISCONNECT reason code 0x01", &packet.Disconnect{ReasonCode: packet.GrantedQoS1}, packet.V5,
			packet.ErrInvalidReasonCode, packet.ProtocolError, "reason code"},
		{"DISCONNECT server keep alive", &packet.Disconnect{Props: packet.Properties{ServerKeepAlive: packet.Some[uint16](1)}},
			packet.V5, packet.ErrPropertyNotAllowed, packet.MalformedPacket, "server keep alive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := []byte("prefix")
			got, err := tc.p.Append(dst, tc.v)
			if err == nil {
				t.Fatalf("Append succeeded: % x", got)
			}
			if !errors.Is(err, tc.err) || !errors.Is(err, tc.code) {
				t.Errorf("error %q: want cause %q and reason code %v", err, tc.err, tc.code)
			}
			var pe *packet.Error
			if !errors.As(err, &pe) || pe.Packet != tc.p.Type() {
				t.Errorf("error %q is not a *packet.Error for %v", err, tc.p.Type())
			}
			if msg := err.Error(); !strings.Contains(msg, tc.p.Type().String()) || !strings.Contains(msg, tc.field) {
				t.Errorf("error %q does not name %v and %q", msg, tc.p.Type(), tc.field)
			}
			if !bytes.Equal(got, []byte("prefix")) {
				t.Errorf("Append wrote % x before failing", got[len("prefix"):])
			}
		})
	}
}

// TestAppendValidEdges: values at the edge of what is allowed encode.
func TestAppendValidEdges(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    packet.Packet
		v    packet.Version
	}{
		{"5.0 PUBLISH with an empty topic and a topic alias", &packet.Publish{Props: packet.Properties{TopicAlias: 1}}, packet.V5},
		{"topic of 65535 bytes", &packet.Publish{Topic: strings.Repeat("a", 65535)}, packet.V311},
		{"5.0 CONNECT password without user name", &packet.Connect{Version: packet.V5, PasswordFlag: true, Password: []byte("p")}, packet.V5},
		{"subscription identifier 268435455", &packet.Publish{Topic: "a", Props: packet.Properties{SubscriptionIDs: []uint32{268435455}}}, packet.V5},
		{"3.1.1 SUBACK failure code other than 0x80 sent as 0x80", &packet.Suback{PacketID: 1,
			ReasonCodes: []packet.ReasonCode{packet.NotAuthorized}}, packet.V311},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tc.p.Append(nil, tc.v); err != nil {
				t.Fatalf("Append: %v", err)
			}
		})
	}
}
