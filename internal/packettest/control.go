package packettest

import "github.com/ternmq/tern/packet"

// pingCases returns the PINGREQ and PINGRESP fixtures. Both are two bytes,
// with no variable header and no payload (3.12, 3.13). MQTT 3.1 leaves the
// fixed header flags of these packets unused.
func pingCases() []Case {
	var cs []Case
	for _, v := range []packet.Version{packet.V31, packet.V311, packet.V5} {
		cs = append(cs, Case{
			Name: "PINGREQ", Version: v,
			Raw: []byte{
				0xc0, 0x00, // PINGREQ; remaining length 0
			},
			Want: &packet.Pingreq{},
		}, Case{
			Name: "PINGRESP", Version: v,
			Raw: []byte{
				0xd0, 0x00, // PINGRESP; remaining length 0
			},
			Want: &packet.Pingresp{},
		})
	}
	cs = append(cs, Case{
		Name: "PINGREQ with flag bits set (3.1 leaves them unused)", Version: packet.V31,
		Raw: []byte{
			0xc2, 0x00, // PINGREQ with flags 0010; remaining length 0
		},
		Want:       &packet.Pingreq{},
		DecodeOnly: true, // the encoder writes flags 0000
	})
	return append(cs, pingMalformed()...)
}

func pingMalformed() []Case {
	bad := func(name string, v packet.Version, err error, code packet.ReasonCode, raw []byte) Case {
		return Case{Name: name, Version: v, Err: err, Code: code, Raw: raw}
	}
	return []Case{
		bad("PINGREQ [MQTT-2.2.2-1] [MQTT-2.2.2-2] reserved fixed header flag set", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xc1, 0x00, // PINGREQ with flags 0001; remaining length 0
		}),
		bad("PINGREQ [MQTT-2.1.3-1] reserved fixed header flag set", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xc8, 0x00, // PINGREQ with flags 1000; remaining length 0
		}),
		bad("PINGRESP [MQTT-2.2.2-1] [MQTT-2.2.2-2] reserved fixed header flag set", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xd2, 0x00, // PINGRESP with flags 0010; remaining length 0
		}),
		bad("PINGRESP [MQTT-2.1.3-1] reserved fixed header flag set", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xd4, 0x00, // PINGRESP with flags 0100; remaining length 0
		}),
		bad("PINGREQ with a body (3.12.2, 3.12.3: no variable header, no payload)", packet.V31, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xc0, 0x01, // PINGREQ; remaining length 1
			0x00, // unexpected byte
		}),
		bad("PINGREQ with a body (3.12.2, 3.12.3: no variable header, no payload)", packet.V311, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xc0, 0x01, // PINGREQ; remaining length 1
			0x00, // unexpected byte
		}),
		bad("PINGREQ with a body (3.12.2, 3.12.3: no variable header, no payload)", packet.V5, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xc0, 0x02, // PINGREQ; remaining length 2
			0x00, 0x00, // unexpected bytes: a reason code and property length, as in DISCONNECT
		}),
		bad("PINGRESP with a body (3.13.2, 3.13.3: no variable header, no payload)", packet.V311, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xd0, 0x01, // PINGRESP; remaining length 1
			0x00, // unexpected byte
		}),
		bad("PINGRESP with a body (3.13.2, 3.13.3: no variable header, no payload)", packet.V5, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xd0, 0x01, // PINGRESP; remaining length 1
			0x00, // unexpected byte
		}),
		bad("PINGREQ [MQTT-1.5.5-1] remaining length 0 in two bytes", packet.V5, packet.ErrVarIntNotMinimal, packet.MalformedPacket, []byte{
			0xc0,       // PINGREQ
			0x80, 0x00, // remaining length 0, not in its shortest form
		}),
	}
}

