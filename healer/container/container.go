// Package container holds the healer's own small view of a Docker container and of the
// engine's events: only what the decisions need, free of any Docker client types.
package container

import (
	"errors"
	"strings"
	"time"
)

// Health states as the engine reports them. None means the container has no healthcheck.
const (
	None      = ""
	Starting  = "starting"
	Healthy   = "healthy"
	Unhealthy = "unhealthy"
)

// Run states as the engine reports them.
const (
	Created    = "created"
	Running    = "running"
	Paused     = "paused"
	Restarting = "restarting"
	Removing   = "removing"
	Exited     = "exited"
	Dead       = "dead"
)

// Compose labels the healer reads.
const (
	LabelProject   = "com.docker.compose.project"
	LabelService   = "com.docker.compose.service"
	LabelDependsOn = "com.docker.compose.depends_on"
)

// Sentinel errors the Docker adapter maps the engine's answers to; callers branch on them.
var (
	ErrNotFound = errors.New("no such container")
	ErrConflict = errors.New("conflict")
)

// Probe is one run of a container's healthcheck.
type Probe struct {
	Start    time.Time
	End      time.Time
	ExitCode int
	Output   string
}

// Container is what a list or an inspect tells about one container. A list fills only
// ID, Name, Labels, NetworkMode, State and Health; Inspected says whether the rest is set.
type Container struct {
	ID          string
	Name        string
	Labels      map[string]string
	NetworkMode string
	State       string
	Health      string

	Inspected      bool
	Path           string // the command the container runs (inspect's Path)
	HasHealthcheck bool
	FailingStreak  int
	LastProbe      *Probe
	StartedAt      time.Time
	FinishedAt     time.Time
	Error          string
	StopTimeout    *int
}

// ShortID is the 12-character form of the container's ID used in logs.
func (c Container) ShortID() string { return Short(c.ID) }

// Short cuts an ID to the 12 characters Docker shows.
func Short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// Project is the compose project the container belongs to, or "".
func (c Container) Project() string { return c.Labels[LabelProject] }

// Service is the compose service the container runs, or "".
func (c Container) Service() string { return c.Labels[LabelService] }

// NetworkParent is the ID or name of the container whose network namespace this one
// joins (network_mode "container:<x>"), or "".
func (c Container) NetworkParent() string {
	parent, ok := strings.CutPrefix(c.NetworkMode, "container:")
	if !ok {
		return ""
	}
	return parent
}

// DependsOn lists the compose services this container's service depends on, read from
// the label compose writes ("svc:condition:restart,...").
func (c Container) DependsOn() []string {
	raw := c.Labels[LabelDependsOn]
	if raw == "" {
		return nil
	}
	var services []string
	for _, item := range strings.Split(raw, ",") {
		name, _, _ := strings.Cut(strings.TrimSpace(item), ":")
		if name != "" {
			services = append(services, name)
		}
	}
	return services
}

// Event is one container event from the engine's stream. For health events Action is
// "health_status" and Status holds the new state.
type Event struct {
	ID     string
	Name   string
	Action string
	Status string
	Labels map[string]string
	Time   time.Time
}

// Actions the healer subscribes to.
const (
	ActionHealth  = "health_status"
	ActionStart   = "start"
	ActionDie     = "die"
	ActionKill    = "kill"
	ActionStop    = "stop"
	ActionPause   = "pause"
	ActionUnpause = "unpause"
	ActionDestroy = "destroy"
)

// Actions lists every action the event stream is filtered to.
var Actions = []string{
	ActionHealth, ActionStart, ActionDie, ActionKill, ActionStop,
	ActionPause, ActionUnpause, ActionDestroy,
}
