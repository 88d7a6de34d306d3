package notify

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/heal"
)

// receiver is a webhook endpoint that keeps every body it gets.
type receiver struct {
	mu     sync.Mutex
	bodies []map[string]string
	status []int // answers to give, in order; then 200
	hang   chan struct{}
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if r.hang != nil {
		select {
		case <-r.hang:
		case <-req.Context().Done():
		}
		return
	}
	var body map[string]string
	_ = json.NewDecoder(req.Body).Decode(&body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bodies = append(r.bodies, body)
	if len(r.status) > 0 {
		w.WriteHeader(r.status[0])
		r.status = r.status[1:]
	}
}

func (r *receiver) got() []map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]map[string]string(nil), r.bodies...)
}

func start(t *testing.T, s Settings) *Notifier {
	t.Helper()
	n := New(s, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		n.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return n
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func restart() heal.Action {
	return heal.Action{Kind: heal.KindRestart, Container: "vpn", ID: "0123456789abcdef",
		Reason: heal.ReasonUnhealthy, Streak: 3, State: "unhealthy", Stop: 10,
		Probe: `curl: (28) "timed out"`, Took: 1234 * time.Millisecond}
}

// TestWebhookBodyForEachKind: the webhook gets {"content": message} for every kind of
// action, the message naming host, container, action, result and last probe.
func TestWebhookBodyForEachKind(t *testing.T) {
	failed := restart()
	failed.Err = errors.New("Cannot restart container: device\nbusy")
	dependent := heal.Action{Kind: heal.KindDependentRestart, Container: "qbittorrent",
		ID: "fedcba9876543210", Reason: heal.ReasonParentStarted, Parent: "vpn",
		Took: 800 * time.Millisecond}
	started := dependent
	started.Kind = heal.KindDependentStart
	cases := []struct {
		name   string
		action heal.Action
		want   []string
	}{
		{"restart - succeeded", restart(), []string{"nas: restarted vpn (0123456789ab)",
			"unhealthy (failing streak 3)", "took 1.234s", `last probe: curl: (28) "timed out"`}},
		{"restart - failed", failed, []string{"nas: restart of vpn (0123456789ab) failed",
			"Cannot restart container: device busy", "last probe"}},
		{"give-up - budget spent", heal.Action{Kind: heal.KindGiveUp, Container: "vpn",
			ID: "0123456789abcdef", Probe: "no route"}, []string{"nas: gave up on vpn",
			"budget was spent", "last probe: no route"}},
		{"parent timeout - not healthy in time", heal.Action{Kind: heal.KindParentTimeout,
			Container: "vpn", ID: "0123456789abcdef", Took: 5 * time.Minute},
			[]string{"nas: vpn (0123456789ab) is still not healthy 5m0s after it started"}},
		{"dependent - restarted", dependent, []string{"nas: restarted qbittorrent " +
			"(fedcba987654) to rejoin the network namespace of vpn; took 800ms"}},
		{"dependent - started", started, []string{"nas: started qbittorrent"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &receiver{}
			srv := httptest.NewServer(r)
			defer srv.Close()
			n := start(t, Settings{WebhookURL: srv.URL, WebhookKey: "content", Host: "nas"})
			n.Observe(tc.action)
			eventually(t, "the webhook", func() bool { return len(r.got()) == 1 })
			body := r.got()[0]
			if len(body) != 1 || body["content"] == "" {
				t.Fatalf("body = %v, want one key content", body)
			}
			for _, want := range tc.want {
				if !strings.Contains(body["content"], want) {
					t.Errorf("message %q lacks %q", body["content"], want)
				}
			}
		})
	}
}

func TestWebhookKeyAndApprise(t *testing.T) {
	hook, app := &receiver{}, &receiver{}
	hookSrv, appSrv := httptest.NewServer(hook), httptest.NewServer(app)
	defer hookSrv.Close()
	defer appSrv.Close()
	n := start(t, Settings{WebhookURL: hookSrv.URL, WebhookKey: "text",
		AppriseURL: appSrv.URL, Host: "nas"})
	n.Observe(restart())
	eventually(t, "both endpoints", func() bool { return len(hook.got()) == 1 && len(app.got()) == 1 })
	if hook.got()[0]["text"] == "" {
		t.Errorf("webhook body %v lacks the key text", hook.got()[0])
	}
	a := app.got()[0]
	if a["title"] != "healer on nas: restart vpn" || !strings.Contains(a["body"], "restarted vpn") {
		t.Errorf("apprise body = %v", a)
	}
}

func TestRetriesServerErrorsOnly(t *testing.T) {
	flaky := &receiver{status: []int{500, 503}}
	refusing := &receiver{status: []int{400, 400, 400}}
	fs, rs := httptest.NewServer(flaky), httptest.NewServer(refusing)
	defer fs.Close()
	defer rs.Close()
	n1 := start(t, Settings{WebhookURL: fs.URL, WebhookKey: "content"})
	n2 := start(t, Settings{WebhookURL: rs.URL, WebhookKey: "content"})
	n1.Observe(restart())
	n2.Observe(restart())
	eventually(t, "the third attempt", func() bool { return len(flaky.got()) == 3 })
	time.Sleep(2 * retryWait)
	if got := len(refusing.got()); got != 1 {
		t.Errorf("a 400 was retried: %d attempts", got)
	}
}

func TestRateLimitedPerContainer(t *testing.T) {
	r := &receiver{}
	srv := httptest.NewServer(r)
	defer srv.Close()
	n := start(t, Settings{WebhookURL: srv.URL, WebhookKey: "content"})
	for range 5 {
		n.Observe(restart())
	}
	other := restart()
	other.Container = "gluetun"
	n.Observe(other)
	eventually(t, "the allowed messages", func() bool { return len(r.got()) == 4 })
	time.Sleep(100 * time.Millisecond)
	if got := len(r.got()); got != burstPerContainer+1 {
		t.Errorf("delivered %d, want %d for vpn and 1 for gluetun", got, burstPerContainer)
	}
}

// TestHangingEndpointNeverBlocks: Observe returns at once even while the endpoint
// hangs and the queue fills.
func TestHangingEndpointNeverBlocks(t *testing.T) {
	r := &receiver{hang: make(chan struct{})}
	srv := httptest.NewServer(r)
	defer srv.Close()
	defer close(r.hang)
	n := start(t, Settings{WebhookURL: srv.URL, WebhookKey: "content"})
	begin := time.Now()
	for i := range 2 * queueLength {
		a := restart()
		a.Container = "c" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		n.Observe(a)
	}
	if took := time.Since(begin); took > time.Second {
		t.Errorf("Observe blocked for %s with a hanging endpoint", took)
	}
}

func TestScriptGetsNameIDStateTimeout(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	path := filepath.Join(dir, "post.sh")
	body := "#!/bin/sh\necho \"$1 $2 $3 $4 $HEALER_ACTION $HEALER_RESULT\" > " + out + "\n"
	if err := os.WriteFile(path, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	n := start(t, Settings{Script: path})
	n.Observe(heal.Action{Kind: heal.KindGiveUp, Container: "skip"})
	n.Observe(restart())
	eventually(t, "the script", func() bool {
		data, _ := os.ReadFile(out)
		return len(data) > 0
	})
	data, _ := os.ReadFile(out)
	if got := strings.TrimSpace(string(data)); got != "vpn 0123456789ab unhealthy 10 restart ok" {
		t.Errorf("script saw %q", got)
	}
}

// TestCloseDeliversWhatIsQueued: on shutdown the messages of the last actions still go
// out, and Observe after Close neither blocks nor panics.
func TestCloseDeliversWhatIsQueued(t *testing.T) {
	r := &receiver{}
	srv := httptest.NewServer(r)
	defer srv.Close()
	n := New(Settings{WebhookURL: srv.URL, WebhookKey: "content"},
		slog.New(slog.DiscardHandler))
	n.Observe(restart())
	n.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		n.Run(context.Background())
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after Close")
	}
	if got := len(r.got()); got != 1 {
		t.Errorf("delivered %d messages after Close, want the one queued before it", got)
	}
	n.Observe(restart())
	n.Close()
}
