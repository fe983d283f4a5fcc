package packettest

import "github.com/ternmq/tern/packet"

// subscribeCases returns the SUBSCRIBE fixtures. The fixed header flags are
// 0010 [MQTT-3.8.1-1]; the payload holds at least one topic filter, each
// followed by a byte of subscription options (in 3.1 and 3.1.1 only the
// requested QoS). MQTT 3.1 fixes only the QoS bits of the fixed header and
// lets a resent SUBSCRIBE carry DUP.
func subscribeCases() []Case {
	return append(subscribeValid(), subscribeMalformed()...)
}

func subscribeValid() []Case {
	return []Case{
		{
			Name: "SUBSCRIBE one filter, QoS 0", Version: packet.V31,
			Raw: []byte{
				0x82, 0x08, // SUBSCRIBE (flags 0010: QoS 1); remaining length 8
				0x00, 0x01, // packet identifier 1
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
				0x00, // requested QoS 0
			},
			Want: &packet.Subscribe{PacketID: 1, Subscriptions: []packet.Subscription{{Filter: "a/b"}}},
		}, {
			Name: "SUBSCRIBE several filters, QoS 0, 1 and 2", Version: packet.V31,
			Raw: []byte{
				0x82, 0x10, // SUBSCRIBE (flags 0010); remaining length 16
				0x00, 0x0a, // packet identifier 10
				0x00, 0x01, 'a', // topic filter "a"
				0x00,                      // requested QoS 0
				0x00, 0x03, 'b', '/', '+', // topic filter "b/+"
				0x01,            // requested QoS 1
				0x00, 0x01, '#', // topic filter "#"
				0x02, // requested QoS 2
			},
			Want: &packet.Subscribe{PacketID: 10, Subscriptions: []packet.Subscription{
				{Filter: "a"}, {Filter: "b/+", QoS: 1}, {Filter: "#", QoS: 2}}},
		}, {
			Name: "SUBSCRIBE resent with DUP (3.1 sets DUP on a redelivered SUBSCRIBE)", Version: packet.V31,
			Raw: []byte{
				0x8a, 0x08, // SUBSCRIBE (flags 1010: DUP, QoS 1); remaining length 8
				0x00, 0x02, // packet identifier 2
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
				0x01, // requested QoS 1
			},
			Want:       &packet.Subscribe{PacketID: 2, Subscriptions: []packet.Subscription{{Filter: "a/b", QoS: 1}}},
			DecodeOnly: true, // the encoder always writes flags 0010
		}, {
			Name: "SUBSCRIBE [MQTT-3.8.1-1] one filter, QoS 1", Version: packet.V311,
			Raw: []byte{
				0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
				0x00, 0x01, // packet identifier 1
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
				0x01, // requested QoS 1
			},
			Want: &packet.Subscribe{PacketID: 1, Subscriptions: []packet.Subscription{{Filter: "a/b", QoS: 1}}},
		}, {
			Name: "SUBSCRIBE [MQTT-3.8.3-1] several filters: wildcards, UTF-8, each QoS", Version: packet.V311,
			Raw: []byte{
				0x82, 0x29, // SUBSCRIBE (flags 0010); remaining length 41
				0xff, 0xff, // packet identifier 65535
				0x00, 0x0e, 's', 'p', 'o', 'r', 't', '/', 't', 'e', 'n', 'n', 'i', 's', '/', '+', // topic filter "sport/tennis/+"
				0x02,                                          // requested QoS 2
				0x00, 0x07, 's', 'p', 'o', 'r', 't', '/', '#', // topic filter "sport/#"
				0x01,                                    // requested QoS 1
				0x00, 0x05, 0xc3, 0xa9, '/', 0xc3, 0xbc, // topic filter "é/ü"
				0x00,            // requested QoS 0
				0x00, 0x01, '+', // topic filter "+"
				0x02, // requested QoS 2
			},
			Want: &packet.Subscribe{PacketID: 65535, Subscriptions: []packet.Subscription{
				{Filter: "sport/tennis/+", QoS: 2}, {Filter: "sport/#", QoS: 1}, {Filter: "é/ü"}, {Filter: "+", QoS: 2}}},
		}, {
			Name: "SUBSCRIBE one filter, QoS 0, no properties", Version: packet.V5,
			Raw: []byte{
				0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
				0x00, 0x01, // packet identifier 1
				0x00,                      // property length 0
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
				0x00, // options: QoS 0
			},
			Want: &packet.Subscribe{PacketID: 1, Subscriptions: []packet.Subscription{{Filter: "a/b"}}},
		}, {
			Name: "SUBSCRIBE [MQTT-3.8.3-2] several filters, QoS 0, 1 and 2", Version: packet.V5,
			Raw: []byte{
				0x82, 0x11, // SUBSCRIBE (flags 0010); remaining length 17
				0x00, 0x0b, // packet identifier 11
				0x00,            // property length 0
				0x00, 0x01, 'a', // topic filter "a"
				0x00,                      // options: QoS 0
				0x00, 0x03, 'b', '/', '+', // topic filter "b/+"
				0x01,            // options: QoS 1
				0x00, 0x01, '#', // topic filter "#"
				0x02, // options: QoS 2
			},
			Want: &packet.Subscribe{PacketID: 11, Subscriptions: []packet.Subscription{
				{Filter: "a"}, {Filter: "b/+", QoS: 1}, {Filter: "#", QoS: 2}}},
		}, {
			Name: "SUBSCRIBE [MQTT-3.8.3-3] No Local", Version: packet.V5,
			Raw: []byte{
				0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
				0x00, 0x01, // packet identifier 1
				0x00,                      // property length 0
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
				0x05, // options: QoS 1, No Local
			},
			Want: &packet.Subscribe{PacketID: 1, Subscriptions: []packet.Subscription{
				{Filter: "a/b", QoS: 1, NoLocal: true}}},
		}, {
			Name: "SUBSCRIBE Retain As Published (3.8.3.1)", Version: packet.V5,
			Raw: []byte{
				0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
				0x00, 0x02, // packet identifier 2
				0x00,                      // property length 0
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
				0x08, // options: QoS 0, Retain As Published
			},
			Want: &packet.Subscribe{PacketID: 2, Subscriptions: []packet.Subscription{
				{Filter: "a/b", RetainAsPublished: true}}},
		}, {
			Name: "SUBSCRIBE Retain Handling 1: retained messages only for a new subscription (3.8.3.1)", Version: packet.V5,
			Raw: []byte{
				0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
				0x00, 0x03, // packet identifier 3
				0x00,                      // property length 0
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
				0x12, // options: QoS 2, Retain Handling 1
			},
			Want: &packet.Subscribe{PacketID: 3, Subscriptions: []packet.Subscription{
				{Filter: "a/b", QoS: 2, RetainHandling: 1}}},
		}, {
			Name: "SUBSCRIBE Retain Handling 2: no retained messages (3.8.3.1)", Version: packet.V5,
			Raw: []byte{
				0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
				0x00, 0x04, // packet identifier 4
				0x00,                      // property length 0
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
				0x20, // options: QoS 0, Retain Handling 2
			},
			Want: &packet.Subscribe{PacketID: 4, Subscriptions: []packet.Subscription{
				{Filter: "a/b", RetainHandling: 2}}},
		}, {
			Name: "SUBSCRIBE every option on one filter, none on the next", Version: packet.V5,
			Raw: []byte{
				0x82, 0x0b, // SUBSCRIBE (flags 0010); remaining length 11
				0x00, 0x05, // packet identifier 5
				0x00,            // property length 0
				0x00, 0x01, 'x', // topic filter "x"
				0x2e,            // options: QoS 2, No Local, Retain As Published, Retain Handling 2
				0x00, 0x01, 'y', // topic filter "y"
				0x00, // options: QoS 0, Retain Handling 0
			},
			Want: &packet.Subscribe{PacketID: 5, Subscriptions: []packet.Subscription{
				{Filter: "x", QoS: 2, NoLocal: true, RetainAsPublished: true, RetainHandling: 2},
				{Filter: "y"}}},
		}, {
			Name: "SUBSCRIBE subscription identifier 1 and a user property (3.8.2.1.2, 3.8.2.1.3)", Version: packet.V5,
			Raw: []byte{
				0x82, 0x12, // SUBSCRIBE (flags 0010); remaining length 18
				0x00, 0x06, // packet identifier 6
				0x09,       // property length 9
				0x0b, 0x01, // subscription identifier 1
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
				0x00, 0x03, 'a', '/', '#', // topic filter "a/#"
				0x01, // options: QoS 1
			},
			Want: &packet.Subscribe{PacketID: 6, Props: packet.Properties{
				SubscriptionIDs: []uint32{1}, User: []packet.UserProperty{{Key: "k", Value: "v"}}},
				Subscriptions: []packet.Subscription{{Filter: "a/#", QoS: 1}}},
		}, {
			Name: "SUBSCRIBE subscription identifier 268,435,455 in four bytes (3.8.2.1.2)", Version: packet.V5,
			Raw: []byte{
				0x82, 0x0c, // SUBSCRIBE (flags 0010); remaining length 12
				0x00, 0x07, // packet identifier 7
				0x05,                         // property length 5
				0x0b, 0xff, 0xff, 0xff, 0x7f, // subscription identifier 268435455, the largest
				0x00, 0x01, 'a', // topic filter "a"
				0x00, // options: QoS 0
			},
			Want: &packet.Subscribe{PacketID: 7, Props: packet.Properties{SubscriptionIDs: []uint32{268435455}},
				Subscriptions: []packet.Subscription{{Filter: "a"}}},
		}, {
			Name: "SUBSCRIBE shared subscription filter (4.8.2)", Version: packet.V5,
			Raw: []byte{
				0x82, 0x10, // SUBSCRIBE (flags 0010); remaining length 16
				0x00, 0x08, // packet identifier 8
				0x00,                                                         // property length 0
				0x00, 0x0a, '$', 's', 'h', 'a', 'r', 'e', '/', 'g', '/', 'a', // topic filter "$share/g/a"
				0x01, // options: QoS 1
			},
			Want: &packet.Subscribe{PacketID: 8, Subscriptions: []packet.Subscription{{Filter: "$share/g/a", QoS: 1}}},
		},
	}
}

