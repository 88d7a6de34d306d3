// Package fakeengine is a stateful fake of the Docker Engine API for unit tests: an
// httptest server that answers ping, version, container list, inspect, start, restart
// and events the way the engine they were recorded from does (testdata, recorded by
// ./record). Event orders, event attributes and error texts come from those
// recordings, so re-recording on a newer engine changes the fake with it.
//
// Containers are seeded from recorded fixtures with Add and changed with the test
// controls (SetHealth, Pause, Stop, ...), each emitting the events the real engine
// emits. Added containers emit no create event: they are there before the test looks.
package fakeengine

import (
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
)

// Engine is one fake engine. Its methods are safe for concurrent use.
type Engine struct {
	t   testing.TB
	rec *recording
	srv *httptest.Server

	closing chan struct{} // closed when the test ends: delayed restarts give up

	mu         sync.Mutex
	cfg        config
	containers map[string]*container.InspectResponse // by ID
	order      []string                              // IDs as added
	fixtures   map[string]string                     // ID -> fixture
	log        []event
	subs       map[*subscriber]struct{}
	requests   []string
	onRequest  func(method, path string)
	restarts   map[string]int
	starts     map[string]int
	failNext   map[string]failNext
	delays     map[string]time.Duration
	since      []string
	pid        int
}

type failNext struct {
	status  int
	message string
}

// New starts a fake engine for the test and stops it when the test ends.
func New(t testing.TB, opts ...Option) *Engine {
	t.Helper()
	rec, err := loadRecording()
	if err != nil {
		t.Fatalf("starting fake engine: %v", err)
	}
	e := &Engine{
		t:          t,
		rec:        rec,
		closing:    make(chan struct{}),
		cfg:        defaultConfig(rec),
		containers: map[string]*container.InspectResponse{},
		fixtures:   map[string]string{},
		subs:       map[*subscriber]struct{}{},
		restarts:   map[string]int{},
		starts:     map[string]int{},
		failNext:   map[string]failNext{},
		delays:     map[string]time.Duration{},
		pid:        40000,
	}
	for _, o := range opts {
		o(&e.cfg)
	}
	e.srv = httptest.NewServer(e.routes())
	t.Cleanup(e.close)
	return e
}

// Host is the engine's address in the form the Docker client takes:
// tcp://127.0.0.1:PORT.
func (e *Engine) Host() string {
	return "tcp://" + strings.TrimPrefix(e.srv.URL, "http://")
}

// Upgrade changes what the engine advertises and accepts from now on, as an engine
// upgraded in place while its clients keep running.
func (e *Engine) Upgrade(opts ...Option) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, o := range opts {
		o(&e.cfg)
	}
}

func (e *Engine) close() {
	close(e.closing)
	e.BreakEvents()
	e.srv.Close()
}
