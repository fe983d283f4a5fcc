package packettest

import "github.com/ternmq/tern/packet"

// connackCases returns the CONNACK fixtures. Connack.ReasonCode holds a 5.0
// reason code in every version: the 3.1 and 3.1.1 return codes 0-5 decode to
// Success, UnsupportedProtocolVersion, ClientIdentifierNotValid,
// ServerUnavailable, BadUserNameOrPassword and NotAuthorized, and encode back.
func connackCases() []Case {
	return append(connackValid(), connackMalformed()...)
}

func connackValid() []Case {
	return []Case{
		{
			Name: "CONNACK accepted", Version: packet.V31,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // reserved (topic name compression response, unused)
				0x00, // return code 0: connection accepted
			},
			Want: &packet.Connack{ReasonCode: packet.Success},
		}, {
			Name: "CONNACK refused: identifier rejected", Version: packet.V31,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // reserved (topic name compression response, unused)
				0x02, // return code 2: identifier rejected
			},
			Want: &packet.Connack{ReasonCode: packet.ClientIdentifierNotValid},
		}, {
			Name: "CONNACK first byte unused in 3.1", Version: packet.V31,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x01, // reserved (topic name compression response): ignored, no session present in 3.1
				0x00, // return code 0: connection accepted
			},
			Want:       &packet.Connack{ReasonCode: packet.Success},
			DecodeOnly: true, // 3.1 has no session present flag; the encoder writes 0
		}, {
			Name: "CONNACK return code 0: accepted", Version: packet.V311,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // acknowledge flags: none
				0x00, // return code 0: connection accepted
			},
			Want: &packet.Connack{ReasonCode: packet.Success},
		}, {
			Name: "CONNACK return code 1: unacceptable protocol version", Version: packet.V311,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // acknowledge flags: none
				0x01, // return code 1: unacceptable protocol version
			},
			Want: &packet.Connack{ReasonCode: packet.UnsupportedProtocolVersion},
		}, {
			Name: "CONNACK return code 2: identifier rejected", Version: packet.V311,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // acknowledge flags: none
				0x02, // return code 2: identifier rejected
			},
			Want: &packet.Connack{ReasonCode: packet.ClientIdentifierNotValid},
		}, {
			Name: "CONNACK return code 3: server unavailable", Version: packet.V311,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // acknowledge flags: none
				0x03, // return code 3: server unavailable
			},
			Want: &packet.Connack{ReasonCode: packet.ServerUnavailable},
		}, {
			Name: "CONNACK return code 4: bad user name or password", Version: packet.V311,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // acknowledge flags: none
				0x04, // return code 4: bad user name or password
			},
			Want: &packet.Connack{ReasonCode: packet.BadUserNameOrPassword},
		}, {
			Name: "CONNACK return code 5: not authorized", Version: packet.V311,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // acknowledge flags: none
				0x05, // return code 5: not authorized
			},
			Want: &packet.Connack{ReasonCode: packet.NotAuthorized},
		}, {
			Name: "CONNACK [MQTT-3.2.2-2] session present", Version: packet.V311,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x01, // acknowledge flags: session present
				0x00, // return code 0: connection accepted
			},
			Want: &packet.Connack{SessionPresent: true, ReasonCode: packet.Success},
		}, {
			Name: "CONNACK success", Version: packet.V5,
			Raw: []byte{
				0x20, 0x03, // CONNACK; remaining length 3
				0x00, // acknowledge flags: none
				0x00, // reason code 0x00: success
				0x00, // property length 0
			},
			Want: &packet.Connack{ReasonCode: packet.Success},
		}, {
			Name: "CONNACK [MQTT-3.2.2-3] session present", Version: packet.V5,
			Raw: []byte{
				0x20, 0x03, // CONNACK; remaining length 3
				0x01, // acknowledge flags: session present
				0x00, // reason code 0x00: success
				0x00, // property length 0
			},
			Want: &packet.Connack{SessionPresent: true, ReasonCode: packet.Success},
		}, {
			Name: "CONNACK success with every CONNACK property but server reference", Version: packet.V5,
			Raw: []byte{
				0x20, 0x48, // CONNACK; remaining length 72
				0x00,                         // acknowledge flags: none
				0x00,                         // reason code 0x00: success
				0x45,                         // property length 69
				0x11, 0x00, 0x00, 0x0e, 0x10, // session expiry interval 3600 s
				0x12, 0x00, 0x06, 'a', 'u', 't', 'o', '-', '1', // assigned client identifier "auto-1"
				0x13, 0x00, 0x1e, // server keep alive 30 s
				0x15, 0x00, 0x03, 't', 'o', 'k', // authentication method "tok"
				0x16, 0x00, 0x02, 0x01, 0x02, // authentication data 01 02
				0x1a, 0x00, 0x05, 'r', 'e', 's', 'p', '/', // response information "resp/"
				0x1f, 0x00, 0x02, 'o', 'k', // reason string "ok"
				0x21, 0x00, 0x64, // receive maximum 100
				0x22, 0x00, 0x0a, // topic alias maximum 10
				0x24, 0x01, // maximum QoS 1
				0x25, 0x00, // retain available 0
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
				0x27, 0x00, 0x10, 0x00, 0x00, // maximum packet size 1048576
				0x28, 0x00, // wildcard subscription available 0
				0x29, 0x00, // subscription identifiers available 0
				0x2a, 0x01, // shared subscription available 1
			},
			Want: &packet.Connack{ReasonCode: packet.Success, Props: packet.Properties{
				SessionExpiry:           packet.Some[uint32](3600),
				AssignedClientID:        "auto-1",
				ServerKeepAlive:         packet.Some[uint16](30),
				AuthMethod:              "tok",
				AuthData:                []byte{0x01, 0x02},
				ResponseInfo:            "resp/",
				ReasonString:            "ok",
				ReceiveMaximum:          100,
				TopicAliasMaximum:       10,
				MaximumQoS:              packet.Some[byte](1),
				RetainAvailable:         packet.Some[byte](0),
				User:                    []packet.UserProperty{{Key: "k", Value: "v"}},
				MaximumPacketSize:       1048576,
				WildcardSubAvailable:    packet.Some[byte](0),
				SubscriptionIDAvailable: packet.Some[byte](0),
				SharedSubAvailable:      packet.Some[byte](1),
			}},
		}, {
			Name: "CONNACK 0x9C use another server, with server reference (3.2.2.3.16)", Version: packet.V5,
			Raw: []byte{
				0x20, 0x17, // CONNACK; remaining length 23
				0x00,                                                               // acknowledge flags: none
				0x9c,                                                               // reason code 0x9C: use another server
				0x14,                                                               // property length 20
				0x1c, 0x00, 0x0a, 'b', '2', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e', // server reference "b2.example"
				0x1f, 0x00, 0x04, 'm', 'o', 'v', 'e', // reason string "move"
			},
			Want: &packet.Connack{ReasonCode: packet.UseAnotherServer, Props: packet.Properties{
				ServerReference: "b2.example", ReasonString: "move"}},
		}, {
			Name: "CONNACK 0x84 unsupported protocol version", Version: packet.V5,
			Raw: []byte{
				0x20, 0x03, // CONNACK; remaining length 3
				0x00, // acknowledge flags: none
				0x84, // reason code 0x84: unsupported protocol version
				0x00, // property length 0
			},
			Want: &packet.Connack{ReasonCode: packet.UnsupportedProtocolVersion},
		}, {
			Name: "CONNACK 0x86 bad user name or password, with reason string", Version: packet.V5,
			Raw: []byte{
				0x20, 0x0a, // CONNACK; remaining length 10
				0x00,                                 // acknowledge flags: none
				0x86,                                 // reason code 0x86: bad user name or password
				0x07,                                 // property length 7
				0x1f, 0x00, 0x04, 'd', 'e', 'n', 'y', // reason string "deny"
			},
			Want: &packet.Connack{ReasonCode: packet.BadUserNameOrPassword, Props: packet.Properties{ReasonString: "deny"}},
		}, {
			Name: "CONNACK 0x8C bad authentication method", Version: packet.V5,
			Raw: []byte{
				0x20, 0x03, // CONNACK; remaining length 3
				0x00, // acknowledge flags: none
				0x8c, // reason code 0x8C: bad authentication method
				0x00, // property length 0
			},
			Want: &packet.Connack{ReasonCode: packet.BadAuthenticationMethod},
		}, {
			Name: "CONNACK properties out of order, topic alias maximum 0 explicit", Version: packet.V5,
			Raw: []byte{
				0x20, 0x0c, // CONNACK; remaining length 12
				0x00,             // acknowledge flags: none
				0x00,             // reason code 0x00: success
				0x09,             // property length 9
				0x21, 0x00, 0x0a, // receive maximum 10
				0x13, 0x00, 0x3c, // server keep alive 60 s
				0x22, 0x00, 0x00, // topic alias maximum 0 (the default)
			},
			Want: &packet.Connack{ReasonCode: packet.Success, Props: packet.Properties{
				ReceiveMaximum: 10, ServerKeepAlive: packet.Some[uint16](60)}},
			DecodeOnly: true, // encoded in identifier order, without the default
		},
	}
}

