package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"strings"

	"github.com/ternmq/tern/auth"
)

const passwdUsage = `Usage: tern passwd [-c | -D] [-b] [-H argon2id|pbkdf2-sha512] FILE USER [PASSWORD]

Manage a password file in Mosquitto's format (mosquitto_passwd(1)).
Adds USER or changes its password; with -D deletes USER instead.
Without -b the password is read twice from standard input.

Flags:
  -c    create FILE, replacing any existing file
  -D    delete USER
  -b    batch mode: take PASSWORD from the command line (visible to
        other local users in the process list; avoid on shared hosts)
  -H    hash: argon2id (default; read by Tern and Mosquitto 2.1) or
        pbkdf2-sha512 ($7$, also read by Mosquitto 2.0)
`

// runPasswd implements "tern passwd". Exit codes: 0 success, 1 failure,
// 2 usage error.
func runPasswd(ctx context.Context, args []string, s stdio) int {
	flags := flag.NewFlagSet("tern passwd", flag.ContinueOnError)
	flags.SetOutput(s.err)
	flags.Usage = func() { io.WriteString(s.err, passwdUsage) }
	create := flags.Bool("c", false, "create the file")
	del := flags.Bool("D", false, "delete the user")
	batch := flags.Bool("b", false, "take the password from the command line")
	alg := flags.String("H", auth.AlgArgon2id, "hash algorithm")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2 // flag has printed the error and the usage
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(s.err, "tern passwd: %s\n", msg)
		fmt.Fprintln(s.err, "Run 'tern passwd -h' for usage.")
		return 2
	}
	rest := flags.Args()
	switch {
	case *create && *del:
		return usageErr("-c and -D cannot be used together")
	case *del && *batch:
		return usageErr("-b and -D cannot be used together")
	case *del && len(rest) != 2:
		return usageErr("-D needs FILE USER")
	case *batch && len(rest) != 3:
		return usageErr("-b needs FILE USER PASSWORD")
	case !*batch && !*del && len(rest) == 3:
		return usageErr("a PASSWORD argument needs -b")
	case len(rest) < 2 || len(rest) > 3:
		return usageErr("need FILE USER")
	}
	switch *alg {
	case auth.AlgArgon2id, auth.AlgPBKDF2SHA512, "sha512-pbkdf2":
	default:
		return usageErr(fmt.Sprintf("unknown hash %q (want argon2id or pbkdf2-sha512)", *alg))
	}
	file, user := rest[0], rest[1]

	fail := func(err error) int {
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(s.err, "tern passwd: %s does not exist (use -c to create it)\n", file)
		} else {
			fmt.Fprintf(s.err, "tern passwd: %v\n", err)
		}
		return 1
	}
	if err := auth.CheckUsername(user); err != nil {
		return fail(err)
	}
	if *del {
		if err := auth.DeleteUser(file, user); err != nil {
			return fail(err)
		}
		return 0
	}
	// Like mosquitto_passwd, find a missing file before asking for a
	// password.
	if !*create {
		if _, err := os.Stat(file); err != nil {
			return fail(err)
		}
	}

	var password string
	if *batch {
		password = rest[2]
	} else {
		var err error
		if password, err = promptPassword(ctx, s); err != nil {
			return fail(err)
		}
	}
	if password == "" {
		return fail(errors.New("empty password"))
	}
	if len(password) > 65535 {
		return fail(errors.New("password longer than 65535 bytes (the MQTT limit)"))
	}
	if err := auth.SetPassword(file, user, []byte(password), *alg, *create); err != nil {
		return fail(err)
	}
	return 0
}

// promptPassword asks for the password twice on s.err and reads one line
// for each from s.in. When s.in is a terminal, echo is turned off with
// stty(1) while reading (no terminal library needed); if that is not
// possible the password is read with echo on.
func promptPassword(ctx context.Context, s stdio) (string, error) {
	r := bufio.NewReader(s.in)
	restore, silent := disableEcho(s.in)
	defer restore()
	var pw [2]string
	for i, prompt := range []string{"Password: ", "Reenter password: "} {
		io.WriteString(s.err, prompt)
		line, err := readLine(ctx, r)
		if silent {
			io.WriteString(s.err, "\n") // the user's Enter was not echoed
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return "", errors.New("no password given")
			}
			return "", err
		}
		pw[i] = line
	}
	if pw[0] != pw[1] {
		return "", errors.New("passwords do not match")
	}
	return pw[0], nil
}

// readLine reads one line without its line ending. It returns early if ctx
// is done (Ctrl-C at the prompt), abandoning the blocked read: stdin cannot
// be interrupted, and the process is about to exit.
func readLine(ctx context.Context, r *bufio.Reader) (string, error) {
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := r.ReadString('\n')
		if err == io.EOF && line != "" {
			err = nil // last line without a newline
		}
		ch <- result{strings.TrimRight(line, "\r\n"), err}
	}()
	select {
	case res := <-ch:
		return res.line, res.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// isTerminal reports whether r is a character device, such as a terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// disableEcho turns off terminal echo on r if it is a terminal. It returns
// a function that turns echo back on (a no-op if nothing was changed) and
// whether echo is now off.
func disableEcho(r io.Reader) (restore func(), off bool) {
	if !isTerminal(r) {
		return func() {}, false
	}
	f := r.(*os.File)
	stty := func(arg string) error {
		cmd := exec.Command("stty", arg)
		cmd.Stdin = f
		return cmd.Run()
	}
	if err := stty("-echo"); err != nil {
		return func() {}, false
	}
	return func() { stty("echo") }, true
}
