package client_test

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/ternmq/tern/client"
)

// wsBridge is a WebSocket endpoint that relays each connection to a TCP
// MQTT server: the broker has no WebSocket listener yet, so the client's
// ws:// and wss:// transports are tested through this bridge.
type wsBridge struct {
	t        testing.TB
	upstream string // host:port of the broker
	wg       sync.WaitGroup
	mu       sync.Mutex
	conns    []io.Closer
}

func (b *wsBridge) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{Subprotocols: []string{"mqtt"}}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	if ws.Subprotocol() != "mqtt" {
		b.t.Errorf("negotiated subprotocol %q", ws.Subprotocol())
	}
	tcp, err := net.Dial("tcp", b.upstream)
	if err != nil {
		ws.Close()
		return
	}
	b.mu.Lock()
	b.conns = append(b.conns, ws.NetConn(), tcp)
	b.mu.Unlock()
	b.wg.Add(1)
	go func() { // broker → client, one binary message per read
		defer b.wg.Done()
		defer ws.Close()
		buf := make([]byte, 32<<10)
		for {
			n, err := tcp.Read(buf)
			if n > 0 {
				if werr := ws.WriteMessage(websocket.BinaryMessage, buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	// client → broker
	defer tcp.Close()
	for {
		t, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		if t != websocket.BinaryMessage {
			b.t.Errorf("websocket message type %d, want binary [MQTT-6.0.0-1]", t)
			return
		}
		if _, err := tcp.Write(data); err != nil {
			return
		}
	}
}

// close ends every relayed connection and waits for the relays.
func (b *wsBridge) close() {
	b.mu.Lock()
	for _, c := range b.conns {
		c.Close()
	}
	b.mu.Unlock()
	b.wg.Wait()
}

func startWSBridge(t *testing.T, upstream string, secure bool) (string, *x509.CertPool) {
	b := &wsBridge{t: t, upstream: upstream}
	var srv *httptest.Server
	if secure {
		srv = httptest.NewTLSServer(b)
	} else {
		srv = httptest.NewServer(b)
	}
	t.Cleanup(func() {
		b.close()
		srv.Close()
	})
	url := strings.Replace(srv.URL, "http", "ws", 1) + "/mqtt"
	if !secure {
		return url, nil
	}
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return url, pool
}

func TestDialWebSocket(t *testing.T) {
	b := startBroker(t)
	for _, secure := range []bool{false, true} {
		name := map[bool]string{false: "ws", true: "wss"}[secure]
		t.Run(name, func(t *testing.T) {
			url, pool := startWSBridge(t, b.Addr, secure)
			opts := client.Options{ClientID: name}
			if secure {
				opts.TLSConfig = &tls.Config{RootCAs: pool}
			}
			c := dial(t, url, opts)
			pingPong(t, c)
			// A burst bigger than one relay read crosses message boundaries.
			h, ch := collector()
			ctx := testCtx(t)
			if _, err := c.Subscribe(ctx, client.Subscription{Filter: "big", QoS: 1, Handler: h}); err != nil {
				t.Fatal(err)
			}
			payload := make([]byte, 100<<10)
			for i := range 5 {
				payload[0] = byte(i)
				if err := c.Publish(ctx, &client.Message{Topic: "big", Payload: payload, QoS: byte(i % 2)}); err != nil {
					t.Fatal(err)
				}
			}
			for i := range 5 {
				if m := recv(t, ch); len(m.Payload) != len(payload) || m.Payload[0] != byte(i) {
					t.Fatalf("message %d: %d bytes, first %d", i, len(m.Payload), m.Payload[0])
				}
			}
			if err := c.Disconnect(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}
