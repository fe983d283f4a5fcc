package packettest

import "github.com/ternmq/tern/packet"

// propertyCases returns fixtures of the MQTT 5.0 property machinery
// (2.2.2) across packets: every property once in a packet that allows it,
// with its data type; every property in a packet that does not (a Malformed
// Packet, 2.2.2.2); a repetition of every property that may appear only once
// (a Protocol Error); the allowed repetitions; byte properties outside 0 and
// 1; variable byte integers that are too long or not minimal; and lengths
// that do not add up.
func propertyCases() []Case {
	cs := propTypeCases()
	cs = append(cs, propNotAllowedCases()...)
	cs = append(cs, propDuplicateCases()...)
	cs = append(cs, propRepeatCases()...)
	cs = append(cs, propValueCases()...)
	return append(cs, propEncodingCases()...)
}

// propTypeCases holds the properties in packets that allow them, each with
// its data type. Together with the fixtures of control.go (session expiry
// interval, server reference, reason string and authentication method and
// data in DISCONNECT and AUTH) and subscribe.go (subscription identifier in
// one and four bytes, reason string, user properties), each of the 27
// properties appears at least once.
func propTypeCases() []Case {
	return []Case{
		{
			Name: "PUBLISH properties 0x01 byte, 0x02 four-byte integer, 0x03 and 0x08 UTF-8 strings, 0x09 binary data, 0x23 two-byte integer", Version: packet.V5,
			Raw: []byte{
				0x30, 0x34, // PUBLISH, QoS 0; remaining length 52
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x2c,       // property length 44
				0x01, 0x01, // payload format indicator 1: UTF-8
				0x02, 0x01, 0x02, 0x03, 0x04, // message expiry interval 16909060 s
				0x03, 0x00, 0x10, 'a', 'p', 'p', 'l', 'i', 'c', 'a', 't', 'i', 'o', 'n', '/', 'j', 's', 'o', 'n', // content type "application/json"
				0x08, 0x00, 0x06, 'r', 'e', 's', 'p', '/', '1', // response topic "resp/1"
				0x09, 0x00, 0x03, 0x00, 0xff, 0x00, // correlation data 00 ff 00: zero bytes allowed
				0x23, 0xff, 0xff, // topic alias 65535
				'h', 'i', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Props: packet.Properties{
				PayloadFormat:   1,
				MessageExpiry:   packet.Some[uint32](0x01020304),
				ContentType:     "application/json",
				ResponseTopic:   "resp/1",
				CorrelationData: []byte{0x00, 0xff, 0x00},
				TopicAlias:      65535,
			}, Payload: []byte("hi")},
		}, {
			Name: "CONNECT properties 0x17 and 0x19 bytes, 0x21 two-byte integer, 0x27 four-byte integer", Version: packet.V5,
			Raw: []byte{
				0x10, 0x1a, // CONNECT; remaining length 26
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
				0x0c,       // property length 12
				0x17, 0x00, // request problem information 0
				0x19, 0x01, // request response information 1
				0x21, 0xff, 0xff, // receive maximum 65535
				0x27, 0x10, 0x00, 0x00, 0x04, // maximum packet size 268435460
				0x00, 0x01, 'c', // client identifier "c"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "c",
				Props: packet.Properties{
					RequestProblemInfo:  packet.Some[byte](0),
					RequestResponseInfo: 1,
					ReceiveMaximum:      65535,
					MaximumPacketSize:   268435460,
				}},
		}, {
			Name: "CONNACK properties 0x12 and 0x1A UTF-8 strings, 0x13 and 0x22 two-byte integers, 0x24, 0x25 and 0x28-0x2A bytes", Version: packet.V5,
			Raw: []byte{
				0x20, 0x2a, // CONNACK; remaining length 42
				0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
				0x27,                                                          // property length 39
				0x12, 0x00, 0x09, 'a', 'u', 't', 'o', '-', '7', 'f', '3', 'a', // assigned client identifier "auto-7f3a"
				0x13, 0x01, 0x02, // server keep alive 258 s
				0x1a, 0x00, 0x08, 't', 'o', 'p', 'i', 'c', 's', '/', 'r', // response information "topics/r"
				0x22, 0xff, 0xff, // topic alias maximum 65535
				0x24, 0x00, // maximum QoS 0
				0x25, 0x01, // retain available 1 (the default, but present)
				0x28, 0x00, // wildcard subscription available 0
				0x29, 0x00, // subscription identifiers available 0
				0x2a, 0x00, // shared subscription available 0
			},
			Want: &packet.Connack{Props: packet.Properties{
				AssignedClientID:        "auto-7f3a",
				ServerKeepAlive:         packet.Some[uint16](258),
				ResponseInfo:            "topics/r",
				TopicAliasMaximum:       65535,
				MaximumQoS:              packet.Some[byte](0),
				RetainAvailable:         packet.Some[byte](1),
				WildcardSubAvailable:    packet.Some[byte](0),
				SubscriptionIDAvailable: packet.Some[byte](0),
				SharedSubAvailable:      packet.Some[byte](0),
			}},
		}, {
			Name: "SUBSCRIBE property 0x0B subscription identifier: variable byte integer in three bytes", Version: packet.V5,
			Raw: []byte{
				0x82, 0x0b, // SUBSCRIBE (flags 0010); remaining length 11
				0x00, 0x01, // packet identifier 1
				0x04,                   // property length 4
				0x0b, 0x80, 0x80, 0x01, // subscription identifier 16384
				0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
			},
			Want: &packet.Subscribe{PacketID: 1, Props: packet.Properties{SubscriptionIDs: []uint32{16384}},
				Subscriptions: []packet.Subscription{{Filter: "a"}}},
		}, {
			Name: "DISCONNECT property 0x11 session expiry interval: four-byte integer", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x07, // DISCONNECT; remaining length 7
				0x00,                         // reason code 0x00: normal disconnection
				0x05,                         // property length 5
				0x11, 0xff, 0xff, 0xff, 0xff, // session expiry interval 0xFFFFFFFF: never expires
			},
			Want: &packet.Disconnect{Props: packet.Properties{SessionExpiry: packet.Some[uint32](0xffffffff)}},
		}, {
			Name: "AUTH properties 0x15 UTF-8 string and 0x16 binary data, empty", Version: packet.V5,
			Raw: []byte{
				0xf0, 0x15, // AUTH; remaining length 21
				0x18,                                                                              // reason code 0x18: continue authentication
				0x13,                                                                              // property length 19
				0x15, 0x00, 0x0d, 'S', 'C', 'R', 'A', 'M', '-', 'S', 'H', 'A', '-', '2', '5', '6', // authentication method "SCRAM-SHA-256"
				0x16, 0x00, 0x00, // authentication data: empty, but present
			},
			Want: &packet.Auth{ReasonCode: packet.ContinueAuthentication, Props: packet.Properties{
				AuthMethod: "SCRAM-SHA-256", AuthData: []byte{}}},
		}, {
			Name: "CONNECT will property 0x18 will delay interval: four-byte integer", Version: packet.V5,
			Raw: []byte{
				0x10, 0x1a, // CONNECT; remaining length 26
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x06, 0x00, 0x3c, // "MQTT", level 5; connect flags: will, clean start; keep alive 60 s
				0x00,            // property length 0
				0x00, 0x01, 'c', // client identifier "c"
				0x05,                         // will property length 5
				0x18, 0x00, 0x01, 0x00, 0x00, // will delay interval 65536 s
				0x00, 0x01, 'w', // will topic "w"
				0x00, 0x01, 'x', // will payload "x"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "c",
				Will: &packet.Will{Topic: "w", Payload: []byte("x"), Props: packet.Properties{WillDelay: 65536}}},
		}, {
			Name: "UNSUBSCRIBE property 0x26 user property: string pair, both empty", Version: packet.V5,
			Raw: []byte{
				0xa2, 0x0b, // UNSUBSCRIBE (flags 0010); remaining length 11
				0x00, 0x01, // packet identifier 1
				0x05,                         // property length 5
				0x26, 0x00, 0x00, 0x00, 0x00, // user property "" = ""
				0x00, 0x01, 'a', // topic filter "a"
			},
			Want: &packet.Unsubscribe{PacketID: 1, Props: packet.Properties{User: []packet.UserProperty{{}}},
				Filters: []string{"a"}},
		}, {
			Name: "SUBACK property 0x26 user property: string pair, multi-byte UTF-8", Version: packet.V5,
			Raw: []byte{
				0x90, 0x0e, // SUBACK; remaining length 14
				0x00, 0x01, // packet identifier 1
				0x0a,                         // property length 10
				0x26, 0x00, 0x02, 0xc3, 0xa9, // user property name "é"
				0x00, 0x03, 0xe6, 0x97, 0xa5, // user property value "日"
				0x00, // reason code 0x00: granted QoS 0
			},
			Want: &packet.Suback{PacketID: 1, Props: packet.Properties{User: []packet.UserProperty{{Key: "é", Value: "日"}}},
				ReasonCodes: []packet.ReasonCode{packet.GrantedQoS0}},
		},
	}
}