func subscribeMalformed() []Case {
	bad := func(name string, v packet.Version, err error, code packet.ReasonCode, raw []byte) Case {
		return Case{Name: name, Version: v, Err: err, Code: code, Raw: raw}
	}
	return []Case{
		// Fixed header flags.
		bad("SUBSCRIBE [MQTT-3.8.1-1] fixed header flags 0000", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x80, 0x08, // SUBSCRIBE with flags 0000, not 0010; remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x00, // requested QoS 0
		}),
		bad("SUBSCRIBE [MQTT-3.8.1-1] fixed header flags 1010 (DUP)", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x8a, 0x08, // SUBSCRIBE with flags 1010, not 0010; remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x00, // requested QoS 0
		}),
		bad("SUBSCRIBE [MQTT-3.8.1-1] fixed header flags 0011", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x83, 0x09, // SUBSCRIBE with flags 0011, not 0010; remaining length 9
			0x00, 0x01, // packet identifier 1
			0x00,                      // property length 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x00, // options: QoS 0
		}),
		bad("SUBSCRIBE fixed header QoS 0 (3.1: SUBSCRIBE uses QoS 1)", packet.V31, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x80, 0x08, // SUBSCRIBE with flags 0000: QoS 0; remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x00, // requested QoS 0
		}),

		// No topic filter.
		bad("SUBSCRIBE [MQTT-3.8.3-3] no topic filter", packet.V311, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0x82, 0x02, // SUBSCRIBE (flags 0010); remaining length 2
			0x00, 0x01, // packet identifier 1; no payload
		}),
		bad("SUBSCRIBE no topic filter (3.8.3)", packet.V31, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0x82, 0x02, // SUBSCRIBE (flags 0010); remaining length 2
			0x00, 0x01, // packet identifier 1; no payload
		}),
		bad("SUBSCRIBE [MQTT-3.8.3-2] no topic filter", packet.V5, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0x82, 0x03, // SUBSCRIBE (flags 0010); remaining length 3
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0; no payload
		}),
		bad("SUBSCRIBE [MQTT-3.8.3-2] properties but no topic filter", packet.V5, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0x82, 0x05, // SUBSCRIBE (flags 0010); remaining length 5
			0x00, 0x01, // packet identifier 1
			0x02,       // property length 2
			0x0b, 0x01, // subscription identifier 1; no payload
		}),

		// Subscription options.
		bad("SUBSCRIBE [MQTT-3-8.3-4] requested QoS 3", packet.V311, packet.ErrInvalidQoS, packet.MalformedPacket, []byte{
			0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x03, // requested QoS 3
		}),
		bad("SUBSCRIBE [MQTT-3-8.3-4] requested QoS 3 in the second filter", packet.V311, packet.ErrInvalidQoS, packet.MalformedPacket, []byte{
			0x82, 0x0a, // SUBSCRIBE (flags 0010); remaining length 10
			0x00, 0x01, // packet identifier 1
			0x00, 0x01, 'a', // topic filter "a"
			0x02,            // requested QoS 2
			0x00, 0x01, 'b', // topic filter "b"
			0x03, // requested QoS 3
		}),
		bad("SUBSCRIBE [MQTT-3-8.3-4] reserved bit 2 set (No Local in 5.0)", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x04, // requested QoS 0 with reserved bit 2 set
		}),
		bad("SUBSCRIBE [MQTT-3-8.3-4] reserved bit 7 set", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x81, // requested QoS 1 with reserved bit 7 set
		}),
		bad("SUBSCRIBE reserved bit 5 of requested QoS set (3.1: upper 6 bits reserved)", packet.V31, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x20, // requested QoS 0 with reserved bit 5 set
		}),
		bad("SUBSCRIBE requested QoS 3 (3.1)", packet.V31, packet.ErrInvalidQoS, packet.MalformedPacket, []byte{
			0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x03, // requested QoS 3
		}),
		bad("SUBSCRIBE [MQTT-3.8.3-5] reserved bit 6 set", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x00,                      // property length 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x40, // options: QoS 0, reserved bit 6 set
		}),
		bad("SUBSCRIBE [MQTT-3.8.3-5] reserved bit 7 set", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x00,                      // property length 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x8d, // options: QoS 1, No Local, Retain As Published, reserved bit 7 set
		}),
		// 3.8.3.1: "It is a Protocol Error if the Maximum QoS field has the
		// value 3" (3.1.1 calls it malformed [MQTT-3-8.3-4]).
		bad("SUBSCRIBE maximum QoS 3 (3.8.3.1)", packet.V5, packet.ErrInvalidQoS, packet.ProtocolError, []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x00,                      // property length 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x03, // options: QoS 3
		}),
		bad("SUBSCRIBE retain handling 3 (3.8.3.1)", packet.V5, packet.ErrInvalidValue, packet.ProtocolError, []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x00,                      // property length 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x31, // options: QoS 1, Retain Handling 3
		}),

		// Packet identifier.
		bad("SUBSCRIBE [MQTT-2.3.1-1] packet identifier 0", packet.V311, packet.ErrZeroPacketID, packet.ProtocolError, []byte{
			0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x00, // packet identifier 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x00, // requested QoS 0
		}),
		bad("SUBSCRIBE packet identifier 0 (reserved as invalid in 3.1)", packet.V31, packet.ErrZeroPacketID, packet.ProtocolError, []byte{
			0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x00, // packet identifier 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x00, // requested QoS 0
		}),
		bad("SUBSCRIBE [MQTT-2.2.1-3] packet identifier 0", packet.V5, packet.ErrZeroPacketID, packet.ProtocolError, []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x00, // packet identifier 0
			0x00,                      // property length 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x00, // options: QoS 0
		}),

		// Truncation.
		bad("SUBSCRIBE truncated in the packet identifier", packet.V311, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0x82, 0x01, // SUBSCRIBE (flags 0010); remaining length 1
			0x00, // packet identifier: 1 of 2 bytes
		}),
		bad("SUBSCRIBE no property length", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0x82, 0x02, // SUBSCRIBE (flags 0010); remaining length 2
			0x00, 0x01, // packet identifier 1; the property length is missing
		}),
		bad("SUBSCRIBE topic filter truncated", packet.V311, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0x82, 0x06, // SUBSCRIBE (flags 0010); remaining length 6
			0x00, 0x01, // packet identifier 1
			0x00, 0x05, 'a', '/', // topic filter: 2 of 5 bytes
		}),
		bad("SUBSCRIBE topic filter length beyond the packet", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x00,                      // property length 0
			0x00, 0x09, 'a', '/', 'b', // topic filter length 9, but 4 bytes remain
			0x00,
		}),
		bad("SUBSCRIBE topic filter without options", packet.V311, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0x82, 0x07, // SUBSCRIBE (flags 0010); remaining length 7
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"; the requested QoS is missing
		}),
		bad("SUBSCRIBE second topic filter without options", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0x82, 0x0c, // SUBSCRIBE (flags 0010); remaining length 12
			0x00, 0x01, // packet identifier 1
			0x00,            // property length 0
			0x00, 0x01, 'a', // topic filter "a"
			0x01,                      // options: QoS 1
			0x00, 0x03, 'b', '/', 'c', // topic filter "b/c"; the options are missing
		}),

		// Topic filter encoding.
		bad("SUBSCRIBE [MQTT-3.8.3-1] [MQTT-1.5.3-1] topic filter not UTF-8", packet.V311, packet.ErrInvalidUTF8, packet.MalformedPacket, []byte{
			0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', 0xff, 'b', // topic filter "a\xffb"
			0x00, // requested QoS 0
		}),
		bad("SUBSCRIBE [MQTT-3.8.3-1] [MQTT-1.5.3-2] U+0000 in topic filter", packet.V311, packet.ErrNullChar, packet.MalformedPacket, []byte{
			0x82, 0x08, // SUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', 0x00, '#', // topic filter "a\x00#"
			0x00, // requested QoS 0
		}),
		bad("SUBSCRIBE [MQTT-3.8.3-1] [MQTT-1.5.4-1] encoded surrogate in topic filter", packet.V5, packet.ErrInvalidUTF8, packet.MalformedPacket, []byte{
			0x82, 0x09, // SUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x00,                         // property length 0
			0x00, 0x03, 0xed, 0xbf, 0xbf, // topic filter: U+DFFF encoded
			0x00, // options: QoS 0
		}),
		bad("SUBSCRIBE [MQTT-3.8.3-1] [MQTT-1.5.4-1] overlong encoding of '/' in topic filter", packet.V5, packet.ErrInvalidUTF8, packet.MalformedPacket, []byte{
			0x82, 0x0a, // SUBSCRIBE (flags 0010); remaining length 10
			0x00, 0x01, // packet identifier 1
			0x00,                             // property length 0
			0x00, 0x04, 'a', 0xc0, 0xaf, 'b', // topic filter "a", '/' in two bytes, "b"
			0x00, // options: QoS 0
		}),
		bad("SUBSCRIBE [MQTT-3.8.3-1] [MQTT-1.5.4-2] U+0000 in the second topic filter", packet.V5, packet.ErrNullChar, packet.MalformedPacket, []byte{
			0x82, 0x0d, // SUBSCRIBE (flags 0010); remaining length 13
			0x00, 0x01, // packet identifier 1
			0x00,            // property length 0
			0x00, 0x01, 'a', // topic filter "a"
			0x00,                       // options: QoS 0
			0x00, 0x03, 'b', '/', 0x00, // topic filter "b/\x00"
			0x00, // options: QoS 0
		}),
	}
}

