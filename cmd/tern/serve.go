package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/ternmq/tern/auth"
	"github.com/ternmq/tern/broker"
)

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// serveConfig is everything tern serve is told by its flags.
type serveConfig struct {
	listen         listFlag
	passwordFile   string
	aclFile        string
	allowAnonymous optionalBool
	maxKeepAlive   uint
	maxPacketSize  int
	maxInflight    int
	maxQueued      int
	sysInterval    time.Duration
	logLevel       string
	logFormat      string
	configFile     string
}

// optionalBool is a boolean flag that remembers whether it was given.
type optionalBool struct {
	set, value bool
}

func (b *optionalBool) String() string { return fmt.Sprint(b.value) }
func (b *optionalBool) Set(v string) error {
	switch v {
	case "true", "1", "yes":
		b.value = true
	case "false", "0", "no":
		b.value = false
	default:
		return errors.New("want true or false")
	}
	b.set = true
	return nil
}
func (b *optionalBool) IsBoolFlag() bool { return true }

const defaultListen = "tcp://127.0.0.1:1883"

func serveFlags(w io.Writer) (*flag.FlagSet, *serveConfig) {
	cfg := &serveConfig{}
	fs := flag.NewFlagSet("tern serve", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Var(&cfg.listen, "listen", "listener `URL`, repeatable: tcp://HOST:PORT (default "+defaultListen+")")
	fs.StringVar(&cfg.passwordFile, "password-file", "", "Mosquitto-format password `FILE` (create entries with 'tern passwd')")
	fs.StringVar(&cfg.aclFile, "acl-file", "", "Mosquitto-format ACL `FILE`")
	fs.Var(&cfg.allowAnonymous, "allow-anonymous", "admit clients without a user name (default: true only when every listener is on loopback and no password file is given)")
	fs.UintVar(&cfg.maxKeepAlive, "max-keepalive", 65535, "largest keep alive in `seconds` a client may use")
	fs.IntVar(&cfg.maxPacketSize, "max-packet-size", 1<<20, "largest packet accepted, in `bytes`")
	fs.IntVar(&cfg.maxInflight, "max-inflight", 128, "QoS 1/2 messages in flight per client")
	fs.IntVar(&cfg.maxQueued, "max-queued-messages", 1000, "messages queued per offline or busy session; more are dropped and counted")
	fs.DurationVar(&cfg.sysInterval, "sys-interval", 10*time.Second, "how often $SYS topics are published (0 disables)")
	fs.StringVar(&cfg.logLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&cfg.logFormat, "log-format", "text", "text or json")
	fs.StringVar(&cfg.configFile, "config", "", "YAML configuration `FILE` whose keys are these flags' names; flags given here win")
	fs.Usage = func() {
		fmt.Fprintf(w, "Usage: tern serve [flags]\n\nRuns the MQTT broker. With no flags it listens on %s only and admits\nanonymous clients, like Mosquitto 2 without a configuration.\n\nFlags:\n", defaultListen)
		fs.PrintDefaults()
	}
	return fs, cfg
}

func runServe(ctx context.Context, args []string, s stdio) int {
	fs, cfg := serveFlags(s.err)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.err, "tern serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if cfg.configFile != "" {
		if err := loadConfigFile(cfg.configFile, fs); err != nil {
			fmt.Fprintf(s.err, "tern serve: %v\n", err)
			return 2
		}
	}
	log, err := newLogger(s.err, cfg.logLevel, cfg.logFormat)
	if err != nil {
		fmt.Fprintf(s.err, "tern serve: %v\n", err)
		return 2
	}
	if err := serve(ctx, cfg, log); err != nil {
		fmt.Fprintf(s.err, "tern serve: %v\n", err)
		return 1
	}
	return 0
}

func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// listenAddr parses a listener URL into the network and address to listen on.
func listenAddr(raw string) (network, addr string, loopback bool, err error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "", "", false, fmt.Errorf("--listen %q: want a URL such as tcp://0.0.0.0:1883", raw)
	}
	switch u.Scheme {
	case "tcp", "mqtt":
		if u.Host == "" || u.Port() == "" {
			return "", "", false, fmt.Errorf("--listen %q: want HOST:PORT", raw)
		}
		ip := net.ParseIP(u.Hostname())
		loopback = u.Hostname() == "localhost" || ip != nil && ip.IsLoopback()
		return "tcp", u.Host, loopback, nil
	}
	return "", "", false, fmt.Errorf("--listen %q: scheme %q is not supported (use tcp://)", raw, u.Scheme)
}

// serve runs the broker until ctx ends, then shuts it down gracefully.
func serve(ctx context.Context, cfg *serveConfig, log *slog.Logger) error {
	if len(cfg.listen) == 0 {
		cfg.listen = listFlag{defaultListen}
	}
	if cfg.maxKeepAlive > 65535 {
		return fmt.Errorf("--max-keepalive %d: at most 65535", cfg.maxKeepAlive)
	}
	opts := broker.Options{
		Logger:            log,
		MaxKeepAlive:      uint16(cfg.maxKeepAlive),
		MaxPacketSize:     cfg.maxPacketSize,
		MaxInflight:       cfg.maxInflight,
		MaxQueuedMessages: cfg.maxQueued,
		SysInterval:       cfg.sysInterval,
		Version:           version,
	}
	if cfg.sysInterval == 0 {
		opts.SysInterval = -1
	}
	type bound struct {
		l   net.Listener
		url string
	}
	var listeners []bound
	allLoopback := true
	for _, raw := range cfg.listen {
		network, addr, loop, err := listenAddr(raw)
		if err != nil {
			return err
		}
		allLoopback = allLoopback && loop
		l, err := net.Listen(network, addr)
		if err != nil {
			for _, b := range listeners {
				b.l.Close()
			}
			return fmt.Errorf("listen %s: %w", raw, err)
		}
		listeners = append(listeners, bound{l, raw})
	}
	if cfg.passwordFile != "" {
		pf, err := auth.LoadPasswordFile(cfg.passwordFile)
		if err != nil {
			return err
		}
		opts.Authenticator = pf
	}
	if cfg.aclFile != "" {
		acl, err := auth.LoadACLFile(cfg.aclFile)
		if err != nil {
			return err
		}
		opts.Authorizer = acl
	}
	// Secure by default, as Mosquitto 2: anonymous clients are admitted only
	// on a broker nobody else can reach, unless the operator says so.
	opts.AllowAnonymous = allLoopback && cfg.passwordFile == ""
	if cfg.allowAnonymous.set {
		opts.AllowAnonymous = cfg.allowAnonymous.value
	}
	if !opts.AllowAnonymous && opts.Authenticator == nil {
		log.Warn("anonymous access is off and no --password-file is given: no client can connect")
	}

	srv, err := broker.New(opts)
	if err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, b := range listeners {
		log.Info("listening", "listener", b.url, "addr", b.l.Addr().String())
		g.Go(func() error {
			err := srv.Serve(gctx, b.l)
			if errors.Is(err, broker.ErrServerClosed) || gctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("listener %s: %w", b.url, err)
		})
	}
	log.Info("tern started", "version", version, "anonymous", opts.AllowAnonymous,
		"password_file", cfg.passwordFile, "acl_file", cfg.aclFile)
	g.Go(func() error {
		<-gctx.Done()
		log.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	})
	return g.Wait()
}