// disconnectCases returns the DISCONNECT fixtures. Before 5.0 a DISCONNECT
// is two bytes. In 5.0 the reason code and the property length may be left
// out: a remaining length of 0 means 0x00 and no properties, one of 1 means
// no properties (3.14.2.1, 3.14.2.2.1).
func disconnectCases() []Case {
	cs := []Case{
		{
			Name: "DISCONNECT", Version: packet.V31,
			Raw: []byte{
				0xe0, 0x00, // DISCONNECT; remaining length 0
			},
			Want: &packet.Disconnect{},
		}, {
			Name: "DISCONNECT", Version: packet.V311,
			Raw: []byte{
				0xe0, 0x00, // DISCONNECT; remaining length 0
			},
			Want: &packet.Disconnect{},
		}, {
			Name: "DISCONNECT with flag bits set (3.1 leaves them unused)", Version: packet.V31,
			Raw: []byte{
				0xe1, 0x00, // DISCONNECT with flags 0001; remaining length 0
			},
			Want:       &packet.Disconnect{},
			DecodeOnly: true, // the encoder writes flags 0000
		}, {
			Name: "DISCONNECT normal disconnection, remaining length 0 (3.14.2.1)", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x00, // DISCONNECT; remaining length 0: reason code 0x00, no properties
			},
			Want: &packet.Disconnect{},
		}, {
			Name: "DISCONNECT 0x00 explicit, no property length", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x01, // DISCONNECT; remaining length 1
				0x00, // reason code 0x00: normal disconnection
			},
			Want:       &packet.Disconnect{},
			DecodeOnly: true, // the encoder uses remaining length 0
		}, {
			Name: "DISCONNECT 0x00 explicit with property length 0", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x02, // DISCONNECT; remaining length 2
				0x00, // reason code 0x00: normal disconnection
				0x00, // property length 0
			},
			Want:       &packet.Disconnect{},
			DecodeOnly: true, // the encoder uses remaining length 0
		}, {
			Name: "DISCONNECT 0x8B with property length 0", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x02, // DISCONNECT; remaining length 2
				0x8b, // reason code 0x8B: server shutting down
				0x00, // property length 0
			},
			Want:       &packet.Disconnect{ReasonCode: packet.ServerShuttingDown},
			DecodeOnly: true, // the encoder leaves out the property length: remaining length 1
		}, {
			Name: "DISCONNECT normal disconnection with session expiry interval (3.14.2.2.2)", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x07, // DISCONNECT; remaining length 7
				0x00,                         // reason code 0x00: normal disconnection
				0x05,                         // property length 5
				0x11, 0x00, 0x00, 0x0e, 0x10, // session expiry interval 3600 s
			},
			Want: &packet.Disconnect{Props: packet.Properties{SessionExpiry: packet.Some[uint32](3600)}},
		}, {
			Name: "DISCONNECT 0x04 with session expiry interval 0 (3.14.2.2.2)", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x07, // DISCONNECT; remaining length 7
				0x04,                         // reason code 0x04: disconnect with will message
				0x05,                         // property length 5
				0x11, 0x00, 0x00, 0x00, 0x00, // session expiry interval 0: end the session now
			},
			Want: &packet.Disconnect{ReasonCode: packet.DisconnectWithWillMessage,
				Props: packet.Properties{SessionExpiry: packet.Some[uint32](0)}},
		}, {
			Name: "DISCONNECT 0x8E session taken over with reason string (3.14.2.2.3)", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x0d, // DISCONNECT; remaining length 13
				0x8e,                                                     // reason code 0x8E: session taken over
				0x0b,                                                     // property length 11
				0x1f, 0x00, 0x08, 'r', 'e', 'p', 'l', 'a', 'c', 'e', 'd', // reason string "replaced"
			},
			Want: &packet.Disconnect{ReasonCode: packet.SessionTakenOver,
				Props: packet.Properties{ReasonString: "replaced"}},
		}, {
			Name: "DISCONNECT 0x9C use another server with server reference (3.14.2.2.5)", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x0f, // DISCONNECT; remaining length 15
				0x9c,                                                               // reason code 0x9C: use another server
				0x0d,                                                               // property length 13
				0x1c, 0x00, 0x0a, 'o', 't', 'h', 'e', 'r', ':', '1', '8', '8', '3', // server reference "other:1883"
			},
			Want: &packet.Disconnect{ReasonCode: packet.UseAnotherServer,
				Props: packet.Properties{ServerReference: "other:1883"}},
		}, {
			Name: "DISCONNECT 0x9D server moved with server reference, reason string and user property", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x18, // DISCONNECT; remaining length 24
				0x9d,                                 // reason code 0x9D: server moved
				0x16,                                 // property length 22
				0x1c, 0x00, 0x04, 's', 'r', 'v', '2', // server reference "srv2"
				0x1f, 0x00, 0x05, 'm', 'o', 'v', 'e', 'd', // reason string "moved"
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
			},
			Want: &packet.Disconnect{ReasonCode: packet.ServerMoved, Props: packet.Properties{
				ServerReference: "srv2", ReasonString: "moved", User: []packet.UserProperty{{Key: "k", Value: "v"}}}},
		}, {
			Name: "DISCONNECT 0x81 malformed packet with reason string", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x08, // DISCONNECT; remaining length 8
				0x81,                            // reason code 0x81: malformed packet
				0x06,                            // property length 6
				0x1f, 0x00, 0x03, 'b', 'a', 'd', // reason string "bad"
			},
			Want: &packet.Disconnect{ReasonCode: packet.MalformedPacket,
				Props: packet.Properties{ReasonString: "bad"}},
		},
	}
	// The DISCONNECT reason codes of MQTT 5.0 Table 3-10 (3.14.2.1) other
	// than 0x00, which the encoder leaves out.
	disconnectReasons := []struct {
		code packet.ReasonCode
		name string
	}{
		{packet.DisconnectWithWillMessage, "0x04 disconnect with will message"},
		{packet.UnspecifiedError, "0x80 unspecified error"},
		{packet.MalformedPacket, "0x81 malformed packet"},
		{packet.ProtocolError, "0x82 protocol error"},
		{packet.ImplementationSpecificError, "0x83 implementation specific error"},
		{packet.NotAuthorized, "0x87 not authorized"},
		{packet.ServerBusy, "0x89 server busy"},
		{packet.ServerShuttingDown, "0x8B server shutting down"},
		{packet.KeepAliveTimeout, "0x8D keep alive timeout"},
		{packet.SessionTakenOver, "0x8E session taken over"},
		{packet.TopicFilterInvalid, "0x8F topic filter invalid"},
		{packet.TopicNameInvalid, "0x90 topic name invalid"},
		{packet.ReceiveMaximumExceeded, "0x93 receive maximum exceeded"},
		{packet.TopicAliasInvalid, "0x94 topic alias invalid"},
		{packet.PacketTooLarge, "0x95 packet too large"},
		{packet.MessageRateTooHigh, "0x96 message rate too high"},
		{packet.QuotaExceeded, "0x97 quota exceeded"},
		{packet.AdministrativeAction, "0x98 administrative action"},
		{packet.PayloadFormatInvalid, "0x99 payload format invalid"},
		{packet.RetainNotSupported, "0x9A retain not supported"},
		{packet.QoSNotSupported, "0x9B QoS not supported"},
		{packet.UseAnotherServer, "0x9C use another server"},
		{packet.ServerMoved, "0x9D server moved"},
		{packet.SharedSubscriptionsNotSupported, "0x9E shared subscriptions not supported"},
		{packet.ConnectionRateExceeded, "0x9F connection rate exceeded"},
		{packet.MaximumConnectTime, "0xA0 maximum connect time"},
		{packet.SubscriptionIdentifiersNotSupported, "0xA1 subscription identifiers not supported"},
		{packet.WildcardSubscriptionsNotSupported, "0xA2 wildcard subscriptions not supported"},
	}
	for _, r := range disconnectReasons {
		cs = append(cs, Case{
			Name: "DISCONNECT [MQTT-3.14.2-1] reason code " + r.name + ", no property length", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x01, // DISCONNECT; remaining length 1
				byte(r.code), // reason code
			},
			Want: &packet.Disconnect{ReasonCode: r.code},
		})
	}
	return append(cs, disconnectMalformed()...)
}

