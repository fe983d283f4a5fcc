package packettest

import (
	"bytes"

	"github.com/ternmq/tern/packet"
)

// publishCases returns the PUBLISH fixtures. ackCases, for PUBACK, PUBREC,
// PUBREL and PUBCOMP, is in ack.go.
func publishCases() []Case {
	return append(publishValid(), publishMalformed()...)
}

func publishValid() []Case {
	return []Case{
		{
			Name: "PUBLISH QoS 0", Version: packet.V31,
			Raw: []byte{
				0x30, 0x0a, // PUBLISH, QoS 0; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				'h', 'e', 'l', 'l', 'o', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Payload: []byte("hello")},
		}, {
			Name: "PUBLISH QoS 1", Version: packet.V31,
			Raw: []byte{
				0x32, 0x09, // PUBLISH, QoS 1; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x01, // packet identifier 1
				'h', 'i', // payload
			},
			Want: &packet.Publish{QoS: 1, Topic: "a/b", PacketID: 1, Payload: []byte("hi")},
		}, {
			Name: "PUBLISH QoS 2, retain", Version: packet.V31,
			Raw: []byte{
				0x35, 0x09, // PUBLISH, QoS 2, RETAIN; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x02, // packet identifier 2
				'h', 'i', // payload
			},
			Want: &packet.Publish{QoS: 2, Retain: true, Topic: "a/b", PacketID: 2, Payload: []byte("hi")},
		}, {
			Name: "PUBLISH QoS 0", Version: packet.V311,
			Raw: []byte{
				0x30, 0x0a, // PUBLISH, QoS 0; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				'h', 'e', 'l', 'l', 'o', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Payload: []byte("hello")},
		}, {
			Name: "PUBLISH QoS 1", Version: packet.V311,
			Raw: []byte{
				0x32, 0x09, // PUBLISH, QoS 1; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x01, // packet identifier 1
				'h', 'i', // payload
			},
			Want: &packet.Publish{QoS: 1, Topic: "a/b", PacketID: 1, Payload: []byte("hi")},
		}, {
			Name: "PUBLISH QoS 2, packet identifier 65535", Version: packet.V311,
			Raw: []byte{
				0x34, 0x09, // PUBLISH, QoS 2; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0xff, 0xff, // packet identifier 65535
				'h', 'i', // payload
			},
			Want: &packet.Publish{QoS: 2, Topic: "a/b", PacketID: 65535, Payload: []byte("hi")},
		}, {
			Name: "PUBLISH QoS 0, retain", Version: packet.V311,
			Raw: []byte{
				0x31, 0x0a, // PUBLISH, QoS 0, RETAIN; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				'h', 'e', 'l', 'l', 'o', // payload
			},
			Want: &packet.Publish{Retain: true, Topic: "a/b", Payload: []byte("hello")},
		}, {
			Name: "PUBLISH [MQTT-3.3.1-1] QoS 1 redelivery, DUP", Version: packet.V311,
			Raw: []byte{
				0x3a, 0x09, // PUBLISH, DUP, QoS 1; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x01, // packet identifier 1
				'h', 'i', // payload
			},
			Want: &packet.Publish{Dup: true, QoS: 1, Topic: "a/b", PacketID: 1, Payload: []byte("hi")},
		}, {
			Name: "PUBLISH QoS 2 redelivery, DUP, retain", Version: packet.V311,
			Raw: []byte{
				0x3d, 0x09, // PUBLISH, DUP, QoS 2, RETAIN; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x02, // packet identifier 2
				'h', 'i', // payload
			},
			Want: &packet.Publish{Dup: true, QoS: 2, Retain: true, Topic: "a/b", PacketID: 2, Payload: []byte("hi")},
		}, {
			Name: "PUBLISH [MQTT-3.3.1-10] retain, empty payload", Version: packet.V311,
			Raw: []byte{
				0x31, 0x05, // PUBLISH, QoS 0, RETAIN; remaining length 5
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			},
			Want: &packet.Publish{Retain: true, Topic: "a/b", Payload: []byte{}},
		}, {
			Name: "PUBLISH two-byte remaining length", Version: packet.V311,
			Raw: append([]byte{
				0x30, 0xcd, 0x01, // PUBLISH, QoS 0; remaining length 205 (0xcd 0x01)
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			}, bytes.Repeat([]byte{'x'}, 200)...), // payload: 200 bytes "x"
			Want: &packet.Publish{Topic: "a/b", Payload: bytes.Repeat([]byte{'x'}, 200)},
		}, {
			Name: "PUBLISH multi-byte UTF-8 topic name", Version: packet.V311,
			Raw: []byte{
				0x30, 0x09, // PUBLISH, QoS 0; remaining length 9
				0x00, 0x06, 0xc3, 0xbc, '/', 0xe2, 0x82, 0xac, // topic name "ü/€"
				'x', // payload
			},
			Want: &packet.Publish{Topic: "ü/€", Payload: []byte("x")},
		}, {
			Name: "PUBLISH QoS 0", Version: packet.V5,
			Raw: []byte{
				0x30, 0x0b, // PUBLISH, QoS 0; remaining length 11
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00,                    // property length 0
				'h', 'e', 'l', 'l', 'o', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Payload: []byte("hello")},
		}, {
			Name: "PUBLISH QoS 1", Version: packet.V5,
			Raw: []byte{
				0x32, 0x0a, // PUBLISH, QoS 1; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x01, // packet identifier 1
				0x00,     // property length 0
				'h', 'i', // payload
			},
			Want: &packet.Publish{QoS: 1, Topic: "a/b", PacketID: 1, Payload: []byte("hi")},
		}, {
			Name: "PUBLISH QoS 2 redelivery, DUP, retain", Version: packet.V5,
			Raw: []byte{
				0x3d, 0x0a, // PUBLISH, DUP, QoS 2, RETAIN; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x02, // packet identifier 2
				0x00,     // property length 0
				'h', 'i', // payload
			},
			Want: &packet.Publish{Dup: true, QoS: 2, Retain: true, Topic: "a/b", PacketID: 2, Payload: []byte("hi")},
		}, {
			Name: "PUBLISH [MQTT-3.3.1-6] retain, empty payload", Version: packet.V5,
			Raw: []byte{
				0x31, 0x06, // PUBLISH, QoS 0, RETAIN; remaining length 6
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, // property length 0
			},
			Want: &packet.Publish{Retain: true, Topic: "a/b", Payload: []byte{}},
		}, {
			Name: "PUBLISH topic alias with topic name: sets the mapping (3.3.2.3.4)", Version: packet.V5,
			Raw: []byte{
				0x30, 0x0e, // PUBLISH, QoS 0; remaining length 14
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x03,             // property length 3
				0x23, 0x00, 0x01, // topic alias 1
				'h', 'e', 'l', 'l', 'o', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Props: packet.Properties{TopicAlias: 1}, Payload: []byte("hello")},
		}, {
			Name: "PUBLISH topic alias with empty topic name (3.3.2.3.4)", Version: packet.V5,
			Raw: []byte{
				0x30, 0x0b, // PUBLISH, QoS 0; remaining length 11
				0x00, 0x00, // topic name "": use the alias
				0x03,             // property length 3
				0x23, 0x00, 0x01, // topic alias 1
				'h', 'e', 'l', 'l', 'o', // payload
			},
			Want: &packet.Publish{Props: packet.Properties{TopicAlias: 1}, Payload: []byte("hello")},
		}, {
			Name: "PUBLISH QoS 1 with every PUBLISH property", Version: packet.V5,
			Raw: []byte{
				0x32, 0x2f, // PUBLISH, QoS 1; remaining length 47
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x07, // packet identifier 7
				0x25,       // property length 37
				0x01, 0x01, // payload format indicator 1: UTF-8
				0x02, 0x00, 0x00, 0x00, 0x3c, // message expiry interval 60 s
				0x03, 0x00, 0x04, 't', 'e', 'x', 't', // content type "text"
				0x08, 0x00, 0x03, 'r', '/', 't', // response topic "r/t"
				0x09, 0x00, 0x02, 0xc0, 0xde, // correlation data c0 de
				0x0b, 0x05, // subscription identifier 5
				0x23, 0x00, 0x02, // topic alias 2
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
				'h', 'i', // payload
			},
			Want: &packet.Publish{QoS: 1, Topic: "a/b", PacketID: 7, Payload: []byte("hi"), Props: packet.Properties{
				PayloadFormat:   1,
				MessageExpiry:   packet.Some[uint32](60),
				ContentType:     "text",
				ResponseTopic:   "r/t",
				CorrelationData: []byte{0xc0, 0xde},
				SubscriptionIDs: []uint32{5},
				TopicAlias:      2,
				User:            []packet.UserProperty{{Key: "k", Value: "v"}},
			}},
		}, {
			Name: "PUBLISH [MQTT-3.3.4-4] several subscription identifiers", Version: packet.V5,
			Raw: []byte{
				0x30, 0x11, // PUBLISH, QoS 0; remaining length 17
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x0a,       // property length 10
				0x0b, 0x01, // subscription identifier 1
				0x0b, 0x80, 0x01, // subscription identifier 128
				0x0b, 0xff, 0xff, 0xff, 0x7f, // subscription identifier 268435455, the largest
				'x', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Payload: []byte("x"),
				Props: packet.Properties{SubscriptionIDs: []uint32{1, 128, 268435455}}},
		}, {
			Name: "PUBLISH payload format indicator 0 explicit", Version: packet.V5,
			Raw: []byte{
				0x30, 0x0a, // PUBLISH, QoS 0; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x02,       // property length 2
				0x01, 0x00, // payload format indicator 0 (the default)
				'h', 'i', // payload
			},
			Want:       &packet.Publish{Topic: "a/b", Payload: []byte("hi")},
			DecodeOnly: true, // the encoder leaves out a payload format indicator of 0
		}, {
			Name: "PUBLISH properties out of order (2.2.2.2)", Version: packet.V5,
			Raw: []byte{
				0x30, 0x0d, // PUBLISH, QoS 0; remaining length 13
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x05,             // property length 5
				0x23, 0x00, 0x05, // topic alias 5
				0x01, 0x01, // payload format indicator 1: UTF-8
				'h', 'i', // payload
			},
			Want: &packet.Publish{Topic: "a/b", Payload: []byte("hi"),
				Props: packet.Properties{PayloadFormat: 1, TopicAlias: 5}},
			DecodeOnly: true, // encoded in identifier order
		},
	}
}

func publishMalformed() []Case {
	return []Case{
		// Fixed header flags.
		{
			Name: "PUBLISH [MQTT-3.3.1-4] QoS 3", Version: packet.V311,
			Err: packet.ErrInvalidQoS, Code: packet.MalformedPacket,
			Raw: []byte{
				0x36, 0x09, // PUBLISH, QoS 3; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x01, // packet identifier 1
				'h', 'i', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-3.3.1-4] QoS 3 with DUP and retain", Version: packet.V5,
			Err: packet.ErrInvalidQoS, Code: packet.MalformedPacket,
			Raw: []byte{
				0x3f, 0x0a, // PUBLISH, DUP, QoS 3, RETAIN; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x01, // packet identifier 1
				0x00,     // property length 0
				'h', 'i', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-3.3.1-2] DUP with QoS 0", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x38, 0x0a, // PUBLISH, DUP, QoS 0; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-3.3.1-2] DUP with QoS 0", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x38, 0x0b, // PUBLISH, DUP, QoS 0; remaining length 11
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00,                    // property length 0
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH QoS 3 reserved", Version: packet.V31,
			Err: packet.ErrInvalidQoS, Code: packet.MalformedPacket,
			Raw: []byte{
				0x36, 0x09, // PUBLISH, QoS 3; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x01, // packet identifier 1
				'h', 'i', // payload
			},
		}, {
			Name: "PUBLISH packet identifier 0 (reserved as invalid in 3.1)", Version: packet.V31,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x32, 0x09, // PUBLISH, QoS 1; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x00, // packet identifier 0
				'h', 'i', // payload
			},
		}, {
			Name: "PUBLISH wildcard in topic name", Version: packet.V31,
			Err: packet.ErrWildcardInTopic, Code: packet.TopicNameInvalid,
			Raw: []byte{
				0x30, 0x05, // PUBLISH, QoS 0; remaining length 5
				0x00, 0x03, 'a', '/', '#', // topic name "a/#"
			},
		},

		// Topic name and packet identifier.
		{
			Name: "PUBLISH [MQTT-3.3.2-2] single-level wildcard in topic name", Version: packet.V311,
			Err: packet.ErrWildcardInTopic, Code: packet.TopicNameInvalid,
			Raw: []byte{
				0x30, 0x0a, // PUBLISH, QoS 0; remaining length 10
				0x00, 0x03, 'a', '/', '+', // topic name "a/+"
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-3.3.2-2] multi-level wildcard in topic name", Version: packet.V5,
			Err: packet.ErrWildcardInTopic, Code: packet.TopicNameInvalid,
			Raw: []byte{
				0x30, 0x0b, // PUBLISH, QoS 0; remaining length 11
				0x00, 0x03, 'a', '/', '#', // topic name "a/#"
				0x00,                    // property length 0
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-4.7.3-1] empty topic name", Version: packet.V311,
			Err: packet.ErrEmptyTopic, Code: packet.ProtocolError,
			Raw: []byte{
				0x30, 0x07, // PUBLISH, QoS 0; remaining length 7
				0x00, 0x00, // topic name ""
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-4.7.3-1] empty topic name without topic alias (3.3.2.1)", Version: packet.V5,
			Err: packet.ErrEmptyTopic, Code: packet.ProtocolError,
			Raw: []byte{
				0x30, 0x08, // PUBLISH, QoS 0; remaining length 8
				0x00, 0x00, // topic name ""
				0x00,                    // property length 0
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-3.3.2-1] [MQTT-1.5.3-1] topic name not UTF-8", Version: packet.V311,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0a, // PUBLISH, QoS 0; remaining length 10
				0x00, 0x03, 'a', 0xff, 'b', // topic name "a\xffb"
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-3.3.2-1] [MQTT-1.5.3-1] encoded surrogate in topic name", Version: packet.V311,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0a, // PUBLISH, QoS 0; remaining length 10
				0x00, 0x03, 0xed, 0xa0, 0x80, // topic name: U+D800 encoded
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-4.7.3-2] [MQTT-1.5.4-2] U+0000 in topic name", Version: packet.V5,
			Err: packet.ErrNullChar, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0b, // PUBLISH, QoS 0; remaining length 11
				0x00, 0x03, 'a', 0x00, 'b', // topic name "a\x00b"
				0x00,                    // property length 0
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-2.3.1-1] packet identifier 0", Version: packet.V311,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x34, 0x09, // PUBLISH, QoS 2; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x00, // packet identifier 0
				'h', 'i', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-2.2.1-3] packet identifier 0", Version: packet.V5,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x32, 0x0a, // PUBLISH, QoS 1; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, 0x00, // packet identifier 0
				0x00,     // property length 0
				'h', 'i', // payload
			},
		}, {
			Name: "PUBLISH truncated in the topic name", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x03, // PUBLISH, QoS 0; remaining length 3
				0x00, 0x05, 'a', // topic name: 1 of 5 bytes
			},
		}, {
			Name: "PUBLISH QoS 1 without packet identifier", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x32, 0x05, // PUBLISH, QoS 1; remaining length 5
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			},
		}, {
			Name: "PUBLISH QoS 2 truncated in the packet identifier", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x34, 0x06, // PUBLISH, QoS 2; remaining length 6
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x00, // packet identifier: 1 of 2 bytes
			},
		},

		// Properties.
		{
			Name: "PUBLISH [MQTT-2.2.2-1] no property length", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x05, // PUBLISH, QoS 0; remaining length 5
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
			},
		}, {
			Name: "PUBLISH property length beyond the packet", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x08, // PUBLISH, QoS 0; remaining length 8
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x09,     // property length 9, but 2 bytes remain
				'h', 'i', // payload
			},
		}, {
			Name: "PUBLISH property value beyond the property length", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0d, // PUBLISH, QoS 0; remaining length 13
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x02,                         // property length 2
				0x02, 0x00, 0x00, 0x00, 0x3c, // message expiry interval: 4-byte value crosses the property length
				'h', 'i', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-3.3.2-8] topic alias 0", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.TopicAliasInvalid,
			Raw: []byte{
				0x30, 0x0e, // PUBLISH, QoS 0; remaining length 14
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x03,             // property length 3
				0x23, 0x00, 0x00, // topic alias 0
				'h', 'e', 'l', 'l', 'o', // payload
			},
		}, {
			Name: "PUBLISH subscription identifier 0 (3.3.2.3.8)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x30, 0x09, // PUBLISH, QoS 0; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x02,       // property length 2
				0x0b, 0x00, // subscription identifier 0
				'x', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-1.5.5-1] subscription identifier not in its shortest form", Version: packet.V5,
			Err: packet.ErrVarIntNotMinimal, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0a, // PUBLISH, QoS 0; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x03,             // property length 3
				0x0b, 0x80, 0x00, // subscription identifier 0 in two bytes
				'x', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-1.5.5-1] subscription identifier longer than 4 bytes", Version: packet.V5,
			Err: packet.ErrVarIntTooLong, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0d, // PUBLISH, QoS 0; remaining length 13
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x06,                               // property length 6
				0x0b, 0xff, 0xff, 0xff, 0xff, 0x01, // subscription identifier: 5-byte variable byte integer
				'x', // payload
			},
		}, {
			Name: "PUBLISH session expiry interval not allowed in PUBLISH (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0c, // PUBLISH, QoS 0; remaining length 12
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x05,                         // property length 5
				0x11, 0x00, 0x00, 0x00, 0x0a, // session expiry interval 10 s: a CONNECT property
				'x', // payload
			},
		}, {
			Name: "PUBLISH reason string not allowed in PUBLISH (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0a, // PUBLISH, QoS 0; remaining length 10
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x04,                  // property length 4
				0x1f, 0x00, 0x01, 'r', // reason string "r": not a PUBLISH property
			},
		}, {
			Name: "PUBLISH topic alias twice (3.3.2.3.4)", Version: packet.V5,
			Err: packet.ErrDuplicateProperty, Code: packet.ProtocolError,
			Raw: []byte{
				0x30, 0x0c, // PUBLISH, QoS 0; remaining length 12
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x06,             // property length 6
				0x23, 0x00, 0x01, // topic alias 1
				0x23, 0x00, 0x02, // topic alias again
			},
		}, {
			Name: "PUBLISH content type twice (3.3.2.3.9)", Version: packet.V5,
			Err: packet.ErrDuplicateProperty, Code: packet.ProtocolError,
			Raw: []byte{
				0x30, 0x0e, // PUBLISH, QoS 0; remaining length 14
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x08,                  // property length 8
				0x03, 0x00, 0x01, 'a', // content type "a"
				0x03, 0x00, 0x01, 'b', // content type again
			},
		}, {
			Name: "PUBLISH payload format indicator 2 (3.3.2.3.2 defines 0 and 1)", Version: packet.V5,
			Err: packet.ErrInvalidValue, Code: packet.ProtocolError,
			Raw: []byte{
				0x30, 0x09, // PUBLISH, QoS 0; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x02,       // property length 2
				0x01, 0x02, // payload format indicator 2
				'x', // payload
			},
		}, {
			Name: "PUBLISH unknown property identifier 0x2B (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrUnknownProperty, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x09, // PUBLISH, QoS 0; remaining length 9
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x02,       // property length 2
				0x2b, 0x00, // property 0x2B: not defined
				'x', // payload
			},
		}, {
			Name: "PUBLISH [MQTT-3.3.2-13] response topic not UTF-8", Version: packet.V5,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0b, // PUBLISH, QoS 0; remaining length 11
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x05,                        // property length 5
				0x08, 0x00, 0x02, 'r', 0xff, // response topic "r\xff"
			},
		}, {
			Name: "PUBLISH [MQTT-3.3.2-19] [MQTT-1.5.4-2] U+0000 in content type", Version: packet.V5,
			Err: packet.ErrNullChar, Code: packet.MalformedPacket,
			Raw: []byte{
				0x30, 0x0b, // PUBLISH, QoS 0; remaining length 11
				0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
				0x05,                        // property length 5
				0x03, 0x00, 0x02, 't', 0x00, // content type "t\x00"
			},
		},
	}
}
