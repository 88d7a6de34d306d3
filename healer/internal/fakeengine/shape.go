package fakeengine

import (
	"encoding/json"
	"fmt"

	"github.com/moby/moby/api/types/container"
)

// shape is a recorded inspect body, and the same body as the API types know it
// (decoded and encoded again): the difference is what the types do not know, such as
// the recorded engine's legacy NetworkSettings fields.
type shape struct {
	recorded map[string]any
	known    map[string]any
}

func newShape(raw []byte) (shape, error) {
	var s shape
	if err := json.Unmarshal(raw, &s.recorded); err != nil {
		return shape{}, err
	}
	var c container.InspectResponse
	if err := json.Unmarshal(raw, &c); err != nil {
		return shape{}, err
	}
	known, err := toMap(c)
	if err != nil {
		return shape{}, err
	}
	s.known = known
	return s, nil
}

// render lays the container's current values into the recorded shape.
func (s shape) render(c *container.InspectResponse) (map[string]any, error) {
	current, err := toMap(c)
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w", c.ID, err)
	}
	return overlay(s.recorded, s.known, current), nil
}

// overlay keeps the current values, adds the recorded keys the types do not know, and
// leaves out keys the recorded engine did not send unless the fake set them.
func overlay(recorded, known, current map[string]any) map[string]any {
	out := map[string]any{}
	for key, v := range current {
		rv, sent := recorded[key]
		if !sent && isZero(v) {
			continue
		}
		rm, ok1 := rv.(map[string]any)
		km, ok2 := known[key].(map[string]any)
		cm, ok3 := v.(map[string]any)
		if ok1 && ok2 && ok3 {
			v = overlay(rm, km, cm)
		}
		out[key] = v
	}
	for key, v := range recorded {
		if _, typed := known[key]; !typed {
			out[key] = v
		}
	}
	return out
}

func isZero(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case float64:
		return v == 0
	case string:
		return v == ""
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}
	return false
}

func toMap(v any) (map[string]any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(data, &m)
}
