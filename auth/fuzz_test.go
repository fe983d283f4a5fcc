package auth

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func addFileSeeds(f *testing.F, paths ...string) {
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

// FuzzParsePasswordFile checks that no input makes the parser panic and
// that every failure is a *ParseError on an existing line.
func FuzzParsePasswordFile(f *testing.F) {
	addFileSeeds(f, "testdata/mosquitto-2.0.11.passwd", "testdata/libargon2.passwd")
	f.Add("a:$7$1$" + b64(12) + "$" + b64(64) + "\n")
	f.Add("a:$6$" + b64(12) + "$" + b64(64) + "\r\n# c\n")
	f.Add("a:$argon2id$v=19$m=64,t=1,p=1$" + rawB64(16) + "$" + rawB64(32))
	f.Add("a:b:c\n\n:x\n#\n a : $7$ \n")
	f.Fuzz(func(t *testing.T, data string) {
		pf, err := ParsePasswordFile("fuzz", strings.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.Line < 1 || pe.Line > strings.Count(data, "\n")+1 {
				t.Fatalf("error on line %d of a %d-line input", pe.Line, strings.Count(data, "\n")+1)
			}
			return
		}
		if pf.Len() > strings.Count(data, ":") {
			t.Fatalf("%d users from %d colons", pf.Len(), strings.Count(data, ":"))
		}
		for _, h := range pf.users {
			if len(h.hash) == 0 || len(h.salt) < minSaltLen {
				t.Fatalf("accepted hash with %d-byte digest, %d-byte salt", len(h.hash), len(h.salt))
			}
		}
	})
}

// FuzzParseACL checks that no input makes the parser or the checks panic,
// and that for a topic name (a filter without wildcards) subscribing and
// reading agree, since covering and matching coincide there.
func FuzzParseACL(f *testing.F) {
	example, err := os.ReadFile("testdata/example.acl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(example), "sensors/gw1/temperature")
	f.Add(testACL, "users/alice/inbox")
	f.Add("topic read #\npattern deny %u/#\nuser a\ntopic a/+/b\n", "a/x/b")
	f.Add("pattern readwrite $SYS/%c/+\n", "$SYS/c1/x")
	f.Add("topic read +/#\n", "$share/g/x/#")
	f.Fuzz(func(t *testing.T, data, topic string) {
		a, err := ParseACL("fuzz", strings.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		clients := []*Client{
			anon("c1"),
			user("alice", "c1"),
			user("a", "a"),
			user("+", "#"),
			user("x/y", ""),
			user(topic, topic),
		}
		for _, c := range clients {
			pubOK := a.CanPublish(c, topic)
			readOK := a.CanRead(c, topic)
			subOK := a.CanSubscribe(c, topic)
			if (pubOK || readOK) && !validTopicName(topic) {
				t.Fatalf("invalid topic %q allowed", topic)
			}
			if validTopicName(topic) && !strings.HasPrefix(topic, sharePrefix) && subOK != readOK {
				t.Fatalf("client %+v topic %q: CanSubscribe %v but CanRead %v", *c, topic, subOK, readOK)
			}
		}
	})
}

// TestFuzzSeedsParse makes sure the fuzz seeds above stay parseable, so the
// fuzzer starts from meaningful inputs.
func TestFuzzSeedsParse(t *testing.T) {
	for _, in := range []string{testACL, "topic read #\npattern deny %u/#\nuser a\ntopic a/+/b\n"} {
		mustParseACL(t, in)
	}
}
