package fakeengine_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/internal/fakeengine"
)

// call sends one request to the fake and returns the status and body.
func call(t *testing.T, e *fakeengine.Engine, method, path string) (int, []byte) {
	t.Helper()
	url := "http://" + strings.TrimPrefix(e.Host(), "tcp://") + path
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// message reads the engine's error body.
func message(t *testing.T, body []byte) string {
	t.Helper()
	var m struct{ Message string }
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("decoding error body %q: %v", body, err)
	}
	return m.Message
}

type state struct {
	Status    string
	Running   bool
	Error     string
	ExitCode  int
	StartedAt string
	Health    *struct {
		Status        string
		FailingStreak int
		Log           []struct{ ExitCode int }
	}
}

func inspectState(t *testing.T, e *fakeengine.Engine, id string) state {
	t.Helper()
	status, body := call(t, e, http.MethodGet, "/v1.41/containers/"+id+"/json")
	if status != http.StatusOK {
		t.Fatalf("inspecting %s: status %d: %s", id, status, body)
	}
	var c struct{ State state }
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatal(err)
	}
	return c.State
}

// streamedEvent is what the tests read of a streamed event.
type streamedEvent struct {
	Action   string
	Actor    struct{ ID string }
	TimeNano int64 `json:"timeNano"`
}

// openEvents opens an events stream with the given query and returns its events.
func openEvents(t *testing.T, e *fakeengine.Engine, query string) <-chan streamedEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	url := "http://" + strings.TrimPrefix(e.Host(), "tcp://") + "/v1.41/events?" + query
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req) //nolint:bodyclose // the reader below closes it
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan streamedEvent, 100)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		dec := json.NewDecoder(resp.Body)
		for {
			var ev streamedEvent
			if dec.Decode(&ev) != nil {
				return
			}
			out <- ev
		}
	}()
	return out
}

// next reads n events, failing the test after a second without one.
func next(t *testing.T, events <-chan streamedEvent, n int) []string {
	t.Helper()
	var actions []string
	for range n {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("stream ended after %q", actions)
			}
			actions = append(actions, ev.Action)
		case <-time.After(time.Second):
			t.Fatalf("no event after %q", actions)
		}
	}
	return actions
}

// recordedActions reads the container actions of a recorded events file, without the
// probes' exec and health events.
func recordedActions(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var ev streamedEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(ev.Action, "exec_") && !strings.HasPrefix(ev.Action, "health") {
			actions = append(actions, ev.Action)
		}
	}
	return actions
}