// subackCases returns the SUBACK fixtures: one return code per topic filter
// of the SUBSCRIBE, in order [MQTT-3.9.3-1]. Before 5.0 the codes are the
// granted QoS 0-2 and 0x80 for a failure [MQTT-3.9.3-2] (3.1.1); the encoder
// writes any 5.0 failure code as 0x80 there, so these fixtures use 0x80
// itself to round-trip.
func subackCases() []Case {
	return append(subackValid(), subackMalformed()...)
}

func subackValid() []Case {
	return []Case{
		{
			Name: "SUBACK granted QoS 0, 1 and 2", Version: packet.V31,
			Raw: []byte{
				0x90, 0x05, // SUBACK; remaining length 5
				0x00, 0x0a, // packet identifier 10
				0x00, 0x01, 0x02, // granted QoS 0, 1, 2
			},
			Want: &packet.Suback{PacketID: 10, ReasonCodes: []packet.ReasonCode{
				packet.GrantedQoS0, packet.GrantedQoS1, packet.GrantedQoS2}},
		}, {
			Name: "SUBACK [MQTT-3.8.4-2] granted QoS 1", Version: packet.V311,
			Raw: []byte{
				0x90, 0x03, // SUBACK; remaining length 3
				0x00, 0x01, // packet identifier 1
				0x01, // return code 0x01: granted QoS 1
			},
			Want: &packet.Suback{PacketID: 1, ReasonCodes: []packet.ReasonCode{packet.GrantedQoS1}},
		}, {
			Name: "SUBACK [MQTT-3.9.3-1] [MQTT-3.9.3-2] granted QoS 0, 1, 2 and 0x80 failure", Version: packet.V311,
			Raw: []byte{
				0x90, 0x06, // SUBACK; remaining length 6
				0x12, 0x34, // packet identifier 0x1234
				0x00, 0x01, 0x02, // return codes: granted QoS 0, 1, 2
				0x80, // return code 0x80: failure
			},
			Want: &packet.Suback{PacketID: 0x1234, ReasonCodes: []packet.ReasonCode{
				packet.GrantedQoS0, packet.GrantedQoS1, packet.GrantedQoS2, packet.UnspecifiedError}},
		}, {
			Name: "SUBACK granted QoS 0, no properties", Version: packet.V5,
			Raw: []byte{
				0x90, 0x04, // SUBACK; remaining length 4
				0x00, 0x01, // packet identifier 1
				0x00, // property length 0
				0x00, // reason code 0x00: granted QoS 0
			},
			Want: &packet.Suback{PacketID: 1, ReasonCodes: []packet.ReasonCode{packet.GrantedQoS0}},
		}, {
			Name: "SUBACK [MQTT-3.9.3-2] every SUBACK reason code", Version: packet.V5,
			Raw: []byte{
				0x90, 0x0f, // SUBACK; remaining length 15
				0x00, 0x02, // packet identifier 2
				0x00,             // property length 0
				0x00, 0x01, 0x02, // granted QoS 0, 1, 2
				0x80, // unspecified error
				0x83, // implementation specific error
				0x87, // not authorized
				0x8f, // topic filter invalid
				0x91, // packet identifier in use
				0x97, // quota exceeded
				0x9e, // shared subscriptions not supported
				0xa1, // subscription identifiers not supported
				0xa2, // wildcard subscriptions not supported
			},
			Want: &packet.Suback{PacketID: 2, ReasonCodes: []packet.ReasonCode{
				packet.GrantedQoS0, packet.GrantedQoS1, packet.GrantedQoS2,
				packet.UnspecifiedError, packet.ImplementationSpecificError, packet.NotAuthorized,
				packet.TopicFilterInvalid, packet.PacketIdentifierInUse, packet.QuotaExceeded,
				packet.SharedSubscriptionsNotSupported, packet.SubscriptionIdentifiersNotSupported,
				packet.WildcardSubscriptionsNotSupported}},
		}, {
			Name: "SUBACK 0x87 not authorized with reason string and user property (3.9.2.1)", Version: packet.V5,
			Raw: []byte{
				0x90, 0x15, // SUBACK; remaining length 21
				0x00, 0x03, // packet identifier 3
				0x10,                                           // property length 16
				0x1f, 0x00, 0x06, 'd', 'e', 'n', 'i', 'e', 'd', // reason string "denied"
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
				0x01, // reason code 0x01: granted QoS 1
				0x87, // reason code 0x87: not authorized
			},
			Want: &packet.Suback{PacketID: 3, Props: packet.Properties{
				ReasonString: "denied", User: []packet.UserProperty{{Key: "k", Value: "v"}}},
				ReasonCodes: []packet.ReasonCode{packet.GrantedQoS1, packet.NotAuthorized}},
		},
	}
}

