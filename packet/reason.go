package packet

import (
	"errors"
)

// ReasonCode is an MQTT 5.0 reason code. It is also used for MQTT 3.1.1
// CONNACK return codes and SUBACK results, which are translated to and from
// the 3.1.1 values when encoding and decoding.
//
// A ReasonCode is an error, so decode errors can be matched with
// errors.Is(err, packet.MalformedPacket).
type ReasonCode byte

// Reason codes of MQTT 5.0, section 2.4. Several codes share a value and
// differ only by the packet they appear in.
const (
	Success                             ReasonCode = 0x00
	NormalDisconnection                 ReasonCode = 0x00
	GrantedQoS0                         ReasonCode = 0x00
	GrantedQoS1                         ReasonCode = 0x01
	GrantedQoS2                         ReasonCode = 0x02
	DisconnectWithWillMessage           ReasonCode = 0x04
	NoMatchingSubscribers               ReasonCode = 0x10
	NoSubscriptionExisted               ReasonCode = 0x11
	ContinueAuthentication              ReasonCode = 0x18
	ReAuthenticate                      ReasonCode = 0x19
	UnspecifiedError                    ReasonCode = 0x80
	MalformedPacket                     ReasonCode = 0x81
	ProtocolError                       ReasonCode = 0x82
	ImplementationSpecificError         ReasonCode = 0x83
	UnsupportedProtocolVersion          ReasonCode = 0x84
	ClientIdentifierNotValid            ReasonCode = 0x85
	BadUserNameOrPassword               ReasonCode = 0x86
	NotAuthorized                       ReasonCode = 0x87
	ServerUnavailable                   ReasonCode = 0x88
	ServerBusy                          ReasonCode = 0x89
	Banned                              ReasonCode = 0x8A
	ServerShuttingDown                  ReasonCode = 0x8B
	BadAuthenticationMethod             ReasonCode = 0x8C
	KeepAliveTimeout                    ReasonCode = 0x8D
	SessionTakenOver                    ReasonCode = 0x8E
	TopicFilterInvalid                  ReasonCode = 0x8F
	TopicNameInvalid                    ReasonCode = 0x90
	PacketIdentifierInUse               ReasonCode = 0x91
	PacketIdentifierNotFound            ReasonCode = 0x92
	ReceiveMaximumExceeded              ReasonCode = 0x93
	TopicAliasInvalid                   ReasonCode = 0x94
	PacketTooLarge                      ReasonCode = 0x95
	MessageRateTooHigh                  ReasonCode = 0x96
	QuotaExceeded                       ReasonCode = 0x97
	AdministrativeAction                ReasonCode = 0x98
	PayloadFormatInvalid                ReasonCode = 0x99
	RetainNotSupported                  ReasonCode = 0x9A
	QoSNotSupported                     ReasonCode = 0x9B
	UseAnotherServer                    ReasonCode = 0x9C
	ServerMoved                         ReasonCode = 0x9D
	SharedSubscriptionsNotSupported     ReasonCode = 0x9E
	ConnectionRateExceeded              ReasonCode = 0x9F
	MaximumConnectTime                  ReasonCode = 0xA0
	SubscriptionIdentifiersNotSupported ReasonCode = 0xA1
	WildcardSubscriptionsNotSupported   ReasonCode = 0xA2
)

// reasonNames holds the generic name of every defined code; codes whose
// value is shared use the name most often meant.
var reasonNames = [256]string{
	0x00: "success",
	0x01: "granted QoS 1",
	0x02: "granted QoS 2",
	0x04: "disconnect with will message",
	0x10: "no matching subscribers",
	0x11: "no subscription existed",
	0x18: "continue authentication",
	0x19: "re-authenticate",
	0x80: "unspecified error",
	0x81: "malformed packet",
	0x82: "protocol error",
	0x83: "implementation specific error",
	0x84: "unsupported protocol version",
	0x85: "client identifier not valid",
	0x86: "bad user name or password",
	0x87: "not authorized",
	0x88: "server unavailable",
	0x89: "server busy",
	0x8A: "banned",
	0x8B: "server shutting down",
	0x8C: "bad authentication method",
	0x8D: "keep alive timeout",
	0x8E: "session taken over",
	0x8F: "topic filter invalid",
	0x90: "topic name invalid",
	0x91: "packet identifier in use",
	0x92: "packet identifier not found",
	0x93: "receive maximum exceeded",
	0x94: "topic alias invalid",
	0x95: "packet too large",
	0x96: "message rate too high",
	0x97: "quota exceeded",
	0x98: "administrative action",
	0x99: "payload format invalid",
	0x9A: "retain not supported",
	0x9B: "QoS not supported",
	0x9C: "use another server",
	0x9D: "server moved",
	0x9E: "shared subscriptions not supported",
	0x9F: "connection rate exceeded",
	0xA0: "maximum connect time",
	0xA1: "subscription identifiers not supported",
	0xA2: "wildcard subscriptions not supported",
}

