package broker_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/internal/brokertest"
	"github.com/ternmq/tern/packet"
)

// v5ACL is the ACL of the auth tests: alice reads and writes allowed/#
// and may only write wo/#; bob reads everything but allowed/secret.
const v5ACL = `
user alice
topic readwrite allowed/#
topic write wo/#

user bob
topic read #
topic deny allowed/secret
`

// v5Passwords hashes the test passwords once: hashing is deliberately slow.
var v5Passwords = sync.OnceValues(func() (string, error) {
	var sb strings.Builder
	for _, u := range []string{"alice", "bob"} {
		h, err := auth.HashPassword([]byte(u+"-secret"), "")
		if err != nil {
			return "", err
		}
		sb.WriteString(u + ":" + h + "\n")
	}
	return sb.String(), nil
})

// v5AuthBroker starts a broker with the password file and ACL above and no
// anonymous access.
func v5AuthBroker(t testing.TB) *brokertest.Broker {
	t.Helper()
	file, err := v5Passwords()
	if err != nil {
		t.Fatalf("HashPassword: %v", err)
	}
	pf, err := auth.ParsePasswordFile("passwd", strings.NewReader(file))
	if err != nil {
		t.Fatalf("ParsePasswordFile: %v", err)
	}
	acl, err := auth.ParseACL("acl", strings.NewReader(v5ACL))
	if err != nil {
		t.Fatalf("ParseACL: %v", err)
	}
	return v5Start(t, broker.Options{Authenticator: pf, Authorizer: acl})
}

// v5Login is a CONNECT with a user name and password.
func v5Login(id, user, password string) *packet.Connect {
	return &packet.Connect{ClientID: id, CleanStart: true, UsernameFlag: true, Username: user,
		PasswordFlag: true, Password: []byte(password)}
}

// TestV5AuthRefused: a wrong password or an unknown user gets CONNACK 0x86
// (Bad User Name or Password), a client without a user name when anonymous
// access is off gets 0x87 (Not authorized); each refusal has Session
// Present 0 [MQTT-3.2.2-6] and is followed by the close of the connection
// [MQTT-3.2.2-7], [MQTT-3.1.4-2]. The right password is accepted.
func TestV5AuthRefused(t *testing.T) {
	t.Parallel()
	b := v5AuthBroker(t)
	for _, tc := range []struct {
		name string
		cp   *packet.Connect
		want packet.ReasonCode
	}{
		{"WrongPassword", v5Login("a1", "alice", "bob-secret"), packet.BadUserNameOrPassword},
		{"UnknownUser", v5Login("a2", "mallory", "alice-secret"), packet.BadUserNameOrPassword},
		{"Anonymous", &packet.Connect{ClientID: "a3", CleanStart: true}, packet.NotAuthorized},
	} {
		c := v5Dial(t, b.Addr)
		ack := c.connect(tc.cp)
		if ack.ReasonCode != tc.want || ack.SessionPresent {
			t.Errorf("%s: CONNACK %v session present %v, want %v and false", tc.name, ack.ReasonCode, ack.SessionPresent, tc.want)
		}
		c.expectClosed()
	}
	c, _ := v5Connect(t, b.Addr, v5Login("a4", "alice", "alice-secret"))
	c.disconnect(nil)
	if n := b.Stats().AuthFailures; n != 3 {
		t.Errorf("AuthFailures %d, want 3", n)
	}
}

// TestV5AuthPublishNotAuthorized: a PUBLISH the ACL denies is answered
// PUBACK or PUBREC 0x87 (Not authorized) and not delivered; a delivery the
// reader may not read is withheld.
func TestV5AuthPublishNotAuthorized(t *testing.T) {
	t.Parallel()
	b := v5AuthBroker(t)
	bob, _ := v5Connect(t, b.Addr, v5Login("bob", "bob", "bob-secret"))
	bob.sub(1, "#", 0)
	alice, _ := v5Connect(t, b.Addr, v5Login("alice", "alice", "alice-secret"))

	if code := alice.publish1(1, "denied/x", "no"); code != packet.NotAuthorized {
		t.Fatalf("PUBACK to a denied topic %v, want 0x87", code)
	}
	alice.send(&packet.Publish{QoS: 2, PacketID: 2, Topic: "denied/y", Payload: []byte("no")})
	if rec := alice.expect(packet.PUBREC).(*packet.Pubrec); rec.PacketID != 2 || rec.ReasonCode != packet.NotAuthorized {
		t.Fatalf("PUBREC %+v, want id 2 and 0x87", rec)
	}
	for i, topic := range []string{"allowed/a", "wo/b", "allowed/secret"} {
		if code := alice.publish1(uint16(10+i), topic, topic); code.IsError() {
			t.Fatalf("PUBACK for %s: %v, want success", topic, code)
		}
	}
	var got []string
	for _, m := range v5Publishes(t, bob.barrier()) {
		got = append(got, m.Topic)
	}
	if want := []string{"allowed/a", "wo/b"}; !slices.Equal(got, want) {
		t.Fatalf("bob got %q, want %q (nothing denied, nothing unreadable)", got, want)
	}
}

// TestV5AuthSubscribeNotAuthorized: SUBACK carries 0x87 for each filter the
// ACL does not let the client read, and grants the others [MQTT-3.8.4-6],
// [MQTT-3.9.3-1].
func TestV5AuthSubscribeNotAuthorized(t *testing.T) {
	t.Parallel()
	b := v5AuthBroker(t)
	alice, _ := v5Connect(t, b.Addr, v5Login("alice", "alice", "alice-secret"))
	sa := alice.subscribe(1, packet.Properties{},
		packet.Subscription{Filter: "allowed/#", QoS: 1},
		packet.Subscription{Filter: "denied/#", QoS: 1},
		packet.Subscription{Filter: "wo/x", QoS: 0},
		packet.Subscription{Filter: "$share/g/allowed/t", QoS: 2})
	want := []packet.ReasonCode{packet.GrantedQoS1, packet.NotAuthorized, packet.NotAuthorized, packet.GrantedQoS2}
	if !slices.Equal(sa.ReasonCodes, want) {
		t.Fatalf("SUBACK %v, want %v", sa.ReasonCodes, want)
	}
}
