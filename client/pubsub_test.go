package client_test

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/client"
	"github.com/ternmq/tern/internal/brokertest"
	"github.com/ternmq/tern/packet"
)

// Every QoS, both ways, in both versions, against our broker and mosquitto.
func TestPubSubQoS(t *testing.T) {
	servers := map[string]func(t *testing.T) string{
		"tern":      func(t *testing.T) string { return startBroker(t).URL() },
		"mosquitto": func(t *testing.T) string { return mosquitto(t) },
	}
	for name, start := range servers {
		t.Run(name, func(t *testing.T) {
			url := start(t)
			for _, v := range []packet.Version{packet.V5, packet.V311} {
				for qos := range byte(3) {
					t.Run(fmt.Sprintf("%v/qos%d", v, qos), func(t *testing.T) {
						testPubSub(t, url, v, qos)
					})
				}
			}
		})
	}
}

func testPubSub(t *testing.T, url string, v packet.Version, qos byte) {
	ctx := testCtx(t)
	id := fmt.Sprintf("%v-%d", v, qos)
	h, ch := collector()
	sub := dial(t, url, client.Options{Version: v, ClientID: "sub-" + id})
	codes, err := sub.Subscribe(ctx, client.Subscription{Filter: "q/" + id + "/#", QoS: qos, Handler: h})
	if err != nil || len(codes) != 1 || codes[0] != packet.ReasonCode(qos) {
		t.Fatalf("Subscribe = %v, %v", codes, err)
	}
	pub := dial(t, url, client.Options{Version: v, ClientID: "pub-" + id})
	const n = 20
	for i := range n {
		m := &client.Message{Topic: "q/" + id + "/" + strconv.Itoa(i), Payload: []byte(strconv.Itoa(i)), QoS: qos}
		if err := pub.Publish(ctx, m); err != nil {
			t.Fatalf("Publish %d: %v", i, err)
		}
	}
	for i := range n {
		m := recv(t, ch)
		if string(m.Payload) != strconv.Itoa(i) || m.Topic != "q/"+id+"/"+strconv.Itoa(i) || m.QoS != qos {
			t.Fatalf("message %d: %q on %q QoS %d", i, m.Payload, m.Topic, m.QoS)
		}
	}
	// Unsubscribe, then a marker on another subscription shows nothing more
	// arrives on the first.
	if codes, err := sub.Unsubscribe(ctx, "q/"+id+"/#"); err != nil || len(codes) != 1 || codes[0] != packet.Success {
		t.Fatalf("Unsubscribe = %v, %v", codes, err)
	}
	h2, marker := collector()
	if _, err := sub.Subscribe(ctx, client.Subscription{Filter: "m/" + id, QoS: 1, Handler: h2}); err != nil {
		t.Fatal(err)
	}
	pub.Publish(ctx, &client.Message{Topic: "q/" + id + "/x", QoS: 1})
	pub.Publish(ctx, &client.Message{Topic: "m/" + id, QoS: 1})
	recv(t, marker)
	if len(ch) != 0 {
		t.Fatalf("message after Unsubscribe: %q", (<-ch).Topic)
	}
	if err := sub.Disconnect(ctx); err != nil {
		t.Fatal(err)
	}
}

