package config

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// TestReadmeTableMatchesRegistry keeps the README's settings table and the registry
// naming the same variables, in the same order.
func TestReadmeTableMatchesRegistry(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatalf("reading README: %v", err)
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|")
	var documented []string
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		documented = append(documented, m[1])
	}
	var registered []string
	for _, s := range Settings() {
		registered = append(registered, s.Name)
	}
	if !slices.Equal(documented, registered) {
		t.Errorf("README table names %v\nregistry names %v", documented, registered)
	}
}
