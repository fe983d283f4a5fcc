// Package auth decides who may connect to a Tern broker and what they may do
// once connected.
//
// It owns the two interfaces that the broker, the tern command and
// third-party plugins share:
//
//   - [Authenticator] checks the credentials of a CONNECT packet.
//   - [Authorizer] checks publishes, subscriptions and deliveries.
//
// and ships file-based implementations that read the formats Eclipse
// Mosquitto uses, so an existing deployment can move over unchanged:
//
//   - [PasswordFile]: the mosquitto_passwd(1) format, "user:hash" lines with
//     PBKDF2-SHA512 ($7$), salted SHA-512 ($6$) and argon2id hashes.
//     [HashPassword], [SetPassword] and [DeleteUser] write it (tern passwd).
//   - [ACL]: the acl_file format of mosquitto.conf(5), with user, topic and
//     pattern lines, %u/%c substitution and deny rules.
//   - [AllowAll]: the Authorizer used when no ACL file is configured.
//
// # Semantics in brief
//
// Anonymous clients (no user name in CONNECT) are refused by
// [PasswordFile.Authenticate] with [ErrAnonymousDenied]; whether anonymous
// clients may connect at all is the broker's decision (allow_anonymous),
// taken before it calls the Authenticator.
//
// When an ACL is configured, everything it does not grant is denied, and a
// matching deny rule always wins over grants. Subscriptions are checked with
// "cover" semantics (a read rule must match every topic the subscription
// could match), and because a subscription may still overlap a narrower deny
// rule, the broker must call [Authorizer.CanRead] for every message it
// delivers, retained messages included, as Mosquitto does. The doc comment
// of [ACL] lists where Tern and Mosquitto differ.
//
// All types here are safe for concurrent use once constructed; reloading
// means loading a new value and swapping it in.
package auth
