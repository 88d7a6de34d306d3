package fakeengine

import (
	"encoding/json"
	"fmt"
	"strings"
)

// filter is an events filter: every term must match, one value of a term suffices.
type filter map[string][]string

// parseFilter reads the filters parameter in both forms clients send:
// {"type":{"container":true}} and {"type":["container"]}.
func parseFilter(raw string) (filter, error) {
	if raw == "" {
		return filter{}, nil
	}
	var sets map[string]map[string]bool
	if err := json.Unmarshal([]byte(raw), &sets); err == nil {
		f := filter{}
		for term, values := range sets {
			for v, on := range values {
				if on {
					f[term] = append(f[term], v)
				}
			}
		}
		return f, nil
	}
	var lists map[string][]string
	if err := json.Unmarshal([]byte(raw), &lists); err != nil {
		return nil, fmt.Errorf("invalid filter %q", raw)
	}
	return filter(lists), nil
}

func (f filter) match(ev event) bool {
	return f.any("type", func(v string) bool { return v == ev.Type }) &&
		f.any("event", f.actionMatcher(ev.Action)) &&
		f.any("container", func(v string) bool {
			return v == ev.Actor.ID || v == ev.Actor.Attributes["name"]
		}) &&
		f.any("label", func(v string) bool { return labelMatches(v, ev.Actor.Attributes) })
}

// any is true when the term is absent or one of its values matches.
func (f filter) any(term string, match func(string) bool) bool {
	values, ok := f[term]
	if !ok {
		return true
	}
	for _, v := range values {
		if match(v) {
			return true
		}
	}
	return false
}

// actionMatcher copies the engine's rule: once "health_status", "exec_create" or
// "exec_start" is among the event values, every value matches actions by prefix, so
// "health_status" matches "health_status: unhealthy"; otherwise values match exactly.
func (f filter) actionMatcher(action string) func(string) bool {
	fuzzy := false
	for _, v := range f["event"] {
		if v == "health_status" || v == "exec_create" || v == "exec_start" {
			fuzzy = true
		}
	}
	return func(v string) bool {
		if fuzzy {
			return strings.HasPrefix(action, v)
		}
		return action == v
	}
}

// labelMatches reads "key" or "key=value".
func labelMatches(v string, attrs map[string]string) bool {
	key, want, hasValue := strings.Cut(v, "=")
	got, ok := attrs[key]
	return ok && (!hasValue || got == want)
}
