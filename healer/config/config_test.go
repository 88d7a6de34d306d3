package config

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDefaults(t *testing.T) {
	c, warnings, err := Load(nil)
	if err != nil || len(warnings) != 0 {
		t.Fatalf("Load(nil) = %v, %v", warnings, err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"label", c.Label, "autoheal"},
		{"interval", c.Interval, 5 * time.Second},
		{"start period", c.StartPeriod, time.Duration(0)},
		{"stop timeout", c.DefaultStopTimeout, (*int)(nil)},
		{"api timeout", c.APITimeout, 30 * time.Second},
		{"dependents", c.Dependents, true},
		{"parent wait", c.ParentWait, 5 * time.Minute},
		{"backoff initial", c.BackoffInitial, 10 * time.Second},
		{"backoff max", c.BackoffMax, 5 * time.Minute},
		{"backoff reset", c.BackoffReset, 10 * time.Minute},
		{"budget", c.RestartBudget, 10},
		{"window", c.BudgetWindow, time.Hour},
		{"listen", c.Listen, ":8080"},
		{"log format", c.LogFormat, "text"},
		{"log level", c.LogLevel, slog.LevelInfo},
		{"engine", c.Docker.Host, "unix:///var/run/docker.sock"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("default %s = %v, want %v", ch.name, ch.got, ch.want)
		}
	}
}

func TestValues(t *testing.T) {
	cases := []struct {
		name  string
		env   []string
		check func(c Config) bool
	}{
		{"durations - bare seconds", []string{"HEALER_PARENT_WAIT=90"},
			func(c Config) bool { return c.ParentWait == 90*time.Second }},
		{"durations - Go duration", []string{"HEALER_BACKOFF_MAX=2m30s"},
			func(c Config) bool { return c.BackoffMax == 150*time.Second }},
		{"empty means default - blank", []string{"AUTOHEAL_INTERVAL="},
			func(c Config) bool { return c.Interval == 5*time.Second }},
		{`empty means default - two quotes`, []string{`AUTOHEAL_INTERVAL=""`},
			func(c Config) bool { return c.Interval == 5*time.Second }},
		{"stop timeout - zero is kept", []string{"AUTOHEAL_DEFAULT_STOP_TIMEOUT=0"},
			func(c Config) bool { return c.DefaultStopTimeout != nil && *c.DefaultStopTimeout == 0 }},
		{"bools - any case", []string{"HEALER_DEPENDENTS=FALSE", "HEALER_DRY_RUN=True"},
			func(c Config) bool { return !c.Dependents && c.DryRun }},
		{"log - json and debug", []string{"HEALER_LOG_FORMAT=JSON", "HEALER_LOG_LEVEL=debug"},
			func(c Config) bool { return c.LogFormat == "json" && c.LogLevel == slog.LevelDebug }},
		{"label - all", []string{"AUTOHEAL_CONTAINER_LABEL=all"},
			func(c Config) bool { return c.Label == AllContainers }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := Load(tc.env)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if !tc.check(c) {
				t.Errorf("unexpected value from %v", tc.env)
			}
		})
	}
}

// TestUnusableValuesAllReported: every bad value is reported at once, each naming the
// variable, the value and what is accepted.
func TestUnusableValuesAllReported(t *testing.T) {
	env := []string{"AUTOHEAL_INTERVAL=abc", "AUTOHEAL_START_PERIOD=-1",
		"HEALER_PARENT_WAIT=0", "HEALER_RESTART_BUDGET=0", "HEALER_LISTEN=8080",
		"HEALER_LOG_FORMAT=xml", "HEALER_LOG_LEVEL=loud", "HEALER_DRY_RUN=perhaps",
		"AUTOHEAL_CONTAINER_LABEL=a label", "CURL_TIMEOUT=1.5", "DOCKER_SOCK=ftp://x"}
	_, _, err := Load(env)
	if err == nil {
		t.Fatal("no error")
	}
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		var found bool
		for _, line := range strings.Split(err.Error(), "\n") {
			if strings.HasPrefix(line, name+"=") && strings.Contains(line, `"`+value+`"`) &&
				strings.Contains(line, "accepted is") {
				found = true
			}
		}
		if !found {
			t.Errorf("error does not name %s and %q:\n%v", name, value, err)
		}
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("errors are not *Error")
	}
}

func TestBackoffInitialAboveMax(t *testing.T) {
	cases := []struct{ name, env, want string }{
		{"initial set - blamed with the value written", "HEALER_BACKOFF_INITIAL=10m",
			`HEALER_BACKOFF_INITIAL="10m"`},
		{"max set - blamed, not the default initial", "HEALER_BACKOFF_MAX=5s",
			`HEALER_BACKOFF_MAX="5s" is not usable: accepted is a duration no shorter than ` +
				`HEALER_BACKOFF_INITIAL (10s, its default)`},
	}
	for _, tc := range cases {
		_, _, err := Load([]string{tc.env})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error = %v, want it to start with %s", tc.name, err, tc.want)
		}
	}
	_, _, err := Load([]string{"HEALER_BACKOFF_MAX=soon"})
	if err == nil || strings.Count(err.Error(), "\n") != 0 {
		t.Errorf("one bad value - error = %v, want a single line about it", err)
	}
}

