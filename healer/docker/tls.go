package docker

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"time"

	"github.com/moby/moby/client"
)

// tlsOption configures TLS as the docker CLI does with DOCKER_CERT_PATH and
// DOCKER_TLS_VERIFY: the engine's certificate is checked only when asked.
func tlsOption(opts Options) (client.Opt, error) {
	cert, key := opts.CertFile, opts.KeyFile
	if opts.TLSVerify {
		return client.WithTLSClientConfig(opts.CAFile, cert, key), nil
	}
	// WithTLSClientConfig always verifies the server; without TLSVerify the docker CLI
	// only presents its certificate, so the transport is built here.
	pair, err := tls.LoadX509KeyPair(cert, key)
	if err != nil {
		return nil, fmt.Errorf("loading client certificate %s: %w", cert, err)
	}
	transport := &http.Transport{
		TLSClientConfig: &tls.Config{
			Certificates:       []tls.Certificate{pair},
			InsecureSkipVerify: true, //nolint:gosec // asked for: TLSVerify is off
			MinVersion:         tls.VersionTLS12,
		},
		// The library's defaults for its own transport, against idle-connection leaks
		// in a long-running process.
		MaxIdleConns:    6,
		IdleConnTimeout: 30 * time.Second,
	}
	return client.WithHTTPClient(&http.Client{
		Transport:     transport,
		CheckRedirect: client.CheckRedirect,
	}), nil
}
