package fakeengine

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"sort"
	"testing"
)

// The fake's event filter must keep exactly what the recorded engine kept when it was
// given the healer's filter during the whole recording.
func TestFilterMatchesRecordedEngine(t *testing.T) {
	var meta struct{ EventFilter string }
	if err := readJSON("meta.json", &meta); err != nil {
		t.Fatal(err)
	}
	f, err := parseFilter(meta.EventFilter)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, ev := range readEvents(t, "events-all.jsonl") {
		if f.match(ev) {
			kept = append(kept, ev.Actor.ID+" "+ev.Action)
		}
	}
	var want []string
	for _, ev := range readEvents(t, "events-filtered.jsonl") {
		want = append(want, ev.Actor.ID+" "+ev.Action)
	}
	if len(want) == 0 || !slices.Equal(kept, want) {
		t.Errorf("fake filter kept %d events, engine kept %d:\nfake   %q\nengine %q",
			len(kept), len(want), kept, want)
	}
}

func readEvents(t *testing.T, name string) []event {
	t.Helper()
	data, err := readFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []event
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var ev event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("decoding %s: %v", name, err)
		}
		out = append(out, ev)
	}
	return out
}

// An inspect answer must have exactly the keys the recorded engine sent, at every level.
func TestInspectKeepsRecordedShape(t *testing.T) {
	rec, err := loadRecording()
	if err != nil {
		t.Fatal(err)
	}
	e := New(t)
	for fixture, raw := range rec.inspect {
		t.Run("same keys as recorded - "+fixture, func(t *testing.T) {
			id := e.Add("shape-"+fixture, fixture)
			resp, err := http.Get(e.srv.URL + "/v1.41/containers/" + id + "/json")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			served, _ := io.ReadAll(resp.Body)
			got, want := keyPaths(t, served), keyPaths(t, raw)
			if extra, missing := difference(got, want), difference(want, got); len(extra)+
				len(missing) > 0 {
				t.Errorf("served keys differ from recorded: extra %v, missing %v", extra, missing)
			}
		})
	}
}

func keyPaths(t *testing.T, body []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	var paths []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		for k, child := range m {
			if prefix == ".Config.Labels" {
				continue // the recorder's own label is not served
			}
			paths = append(paths, prefix+"."+k)
			walk(prefix+"."+k, child)
		}
	}
	walk("", v)
	sort.Strings(paths)
	return paths
}

// difference lists what a has and b lacks.
func difference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
