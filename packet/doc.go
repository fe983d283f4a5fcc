// Package packet encodes and decodes MQTT control packets for protocol
// levels 3 (MQTT 3.1, protocol name "MQIsdp"), 4 (MQTT 3.1.1) and 5 (MQTT 5.0).
//
// Decoding is strict: every rule for which the specifications say the
// receiver MUST close the network connection is checked, and every failure is
// an *Error naming the packet and field that failed together with the reason
// code a broker answers with (MalformedPacket, ProtocolError, PacketTooLarge,
// ...). A *Reader reads packets from a stream, checking the remaining length
// against a maximum packet size before allocating the body.
//
// # Ownership
//
// A decoded packet owns the body it was decoded from: strings such as the
// topic name share the body's memory, and byte slices such as the payload are
// sub-slices of it, capped so that appending to them never overwrites another
// field. The body must not be modified after it has been passed to Decode.
//
// Encoding appends to a caller-supplied buffer and allocates nothing when the
// buffer has room. A PUBLISH can be encoded as its header alone
// (Publish.AppendHeader) so the payload is written without being copied.
//
// This package uses only the standard library.
package packet
