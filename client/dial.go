package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"time"

	"github.com/gorilla/websocket"
)

// Dial connects to the server at rawURL and speaks MQTT over the
// connection (see Connect). ctx bounds the network dial and the
// CONNECT/CONNACK exchange; use one with a deadline.
//
// Schemes:
//
//	mqtt://host[:port], tcp://host[:port]                 TCP, port 1883 by default
//	mqtts://host[:port], ssl://..., tls://...             TLS (Options.TLSConfig), port 8883
//	ws://host[:port]/path, wss://host[:port]/path          WebSocket, subprotocol "mqtt"
//	unix:///path/to/socket                                 Unix domain socket
//
// A user name and password in the URL (mqtt://user:pass@host) are used when
// Options.Username and Options.Password are empty.
func Dial(ctx context.Context, rawURL string, opts Options) (*Client, error) {
	if _, err := opts.withDefaults(); err != nil {
		return nil, err
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("client: %w", err)
	}
	if u.User != nil {
		if opts.Username == "" {
			opts.Username = u.User.Username()
		}
		if p, ok := u.User.Password(); ok && opts.Password == "" {
			opts.Password = p
		}
		u.User = nil
	}
	conn, err := dialURL(ctx, u, opts.TLSConfig)
	if err != nil {
		return nil, fmt.Errorf("client: dial %s: %w", u.Redacted(), err)
	}
	return Connect(ctx, conn, opts)
}

// ErrUnknownScheme reports a URL scheme Dial does not know.
var ErrUnknownScheme = errors.New("client: unknown URL scheme")

func dialURL(ctx context.Context, u *url.URL, cfg *tls.Config) (net.Conn, error) {
	var d net.Dialer
	switch u.Scheme {
	case "mqtt", "tcp":
		return d.DialContext(ctx, "tcp", hostPort(u, "1883"))
	case "mqtts", "ssl", "tls":
		td := tls.Dialer{NetDialer: &d, Config: tlsConfig(cfg, u)}
		return td.DialContext(ctx, "tcp", hostPort(u, "8883"))
	case "unix":
		path := u.Path
		if path == "" {
			path = u.Opaque
		}
		return d.DialContext(ctx, "unix", path)
	case "ws", "wss":
		wd := websocket.Dialer{
			NetDialContext:   d.DialContext,
			Subprotocols:     []string{"mqtt"}, // [MQTT-6.0.0-3]
			HandshakeTimeout: 0,                // ctx bounds it
		}
		if u.Scheme == "wss" {
			wd.TLSClientConfig = tlsConfig(cfg, u)
		}
		ws, _, err := wd.DialContext(ctx, u.String(), nil)
		if err != nil {
			return nil, err
		}
		return &wsConn{ws: ws}, nil
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownScheme, u.Scheme)
}

func hostPort(u *url.URL, port string) string {
	if u.Port() != "" {
		port = u.Port()
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// tlsConfig returns cfg, or a new one, with ServerName set from u.
func tlsConfig(cfg *tls.Config, u *url.URL) *tls.Config {
	if cfg == nil {
		cfg = new(tls.Config)
	} else {
		cfg = cfg.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = u.Hostname()
	}
	return cfg
}

// wsConn adapts a WebSocket connection to net.Conn: the MQTT stream is
// carried in binary messages [MQTT-6.0.0-1], which may split packets
// anywhere [MQTT-6.0.0-2]. Each Write sends one message; the client writes
// a whole burst of packets at once, so a burst is one message.
//
// gorilla/websocket allows one concurrent reader and one writer, which is
// how the client uses a connection; Close may be called from anywhere.
type wsConn struct {
	ws *websocket.Conn
	r  io.Reader // the message being read; nil between messages
}

func (c *wsConn) Read(b []byte) (int, error) {
	for {
		if c.r == nil {
			t, r, err := c.ws.NextReader()
			if err != nil {
				return 0, err
			}
			if t != websocket.BinaryMessage {
				return 0, errors.New("client: websocket text message") // [MQTT-6.0.0-1]
			}
			c.r = r
		}
		n, err := c.r.Read(b)
		if errors.Is(err, io.EOF) {
			c.r = nil
			if n == 0 {
				continue
			}
			err = nil
		}
		return n, err
	}
}

func (c *wsConn) Write(b []byte) (int, error) {
	if err := c.ws.WriteMessage(websocket.BinaryMessage, b); err != nil {
		return 0, err
	}
	return len(b), nil
}

// Close sends a close message, without waiting for the answer, and closes
// the connection.
func (c *wsConn) Close() error {
	msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "")
	c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	return c.ws.Close()
}

func (c *wsConn) LocalAddr() net.Addr  { return c.ws.LocalAddr() }
func (c *wsConn) RemoteAddr() net.Addr { return c.ws.RemoteAddr() }

func (c *wsConn) SetDeadline(t time.Time) error {
	if err := c.ws.SetReadDeadline(t); err != nil {
		return err
	}
	return c.ws.SetWriteDeadline(t)
}

func (c *wsConn) SetReadDeadline(t time.Time) error  { return c.ws.SetReadDeadline(t) }
func (c *wsConn) SetWriteDeadline(t time.Time) error { return c.ws.SetWriteDeadline(t) }
