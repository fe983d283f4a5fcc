package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
)

// stdio carries the process streams so subcommands can be run by tests.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// command is one subcommand of tern.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, s stdio) int
}

// commands lists the subcommands. It is built per call to run so that no
// package-level mutable state exists.
func commands() map[string]command {
	return map[string]command{
		"version": {"print the version", runVersion},
		"serve":   {"run the MQTT broker", runServe},
		"passwd":  {"create or update entries of a password file", runPasswd},
	}
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func runVersion(_ context.Context, _ []string, s stdio) int {
	fmt.Fprintf(s.out, "tern %s\n", version)
	return 0
}

// run dispatches args to a subcommand and returns the process exit code:
// 0 success, 1 failure while running, 2 usage error.
func run(ctx context.Context, args []string, s stdio) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(s.err, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(s.err, "tern: unknown command %q (run 'tern help')\n", args[0])
		return 2
	}
	return c.run(ctx, args[1:], s)
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("Usage: tern <command> [flags]\n\nCommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-9s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun 'tern <command> -h' for the flags of a command.\n")
	io.WriteString(w, b.String())
}
