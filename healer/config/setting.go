package config

import (
	"errors"
	"strconv"
	"time"
)

// errRejected marks a value a parser refused; Load turns it into an *Error naming the
// variable, the value and what is accepted.
var errRejected = errors.New("rejected")

// rejection is a refusal that says why, where what is accepted alone would not tell.
type rejection struct{ why string }

func (r *rejection) Error() string        { return "rejected: " + r.why }
func (r *rejection) Is(target error) bool { return target == errRejected }

func rejectedBecause(why string) error { return &rejection{why: why} }

// Setting is one environment variable the healer reads.
type Setting struct {
	Name    string
	Default string // as written in the environment; "" means unset
	Accepts string // what values are accepted, for errors and --help
	Help    string
	Section string

	apply func(c *Config, raw string) error
	show  func(c *Config) string
}

// Sections, in the order --help prints them.
const (
	SectionAutoheal = "Autoheal-compatible"
	SectionDocker   = "Docker connection"
	SectionNotify   = "Notification"
	SectionHealer   = "Healer"
)

func secondsSetting(name, def string, min int, field func(*Config) *time.Duration) Setting {
	return Setting{
		Name: name, Default: def, Accepts: secondsAccepted(min),
		apply: func(c *Config, raw string) error {
			n, err := parseWhole(raw, min, maxSeconds)
			*field(c) = time.Duration(n) * time.Second
			return err
		},
		show: func(c *Config) string { return showDuration(*field(c)) },
	}
}

func durationSetting(name, def string, min time.Duration, field func(*Config) *time.Duration) Setting {
	return Setting{
		Name: name, Default: def,
		Accepts: "a Go duration (90s, 5m) or bare seconds, from " + min.String() +
			" to a year (8760h)",
		apply: func(c *Config, raw string) error {
			d, err := parseDuration(raw, min)
			*field(c) = d
			return err
		},
		show: func(c *Config) string { return showDuration(*field(c)) },
	}
}

func secondsAccepted(min int) string {
	return "a whole number of seconds from " + strconv.Itoa(min) + " to a year (" +
		strconv.Itoa(maxSeconds) + ")"
}

func boolSetting(name, def string, field func(*Config) *bool) Setting {
	return Setting{
		Name: name, Default: def, Accepts: "true or false (also 1/0, yes/no)",
		apply: func(c *Config, raw string) error {
			b, err := parseBool(raw)
			*field(c) = b
			return err
		},
		show: func(c *Config) string { return showBool(*field(c)) },
	}
}

func stringSetting(name, def, accepts string, parse func(string) (string, error),
	field func(*Config) *string) Setting {
	return Setting{
		Name: name, Default: def, Accepts: accepts,
		apply: func(c *Config, raw string) error {
			v, err := parse(raw)
			*field(c) = v
			return err
		},
		show: func(c *Config) string { return *field(c) },
	}
}

func with(s Setting, section, help string) Setting {
	s.Section, s.Help = section, help
	return s
}
