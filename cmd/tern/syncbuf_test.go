package main

import (
	"bytes"
	"strings"
	"sync"
)

// syncBuffer is a log sink safe for concurrent writes that calls onLine for
// each complete line.
type syncBuffer struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	onLine func(string)
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	b.buf.Write(p)
	f := b.onLine
	b.mu.Unlock()
	if f != nil {
		for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
			f(l)
		}
	}
	return len(p), nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
