package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strconv"

	"github.com/healstack/healstack/healer/container"
	"github.com/healstack/healstack/healer/heal"
)

// sink delivers one message somewhere; a retryable error is worth another try.
type sink interface {
	name() string
	deliver(ctx context.Context, m Message) error
	wants(m Message) bool
}

// errFinal marks a failure no retry can fix (a 4xx answer, a script that failed).
var errFinal = errors.New("not retried")

// webhook posts {"<key>": "<message>"}, as autoheal does for Discord or Slack.
type webhook struct {
	url, key string
	client   *http.Client
}

func (w webhook) name() string       { return "webhook" }
func (w webhook) wants(Message) bool { return true }
func (w webhook) deliver(ctx context.Context, m Message) error {
	return post(ctx, w.client, w.url, map[string]string{w.key: m.Body})
}

// apprise posts a title and a body to an Apprise API endpoint.
type apprise struct {
	url    string
	client *http.Client
}

func (a apprise) name() string       { return "apprise" }
func (a apprise) wants(Message) bool { return true }
func (a apprise) deliver(ctx context.Context, m Message) error {
	return post(ctx, a.client, a.url, map[string]string{"title": m.Title, "body": m.Body})
}

func post(ctx context.Context, client *http.Client, url string, body any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encoding message: %w: %w", errFinal, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("building request: %w: %w", errFinal, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("posting: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode < 300:
		return nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return fmt.Errorf("posting: %s", resp.Status)
	}
	return fmt.Errorf("posting: %w: %s", errFinal, resp.Status)
}

// script runs POST_RESTART_SCRIPT after a restart or start, with the container's name,
// short id, state and stop timeout as arguments, as autoheal does; the message is in
// its environment too.
type script struct{ path string }

func (s script) name() string { return "script" }

func (s script) wants(m Message) bool {
	switch m.Action.Kind {
	case heal.KindRestart, heal.KindDependentRestart, heal.KindDependentStart:
		return true
	}
	return false
}

func (s script) deliver(ctx context.Context, m Message) error {
	a := m.Action
	cmd := exec.CommandContext(ctx, s.path, a.Container, container.Short(a.ID), a.State,
		strconv.Itoa(a.Stop))
	cmd.Env = append(cmd.Environ(), "HEALER_ACTION="+a.Kind, "HEALER_REASON="+a.Reason,
		"HEALER_RESULT="+result(a), "HEALER_MESSAGE="+m.Body)
	out, err := cmd.CombinedOutput()
	if err == nil {
		return nil
	}
	if said := oneLine(string(out)); said != "" {
		err = fmt.Errorf("%w; it said: %s", err, said)
	}
	return fmt.Errorf("running %s (%w): %w", s.path, errFinal, err)
}

func result(a heal.Action) string {
	if a.Err != nil {
		return "failed"
	}
	return "ok"
}
