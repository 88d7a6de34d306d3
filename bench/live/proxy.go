package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// countingProxy sits between the healer and the engine's socket and notes when each
// request began, so the idle request rate is counted outside the healer.
type countingProxy struct {
	dir    string
	server *http.Server
	mu     sync.Mutex
	starts []time.Time
}

func startProxy(engineSocket string) (*countingProxy, error) {
	dir, err := os.MkdirTemp("", "healstack-bench-")
	if err != nil {
		return nil, fmt.Errorf("starting proxy: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // MkdirTemp makes it 0700
		return nil, fmt.Errorf("starting proxy: %w", err)
	}
	path := filepath.Join(dir, "docker.sock")
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("starting proxy: %w", err)
	}
	// The healer runs as a non-root user; the socket is the benchmark's own.
	if err := os.Chmod(path, 0o666); err != nil {
		return nil, fmt.Errorf("starting proxy: %w", err)
	}
	p := &countingProxy{dir: dir}
	rp := &httputil.ReverseProxy{
		Rewrite:       func(r *httputil.ProxyRequest) { r.SetURL(&url.URL{Scheme: "http", Host: "engine"}) },
		FlushInterval: -1, // the event stream must pass through at once
		Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", engineSocket)
		}},
	}
	p.server = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.starts = append(p.starts, time.Now())
		p.mu.Unlock()
		rp.ServeHTTP(w, r)
	}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.server.Serve(l) }()
	return p, nil
}

// between counts the requests that began in [from, to).
func (p *countingProxy) between(from, to time.Time) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, at := range p.starts {
		if !at.Before(from) && at.Before(to) {
			n++
		}
	}
	return n
}

func (p *countingProxy) close() {
	_ = p.server.Close()
	_ = os.RemoveAll(p.dir)
}
