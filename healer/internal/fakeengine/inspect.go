package fakeengine

import (
	"encoding/json"
	"net/http"
	"strings"
)

func (e *Engine) inspect(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("id")
	e.mu.Lock()
	c := e.findLocked(ref)
	var body map[string]any
	var err error
	if c != nil {
		body, err = e.rec.shapes[e.fixtures[c.ID]].render(c)
	}
	e.mu.Unlock()
	if c == nil {
		e.notFound(w, ref)
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, body)
}

// notFound answers with the recorded engine's text for an unknown container.
func (e *Engine) notFound(w http.ResponseWriter, ref string) {
	writeError(w, http.StatusNotFound, e.recordedMessage("inspect-missing", ref))
}

// recordedMessage is a recorded error message with the recorder's missing name
// replaced by ref.
func (e *Engine) recordedMessage(situation, ref string) string {
	var body struct{ Message string }
	_ = json.Unmarshal([]byte(e.rec.errs[situation].Body), &body) // checked by tests
	return strings.ReplaceAll(body.Message, "healstack-record-missing", ref)
}
