package client_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/broker"
	"github.com/ternmq/tern/client"
	"github.com/ternmq/tern/internal/brokertest"
	"github.com/ternmq/tern/packet"
)

func TestConnectVersions(t *testing.T) {
	b := startBroker(t)
	for _, v := range []packet.Version{0, packet.V5, packet.V311, packet.V31} {
		name := v.String()
		if v == 0 {
			name = "default"
		}
		t.Run(name, func(t *testing.T) {
			c := dial(t, b.URL(), client.Options{Version: v, ClientID: "c-" + v.String()})
			if c.ClientID() != "c-"+v.String() {
				t.Errorf("ClientID = %q", c.ClientID())
			}
			if c.SessionPresent() {
				t.Error("session present on a first connection")
			}
			if err := c.Err(); err != nil {
				t.Errorf("Err = %v while connected", err)
			}
			if err := c.Disconnect(testCtx(t)); err != nil {
				t.Fatalf("Disconnect: %v", err)
			}
			waitDone(t, c)
			if err := c.Err(); !errors.Is(err, client.ErrClosed) {
				t.Errorf("Err = %v, want ErrClosed", err)
			}
		})
	}
}

// An empty client identifier is assigned by a 5.0 server [MQTT-3.2.2-16].
func TestConnectAssignedClientID(t *testing.T) {
	b := startBroker(t)
	c := dial(t, b.URL(), client.Options{})
	if c.ClientID() == "" || c.Connack().Props.AssignedClientID != c.ClientID() {
		t.Fatalf("ClientID = %q, CONNACK assigned %q", c.ClientID(), c.Connack().Props.AssignedClientID)
	}
	// 3.1.1 accepts an empty identifier with a clean session, which the
	// client forces [MQTT-3.1.3-7].
	dial(t, b.URL(), client.Options{Version: packet.V311})
}

func TestConnectNotAuthorized(t *testing.T) {
	b := brokertest.Start(t, broker.Options{SysInterval: -1}) // no anonymous access
	for _, v := range []packet.Version{packet.V5, packet.V311} {
		t.Run(v.String(), func(t *testing.T) {
			c, err := client.Dial(testCtx(t), b.URL(), client.Options{Version: v, ClientID: "anon"})
			if err == nil {
				c.Close()
				t.Fatal("connected without credentials")
			}
			if !errors.Is(err, packet.NotAuthorized) {
				t.Fatalf("err = %v, want NotAuthorized", err)
			}
			var re *client.ReasonError
			if !errors.As(err, &re) || re.Packet != packet.CONNACK {
				t.Fatalf("err = %#v, want a CONNACK *ReasonError", err)
			}
			if v == packet.V5 && re.Reason == "" {
				t.Error("no reason string from a 5.0 server")
			}
		})
	}
}

type passwords map[string]string

func (p passwords) Authenticate(_ context.Context, c auth.Client) error {
	if pw, ok := p[c.Username]; ok && pw == string(c.Password) {
		return nil
	}
	return auth.ErrBadCredentials
}

// The user name and password come from Options or from the URL.
func TestConnectCredentials(t *testing.T) {
	b := brokertest.Start(t, broker.Options{Authenticator: passwords{"alice": "s3cret"}, SysInterval: -1})
	dial(t, "mqtt://alice:s3cret@"+b.Addr, client.Options{ClientID: "a1"})
	dial(t, b.URL(), client.Options{ClientID: "a2", Username: "alice", Password: "s3cret"})
	_, err := client.Dial(testCtx(t), "mqtt://alice:wrong@"+b.Addr, client.Options{ClientID: "a3"})
	if !errors.Is(err, packet.BadUserNameOrPassword) {
		t.Fatalf("err = %v, want BadUserNameOrPassword", err)
	}
}

// A server that does not speak the requested version refuses it: 0x84 in
// 5.0, return code 1 in 3.1.1, both reported as UnsupportedProtocolVersion.
func TestConnectBadProtocol(t *testing.T) {
	for _, v := range []packet.Version{packet.V5, packet.V311} {
		t.Run(v.String(), func(t *testing.T) {
			f := newFakeServer(t)
			ch := dialAsync(t, f.URL(), client.Options{Version: v, ClientID: "x"})
			fc := f.accept()
			fc.handshake(&packet.Connack{ReasonCode: packet.UnsupportedProtocolVersion})
			r := <-ch
			if !errors.Is(r.err, packet.UnsupportedProtocolVersion) {
				t.Fatalf("err = %v, want UnsupportedProtocolVersion", r.err)
			}
			fc.expectEOF()
		})
	}
	// A version the client does not speak is refused before dialing.
	if _, err := client.Dial(testCtx(t), "mqtt://127.0.0.1:1", client.Options{Version: 6}); !errors.Is(err, packet.UnsupportedProtocolVersion) {
		t.Fatalf("version 6: err = %v", err)
	}
}