// String returns the name of the code as the specification words it, or
// "reason code 0xNN" for an undefined value.
func (c ReasonCode) String() string {
	if n := reasonNames[c]; n != "" {
		return n
	}
	return "reason code " + hexByte(byte(c))
}

// hexByte formats b as 0xNN.
func hexByte(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{'0', 'x', digits[b>>4], digits[b&15]})
}

// Name returns the name of the code as used in a packet of type t, where the
// specification gives the shared value 0x00 different names.
func (c ReasonCode) Name(t Type) string {
	if c == 0 {
		switch t {
		case DISCONNECT:
			return "normal disconnection"
		case SUBACK:
			return "granted QoS 0"
		}
	}
	return c.String()
}

// Error implements error, so a code can be returned and matched as one.
func (c ReasonCode) Error() string { return "packet: " + c.String() }

// IsError reports whether c signals failure (0x80 and above).
func (c ReasonCode) IsError() bool { return c >= 0x80 }

// validReasons lists, per packet type, the codes a packet of that type may
// carry in MQTT 5.0 (sections 3.2.2.2, 3.4.2.1, 3.5.2.1, 3.6.2.1, 3.7.2.1,
// 3.9.3, 3.11.3, 3.14.2.1 and 3.15.2.1).
var validReasons = [16][]ReasonCode{
	CONNACK: {Success, UnspecifiedError, MalformedPacket, ProtocolError, ImplementationSpecificError,
		UnsupportedProtocolVersion, ClientIdentifierNotValid, BadUserNameOrPassword, NotAuthorized,
		ServerUnavailable, ServerBusy, Banned, BadAuthenticationMethod, TopicNameInvalid, PacketTooLarge,
		QuotaExceeded, PayloadFormatInvalid, RetainNotSupported, QoSNotSupported, UseAnotherServer,
		ServerMoved, ConnectionRateExceeded},
	PUBACK: {Success, NoMatchingSubscribers, UnspecifiedError, ImplementationSpecificError, NotAuthorized,
		TopicNameInvalid, PacketIdentifierInUse, QuotaExceeded, PayloadFormatInvalid},
	PUBREC: {Success, NoMatchingSubscribers, UnspecifiedError, ImplementationSpecificError, NotAuthorized,
		TopicNameInvalid, PacketIdentifierInUse, QuotaExceeded, PayloadFormatInvalid},
	PUBREL:  {Success, PacketIdentifierNotFound},
	PUBCOMP: {Success, PacketIdentifierNotFound},
	SUBACK: {GrantedQoS0, GrantedQoS1, GrantedQoS2, UnspecifiedError, ImplementationSpecificError,
		NotAuthorized, TopicFilterInvalid, PacketIdentifierInUse, QuotaExceeded,
		SharedSubscriptionsNotSupported, SubscriptionIdentifiersNotSupported, WildcardSubscriptionsNotSupported},
	UNSUBACK: {Success, NoSubscriptionExisted, UnspecifiedError, ImplementationSpecificError, NotAuthorized,
		TopicFilterInvalid, PacketIdentifierInUse},
	DISCONNECT: {NormalDisconnection, DisconnectWithWillMessage, UnspecifiedError, MalformedPacket,
		ProtocolError, ImplementationSpecificError, NotAuthorized, ServerBusy, ServerShuttingDown,
		KeepAliveTimeout, SessionTakenOver, TopicFilterInvalid, TopicNameInvalid, ReceiveMaximumExceeded,
		TopicAliasInvalid, PacketTooLarge, MessageRateTooHigh, QuotaExceeded, AdministrativeAction,
		PayloadFormatInvalid, RetainNotSupported, QoSNotSupported, UseAnotherServer, ServerMoved,
		SharedSubscriptionsNotSupported, ConnectionRateExceeded, MaximumConnectTime,
		SubscriptionIdentifiersNotSupported, WildcardSubscriptionsNotSupported},
	AUTH: {Success, ContinueAuthentication, ReAuthenticate},
}

// ValidFor reports whether c may appear in a packet of type t in MQTT 5.0.
func (c ReasonCode) ValidFor(t Type) bool {
	if int(t) >= len(validReasons) {
		return false
	}
	for _, v := range validReasons[t] {
		if v == c {
			return true
		}
	}
	return false
}

