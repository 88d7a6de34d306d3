package config

import (
	"path/filepath"
	"strings"
)

// certsDir is where autoheal expects TLS material for a tcps:// DOCKER_SOCK.
const certsDir = "/certs"

// resolveDocker picks the engine address: DOCKER_SOCK as autoheal reads it wins, then
// DOCKER_HOST as the docker CLI reads it, then the default socket.
func resolveDocker(raw rawDocker) (Docker, []string, error) {
	if raw.isSet("DOCKER_SOCK") || !raw.isSet("DOCKER_HOST") {
		d, err := fromSock(raw.sock)
		d.Source = "DOCKER_SOCK"
		if !raw.isSet("DOCKER_SOCK") {
			d.Source = "default"
		}
		return d, ignoredBesideSock(raw), err
	}
	d, err := fromHost(raw)
	d.Source = "DOCKER_HOST"
	return d, nil, err
}

// ignoredBesideSock warns about the docker CLI's variables that DOCKER_SOCK overrides.
func ignoredBesideSock(raw rawDocker) []string {
	if !raw.isSet("DOCKER_SOCK") {
		return nil
	}
	var warnings []string
	for _, name := range []string{"DOCKER_HOST", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY"} {
		// An unusable value is reported as such, not also as ignored.
		if raw.isSet(name) && !raw.failed[name] {
			warnings = append(warnings, name+" ignored: DOCKER_SOCK is set and wins")
		}
	}
	return warnings
}

// Accepted engine addresses, as the errors and --help say them.
const (
	sockAccepts = "an absolute socket path, unix:///path, tcp://host:port or tcps://host:port"
	hostAccepts = "unix:///path or tcp://host:port"
)

func fromSock(sock string) (Docker, error) {
	switch {
	case strings.HasPrefix(sock, "/"):
		return Docker{Host: "unix://" + sock}, nil
	case strings.HasPrefix(sock, "unix:///"), hasAddress(sock, "tcp://"):
		return Docker{Host: sock}, nil
	case hasAddress(sock, "tcps://"):
		return Docker{
			Host:      "tcp://" + strings.TrimPrefix(sock, "tcps://"),
			CAFile:    filepath.Join(certsDir, "ca.pem"),
			CertFile:  filepath.Join(certsDir, "client-cert.pem"),
			KeyFile:   filepath.Join(certsDir, "client-key.pem"),
			TLSVerify: true,
		}, nil
	}
	return Docker{}, &Error{Name: "DOCKER_SOCK", Value: sock, Accepts: sockAccepts}
}

func fromHost(raw rawDocker) (Docker, error) {
	if !strings.HasPrefix(raw.host, "unix:///") && !hasAddress(raw.host, "tcp://") {
		return Docker{}, &Error{Name: "DOCKER_HOST", Value: raw.host, Accepts: hostAccepts}
	}
	d := Docker{Host: raw.host, TLSVerify: raw.tlsVerify}
	if raw.certPath != "" {
		d.CAFile = filepath.Join(raw.certPath, "ca.pem")
		d.CertFile = filepath.Join(raw.certPath, "cert.pem")
		d.KeyFile = filepath.Join(raw.certPath, "key.pem")
	} else if raw.tlsVerify {
		return d, &Error{Name: "DOCKER_TLS_VERIFY", Value: raw.given["DOCKER_TLS_VERIFY"],
			Accepts: "true only together with DOCKER_CERT_PATH"}
	}
	return d, nil
}

// hasAddress tells whether s is scheme followed by a usable host:port.
func hasAddress(s, scheme string) bool {
	rest, ok := strings.CutPrefix(s, scheme)
	return ok && validTCP(rest)
}
