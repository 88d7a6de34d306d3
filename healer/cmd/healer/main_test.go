package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	moby "github.com/moby/moby/api/types/container"

	"github.com/healstack/healstack/healer/config"
	"github.com/healstack/healstack/healer/container"
	"github.com/healstack/healstack/healer/internal/fakeengine"
)

func TestUnusableSettingsExitTwo(t *testing.T) {
	var stdout, stderr bytes.Buffer
	env := []string{"AUTOHEAL_INTERVAL=abc", "HEALER_BACKOFF_MAX=soon", "HEALER_TYPO=1"}
	code := run(t.Context(), nil, env, &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("exit status = %d, want %d", code, exitUsage)
	}
	for _, want := range []string{"variable=AUTOHEAL_INTERVAL value=abc",
		"whole number of seconds", "variable=HEALER_BACKOFF_MAX value=soon",
		"unknown setting HEALER_TYPO"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}

// TestJSONLogsFromTheFirstLine: with HEALER_LOG_FORMAT=json even the warnings and
// errors about the settings themselves are JSON, so a log collector can parse them all.
func TestJSONLogsFromTheFirstLine(t *testing.T) {
	var stdout, stderr bytes.Buffer
	env := []string{"HEALER_LOG_FORMAT=json", "HEALER_TYPO=1", "DOCKER_SOCK=/a.sock",
		"DOCKER_HOST=tcp://h:1", "AUTOHEAL_INTERVAL=abc"}
	if code := run(t.Context(), nil, env, &stdout, &stderr); code != exitUsage {
		t.Fatalf("exit status = %d, want %d", code, exitUsage)
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(lines) != 4 {
		t.Errorf("want two warnings, one unusable setting and the summary, got:\n%s",
			stderr.String())
	}
	for _, line := range lines {
		var record map[string]any
		if err := json.Unmarshal([]byte(line), &record); err != nil {
			t.Errorf("not JSON: %s", line)
		}
	}
}

func TestHelpListsEverySetting(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"--help"}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit status = %d", code)
	}
	for _, s := range config.Settings() {
		if !strings.Contains(stdout.String(), s.Name) {
			t.Errorf("--help lacks %s", s.Name)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	for _, args := range [][]string{{"heal"}, {""}, {"config", "extra"}, {"--help", "more"}} {
		var stdout, stderr bytes.Buffer
		if code := run(t.Context(), args, nil, &stdout, &stderr); code != exitUsage {
			t.Errorf("run(%q): exit status = %d, want %d", args, code, exitUsage)
		}
		if stderr.Len() == 0 {
			t.Errorf("run(%q): nothing said on stderr", args)
		}
	}
}

// TestHealsThroughTheEngineAPI runs the whole daemon against the fake engine: an
// unhealthy VPN is restarted, its dependent is restarted once the VPN is healthy, a
// webhook that never answers delays neither, /metrics counts both, and a signal stops
// the healer cleanly.
func TestHealsThroughTheEngineAPI(t *testing.T) {
	engine := fakeengine.New(t)
	vpn := engine.Add("vpn", fakeengine.Healthy,
		fakeengine.Labels(map[string]string{"autoheal": "true"}))
	// Started after the VPN, as compose starts it: not stranded yet.
	qbt := engine.Add("qbittorrent", fakeengine.Dependent, fakeengine.NetworkParent(vpn),
		startedNow)
	hook := hangingWebhook(t)
	env := []string{"DOCKER_HOST=" + engine.Host(), "HEALER_LISTEN=127.0.0.1:0",
		"AUTOHEAL_INTERVAL=1", "WEBHOOK_URL=" + hook.URL}
	ctx, cancel := context.WithCancel(t.Context())
	var logs syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, nil, env, &logs, &logs) }()

	waitUntil(t, "the healer to start", func() bool {
		return strings.Contains(logs.String(), "healer started")
	})
	engine.SetHealth(vpn, "unhealthy")
	waitUntil(t, "the VPN's restart", func() bool { return engine.Restarts(vpn) == 1 })
	if n := engine.Restarts(qbt); n != 0 {
		t.Errorf("dependent restarted %d times before its parent was healthy", n)
	}
	engine.SetHealth(vpn, "healthy")
	waitUntil(t, "the dependent's restart", func() bool { return engine.Restarts(qbt) == 1 })
	waitUntil(t, "the webhook's first request", func() bool { return hook.calls.Load() > 0 })
	scraped := scrape(t, listenAddress(t, logs.String()))
	for _, want := range []string{`healer_restarts_total{container="vpn",kind="restart"`,
		`healer_dependents_restarted_total{container="qbittorrent",parent="vpn"} 1`,
		"healer_event_stream_up 1", "process_resident_memory_bytes"} {
		if !strings.Contains(scraped, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit status after a signal = %d, want 0:\n%s", code, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("healer did not stop after the signal")
	}
	for _, want := range []string{"restarting container", "container=vpn",
		"container=qbittorrent", `reason="network parent started again"`, "api_version=1.41"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, logs.String())
		}
	}
}

// webhookServer counts requests and never answers them.
type webhookServer struct {
	*httptest.Server
	calls atomic.Int32
}

func hangingWebhook(t *testing.T) *webhookServer {
	w := &webhookServer{}
	release := make(chan struct{})
	w.Server = httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		w.calls.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() {
		close(release)
		w.Close()
	})
	return w
}

var listenLog = regexp.MustCompile(`listen=(\S+)`)

func listenAddress(t *testing.T, logs string) string {
	t.Helper()
	m := listenLog.FindStringSubmatch(logs)
	if m == nil {
		t.Fatalf("no listen address in the start-up line:\n%s", logs)
	}
	return m[1]
}

func scrape(t *testing.T, addr string) string {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatalf("scraping: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

func startedNow(c *moby.InspectResponse) {
	c.State.StartedAt = time.Now().UTC().Format(time.RFC3339Nano)
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type oneContainer struct{ c container.Container }

func (o oneContainer) Inspect(context.Context, string) (container.Container, error) {
	return o.c, nil
}

// TestSelfNeedsTheHealersOwnCommand: an ID read from mounted files is the healer's only
// if that container runs the healer; with network_mode container:X the files are X's.
func TestSelfNeedsTheHealersOwnCommand(t *testing.T) {
	dir := t.TempDir()
	id := strings.Repeat("ab", 32)
	mounts := "1 2 0:1 /var/lib/docker/containers/" + id + "/hostname /etc/hostname rw\n"
	path := filepath.Join(dir, "mountinfo")
	if err := os.WriteFile(path, []byte(mounts), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := firstMatch(path, containerIDInMount); got != id {
		t.Fatalf("mount id = %q", got)
	}
	self := oneContainer{container.Container{ID: id, Path: os.Args[0]}}
	vpn := oneContainer{container.Container{ID: id, Path: "/usr/local/bin/vpn-entrypoint"}}
	if confirmed(t.Context(), self, id) != id || confirmed(t.Context(), vpn, id) != "" {
		t.Errorf("a container running another command was taken for the healer")
	}
}