func disconnectMalformed() []Case {
	bad := func(name string, v packet.Version, err error, code packet.ReasonCode, raw []byte) Case {
		return Case{Name: name, Version: v, Err: err, Code: code, Raw: raw}
	}
	return []Case{
		bad("DISCONNECT with a body (3.14.2, 3.14.3: no variable header, no payload)", packet.V311, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xe0, 0x01, // DISCONNECT; remaining length 1
			0x00, // a 5.0 reason code: unexpected before 5.0
		}),
		bad("DISCONNECT with a body (no variable header, no payload)", packet.V31, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xe0, 0x02, // DISCONNECT; remaining length 2
			0x8b, 0x00, // a 5.0 reason code and property length: unexpected before 5.0
		}),
		bad("DISCONNECT [MQTT-3.14.1-1] [MQTT-2.2.2-2] reserved fixed header flag set", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xe2, 0x00, // DISCONNECT with flags 0010; remaining length 0
		}),
		bad("DISCONNECT [MQTT-3.14.1-1] reserved fixed header flag set", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xe8, 0x01, // DISCONNECT with flags 1000; remaining length 1
			0x00, // reason code 0x00: normal disconnection
		}),
		bad("DISCONNECT [MQTT-3.14.2-1] reason code 0x01", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0xe0, 0x01, // DISCONNECT; remaining length 1
			0x01, // reason code 0x01: not a DISCONNECT code
		}),
		bad("DISCONNECT [MQTT-3.14.2-1] reason code 0x18 (an AUTH code) with properties", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0xe0, 0x06, // DISCONNECT; remaining length 6
			0x18,                  // reason code 0x18: continue authentication
			0x04,                  // property length 4
			0x1f, 0x00, 0x01, 'x', // reason string "x"
		}),
		bad("DISCONNECT [MQTT-3.14.2-1] reason code 0x84 (a CONNACK code)", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0xe0, 0x01, // DISCONNECT; remaining length 1
			0x84, // reason code 0x84: unsupported protocol version
		}),
		bad("DISCONNECT topic alias not allowed in DISCONNECT (2.2.2.2)", packet.V5, packet.ErrPropertyNotAllowed, packet.MalformedPacket, []byte{
			0xe0, 0x05, // DISCONNECT; remaining length 5
			0x00,             // reason code 0x00: normal disconnection
			0x03,             // property length 3
			0x23, 0x00, 0x01, // topic alias 1: a PUBLISH property
		}),
		bad("DISCONNECT bytes after the properties", packet.V5, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xe0, 0x03, // DISCONNECT; remaining length 3
			0x00, // reason code 0x00: normal disconnection
			0x00, // property length 0
			0xff, // trailing byte
		}),
		bad("DISCONNECT property length beyond the packet", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0xe0, 0x02, // DISCONNECT; remaining length 2
			0x80, // reason code 0x80: unspecified error
			0x04, // property length 4, but no byte remains
		}),
		bad("DISCONNECT session expiry interval crosses the property length", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0xe0, 0x05, // DISCONNECT; remaining length 5
			0x00,             // reason code 0x00: normal disconnection
			0x03,             // property length 3
			0x11, 0x00, 0x00, // session expiry interval: 2 of 4 bytes
		}),
		bad("DISCONNECT [MQTT-1.5.4-1] reason string not UTF-8", packet.V5, packet.ErrInvalidUTF8, packet.MalformedPacket, []byte{
			0xe0, 0x06, // DISCONNECT; remaining length 6
			0x80,                   // reason code 0x80: unspecified error
			0x04,                   // property length 4
			0x1f, 0x00, 0x01, 0xfe, // reason string "\xfe"
		}),
	}
}

