package config

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// parseSeconds reads a whole number of seconds at least min.
func parseSeconds(raw string, min int) (int, error) {
	n, err := strconv.Atoi(raw)
	if err != nil || n < min {
		return 0, errRejected
	}
	return n, nil
}

// parseDuration reads a Go duration ("90s", "5m") or bare seconds ("90"), at least min.
func parseDuration(raw string, min time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(raw)
	if err != nil {
		n, errN := strconv.ParseFloat(raw, 64)
		if errN != nil {
			return 0, errRejected
		}
		d = time.Duration(n * float64(time.Second))
	}
	if d < min {
		return 0, errRejected
	}
	return d, nil
}

// parseBool reads true/false in any case, as autoheal's shell tests do, plus 1/0 and
// yes/no.
func parseBool(raw string) (bool, error) {
	switch strings.ToLower(raw) {
	case "true", "1", "yes":
		return true, nil
	case "false", "0", "no":
		return false, nil
	}
	return false, errRejected
}

var labelKey = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)

func parseLabel(raw string) (string, error) {
	if !labelKey.MatchString(raw) {
		return "", errRejected
	}
	return raw, nil
}

func parseListen(raw string) (string, error) {
	_, port, err := net.SplitHostPort(raw)
	if err != nil {
		return "", errRejected
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "", errRejected
	}
	return raw, nil
}

func parseLogLevel(raw string) (slog.Level, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(raw)); err != nil {
		return 0, errRejected
	}
	return level, nil
}

func parseChoice(raw string, choices ...string) (string, error) {
	for _, c := range choices {
		if strings.EqualFold(raw, c) {
			return c, nil
		}
	}
	return "", errRejected
}

func showDuration(d time.Duration) string { return d.String() }

func showBool(b bool) string { return strconv.FormatBool(b) }

func showSeconds(p *int) string {
	if p == nil {
		return "(container's own)"
	}
	return fmt.Sprintf("%ds", *p)
}

func showInt(n int) string { return strconv.Itoa(n) }

func parseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errRejected
	}
	return raw, nil
}

var jsonKey = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

func parseJSONKey(raw string) (string, error) {
	if !jsonKey.MatchString(raw) {
		return "", errRejected
	}
	return raw, nil
}

// parseExecutable checks at start-up that the script can run, rather than failing at
// the first restart.
func parseExecutable(raw string) (string, error) {
	info, err := os.Stat(raw)
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm()&0o111 == 0 {
		return "", errRejected
	}
	return raw, nil
}
