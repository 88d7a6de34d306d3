package fakeengine

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
)

// maxProbeLog is how many probe results the engine keeps.
const maxProbeLog = 5

// SetHealth runs a probe with the result that gives the status: it emits the probe's
// exec_create, exec_start and exec_die events as the engine does for every probe, logs
// the result, and emits "health_status: <status>" when the status changed: the engine
// emits nothing when a probe confirms the status it had.
func (e *Engine) SetHealth(id, status string) {
	e.t.Helper()
	e.control(id, "setting health of", func(c *container.InspectResponse) {
		h := c.State.Health
		if h == nil {
			e.t.Errorf("setting health of %s: the container has no healthcheck", id)
			return
		}
		exitCode := 0
		if status == string(container.Unhealthy) {
			exitCode = 1
		}
		e.emitProbeLocked(c, exitCode)
		now := time.Now()
		h.Log = append(h.Log, &container.HealthcheckResult{
			Start: now.Add(-50 * time.Millisecond), End: now,
			ExitCode: exitCode, Output: e.rec.probes[exitCode],
		})
		h.Log = h.Log[max(0, len(h.Log)-maxProbeLog):]
		h.FailingStreak = failingStreak(c, h, status)
		if string(h.Status) == status {
			return
		}
		h.Status = container.HealthStatus(status)
		e.emitLocked(c, "health_status: "+status, e.rec.probe.health.attrs)
	})
}

// emitProbeLocked emits the recorded exec events of a probe, naming the container's
// own healthcheck command and a fresh exec ID.
func (e *Engine) emitProbeLocked(c *container.InspectResponse, exitCode int) {
	execID := newID()
	for _, s := range e.rec.probe.exec {
		action, _, hasCmd := strings.Cut(s.action, ":")
		if cmd := probeCommand(c); hasCmd && cmd != "" {
			action += ": " + cmd
		}
		attrs := maps.Clone(s.attrs)
		attrs["execID"] = execID
		if _, ok := attrs["exitCode"]; ok {
			attrs["exitCode"] = strconv.Itoa(exitCode)
		}
		e.emitLocked(c, action, attrs)
	}
}

// probeCommand is the healthcheck command as the engine names it in exec events.
func probeCommand(c *container.InspectResponse) string {
	if c.Config == nil || c.Config.Healthcheck == nil || len(c.Config.Healthcheck.Test) < 2 {
		return ""
	}
	return strings.Join(c.Config.Healthcheck.Test[1:], " ")
}

// failingStreak is at least the retries an unhealthy status needs, 0 otherwise.
func failingStreak(c *container.InspectResponse, h *container.Health, status string) int {
	if status != string(container.Unhealthy) {
		return 0
	}
	retries := 3 // the engine's default
	if c.Config != nil && c.Config.Healthcheck != nil && c.Config.Healthcheck.Retries > 0 {
		retries = c.Config.Healthcheck.Retries
	}
	return max(h.FailingStreak+1, retries)
}

// Pause pauses a running container, as `docker pause`.
func (e *Engine) Pause(id string) {
	e.t.Helper()
	e.playControl(id, "pausing", "pause")
}

// Unpause resumes a paused container, as `docker unpause`.
func (e *Engine) Unpause(id string) {
	e.t.Helper()
	e.playControl(id, "unpausing", "unpause")
}

// Stop stops a container as `docker stop` does, emitting kill, die and stop.
func (e *Engine) Stop(id string) {
	e.t.Helper()
	e.playControl(id, "stopping", "stop")
}

// Remove removes a container as `docker rm` does with a stopped one: it emits destroy.
func (e *Engine) Remove(id string) {
	e.t.Helper()
	e.playControl(id, "removing", "remove")
}

func (e *Engine) playControl(id, what, sequence string) {
	e.t.Helper()
	e.control(id, what, func(c *container.InspectResponse) {
		e.playLocked(c, e.rec.sequences[sequence])
	})
}

// control runs fn on the container under the engine's lock; an unknown container fails
// the test.
func (e *Engine) control(ref, what string, fn func(*container.InspectResponse)) {
	e.t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.findLocked(ref)
	if c == nil {
		e.t.Errorf("%s %s: no such container in the fake engine", what, ref)
		return
	}
	fn(c)
}

// FailNext makes the next restart or start request of the container fail with the
// given HTTP status and message, without changing the container or emitting events.
func (e *Engine) FailNext(id string, status int, message string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.failNext[id] = failNext{status: status, message: message}
}

// DelayRestart makes every later restart of the container take d longer to stop it,
// between the kill and the die events; 0 removes the delay.
func (e *Engine) DelayRestart(id string, d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.delays[id] = d
}

// Requests lists every request so far as "METHOD /path?query", query as sent.
func (e *Engine) Requests() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.requests)
}

// Restarts counts the restart requests for the container, failed ones included.
func (e *Engine) Restarts(id string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.restarts[id]
}

// Starts counts the start requests for the container, failed ones included.
func (e *Engine) Starts(id string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.starts[id]
}

// OnRequest calls f with every request's method and path as it arrives, before it is
// answered: benchmarks time the healer's requests with it.
func (e *Engine) OnRequest(f func(method, path string)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.onRequest = f
}

// Health is the container's health status now ("" without a healthcheck).
func (e *Engine) Health(id string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.findLocked(id)
	if c == nil || c.State == nil || c.State.Health == nil {
		return ""
	}
	return string(c.State.Health.Status)
}
