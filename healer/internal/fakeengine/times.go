package fakeengine

import (
	"time"

	"github.com/moby/moby/api/types/container"
)

// shiftTimes moves every time of a recorded container by the same amount, so that the
// latest one is now: a fixture started "3 seconds before it was recorded" has been up
// for 3 seconds when a test adds it.
func shiftTimes(c *container.InspectResponse, now time.Time) {
	latest := latestTime(c)
	if latest.IsZero() {
		return
	}
	d := now.Sub(latest)
	c.Created = shiftString(c.Created, d)
	if c.State == nil {
		return
	}
	c.State.StartedAt = shiftString(c.State.StartedAt, d)
	c.State.FinishedAt = shiftString(c.State.FinishedAt, d)
	if c.State.Health != nil {
		for _, p := range c.State.Health.Log {
			p.Start, p.End = p.Start.Add(d), p.End.Add(d)
		}
	}
}

func latestTime(c *container.InspectResponse) time.Time {
	latest := parseTime(c.Created)
	later := func(t time.Time) {
		if t.After(latest) {
			latest = t
		}
	}
	if c.State != nil {
		later(parseTime(c.State.StartedAt))
		later(parseTime(c.State.FinishedAt))
		if c.State.Health != nil {
			for _, p := range c.State.Health.Log {
				later(p.End)
			}
		}
	}
	return latest
}

// parseTime reads an engine time; never ("0001-01-01T00:00:00Z") and garbage are zero.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func shiftString(s string, d time.Duration) string {
	t := parseTime(s)
	if t.IsZero() {
		return s
	}
	return formatTime(t.Add(d))
}

// formatTime writes a time as the engine does.
func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}