// Messages go to the handlers whose filters match, shared subscriptions
// match on the filter after $share/{group}/, and the rest go to OnMessage.
func TestHandlerRouting(t *testing.T) {
	b := startBroker(t)
	ctx := testCtx(t)
	other, otherCh := collector()
	c := dial(t, b.URL(), client.Options{ClientID: "router", OnMessage: other})
	hA, chA := collector()
	hB, chB := collector()
	hS, chS := collector()
	_, err := c.Subscribe(ctx,
		client.Subscription{Filter: "a/+", QoS: 1, Handler: hA},
		client.Subscription{Filter: "b/#", QoS: 1, Handler: hB},
		client.Subscription{Filter: "$share/g/s/#", QoS: 1, Handler: hS},
		client.Subscription{Filter: "o/#", QoS: 1}, // no handler: OnMessage
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range []string{"a/1", "b/2/3", "s/4", "o/5"} {
		if err := c.Publish(ctx, &client.Message{Topic: tp, QoS: 1}); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range []struct {
		ch    chan *client.Message
		topic string
	}{{chA, "a/1"}, {chB, "b/2/3"}, {chS, "s/4"}, {otherCh, "o/5"}} {
		if m := recv(t, w.ch); m.Topic != w.topic {
			t.Errorf("got %q, want %q", m.Topic, w.topic)
		}
	}
}

// Handlers run one at a time in arrival order.
func TestHandlerOrder(t *testing.T) {
	b := startBroker(t)
	ctx := testCtx(t)
	h, ch := collector()
	sub := dial(t, b.URL(), client.Options{ClientID: "order"})
	if _, err := sub.Subscribe(ctx, client.Subscription{Filter: "ord", QoS: 2, Handler: h}); err != nil {
		t.Fatal(err)
	}
	pub := dial(t, b.URL(), client.Options{ClientID: "order-pub"})
	const n = 200
	errs := make(chan error, 1)
	go func() {
		for i := range n {
			qos := byte(i % 3)
			if err := pub.Publish(ctx, &client.Message{Topic: "ord", Payload: []byte(strconv.Itoa(i)), QoS: qos}); err != nil {
				errs <- err
				return
			}
		}
		errs <- nil
	}()
	for i := range n {
		if m := recv(t, ch); string(m.Payload) != strconv.Itoa(i) {
			t.Fatalf("message %d is %q", i, m.Payload)
		}
	}
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
}

// The 5.0 subscription options: No Local, Retain As Published, Retain
// Handling and the subscription identifier.
func TestSubscribeOptions(t *testing.T) {
	b := startBroker(t)
	ctx := testCtx(t)
	c := dial(t, b.URL(), client.Options{ClientID: "opts"})
	if err := c.Publish(ctx, &client.Message{Topic: "ret/a", Payload: []byte("r"), QoS: 1, Retain: true}); err != nil {
		t.Fatal(err)
	}
	h, ch := collector()
	// Retain Handling 2: no retained message at subscription time.
	if _, err := c.Subscribe(ctx, client.Subscription{Filter: "ret/#", QoS: 1, RetainHandling: 2, NoLocal: true, Handler: h}); err != nil {
		t.Fatal(err)
	}
	// Retain As Published with a subscription identifier.
	hp, chp := collector()
	if _, err := c.Subscribe(ctx, client.Subscription{Filter: "rap/#", QoS: 1, RetainAsPublished: true, ID: 42, Handler: hp}); err != nil {
		t.Fatal(err)
	}
	// No Local: our own message on ret/b is not delivered to us.
	c.Publish(ctx, &client.Message{Topic: "ret/b", QoS: 1})
	other := dial(t, b.URL(), client.Options{ClientID: "opts-other"})
	other.Publish(ctx, &client.Message{Topic: "rap/x", Payload: []byte("p"), QoS: 1, Retain: true})
	m := recv(t, chp)
	if !m.Retain || !slices.Equal(m.Props.SubscriptionIDs, []uint32{42}) {
		t.Fatalf("rap/x: retain %v, subscription ids %v", m.Retain, m.Props.SubscriptionIDs)
	}
	other.Publish(ctx, &client.Message{Topic: "ret/c", QoS: 1})
	if m := recv(t, ch); m.Topic != "ret/c" {
		t.Fatalf("got %q (retained or local message), want ret/c", m.Topic)
	}
	// One identifier per call.
	_, err := c.Subscribe(ctx, client.Subscription{Filter: "x", ID: 1}, client.Subscription{Filter: "y", ID: 2})
	if err == nil {
		t.Fatal("two subscription identifiers accepted")
	}
	// 3.1.1 has none of these.
	v3 := dial(t, b.URL(), client.Options{ClientID: "opts-v3", Version: packet.V311})
	if _, err := v3.Subscribe(ctx, client.Subscription{Filter: "x", NoLocal: true}); !errors.Is(err, packet.ErrNotInVersion) {
		t.Fatalf("3.1.1 No Local: err = %v", err)
	}
	if _, err := v3.Subscribe(ctx, client.Subscription{Filter: "x", ID: 3}); !errors.Is(err, packet.ErrNotInVersion) {
		t.Fatalf("3.1.1 subscription identifier: err = %v", err)
	}
}

// denyACL refuses publishing and subscribing under deny/.
type denyACL struct{}

func (denyACL) CanPublish(_ *auth.Client, t string) bool   { return len(t) < 5 || t[:5] != "deny/" }
func (denyACL) CanSubscribe(_ *auth.Client, f string) bool { return len(f) < 5 || f[:5] != "deny/" }
func (denyACL) CanRead(*auth.Client, string) bool          { return true }

// Refusals in PUBACK, PUBREC and SUBACK are errors wrapping the reason code.
func TestServerRefusals(t *testing.T) {
	b := brokertest.Start(t, broker.Options{AllowAnonymous: true, Authorizer: denyACL{}, SysInterval: -1})
	ctx := testCtx(t)
	c := dial(t, b.URL(), client.Options{ClientID: "refused"})
	for _, qos := range []byte{1, 2} {
		err := c.Publish(ctx, &client.Message{Topic: "deny/x", QoS: qos})
		var re *client.ReasonError
		if !errors.Is(err, packet.NotAuthorized) || !errors.As(err, &re) {
			t.Fatalf("QoS %d: err = %v, want NotAuthorized", qos, err)
		}
		if want := []packet.Type{1: packet.PUBACK, 2: packet.PUBREC}[qos]; re.Packet != want {
			t.Errorf("QoS %d refused in %v, want %v", qos, re.Packet, want)
		}
	}
	h, ch := collector()
	codes, err := c.Subscribe(ctx,
		client.Subscription{Filter: "ok/#", QoS: 1, Handler: h},
		client.Subscription{Filter: "deny/#", QoS: 1, Handler: h})
	if !errors.Is(err, packet.NotAuthorized) || len(codes) != 2 || codes[0] != packet.GrantedQoS1 || codes[1] != packet.NotAuthorized {
		t.Fatalf("Subscribe = %v, %v", codes, err)
	}
	// The refused filter's handler is gone, the granted one works, and
	// the client is still connected.
	c.Publish(ctx, &client.Message{Topic: "ok/1", QoS: 1})
	if m := recv(t, ch); m.Topic != "ok/1" {
		t.Fatalf("got %q", m.Topic)
	}
	// 5.0: unsubscribing from nothing is not an error.
	codes, err = c.Unsubscribe(ctx, "never/subscribed")
	if err != nil || codes[0] != packet.NoSubscriptionExisted {
		t.Fatalf("Unsubscribe = %v, %v", codes, err)
	}
}

// The client refuses what the server's CONNACK says it does not accept.
func TestServerLimits(t *testing.T) {
	b := brokertest.Start(t, broker.Options{AllowAnonymous: true, MaxQoS: 1, DisableRetain: true,
		MaxPacketSize: 1024, SysInterval: -1})
	ctx := testCtx(t)
	c := dial(t, b.URL(), client.Options{ClientID: "limits"})
	for _, tc := range []struct {
		m    *client.Message
		want error
	}{
		{&client.Message{Topic: "l", QoS: 2}, packet.QoSNotSupported},
		{&client.Message{Topic: "l", Retain: true}, packet.RetainNotSupported},
		{&client.Message{Topic: "l", Payload: make([]byte, 1024)}, packet.PacketTooLarge},
		{&client.Message{Topic: "a/+"}, nil}, // checked below
	} {
		err := c.Publish(ctx, tc.m)
		if tc.want == nil {
			if err == nil {
				t.Error("wildcard topic accepted")
			}
			continue
		}
		if !errors.Is(err, tc.want) {
			t.Errorf("%+v: err = %v, want %v", tc.m, err, tc.want)
		}
	}
	if err := c.Publish(ctx, &client.Message{Topic: "l", Payload: make([]byte, 900), QoS: 1}); err != nil {
		t.Fatalf("publish within limits: %v", err)
	}
	if err := c.Err(); err != nil {
		t.Fatalf("connection ended: %v", err)
	}
}

// Topic aliases in both directions, with our broker.
func TestTopicAliasesBroker(t *testing.T) {
	b := startBroker(t)
	ctx := testCtx(t)
	h, ch := collector()
	sub := dial(t, b.URL(), client.Options{ClientID: "alias-sub", TopicAliasMaximum: 4})
	if _, err := sub.Subscribe(ctx, client.Subscription{Filter: "al/#", QoS: 1, Handler: h}); err != nil {
		t.Fatal(err)
	}
	pub := dial(t, b.URL(), client.Options{ClientID: "alias-pub", TopicAliases: true})
	const n = 30
	for i := range n {
		tp := "al/" + strconv.Itoa(i%8) // more topics than aliases
		if err := pub.Publish(ctx, &client.Message{Topic: tp, Payload: []byte(strconv.Itoa(i)), QoS: byte(i % 2)}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		m := recv(t, ch)
		if m.Topic != "al/"+strconv.Itoa(i%8) || string(m.Payload) != strconv.Itoa(i) || m.Props.TopicAlias != 0 {
			t.Fatalf("message %d: %q on %q (alias %d)", i, m.Payload, m.Topic, m.Props.TopicAlias)
		}
	}
}

// Outbound aliases as they appear on the wire, and inbound aliases set
// and used by the server.
func TestTopicAliasesWire(t *testing.T) {
	h, ch := collector()
	c, fc := fakeConnect(t, client.Options{ClientID: "alias", TopicAliases: true, TopicAliasMaximum: 2, OnMessage: h},
		&packet.Connack{Props: packet.Properties{TopicAliasMaximum: 1}})
	ctx := testCtx(t)
	for _, tp := range []string{"t/1", "t/1", "t/2"} {
		if err := c.Publish(ctx, &client.Message{Topic: tp}); err != nil {
			t.Fatal(err)
		}
	}
	for i, want := range []struct {
		topic string
		alias uint16
	}{{"t/1", 1}, {"", 1}, {"t/2", 0}} {
		p := readAs[*packet.Publish](fc)
		if p.Topic != want.topic || p.Props.TopicAlias != want.alias {
			t.Fatalf("PUBLISH %d: topic %q alias %d, want %q %d", i, p.Topic, p.Props.TopicAlias, want.topic, want.alias)
		}
	}
	fc.write(&packet.Publish{Topic: "in/1", Props: packet.Properties{TopicAlias: 2}})
	fc.write(&packet.Publish{Props: packet.Properties{TopicAlias: 2}, Payload: []byte("again")})
	for range 2 {
		if m := recv(t, ch); m.Topic != "in/1" {
			t.Fatalf("inbound alias resolved to %q", m.Topic)
		}
	}
	// An alias above our maximum ends the connection with 0x94 (MQTT 5.0 section 3.3.2.3.4).
	fc.write(&packet.Publish{Topic: "in/2", Props: packet.Properties{TopicAlias: 3}})
	if d := readAs[*packet.Disconnect](fc); d.ReasonCode != packet.TopicAliasInvalid {
		t.Fatalf("DISCONNECT %v", d.ReasonCode)
	}
	waitDone(t, c)
	if !errors.Is(c.Err(), packet.TopicAliasInvalid) {
		t.Fatalf("Err = %v", c.Err())
	}
}
