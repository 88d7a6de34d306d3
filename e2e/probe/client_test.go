package probe

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestClientFetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/fetch" || r.URL.Query().Get("pid") != "42" {
			http.Error(w, `{"error":"bad"}`, http.StatusBadRequest)
			return
		}
		if r.URL.Query().Get("url") == "http://dead/" {
			http.Error(w, `{"error":"fetching http://dead/: unreachable"}`, http.StatusBadGateway)
			return
		}
		_, _ = w.Write([]byte(`{"status":200,"body":"qBittorrent WebUI"}`))
	}))
	defer srv.Close()
	c := New(srv.URL)

	status, body, err := c.Fetch(context.Background(), 42, http.MethodGet, "http://vpn:8080/")
	if err != nil || status != 200 || body != "qBittorrent WebUI" {
		t.Errorf("fetch - target answers: got %d %q %v", status, body, err)
	}
	_, _, err = c.Fetch(context.Background(), 42, http.MethodGet, "http://dead/")
	if !errors.Is(err, ErrUnreachable) {
		t.Errorf("fetch - target silent: want ErrUnreachable, got %v", err)
	}
	if err := c.Signal(context.Background(), 7, "wireguard-go", "KILL"); err == nil {
		t.Error("signal - probe refuses: want an error")
	}
}
