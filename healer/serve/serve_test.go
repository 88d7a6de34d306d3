package serve

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestHealthzAndProbe(t *testing.T) {
	var failing error
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, l, Mux(func() error { return failing }, nil),
			slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	addr := l.Addr().String()
	if err := Probe(t.Context(), addr); err != nil {
		t.Errorf("healthy - probe failed: %v", err)
	}
	failing = errors.New("event stream down for 20s")
	err = Probe(t.Context(), addr)
	if err == nil || !strings.Contains(err.Error(), "event stream down") {
		t.Errorf("unhealthy - probe said %v, want the reason", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not stop")
	}
}

func TestListenRefusesAPortInUse(t *testing.T) {
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := Listen(l.Addr().String()); err == nil {
		t.Error("no error for a port in use")
	}
}

func TestProbeWildcardAddress(t *testing.T) {
	if err := Probe(t.Context(), "bad-address"); err == nil {
		t.Error("no error for an address without a port")
	}
}