// authCases returns the AUTH fixtures, and those of the reserved packet
// types: 0 in every version, and 15 before 5.0, where AUTH does not exist
// (3.1.1 section 2.2.1). A Reader refuses both from the fixed header.
func authCases() []Case {
	return append(authValid(), authMalformed()...)
}

func authValid() []Case {
	return []Case{
		{
			Name: "AUTH success, remaining length 0 (3.15.2.1)", Version: packet.V5,
			Raw: []byte{
				0xf0, 0x00, // AUTH; remaining length 0: reason code 0x00, no properties
			},
			Want: &packet.Auth{},
		}, {
			Name: "AUTH 0x18 continue authentication with method and data (4.12)", Version: packet.V5,
			Raw: []byte{
				0xf0, 0x17, // AUTH; remaining length 23
				0x18,                                                                    // reason code 0x18: continue authentication
				0x15,                                                                    // property length 21
				0x15, 0x00, 0x0b, 'S', 'C', 'R', 'A', 'M', '-', 'S', 'H', 'A', '-', '1', // authentication method "SCRAM-SHA-1"
				0x16, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef, // authentication data de ad be ef
			},
			Want: &packet.Auth{ReasonCode: packet.ContinueAuthentication, Props: packet.Properties{
				AuthMethod: "SCRAM-SHA-1", AuthData: []byte{0xde, 0xad, 0xbe, 0xef}}},
		}, {
			Name: "AUTH 0x18 continue authentication with method only", Version: packet.V5,
			Raw: []byte{
				0xf0, 0x08, // AUTH; remaining length 8
				0x18,                            // reason code 0x18: continue authentication
				0x06,                            // property length 6
				0x15, 0x00, 0x03, 't', 'o', 'k', // authentication method "tok"
			},
			Want: &packet.Auth{ReasonCode: packet.ContinueAuthentication, Props: packet.Properties{AuthMethod: "tok"}},
		}, {
			Name: "AUTH 0x19 re-authenticate with method and data (4.12.1)", Version: packet.V5,
			Raw: []byte{
				0xf0, 0x0c, // AUTH; remaining length 12
				0x19,                            // reason code 0x19: re-authenticate
				0x0a,                            // property length 10
				0x15, 0x00, 0x03, 't', 'o', 'k', // authentication method "tok"
				0x16, 0x00, 0x01, 0x01, // authentication data 01
			},
			Want: &packet.Auth{ReasonCode: packet.ReAuthenticate, Props: packet.Properties{
				AuthMethod: "tok", AuthData: []byte{0x01}}},
		}, {
			Name: "AUTH success with method, data, reason string and user property", Version: packet.V5,
			Raw: []byte{
				0xf0, 0x18, // AUTH; remaining length 24
				0x00,                            // reason code 0x00: success
				0x16,                            // property length 22
				0x15, 0x00, 0x03, 't', 'o', 'k', // authentication method "tok"
				0x16, 0x00, 0x01, 0x2a, // authentication data 2a
				0x1f, 0x00, 0x02, 'o', 'k', // reason string "ok"
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
			},
			Want: &packet.Auth{Props: packet.Properties{AuthMethod: "tok", AuthData: []byte{0x2a},
				ReasonString: "ok", User: []packet.UserProperty{{Key: "k", Value: "v"}}}},
		},
	}
}

