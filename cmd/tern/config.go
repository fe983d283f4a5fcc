package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"
)

// loadConfigFile applies the settings of a YAML file to the flags that were
// not set on the command line. Its keys are the flags' names, so the file
// and the command line share one vocabulary. Errors name the file, line and
// key.
func loadConfigFile(path string, fs *flag.FlagSet) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return nil // an empty file sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: the configuration must be a mapping of keys to values", path, root.Line)
	}
	onCommandLine := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { onCommandLine[f.Name] = true })
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if fs.Lookup(key) == nil || key == "config" {
			return fmt.Errorf("%s:%d: unknown key %q", path, k.Line, key)
		}
		if line, dup := seen[key]; dup {
			return fmt.Errorf("%s:%d: key %q repeated (first on line %d)", path, k.Line, key, line)
		}
		seen[key] = k.Line
		if onCommandLine[key] {
			continue
		}
		values, err := scalarValues(key, v)
		if err != nil {
			return fmt.Errorf("%s:%d: %s: %w", path, v.Line, key, err)
		}
		for _, val := range values {
			if err := fs.Set(key, val); err != nil {
				return fmt.Errorf("%s:%d: %s: invalid value %q: %w", path, v.Line, key, val, err)
			}
		}
	}
	return nil
}

// scalarValues returns the flag values a YAML value stands for: one for a
// scalar, one per item for a sequence (only "listen" repeats).
func scalarValues(key string, v *yaml.Node) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if key == "sys-interval" {
			// Accept a bare number of seconds as well as a duration.
			if _, err := strconv.Atoi(v.Value); err == nil {
				return []string{v.Value + "s"}, nil
			}
			if _, err := time.ParseDuration(v.Value); err != nil {
				return nil, fmt.Errorf("invalid duration %q (use e.g. 10s)", v.Value)
			}
		}
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		if key != "listen" {
			return nil, errors.New("want a single value, not a list")
		}
		var out []string
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: want a URL", item.Line)
			}
			out = append(out, item.Value)
		}
		return out, nil
	}
	return nil, errors.New("want a value")
}
