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
	var warnings []string
	if raw.set["DOCKER_SOCK"] && raw.set["DOCKER_HOST"] {
		warnings = append(warnings, "DOCKER_HOST ignored: DOCKER_SOCK is set and wins")
	}
	if raw.set["DOCKER_SOCK"] || !raw.set["DOCKER_HOST"] {
		d, err := fromSock(raw.sock)
		d.Source = "DOCKER_SOCK"
		if !raw.set["DOCKER_SOCK"] {
			d.Source = "default"
		}
		return d, warnings, err
	}
	d, err := fromHost(raw)
	d.Source = "DOCKER_HOST"
	return d, warnings, err
}

func fromSock(sock string) (Docker, error) {
	const accepts = "a socket path, unix://path, tcp://host:port or tcps://host:port"
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
	return Docker{}, &Error{Name: "DOCKER_SOCK", Value: sock, Accepts: accepts}
}

func fromHost(raw rawDocker) (Docker, error) {
	if !strings.HasPrefix(raw.host, "unix:///") && !hasAddress(raw.host, "tcp://") {
		return Docker{}, &Error{Name: "DOCKER_HOST", Value: raw.host,
			Accepts: "unix:///path or tcp://host:port"}
	}
	d := Docker{Host: raw.host, TLSVerify: raw.tlsVerify}
	if raw.certPath != "" {
		d.CAFile = filepath.Join(raw.certPath, "ca.pem")
		d.CertFile = filepath.Join(raw.certPath, "cert.pem")
		d.KeyFile = filepath.Join(raw.certPath, "key.pem")
	} else if raw.tlsVerify {
		return d, &Error{Name: "DOCKER_TLS_VERIFY", Value: "true",
			Accepts: "true only together with DOCKER_CERT_PATH"}
	}
	return d, nil
}

func hasAddress(s, scheme string) bool {
	rest, ok := strings.CutPrefix(s, scheme)
	return ok && rest != ""
}