func subackMalformed() []Case {
	bad := func(name string, v packet.Version, err error, code packet.ReasonCode, raw []byte) Case {
		return Case{Name: name, Version: v, Err: err, Code: code, Raw: raw}
	}
	return []Case{
		bad("SUBACK [MQTT-3.9.3-2] reserved return code 0x03", packet.V311, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0x90, 0x03, // SUBACK; remaining length 3
			0x00, 0x01, // packet identifier 1
			0x03, // return code 0x03: reserved
		}),
		bad("SUBACK [MQTT-3.9.3-2] 5.0 failure code 0x87 in 3.1.1", packet.V311, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0x90, 0x04, // SUBACK; remaining length 4
			0x00, 0x01, // packet identifier 1
			0x00, // return code 0x00: granted QoS 0
			0x87, // return code 0x87: reserved before 5.0
		}),
		bad("SUBACK granted QoS 3", packet.V31, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0x90, 0x03, // SUBACK; remaining length 3
			0x00, 0x01, // packet identifier 1
			0x03, // granted QoS 3
		}),
		bad("SUBACK [MQTT-3.9.3-2] reason code 0x04 is not a SUBACK code", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0x90, 0x04, // SUBACK; remaining length 4
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0
			0x04, // reason code 0x04: a DISCONNECT code
		}),
		bad("SUBACK [MQTT-3.9.3-2] reason code 0x11 (an UNSUBACK code) after a valid one", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0x90, 0x05, // SUBACK; remaining length 5
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0
			0x02, // reason code 0x02: granted QoS 2
			0x11, // reason code 0x11: no subscription existed
		}),
		bad("SUBACK [MQTT-3.9.3-2] reason code 0x81 is not a SUBACK code", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0x90, 0x04, // SUBACK; remaining length 4
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0
			0x81, // reason code 0x81: malformed packet
		}),
		bad("SUBACK without return codes (3.9.3: one per topic filter)", packet.V311, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0x90, 0x02, // SUBACK; remaining length 2
			0x00, 0x01, // packet identifier 1; no payload
		}),
		bad("SUBACK without reason codes (3.9.3: one per topic filter)", packet.V5, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0x90, 0x03, // SUBACK; remaining length 3
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0; no payload
		}),
		bad("SUBACK [MQTT-2.2.2-1] [MQTT-2.2.2-2] reserved fixed header flag set", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x92, 0x03, // SUBACK with flags 0010; remaining length 3
			0x00, 0x01, // packet identifier 1
			0x00, // return code 0x00: granted QoS 0
		}),
		bad("SUBACK [MQTT-2.1.3-1] reserved fixed header flag set", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0x98, 0x04, // SUBACK with flags 1000; remaining length 4
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0
			0x00, // reason code 0x00: granted QoS 0
		}),
		bad("SUBACK packet identifier 0 ([MQTT-2.3.1-1]: no SUBSCRIBE carries it)", packet.V311, packet.ErrZeroPacketID, packet.ProtocolError, []byte{
			0x90, 0x03, // SUBACK; remaining length 3
			0x00, 0x00, // packet identifier 0
			0x00, // return code 0x00: granted QoS 0
		}),
		bad("SUBACK packet identifier 0 ([MQTT-2.2.1-3]: no SUBSCRIBE carries it)", packet.V5, packet.ErrZeroPacketID, packet.ProtocolError, []byte{
			0x90, 0x04, // SUBACK; remaining length 4
			0x00, 0x00, // packet identifier 0
			0x00, // property length 0
			0x00, // reason code 0x00: granted QoS 0
		}),
		bad("SUBACK no property length", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0x90, 0x02, // SUBACK; remaining length 2
			0x00, 0x01, // packet identifier 1; the property length is missing
		}),
		bad("SUBACK truncated in the packet identifier", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0x90, 0x01, // SUBACK; remaining length 1
			0x00, // packet identifier: 1 of 2 bytes
		}),
	}
}

