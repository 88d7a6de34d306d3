package fakeengine

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/moby/moby/api/types/container"
)

// The files are recorded from a real engine by ./record; see its header to re-record.
//
//go:embed testdata/*.json testdata/*.jsonl
var testdata embed.FS

// recordedLabel is the label the recorder puts on everything; it is no attribute a
// fake container's events should carry.
const recordedLabel = "io.healstack.record"

// recording is everything the fake copies from the real engine.
type recording struct {
	inspect   map[string][]byte         // fixture -> inspect body
	shapes    map[string]shape          // fixture -> its shape
	list      map[string]map[string]any // fixture -> list entry
	ping      http.Header
	version   []byte
	sequences map[string][]step // situation -> events the engine emitted
	probe     probe             // events of one healthcheck probe
	errs      map[string]recordedError
	failures  failures
	probes    map[int]string // exit code -> a recorded probe output
}

// step is one event of a recorded sequence: the action and the attributes it adds to
// the container's name, image and labels.
type step struct {
	action string
	attrs  map[string]string
}

// probe is what one run of a healthcheck emits: exec_create, exec_start, exec_die, then
// a health event if the status changed.
type probe struct {
	exec   []step
	health step
}

type recordedError struct {
	Status int    `json:"status"`
	Body   string `json:"body"`
}

var loadRecording = sync.OnceValues(func() (*recording, error) {
	rec := &recording{}
	loaders := []func() error{
		rec.loadInspect, rec.loadList, rec.loadPing, rec.loadSequences,
		rec.loadErrors, rec.loadFailures, rec.loadProbes,
	}
	for _, load := range loaders {
		if err := load(); err != nil {
			return nil, fmt.Errorf("loading recorded engine answers: %w", err)
		}
	}
	return rec, nil
})

func readFile(name string) ([]byte, error) {
	return testdata.ReadFile("testdata/" + name)
}

func readJSON(name string, v any) error {
	data, err := readFile(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decoding %s: %w", name, err)
	}
	return nil
}

func (rec *recording) loadInspect() error {
	rec.inspect = map[string][]byte{}
	rec.shapes = map[string]shape{}
	entries, err := testdata.ReadDir("testdata")
	if err != nil {
		return err
	}
	for _, e := range entries {
		fixture, ok := strings.CutPrefix(e.Name(), "inspect-")
		if !ok {
			continue
		}
		data, err := readFile(e.Name())
		if err != nil {
			return err
		}
		fixture = strings.TrimSuffix(fixture, ".json")
		rec.inspect[fixture] = data
		if rec.shapes[fixture], err = newShape(data); err != nil {
			return fmt.Errorf("decoding %s: %w", e.Name(), err)
		}
	}
	return nil
}

// loadList keys the recorded list entries by fixture, read from the recorded names.
func (rec *recording) loadList() error {
	var entries []map[string]any
	if err := readJSON("list.json", &entries); err != nil {
		return err
	}
	rec.list = map[string]map[string]any{}
	for _, entry := range entries {
		names, _ := entry["Names"].([]any)
		if len(names) == 0 {
			continue
		}
		name, _ := names[0].(string)
		rec.list[strings.TrimPrefix(name, "/healstack-record-")] = entry
	}
	if len(rec.list) == 0 {
		return fmt.Errorf("decoding list.json: no entries")
	}
	return nil
}

func (rec *recording) loadPing() error {
	var ping struct {
		Head struct {
			Headers http.Header `json:"headers"`
		} `json:"head"`
	}
	if err := readJSON("ping.json", &ping); err != nil {
		return err
	}
	rec.ping = ping.Head.Headers
	rec.ping.Del("Content-Length")
	var err error
	rec.version, err = readFile("version.json")
	return err
}

// loadSequences reads the actions each situation caused, leaving out what the
// healthcheck's probes emitted meanwhile.
func (rec *recording) loadSequences() error {
	rec.sequences = map[string][]step{}
	for _, name := range []string{
		"start", "stop", "restart", "restart-paused", "restart-exited", "restart-failed",
		"start-failed", "pause", "unpause", "remove", "health",
	} {
		steps, err := readSteps("events-" + name + ".jsonl")
		if err != nil {
			return err
		}
		rec.sequences[name] = withoutProbes(steps)
		if name == "health" {
			rec.probe, err = firstProbe(steps)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// withoutProbes leaves out what the healthcheck emitted during a recorded action.
func withoutProbes(steps []step) []step {
	var out []step
	for _, s := range steps {
		if !strings.HasPrefix(s.action, "exec_") && !strings.HasPrefix(s.action, "health_status") {
			out = append(out, s)
		}
	}
	return out
}

// firstProbe finds the events of one probe, the first exec the recording saw, and the
// health event that followed.
func firstProbe(steps []step) (probe, error) {
	var p probe
	for i, s := range steps {
		if strings.HasPrefix(s.action, "exec_create") && i+2 < len(steps) {
			p.exec = steps[i : i+3]
			break
		}
	}
	for _, s := range steps {
		if strings.HasPrefix(s.action, "health_status") {
			p.health = s
			break
		}
	}
	if len(p.exec) == 0 || p.health.action == "" {
		return probe{}, fmt.Errorf("reading events-health.jsonl: no probe recorded")
	}
	return p, nil
}

func readSteps(name string) ([]step, error) {
	data, err := readFile(name)
	if err != nil {
		return nil, err
	}
	var steps []step
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1024*1024)
	for sc.Scan() {
		var ev event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			return nil, fmt.Errorf("decoding %s: %w", name, err)
		}
		if ev.Type != "container" {
			continue
		}
		steps = append(steps, step{action: ev.Action, attrs: ownAttributes(ev.Actor.Attributes)})
	}
	return steps, sc.Err()
}

// ownAttributes keeps the attributes that belong to the event, not to the container.
func ownAttributes(attrs map[string]string) map[string]string {
	own := map[string]string{}
	for k, v := range attrs {
		if k != "name" && k != "image" && k != recordedLabel {
			own[k] = v
		}
	}
	return own
}

func (rec *recording) loadErrors() error {
	if err := readJSON("errors.json", &rec.errs); err != nil {
		return err
	}
	for _, situation := range []string{"inspect-missing", "restart-missing", "start-paused",
		"start-parent-not-running", "restart-parent-not-running"} {
		if rec.errs[situation].Status == 0 {
			return fmt.Errorf("reading errors.json: %s not recorded", situation)
		}
	}
	return nil
}

// loadProbes keeps one recorded probe output per exit code, for SetHealth's log.
func (rec *recording) loadProbes() error {
	var c container.InspectResponse
	if err := json.Unmarshal(rec.inspect["unhealthy"], &c); err != nil {
		return fmt.Errorf("decoding inspect-unhealthy.json: %w", err)
	}
	rec.probes = map[int]string{}
	if c.State == nil || c.State.Health == nil {
		return fmt.Errorf("decoding inspect-unhealthy.json: no health log")
	}
	for _, p := range c.State.Health.Log {
		rec.probes[p.ExitCode] = p.Output
	}
	return nil
}
