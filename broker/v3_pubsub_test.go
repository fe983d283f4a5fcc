package broker_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/packet"
)

// v3RawVersions are the raw protocol versions of the 3.x tests.
var v3RawVersions = []packet.Version{packet.V31, packet.V311}

// TestV3PublishQoS: with paho, every combination of publish QoS (client to
// broker) and subscription QoS (broker to client) delivers the message
// once, at the lower of the two [MQTT-3.8.4-6] (3.1.1 4.3: "the QoS of
// the message ... is the minimum"), without DUP, without RETAIN.
func TestV3PublishQoS(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, ver := range v3Versions {
		for pq := range byte(3) {
			for sq := range byte(3) {
				name := fmt.Sprintf("%s/pub%d-sub%d", ver.name, pq, sq)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					topic := "qos/" + name
					id := strings.ReplaceAll(name, "/", "-")
					sub := v3Connect(t, v3Options(b.Addr, ver.pv, "sub-"+id))
					sub.mustSub(topic, sq)
					pub := v3Connect(t, v3Options(b.Addr, ver.pv, "pub-"+id))
					for i := range 3 {
						pub.pub(topic, pq, false, fmt.Sprint("m", i))
					}
					for i := range 3 {
						m := sub.expect(topic, fmt.Sprint("m", i), min(pq, sq), false)
						if m.Duplicate() {
							t.Fatalf("message %d has DUP set on its first delivery", i)
						}
					}
				})
			}
		}
	}
}

// v3Publish2 publishes a QoS 2 message over a raw connection and completes
// the exchange [MQTT-4.3.3]; once PUBREC arrives the broker has routed it.
func v3Publish2(c *rawConn, id uint16, topic, payload string) {
	c.t.Helper()
	c.send(&packet.Publish{QoS: 2, PacketID: id, Topic: topic, Payload: []byte(payload)})
	if rec := c.expect(packet.PUBREC).(*packet.Pubrec); rec.PacketID != id {
		c.t.Fatalf("PUBREC for %d, want %d", rec.PacketID, id)
	}
	c.send(&packet.Pubrel{PacketID: id})
	if comp := c.expect(packet.PUBCOMP).(*packet.Pubcomp); comp.PacketID != id {
		c.t.Fatalf("PUBCOMP for %d, want %d", comp.PacketID, id)
	}
}

// TestV3WildcardMatching: topic filters with + and # match as 4.7 defines,
// and filters starting with a wildcard do not match topic names starting
// with $ [MQTT-4.7.2-1]. Each filter has its own raw subscriber; after the
// publisher's QoS 1 messages are acknowledged, a barrier collects what each
// received.
func TestV3WildcardMatching(t *testing.T) {
	t.Parallel()
	topics := []string{
		"sport", "sport/", "sport/tennis/player1", "sport/tennis/player1/ranking",
		"sport/tennis/player1/score/wimbledon", "sport/tennis/player2", "/finance",
		"finance", "$private/monitor/Clients", "$private", "a//b",
	}
	cases := []struct {
		filter string
		want   []string
	}{
		{"sport/tennis/player1/#", []string{"sport/tennis/player1", "sport/tennis/player1/ranking", "sport/tennis/player1/score/wimbledon"}},
		{"sport/#", []string{"sport", "sport/", "sport/tennis/player1", "sport/tennis/player1/ranking", "sport/tennis/player1/score/wimbledon", "sport/tennis/player2"}},
		{"sport/tennis/+", []string{"sport/tennis/player1", "sport/tennis/player2"}},
		{"sport/+", []string{"sport/"}},
		{"+/+", []string{"sport/", "/finance"}},
		{"/+", []string{"/finance"}},
		{"+", []string{"sport", "finance"}},
		{"a/+/b", []string{"a//b"}},
		{"#", []string{"sport", "sport/", "sport/tennis/player1", "sport/tennis/player1/ranking",
			"sport/tennis/player1/score/wimbledon", "sport/tennis/player2", "/finance", "finance", "a//b"}},
		{"+/monitor/Clients", nil},
		{"$private/#", []string{"$private/monitor/Clients", "$private"}},
		{"$private/monitor/+", []string{"$private/monitor/Clients"}},
		{"+/tennis/#", []string{"sport/tennis/player1", "sport/tennis/player1/ranking", "sport/tennis/player1/score/wimbledon", "sport/tennis/player2"}},
	}
	for _, v := range v3RawVersions {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			b := rawStart(t, broker.Options{})
			subs := make([]*rawConn, len(cases))
			for i, tc := range cases {
				subs[i] = rawConnect(t, b.Addr, v, fmt.Sprint("wild-", i))
				subs[i].sub(1, tc.filter, 0)
			}
			pub := rawConnect(t, b.Addr, v, "wild-pub")
			for i, tp := range topics {
				pub.publish1(uint16(i+1), tp, tp, false)
			}
			for i, tc := range cases {
				var got []string
				for _, p := range rawPublishes(t, subs[i].barrier()) {
					got = append(got, p.Topic)
				}
				want := slices.Clone(tc.want)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("filter %q received %q, want %q", tc.filter, got, want)
				}
			}
		})
	}
}