// unsubscribeCases returns the UNSUBSCRIBE fixtures: flags 0010
// [MQTT-3.10.1-1] and at least one topic filter [MQTT-3.10.3-2].
func unsubscribeCases() []Case {
	return append(unsubscribeValid(), unsubscribeMalformed()...)
}

func unsubscribeValid() []Case {
	return []Case{
		{
			Name: "UNSUBSCRIBE one filter", Version: packet.V31,
			Raw: []byte{
				0xa2, 0x07, // UNSUBSCRIBE (flags 0010: QoS 1); remaining length 7
				0x00, 0x01, // packet identifier 1
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			},
			Want: &packet.Unsubscribe{PacketID: 1, Filters: []string{"a/b"}},
		}, {
			Name: "UNSUBSCRIBE resent with DUP (3.1 sets DUP on a redelivered UNSUBSCRIBE)", Version: packet.V31,
			Raw: []byte{
				0xaa, 0x07, // UNSUBSCRIBE (flags 1010: DUP, QoS 1); remaining length 7
				0x00, 0x02, // packet identifier 2
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			},
			Want:       &packet.Unsubscribe{PacketID: 2, Filters: []string{"a/b"}},
			DecodeOnly: true, // the encoder always writes flags 0010
		}, {
			Name: "UNSUBSCRIBE [MQTT-3.10.1-1] one filter", Version: packet.V311,
			Raw: []byte{
				0xa2, 0x07, // UNSUBSCRIBE (flags 0010); remaining length 7
				0x00, 0x01, // packet identifier 1
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			},
			Want: &packet.Unsubscribe{PacketID: 1, Filters: []string{"a/b"}},
		}, {
			Name: "UNSUBSCRIBE [MQTT-3.10.3-1] several filters", Version: packet.V311,
			Raw: []byte{
				0xa2, 0x0e, // UNSUBSCRIBE (flags 0010); remaining length 14
				0x01, 0x00, // packet identifier 256
				0x00, 0x03, 'a', '/', '+', // topic filter "a/+"
				0x00, 0x01, '#', // topic filter "#"
				0x00, 0x02, 0xc3, 0xa9, // topic filter "é"
			},
			Want: &packet.Unsubscribe{PacketID: 256, Filters: []string{"a/+", "#", "é"}},
		}, {
			Name: "UNSUBSCRIBE one filter, no properties", Version: packet.V5,
			Raw: []byte{
				0xa2, 0x08, // UNSUBSCRIBE (flags 0010); remaining length 8
				0x00, 0x01, // packet identifier 1
				0x00,                      // property length 0
				0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			},
			Want: &packet.Unsubscribe{PacketID: 1, Filters: []string{"a/b"}},
		}, {
			Name: "UNSUBSCRIBE several filters and a user property (3.10.2.1.2)", Version: packet.V5,
			Raw: []byte{
				0xa2, 0x1b, // UNSUBSCRIBE (flags 0010); remaining length 27
				0x00, 0x02, // packet identifier 2
				0x07,                                   // property length 7
				0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property "k" = "v"
				0x00, 0x03, 'a', '/', '+', // topic filter "a/+"
				0x00, 0x0a, '$', 's', 'h', 'a', 'r', 'e', '/', 'g', '/', 'a', // topic filter "$share/g/a"
			},
			Want: &packet.Unsubscribe{PacketID: 2, Props: packet.Properties{
				User: []packet.UserProperty{{Key: "k", Value: "v"}}}, Filters: []string{"a/+", "$share/g/a"}},
		},
	}
}

