package auth

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SetPassword adds user to the password file at path, or replaces the hash
// of an existing user, hashing password with alg (see HashPassword). Other
// lines, comments included, are kept as they are.
//
// With create set the file is started afresh, replacing any existing file
// (mosquitto_passwd -c). Without it the file must exist and parse; a file
// with errors is not edited.
//
// The new file is written to a temporary file in the same directory, synced
// and renamed over path, so readers see either the old or the new file;
// its mode is 0600. A symbolic link at path is followed and its target
// replaced. Concurrent editors of one file are not coordinated: the last
// rename wins.
func SetPassword(path, user string, password []byte, alg string, create bool) error {
	if err := CheckUsername(user); err != nil {
		return err
	}
	var lines []string
	idx := -1
	if !create {
		var err error
		if lines, idx, err = readForEdit(path, user); err != nil {
			return err
		}
	}
	enc, err := HashPassword(password, alg)
	if err != nil {
		return err
	}
	entry := user + ":" + enc
	if idx >= 0 {
		lines[idx] = entry
	} else {
		lines = append(lines, entry)
	}
	return writeLines(path, lines)
}

// DeleteUser removes user from the password file at path, keeping every
// other line. It returns an error wrapping ErrUserNotFound if the user is
// not there. The file is replaced atomically as in SetPassword.
func DeleteUser(path, user string) error {
	lines, idx, err := readForEdit(path, user)
	if err != nil {
		return err
	}
	if idx < 0 {
		return fmt.Errorf("%w: %q in %s", ErrUserNotFound, user, path)
	}
	lines = append(lines[:idx], lines[idx+1:]...)
	return writeLines(path, lines)
}

// readForEdit reads and validates the password file at path and returns
// its lines and the index of user's line (-1 if absent).
func readForEdit(path, user string) (lines []string, idx int, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, -1, fmt.Errorf("auth: %w", err)
	}
	entries, err := parsePasswordEntries(path, bytes.NewReader(data))
	if err != nil {
		return nil, -1, err
	}
	lines = passwordLines(data)
	for _, e := range entries {
		if e.user == user {
			return lines, e.line - 1, nil
		}
	}
	return lines, -1, nil
}

// writeLines atomically replaces the file at path with lines, each ended
// by a newline, with mode 0600.
func writeLines(path string, lines []string) error {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return writeFileAtomic(path, []byte(b.String()))
}

// writeFileAtomic writes data to a temporary file next to path (following
// a symbolic link at path), syncs it and renames it over the target.
func writeFileAtomic(path string, data []byte) (err error) {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("auth: %w", err)
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp already uses 0600; Chmod makes it independent of that.
	if err = tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	// Make the rename durable. Not every platform can sync a directory,
	// and the file itself is already complete, so failure is ignored.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// passwordLines splits data into lines the way bufio.ScanLines numbers
// them (line i+1 is lines[i]); a final newline does not start a new line.
func passwordLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	s := string(bytes.TrimSuffix(data, []byte("\n")))
	return strings.Split(s, "\n")
}
