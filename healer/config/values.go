package config

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// maxSeconds bounds every time setting at a year: far beyond any use, and far enough
// from time.Duration's limit that no sum or doubling the healer makes of one overflows.
const maxSeconds = 365 * 24 * 60 * 60

// maxDuration is maxSeconds as a duration.
const maxDuration = maxSeconds * time.Second

var (
	wholeNumber = regexp.MustCompile(`^[0-9]+$`)
	bareSeconds = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
)

// parseWhole reads a whole number from min to max, in decimal digits only.
func parseWhole(raw string, min, max int) (int, error) {
	if !wholeNumber.MatchString(raw) {
		return 0, errRejected
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < min || n > max {
		return 0, errRejected
	}
	return n, nil
}

// parseDuration reads a Go duration ("90s", "5m") or bare seconds ("90"), from min to
// maxDuration.
func parseDuration(raw string, min time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(raw)
	if err != nil {
		if !bareSeconds.MatchString(raw) {
			return 0, errRejected
		}
		n, errN := strconv.ParseFloat(raw, 64)
		if errN != nil || n > maxSeconds {
			return 0, errRejected
		}
		d = time.Duration(n * float64(time.Second))
	}
	if d < min || d > maxDuration {
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
	if err != nil || !validPort(port, 0) {
		return "", errRejected
	}
	return raw, nil
}

// validPort accepts decimal port numbers from min to 65535.
func validPort(port string, min int) bool {
	_, err := parseWhole(port, min, 65535)
	return err == nil
}

// validTCP accepts host:port with a host and a port from 1 to 65535.
func validTCP(address string) bool {
	host, port, err := net.SplitHostPort(address)
	return err == nil && host != "" && !strings.ContainsAny(host, " \t/") && validPort(port, 1)
}

var logLevels = map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo,
	"warn": slog.LevelWarn, "warning": slog.LevelWarn, "error": slog.LevelError}

func parseLogLevel(raw string) (slog.Level, error) {
	level, ok := logLevels[strings.ToLower(raw)]
	if !ok {
		return 0, errRejected
	}
	return level, nil
}

func showLogLevel(level slog.Level) string { return strings.ToLower(level.String()) }

// projectName is what compose accepts as a project name: lowercase letters, digits,
// dashes and underscores, starting with a letter or digit.
var projectName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

func parseProject(raw string) (string, error) {
	if !projectName.MatchString(raw) {
		return "", errRejected
	}
	return raw, nil
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
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" ||
		strings.ContainsAny(raw, " \t") || (u.Port() != "" && !validPort(u.Port(), 1)) {
		return "", errRejected
	}
	return raw, nil
}

// showURL hides what a notification URL may carry as a secret (a password, a webhook's
// token in its path or query), keeping the scheme and host to tell which it is.
func showURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return raw
	}
	shown := u.Scheme + "://" + u.Host
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		shown += "/... (rest hidden)"
	}
	return shown
}

var jsonKey = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

func parseJSONKey(raw string) (string, error) {
	if !jsonKey.MatchString(raw) {
		return "", errRejected
	}
	return raw, nil
}

// parseExecutable checks at start-up that the script can run as the healer's own user,
// rather than failing at the first restart. A relative path is refused: the healer
// would look a bare name up in PATH, not where the user meant.
func parseExecutable(raw string) (string, error) {
	if !filepath.IsAbs(raw) {
		return "", rejectedBecause("not an absolute path")
	}
	info, err := os.Stat(raw)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", rejectedBecause("no such file")
	case err != nil:
		return "", rejectedBecause(fmt.Sprintf("cannot be read: %v", errors.Unwrap(err)))
	case info.IsDir():
		return "", rejectedBecause("a directory")
	case !info.Mode().IsRegular():
		return "", rejectedBecause("not a regular file")
	case syscall.Access(raw, accessExecute) != nil:
		return "", rejectedBecause(fmt.Sprintf("not executable by uid %d", os.Getuid()))
	}
	return raw, nil
}

// accessExecute is X_OK of access(2).
const accessExecute = 0x1
