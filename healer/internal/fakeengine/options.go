package fakeengine

import (
	"encoding/json"
	"net/http"
)

// config is what the engine advertises about itself.
type config struct {
	apiVersion string // highest API version, sent in Api-Version
	minVersion string // lowest API version it accepts
	headers    http.Header
}

// Option changes what the engine advertises.
type Option func(*config)

// defaultConfig advertises what the recorded engine did.
func defaultConfig(rec *recording) config {
	var v struct{ ApiVersion, MinAPIVersion string }
	_ = json.Unmarshal(rec.version, &v) // checked by the tests of this package
	return config{apiVersion: v.ApiVersion, minVersion: v.MinAPIVersion,
		headers: rec.ping.Clone()}
}

// WithAPIVersion advertises the given highest API version (the recorded engine: 1.41).
func WithAPIVersion(version string) Option {
	return func(c *config) { c.apiVersion = version }
}

// WithMinAPIVersion refuses requests for API versions below the given one, with the
// engine's "client version ... is too old" answer.
func WithMinAPIVersion(version string) Option {
	return func(c *config) { c.minVersion = version }
}

// Docker29 advertises what Docker 29 does: API 1.52, refusing clients below 1.44,
// and its /_ping headers. The bodies stay those of the recorded engine.
func Docker29() Option {
	return func(c *config) {
		c.apiVersion = "1.52"
		c.minVersion = "1.44"
		c.headers = http.Header{}
		c.headers.Set("Api-Version", "1.52")
		c.headers.Set("Ostype", "linux")
		c.headers.Set("Docker-Experimental", "false")
		c.headers.Set("Server", "Docker/29.0.0 (linux)")
		c.headers.Set("Cache-Control", "no-cache, no-store, must-revalidate")
		c.headers.Set("Pragma", "no-cache")
	}
}