func TestUnknownNamesWarn(t *testing.T) {
	_, warnings, err := Load([]string{"HEALER_DEPENDANTS=false", "AUTOHEAL_INTERVALS=3",
		"OTHER_THING=1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"unknown setting AUTOHEAL_INTERVALS ignored",
		"unknown setting HEALER_DEPENDANTS ignored"}
	if strings.Join(warnings, "|") != strings.Join(want, "|") {
		t.Errorf("warnings = %q, want %q", warnings, want)
	}
}

func TestDockerAddress(t *testing.T) {
	cases := []struct {
		name, host, ca string
		env            []string
		verify         bool
	}{
		{"socket path - as autoheal takes it", "unix:///run/docker.sock", "",
			[]string{"DOCKER_SOCK=/run/docker.sock"}, false},
		{"tcp - plain", "tcp://proxy:2375", "", []string{"DOCKER_SOCK=tcp://proxy:2375"}, false},
		{"tcps - certificates from /certs", "tcp://h:2376", "/certs/ca.pem",
			[]string{"DOCKER_SOCK=tcps://h:2376"}, true},
		{"docker host - used without DOCKER_SOCK", "tcp://h:2376", "/c/ca.pem",
			[]string{"DOCKER_HOST=tcp://h:2376", "DOCKER_CERT_PATH=/c", "DOCKER_TLS_VERIFY=1"},
			true},
		{"docker sock - wins over DOCKER_HOST", "unix:///a.sock", "",
			[]string{"DOCKER_SOCK=/a.sock", "DOCKER_HOST=tcp://h:1"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := Load(tc.env)
			if err != nil {
				t.Fatal(err)
			}
			d := c.Docker
			if d.Host != tc.host || d.CAFile != tc.ca || d.TLSVerify != tc.verify {
				t.Errorf("docker = %+v", d)
			}
		})
	}
}

func TestDockerAddressErrors(t *testing.T) {
	for _, env := range [][]string{
		{"DOCKER_HOST=ssh://me@h"},
		{"DOCKER_HOST=tcp://h:1", "DOCKER_TLS_VERIFY=true"},
		{"DOCKER_SOCK=tcp://"},
	} {
		if _, _, err := Load(env); err == nil {
			t.Errorf("Load(%v): no error", env)
		}
	}
}

func TestHelpAndEffective(t *testing.T) {
	var b strings.Builder
	if err := WriteHelp(&b); err != nil {
		t.Fatal(err)
	}
	c, _, _ := Load([]string{"AUTOHEAL_DEFAULT_STOP_TIMEOUT=7", "DOCKER_SOCK=tcps://h:1"})
	shown := map[string]string{}
	for _, kv := range c.Effective() {
		shown[kv[0]] = kv[1]
	}
	for _, s := range Settings() {
		if !strings.Contains(b.String(), s.Name) || !strings.Contains(b.String(), s.Accepts) {
			t.Errorf("help lacks %s or what it accepts", s.Name)
		}
		if _, ok := shown[s.Name]; !ok {
			t.Errorf("effective settings lack %s", s.Name)
		}
	}
	if shown["AUTOHEAL_DEFAULT_STOP_TIMEOUT"] != "7s" || !strings.Contains(shown["(engine)"], "TLS") {
		t.Errorf("effective settings = %v", shown)
	}
}

// TestValuesOutOfRange: each value is refused on its own, with exit status 2 to follow,
// rather than taken and failing later (an overflowing interval, an unreachable address).
func TestValuesOutOfRange(t *testing.T) {
	cases := []struct{ name, env string }{
		{"seconds - beyond a year", "AUTOHEAL_INTERVAL=31536001"},
		{"seconds - overflowing a duration", "AUTOHEAL_INTERVAL=9223372036854775807"},
		{"seconds - a sign", "CURL_TIMEOUT=+5"},
		{"stop timeout - overflowing with CURL_TIMEOUT", "AUTOHEAL_DEFAULT_STOP_TIMEOUT=9300000000"},
		{"start period - wrapping negative", "AUTOHEAL_START_PERIOD=9223372036854775807"},
		{"duration - beyond a year", "HEALER_BACKOFF_RESET=8761h"},
		{"bare seconds - beyond a year", "HEALER_BUDGET_WINDOW=1e12"},
		{"bare seconds - not a number", "HEALER_BACKOFF_MAX=NaN"},
		{"bare seconds - hexadecimal", "HEALER_PARENT_WAIT=0x1p4"},
		{"bare seconds - digit separators", "HEALER_PARENT_WAIT=1_0"},
		{"budget - beyond a million", "HEALER_RESTART_BUDGET=1000001"},
		{"tcp - no port", "DOCKER_SOCK=tcp://127.0.0.1"},
		{"tcp - port out of range", "DOCKER_SOCK=tcp://127.0.0.1:99999"},
		{"tcp - space in the host", "DOCKER_SOCK=tcp://exa mple:2375"},
		{"tcps - no host", "DOCKER_SOCK=tcps://:2376"},
		{"docker host - port zero", "DOCKER_HOST=tcp://h:0"},
		{"unix - relative path", "DOCKER_SOCK=unix://relative"},
		{"listen - signed port", "HEALER_LISTEN=:+80"},
		{"webhook - empty host", "WEBHOOK_URL=http://:80"},
		{"webhook - port out of range", "WEBHOOK_URL=http://host:99999/x"},
		{"webhook - space in the path", "WEBHOOK_URL=https://h/TOKEN bad"},
		{"apprise - not http", "APPRISE_URL=mailto:me@h"},
		{"project - capitals compose never makes", "HEALER_PROJECT=MyProj"},
		{"project - punctuation", "HEALER_PROJECT=my project!"},
		{"log level - an offset", "HEALER_LOG_LEVEL=error+100"},
		{"script - not executable", "POST_RESTART_SCRIPT=" + plainFile(t)},
		{"script - a directory", "POST_RESTART_SCRIPT=" + t.TempDir()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name, value, _ := strings.Cut(tc.env, "=")
			_, _, err := Load([]string{tc.env})
			var e *Error
			if !errors.As(err, &e) || e.Name != name || e.Value != value {
				t.Errorf("Load(%s) = %v, want an error naming %s and %q", tc.env, err, name, value)
			}
		})
	}
}

