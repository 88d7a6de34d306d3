package docker_test

import (
	"path/filepath"
	"testing"

	"github.com/healstack/healstack/healer/docker"
)

func TestNewRejectsMissingCertificates(t *testing.T) {
	for _, verify := range []bool{true, false} {
		name := map[bool]string{true: "verifying", false: "not verifying"}[verify]
		t.Run("error for missing files - "+name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := docker.New(docker.Options{
				Host: "tcp://127.0.0.1:2376", CAFile: filepath.Join(dir, "ca.pem"),
				CertFile: filepath.Join(dir, "cert.pem"), KeyFile: filepath.Join(dir, "key.pem"),
				TLSVerify: verify,
			})
			if err == nil {
				t.Fatal("no error for a cert folder without certificates")
			}
		})
	}
}
