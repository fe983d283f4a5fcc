// Package broker is the MQTT 3.1, 3.1.1 and 5.0 server of Tern.
//
// A Server accepts connections from any net.Listener (TCP, TLS, WebSocket
// adapters, net.Pipe in tests) through Serve, and stops with Shutdown
// (graceful) or Close. Authentication and authorization plug in through the
// auth package's interfaces.
//
// The data path follows broker/DESIGN.md: each connection has a read and a
// write goroutine; a PUBLISH is routed inline in the publisher's read
// goroutine to one immutable *Message shared by every subscriber; deliveries
// are queued on the subscriber's bounded outbound buffer and written by its
// write goroutine with writev. Lock order is in LOCKS.md.
package broker
