package auth

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func benchAuthenticate(b *testing.B, alg, user string) {
	enc, err := HashPassword([]byte("pw"), alg)
	if err != nil {
		b.Fatal(err)
	}
	pf := mustParsePasswords(b, "alice:"+enc+"\n")
	c := userClient(user, "pw")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		pf.Authenticate(ctx, c)
	}
}

// BenchmarkVerifyArgon2id is the cost of one CONNECT with the default
// hash (argon2id m=19 MiB, t=2, p=1).
func BenchmarkVerifyArgon2id(b *testing.B) { benchAuthenticate(b, AlgArgon2id, "alice") }

// BenchmarkVerifyPBKDF2 is the cost of one CONNECT with $7$ at 210,000
// iterations.
func BenchmarkVerifyPBKDF2(b *testing.B) { benchAuthenticate(b, AlgPBKDF2SHA512, "alice") }

// BenchmarkVerifyUnknownUser shows that an unknown user costs as much as a
// known one (the decoy hash).
func BenchmarkVerifyUnknownUser(b *testing.B) { benchAuthenticate(b, AlgArgon2id, "mallory") }

// BenchmarkVerifyMosquittoDefault is $7$ as mosquitto_passwd 2.0 writes
// it, with 101 iterations.
func BenchmarkVerifyMosquittoDefault(b *testing.B) {
	pf, err := LoadPasswordFile("testdata/mosquitto-2.0.11.passwd")
	if err != nil {
		b.Fatal(err)
	}
	c := userClient("alice", fixturePasswords["alice"])
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := pf.Authenticate(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// benchACL builds an ACL with n users of a few rules each, plus patterns.
func benchACL(b *testing.B, n int) *ACL {
	var sb strings.Builder
	sb.WriteString("topic read public/#\n")
	for i := range n {
		fmt.Fprintf(&sb, "user u%d\ntopic readwrite home/u%d/#\ntopic read shared/+/status\ntopic deny home/u%d/locked\ntopic write telemetry/u%d/+\n", i, i, i, i)
	}
	sb.WriteString("pattern readwrite users/%u/#\npattern write devices/%c/+/data\npattern deny users/%u/admin\n")
	return mustParseACL(b, sb.String())
}

func BenchmarkACL(b *testing.B) {
	for _, n := range []int{10, 10_000} {
		a := benchACL(b, n)
		c := user(fmt.Sprintf("u%d", n/2), "dev-1")
		homeTopic := fmt.Sprintf("home/u%d/kitchen/light", n/2)
		b.Run(fmt.Sprintf("users=%d/CanPublish/user-rule", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(homeTopic)))
			for b.Loop() {
				if !a.CanPublish(c, homeTopic) {
					b.Fatal("denied")
				}
			}
		})
		b.Run(fmt.Sprintf("users=%d/CanPublish/pattern", n), func(b *testing.B) {
			t := "devices/dev-1/temp/data"
			b.ReportAllocs()
			b.SetBytes(int64(len(t)))
			for b.Loop() {
				if !a.CanPublish(c, t) {
					b.Fatal("denied")
				}
			}
		})
		b.Run(fmt.Sprintf("users=%d/CanRead/denied", n), func(b *testing.B) {
			t := "other/topic/with/several/levels"
			b.ReportAllocs()
			b.SetBytes(int64(len(t)))
			for b.Loop() {
				if a.CanRead(c, t) {
					b.Fatal("allowed")
				}
			}
		})
		b.Run(fmt.Sprintf("users=%d/CanSubscribe/shared", n), func(b *testing.B) {
			f := "$share/g/shared/+/status"
			b.ReportAllocs()
			b.SetBytes(int64(len(f)))
			for b.Loop() {
				if !a.CanSubscribe(c, f) {
					b.Fatal("denied")
				}
			}
		})
	}
}

func BenchmarkParseACL(b *testing.B) {
	var sb strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&sb, "user u%d\ntopic readwrite home/u%d/#\ntopic deny home/u%d/locked\n", i, i, i)
	}
	in := sb.String()
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := ParseACL("bench", strings.NewReader(in)); err != nil {
			b.Fatal(err)
		}
	}
}