func authMalformed() []Case {
	bad := func(name string, v packet.Version, err error, code packet.ReasonCode, raw []byte) Case {
		return Case{Name: name, Version: v, Err: err, Code: code, Raw: raw}
	}
	return []Case{
		bad("AUTH [MQTT-3.15.1-1] reserved fixed header flag set", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xf1, 0x00, // AUTH with flags 0001; remaining length 0
		}),
		bad("AUTH [MQTT-3.15.2-1] reason code 0x87", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0xf0, 0x08, // AUTH; remaining length 8
			0x87,                            // reason code 0x87: not authorized, not an AUTH code
			0x06,                            // property length 6
			0x15, 0x00, 0x03, 't', 'o', 'k', // authentication method "tok"
		}),
		bad("AUTH [MQTT-3.15.2-1] reason code 0x01", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0xf0, 0x01, // AUTH; remaining length 1
			0x01, // reason code 0x01: not an AUTH code
		}),
		// 3.15.2.1: the reason code and property length are omitted only
		// together; a reason code alone is cut short.
		bad("AUTH reason code without property length (3.15.2.1)", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0xf0, 0x01, // AUTH; remaining length 1
			0x18, // reason code 0x18: continue authentication
		}),
		bad("AUTH without authentication method (3.15.2.2.2)", packet.V5, packet.ErrInvalidValue, packet.ProtocolError, []byte{
			0xf0, 0x02, // AUTH; remaining length 2
			0x18, // reason code 0x18: continue authentication
			0x00, // property length 0: no authentication method
		}),
		bad("AUTH bytes after the properties", packet.V5, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xf0, 0x04, // AUTH; remaining length 4
			0x18,       // reason code 0x18: continue authentication
			0x00,       // property length 0
			0x00, 0x00, // trailing bytes
		}),
		bad("AUTH property length beyond the packet", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0xf0, 0x05, // AUTH; remaining length 5
			0x18,             // reason code 0x18: continue authentication
			0x08,             // property length 8, but 3 bytes remain
			0x15, 0x00, 0x03, // authentication method: length only
		}),
		bad("AUTH packet type 15 is reserved in 3.1.1 (2.2.1)", packet.V311, packet.ErrReservedType, packet.MalformedPacket, []byte{
			0xf0, 0x00, // packet type 15, reserved before 5.0; remaining length 0
		}),
		bad("AUTH 0x18 with method in 3.1.1: packet type 15 reserved (2.2.1)", packet.V311, packet.ErrReservedType, packet.MalformedPacket, []byte{
			0xf0, 0x08, // packet type 15, reserved before 5.0; remaining length 8
			0x18,                            // reason code 0x18: continue authentication
			0x06,                            // property length 6
			0x15, 0x00, 0x03, 't', 'o', 'k', // authentication method "tok"
		}),
		bad("AUTH packet type 15 is reserved in 3.1", packet.V31, packet.ErrReservedType, packet.MalformedPacket, []byte{
			0xf0, 0x00, // packet type 15, reserved before 5.0; remaining length 0
		}),

		// Packet type 0 is reserved in every version.
		bad("packet type 0 is reserved (2.1.2)", packet.V5, packet.ErrReservedType, packet.MalformedPacket, []byte{
			0x00, 0x00, // packet type 0, reserved; remaining length 0
		}),
		bad("packet type 0 is reserved (2.2.1)", packet.V311, packet.ErrReservedType, packet.MalformedPacket, []byte{
			0x00, 0x02, // packet type 0, reserved; remaining length 2
			0x00, 0x01, // body
		}),
		bad("packet type 0 is reserved", packet.V31, packet.ErrReservedType, packet.MalformedPacket, []byte{
			0x0f, 0x00, // packet type 0, reserved, with flags 1111; remaining length 0
		}),
	}
}
