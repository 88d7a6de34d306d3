package fakeengine

import (
	"fmt"
	"time"

	"github.com/moby/moby/api/types/container"
)

// statusText writes the list's human status as the engine does, "Up 5 minutes
// (healthy)", "Up 2 seconds (Paused)", "Exited (0) 3 seconds ago", "Created".
func statusText(st *container.State, now time.Time) string {
	switch {
	case st.Paused:
		return fmt.Sprintf("Up %s (Paused)", humanDuration(now.Sub(parseTime(st.StartedAt))))
	case st.Running:
		return "Up " + humanDuration(now.Sub(parseTime(st.StartedAt))) + healthSuffix(st)
	case st.Status == container.StateCreated:
		return "Created"
	case st.Status == container.StateDead:
		return "Dead"
	default:
		ago := humanDuration(now.Sub(parseTime(st.FinishedAt)))
		return fmt.Sprintf("Exited (%d) %s ago", st.ExitCode, ago)
	}
}

func healthSuffix(st *container.State) string {
	if st.Health == nil {
		return ""
	}
	if st.Health.Status == container.Starting {
		return " (health: starting)"
	}
	return " (" + string(st.Health.Status) + ")"
}

// humanDuration words a duration as the engine's status does, coarsely.
func humanDuration(d time.Duration) string {
	switch s := int(d.Seconds()); {
	case s < 1:
		return "Less than a second"
	case s == 1:
		return "1 second"
	case s < 60:
		return fmt.Sprintf("%d seconds", s)
	}
	switch m := int(d.Minutes()); {
	case m == 1:
		return "About a minute"
	case m < 60:
		return fmt.Sprintf("%d minutes", m)
	}
	switch h := int(d.Hours() + 0.5); {
	case h == 1:
		return "About an hour"
	case h < 48:
		return fmt.Sprintf("%d hours", h)
	default:
		return fmt.Sprintf("%d days", h/24)
	}
}
