package client

// InboxLen returns how many messages wait for the delivery goroutine.
func InboxLen(c *Client) int {
	c.in.mu.Lock()
	defer c.in.mu.Unlock()
	return len(c.in.queue) - c.in.head
}

// QoS0Queue is the bound of QoS 0 messages waiting for delivery.
const QoS0Queue = qos0Queue
