package fakeengine

import (
	"encoding/json"
	"net/http"
)

// ping answers /_ping with the advertised headers; HEAD has no body.
func (e *Engine) ping(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	cfg := e.cfg
	e.mu.Unlock()
	for k, v := range cfg.headers {
		w.Header()[k] = v
	}
	w.Header().Set("Api-Version", cfg.apiVersion)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write([]byte("OK"))
	}
}

// version answers with the recorded engine's version, API range as advertised.
func (e *Engine) version(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	cfg := e.cfg
	e.mu.Unlock()
	var v map[string]any
	if err := json.Unmarshal(e.rec.version, &v); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	v["ApiVersion"], v["MinAPIVersion"] = cfg.apiVersion, cfg.minVersion
	writeJSON(w, v)
}

// HostName is the host name the fake engine reports in /info.
const HostName = "fakehost"

// info answers /info with the engine's host name, the one field the healer reads.
func (e *Engine) info(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, map[string]any{"Name": HostName, "OSType": "linux"})
}