func unsubscribeMalformed() []Case {
	bad := func(name string, v packet.Version, err error, code packet.ReasonCode, raw []byte) Case {
		return Case{Name: name, Version: v, Err: err, Code: code, Raw: raw}
	}
	return []Case{
		bad("UNSUBSCRIBE [MQTT-3.10.1-1] fixed header flags 0000", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xa0, 0x07, // UNSUBSCRIBE with flags 0000, not 0010; remaining length 7
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
		}),
		bad("UNSUBSCRIBE [MQTT-3.10.1-1] fixed header flags 0110", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xa6, 0x08, // UNSUBSCRIBE with flags 0110, not 0010; remaining length 8
			0x00, 0x01, // packet identifier 1
			0x00,                      // property length 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
		}),
		bad("UNSUBSCRIBE fixed header QoS 0 (3.1: UNSUBSCRIBE uses QoS 1)", packet.V31, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xa0, 0x07, // UNSUBSCRIBE with flags 0000: QoS 0; remaining length 7
			0x00, 0x01, // packet identifier 1
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
		}),
		bad("UNSUBSCRIBE [MQTT-3.10.3-2] no topic filter", packet.V311, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0xa2, 0x02, // UNSUBSCRIBE (flags 0010); remaining length 2
			0x00, 0x01, // packet identifier 1; no payload
		}),
		bad("UNSUBSCRIBE no topic filter (3.10.3)", packet.V31, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0xa2, 0x02, // UNSUBSCRIBE (flags 0010); remaining length 2
			0x00, 0x01, // packet identifier 1; no payload
		}),
		bad("UNSUBSCRIBE [MQTT-3.10.3-2] no topic filter", packet.V5, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0xa2, 0x03, // UNSUBSCRIBE (flags 0010); remaining length 3
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0; no payload
		}),
		bad("UNSUBSCRIBE [MQTT-2.3.1-1] packet identifier 0", packet.V311, packet.ErrZeroPacketID, packet.ProtocolError, []byte{
			0xa2, 0x07, // UNSUBSCRIBE (flags 0010); remaining length 7
			0x00, 0x00, // packet identifier 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
		}),
		bad("UNSUBSCRIBE [MQTT-2.2.1-3] packet identifier 0", packet.V5, packet.ErrZeroPacketID, packet.ProtocolError, []byte{
			0xa2, 0x08, // UNSUBSCRIBE (flags 0010); remaining length 8
			0x00, 0x00, // packet identifier 0
			0x00,                      // property length 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
		}),
		bad("UNSUBSCRIBE topic filter truncated", packet.V311, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0xa2, 0x05, // UNSUBSCRIBE (flags 0010); remaining length 5
			0x00, 0x01, // packet identifier 1
			0x00, 0x04, 'a', // topic filter: 1 of 4 bytes
		}),
		bad("UNSUBSCRIBE stray byte after the last topic filter", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0xa2, 0x09, // UNSUBSCRIBE (flags 0010); remaining length 9
			0x00, 0x01, // packet identifier 1
			0x00,                      // property length 0
			0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
			0x00, // 1 of the 2 bytes of a topic filter length
		}),
		bad("UNSUBSCRIBE no property length", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0xa2, 0x02, // UNSUBSCRIBE (flags 0010); remaining length 2
			0x00, 0x01, // packet identifier 1; the property length is missing
		}),
		bad("UNSUBSCRIBE [MQTT-3.10.3-1] [MQTT-1.5.3-1] topic filter not UTF-8", packet.V311, packet.ErrInvalidUTF8, packet.MalformedPacket, []byte{
			0xa2, 0x06, // UNSUBSCRIBE (flags 0010); remaining length 6
			0x00, 0x01, // packet identifier 1
			0x00, 0x02, 0xc3, 0x28, // topic filter: lead byte 0xC3 without its continuation byte
		}),
		bad("UNSUBSCRIBE [MQTT-3.10.3-1] [MQTT-1.5.4-2] U+0000 in topic filter", packet.V5, packet.ErrNullChar, packet.MalformedPacket, []byte{
			0xa2, 0x07, // UNSUBSCRIBE (flags 0010); remaining length 7
			0x00, 0x01, // packet identifier 1
			0x00,                  // property length 0
			0x00, 0x02, 'a', 0x00, // topic filter "a\x00"
		}),
	}
}

