package config

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is one unusable value: it names the variable, the value given and what is
// accepted.
type Error struct {
	Name    string
	Value   string
	Accepts string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s=%q is not usable: accepted is %s", e.Name, e.Value, e.Accepts)
}

// rawDocker holds the Docker variables until they are resolved together.
type rawDocker struct {
	sock, host, certPath string
	tlsVerify            bool
	given                map[string]string // what the environment set, by name
}

func (r rawDocker) isSet(name string) bool { return r.given[name] != "" }

// Load reads every setting from env (KEY=VALUE pairs, as os.Environ gives them). It
// returns warnings for what it ignored and, when any value is unusable, an error joining
// one *Error per variable, so all of them are reported at once.
func Load(env []string) (Config, []string, error) {
	values := toMap(env)
	c := Config{raw: rawDocker{given: map[string]string{}}}
	var errs []error
	failed := map[string]bool{}
	for _, s := range Settings() {
		raw, set := value(values, s.Name)
		if set {
			c.raw.given[s.Name] = raw
		} else {
			raw = s.Default
		}
		if raw == "" {
			continue
		}
		if err := s.apply(&c, raw); err != nil {
			failed[s.Name] = true
			errs = append(errs, &Error{Name: s.Name, Value: raw, Accepts: s.Accepts})
		}
	}
	errs = append(errs, c.check(values, failed)...)
	docker, warnings, err := resolveDocker(c.raw)
	if err != nil {
		errs = append(errs, err)
	}
	c.Docker = docker
	warnings = append(unknownNames(values), warnings...)
	return c, warnings, errors.Join(errs...)
}

// value returns the variable's value and whether it counts as set: empty and "" (two
// quote characters, as some compose files pass them) mean the default.
func value(values map[string]string, name string) (string, bool) {
	raw := strings.TrimSpace(values[name])
	if raw == `""` || raw == `''` {
		raw = ""
	}
	return raw, raw != ""
}

// check compares settings with each other, once each of them is usable on its own.
func (c *Config) check(values map[string]string, failed map[string]bool) []error {
	if failed["HEALER_BACKOFF_INITIAL"] || failed["HEALER_BACKOFF_MAX"] ||
		c.BackoffInitial <= c.BackoffMax {
		return nil
	}
	name, other := "HEALER_BACKOFF_INITIAL", "HEALER_BACKOFF_MAX"
	if _, set := value(values, name); !set {
		name, other = other, name // blame the one the user wrote
	}
	raw, _ := value(values, name)
	if raw == "" {
		raw = defaultOf(name)
	}
	return []error{&Error{Name: name, Value: raw, Accepts: "HEALER_BACKOFF_INITIAL no " +
		"longer than HEALER_BACKOFF_MAX (now " + c.BackoffInitial.String() + " and " +
		c.BackoffMax.String() + "; " + other + " is " + c.showOf(other) + ")"}}
}

func defaultOf(name string) string {
	for _, s := range Settings() {
		if s.Name == name {
			return s.Default
		}
	}
	return ""
}

func (c *Config) showOf(name string) string {
	for _, s := range Settings() {
		if s.Name == name {
			return s.show(c)
		}
	}
	return ""
}

func toMap(env []string) map[string]string {
	values := make(map[string]string, len(env))
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			values[k] = v
		}
	}
	return values
}

// unknownNames warns about AUTOHEAL_* and HEALER_* variables no setting reads: most
// often a typo that would otherwise leave a default in force silently.
func unknownNames(values map[string]string) []string {
	known := map[string]bool{}
	for _, s := range Settings() {
		known[s.Name] = true
	}
	var warnings []string
	for name := range values {
		prefixed := strings.HasPrefix(name, "AUTOHEAL_") || strings.HasPrefix(name, "HEALER_")
		if prefixed && !known[name] {
			warnings = append(warnings, fmt.Sprintf("unknown setting %s ignored", name))
		}
	}
	sort.Strings(warnings)
	return warnings
}
