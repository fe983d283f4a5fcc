package broker_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the test binary when goroutines outlive the tests: every
// broker, raw connection and client library connection a test starts must
// be gone when it ends. No goroutine is ignored.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
