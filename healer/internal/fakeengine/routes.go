package fakeengine

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

func (e *Engine) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("HEAD /_ping", e.ping)
	mux.HandleFunc("GET /_ping", e.ping)
	mux.HandleFunc("GET /version", e.version)
	mux.HandleFunc("GET /info", e.info)
	mux.HandleFunc("GET /containers/json", e.list)
	mux.HandleFunc("GET /containers/{id}/json", e.inspect)
	mux.HandleFunc("POST /containers/{id}/restart", e.restart)
	mux.HandleFunc("POST /containers/{id}/start", e.start)
	mux.HandleFunc("GET /events", e.events)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "page not found")
	})
	return e.versioned(mux)
}

var versionPrefix = regexp.MustCompile(`^/v(\d+\.\d+)(/.*)$`)

// versioned records the request, refuses API versions the engine does not speak, as
// the engine's version middleware does, and strips the version from the path.
func (e *Engine) versioned(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.requests = append(e.requests, r.Method+" "+r.URL.RequestURI())
		cfg, hook := e.cfg, e.onRequest
		e.mu.Unlock()
		if hook != nil {
			hook(r.Method, r.URL.Path)
		}

		m := versionPrefix.FindStringSubmatch(r.URL.Path)
		if m == nil {
			next.ServeHTTP(w, r)
			return
		}
		if msg := refuseVersion(m[1], cfg); msg != "" {
			writeError(w, http.StatusBadRequest, msg)
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = m[2]
		r2.URL.RawPath = ""
		r2 = r2.WithContext(withAPIVersion(r.Context(), m[1]))
		next.ServeHTTP(w, r2)
	})
}

// refuseVersion returns the engine's refusal for a version outside its range, or "".
func refuseVersion(v string, cfg config) string {
	if lessVersion(v, cfg.minVersion) {
		return fmt.Sprintf("client version %s is too old. Minimum supported API version "+
			"is %s, please upgrade your client to a newer version", v, cfg.minVersion)
	}
	if lessVersion(cfg.apiVersion, v) {
		return fmt.Sprintf("client version %s is too new. Maximum supported API version "+
			"is %s", v, cfg.apiVersion)
	}
	return ""
}

// lessVersion compares "major.minor" API versions.
func lessVersion(a, b string) bool {
	am, an := splitVersion(a)
	bm, bn := splitVersion(b)
	return am < bm || (am == bm && an < bn)
}

func splitVersion(v string) (int, int) {
	major, minor, _ := strings.Cut(v, ".")
	ma, _ := strconv.Atoi(major)
	mi, _ := strconv.Atoi(minor)
	return ma, mi
}

// writeError answers as the engine does: JSON with a message.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(v)
}
