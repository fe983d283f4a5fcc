// Package packettest holds byte fixtures of MQTT packets shared by the
// tests of packet, broker and client. Every fixture's Raw bytes are
// commented field by field.
package packettest

import "github.com/ternmq/tern/packet"

// Case is one fixture: Raw decoded for Version gives Want, and Want encoded
// for Version gives Raw (unless DecodeOnly). For a malformed case Want is nil
// and decoding Raw fails with an error matching Err and Code through
// errors.Is.
type Case struct {
	Name    string // cites the normative statement it exercises, e.g. "[MQTT-3.3.2-2] wildcard in topic"
	Version packet.Version
	Raw     []byte        // the whole packet, fixed header included
	Want    packet.Packet // nil when decoding must fail
	Err     error         // a packet.Err* sentinel the failure wraps
	Code    packet.ReasonCode
	// DecodeOnly marks a valid packet whose encoding is not byte-identical
	// to Raw (e.g. properties in another order, or an explicit value the
	// encoder leaves out because it equals the default).
	DecodeOnly bool
}

// Cases returns every fixture, valid and malformed, built anew on each call
// so that tests may modify them.
func Cases() []Case {
	var cs []Case
	for _, f := range []func() []Case{
		connectCases, connackCases, publishCases, ackCases,
		subscribeCases, subackCases, unsubscribeCases, unsubackCases,
		pingCases, disconnectCases, authCases, propertyCases,
	} {
		cs = append(cs, f()...)
	}
	return cs
}