// Dial gives up when ctx ends before CONNACK.
func TestConnectTimeout(t *testing.T) {
	f := newFakeServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	ch := make(chan error, 1)
	go func() {
		_, err := client.Dial(ctx, f.URL(), client.Options{ClientID: "slow"})
		ch <- err
	}()
	fc := f.accept()
	readAs[*packet.Connect](fc) // and never answer
	if err := <-ch; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	fc.expectEOF()
}

// A server that answers CONNECT with something else is a protocol error.
func TestConnectProtocolError(t *testing.T) {
	f := newFakeServer(t)
	ch := dialAsync(t, f.URL(), client.Options{ClientID: "x"})
	fc := f.accept()
	readAs[*packet.Connect](fc)
	fc.v = packet.V5
	fc.write(&packet.Pingresp{})
	if r := <-ch; !errors.Is(r.err, packet.ProtocolError) {
		t.Fatalf("err = %v, want ProtocolError", r.err)
	}
}

// The CONNECT carries the options.
func TestConnectOptions(t *testing.T) {
	f := newFakeServer(t)
	will := &packet.Will{Topic: "will/x", Payload: []byte("bye"), QoS: 1, Retain: true}
	opts := client.Options{
		ClientID: "opts", Username: "u", Password: "p", CleanStart: true, SessionExpiry: 30,
		KeepAlive: 15 * time.Second, Will: will, ReceiveMaximum: 7, MaxPacketSize: 4096,
		TopicAliasMaximum: 3,
		ConnectProps:      packet.Properties{User: []packet.UserProperty{{Key: "k", Value: "v"}}},
	}
	ch := dialAsync(t, f.URL(), opts)
	fc := f.accept()
	cp := fc.handshake(&packet.Connack{Props: packet.Properties{AssignedClientID: "ignored-but-used"}})
	connected(t, ch)
	switch {
	case cp.ClientID != "opts", cp.Username != "u", string(cp.Password) != "p", !cp.CleanStart,
		cp.KeepAlive != 15, cp.Will == nil || cp.Will.Topic != "will/x" || !cp.Will.Retain || cp.Will.QoS != 1,
		cp.Props.SessionExpiry != packet.Some[uint32](30), cp.Props.ReceiveMaximum != 7,
		cp.Props.MaximumPacketSize != 4096, cp.Props.TopicAliasMaximum != 3,
		len(cp.Props.User) != 1:
		t.Fatalf("CONNECT = %+v", cp)
	}
}

func TestDialUnknownScheme(t *testing.T) {
	_, err := client.Dial(testCtx(t), "http://127.0.0.1:1", client.Options{})
	if !errors.Is(err, client.ErrUnknownScheme) {
		t.Fatalf("err = %v, want ErrUnknownScheme", err)
	}
}

// serve runs a broker on l and shuts it down when the test ends.
func serve(t testing.TB, l net.Listener) {
	t.Helper()
	srv, err := broker.New(broker.Options{AllowAnonymous: true, SysInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(context.Background(), l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		srv.Shutdown(ctx)
		<-done
	})
}

// pingPong subscribes and publishes one message through c.
func pingPong(t *testing.T, c *client.Client) {
	t.Helper()
	h, ch := collector()
	ctx := testCtx(t)
	if _, err := c.Subscribe(ctx, client.Subscription{Filter: "pp", QoS: 1, Handler: h}); err != nil {
		t.Fatal(err)
	}
	if err := c.Publish(ctx, &client.Message{Topic: "pp", Payload: []byte("x"), QoS: 1}); err != nil {
		t.Fatal(err)
	}
	if m := recv(t, ch); string(m.Payload) != "x" {
		t.Fatalf("payload %q", m.Payload)
	}
}

func TestDialUnix(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mqtt.sock")
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Skipf("unix sockets: %v", err)
	}
	serve(t, l)
	pingPong(t, dial(t, "unix://"+path, client.Options{ClientID: "unix"}))
}

func TestDialTLS(t *testing.T) {
	cert, pool := selfSigned(t)
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	serve(t, l)
	_, port, _ := net.SplitHostPort(l.Addr().String())
	for _, scheme := range []string{"mqtts", "ssl", "tls"} {
		t.Run(scheme, func(t *testing.T) {
			c := dial(t, scheme+"://localhost:"+port, client.Options{TLSConfig: &tls.Config{RootCAs: pool}})
			pingPong(t, c)
		})
	}
	// Without the root the certificate is refused.
	_, err = client.Dial(testCtx(t), "mqtts://localhost:"+port, client.Options{})
	var uerr x509.UnknownAuthorityError
	if !errors.As(err, &uerr) {
		t.Fatalf("err = %v, want an unknown authority", err)
	}
}

// selfSigned returns a certificate for localhost and a pool trusting it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

func TestConnectMosquitto(t *testing.T) {
	url := mosquitto(t)
	for _, v := range []packet.Version{packet.V5, packet.V311, packet.V31} {
		t.Run(v.String(), func(t *testing.T) {
			c := dial(t, url, client.Options{Version: v, ClientID: "mq-" + v.String()})
			pingPong(t, c)
			if err := c.Disconnect(testCtx(t)); err != nil {
				t.Fatal(err)
			}
		})
	}
}
