package fakeengine

import (
	"net/http"
	"time"

	"github.com/moby/moby/api/types/container"
)

func (e *Engine) restart(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("id")
	e.mu.Lock()
	c := e.findLocked(ref)
	if c == nil {
		e.mu.Unlock()
		writeError(w, http.StatusNotFound, e.recordedMessage("restart-missing", ref))
		return
	}
	id := c.ID
	e.restarts[id]++
	if f, ok := e.takeFailureLocked(id); ok {
		e.mu.Unlock()
		writeError(w, f.status, f.message)
		return
	}
	parent, down := e.parentDownLocked(c)
	steps := e.restartStepsLocked(c, down)
	delay := e.delays[id]
	e.mu.Unlock()

	if !e.playSlowly(id, steps, delay) {
		writeError(w, http.StatusNotFound, e.recordedMessage("restart-missing", ref))
		return
	}
	if down {
		e.refuseJoin(w, id, parent, e.rec.failures.restart)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// restartStepsLocked picks the recorded restart for the container's state.
func (e *Engine) restartStepsLocked(c *container.InspectResponse, parentDown bool) []step {
	switch {
	case parentDown && c.State.Running:
		return e.rec.sequences["restart-failed"] // stopped, then the start is refused
	case parentDown:
		return nil
	case c.State.Paused:
		return e.rec.sequences["restart-paused"]
	case c.State.Running:
		return e.rec.sequences["restart"]
	default:
		return e.rec.sequences["restart-exited"]
	}
}

// playSlowly applies steps one by one, waiting delay before the container dies, as a
// container slow to stop makes the engine wait. It is false when the container went
// away meanwhile.
func (e *Engine) playSlowly(id string, steps []step, delay time.Duration) bool {
	for _, s := range steps {
		if s.action == "die" && delay > 0 {
			select {
			case <-time.After(delay):
			case <-e.closing:
				return false
			}
		}
		e.mu.Lock()
		c, ok := e.containers[id]
		if ok {
			e.applyLocked(c, s)
		}
		e.mu.Unlock()
		if !ok {
			return false
		}
	}
	return true
}

// refuseJoin answers a start the engine refuses because the namespace's owner is not
// running, leaving the container as the engine does.
func (e *Engine) refuseJoin(w http.ResponseWriter, id, parent string, f failure) {
	e.mu.Lock()
	if c, ok := e.containers[id]; ok {
		c.State.Error = fill(f.error, id, parent)
		c.State.ExitCode = f.exitCode
	}
	e.mu.Unlock()
	writeError(w, f.status, fill(f.message, id, parent))
}

func (e *Engine) start(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.findLocked(ref)
	if c == nil {
		writeError(w, http.StatusNotFound, e.recordedMessage("inspect-missing", ref))
		return
	}
	e.starts[c.ID]++
	if f, ok := e.takeFailureLocked(c.ID); ok {
		writeError(w, f.status, f.message)
		return
	}
	switch parent, down := e.parentDownLocked(c); {
	case c.State.Paused:
		writeError(w, e.rec.errs["start-paused"].Status, e.recordedMessage("start-paused", ""))
	case c.State.Running:
		w.WriteHeader(http.StatusNotModified) // as recorded: no error, no event
	case down:
		e.playLocked(c, e.rec.sequences["start-failed"])
		f := e.rec.failures.start
		c.State.Error, c.State.ExitCode = fill(f.error, c.ID, parent), f.exitCode
		writeError(w, f.status, fill(f.message, c.ID, parent))
	default:
		e.playLocked(c, e.rec.sequences["start"])
		w.WriteHeader(http.StatusNoContent)
	}
}

func (e *Engine) takeFailureLocked(id string) (failNext, bool) {
	f, ok := e.failNext[id]
	delete(e.failNext, id)
	return f, ok
}
