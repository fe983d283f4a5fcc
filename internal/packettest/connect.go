package packettest

import "github.com/ternmq/tern/packet"

// connectCases returns the CONNECT fixtures. A 3.1 CONNECT names its
// protocol "MQIsdp" (level 3); 3.1.1 and 5.0 name it "MQTT" (levels 4 and
// 5). Statement numbers follow the version of the fixture: 3.1.1 and 5.0
// number several rules differently.
func connectCases() []Case {
	return append(connectValid(), connectMalformed()...)
}

func connectValid() []Case {
	return []Case{
		{
			Name: "CONNECT 3.1 MQIsdp, clean session", Version: packet.V31,
			Raw: []byte{
				0x10, 0x11, // CONNECT; remaining length 17
				0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, // protocol name "MQIsdp", level 3
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'c', '3', '1', // client identifier "c31"
			},
			Want: &packet.Connect{Version: packet.V31, CleanStart: true, KeepAlive: 60, ClientID: "c31"},
		}, {
			Name: "CONNECT 3.1 will QoS 1, user name and password", Version: packet.V31,
			Raw: []byte{
				0x10, 0x1d, // CONNECT; remaining length 29
				0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, // protocol name "MQIsdp", level 3
				0xce, 0x00, 0x3c, // connect flags: user name, password, will QoS 1, will, clean session; keep alive 60 s
				0x00, 0x03, 'c', '3', '1', // client identifier "c31"
				0x00, 0x01, 'w', // will topic "w"
				0x00, 0x01, 'x', // will message "x"
				0x00, 0x01, 'u', // user name "u"
				0x00, 0x01, 'p', // password "p"
			},
			Want: &packet.Connect{Version: packet.V31, CleanStart: true, KeepAlive: 60, ClientID: "c31",
				Will:         &packet.Will{QoS: 1, Topic: "w", Payload: []byte("x")},
				UsernameFlag: true, Username: "u", PasswordFlag: true, Password: []byte("p")},
		}, {
			Name: "CONNECT minimal, clean session", Version: packet.V311,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true, KeepAlive: 60, ClientID: "abc"},
		}, {
			Name: "CONNECT [MQTT-3.1.3-7] empty client identifier with clean session", Version: packet.V311,
			Raw: []byte{
				0x10, 0x0c, // CONNECT; remaining length 12
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x00, // connect flags: clean session; keep alive 0: off
				0x00, 0x00, // client identifier ""
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true},
		}, {
			Name: "CONNECT persistent session, keep alive 65535", Version: packet.V311,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x00, 0xff, 0xff, // connect flags: none (clean session 0); keep alive 65535 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
			Want: &packet.Connect{Version: packet.V311, KeepAlive: 65535, ClientID: "abc"},
		}, {
			Name: "CONNECT will QoS 0", Version: packet.V311,
			Raw: []byte{
				0x10, 0x19, // CONNECT; remaining length 25
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x06, 0x00, 0x3c, // connect flags: will, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will message "bye"
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Will: &packet.Will{Topic: "w/t", Payload: []byte("bye")}},
		}, {
			Name: "CONNECT will QoS 1, will retain", Version: packet.V311,
			Raw: []byte{
				0x10, 0x19, // CONNECT; remaining length 25
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x2e, 0x00, 0x3c, // connect flags: will retain, will QoS 1, will, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will message "bye"
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Will: &packet.Will{QoS: 1, Retain: true, Topic: "w/t", Payload: []byte("bye")}},
		}, {
			Name: "CONNECT will QoS 2, empty will message", Version: packet.V311,
			Raw: []byte{
				0x10, 0x16, // CONNECT; remaining length 22
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x16, 0x00, 0x3c, // connect flags: will QoS 2, will, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x00, // will message: empty
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Will: &packet.Will{QoS: 2, Topic: "w/t", Payload: []byte{}}},
		}, {
			Name: "CONNECT user name only", Version: packet.V311,
			Raw: []byte{
				0x10, 0x15, // CONNECT; remaining length 21
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x82, 0x00, 0x3c, // connect flags: user name, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x04, 'u', 's', 'e', 'r', // user name "user"
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				UsernameFlag: true, Username: "user"},
		}, {
			Name: "CONNECT user name and password", Version: packet.V311,
			Raw: []byte{
				0x10, 0x19, // CONNECT; remaining length 25
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0xc2, 0x00, 0x3c, // connect flags: user name, password, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x04, 'u', 's', 'e', 'r', // user name "user"
				0x00, 0x02, 'p', 'w', // password "pw"
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				UsernameFlag: true, Username: "user", PasswordFlag: true, Password: []byte("pw")},
		}, {
			Name: "CONNECT empty user name and empty password", Version: packet.V311,
			Raw: []byte{
				0x10, 0x13, // CONNECT; remaining length 19
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0xc2, 0x00, 0x3c, // connect flags: user name, password, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x00, // user name ""
				0x00, 0x00, // password: empty
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				UsernameFlag: true, PasswordFlag: true, Password: []byte{}},
		}, {
			Name: "CONNECT will QoS 2 retained, user name and password", Version: packet.V311,
			Raw: []byte{
				0x10, 0x23, // CONNECT; remaining length 35
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0xf6, 0x00, 0x3c, // connect flags: user name, password, will retain, will QoS 2, will, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will message "bye"
				0x00, 0x04, 'u', 's', 'e', 'r', // user name "user"
				0x00, 0x02, 'p', 'w', // password "pw"
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Will:         &packet.Will{QoS: 2, Retain: true, Topic: "w/t", Payload: []byte("bye")},
				UsernameFlag: true, Username: "user", PasswordFlag: true, Password: []byte("pw")},
		}, {
			Name: "CONNECT [MQTT-1.5.3-3] U+FEFF kept in client identifier", Version: packet.V311,
			Raw: []byte{
				0x10, 0x11, // CONNECT; remaining length 17
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x05, 0xef, 0xbb, 0xbf, 0xc3, 0xa9, // client identifier "\ufeffé"
			},
			Want: &packet.Connect{Version: packet.V311, CleanStart: true, KeepAlive: 60, ClientID: "\ufeffé"},
		}, {
			Name: "CONNECT minimal, clean start", Version: packet.V5,
			Raw: []byte{
				0x10, 0x10, // CONNECT; remaining length 16
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc"},
		}, {
			Name: "CONNECT [MQTT-3.1.3-6] empty client identifier without clean start", Version: packet.V5,
			Raw: []byte{
				0x10, 0x0d, // CONNECT; remaining length 13
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x00, 0x00, 0x00, // connect flags: none (clean start 0); keep alive 0: off
				0x00,       // property length 0
				0x00, 0x00, // client identifier ""
			},
			Want: &packet.Connect{Version: packet.V5},
		}, {
			Name: "CONNECT password without user name (3.1.2.9)", Version: packet.V5,
			Raw: []byte{
				0x10, 0x18, // CONNECT; remaining length 24
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x42, 0x00, 0x3c, // connect flags: password, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x06, 's', 'e', 'c', 'r', 'e', 't', // password "secret"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				PasswordFlag: true, Password: []byte("secret")},
		}, {
			Name: "CONNECT user name and password", Version: packet.V5,
			Raw: []byte{
				0x10, 0x16, // CONNECT; remaining length 22
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0xc2, 0x00, 0x3c, // connect flags: user name, password, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x01, 'u', // user name "u"
				0x00, 0x01, 'p', // password "p"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				UsernameFlag: true, Username: "u", PasswordFlag: true, Password: []byte("p")},
		}, {
			Name: "CONNECT properties: session expiry, request problem/response information, receive maximum, topic alias maximum, user properties, maximum packet size", Version: packet.V5,
			Raw: []byte{
				0x10, 0x32, // CONNECT; remaining length 50
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x22,                         // property length 34
				0x11, 0x00, 0x00, 0x0e, 0x10, // session expiry interval 3600 s
				0x17, 0x00, // request problem information 0
				0x19, 0x01, // request response information 1
				0x21, 0x00, 0x14, // receive maximum 20
				0x22, 0x00, 0x0a, // topic alias maximum 10
				0x26, 0x00, 0x01, 'a', 0x00, 0x01, '1', // user property "a" = "1"
				0x26, 0x00, 0x01, 'a', 0x00, 0x01, '2', // user property "a" = "2": names may repeat
				0x27, 0x00, 0x01, 0x00, 0x00, // maximum packet size 65536
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Props: packet.Properties{
					SessionExpiry:       packet.Some[uint32](3600),
					RequestProblemInfo:  packet.Some[byte](0),
					RequestResponseInfo: 1,
					ReceiveMaximum:      20,
					TopicAliasMaximum:   10,
					User:                []packet.UserProperty{{Key: "a", Value: "1"}, {Key: "a", Value: "2"}},
					MaximumPacketSize:   65536,
				}},
		}, {
			Name: "CONNECT properties: authentication method and data", Version: packet.V5,
			Raw: []byte{
				0x10, 0x1b, // CONNECT; remaining length 27
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x0b,                            // property length 11
				0x15, 0x00, 0x03, 't', 'o', 'k', // authentication method "tok"
				0x16, 0x00, 0x02, 0x01, 0x02, // authentication data 01 02
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Props: packet.Properties{AuthMethod: "tok", AuthData: []byte{0x01, 0x02}}},
		}, {
			Name: "CONNECT will QoS 1 retained with every will property", Version: packet.V5,
			Raw: []byte{
				0x10, 0x40, // CONNECT; remaining length 64
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x2e, 0x00, 0x3c, // connect flags: will retain, will QoS 1, will, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x25,       // will property length 37
				0x01, 0x01, // payload format indicator 1: UTF-8
				0x02, 0x00, 0x00, 0x01, 0x2c, // message expiry interval 300 s
				0x03, 0x00, 0x04, 't', 'e', 'x', 't', // content type "text"
				0x08, 0x00, 0x03, 'r', '/', 't', // response topic "r/t"
				0x09, 0x00, 0x02, 0xc0, 0xde, // correlation data c0 de
				0x18, 0x00, 0x00, 0x00, 0x1e, // will delay interval 30 s
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will payload "bye"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Will: &packet.Will{QoS: 1, Retain: true, Topic: "w/t", Payload: []byte("bye"),
					Props: packet.Properties{
						PayloadFormat:   1,
						MessageExpiry:   packet.Some[uint32](300),
						ContentType:     "text",
						ResponseTopic:   "r/t",
						CorrelationData: []byte{0xc0, 0xde},
						WillDelay:       30,
						User:            []packet.UserProperty{{Key: "k", Value: "v"}},
					}}},
		}, {
			Name: "CONNECT [MQTT-1.5.4-3] will QoS 2, empty will payload, U+FEFF kept in will topic", Version: packet.V5,
			Raw: []byte{
				0x10, 0x19, // CONNECT; remaining length 25
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x16, 0x00, 0x3c, // connect flags: will QoS 2, will, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00,                              // will property length 0
				0x00, 0x04, 0xef, 0xbb, 0xbf, 'w', // will topic "\ufeffw"
				0x00, 0x00, // will payload: empty
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Will: &packet.Will{QoS: 2, Topic: "\ufeffw", Payload: []byte{}}},
		}, {
			Name: "CONNECT properties in descending order (2.2.2.2: order not significant)", Version: packet.V5,
			Raw: []byte{
				0x10, 0x18, // CONNECT; remaining length 24
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x08,             // property length 8
				0x21, 0x00, 0x14, // receive maximum 20
				0x11, 0x00, 0x00, 0x00, 0x3c, // session expiry interval 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Props: packet.Properties{ReceiveMaximum: 20, SessionExpiry: packet.Some[uint32](60)}},
			DecodeOnly: true, // encoded in ascending identifier order
		}, {
			Name: "CONNECT properties holding their default values", Version: packet.V5,
			Raw: []byte{
				0x10, 0x15, // CONNECT; remaining length 21
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x05,       // property length 5
				0x19, 0x00, // request response information 0 (the default)
				0x22, 0x00, 0x00, // topic alias maximum 0 (the default)
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
			Want:       &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc"},
			DecodeOnly: true, // the encoder leaves out properties equal to their default
		}, {
			Name: "CONNECT will properties holding their default values", Version: packet.V5,
			Raw: []byte{
				0x10, 0x22, // CONNECT; remaining length 34
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x06, 0x00, 0x3c, // connect flags: will, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x07,       // will property length 7
				0x01, 0x00, // payload format indicator 0 (the default)
				0x18, 0x00, 0x00, 0x00, 0x00, // will delay interval 0 (the default)
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will payload "bye"
			},
			Want: &packet.Connect{Version: packet.V5, CleanStart: true, KeepAlive: 60, ClientID: "abc",
				Will: &packet.Will{Topic: "w/t", Payload: []byte("bye")}},
			DecodeOnly: true, // the encoder leaves out properties equal to their default
		},
	}
}

func connectMalformed() []Case {
	return []Case{
		// Fixed header.
		{
			Name: "CONNECT [MQTT-2.2.2-1] [MQTT-2.2.2-2] reserved fixed header flag set", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x11, 0x0f, // CONNECT with flags 0001; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-2.1.3-1] reserved fixed header flag set", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x12, 0x10, // CONNECT with flags 0010; remaining length 16
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		},

		// Protocol name and level.
		{
			Name: "CONNECT [MQTT-3.1.2-1] protocol name MQTX", Version: packet.V311,
			Err: packet.ErrUnsupportedVersion, Code: packet.UnsupportedProtocolVersion,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'X', 0x04, // protocol name "MQTX", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-2] unsupported protocol level 6", Version: packet.V311,
			Err: packet.ErrUnsupportedVersion, Code: packet.UnsupportedProtocolVersion,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x06, // protocol name "MQTT", level 6
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-2] protocol level 0x84 (bridge bit) unsupported", Version: packet.V311,
			Err: packet.ErrUnsupportedVersion, Code: packet.UnsupportedProtocolVersion,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x84, // protocol name "MQTT", level 0x84
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-1] protocol name MQIsdp with level 4", Version: packet.V311,
			Err: packet.ErrUnsupportedVersion, Code: packet.UnsupportedProtocolVersion,
			Raw: []byte{
				0x10, 0x11, // CONNECT; remaining length 17
				0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x04, // protocol name "MQIsdp", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT protocol name MQTT with level 3", Version: packet.V31,
			Err: packet.ErrUnsupportedVersion, Code: packet.UnsupportedProtocolVersion,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x03, // protocol name "MQTT", level 3
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-1.5.3-1] protocol name not UTF-8", Version: packet.V311,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 0xff, 'T', 0x04, // protocol name "MQ\xffT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		},

		// Connect flags.
		{
			Name: "CONNECT [MQTT-3.1.2-3] reserved flag set", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x03, 0x00, 0x3c, // connect flags: clean session, reserved; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-3] reserved flag set", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x10, // CONNECT; remaining length 16
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x03, 0x00, 0x3c, // connect flags: clean start, reserved; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-11] [MQTT-3.1.2-13] will QoS 1 without will flag", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x0a, 0x00, 0x3c, // connect flags: will QoS 1, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-11] will QoS 2 without will flag", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x10, // CONNECT; remaining length 16
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x12, 0x00, 0x3c, // connect flags: will QoS 2, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-11] [MQTT-3.1.2-15] will retain without will flag", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x22, 0x00, 0x3c, // connect flags: will retain, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-13] will retain without will flag", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x10, // CONNECT; remaining length 16
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x22, 0x00, 0x3c, // connect flags: will retain, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-14] will QoS 3", Version: packet.V311,
			Err: packet.ErrInvalidQoS, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x19, // CONNECT; remaining length 25
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x1e, 0x00, 0x3c, // connect flags: will QoS 3, will, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will message "bye"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-12] will QoS 3", Version: packet.V5,
			Err: packet.ErrInvalidQoS, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x1b, // CONNECT; remaining length 27
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x1e, 0x00, 0x3c, // connect flags: will QoS 3, will, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00,                      // will property length 0
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will payload "bye"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-22] password without user name", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x13, // CONNECT; remaining length 19
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x42, 0x00, 0x3c, // connect flags: password, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x02, 'p', 'w', // password "pw"
			},
		}, {
			Name: "CONNECT password without user name (as 3.1.1 [MQTT-3.1.2-22])", Version: packet.V31,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x15, // CONNECT; remaining length 21
				0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, // protocol name "MQIsdp", level 3
				0x42, 0x00, 0x3c, // connect flags: password, clean session; keep alive 60 s
				0x00, 0x03, 'c', '3', '1', // client identifier "c31"
				0x00, 0x02, 'p', 'w', // password "pw"
			},
		},

		// Truncated at each field, and bytes after the last one.
		{
			Name: "CONNECT [MQTT-3.1.4-1] empty body", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x00, // CONNECT; remaining length 0
			},
		}, {
			Name: "CONNECT [MQTT-3.1.4-1] truncated in the protocol name", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x04, // CONNECT; remaining length 4
				0x00, 0x04, 'M', 'Q', // protocol name: 2 of 4 bytes
			},
		}, {
			Name: "CONNECT [MQTT-3.1.4-1] truncated before the protocol level", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x06, // CONNECT; remaining length 6
				0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.4-1] truncated before the connect flags", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x07, // CONNECT; remaining length 7
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
			},
		}, {
			Name: "CONNECT [MQTT-3.1.4-1] truncated in the keep alive", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x09, // CONNECT; remaining length 9
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, // connect flags: clean session; keep alive: 1 of 2 bytes
			},
		}, {
			Name: "CONNECT [MQTT-3.1.3-3] no client identifier", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0a, // CONNECT; remaining length 10
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
			},
		}, {
			Name: "CONNECT [MQTT-3.1.4-1] truncated in the client identifier", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0d, // CONNECT; remaining length 13
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', // client identifier: 1 of 3 bytes
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-9] will flag without will topic", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x06, 0x00, 0x3c, // connect flags: will, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-9] will flag without will message", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x14, // CONNECT; remaining length 20
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x06, 0x00, 0x3c, // connect flags: will, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-19] user name flag without user name", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x82, 0x00, 0x3c, // connect flags: user name, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-21] password flag without password", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x12, // CONNECT; remaining length 18
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0xc2, 0x00, 0x3c, // connect flags: user name, password, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x01, 'u', // user name "u"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-18] user name without user name flag", Version: packet.V311,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x15, // CONNECT; remaining length 21
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x04, 'u', 's', 'e', 'r', // trailing: a user name the flags do not announce
			},
		}, {
			Name: "CONNECT [MQTT-2.2.2-1] no property length", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0a, // CONNECT; remaining length 10
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
			},
		}, {
			Name: "CONNECT property length beyond the packet", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x10, // CONNECT; remaining length 16
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x20,                      // property length 32, but 5 bytes remain
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT property value beyond the property length", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x15, // CONNECT; remaining length 21
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x02,                         // property length 2
				0x11, 0x00, 0x00, 0x0e, 0x10, // session expiry interval: 4-byte value crosses the property length
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-9] will flag without will properties", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x10, // CONNECT; remaining length 16
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x06, 0x00, 0x3c, // connect flags: will, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.2-16] user name without user name flag", Version: packet.V5,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x16, // CONNECT; remaining length 22
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x04, 'u', 's', 'e', 'r', // trailing: a user name the flags do not announce
			},
		},

		// UTF-8 encoded strings.
		{
			Name: "CONNECT [MQTT-3.1.3-4] [MQTT-1.5.3-1] client identifier not UTF-8", Version: packet.V311,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 0xff, 'c', // client identifier "a\xffc"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.3-4] [MQTT-1.5.3-2] U+0000 in client identifier", Version: packet.V311,
			Err: packet.ErrNullChar, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 'a', 0x00, 'c', // client identifier "a\x00c"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.3-4] [MQTT-1.5.3-1] encoded surrogate in client identifier", Version: packet.V311,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x0f, // CONNECT; remaining length 15
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x02, 0x00, 0x3c, // connect flags: clean session; keep alive 60 s
				0x00, 0x03, 0xed, 0xa0, 0x80, // client identifier: U+D800 encoded
			},
		}, {
			Name: "CONNECT [MQTT-3.1.3-4] [MQTT-1.5.4-1] encoded surrogate in client identifier", Version: packet.V5,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x10, // CONNECT; remaining length 16
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x00,                         // property length 0
				0x00, 0x03, 0xed, 0xa0, 0x80, // client identifier: U+D800 encoded
			},
		}, {
			Name: "CONNECT [MQTT-3.1.3-10] [MQTT-1.5.3-2] U+0000 in will topic", Version: packet.V311,
			Err: packet.ErrNullChar, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x19, // CONNECT; remaining length 25
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x06, 0x00, 0x3c, // connect flags: will, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x03, 'w', 0x00, 't', // will topic "w\x00t"
				0x00, 0x03, 'b', 'y', 'e', // will message "bye"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.3-11] [MQTT-1.5.4-1] encoded surrogate in will topic", Version: packet.V5,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x1b, // CONNECT; remaining length 27
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x06, 0x00, 0x3c, // connect flags: will, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00,                         // will property length 0
				0x00, 0x03, 0xed, 0xa0, 0x80, // will topic: U+D800 encoded
				0x00, 0x03, 'b', 'y', 'e', // will payload "bye"
			},
		}, {
			Name: "CONNECT [MQTT-3.1.3-11] [MQTT-1.5.3-1] overlong encoding in user name", Version: packet.V311,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x13, // CONNECT; remaining length 19
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, // protocol name "MQTT", level 4
				0x82, 0x00, 0x3c, // connect flags: user name, clean session; keep alive 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x02, 0xc0, 0x80, // user name: U+0000 in an overlong form
			},
		}, {
			Name: "CONNECT [MQTT-3.1.3-12] [MQTT-1.5.4-2] U+0000 in user name", Version: packet.V5,
			Err: packet.ErrNullChar, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x14, // CONNECT; remaining length 20
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x82, 0x00, 0x3c, // connect flags: user name, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x00, 0x02, 'u', 0x00, // user name "u\x00"
			},
		}, {
			Name: "CONNECT [MQTT-1.5.7-1] encoded surrogate in user property value", Version: packet.V5,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x19, // CONNECT; remaining length 25
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x09,                                                // property length 9
				0x26, 0x00, 0x01, 'k', 0x00, 0x03, 0xed, 0xa0, 0x80, // user property "k" = U+D800 encoded
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		},

		// Properties.
		{
			Name: "CONNECT topic alias not allowed in CONNECT properties (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x13, // CONNECT; remaining length 19
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x03,             // property length 3
				0x23, 0x00, 0x01, // topic alias 1: a PUBLISH property
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT will delay interval not allowed in CONNECT properties (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x15, // CONNECT; remaining length 21
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x05,                         // property length 5
				0x18, 0x00, 0x00, 0x00, 0x0a, // will delay interval 10 s: a will property
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT session expiry interval not allowed in will properties (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x20, // CONNECT; remaining length 32
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x06, 0x00, 0x3c, // connect flags: will, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x05,                         // will property length 5
				0x11, 0x00, 0x00, 0x00, 0x0a, // session expiry interval 10 s: a CONNECT property
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will payload "bye"
			},
		}, {
			Name: "CONNECT session expiry interval twice (3.1.2.11.2)", Version: packet.V5,
			Err: packet.ErrDuplicateProperty, Code: packet.ProtocolError,
			Raw: []byte{
				0x10, 0x1a, // CONNECT; remaining length 26
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x0a,                         // property length 10
				0x11, 0x00, 0x00, 0x00, 0x0a, // session expiry interval 10 s
				0x11, 0x00, 0x00, 0x00, 0x0a, // session expiry interval again
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT will delay interval twice (3.1.3.2.2)", Version: packet.V5,
			Err: packet.ErrDuplicateProperty, Code: packet.ProtocolError,
			Raw: []byte{
				0x10, 0x25, // CONNECT; remaining length 37
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x06, 0x00, 0x3c, // connect flags: will, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x0a,                         // will property length 10
				0x18, 0x00, 0x00, 0x00, 0x01, // will delay interval 1 s
				0x18, 0x00, 0x00, 0x00, 0x02, // will delay interval again
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will payload "bye"
			},
		}, {
			Name: "CONNECT receive maximum 0 (3.1.2.11.3)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x10, 0x13, // CONNECT; remaining length 19
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x03,             // property length 3
				0x21, 0x00, 0x00, // receive maximum 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT maximum packet size 0 (3.1.2.11.4)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x10, 0x15, // CONNECT; remaining length 21
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x05,                         // property length 5
				0x27, 0x00, 0x00, 0x00, 0x00, // maximum packet size 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT request problem information 2 (3.1.2.11.7)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x10, 0x12, // CONNECT; remaining length 18
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x02,       // property length 2
				0x17, 0x02, // request problem information 2
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT will payload format indicator 2 (3.1.3.2.3 defines 0 and 1)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x10, 0x1d, // CONNECT; remaining length 29
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x06, 0x00, 0x3c, // connect flags: will, clean start; keep alive 60 s
				0x00,                      // property length 0
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
				0x02,       // will property length 2
				0x01, 0x02, // payload format indicator 2
				0x00, 0x03, 'w', '/', 't', // will topic "w/t"
				0x00, 0x03, 'b', 'y', 'e', // will payload "bye"
			},
		}, {
			Name: "CONNECT unknown property identifier 0x04 (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrUnknownProperty, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x12, // CONNECT; remaining length 18
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x02,       // property length 2
				0x04, 0x00, // property 0x04: not defined
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		}, {
			Name: "CONNECT [MQTT-1.5.5-1] property identifier not in its shortest form", Version: packet.V5,
			Err: packet.ErrVarIntNotMinimal, Code: packet.MalformedPacket,
			Raw: []byte{
				0x10, 0x16, // CONNECT; remaining length 22
				0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, // protocol name "MQTT", level 5
				0x02, 0x00, 0x3c, // connect flags: clean start; keep alive 60 s
				0x06,       // property length 6
				0x91, 0x00, // property identifier 0x11 in two bytes
				0x00, 0x00, 0x00, 0x3c, // session expiry interval 60 s
				0x00, 0x03, 'a', 'b', 'c', // client identifier "abc"
			},
		},
	}
}