// unsubackCases returns the UNSUBACK fixtures. Before 5.0 an UNSUBACK holds
// only the packet identifier; in 5.0 it has properties and one reason code
// per topic filter [MQTT-3.11.3-1].
func unsubackCases() []Case {
	return append(unsubackValid(), unsubackMalformed()...)
}

func unsubackValid() []Case {
	return []Case{
		{
			Name: "UNSUBACK", Version: packet.V31,
			Raw: []byte{
				0xb0, 0x02, // UNSUBACK; remaining length 2
				0x00, 0x01, // packet identifier 1
			},
			Want: &packet.Unsuback{PacketID: 1},
		}, {
			Name: "UNSUBACK [MQTT-3.10.4-4] packet identifier 0x1234", Version: packet.V311,
			Raw: []byte{
				0xb0, 0x02, // UNSUBACK; remaining length 2
				0x12, 0x34, // packet identifier 0x1234
			},
			Want: &packet.Unsuback{PacketID: 0x1234},
		}, {
			Name: "UNSUBACK success", Version: packet.V5,
			Raw: []byte{
				0xb0, 0x04, // UNSUBACK; remaining length 4
				0x00, 0x01, // packet identifier 1
				0x00, // property length 0
				0x00, // reason code 0x00: success
			},
			Want: &packet.Unsuback{PacketID: 1, ReasonCodes: []packet.ReasonCode{packet.Success}},
		}, {
			Name: "UNSUBACK [MQTT-3.11.3-2] every UNSUBACK reason code", Version: packet.V5,
			Raw: []byte{
				0xb0, 0x0a, // UNSUBACK; remaining length 10
				0x00, 0x02, // packet identifier 2
				0x00, // property length 0
				0x00, // success
				0x11, // no subscription existed
				0x80, // unspecified error
				0x83, // implementation specific error
				0x87, // not authorized
				0x8f, // topic filter invalid
				0x91, // packet identifier in use
			},
			Want: &packet.Unsuback{PacketID: 2, ReasonCodes: []packet.ReasonCode{
				packet.Success, packet.NoSubscriptionExisted, packet.UnspecifiedError,
				packet.ImplementationSpecificError, packet.NotAuthorized, packet.TopicFilterInvalid,
				packet.PacketIdentifierInUse}},
		}, {
			Name: "UNSUBACK 0x11 no subscription existed, reason string and user properties (3.11.2.1)", Version: packet.V5,
			Raw: []byte{
				0xb0, 0x1a, // UNSUBACK; remaining length 26
				0x00, 0x03, // packet identifier 3
				0x15,                                 // property length 21
				0x1f, 0x00, 0x04, 'n', 'o', 'n', 'e', // reason string "none"
				0x26, 0x00, 0x01, 'a', 0x00, 0x01, '1', // user property "a" = "1"
				0x26, 0x00, 0x01, 'a', 0x00, 0x01, '2', // user property "a" = "2"
				0x00, // reason code 0x00: success
				0x11, // reason code 0x11: no subscription existed
			},
			Want: &packet.Unsuback{PacketID: 3, Props: packet.Properties{ReasonString: "none",
				User: []packet.UserProperty{{Key: "a", Value: "1"}, {Key: "a", Value: "2"}}},
				ReasonCodes: []packet.ReasonCode{packet.Success, packet.NoSubscriptionExisted}},
		},
	}
}

