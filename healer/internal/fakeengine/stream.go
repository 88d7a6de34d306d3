package fakeengine

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// events streams /events: the logged events since `since` first, then live ones, until
// `until`, the client leaving, or BreakEvents.
func (e *Engine) events(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := parseFilter(q.Get("filters"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	since, err1 := parseTimestamp(q.Get("since"))
	until, err2 := parseTimestamp(q.Get("until"))
	if err1 != nil || err2 != nil {
		writeError(w, http.StatusBadRequest, fmt.Sprint("invalid time: ", err1, err2))
		return
	}
	sub, replay := e.subscribe(f, q.Get("since"), since, until)
	defer e.unsubscribe(sub)

	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	out := newEventWriter(w)
	for _, ev := range replay {
		out.write(ev)
	}
	out.flush()
	e.streamLive(r, sub, out)
}

func (e *Engine) streamLive(r *http.Request, sub *subscriber, out eventWriter) {
	var untilC <-chan time.Time
	if !sub.until.IsZero() {
		timer := time.NewTimer(time.Until(sub.until))
		defer timer.Stop()
		untilC = timer.C
	}
	for {
		select {
		case ev := <-sub.events:
			out.write(ev)
			out.flush()
		case <-sub.gone:
			return
		case <-untilC:
			return
		case <-r.Context().Done():
			return
		}
	}
}

type eventWriter struct {
	enc *json.Encoder
	w   http.ResponseWriter
}

func newEventWriter(w http.ResponseWriter) eventWriter {
	return eventWriter{enc: json.NewEncoder(w), w: w}
}

func (o eventWriter) write(ev event) { _ = o.enc.Encode(ev) }

func (o eventWriter) flush() {
	if f, ok := o.w.(http.Flusher); ok {
		f.Flush()
	}
}

// parseTimestamp reads the engine's "seconds[.nanoseconds]"; "" is the zero time.
func parseTimestamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	secs, frac, _ := strings.Cut(s, ".")
	sec, err := strconv.ParseInt(secs, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("parsing %q: %w", s, err)
	}
	var nsec int64
	if frac != "" {
		frac = (frac + "000000000")[:9]
		if nsec, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return time.Time{}, fmt.Errorf("parsing %q: %w", s, err)
		}
	}
	return time.Unix(sec, nsec), nil
}
