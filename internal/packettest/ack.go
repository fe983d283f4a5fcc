package packettest

import "github.com/ternmq/tern/packet"

// ackCases returns the PUBACK, PUBREC, PUBREL and PUBCOMP fixtures. Before
// 5.0 they hold only a packet identifier. In 5.0 the reason code and the
// property length may be left out: a remaining length of 2 means Success
// and no properties, and one of 3 means no properties (3.4.2.1, 3.4.2.2.1).
func ackCases() []Case {
	return append(ackValid(), ackMalformed()...)
}

func ackValid() []Case {
	return []Case{
		{
			Name: "PUBACK", Version: packet.V31,
			Raw: []byte{
				0x40, 0x02, // PUBACK; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
			Want: &packet.Puback{PacketID: 1},
		}, {
			Name: "PUBREC", Version: packet.V31,
			Raw: []byte{
				0x50, 0x02, // PUBREC; remaining length 2
				0x00, 0x02, // packet identifier 2
			},
			Want: &packet.Pubrec{PacketID: 2},
		}, {
			Name: "PUBREL", Version: packet.V31,
			Raw: []byte{
				0x62, 0x02, // PUBREL, QoS 1; remaining length 2
				0x00, 0x03, // packet identifier 3
			},
			Want: &packet.Pubrel{PacketID: 3},
		}, {
			Name: "PUBCOMP", Version: packet.V31,
			Raw: []byte{
				0x70, 0x02, // PUBCOMP; remaining length 2
				0x00, 0x04, // packet identifier 4
			},
			Want: &packet.Pubcomp{PacketID: 4},
		}, {
			Name: "PUBACK", Version: packet.V311,
			Raw: []byte{
				0x40, 0x02, // PUBACK; remaining length 2
				0x12, 0x34, // packet identifier 0x1234
			},
			Want: &packet.Puback{PacketID: 0x1234},
		}, {
			Name: "PUBREC", Version: packet.V311,
			Raw: []byte{
				0x50, 0x02, // PUBREC; remaining length 2
				0xff, 0xff, // packet identifier 65535
			},
			Want: &packet.Pubrec{PacketID: 65535},
		}, {
			Name: "PUBREL [MQTT-3.6.1-1]", Version: packet.V311,
			Raw: []byte{
				0x62, 0x02, // PUBREL, flags 0010; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
			Want: &packet.Pubrel{PacketID: 1},
		}, {
			Name: "PUBCOMP", Version: packet.V311,
			Raw: []byte{
				0x70, 0x02, // PUBCOMP; remaining length 2
				0x01, 0x00, // packet identifier 256
			},
			Want: &packet.Pubcomp{PacketID: 256},
		}, {
			Name: "PUBACK success, short form", Version: packet.V5,
			Raw: []byte{
				0x40, 0x02, // PUBACK; remaining length 2: success, no properties
				0x00, 0x01, // packet identifier 1
			},
			Want: &packet.Puback{PacketID: 1},
		}, {
			Name: "PUBREC success, short form", Version: packet.V5,
			Raw: []byte{
				0x50, 0x02, // PUBREC; remaining length 2: success, no properties
				0x00, 0x02, // packet identifier 2
			},
			Want: &packet.Pubrec{PacketID: 2},
		}, {
			Name: "PUBREL success, short form", Version: packet.V5,
			Raw: []byte{
				0x62, 0x02, // PUBREL, flags 0010; remaining length 2: success, no properties
				0x00, 0x03, // packet identifier 3
			},
			Want: &packet.Pubrel{PacketID: 3},
		}, {
			Name: "PUBCOMP success, short form", Version: packet.V5,
			Raw: []byte{
				0x70, 0x02, // PUBCOMP; remaining length 2: success, no properties
				0x00, 0x04, // packet identifier 4
			},
			Want: &packet.Pubcomp{PacketID: 4},
		}, {
			Name: "PUBACK 0x10 no matching subscribers, no property length", Version: packet.V5,
			Raw: []byte{
				0x40, 0x03, // PUBACK; remaining length 3: no properties
				0x00, 0x01, // packet identifier 1
				0x10, // reason code 0x10: no matching subscribers
			},
			Want: &packet.Puback{PacketID: 1, ReasonCode: packet.NoMatchingSubscribers},
		}, {
			Name: "PUBACK 0x99 payload format invalid, no property length", Version: packet.V5,
			Raw: []byte{
				0x40, 0x03, // PUBACK; remaining length 3: no properties
				0x00, 0x01, // packet identifier 1
				0x99, // reason code 0x99: payload format invalid
			},
			Want: &packet.Puback{PacketID: 1, ReasonCode: packet.PayloadFormatInvalid},
		}, {
			Name: "PUBREC 0x91 packet identifier in use, no property length", Version: packet.V5,
			Raw: []byte{
				0x50, 0x03, // PUBREC; remaining length 3: no properties
				0x00, 0x02, // packet identifier 2
				0x91, // reason code 0x91: packet identifier in use
			},
			Want: &packet.Pubrec{PacketID: 2, ReasonCode: packet.PacketIdentifierInUse},
		}, {
			Name: "PUBREC 0x10 no matching subscribers, no property length", Version: packet.V5,
			Raw: []byte{
				0x50, 0x03, // PUBREC; remaining length 3: no properties
				0x00, 0x02, // packet identifier 2
				0x10, // reason code 0x10: no matching subscribers
			},
			Want: &packet.Pubrec{PacketID: 2, ReasonCode: packet.NoMatchingSubscribers},
		}, {
			Name: "PUBREL 0x92 packet identifier not found, no property length", Version: packet.V5,
			Raw: []byte{
				0x62, 0x03, // PUBREL, flags 0010; remaining length 3: no properties
				0x00, 0x03, // packet identifier 3
				0x92, // reason code 0x92: packet identifier not found
			},
			Want: &packet.Pubrel{PacketID: 3, ReasonCode: packet.PacketIdentifierNotFound},
		}, {
			Name: "PUBCOMP 0x92 packet identifier not found, no property length", Version: packet.V5,
			Raw: []byte{
				0x70, 0x03, // PUBCOMP; remaining length 3: no properties
				0x00, 0x04, // packet identifier 4
				0x92, // reason code 0x92: packet identifier not found
			},
			Want: &packet.Pubcomp{PacketID: 4, ReasonCode: packet.PacketIdentifierNotFound},
		}, {
			Name: "PUBACK 0x87 not authorized, reason string and user property", Version: packet.V5,
			Raw: []byte{
				0x40, 0x14, // PUBACK; remaining length 20
				0x00, 0x05, // packet identifier 5
				0x87,                                           // reason code 0x87: not authorized
				0x10,                                           // property length 16
				0x1f, 0x00, 0x06, 'd', 'e', 'n', 'i', 'e', 'd', // reason string "denied"
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
			},
			Want: &packet.Puback{PacketID: 5, ReasonCode: packet.NotAuthorized, Props: packet.Properties{
				ReasonString: "denied", User: []packet.UserProperty{{Key: "k", Value: "v"}}}},
		}, {
			Name: "PUBREC 0x97 quota exceeded, reason string", Version: packet.V5,
			Raw: []byte{
				0x50, 0x0c, // PUBREC; remaining length 12
				0x00, 0x06, // packet identifier 6
				0x97,                                      // reason code 0x97: quota exceeded
				0x08,                                      // property length 8
				0x1f, 0x00, 0x05, 'q', 'u', 'o', 't', 'a', // reason string "quota"
			},
			Want: &packet.Pubrec{PacketID: 6, ReasonCode: packet.QuotaExceeded, Props: packet.Properties{
				ReasonString: "quota"}},
		}, {
			Name: "PUBREL success with user property", Version: packet.V5,
			Raw: []byte{
				0x62, 0x0b, // PUBREL, flags 0010; remaining length 11
				0x00, 0x07, // packet identifier 7
				0x00,                                   // reason code 0x00: success
				0x07,                                   // property length 7
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
			},
			Want: &packet.Pubrel{PacketID: 7, Props: packet.Properties{
				User: []packet.UserProperty{{Key: "k", Value: "v"}}}},
		}, {
			Name: "PUBCOMP 0x92 packet identifier not found, reason string and user properties", Version: packet.V5,
			Raw: []byte{
				0x70, 0x17, // PUBCOMP; remaining length 23
				0x00, 0x08, // packet identifier 8
				0x92,                       // reason code 0x92: packet identifier not found
				0x13,                       // property length 19
				0x1f, 0x00, 0x02, 'n', 'o', // reason string "no"
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'w', // user property "k" = "w"
			},
			Want: &packet.Pubcomp{PacketID: 8, ReasonCode: packet.PacketIdentifierNotFound, Props: packet.Properties{
				ReasonString: "no", User: []packet.UserProperty{{Key: "k", Value: "v"}, {Key: "k", Value: "w"}}}},
		}, {
			Name: "PUBACK success with explicit reason code", Version: packet.V5,
			Raw: []byte{
				0x40, 0x03, // PUBACK; remaining length 3
				0x00, 0x01, // packet identifier 1
				0x00, // reason code 0x00: success
			},
			Want:       &packet.Puback{PacketID: 1},
			DecodeOnly: true, // the encoder uses the short form, remaining length 2
		}, {
			Name: "PUBREC success with explicit reason code and property length 0", Version: packet.V5,
			Raw: []byte{
				0x50, 0x04, // PUBREC; remaining length 4
				0x00, 0x02, // packet identifier 2
				0x00, // reason code 0x00: success
				0x00, // property length 0
			},
			Want:       &packet.Pubrec{PacketID: 2},
			DecodeOnly: true, // the encoder uses the short form, remaining length 2
		}, {
			Name: "PUBREL 0x92 with property length 0", Version: packet.V5,
			Raw: []byte{
				0x62, 0x04, // PUBREL, flags 0010; remaining length 4
				0x00, 0x03, // packet identifier 3
				0x92, // reason code 0x92: packet identifier not found
				0x00, // property length 0
			},
			Want:       &packet.Pubrel{PacketID: 3, ReasonCode: packet.PacketIdentifierNotFound},
			DecodeOnly: true, // the encoder leaves out the property length: remaining length 3
		}, {
			Name: "PUBCOMP success with explicit reason code and property length 0", Version: packet.V5,
			Raw: []byte{
				0x70, 0x04, // PUBCOMP; remaining length 4
				0x00, 0x04, // packet identifier 4
				0x00, // reason code 0x00: success
				0x00, // property length 0
			},
			Want:       &packet.Pubcomp{PacketID: 4},
			DecodeOnly: true, // the encoder uses the short form, remaining length 2
		},
	}
}

func ackMalformed() []Case {
	return []Case{
		// Packet identifier 0: a PUBLISH never carries it, so no
		// acknowledgement can [MQTT-2.2.1-5] (3.1.1: [MQTT-2.3.1-6]).
		{
			Name: "PUBACK [MQTT-2.3.1-1] [MQTT-2.3.1-6] packet identifier 0", Version: packet.V311,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x40, 0x02, // PUBACK; remaining length 2
				0x00, 0x00, // packet identifier 0
			},
		}, {
			Name: "PUBREC [MQTT-2.2.1-3] [MQTT-2.2.1-5] packet identifier 0", Version: packet.V5,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x50, 0x02, // PUBREC; remaining length 2
				0x00, 0x00, // packet identifier 0
			},
		}, {
			Name: "PUBREL [MQTT-2.3.1-1] [MQTT-2.3.1-6] packet identifier 0", Version: packet.V311,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x62, 0x02, // PUBREL, flags 0010; remaining length 2
				0x00, 0x00, // packet identifier 0
			},
		}, {
			Name: "PUBCOMP [MQTT-2.2.1-3] [MQTT-2.2.1-5] packet identifier 0", Version: packet.V5,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x70, 0x03, // PUBCOMP; remaining length 3
				0x00, 0x00, // packet identifier 0
				0x92, // reason code 0x92: packet identifier not found
			},
		}, {
			Name: "PUBACK [MQTT-2.2.1-3] [MQTT-2.2.1-5] packet identifier 0", Version: packet.V5,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x40, 0x02, // PUBACK; remaining length 2
				0x00, 0x00, // packet identifier 0
			},
		}, {
			Name: "PUBREC [MQTT-2.3.1-1] [MQTT-2.3.1-6] packet identifier 0", Version: packet.V311,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x50, 0x02, // PUBREC; remaining length 2
				0x00, 0x00, // packet identifier 0
			},
		}, {
			Name: "PUBREL [MQTT-2.2.1-3] [MQTT-2.2.1-5] packet identifier 0", Version: packet.V5,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x62, 0x02, // PUBREL, flags 0010; remaining length 2
				0x00, 0x00, // packet identifier 0
			},
		}, {
			Name: "PUBCOMP [MQTT-2.3.1-1] [MQTT-2.3.1-6] packet identifier 0", Version: packet.V311,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x70, 0x02, // PUBCOMP; remaining length 2
				0x00, 0x00, // packet identifier 0
			},
		}, {
			Name: "PUBACK packet identifier 0 (reserved as invalid in 3.1)", Version: packet.V31,
			Err: packet.ErrZeroPacketID, Code: packet.ProtocolError,
			Raw: []byte{
				0x40, 0x02, // PUBACK; remaining length 2
				0x00, 0x00, // packet identifier 0
			},
		},

		// Fixed header flags.
		{
			Name: "PUBACK [MQTT-2.2.2-1] [MQTT-2.2.2-2] reserved fixed header flag set", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x42, 0x02, // PUBACK with flags 0010; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
		}, {
			Name: "PUBREC [MQTT-2.1.3-1] reserved fixed header flag set", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x51, 0x02, // PUBREC with flags 0001; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
		}, {
			Name: "PUBREL [MQTT-3.6.1-1] flags 0000", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x60, 0x02, // PUBREL with flags 0000, not 0010; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
		}, {
			Name: "PUBREL [MQTT-3.6.1-1] flags 1010", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x6a, 0x02, // PUBREL with flags 1010, not 0010; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
		}, {
			Name: "PUBCOMP [MQTT-2.2.2-1] [MQTT-2.2.2-2] reserved fixed header flag set", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x78, 0x02, // PUBCOMP with flags 1000; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
		}, {
			Name: "PUBACK [MQTT-2.1.3-1] reserved fixed header flag set", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x48, 0x02, // PUBACK with flags 1000; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
		}, {
			Name: "PUBREC [MQTT-2.2.2-1] [MQTT-2.2.2-2] reserved fixed header flag set", Version: packet.V311,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x52, 0x02, // PUBREC with flags 0010; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
		}, {
			Name: "PUBCOMP [MQTT-2.1.3-1] reserved fixed header flag set", Version: packet.V5,
			Err: packet.ErrReservedFlags, Code: packet.MalformedPacket,
			Raw: []byte{
				0x71, 0x02, // PUBCOMP with flags 0001; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
		},

		// Length.
		{
			Name: "PUBACK bytes after the packet identifier", Version: packet.V311,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x40, 0x03, // PUBACK; remaining length 3
				0x00, 0x01, // packet identifier 1
				0x00, // trailing byte: no reason code before 5.0
			},
		}, {
			Name: "PUBREC bytes after the packet identifier", Version: packet.V31,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x50, 0x03, // PUBREC; remaining length 3
				0x00, 0x01, // packet identifier 1
				0x00, // trailing byte
			},
		}, {
			Name: "PUBREL bytes after the packet identifier", Version: packet.V311,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x62, 0x04, // PUBREL, flags 0010; remaining length 4
				0x00, 0x01, // packet identifier 1
				0x00, 0x00, // trailing bytes: no reason code or properties before 5.0
			},
		}, {
			Name: "PUBCOMP truncated in the packet identifier", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x70, 0x01, // PUBCOMP; remaining length 1
				0x00, // packet identifier: 1 of 2 bytes
			},
		}, {
			Name: "PUBACK without packet identifier", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x40, 0x00, // PUBACK; remaining length 0
			},
		}, {
			Name: "PUBREL property length beyond the packet", Version: packet.V5,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x62, 0x05, // PUBREL, flags 0010; remaining length 5
				0x00, 0x01, // packet identifier 1
				0x00, // reason code 0x00: success
				0x05, // property length 5, but 1 byte remains
				0x1f, // property identifier 0x1F: reason string
			},
		}, {
			Name: "PUBACK bytes after the properties", Version: packet.V5,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x40, 0x05, // PUBACK; remaining length 5
				0x00, 0x01, // packet identifier 1
				0x00, // reason code 0x00: success
				0x00, // property length 0
				0x00, // trailing byte
			},
		}, {
			Name: "PUBREC bytes after the packet identifier", Version: packet.V311,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x50, 0x03, // PUBREC; remaining length 3
				0x00, 0x01, // packet identifier 1
				0x10, // trailing byte: no reason code before 5.0
			},
		}, {
			Name: "PUBCOMP bytes after the packet identifier", Version: packet.V311,
			Err: packet.ErrTrailingBytes, Code: packet.MalformedPacket,
			Raw: []byte{
				0x70, 0x03, // PUBCOMP; remaining length 3
				0x00, 0x01, // packet identifier 1
				0x00, // trailing byte
			},
		}, {
			Name: "PUBACK truncated in the packet identifier", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x40, 0x01, // PUBACK; remaining length 1
				0x00, // packet identifier: 1 of 2 bytes
			},
		}, {
			Name: "PUBREC without packet identifier", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x50, 0x00, // PUBREC; remaining length 0
			},
		}, {
			Name: "PUBREL truncated in the packet identifier", Version: packet.V311,
			Err: packet.ErrTruncated, Code: packet.MalformedPacket,
			Raw: []byte{
				0x62, 0x01, // PUBREL, flags 0010; remaining length 1
				0x00, // packet identifier: 1 of 2 bytes
			},
		},

		// Reason codes.
		{
			Name: "PUBACK [MQTT-3.4.2-1] reason code 0x92 is not a PUBACK code", Version: packet.V5,
			Err: packet.ErrInvalidReasonCode, Code: packet.ProtocolError,
			Raw: []byte{
				0x40, 0x03, // PUBACK; remaining length 3
				0x00, 0x01, // packet identifier 1
				0x92, // reason code 0x92: packet identifier not found (PUBREL, PUBCOMP)
			},
		}, {
			Name: "PUBREC [MQTT-3.5.2-1] reason code 0x04 is not a PUBREC code", Version: packet.V5,
			Err: packet.ErrInvalidReasonCode, Code: packet.ProtocolError,
			Raw: []byte{
				0x50, 0x03, // PUBREC; remaining length 3
				0x00, 0x01, // packet identifier 1
				0x04, // reason code 0x04: disconnect with will message (DISCONNECT)
			},
		}, {
			Name: "PUBREL [MQTT-3.6.2-1] reason code 0x10 is not a PUBREL code", Version: packet.V5,
			Err: packet.ErrInvalidReasonCode, Code: packet.ProtocolError,
			Raw: []byte{
				0x62, 0x04, // PUBREL, flags 0010; remaining length 4
				0x00, 0x01, // packet identifier 1
				0x10, // reason code 0x10: no matching subscribers (PUBACK, PUBREC)
				0x00, // property length 0
			},
		}, {
			Name: "PUBCOMP [MQTT-3.7.2-1] reason code 0x80 is not a PUBCOMP code", Version: packet.V5,
			Err: packet.ErrInvalidReasonCode, Code: packet.ProtocolError,
			Raw: []byte{
				0x70, 0x03, // PUBCOMP; remaining length 3
				0x00, 0x01, // packet identifier 1
				0x80, // reason code 0x80: unspecified error
			},
		},

		// Properties.
		{
			Name: "PUBACK topic alias not allowed in PUBACK (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket,
			Raw: []byte{
				0x40, 0x07, // PUBACK; remaining length 7
				0x00, 0x01, // packet identifier 1
				0x00,             // reason code 0x00: success
				0x03,             // property length 3
				0x23, 0x00, 0x01, // topic alias 1: a PUBLISH property
			},
		}, {
			Name: "PUBREL session expiry interval not allowed in PUBREL (2.2.2.2)", Version: packet.V5,
			Err: packet.ErrPropertyNotAllowed, Code: packet.MalformedPacket,
			Raw: []byte{
				0x62, 0x09, // PUBREL, flags 0010; remaining length 9
				0x00, 0x01, // packet identifier 1
				0x00,                         // reason code 0x00: success
				0x05,                         // property length 5
				0x11, 0x00, 0x00, 0x00, 0x0a, // session expiry interval 10 s: not an acknowledgement property
			},
		}, {
			Name: "PUBREC reason string twice (3.5.2.2.2)", Version: packet.V5,
			Err: packet.ErrDuplicateProperty, Code: packet.ProtocolError,
			Raw: []byte{
				0x50, 0x0c, // PUBREC; remaining length 12
				0x00, 0x01, // packet identifier 1
				0x80,                  // reason code 0x80: unspecified error
				0x08,                  // property length 8
				0x1f, 0x00, 0x01, 'a', // reason string "a"
				0x1f, 0x00, 0x01, 'b', // reason string again
			},
		}, {
			Name: "PUBCOMP [MQTT-1.5.4-1] encoded surrogate in reason string", Version: packet.V5,
			Err: packet.ErrInvalidUTF8, Code: packet.MalformedPacket,
			Raw: []byte{
				0x70, 0x0a, // PUBCOMP; remaining length 10
				0x00, 0x01, // packet identifier 1
				0x92,                               // reason code 0x92: packet identifier not found
				0x06,                               // property length 6
				0x1f, 0x00, 0x03, 0xed, 0xa0, 0x80, // reason string: U+D800 encoded
			},
		},
	}
}