// Sentinel causes wrapped by *Error. Match them with errors.Is.
var (
	// ErrTruncated: the packet ends before a field is complete.
	ErrTruncated = errors.New("packet: truncated")
	// ErrTrailingBytes: bytes remain after the last field of a packet.
	ErrTrailingBytes = errors.New("packet: unexpected bytes after the last field")
	// ErrVarIntTooLong: a variable byte integer longer than 4 bytes [MQTT-1.5.5-1].
	ErrVarIntTooLong = errors.New("packet: variable byte integer longer than 4 bytes")
	// ErrVarIntNotMinimal: a variable byte integer not in its shortest form [MQTT-1.5.5-1].
	ErrVarIntNotMinimal = errors.New("packet: variable byte integer not encoded in the fewest bytes")
	// ErrInvalidUTF8: a string that is not well-formed UTF-8, including encoded surrogates [MQTT-1.5.4-1].
	ErrInvalidUTF8 = errors.New("packet: invalid UTF-8")
	// ErrNullChar: a string containing U+0000 [MQTT-1.5.4-2].
	ErrNullChar = errors.New("packet: string contains U+0000")
	// ErrReservedFlags: flag bits that are reserved or invalid in their combination, in the
	// fixed header [MQTT-2.1.3-1] or in the CONNECT, CONNACK or subscription option flags.
	ErrReservedFlags = errors.New("packet: reserved or invalid flag bits")
	// ErrReservedType: packet type 0, or 15 before MQTT 5.0.
	ErrReservedType = errors.New("packet: reserved packet type")
	// ErrTooLarge: the packet exceeds the maximum packet size.
	ErrTooLarge = errors.New("packet: larger than the maximum packet size")
	// ErrInvalidQoS: QoS 3 [MQTT-3.3.1-4].
	ErrInvalidQoS = errors.New("packet: QoS 3 is not allowed")
	// ErrZeroPacketID: packet identifier 0 [MQTT-2.2.1-3].
	ErrZeroPacketID = errors.New("packet: packet identifier 0")
	// ErrWildcardInTopic: a topic name containing + or # [MQTT-3.3.2-2].
	ErrWildcardInTopic = errors.New("packet: wildcard in topic name")
	// ErrEmptyTopic: a zero-length topic name without a topic alias [MQTT-4.7.3-1].
	ErrEmptyTopic = errors.New("packet: empty topic name")
	// ErrNoTopics: a SUBSCRIBE or UNSUBSCRIBE without any topic filter [MQTT-3.8.3-3].
	ErrNoTopics = errors.New("packet: no topic filters")
	// ErrUnknownProperty: a property identifier MQTT 5.0 does not define.
	ErrUnknownProperty = errors.New("packet: unknown property")
	// ErrPropertyNotAllowed: a property not allowed in this packet.
	ErrPropertyNotAllowed = errors.New("packet: property not allowed in this packet")
	// ErrDuplicateProperty: a property that may appear once appears again.
	ErrDuplicateProperty = errors.New("packet: property included more than once")
	// ErrInvalidValue: a field holds a value the specification does not allow.
	ErrInvalidValue = errors.New("packet: invalid value")
	// ErrInvalidReasonCode: a reason code not allowed in this packet.
	ErrInvalidReasonCode = errors.New("packet: reason code not allowed in this packet")
	// ErrUnsupportedVersion: a protocol name or level this package does not speak.
	ErrUnsupportedVersion = errors.New("packet: unsupported protocol version")
	// ErrStringTooLong: a string or binary field over 65,535 bytes.
	ErrStringTooLong = errors.New("packet: string longer than 65535 bytes")
	// ErrNotInVersion: a packet or feature that the protocol version lacks.
	ErrNotInVersion = errors.New("packet: not available in this protocol version")
)

// Error is a decode or encode failure. Code is the reason code a receiver
// answers with before closing the connection (in a CONNACK when the failure is
// in a CONNECT, otherwise in a DISCONNECT; MQTT 3.1.1 simply closes).
//
// errors.Is matches both the wrapped cause (ErrInvalidUTF8, ...) and the
// reason code (MalformedPacket, ...).
type Error struct {
	Code   ReasonCode // what to answer with
	Packet Type       // the packet being decoded or encoded
	Field  string     // the field that failed, e.g. "topic name"
	Err    error      // the cause, one of the Err* sentinels
}

func (e *Error) Error() string {
	s := "packet: " + e.Packet.String()
	if e.Field != "" {
		s += " " + e.Field
	}
	cause := ""
	if e.Err != nil {
		cause = e.Err.Error()
		if len(cause) > 8 && cause[:8] == "packet: " {
			cause = cause[8:]
		}
	}
	return s + ": " + cause + " (" + e.Code.String() + ")"
}

// Unwrap returns the cause and the reason code.
func (e *Error) Unwrap() []error { return []error{e.Err, e.Code} }

func errorf(code ReasonCode, t Type, field string, cause error) *Error {
	return &Error{Code: code, Packet: t, Field: field, Err: cause}
}
