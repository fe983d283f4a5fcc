package auth

import (
	"context"
	"errors"
	"fmt"
	"net"
)

// Sentinel errors returned by Authenticators. Compare with errors.Is: they
// may be wrapped.
var (
	// ErrBadCredentials reports an unknown user name or a wrong password.
	// The two cases are deliberately indistinguishable, to callers and in
	// timing. MQTT 5 maps it to reason code 0x86 (Bad User Name or
	// Password), MQTT 3.1.1 to return code 4.
	ErrBadCredentials = errors.New("auth: bad user name or password")

	// ErrNotAuthorized reports a client that presented valid credentials
	// but is not allowed to connect (MQTT 5 reason code 0x87, MQTT 3.1.1
	// return code 5). Authenticators other than PasswordFile may return it.
	ErrNotAuthorized = errors.New("auth: not authorized")

	// ErrAnonymousDenied reports a client that sent no user name to an
	// Authenticator that needs one.
	ErrAnonymousDenied = errors.New("auth: anonymous access denied")

	// ErrUserNotFound is returned by DeleteUser for a user name that is not
	// in the password file.
	ErrUserNotFound = errors.New("auth: user not found")
)

// Client describes who is asking: the identity of one MQTT connection as
// the broker knows it after CONNECT.
type Client struct {
	// ClientID is the MQTT client identifier (possibly assigned by the
	// server).
	ClientID string
	// Username is the user name from CONNECT; meaningful only when
	// HasUsername is set. MQTT allows an empty user name, which differs
	// from no user name.
	Username string
	// HasUsername reports whether CONNECT carried a user name. A client
	// without one is anonymous.
	HasUsername bool
	// Password is the password from CONNECT. It is set only for
	// Authenticate; the broker clears it afterwards and Authorizers must
	// not look at it.
	Password []byte
	// Remote is the network address of the peer, if known.
	Remote net.Addr
	// CommonName is the subject common name of a verified TLS client
	// certificate, or empty. The broker may be configured to use it as the
	// user name (Mosquitto's use_identity_as_username); auth itself never
	// reads it.
	CommonName string
}

// Authenticator checks the credentials of a connecting client.
//
// Authenticate returns nil to accept the client, or an error that wraps
// ErrBadCredentials, ErrNotAuthorized or ErrAnonymousDenied (or ctx's error)
// to refuse it; any other error is a server failure and also refuses it.
// It may block (hashing, a remote call) and must honour ctx.
// Implementations must be safe for concurrent use.
type Authenticator interface {
	Authenticate(ctx context.Context, c Client) error
}

// Authorizer decides what an authenticated client may do. The methods are
// called on the hot path (CanRead once per delivered message) and must be
// fast, non-blocking and safe for concurrent use. They must not retain c.
type Authorizer interface {
	// CanPublish reports whether c may publish to topic (a topic name,
	// without wildcards).
	CanPublish(c *Client, topic string) bool
	// CanSubscribe reports whether c may subscribe to filter (a topic
	// filter, possibly "$share/group/filter").
	CanSubscribe(c *Client, filter string) bool
	// CanRead reports whether a message published to topic may be
	// delivered to c. The broker checks it for every delivery, retained
	// messages included, as Mosquitto does.
	CanRead(c *Client, topic string) bool
}

// AllowAll is an Authorizer that allows everything. It is the default when
// no ACL file is configured.
type AllowAll struct{}

// CanPublish always returns true.
func (AllowAll) CanPublish(*Client, string) bool { return true }

// CanSubscribe always returns true.
func (AllowAll) CanSubscribe(*Client, string) bool { return true }

// CanRead always returns true.
func (AllowAll) CanRead(*Client, string) bool { return true }

// ParseError reports a problem in a password or ACL file. Its message has
// the conventional "file:line: problem" form. It never contains a password
// hash.
type ParseError struct {
	File string // file name as given to the parser
	Line int    // 1-based line number
	Msg  string // what is wrong, naming the offending token
}

// Error returns "file:line: msg".
func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

func parseErrorf(file string, line int, format string, args ...any) *ParseError {
	return &ParseError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Compile-time interface checks.
var (
	_ Authenticator = (*PasswordFile)(nil)
	_ Authorizer    = (*ACL)(nil)
	_ Authorizer    = AllowAll{}
)
