package client_test

import (
	"context"
	"testing"

	"github.com/ternmq/tern/client"
)

// BenchmarkPublishQoS0 measures QoS 0 publishing throughput to our broker,
// with no subscriber: Publish copies into the outbound buffer and the write
// goroutine sends bursts.
func BenchmarkPublishQoS0(b *testing.B) {
	br := startBroker(b)
	c := dial(b, br.URL(), client.Options{ClientID: "bench-qos0"})
	ctx := context.Background()
	m := &client.Message{Topic: "bench/qos0", Payload: make([]byte, 64)}
	b.SetBytes(int64(len(m.Payload)))
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Publish(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
	// A QoS 1 message after them returns once the broker has read them all.
	if err := c.Publish(ctx, &client.Message{Topic: "bench/qos0", QoS: 1}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPublishQoS1 measures one QoS 1 round trip: PUBLISH, PUBACK.
func BenchmarkPublishQoS1(b *testing.B) {
	br := startBroker(b)
	c := dial(b, br.URL(), client.Options{ClientID: "bench-qos1"})
	ctx := context.Background()
	m := &client.Message{Topic: "bench/qos1", Payload: make([]byte, 64), QoS: 1}
	b.SetBytes(int64(len(m.Payload)))
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Publish(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPubSubQoS0 measures QoS 0 messages from one client through the
// broker to another, delivered to a handler.
func BenchmarkPubSubQoS0(b *testing.B) {
	br := startBroker(b)
	ctx := context.Background()
	done := make(chan struct{}, 1)
	received := 0
	sub := dial(b, br.URL(), client.Options{ClientID: "bench-sub"})
	_, err := sub.Subscribe(ctx, client.Subscription{Filter: "bench/#", QoS: 1, Handler: func(m *client.Message) {
		received++
		if m.QoS == 1 {
			done <- struct{}{}
		}
	}})
	if err != nil {
		b.Fatal(err)
	}
	pub := dial(b, br.URL(), client.Options{ClientID: "bench-pub"})
	m := &client.Message{Topic: "bench/pubsub", Payload: make([]byte, 64)}
	b.SetBytes(int64(len(m.Payload)))
	b.ReportAllocs()
	for b.Loop() {
		if err := pub.Publish(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
	if err := pub.Publish(ctx, &client.Message{Topic: "bench/end", QoS: 1}); err != nil {
		b.Fatal(err)
	}
	<-done
	b.StopTimer()
	if lost := b.N + 1 - received; lost > 0 {
		b.ReportMetric(float64(lost)/float64(b.N), "dropped/op")
	}
}