func plainFile(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "script")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestScriptRefusalSaysWhy(t *testing.T) {
	cases := []struct{ name, path, why string }{
		{"relative path - PATH would be searched", "notify.sh", "not an absolute path"},
		{"missing file", filepath.Join(t.TempDir(), "absent"), "no such file"},
		{"directory", t.TempDir(), "a directory"},
		{"not executable", plainFile(t), "not executable by uid"},
		{"device", "/dev/null", "not a regular file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Load([]string{"POST_RESTART_SCRIPT=" + tc.path})
			var e *Error
			if !errors.As(err, &e) || !strings.HasPrefix(e.Why, tc.why) {
				t.Fatalf("Load = %v, want it to say %q", err, tc.why)
			}
			if !strings.Contains(err.Error(), "("+e.Why+")") {
				t.Errorf("error %q does not carry the reason", err)
			}
		})
	}
}

func TestValuesAtTheirBounds(t *testing.T) {
	c, _, err := Load([]string{"AUTOHEAL_INTERVAL=31536000", "HEALER_BACKOFF_MAX=8760h",
		"HEALER_BUDGET_WINDOW=31536000", "HEALER_RESTART_BUDGET=1000000",
		"HEALER_PARENT_WAIT=1.5", "HEALER_LOG_LEVEL=Warning", "HEALER_PROJECT=my_stack-2"})
	if err != nil {
		t.Fatal(err)
	}
	year := 365 * 24 * time.Hour
	if c.Interval != year || c.BackoffMax != year || c.BudgetWindow != year ||
		c.RestartBudget != 1_000_000 || c.ParentWait != 1500*time.Millisecond ||
		c.LogLevel != slog.LevelWarn || c.Project != "my_stack-2" {
		t.Errorf("config = %+v", c)
	}
}

func TestDockerVariablesBesideSock(t *testing.T) {
	_, warnings, err := Load([]string{"DOCKER_SOCK=/a.sock", "DOCKER_CERT_PATH=/c",
		"DOCKER_TLS_VERIFY=1"})
	if err != nil {
		t.Fatal(err)
	}
	want := "DOCKER_CERT_PATH ignored: DOCKER_SOCK is set and wins|" +
		"DOCKER_TLS_VERIFY ignored: DOCKER_SOCK is set and wins"
	if strings.Join(warnings, "|") != want {
		t.Errorf("warnings = %q", warnings)
	}
	_, warnings, err = Load([]string{"DOCKER_SOCK=/a.sock", "DOCKER_TLS_VERIFY=maybe"})
	if err == nil || len(warnings) != 0 {
		t.Errorf("unusable beside DOCKER_SOCK - warnings %q, error %v: want the error alone",
			warnings, err)
	}
	_, _, err = Load([]string{"DOCKER_HOST=tcp://h:1", "DOCKER_TLS_VERIFY=yes"})
	if err == nil || !strings.HasPrefix(err.Error(), `DOCKER_TLS_VERIFY="yes"`) {
		t.Errorf("error = %v, want it to name the value given", err)
	}
}

func TestNotificationURLsShownWithoutSecrets(t *testing.T) {
	c, _, err := Load([]string{"WEBHOOK_URL=https://u:pw@discord.com/api/webhooks/1/TOKEN",
		"APPRISE_URL=http://apprise:8000"})
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{}
	for _, kv := range c.Effective() {
		shown[kv[0]] = kv[1]
	}
	if got := shown["WEBHOOK_URL"]; got != "https://discord.com/... (rest hidden)" {
		t.Errorf("WEBHOOK_URL shown as %q", got)
	}
	if got := shown["APPRISE_URL"]; got != "http://apprise:8000" {
		t.Errorf("APPRISE_URL shown as %q", got)
	}
}
