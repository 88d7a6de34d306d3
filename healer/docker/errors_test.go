package docker_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/healstack/healstack/healer/container"
	"github.com/healstack/healstack/healer/docker"
	"github.com/healstack/healstack/healer/internal/fakeengine"
)

func TestMapsEngineErrors(t *testing.T) {
	const missing = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		name     string
		call     func(c *docker.Client, e *fakeengine.Engine) error
		sentinel error // nil: neither sentinel
		text     []string
	}{
		{"not found maps to ErrNotFound - inspect of unknown id",
			func(c *docker.Client, _ *fakeengine.Engine) error {
				_, err := c.Inspect(t.Context(), missing)
				return err
			},
			container.ErrNotFound, []string{"inspecting 0123456789ab: ", "No such container"}},
		{"not found maps to ErrNotFound - restart of unknown id",
			func(c *docker.Client, _ *fakeengine.Engine) error {
				return c.Restart(t.Context(), missing, nil)
			},
			container.ErrNotFound, []string{"restarting 0123456789ab: ", "No such container"}},
		{"conflict maps to ErrConflict - start refused while parent down",
			func(c *docker.Client, e *fakeengine.Engine) error {
				parent := e.Add("vpn", fakeengine.Exited)
				id := e.Add("app", fakeengine.DependentFailedStart,
					fakeengine.NetworkParent(parent))
				return c.Start(t.Context(), id)
			},
			container.ErrConflict, []string{"starting ", "cannot join network"}},
		{"conflict maps to ErrConflict - restart answered 409",
			func(c *docker.Client, e *fakeengine.Engine) error {
				id := e.Add("app", fakeengine.Healthy)
				e.FailNext(id, http.StatusConflict, "removal of container app is in progress")
				return c.Restart(t.Context(), id, nil)
			},
			container.ErrConflict, []string{"restarting ", "removal of container app"}},
		{"other failures keep no sentinel - restart refused while parent down",
			func(c *docker.Client, e *fakeengine.Engine) error {
				parent := e.Add("vpn", fakeengine.Healthy)
				id := e.Add("app", fakeengine.Dependent, fakeengine.NetworkParent(parent))
				e.Stop(parent)
				return c.Restart(t.Context(), id, nil)
			},
			nil, []string{"restarting ", "Cannot restart container", "cannot join network"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fakeengine.New(t)
			err := tt.call(connect(t, e), e)
			if err == nil {
				t.Fatal("no error")
			}
			for _, s := range []error{container.ErrNotFound, container.ErrConflict} {
				//nolint:errorlint // compares two sentinels, not a returned error
				if errors.Is(err, s) != (s == tt.sentinel) {
					t.Errorf("errors.Is(%q, %v) = %v", err, s, !errors.Is(err, s))
				}
			}
			for _, text := range tt.text {
				if !strings.Contains(err.Error(), text) {
					t.Errorf("error %q lacks %q", err, text)
				}
			}
		})
	}
}
