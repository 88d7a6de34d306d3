package docker

import (
	"testing"

	"github.com/healstack/healstack/healer/container"
)

func TestHealthFromStatus(t *testing.T) {
	tests := []struct{ name, status, want string }{
		{"healthy read - up", "Up 5 minutes (healthy)", container.Healthy},
		{"unhealthy read - up", "Up 2 hours (unhealthy)", container.Unhealthy},
		{"starting read - just started", "Up Less than a second (health: starting)",
			container.Starting},
		{"none - no healthcheck", "Up 3 seconds", container.None},
		{"none - paused hides health", "Up 3 seconds (Paused)", container.None},
		{"none - exited", "Exited (0) 2 seconds ago", container.None},
		{"none - created", "Created", container.None},
		{"none - word inside a longer status", "Up 1 second (healthy) extra", container.None},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := healthFromStatus(tt.status); got != tt.want {
				t.Errorf("healthFromStatus(%q) = %q, want %q", tt.status, got, tt.want)
			}
		})
	}
}
