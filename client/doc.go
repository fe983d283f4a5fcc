// Package client is an MQTT 3.1, 3.1.1 and 5.0 client: one network
// connection to one server.
//
// Dial connects over TCP, TLS, WebSocket or a Unix socket and returns once
// the server has accepted the connection; Connect does the same over a
// net.Conn the caller dialed. The Client then publishes, subscribes and
// delivers messages until the connection ends. It does not reconnect: a
// reconnecting layer builds on Options.Store (the session state that
// outlives a connection), Options.OnDisconnect, Done and Err.
//
//	c, err := client.Dial(ctx, "mqtt://localhost:1883", client.Options{ClientID: "sensor-1"})
//	if err != nil {
//		return err
//	}
//	defer c.Disconnect(context.Background())
//	_, err = c.Subscribe(ctx, client.Subscription{
//		Filter:  "cmd/sensor-1/#",
//		QoS:     1,
//		Handler: func(m *client.Message) { log.Printf("%s: %s", m.Topic, m.Payload) },
//	})
//	...
//	err = c.Publish(ctx, &client.Message{Topic: "data/sensor-1", Payload: []byte("21.5"), QoS: 1})
//
// # Versions
//
// Options.Version defaults to MQTT 5.0. Everything 5.0 adds (reason codes,
// properties, topic aliases, subscription options) is ignored or refused
// with packet.ErrNotInVersion when speaking 3.1.1.
//
// # Delivery
//
// Messages are delivered on one goroutine, in the order they arrived,
// to the handlers of the matching subscriptions (see Client.Subscribe) or
// to Options.OnMessage. A QoS 1 message is acknowledged (PUBACK) after its
// handlers return, a QoS 2 message is answered with PUBREC after its
// handlers return, and is delivered exactly once: its identifier is kept,
// in the Store, until the server releases it.
//
// The queue between the network and the handlers is bounded: up to the
// Receive Maximum of QoS 1 and 2 messages (a 5.0 server may not send more
// before they are acknowledged) and 256 QoS 0 messages. A slow handler
// therefore slows the server down rather than growing memory: when 256
// QoS 0 messages wait (or, from a 3.1.1 server, which does not know the
// Receive Maximum, that many QoS 1 and 2 messages), the client stops
// reading the connection. While it
// does not read, acknowledgements are not read either, so a handler that
// calls Publish with QoS 1 or 2, Subscribe or Unsubscribe under a stream of
// QoS 0 messages should use a ctx with a deadline, or hand the call to
// another goroutine.
//
// # Flow control
//
// Publish waits for a free place in the server's Receive Maximum before
// sending a QoS 1 or 2 message, never reuses a packet identifier in flight,
// and refuses messages above the server's Maximum QoS, Maximum Packet Size
// or without Retain Available. With Options.TopicAliases it replaces
// repeated topics by topic aliases, up to the server's Topic Alias Maximum.
//
// # Concurrency
//
// Every method is safe for concurrent use. Each Client runs a read
// goroutine, a write goroutine (which also sends PINGREQ) and the delivery
// goroutine; all three end when the connection ends. Packets queued by any
// goroutine are written together, one write per burst.
//
// This package imports only the standard library, packet, topic and
// github.com/gorilla/websocket.
package client
