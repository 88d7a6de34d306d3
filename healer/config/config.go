// Package config holds the healer's settings: one registry from which parsing,
// validation, the --help text and the printed effective configuration all come.
package config

import (
	"log/slog"
	"time"
)

// AllContainers is the value of AUTOHEAL_CONTAINER_LABEL that selects every container
// that has a healthcheck.
const AllContainers = "all"

// StopTimeoutLabel overrides the stop timeout of one container, whatever the selecting
// label is called.
const StopTimeoutLabel = "autoheal.stop.timeout"

// Config is the effective configuration of one healer process.
type Config struct {
	Label              string
	Interval           time.Duration
	StartPeriod        time.Duration
	DefaultStopTimeout *int // seconds; nil leaves each container's own
	OnlyMonitorRunning bool
	APITimeout         time.Duration

	Docker Docker

	Dependents     bool
	ParentWait     time.Duration
	BackoffInitial time.Duration
	BackoffMax     time.Duration
	BackoffReset   time.Duration
	RestartBudget  int
	BudgetWindow   time.Duration
	Project        string

	Notify Notify

	Listen    string
	LogFormat string
	LogLevel  slog.Level
	DryRun    bool

	raw rawDocker
}

// Docker says how to reach the engine, resolved from DOCKER_SOCK or DOCKER_HOST.
type Docker struct {
	Host      string // unix:///path or tcp://host:port
	CAFile    string // set only when TLS is used
	CertFile  string
	KeyFile   string
	TLSVerify bool
	Source    string // the variable the host came from, or "default"
}

// Notify says where the healer reports what it did, as autoheal does.
type Notify struct {
	WebhookURL        string
	WebhookKey        string
	AppriseURL        string
	PostRestartScript string
}

// TLS reports whether the engine is reached over TLS.
func (d Docker) TLS() bool { return d.CertFile != "" || d.CAFile != "" }
