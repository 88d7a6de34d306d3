package fakeengine

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/moby/moby/api/types/container"
)

// Fixtures are the recorded containers Add can start from.
const (
	Healthy                = "healthy"                  // running, healthcheck passing
	Unhealthy              = "unhealthy"                // running, healthcheck failing
	NoHealthcheck          = "no-healthcheck"           // running, no healthcheck
	Dependent              = "dependent"                // running in another's network namespace
	DependentFailedStart   = "dependent-failed-start"   // created, start refused: parent down
	DependentFailedRestart = "dependent-failed-restart" // exited, restart refused: parent down
	Paused                 = "paused"                   // paused, healthcheck
	Exited                 = "exited"                   // stopped by `docker stop`
)

// Add puts a container in the engine, copied from a recorded fixture with a fresh ID and
// the given name, and changed by mods; it returns the ID. Its times are moved so that
// its last recorded moment is now. A dependent fixture still names its recorded parent:
// give it NetworkParent.
func (e *Engine) Add(name, fixture string, mods ...func(*container.InspectResponse)) string {
	e.t.Helper()
	raw, ok := e.rec.inspect[fixture]
	if !ok {
		e.t.Fatalf("adding %s: no recorded fixture %q", name, fixture)
	}
	var c container.InspectResponse
	if err := json.Unmarshal(raw, &c); err != nil {
		e.t.Fatalf("adding %s: decoding fixture %s: %v", name, fixture, err)
	}
	recordedID := c.ID
	c.ID = newID()
	c.Name = "/" + name
	if c.Config != nil && c.Config.Hostname == recordedID[:12] {
		c.Config.Hostname = c.ID[:12]
	}
	if c.Config != nil {
		delete(c.Config.Labels, recordedLabel)
	}
	shiftTimes(&c, time.Now())
	for _, mod := range mods {
		mod(&c)
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	e.containers[c.ID] = &c
	e.order = append(e.order, c.ID)
	e.fixtures[c.ID] = fixture
	return c.ID
}

func newID() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails, see crypto/rand
	return hex.EncodeToString(b)
}
