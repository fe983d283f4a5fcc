package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/ternmq/tern/client"
	"github.com/ternmq/tern/packet"
)

// Connect, subscribe with a handler, publish and disconnect.
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := client.Dial(ctx, "mqtt://localhost:1883", client.Options{ClientID: "example"})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Disconnect(context.Background())

	_, err = c.Subscribe(ctx, client.Subscription{
		Filter: "sensors/+/temperature",
		QoS:    1,
		Handler: func(m *client.Message) {
			fmt.Printf("%s: %s\n", m.Topic, m.Payload)
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	err = c.Publish(ctx, &client.Message{Topic: "sensors/kitchen/temperature", Payload: []byte("21.5"), QoS: 1})
	if err != nil {
		log.Fatal(err)
	}
}

// A refused connection reports the server's reason code.
func ExampleDial_refused() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := client.Dial(ctx, "mqtts://broker.example:8883", client.Options{
		ClientID: "example",
		Username: "alice",
		Password: "wrong",
	})
	switch {
	case errors.Is(err, packet.BadUserNameOrPassword), errors.Is(err, packet.NotAuthorized):
		log.Print("check the credentials: ", err)
	case err != nil:
		log.Print(err)
	}
}

// MQTT 3.1.1 with a persistent session: the server keeps the subscriptions
// and queues QoS 1 messages while the client is away.
func ExampleOptions_persistentSession() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	store := new(client.MemoryStore) // pass the same one to every connection of the session
	c, err := client.Dial(ctx, "mqtt://localhost:1883", client.Options{
		Version:   packet.V311,
		ClientID:  "logger-1",
		KeepAlive: 30 * time.Second,
		Store:     store,
		OnMessage: func(m *client.Message) { fmt.Printf("%s %s\n", m.Topic, m.Payload) },
		OnDisconnect: func(err error) {
			log.Print("connection lost: ", err)
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	if !c.SessionPresent() {
		c.Subscribe(ctx, client.Subscription{Filter: "logs/#", QoS: 1})
	}
	<-c.Done()
}

// Leave with the will published, and ask the server to keep the session
// for an hour (MQTT 5.0).
func ExampleClient_Disconnect() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := client.Dial(ctx, "mqtt://localhost:1883", client.Options{
		ClientID:      "device-7",
		SessionExpiry: 60,
		Will:          &packet.Will{Topic: "devices/device-7/status", Payload: []byte("gone"), Retain: true},
	})
	if err != nil {
		log.Fatal(err)
	}
	err = c.Disconnect(ctx, client.WithReason(packet.DisconnectWithWillMessage), client.WithSessionExpiry(3600))
	if err != nil {
		log.Print(err)
	}
}
