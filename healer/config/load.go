package config

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Error is one unusable value: it names the variable, the value given and what is
// accepted.
type Error struct {
	Name    string
	Value   string
	Why     string // what is wrong with the value, where Accepts alone would not tell
	Accepts string
}

func (e *Error) Error() string {
	why := ""
	if e.Why != "" {
		why = " (" + e.Why + ")"
	}
	return fmt.Sprintf("%s=%q is not usable%s: accepted is %s", e.Name, e.Value, why, e.Accepts)
}

// newError names the variable, the value and what is accepted, and why the parser
// refused the value when it said.
func newError(s Setting, raw string, err error) *Error {
	e := &Error{Name: s.Name, Value: raw, Accepts: s.Accepts}
	var r *rejection
	if errors.As(err, &r) {
		e.Why = r.why
	}
	return e
}

// rawDocker holds the Docker variables until they are resolved together.
type rawDocker struct {
	sock, host, certPath string
	tlsVerify            bool
	given                map[string]string // what the environment set, by name
	failed               map[string]bool   // whose value is unusable on its own
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
			errs = append(errs, newError(s, raw, err))
		}
	}
	errs = append(errs, c.check(values, failed)...)
	c.raw.failed = failed
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
// It blames the one the user wrote; when both were written, the initial wait.
func (c *Config) check(values map[string]string, failed map[string]bool) []error {
	if failed["HEALER_BACKOFF_INITIAL"] || failed["HEALER_BACKOFF_MAX"] ||
		c.BackoffInitial <= c.BackoffMax {
		return nil
	}
	if raw, set := value(values, "HEALER_BACKOFF_INITIAL"); set {
		return []error{&Error{Name: "HEALER_BACKOFF_INITIAL", Value: raw,
			Accepts: "a duration no longer than HEALER_BACKOFF_MAX (" +
				describe(values, "HEALER_BACKOFF_MAX", c.BackoffMax) + ")"}}
	}
	raw, _ := value(values, "HEALER_BACKOFF_MAX")
	return []error{&Error{Name: "HEALER_BACKOFF_MAX", Value: raw,
		Accepts: "a duration no shorter than HEALER_BACKOFF_INITIAL (" +
			describe(values, "HEALER_BACKOFF_INITIAL", c.BackoffInitial) + ")"}}
}

// describe says a duration in force and whether it is the default.
func describe(values map[string]string, name string, d time.Duration) string {
	if _, set := value(values, name); set {
		return d.String()
	}
	return d.String() + ", its default"
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