func unsubackMalformed() []Case {
	bad := func(name string, v packet.Version, err error, code packet.ReasonCode, raw []byte) Case {
		return Case{Name: name, Version: v, Err: err, Code: code, Raw: raw}
	}
	return []Case{
		bad("UNSUBACK with a payload byte (3.11.3: no payload before 5.0)", packet.V311, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xb0, 0x03, // UNSUBACK; remaining length 3
			0x00, 0x01, // packet identifier 1
			0x00, // trailing byte: no reason codes before 5.0
		}),
		bad("UNSUBACK with a payload byte", packet.V31, packet.ErrTrailingBytes, packet.MalformedPacket, []byte{
			0xb0, 0x03, // UNSUBACK; remaining length 3
			0x00, 0x01, // packet identifier 1
			0x11, // trailing byte
		}),
		bad("UNSUBACK truncated in the packet identifier", packet.V311, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0xb0, 0x01, // UNSUBACK; remaining length 1
			0x00, // packet identifier: 1 of 2 bytes
		}),
		bad("UNSUBACK packet identifier 0 ([MQTT-2.3.1-1]: no UNSUBSCRIBE carries it)", packet.V311, packet.ErrZeroPacketID, packet.ProtocolError, []byte{
			0xb0, 0x02, // UNSUBACK; remaining length 2
			0x00, 0x00, // packet identifier 0
		}),
		bad("UNSUBACK packet identifier 0 ([MQTT-2.2.1-3]: no UNSUBSCRIBE carries it)", packet.V5, packet.ErrZeroPacketID, packet.ProtocolError, []byte{
			0xb0, 0x04, // UNSUBACK; remaining length 4
			0x00, 0x00, // packet identifier 0
			0x00, // property length 0
			0x00, // reason code 0x00: success
		}),
		bad("UNSUBACK [MQTT-2.2.2-1] [MQTT-2.2.2-2] reserved fixed header flag set", packet.V311, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xb2, 0x02, // UNSUBACK with flags 0010; remaining length 2
			0x00, 0x01, // packet identifier 1
		}),
		bad("UNSUBACK [MQTT-2.1.3-1] reserved fixed header flag set", packet.V5, packet.ErrReservedFlags, packet.MalformedPacket, []byte{
			0xb1, 0x04, // UNSUBACK with flags 0001; remaining length 4
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0
			0x00, // reason code 0x00: success
		}),
		bad("UNSUBACK without reason codes (3.11.3: one per topic filter)", packet.V5, packet.ErrNoTopics, packet.ProtocolError, []byte{
			0xb0, 0x03, // UNSUBACK; remaining length 3
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0; no payload
		}),
		bad("UNSUBACK no property length (the 3.1.1 form)", packet.V5, packet.ErrTruncated, packet.MalformedPacket, []byte{
			0xb0, 0x02, // UNSUBACK; remaining length 2
			0x00, 0x01, // packet identifier 1; the property length is missing
		}),
		bad("UNSUBACK [MQTT-3.11.3-2] reason code 0x01 (a SUBACK code)", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0xb0, 0x04, // UNSUBACK; remaining length 4
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0
			0x01, // reason code 0x01: granted QoS 1
		}),
		bad("UNSUBACK [MQTT-3.11.3-2] reason code 0xA2 (a SUBACK code) after a valid one", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0xb0, 0x05, // UNSUBACK; remaining length 5
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0
			0x00, // reason code 0x00: success
			0xa2, // reason code 0xA2: wildcard subscriptions not supported
		}),
		bad("UNSUBACK [MQTT-3.11.3-2] reason code 0x10 (a PUBACK code)", packet.V5, packet.ErrInvalidReasonCode, packet.ProtocolError, []byte{
			0xb0, 0x04, // UNSUBACK; remaining length 4
			0x00, 0x01, // packet identifier 1
			0x00, // property length 0
			0x10, // reason code 0x10: no matching subscribers
		}),
	}
}