// propNotAllowedCases places each property but User Property, which every
// packet with properties allows, in a packet that does not allow it: a
// Malformed Packet (2.2.2.2).
func propNotAllowedCases() []Case {
	notAllowed := func(name string, raw []byte) Case {
		return Case{Name: name + " (2.2.2.2)", Version: packet.V5, Raw: raw,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket}
	}
	return []Case{
		notAllowed("DISCONNECT property 0x01 payload format indicator not allowed", []byte{
			0xe0, 0x04, // DISCONNECT; remaining length 4
			0x00,       // reason code 0x00: normal disconnection
			0x02,       // property length 2
			0x01, 0x01, // payload format indicator 1: PUBLISH and will only
		}),
		notAllowed("SUBSCRIBE property 0x02 message expiry interval not allowed", []byte{
			0x82, 0x0c, // SUBSCRIBE (flags 0010); remaining length 12
			0x00, 0x01, // packet identifier 1
			0x05,                         // property length 5
			0x02, 0x00, 0x00, 0x00, 0x3c, // message expiry interval 60 s: PUBLISH and will only
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		notAllowed("AUTH property 0x03 content type not allowed", []byte{
			0xf0, 0x06, // AUTH; remaining length 6
			0x18,                  // reason code 0x18: continue authentication
			0x04,                  // property length 4
			0x03, 0x00, 0x01, 't', // content type "t": PUBLISH and will only
		}),
		notAllowed("CONNACK property 0x08 response topic not allowed", []byte{
			0x20, 0x07, // CONNACK; remaining length 7
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x04,                  // property length 4
			0x08, 0x00, 0x01, 'r', // response topic "r": PUBLISH and will only
		}),
		notAllowed("UNSUBACK property 0x09 correlation data not allowed", []byte{
			0xb0, 0x08, // UNSUBACK; remaining length 8
			0x00, 0x01, // packet identifier 1
			0x04,                   // property length 4
			0x09, 0x00, 0x01, 0x2a, // correlation data 2a: PUBLISH and will only
			0x00, // reason code 0x00: success
		}),
		notAllowed("UNSUBSCRIBE property 0x0B subscription identifier not allowed", []byte{
			0xa2, 0x08, // UNSUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x01, // packet identifier 1
			0x02,       // property length 2
			0x0b, 0x01, // subscription identifier 1: PUBLISH and SUBSCRIBE only
			0x00, 0x01, 'a', // topic filter "a"
		}),
		notAllowed("CONNECT property 0x0B subscription identifier not allowed in will properties", []byte{
			0x10, 0x17, // CONNECT; remaining length 23
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x06, 0x00, 0x3c, // "MQTT", level 5; connect flags: will, clean start; keep alive 60 s
			0x00,            // property length 0
			0x00, 0x01, 'c', // client identifier "c"
			0x02,       // will property length 2
			0x0b, 0x01, // subscription identifier 1: not a will property
			0x00, 0x01, 'w', // will topic "w"
			0x00, 0x01, 'x', // will payload "x"
		}),
		notAllowed("AUTH property 0x11 session expiry interval not allowed", []byte{
			0xf0, 0x07, // AUTH; remaining length 7
			0x18,                         // reason code 0x18: continue authentication
			0x05,                         // property length 5
			0x11, 0x00, 0x00, 0x00, 0x3c, // session expiry interval 60 s: CONNECT, CONNACK and DISCONNECT only
		}),
		notAllowed("CONNECT property 0x12 assigned client identifier not allowed", []byte{
			0x10, 0x12, // CONNECT; remaining length 18
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x04,                  // property length 4
			0x12, 0x00, 0x01, 'x', // assigned client identifier "x": CONNACK only
			0x00, 0x01, 'c', // client identifier "c"
		}),
		notAllowed("CONNECT property 0x13 server keep alive not allowed", []byte{
			0x10, 0x11, // CONNECT; remaining length 17
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x03,             // property length 3
			0x13, 0x00, 0x3c, // server keep alive 60 s: CONNACK only
			0x00, 0x01, 'c', // client identifier "c"
		}),
		notAllowed("DISCONNECT property 0x15 authentication method not allowed", []byte{
			0xe0, 0x06, // DISCONNECT; remaining length 6
			0x00,                  // reason code 0x00: normal disconnection
			0x04,                  // property length 4
			0x15, 0x00, 0x01, 'm', // authentication method "m": CONNECT, CONNACK and AUTH only
		}),
		notAllowed("PUBLISH property 0x16 authentication data not allowed", []byte{
			0x30, 0x0c, // PUBLISH, QoS 0; remaining length 12
			0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			0x04,                   // property length 4
			0x16, 0x00, 0x01, 0x01, // authentication data 01: CONNECT, CONNACK and AUTH only
			'h', 'i', // payload
		}),
		notAllowed("CONNACK property 0x17 request problem information not allowed", []byte{
			0x20, 0x05, // CONNACK; remaining length 5
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x02,       // property length 2
			0x17, 0x01, // request problem information 1: CONNECT only
		}),
		notAllowed("DISCONNECT property 0x18 will delay interval not allowed", []byte{
			0xe0, 0x07, // DISCONNECT; remaining length 7
			0x04,                         // reason code 0x04: disconnect with will message
			0x05,                         // property length 5
			0x18, 0x00, 0x00, 0x00, 0x0a, // will delay interval 10 s: will properties only
		}),
		notAllowed("SUBSCRIBE property 0x19 request response information not allowed", []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x02,       // property length 2
			0x19, 0x01, // request response information 1: CONNECT only
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		notAllowed("CONNECT property 0x1A response information not allowed", []byte{
			0x10, 0x12, // CONNECT; remaining length 18
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x04,                  // property length 4
			0x1a, 0x00, 0x01, 'r', // response information "r": CONNACK only
			0x00, 0x01, 'c', // client identifier "c"
		}),
		notAllowed("AUTH property 0x1C server reference not allowed", []byte{
			0xf0, 0x06, // AUTH; remaining length 6
			0x18,                  // reason code 0x18: continue authentication
			0x04,                  // property length 4
			0x1c, 0x00, 0x01, 's', // server reference "s": CONNACK and DISCONNECT only
		}),
		notAllowed("SUBSCRIBE property 0x1F reason string not allowed", []byte{
			0x82, 0x0b, // SUBSCRIBE (flags 0010); remaining length 11
			0x00, 0x01, // packet identifier 1
			0x04,                  // property length 4
			0x1f, 0x00, 0x01, 'r', // reason string "r": not in requests
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		notAllowed("DISCONNECT property 0x21 receive maximum not allowed", []byte{
			0xe0, 0x05, // DISCONNECT; remaining length 5
			0x00,             // reason code 0x00: normal disconnection
			0x03,             // property length 3
			0x21, 0x00, 0x0a, // receive maximum 10: CONNECT and CONNACK only
		}),
		notAllowed("PUBLISH property 0x22 topic alias maximum not allowed", []byte{
			0x30, 0x0b, // PUBLISH, QoS 0; remaining length 11
			0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			0x03,             // property length 3
			0x22, 0x00, 0x0a, // topic alias maximum 10: CONNECT and CONNACK only
			'h', 'i', // payload
		}),
		notAllowed("SUBACK property 0x23 topic alias not allowed", []byte{
			0x90, 0x07, // SUBACK; remaining length 7
			0x00, 0x01, // packet identifier 1
			0x03,             // property length 3
			0x23, 0x00, 0x01, // topic alias 1: PUBLISH only
			0x00, // reason code 0x00: granted QoS 0
		}),
		notAllowed("CONNECT property 0x24 maximum QoS not allowed", []byte{
			0x10, 0x10, // CONNECT; remaining length 16
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x02,       // property length 2
			0x24, 0x01, // maximum QoS 1: CONNACK only
			0x00, 0x01, 'c', // client identifier "c"
		}),
		notAllowed("SUBACK property 0x25 retain available not allowed", []byte{
			0x90, 0x06, // SUBACK; remaining length 6
			0x00, 0x01, // packet identifier 1
			0x02,       // property length 2
			0x25, 0x01, // retain available 1: CONNACK only
			0x00, // reason code 0x00: granted QoS 0
		}),
		notAllowed("UNSUBSCRIBE property 0x27 maximum packet size not allowed", []byte{
			0xa2, 0x0b, // UNSUBSCRIBE (flags 0010); remaining length 11
			0x00, 0x01, // packet identifier 1
			0x05,                         // property length 5
			0x27, 0x00, 0x00, 0x04, 0x00, // maximum packet size 1024: CONNECT and CONNACK only
			0x00, 0x01, 'a', // topic filter "a"
		}),
		notAllowed("SUBSCRIBE property 0x28 wildcard subscription available not allowed", []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x02,       // property length 2
			0x28, 0x01, // wildcard subscription available 1: CONNACK only
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		notAllowed("CONNECT property 0x29 subscription identifiers available not allowed", []byte{
			0x10, 0x10, // CONNECT; remaining length 16
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x02,       // property length 2
			0x29, 0x01, // subscription identifiers available 1: CONNACK only
			0x00, 0x01, 'c', // client identifier "c"
		}),
		notAllowed("DISCONNECT property 0x2A shared subscription available not allowed", []byte{
			0xe0, 0x04, // DISCONNECT; remaining length 4
			0x00,       // reason code 0x00: normal disconnection
			0x02,       // property length 2
			0x2a, 0x01, // shared subscription available 1: CONNACK only
		}),
		notAllowed("PUBACK property 0x03 content type not allowed", []byte{
			0x40, 0x08, // PUBACK; remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00,                  // reason code 0x00: success
			0x04,                  // property length 4
			0x03, 0x00, 0x01, 't', // content type "t": PUBLISH and will only
		}),
	}
}

// propDuplicateCases repeats each property that may appear only once: a
// Protocol Error, stated in the section each name cites.
func propDuplicateCases() []Case {
	duplicate := func(name, section string, raw []byte) Case {
		return Case{Name: name + " (" + section + ")", Version: packet.V5, Raw: raw,
			Err: packet.ErrDuplicateProperty, Code: packet.ProtocolError}
	}
	return []Case{
		duplicate("PUBLISH property 0x01 payload format indicator twice", "3.3.2.3.2", []byte{
			0x30, 0x0c, // PUBLISH, QoS 0; remaining length 12
			0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			0x04,       // property length 4
			0x01, 0x00, // payload format indicator 0
			0x01, 0x01, // payload format indicator again
			'h', 'i', // payload
		}),
		duplicate("PUBLISH property 0x02 message expiry interval twice", "3.3.2.3.3", []byte{
			0x30, 0x12, // PUBLISH, QoS 0; remaining length 18
			0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			0x0a,                         // property length 10
			0x02, 0x00, 0x00, 0x00, 0x0a, // message expiry interval 10 s
			0x02, 0x00, 0x00, 0x00, 0x14, // message expiry interval again
			'h', 'i', // payload
		}),
		duplicate("CONNECT will property 0x03 content type twice", "3.1.3.2.5", []byte{
			0x10, 0x1d, // CONNECT; remaining length 29
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x06, 0x00, 0x3c, // "MQTT", level 5; connect flags: will, clean start; keep alive 60 s
			0x00,            // property length 0
			0x00, 0x01, 'c', // client identifier "c"
			0x08,                  // will property length 8
			0x03, 0x00, 0x01, 'a', // content type "a"
			0x03, 0x00, 0x01, 'b', // content type again
			0x00, 0x01, 'w', // will topic "w"
			0x00, 0x01, 'x', // will payload "x"
		}),
		duplicate("PUBLISH property 0x08 response topic twice", "3.3.2.3.5", []byte{
			0x30, 0x10, // PUBLISH, QoS 0; remaining length 16
			0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			0x08,                  // property length 8
			0x08, 0x00, 0x01, 'r', // response topic "r"
			0x08, 0x00, 0x01, 'r', // response topic again, same value
			'h', 'i', // payload
		}),
		duplicate("PUBLISH property 0x09 correlation data twice", "3.3.2.3.6", []byte{
			0x30, 0x10, // PUBLISH, QoS 0; remaining length 16
			0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			0x08,                   // property length 8
			0x09, 0x00, 0x01, 0x01, // correlation data 01
			0x09, 0x00, 0x01, 0x02, // correlation data again
			'h', 'i', // payload
		}),
		duplicate("SUBSCRIBE property 0x0B subscription identifier twice", "3.8.2.1.2", []byte{
			0x82, 0x0b, // SUBSCRIBE (flags 0010); remaining length 11
			0x00, 0x01, // packet identifier 1
			0x04,       // property length 4
			0x0b, 0x01, // subscription identifier 1
			0x0b, 0x02, // subscription identifier again: only PUBLISH may carry several
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		duplicate("DISCONNECT property 0x11 session expiry interval twice", "3.14.2.2.2", []byte{
			0xe0, 0x0c, // DISCONNECT; remaining length 12
			0x00,                         // reason code 0x00: normal disconnection
			0x0a,                         // property length 10
			0x11, 0x00, 0x00, 0x00, 0x00, // session expiry interval 0
			0x11, 0x00, 0x00, 0x00, 0x3c, // session expiry interval again
		}),
		duplicate("CONNACK property 0x12 assigned client identifier twice", "3.2.2.3.7", []byte{
			0x20, 0x0b, // CONNACK; remaining length 11
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x08,                  // property length 8
			0x12, 0x00, 0x01, 'a', // assigned client identifier "a"
			0x12, 0x00, 0x01, 'b', // assigned client identifier again
		}),
		duplicate("CONNACK property 0x13 server keep alive twice", "3.2.2.3.14", []byte{
			0x20, 0x09, // CONNACK; remaining length 9
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x06,             // property length 6
			0x13, 0x00, 0x0a, // server keep alive 10 s
			0x13, 0x00, 0x0a, // server keep alive again, same value
		}),
		duplicate("AUTH property 0x15 authentication method twice", "3.15.2.2.2", []byte{
			0xf0, 0x0a, // AUTH; remaining length 10
			0x18,                  // reason code 0x18: continue authentication
			0x08,                  // property length 8
			0x15, 0x00, 0x01, 'm', // authentication method "m"
			0x15, 0x00, 0x01, 'm', // authentication method again
		}),
		duplicate("AUTH property 0x16 authentication data twice", "3.15.2.2.3", []byte{
			0xf0, 0x0e, // AUTH; remaining length 14
			0x18,                  // reason code 0x18: continue authentication
			0x0c,                  // property length 12
			0x15, 0x00, 0x01, 'm', // authentication method "m"
			0x16, 0x00, 0x01, 0x01, // authentication data 01
			0x16, 0x00, 0x01, 0x02, // authentication data again
		}),
		duplicate("CONNECT property 0x17 request problem information twice", "3.1.2.11.7", []byte{
			0x10, 0x12, // CONNECT; remaining length 18
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x04,       // property length 4
			0x17, 0x01, // request problem information 1
			0x17, 0x01, // request problem information again
			0x00, 0x01, 'c', // client identifier "c"
		}),
		duplicate("CONNECT will property 0x18 will delay interval twice, with another between", "3.1.3.2.2", []byte{
			0x10, 0x21, // CONNECT; remaining length 33
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x06, 0x00, 0x3c, // "MQTT", level 5; connect flags: will, clean start; keep alive 60 s
			0x00,            // property length 0
			0x00, 0x01, 'c', // client identifier "c"
			0x0c,                         // will property length 12
			0x18, 0x00, 0x00, 0x00, 0x01, // will delay interval 1 s
			0x01, 0x01, // payload format indicator 1
			0x18, 0x00, 0x00, 0x00, 0x02, // will delay interval again
			0x00, 0x01, 'w', // will topic "w"
			0x00, 0x01, 'x', // will payload "x"
		}),
		duplicate("CONNECT property 0x19 request response information twice", "3.1.2.11.6", []byte{
			0x10, 0x12, // CONNECT; remaining length 18
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x04,       // property length 4
			0x19, 0x00, // request response information 0
			0x19, 0x01, // request response information again
			0x00, 0x01, 'c', // client identifier "c"
		}),
		duplicate("CONNACK property 0x1A response information twice", "3.2.2.3.15", []byte{
			0x20, 0x0b, // CONNACK; remaining length 11
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x08,                  // property length 8
			0x1a, 0x00, 0x01, 'a', // response information "a"
			0x1a, 0x00, 0x01, 'b', // response information again
		}),
		duplicate("DISCONNECT property 0x1C server reference twice", "3.14.2.2.5", []byte{
			0xe0, 0x0a, // DISCONNECT; remaining length 10
			0x9c,                  // reason code 0x9C: use another server
			0x08,                  // property length 8
			0x1c, 0x00, 0x01, 'a', // server reference "a"
			0x1c, 0x00, 0x01, 'b', // server reference again
		}),
		duplicate("SUBACK property 0x1F reason string twice", "3.9.2.1.2", []byte{
			0x90, 0x0c, // SUBACK; remaining length 12
			0x00, 0x01, // packet identifier 1
			0x08,                  // property length 8
			0x1f, 0x00, 0x01, 'a', // reason string "a"
			0x1f, 0x00, 0x01, 'b', // reason string again
			0x80, // reason code 0x80: unspecified error
		}),
		duplicate("DISCONNECT property 0x1F reason string twice, a user property between", "3.14.2.2.3", []byte{
			0xe0, 0x11, // DISCONNECT; remaining length 17
			0x80,                  // reason code 0x80: unspecified error
			0x0f,                  // property length 15
			0x1f, 0x00, 0x01, 'a', // reason string "a"
			0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
			0x1f, 0x00, 0x01, 'b', // reason string again
		}),
		duplicate("CONNECT property 0x21 receive maximum twice", "3.1.2.11.3", []byte{
			0x10, 0x14, // CONNECT; remaining length 20
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x06,             // property length 6
			0x21, 0x00, 0x0a, // receive maximum 10
			0x21, 0x00, 0x0a, // receive maximum again, same value
			0x00, 0x01, 'c', // client identifier "c"
		}),
		duplicate("CONNACK property 0x22 topic alias maximum twice", "3.2.2.3.8", []byte{
			0x20, 0x09, // CONNACK; remaining length 9
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x06,             // property length 6
			0x22, 0x00, 0x05, // topic alias maximum 5
			0x22, 0x00, 0x06, // topic alias maximum again
		}),
		duplicate("PUBLISH property 0x23 topic alias twice, same value", "3.3.2.3.4", []byte{
			0x30, 0x0e, // PUBLISH, QoS 0; remaining length 14
			0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			0x06,             // property length 6
			0x23, 0x00, 0x01, // topic alias 1
			0x23, 0x00, 0x01, // topic alias again
			'h', 'i', // payload
		}),
		duplicate("CONNACK property 0x24 maximum QoS twice", "3.2.2.3.4", []byte{
			0x20, 0x07, // CONNACK; remaining length 7
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x04,       // property length 4
			0x24, 0x01, // maximum QoS 1
			0x24, 0x01, // maximum QoS again
		}),
		duplicate("CONNACK property 0x25 retain available twice", "3.2.2.3.5", []byte{
			0x20, 0x07, // CONNACK; remaining length 7
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x04,       // property length 4
			0x25, 0x00, // retain available 0
			0x25, 0x00, // retain available again
		}),
		duplicate("CONNECT property 0x27 maximum packet size twice", "3.1.2.11.4", []byte{
			0x10, 0x18, // CONNECT; remaining length 24
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x0a,                         // property length 10
			0x27, 0x00, 0x00, 0x04, 0x00, // maximum packet size 1024
			0x27, 0x00, 0x00, 0x04, 0x00, // maximum packet size again
			0x00, 0x01, 'c', // client identifier "c"
		}),
		duplicate("CONNACK property 0x28 wildcard subscription available twice", "3.2.2.3.11", []byte{
			0x20, 0x07, // CONNACK; remaining length 7
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x04,       // property length 4
			0x28, 0x00, // wildcard subscription available 0
			0x28, 0x01, // wildcard subscription available again
		}),
		duplicate("CONNACK property 0x29 subscription identifiers available twice", "3.2.2.3.12", []byte{
			0x20, 0x07, // CONNACK; remaining length 7
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x04,       // property length 4
			0x29, 0x01, // subscription identifiers available 1
			0x29, 0x00, // subscription identifiers available again
		}),
		duplicate("CONNACK property 0x2A shared subscription available twice", "3.2.2.3.13", []byte{
			0x20, 0x07, // CONNACK; remaining length 7
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x04,       // property length 4
			0x2a, 0x01, // shared subscription available 1
			0x2a, 0x01, // shared subscription available again
		}),
	}
}

// propRepeatCases holds the repetitions MQTT 5.0 allows: User Property
// anywhere, and Subscription Identifier in PUBLISH. It also holds valid
// properties that do not re-encode to the same bytes.
func propRepeatCases() []Case {
	return []Case{
		{
			Name: "PUBLISH [MQTT-3.3.2-18] user property repeated, one name twice, order kept", Version: packet.V5,
			Raw: []byte{
				0x30, 0x1d, // PUBLISH, QoS 0; remaining length 29
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x15,                                   // property length 21
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, '1', // user property "k" = "1"
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, '2', // user property "k" = "2"
				0x26, 0x00, 0x01, 'a', 0x00, 0x01, '3', // user property "a" = "3"
				'h', 'i', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Props: packet.Properties{User: []packet.UserProperty{
				{Key: "k", Value: "1"}, {Key: "k", Value: "2"}, {Key: "a", Value: "3"}}}, Payload: []byte("hi")},
		}, {
			Name: "SUBSCRIBE user property twice with the same name and value (3.8.2.1.3)", Version: packet.V5,
			Raw: []byte{
				0x82, 0x15, // SUBSCRIBE (flags 0010); remaining length 21
				0x00, 0x01, // packet identifier 1
				0x0e,                                   // property length 14
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v" again
				0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
			},
			Want: &packet.Subscribe{PacketID: 1, Props: packet.Properties{User: []packet.UserProperty{
				{Key: "k", Value: "v"}, {Key: "k", Value: "v"}}}, Subscriptions: []packet.Subscription{{Filter: "a"}}},
		}, {
			Name: "PUBLISH subscription identifier three times, one, two and four bytes (3.3.2.3.8)", Version: packet.V5,
			Raw: []byte{
				0x30, 0x12, // PUBLISH, QoS 0; remaining length 18
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x0a,       // property length 10
				0x0b, 0x01, // subscription identifier 1
				0x0b, 0x80, 0x01, // subscription identifier 128
				0x0b, 0xff, 0xff, 0xff, 0x7f, // subscription identifier 268435455
				'h', 'i', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Props: packet.Properties{SubscriptionIDs: []uint32{1, 128, 268435455}},
				Payload: []byte("hi")},
		}, {
			Name: "PUBLISH subscription identifiers and user properties interleaved", Version: packet.V5,
			Raw: []byte{
				0x30, 0x1a, // PUBLISH, QoS 0; remaining length 26
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x12,       // property length 18
				0x0b, 0x07, // subscription identifier 7
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, '1', // user property "k" = "1"
				0x0b, 0x03, // subscription identifier 3
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, '2', // user property "k" = "2"
				'h', 'i', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Props: packet.Properties{SubscriptionIDs: []uint32{7, 3},
				User: []packet.UserProperty{{Key: "k", Value: "1"}, {Key: "k", Value: "2"}}}, Payload: []byte("hi")},
			DecodeOnly: true, // the encoder groups the properties by identifier, keeping each list's order
		}, {
			Name: "DISCONNECT reason string before session expiry interval (2.2.2.2: order not significant)", Version: packet.V5,
			Raw: []byte{
				0xe0, 0x0c, // DISCONNECT; remaining length 12
				0x00,                       // reason code 0x00: normal disconnection
				0x0a,                       // property length 10
				0x1f, 0x00, 0x02, 'b', 'y', // reason string "by"
				0x11, 0x00, 0x00, 0x00, 0x3c, // session expiry interval 60 s
			},
			Want:       &packet.Disconnect{Props: packet.Properties{ReasonString: "by", SessionExpiry: packet.Some[uint32](60)}},
			DecodeOnly: true, // encoded in ascending identifier order
		}, {
			Name: "SUBACK user property before reason string (2.2.2.2: order not significant)", Version: packet.V5,
			Raw: []byte{
				0x90, 0x0f, // SUBACK; remaining length 15
				0x00, 0x01, // packet identifier 1
				0x0b,                                   // property length 11
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
				0x1f, 0x00, 0x01, 'r', // reason string "r"
				0x01, // reason code 0x01: granted QoS 1
			},
			Want: &packet.Suback{PacketID: 1, Props: packet.Properties{ReasonString: "r",
				User: []packet.UserProperty{{Key: "k", Value: "v"}}}, ReasonCodes: []packet.ReasonCode{packet.GrantedQoS1}},
			DecodeOnly: true, // encoded in ascending identifier order
		}, {
			Name: "UNSUBACK empty reason string", Version: packet.V5,
			Raw: []byte{
				0xb0, 0x07, // UNSUBACK; remaining length 7
				0x00, 0x01, // packet identifier 1
				0x03,             // property length 3
				0x1f, 0x00, 0x00, // reason string ""
				0x00, // reason code 0x00: success
			},
			Want:       &packet.Unsuback{PacketID: 1, ReasonCodes: []packet.ReasonCode{packet.Success}},
			DecodeOnly: true, // an empty reason string is not encoded
		},
	}
}

// propValueCases holds property values the specification forbids.
func propValueCases() []Case {
	invalid := func(name, section string, raw []byte) Case {
		return Case{Name: name + " (" + section + ")", Version: packet.V5, Raw: raw,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError}
	}
	bad := func(name string, err error, code packet.ReasonCode, raw []byte) Case {
		return Case{Name: name, Version: packet.V5, Err: err, Code: code, Raw: raw}
	}
	return []Case{
		invalid("PUBLISH property 0x01 payload format indicator 2", "3.3.2.3.2 defines 0 and 1", []byte{
			0x30, 0x0a, // PUBLISH, QoS 0; remaining length 10
			0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			0x02,       // property length 2
			0x01, 0x02, // payload format indicator 2
			'h', 'i', // payload
		}),
		invalid("CONNECT property 0x17 request problem information 2", "3.1.2.11.7", []byte{
			0x10, 0x10, // CONNECT; remaining length 16
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x02,       // property length 2
			0x17, 0x02, // request problem information 2
			0x00, 0x01, 'c', // client identifier "c"
		}),
		invalid("CONNECT property 0x19 request response information 2", "3.1.2.11.6", []byte{
			0x10, 0x10, // CONNECT; remaining length 16
			0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, // "MQTT", level 5; connect flags: clean start; keep alive 60 s
			0x02,       // property length 2
			0x19, 0x02, // request response information 2
			0x00, 0x01, 'c', // client identifier "c"
		}),
		invalid("CONNACK property 0x24 maximum QoS 2", "3.2.2.3.4", []byte{
			0x20, 0x05, // CONNACK; remaining length 5
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x02,       // property length 2
			0x24, 0x02, // maximum QoS 2: absent means 2, present must be 0 or 1
		}),
		invalid("CONNACK property 0x25 retain available 2", "3.2.2.3.5", []byte{
			0x20, 0x05, // CONNACK; remaining length 5
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x02,       // property length 2
			0x25, 0x02, // retain available 2
		}),
		invalid("CONNACK property 0x28 wildcard subscription available 2", "3.2.2.3.11", []byte{
			0x20, 0x05, // CONNACK; remaining length 5
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x02,       // property length 2
			0x28, 0x02, // wildcard subscription available 2
		}),
		invalid("CONNACK property 0x29 subscription identifiers available 2", "3.2.2.3.12", []byte{
			0x20, 0x05, // CONNACK; remaining length 5
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x02,       // property length 2
			0x29, 0x02, // subscription identifiers available 2
		}),
		invalid("CONNACK property 0x2A shared subscription available 0xFF", "3.2.2.3.13", []byte{
			0x20, 0x05, // CONNACK; remaining length 5
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x02,       // property length 2
			0x2a, 0xff, // shared subscription available 255
		}),
		invalid("SUBSCRIBE property 0x0B subscription identifier 0", "3.8.2.1.2", []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x02,       // property length 2
			0x0b, 0x00, // subscription identifier 0
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		bad("PUBLISH [MQTT-3.3.2-14] wildcard in response topic", packet.ErrWildcardInTopic, packet.ProtocolError, []byte{
			0x30, 0x0e, // PUBLISH, QoS 0; remaining length 14
			0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			0x06,                            // property length 6
			0x08, 0x00, 0x03, 'r', '/', '#', // response topic "r/#"
			'h', 'i', // payload
		}),
		bad("SUBSCRIBE [MQTT-1.5.7-1] [MQTT-1.5.4-2] U+0000 in user property name", packet.ErrNullChar, packet.MalformedPacket, []byte{
			0x82, 0x0e, // SUBSCRIBE (flags 0010); remaining length 14
			0x00, 0x01, // packet identifier 1
			0x07,                   // property length 7
			0x26, 0x00, 0x01, 0x00, // user property name "\x00"
			0x00, 0x01, 'v', // user property value "v"
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		bad("AUTH [MQTT-1.5.4-1] encoded surrogate in authentication method", packet.ErrInvalidUTF8, packet.MalformedPacket, []byte{
			0xf0, 0x08, // AUTH; remaining length 8
			0x18,                               // reason code 0x18: continue authentication
			0x06,                               // property length 6
			0x15, 0x00, 0x03, 0xed, 0xa0, 0x80, // authentication method: U+D800 encoded
		}),
		bad("UNSUBACK [MQTT-1.5.4-1] overlong U+0000 in reason string", packet.ErrInvalidUTF8, packet.MalformedPacket, []byte{
			0xb0, 0x09, // UNSUBACK; remaining length 9
			0x00, 0x01, // packet identifier 1
			0x05,                         // property length 5
			0x1f, 0x00, 0x02, 0xc0, 0x80, // reason string: U+0000 in two bytes
			0x00, // reason code 0x00: success
		}),
	}
}

// propEncodingCases holds malformed property lengths, identifiers and
// variable byte integers [MQTT-1.5.5-1].
func propEncodingCases() []Case {
	malformed := func(name string, err error, raw []byte) Case {
		return Case{Name: name, Version: packet.V5, Raw: raw, Err: err, Code: packet.MalformedPacket}
	}
	return []Case{
		// Variable byte integers.
		malformed("SUBSCRIBE subscription identifier in 5 bytes (1.5.5: at most 4)", packet.ErrVarIntTooLong, []byte{
			0x82, 0x0d, // SUBSCRIBE (flags 0010); remaining length 13
			0x00, 0x01, // packet identifier 1
			0x06,                               // property length 6
			0x0b, 0x80, 0x80, 0x80, 0x80, 0x01, // subscription identifier: 5-byte variable byte integer
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		malformed("SUBSCRIBE [MQTT-1.5.5-1] subscription identifier 1 in two bytes", packet.ErrVarIntNotMinimal, []byte{
			0x82, 0x0a, // SUBSCRIBE (flags 0010); remaining length 10
			0x00, 0x01, // packet identifier 1
			0x03,             // property length 3
			0x0b, 0x81, 0x00, // subscription identifier 1, not in its shortest form
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		malformed("DISCONNECT property length in 5 bytes (1.5.5: at most 4)", packet.ErrVarIntTooLong, []byte{
			0xe0, 0x06, // DISCONNECT; remaining length 6
			0x00,                         // reason code 0x00: normal disconnection
			0x80, 0x80, 0x80, 0x80, 0x01, // property length: 5-byte variable byte integer
		}),
		malformed("DISCONNECT [MQTT-1.5.5-1] property length 0 in two bytes", packet.ErrVarIntNotMinimal, []byte{
			0xe0, 0x03, // DISCONNECT; remaining length 3
			0x00,       // reason code 0x00: normal disconnection
			0x80, 0x00, // property length 0, not in its shortest form
		}),
		malformed("AUTH [MQTT-1.5.5-1] property length 6 in two bytes", packet.ErrVarIntNotMinimal, []byte{
			0xf0, 0x09, // AUTH; remaining length 9
			0x18,       // reason code 0x18: continue authentication
			0x86, 0x00, // property length 6, not in its shortest form
			0x15, 0x00, 0x03, 't', 'o', 'k', // authentication method "tok"
		}),
		malformed("SUBACK [MQTT-1.5.5-1] property identifier 0x26 in two bytes", packet.ErrVarIntNotMinimal, []byte{
			0x90, 0x0c, // SUBACK; remaining length 12
			0x00, 0x01, // packet identifier 1
			0x08,       // property length 8
			0xa6, 0x00, // property identifier 0x26 (user property), not in its shortest form
			0x00, 0x01, 'k', 0x00, 0x01, 'v', // "k" = "v"
			0x00, // reason code 0x00: granted QoS 0
		}),
		malformed("SUBSCRIBE [MQTT-1.5.5-1] remaining length in 5 bytes", packet.ErrVarIntTooLong, []byte{
			0x82,                         // SUBSCRIBE (flags 0010)
			0xff, 0xff, 0xff, 0xff, 0x7f, // remaining length: 5-byte variable byte integer
		}),
		malformed("UNSUBACK [MQTT-1.5.5-1] remaining length 4 in two bytes", packet.ErrVarIntNotMinimal, []byte{
			0xb0,       // UNSUBACK
			0x84, 0x00, // remaining length 4, not in its shortest form
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0
			0x00, // reason code 0x00: success
		}),

		// Unknown property identifiers.
		malformed("DISCONNECT unknown property identifier 0x00 (2.2.2.2)", packet.ErrUnknownProperty, []byte{
			0xe0, 0x04, // DISCONNECT; remaining length 4
			0x00,       // reason code 0x00: normal disconnection
			0x02,       // property length 2
			0x00, 0x00, // property 0x00: not defined
		}),
		malformed("UNSUBACK unknown property identifier 0x14 (2.2.2.2)", packet.ErrUnknownProperty, []byte{
			0xb0, 0x06, // UNSUBACK; remaining length 6
			0x00, 0x01, // packet identifier 1
			0x02,       // property length 2
			0x14, 0x00, // property 0x14: not defined
			0x00, // reason code 0x00: success
		}),
		malformed("SUBACK unknown property identifier 0x7F (2.2.2.2)", packet.ErrUnknownProperty, []byte{
			0x90, 0x06, // SUBACK; remaining length 6
			0x00, 0x01, // packet identifier 1
			0x02,       // property length 2
			0x7f, 0x00, // property 0x7F: not defined
			0x00, // reason code 0x00: granted QoS 0
		}),
		malformed("AUTH unknown property identifier 128 in two bytes (2.2.2.2)", packet.ErrUnknownProperty, []byte{
			0xf0, 0x05, // AUTH; remaining length 5
			0x18,             // reason code 0x18: continue authentication
			0x03,             // property length 3
			0x80, 0x01, 0x00, // property 128: not defined
		}),

		// Lengths.
		malformed("DISCONNECT property length larger than the remaining bytes", packet.ErrTruncated, []byte{
			0xe0, 0x03, // DISCONNECT; remaining length 3
			0x00, // reason code 0x00: normal disconnection
			0x05, // property length 5, but 1 byte remains
			0x26, // user property identifier
		}),
		malformed("SUBSCRIBE property length covers the payload and more", packet.ErrTruncated, []byte{
			0x82, 0x07, // SUBSCRIBE (flags 0010); remaining length 7
			0x00, 0x01, // packet identifier 1
			0x0a,                  // property length 10, but 4 bytes remain
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		malformed("SUBSCRIBE subscription identifier crosses the end of the property length", packet.ErrTruncated, []byte{
			0x82, 0x0a, // SUBSCRIBE (flags 0010); remaining length 10
			0x00, 0x01, // packet identifier 1
			0x02,       // property length 2
			0x0b, 0x80, // subscription identifier: first byte, continuation bit set
			0x01,                  // its second byte, outside the properties
			0x00, 0x01, 'a', 0x00, // topic filter "a"; options: QoS 0
		}),
		malformed("UNSUBACK user property value crosses the end of the property length", packet.ErrTruncated, []byte{
			0xb0, 0x0b, // UNSUBACK; remaining length 11
			0x00, 0x01, // packet identifier 1
			0x04,                  // property length 4
			0x26, 0x00, 0x01, 'k', // user property name "k"
			0x00, 0x01, 'v', // its value, outside the properties
			0x00, // reason code 0x00: success
		}),
		malformed("AUTH reason string crosses the end of the property length", packet.ErrTruncated, []byte{
			0xf0, 0x0a, // AUTH; remaining length 10
			0x18,             // reason code 0x18: continue authentication
			0x03,             // property length 3
			0x1f, 0x00, 0x05, // reason string of 5 bytes
			'a', 'b', 'c', 'd', 'e', // its bytes, outside the properties
		}),
		malformed("CONNACK server keep alive crosses the end of the property length", packet.ErrTruncated, []byte{
			0x20, 0x06, // CONNACK; remaining length 6
			0x00, 0x00, // acknowledge flags: none; reason code 0x00: success
			0x02,       // property length 2
			0x13, 0x00, // server keep alive: 1 of 2 bytes inside the properties
			0x0a, // its second byte, outside the properties
		}),
	}
}
