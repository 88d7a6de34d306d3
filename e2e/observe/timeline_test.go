package observe

import (
	"strings"
	"testing"
	"time"
)

func TestTimelineFirstAndSince(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tl := &Timeline{}
	// Added out of order, as the event stream and the specs race.
	add := func(s int, source, what string) {
		tl.Add(Entry{Time: t0.Add(time.Duration(s) * time.Second), Source: source,
			Subject: "vpn", What: what})
	}
	add(3, "engine", "die exitCode=137")
	add(1, "engine", "health_status: unhealthy")
	add(2, "fault", "die")

	if got := tl.Since(t0.Add(2 * time.Second)); len(got) != 2 || got[0].Source != "fault" {
		t.Errorf("since - sorted from the time on: got %+v", got)
	}
	e, ok := tl.First(t0, Engine("vpn", "die"))
	if !ok || !e.Time.Equal(t0.Add(3*time.Second)) {
		t.Errorf("first engine die - action with attributes, fault entries ignored: got %+v %v", e, ok)
	}
	if _, ok := tl.First(t0, Engine("vpn", "health_status: healthy")); ok {
		t.Error("first healthy - only unhealthy happened: want none")
	}
	var b strings.Builder
	if err := tl.WriteTo(&b, t0); err != nil || strings.Count(b.String(), "\n") != 3 {
		t.Errorf("write - one line per entry: %v\n%s", err, b.String())
	}
}
