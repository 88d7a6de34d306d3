package config

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the README's settings table from the registry")

const (
	readme     = "../../README.md"
	tableBegin = "<!-- settings table: go test ./healer/config -run TestReadme -update -->\n"
	tableEnd   = "<!-- end of settings table -->\n"
)

// TestReadmeTableMatchesRegistry keeps the README's settings table what the registry
// says; -update rewrites it.
func TestReadmeTableMatchesRegistry(t *testing.T) {
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatalf("reading README: %v", err)
	}
	text := string(data)
	begin, end := strings.Index(text, tableBegin), strings.Index(text, tableEnd)
	if begin < 0 || end < begin {
		t.Fatalf("README lacks the settings table markers")
	}
	var table bytes.Buffer
	WriteTable(&table)
	current := text[begin+len(tableBegin) : end]
	if current == table.String() {
		return
	}
	if !*update {
		t.Fatalf("README settings table differs from the registry; run with -update:\n%s",
			table.String())
	}
	text = text[:begin+len(tableBegin)] + table.String() + text[end:]
	if err := os.WriteFile(readme, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
