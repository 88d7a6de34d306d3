package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// rawAPI talks HTTP to the engine without the client library, so that what is written
// to testdata is the engine's bytes, not a re-encoding of the library's types.
type rawAPI struct {
	http    *http.Client
	version string
}

// answer is one HTTP response, body read.
type answer struct {
	Status int         `json:"status"`
	Header http.Header `json:"headers"`
	Body   []byte      `json:"-"`
}

func newRawAPI(host, version string) (*rawAPI, error) {
	scheme, addr, ok := strings.Cut(host, "://")
	if !ok || (scheme != "unix" && scheme != "tcp") {
		return nil, fmt.Errorf("parsing host %q: want unix:// or tcp:// without TLS", host)
	}
	network := scheme
	dial := func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	return &rawAPI{
		http:    &http.Client{Transport: &http.Transport{DialContext: dial}},
		version: version,
	}, nil
}

// url builds a versioned URL; ping lives outside the versioned tree.
func (r *rawAPI) url(path string, query url.Values) string {
	if path != "/_ping" {
		path = "/v" + r.version + path
	}
	u := url.URL{Scheme: "http", Host: "docker", Path: path, RawQuery: query.Encode()}
	return u.String()
}

func (r *rawAPI) do(ctx context.Context, method, path string, query url.Values) (answer, error) {
	resp, err := r.send(ctx, method, path, query)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, fmt.Errorf("reading %s %s: %w", method, path, err)
	}
	return answer{Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// get is do for reads that must succeed.
func (r *rawAPI) get(ctx context.Context, path string, query url.Values) ([]byte, error) {
	a, err := r.do(ctx, http.MethodGet, path, query)
	if err != nil {
		return nil, err
	}
	if a.Status != http.StatusOK {
		return nil, fmt.Errorf("getting %s: status %d: %s", path, a.Status, a.Body)
	}
	return a.Body, nil
}

// send returns the open response; the caller closes its body.
func (r *rawAPI) send(
	ctx context.Context, method, path string, query url.Values,
) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, r.url(path, query), nil)
	if err != nil {
		return nil, err
	}
	resp, err := r.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("requesting %s %s: %w", method, path, err)
	}
	return resp, nil
}
