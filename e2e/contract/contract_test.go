package contract

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestEnvFileNamesSkipsCommentsAndOthers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "env")
	body := "# AUTOHEAL_COMMENTED=1\nAUTOHEAL_INTERVAL=5\nOTHER=1\nHEALER_DRY_RUN=\n" +
		"HEALER_DRY_RUN=true\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := EnvFileNames(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"AUTOHEAL_INTERVAL", "HEALER_DRY_RUN", "HEALER_DRY_RUN"}
	if !slices.Equal(got, want) {
		t.Errorf("names = %v, want %v (a duplicate must show)", got, want)
	}
}

func TestRegistryNamesHaveThePrefixes(t *testing.T) {
	names := RegistryNames()
	if len(names) < 10 || !slices.Contains(names, "AUTOHEAL_INTERVAL") ||
		slices.Contains(names, "WEBHOOK_URL") {
		t.Errorf("registry names = %v", names)
	}
}

func TestLiteralReadsTheFileAsWritten(t *testing.T) {
	got, err := Literal("../..", "qbittorrent", "network_mode")
	if err != nil {
		t.Fatal(err)
	}
	if got != "container:${CONTAINER_PREFIX}vpn" {
		t.Errorf("network_mode = %q", got)
	}
	if _, err := Literal("../..", "qbittorrent", "no_such_key"); err == nil {
		t.Error("no error for a missing key")
	}
}