// TestV3SysNotMatchedByWildcards: the broker's own $SYS topics reach
// "$SYS/#" but neither "#" nor "+/..." [MQTT-4.7.2-1], whether delivered
// live or as retained messages on subscription.
func TestV3SysNotMatchedByWildcards(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{SysInterval: 20 * time.Millisecond})
	for _, v := range v3RawVersions {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			wild := rawConnect(t, b.Addr, v, "sys-wild-"+v.String())
			wild.subscribe(1,
				packet.Subscription{Filter: "#"},
				packet.Subscription{Filter: "+/broker/#"},
				packet.Subscription{Filter: "+/broker/version"},
				packet.Subscription{Filter: "+/+/+"},
			)
			sys := rawConnect(t, b.Addr, v, "sys-sys-"+v.String())
			sys.sub(1, "$SYS/#", 0)
			// Retained $SYS messages come first, then live ones. A live
			// message after another live one means the $SYS publication that
			// holds the first was routed to every subscriber in full.
			live := 0
			for i := 0; live < 2; i++ {
				if i == 1000 {
					t.Fatal("no live $SYS messages")
				}
				p := sys.expectPublish()
				if !strings.HasPrefix(p.Topic, "$SYS/") {
					t.Fatalf("$SYS/# received %q", p.Topic)
				}
				if !p.Retain {
					live++
				}
			}
			for _, p := range rawPublishes(t, wild.barrier()) {
				t.Errorf("wildcard filters received %q (retain %v)", p.Topic, p.Retain)
			}
		})
	}
}

// TestV3OverlappingSubscriptions: a client whose subscriptions overlap
// gets one copy of a message, at the highest QoS of the matching
// subscriptions [MQTT-3.3.5-1].
func TestV3OverlappingSubscriptions(t *testing.T) {
	t.Parallel()
	for _, v := range v3RawVersions {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			b := rawStart(t, broker.Options{}) // its own: "#" sees every topic
			sub := rawConnect(t, b.Addr, v, "overlap-sub-"+v.String())
			codes := sub.subscribe(1,
				packet.Subscription{Filter: "o/+", QoS: 0},
				packet.Subscription{Filter: "o/#", QoS: 2},
				packet.Subscription{Filter: "o/b", QoS: 1},
				packet.Subscription{Filter: "#", QoS: 0},
			)
			if want := []packet.ReasonCode{0, 2, 1, 0}; !slices.Equal(codes, want) {
				t.Fatalf("SUBACK %v, want %v", codes, want)
			}
			pub := rawConnect(t, b.Addr, v, "overlap-pub-"+v.String())
			v3Publish2(pub, 1, "o/b", "two")
			pub.publish1(2, "o/b", "one", false)
			pub.publish1(3, "o/c", "c", false) // matches o/+ (0), o/# (2) and # (0)
			got := rawPublishes(t, sub.barrier())
			if len(got) != 3 {
				t.Fatalf("received%s, want one copy of each of 3 messages", rawDescribe(v3Packets(got)))
			}
			for i, want := range []struct {
				payload string
				qos     byte
			}{{"two", 2}, {"one", 1}, {"c", 1}} {
				if string(got[i].Payload) != want.payload || got[i].QoS != want.qos {
					t.Errorf("message %d: %q at QoS %d, want %q at QoS %d", i, got[i].Payload, got[i].QoS, want.payload, want.qos)
				}
			}
		})
	}
}