func connackMalformed() []Case {
	return []Case{
		{
			Name: "CONNACK [MQTT-2.2.2-1] [MQTT-2.2.2-2] reserved fixed header flag set", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x21, 0x02, // CONNACK with flags 0001; remaining length 2
				0x00, // acknowledge flags: none
				0x00, // return code 0
			},
		}, {
			Name: "CONNACK [MQTT-2.1.3-1] reserved fixed header flag set", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x28, 0x03, // CONNACK with flags 1000; remaining length 3
				0x00, // acknowledge flags: none
				0x00, // reason code 0x00
				0x00, // property length 0
			},
		}, {
			Name: "CONNACK reserved acknowledge flag set (3.2.2.1)", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x02, // acknowledge flags: bit 1, reserved
				0x00, // return code 0
			},
		}, {
			Name: "CONNACK [MQTT-3.2.2-1] reserved acknowledge flag set", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x03, // CONNACK; remaining length 3
				0x80, // acknowledge flags: bit 7, reserved
				0x00, // reason code 0x00
				0x00, // property length 0
			},
		}, {
			Name: "CONNACK [MQTT-3.2.2-4] session present with a refusal", Version: packet.V311,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x01, // acknowledge flags: session present
				0x05, // return code 5: not authorized
			},
		}, {
			Name: "CONNACK [MQTT-3.2.2-6] session present with a refusal", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x03, // CONNACK; remaining length 3
				0x01, // acknowledge flags: session present
				0x87, // reason code 0x87: not authorized
				0x00, // property length 0
			},
		}, {
			Name: "CONNACK return code 6 reserved (3.2.2.3)", Version: packet.V311,
			Err: packet.ErrInvalidReasonCode, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // acknowledge flags: none
				0x06, // return code 6: reserved
			},
		}, {
			Name: "CONNACK return code 6 reserved", Version: packet.V31,
			Err: packet.ErrInvalidReasonCode, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // reserved (topic name compression response, unused)
				0x06, // return code 6: reserved
			},
		}, {
			Name: "CONNACK [MQTT-3.2.2-8] reason code 0x10 is not a CONNACK code", Version: packet.V5,
			Err: packet.ErrInvalidReasonCode, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x03, // CONNACK; remaining length 3
				0x00, // acknowledge flags: none
				0x10, // reason code 0x10: no matching subscribers (PUBACK, PUBREC)
				0x00, // property length 0
			},
		}, {
			Name: "CONNACK [MQTT-3.2.2-8] reason code 0x8E is not a CONNACK code", Version: packet.V5,
			Err: packet.ErrInvalidReasonCode, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x03, // CONNACK; remaining length 3
				0x00, // acknowledge flags: none
				0x8e, // reason code 0x8E: session taken over (DISCONNECT)
				0x00, // property length 0
			},
		}, {
			Name: "CONNACK truncated before the return code", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x01, // CONNACK; remaining length 1
				0x00, // acknowledge flags: none
			},
		}, {
			Name: "CONNACK bytes after the return code", Version: packet.V311,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x03, // CONNACK; remaining length 3
				0x00, // acknowledge flags: none
				0x00, // return code 0
				0x00, // trailing byte
			},
		}, {
			Name: "CONNACK [MQTT-2.2.2-1] no property length", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x02, // CONNACK; remaining length 2
				0x00, // acknowledge flags: none
				0x00, // reason code 0x00
			},
		}, {
			Name: "CONNACK bytes after the properties", Version: packet.V5,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x04, // CONNACK; remaining length 4
				0x00, // acknowledge flags: none
				0x00, // reason code 0x00
				0x00, // property length 0
				0x00, // trailing byte
			},
		}, {
			Name: "CONNACK property length beyond the packet", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x04, // CONNACK; remaining length 4
				0x00, // acknowledge flags: none
				0x00, // reason code 0x00
				0x05, // property length 5, but 1 byte remains
				0x24, // property identifier 0x24: maximum QoS
			},
		}, {
			Name: "CONNACK topic alias not allowed in CONNACK (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x06, // CONNACK; remaining length 6
				0x00,             // acknowledge flags: none
				0x00,             // reason code 0x00
				0x03,             // property length 3
				0x23, 0x00, 0x01, // topic alias 1: a PUBLISH property
			},
		}, {
			Name: "CONNACK request problem information not allowed in CONNACK (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x05, // CONNACK; remaining length 5
				0x00,       // acknowledge flags: none
				0x00,       // reason code 0x00
				0x02,       // property length 2
				0x17, 0x01, // request problem information 1: a CONNECT property
			},
		}, {
			Name: "CONNACK reason string twice (3.2.2.3.9)", Version: packet.V5,
			Err: packet.ErrDuplicateProperty, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x0b, // CONNACK; remaining length 11
				0x00,                  // acknowledge flags: none
				0x80,                  // reason code 0x80: unspecified error
				0x08,                  // property length 8
				0x1f, 0x00, 0x01, 'a', // reason string "a"
				0x1f, 0x00, 0x01, 'b', // reason string again
			},
		}, {
			Name: "CONNACK maximum QoS 2 (3.2.2.3.4)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x05, // CONNACK; remaining length 5
				0x00,       // acknowledge flags: none
				0x00,       // reason code 0x00
				0x02,       // property length 2
				0x24, 0x02, // maximum QoS 2: only 0 or 1 may be sent
			},
		}, {
			Name: "CONNACK retain available 2 (3.2.2.3.5)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x05, // CONNACK; remaining length 5
				0x00,       // acknowledge flags: none
				0x00,       // reason code 0x00
				0x02,       // property length 2
				0x25, 0x02, // retain available 2
			},
		}, {
			Name: "CONNACK shared subscription available 2 (3.2.2.3.13)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x05, // CONNACK; remaining length 5
				0x00,       // acknowledge flags: none
				0x00,       // reason code 0x00
				0x02,       // property length 2
				0x2a, 0x02, // shared subscription available 2
			},
		}, {
			Name: "CONNACK receive maximum 0 (3.2.2.3.3)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x06, // CONNACK; remaining length 6
				0x00,             // acknowledge flags: none
				0x00,             // reason code 0x00
				0x03,             // property length 3
				0x21, 0x00, 0x00, // receive maximum 0
			},
		}, {
			Name: "CONNACK maximum packet size 0 (3.2.2.3.6)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x20, 0x08, // CONNACK; remaining length 8
				0x00,                         // acknowledge flags: none
				0x00,                         // reason code 0x00
				0x05,                         // property length 5
				0x27, 0x00, 0x00, 0x00, 0x00, // maximum packet size 0
			},
		}, {
			Name: "CONNACK [MQTT-1.5.4-1] encoded surrogate in assigned client identifier", Version: packet.V5,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x20, 0x09, // CONNACK; remaining length 9
				0x00,                               // acknowledge flags: none
				0x00,                               // reason code 0x00
				0x06,                               // property length 6
				0x12, 0x00, 0x03, 0xed, 0xa0, 0x80, // assigned client identifier: U+D800 encoded
			},
		},
	}
}
