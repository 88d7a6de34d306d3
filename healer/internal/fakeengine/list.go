package fakeengine

import (
	"maps"
	"net/http"
	"time"

	"github.com/moby/moby/api/types/container"
)

// list answers /containers/json from the recorded list entries, with the state of the
// fake's containers. Filters are not supported.
func (e *Engine) list(w http.ResponseWriter, r *http.Request) {
	all := r.URL.Query().Get("all")
	withAll := all == "1" || all == "true"
	v := requestVersion(r.Context())
	// The engine's list carries Health from API 1.52 on.
	withHealth := v != "" && !lessVersion(v, "1.52")

	e.mu.Lock()
	entries := []map[string]any{}
	for i := len(e.order) - 1; i >= 0; i-- { // newest first, as the engine lists
		c, ok := e.containers[e.order[i]]
		if !ok || (!withAll && !c.State.Running) {
			continue
		}
		entries = append(entries, e.summaryLocked(c, withHealth))
	}
	e.mu.Unlock()
	writeJSON(w, entries)
}

// summaryLocked fills the recorded entry of the container's fixture with its state.
func (e *Engine) summaryLocked(c *container.InspectResponse, withHealth bool) map[string]any {
	entry := cloneEntry(e.listTemplate(e.fixtures[c.ID]))
	entry["Id"] = c.ID
	entry["Names"] = []string{c.Name}
	entry["State"] = string(c.State.Status)
	entry["Status"] = statusText(c.State, time.Now())
	entry["Created"] = parseTime(c.Created).Unix()
	if c.Config != nil {
		entry["Labels"] = c.Config.Labels
	}
	if c.HostConfig != nil {
		entry["HostConfig"] = map[string]any{"NetworkMode": string(c.HostConfig.NetworkMode)}
	}
	if withHealth {
		entry["Health"] = summaryHealth(c.State)
	}
	return entry
}

// listTemplate is the recorded entry of a fixture; fixtures recorded after the list
// borrow the entry of one without healthcheck.
func (e *Engine) listTemplate(fixture string) map[string]any {
	if entry, ok := e.rec.list[fixture]; ok {
		return entry
	}
	return e.rec.list[NoHealthcheck]
}

// cloneEntry copies the top level of a recorded entry: summaryLocked replaces top-level
// keys only, and nested values are only ever encoded, so sharing them with the
// recording is safe and keeps a list of a thousand containers cheap.
func cloneEntry(entry map[string]any) map[string]any {
	return maps.Clone(entry)
}

// summaryHealth is the list's Health: "none" without a healthcheck or when not running.
func summaryHealth(st *container.State) map[string]any {
	h := map[string]any{"Status": string(container.NoHealthcheck), "FailingStreak": 0}
	if st.Health != nil && st.Running {
		h["Status"], h["FailingStreak"] = string(st.Health.Status), st.Health.FailingStreak
	}
	return h
}
