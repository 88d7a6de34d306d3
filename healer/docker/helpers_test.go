package docker_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/docker"
	"github.com/healstack/healstack/healer/internal/fakeengine"
)

// connect returns an adapter to the fake engine, closed when the test ends.
func connect(t *testing.T, e *fakeengine.Engine) *docker.Client {
	t.Helper()
	c, err := docker.New(docker.Options{Host: e.Host(), Timeout: 2 * time.Second})
	if err != nil {
		t.Fatalf("connecting to fake engine: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// testContext bounds a test's calls; no call of the adapter should need long.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// requestPaths lists the requests the fake saw, queries decoded and filters dropped
// (their JSON is tested apart).
func requestPaths(e *fakeengine.Engine) []string {
	var out []string
	for _, r := range e.Requests() {
		method, uri, _ := strings.Cut(r, " ")
		u, err := url.Parse(uri)
		if err != nil {
			out = append(out, r)
			continue
		}
		q := u.Query()
		q.Del("filters")
		path := u.Path
		if enc := q.Encode(); enc != "" {
			path += "?" + enc
		}
		out = append(out, method+" "+path)
	}
	return out
}
