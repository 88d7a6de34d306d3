// Package notify tells people what the healer did: a webhook, an Apprise endpoint and a
// post-restart script, as autoheal does. Deliveries run beside the healing, with a
// timeout, a few retries and a per-container rate limit, so that a slow or refusing
// endpoint never delays a restart.
package notify

import (
	"fmt"
	"strings"
	"time"

	"github.com/healstack/healstack/healer/container"
	"github.com/healstack/healstack/healer/heal"
)

// Message is one notification, the same for every sink.
type Message struct {
	Title  string
	Body   string
	Action heal.Action
}

// compose words an action: the host, the container, what was done and how it ended,
// and the last probe output.
func compose(host string, a heal.Action) Message {
	who := fmt.Sprintf("%s (%s)", a.Container, container.Short(a.ID))
	body := host + ": " + describe(who, a)
	if a.DryRun {
		body = "[dry run] " + body
	}
	if a.Probe != "" {
		body += "; last probe: " + a.Probe
	}
	return Message{Title: fmt.Sprintf("healer on %s: %s %s", host, a.Kind, a.Container),
		Body: body, Action: a}
}

func describe(who string, a heal.Action) string {
	took := a.Took.Round(time.Millisecond)
	switch {
	case a.Kind == heal.KindGiveUp:
		return "gave up on " + who + " after its restart budget was spent; " +
			"it stays unhealthy until it recovers or someone looks"
	case a.Kind == heal.KindParentTimeout:
		return fmt.Sprintf("%s is still not healthy %s after it started; "+
			"the containers in its network namespace wait for it", who, took)
	case a.Err != nil:
		return fmt.Sprintf("%s of %s failed after %s (%s): %s", verb(a.Kind), who, took,
			a.Reason, oneLine(a.Err.Error()))
	case a.Kind == heal.KindRestart:
		return fmt.Sprintf("restarted %s because it was unhealthy (failing streak %d); "+
			"took %s", who, a.Streak, took)
	}
	return fmt.Sprintf("%s %s to rejoin the network namespace of %s; took %s",
		past(a.Kind), who, a.Parent, took)
}

func verb(kind string) string {
	if kind == heal.KindDependentStart {
		return "start"
	}
	return "restart"
}

func past(kind string) string {
	if kind == heal.KindDependentStart {
		return "started"
	}
	return "restarted"
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
