// Package docker is the healer's adapter over the Docker Engine API: it lists, inspects,
// restarts and starts containers and follows their events, in the healer's own
// container types. It never pins the API version: users run engines from Docker 24
// (API 1.43) to Docker 29 (API 1.52, which refuses clients older than 1.44), and the
// machines the project is tested on run API 1.41.
package docker

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/moby/moby/client"
)

// Options says which engine to talk to and how.
type Options struct {
	// Host is the engine's address: unix:///var/run/docker.sock or tcp://host:port.
	// "" means the default socket.
	Host string
	// CAFile, CertFile and KeyFile are the TLS material; all "" means no TLS.
	CAFile, CertFile, KeyFile string
	// TLSVerify checks the engine's certificate against CAFile.
	TLSVerify bool
	// Timeout bounds each ping, list and inspect; 0 means no bound.
	Timeout time.Duration
}

// Client is the healer's connection to one engine. It is safe for concurrent use.
type Client struct {
	opts Options

	mu  sync.RWMutex
	api *client.Client
}

// New prepares a client; it does not contact the engine.
func New(opts Options) (*Client, error) {
	if opts.Host == "" {
		opts.Host = client.DefaultDockerHost
	}
	api, err := newAPI(opts)
	if err != nil {
		return nil, fmt.Errorf("creating docker client for %s: %w", opts.Host, err)
	}
	return &Client{opts: opts, api: api}, nil
}

func newAPI(opts Options) (*client.Client, error) {
	ops := []client.Opt{client.WithHost(opts.Host)}
	if opts.CertFile != "" || opts.CAFile != "" {
		tlsOpt, err := tlsOption(opts)
		if err != nil {
			return nil, err
		}
		// The TLS option may replace the HTTP client, so it goes first and WithHost
		// configures whichever transport is left.
		ops = append([]client.Opt{tlsOpt}, ops...)
	}
	return client.New(ops...)
}

// Close releases the client's idle connections.
func (c *Client) Close() error {
	return c.current().Close()
}

// Negotiate pings the engine and settles the API version to use: the highest both
// sides speak. Call it again after a reconnect: the engine may have been upgraded.
func (c *Client) Negotiate(ctx context.Context) (string, error) {
	// A fresh library client, because its negotiation only ever lowers the version it
	// holds: after an engine upgrade from API 1.43 to Docker 29 the old client would
	// stay at 1.43, which Docker 29 refuses.
	api, err := newAPI(c.opts)
	if err != nil {
		return "", fmt.Errorf("negotiating api version: %w", err)
	}
	ctx, cancel := c.bounded(ctx)
	defer cancel()
	_, err = api.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true, ForceNegotiate: true})
	if err != nil {
		_ = api.Close()
		return "", fmt.Errorf("negotiating api version with %s: %w", c.opts.Host, err)
	}
	c.mu.Lock()
	old := c.api
	c.api = api
	c.mu.Unlock()
	_ = old.Close() // only drops idle connections; requests under way finish
	return api.ClientVersion(), nil
}

func (c *Client) current() *client.Client {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.api
}

// bounded applies the configured timeout to a ping, list or inspect.
func (c *Client) bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.opts.Timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, c.opts.Timeout)
}