func v3Packets(ps []*packet.Publish) []packet.Packet {
	out := make([]packet.Packet, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// TestV3Unsubscribe: after UNSUBSCRIBE, answered with UNSUBACK
// [MQTT-3.10.4-4], messages stop [MQTT-3.10.4-2]; other subscriptions go on.
// An UNSUBSCRIBE of a filter never subscribed is answered too
// [MQTT-3.10.4-5].
func TestV3Unsubscribe(t *testing.T) {
	t.Parallel()
	b := rawStart(t, broker.Options{})
	for _, ver := range v3Versions {
		t.Run(ver.name, func(t *testing.T) {
			t.Parallel()
			sub := v3Connect(t, v3Options(b.Addr, ver.pv, "unsub-sub-"+ver.name))
			sub.mustSub("u/"+ver.name+"/a", 1)
			sub.mustSub("u/"+ver.name+"/b", 1)
			pub := v3Connect(t, v3Options(b.Addr, ver.pv, "unsub-pub-"+ver.name))
			pub.pub("u/"+ver.name+"/a", 1, false, "before")
			sub.expect("u/"+ver.name+"/a", "before", 1, false)

			sub.wait("unsubscribe", sub.Unsubscribe("u/"+ver.name+"/a"))
			pub.pub("u/"+ver.name+"/a", 1, false, "after")
			pub.pub("u/"+ver.name+"/b", 1, false, "marker")
			sub.expect("u/"+ver.name+"/b", "marker", 1, false)
			if b.Stats().Subscriptions < 1 {
				t.Fatal("no subscription left")
			}
		})
	}
	for _, v := range v3RawVersions {
		t.Run("raw-"+v.String(), func(t *testing.T) {
			t.Parallel()
			c := rawConnect(t, b.Addr, v, "unsub-raw-"+v.String())
			c.send(&packet.Unsubscribe{PacketID: 7, Filters: []string{"never/subscribed"}})
			if ua := c.expect(packet.UNSUBACK).(*packet.Unsuback); ua.PacketID != 7 {
				t.Fatalf("UNSUBACK for %d, want 7", ua.PacketID)
			}
			c.disconnect()
		})
	}
}

// TestV3ACL: with an ACL, a publish to a topic the client may not write is
// acknowledged (3.1.1 cannot refuse it) but not delivered, and a
// subscription no read rule covers is refused with SUBACK 0x80
// [MQTT-3.9.3-2].
func TestV3ACL(t *testing.T) {
	t.Parallel()
	acl, err := auth.ParseACL("acl", strings.NewReader(
		"topic readwrite acl/public/#\n"+
			"topic read acl/secret/#\n"))
	if err != nil {
		t.Fatal(err)
	}
	b := rawStart(t, broker.Options{Authorizer: acl})
	for _, ver := range v3Versions {
		t.Run(ver.name, func(t *testing.T) {
			t.Parallel()
			sub := v3Connect(t, v3Options(b.Addr, ver.pv, "acl-sub-"+ver.name))
			// Filters per version: the versions share the broker.
			secret, public := "acl/secret/"+ver.name, "acl/public/"+ver.name
			sub.mustSub(secret+"/#", 1)
			sub.mustSub(public+"/#", 1)
			if got := sub.sub("acl/private/#", 1); got != 0x80 {
				t.Fatalf("subscription to a filter no rule covers: SUBACK %#x, want 0x80", got)
			}
			pub := v3Connect(t, v3Options(b.Addr, ver.pv, "acl-pub-"+ver.name))
			before := b.Stats().DroppedNotAuthorized
			pub.pub(secret+"/x", 1, false, "leak")
			pub.pub(public+"/x", 1, false, "marker")
			sub.expect(public+"/x", "marker", 1, false)
			if b.Stats().DroppedNotAuthorized <= before {
				t.Fatal("the refused publish was not counted")
			}
		})
	}
	for _, v := range v3RawVersions {
		t.Run("raw-"+v.String(), func(t *testing.T) {
			t.Parallel()
			c := rawConnect(t, b.Addr, v, "acl-raw-"+v.String())
			codes := c.subscribe(1,
				packet.Subscription{Filter: "acl/public/x", QoS: 1},
				packet.Subscription{Filter: "acl/private/x", QoS: 1},
				packet.Subscription{Filter: "acl/secret/+", QoS: 2},
			)
			// 0x80 is the only 3.1.1 failure code; it reads as UnspecifiedError.
			if want := []packet.ReasonCode{1, packet.UnspecifiedError, 2}; !slices.Equal(codes, want) {
				t.Fatalf("SUBACK %v, want %v", codes, want)
			}
			c.disconnect()
		})
	}
}
