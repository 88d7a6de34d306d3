package fakeengine

import (
	"strconv"
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
)

// playLocked applies a recorded sequence to the container at once.
func (e *Engine) playLocked(c *container.InspectResponse, steps []step) {
	for _, s := range steps {
		e.applyLocked(c, s)
	}
}

// applyLocked changes the container as the engine does at the step's event, and emits
// the event. Actions it does not know only emit.
func (e *Engine) applyLocked(c *container.InspectResponse, s step) {
	now := time.Now()
	st := c.State
	switch s.action {
	case "die":
		st.Running, st.Paused, st.Pid = false, false, 0
		st.Status = container.StateExited
		st.ExitCode, _ = strconv.Atoi(s.attrs["exitCode"])
		st.FinishedAt = formatTime(now)
		closeHealthMonitor(st)
	case "start":
		e.pid++
		st.Running, st.Paused, st.Pid = true, false, e.pid
		st.Status = container.StateRunning
		st.ExitCode, st.Error = 0, ""
		st.StartedAt = formatTime(now)
		if st.Health != nil {
			st.Health.Status, st.Health.FailingStreak = container.Starting, 0
		}
	case "pause":
		st.Paused, st.Status = true, container.StatePaused
		closeHealthMonitor(st)
	case "unpause":
		st.Paused, st.Status = false, container.StateRunning
	case "destroy":
		delete(e.containers, c.ID)
	}
	e.emitLocked(c, s.action, s.attrs)
}

// closeHealthMonitor copies the engine: when it stops probing a container (stop,
// pause) it sets the health to unhealthy without an event. A paused container reads
// "unhealthy" while its last probe passed (testdata/inspect-paused.json).
func closeHealthMonitor(st *container.State) {
	if st.Health != nil {
		st.Health.Status = container.Unhealthy
	}
}

// parentDownLocked tells whether the container joins the namespace of one that is not
// running, and names that one.
func (e *Engine) parentDownLocked(c *container.InspectResponse) (string, bool) {
	if c.HostConfig == nil {
		return "", false
	}
	ref, ok := strings.CutPrefix(string(c.HostConfig.NetworkMode), "container:")
	if !ok {
		return "", false
	}
	parent := e.findLocked(ref)
	if parent == nil {
		return ref, true
	}
	return parent.ID, !parent.State.Running
}

// findLocked resolves a reference as the engine does: full ID, name, then ID prefix.
func (e *Engine) findLocked(ref string) *container.InspectResponse {
	if c, ok := e.containers[ref]; ok {
		return c
	}
	name := "/" + strings.TrimPrefix(ref, "/")
	var byPrefix []*container.InspectResponse
	for _, c := range e.containers {
		if c.Name == name {
			return c
		}
		if strings.HasPrefix(c.ID, ref) {
			byPrefix = append(byPrefix, c)
		}
	}
	if len(byPrefix) == 1 {
		return byPrefix[0]
	}
	return nil
}
