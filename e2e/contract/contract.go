// Package contract loads the stack's compose file the way users' Compose does, with
// compose-go and .env.example, and reads the names of the healer's settings wherever
// they are written down, so the suite can hold the stack to what it promises.
package contract

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"

	"github.com/healstack/healstack/healer/config"
)

// Load reads docker-compose.yml from root with .env.example as the .env file; env
// overrides it, as the shell's environment overrides .env for users.
func Load(ctx context.Context, root string, env map[string]string) (*types.Project, error) {
	var pairs []string
	for k, v := range env {
		pairs = append(pairs, k+"="+v)
	}
	opts, err := cli.NewProjectOptions([]string{filepath.Join(root, "docker-compose.yml")},
		cli.WithName("contract"), cli.WithWorkingDirectory(root), cli.WithEnv(pairs),
		cli.WithEnvFiles(filepath.Join(root, ".env.example")), cli.WithDotEnv)
	if err != nil {
		return nil, fmt.Errorf("preparing to load docker-compose.yml: %w", err)
	}
	p, err := opts.LoadProject(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading docker-compose.yml: %w", err)
	}
	return p, nil
}

// Literal is a service's key as written in docker-compose.yml, before interpolation.
func Literal(root, service, key string) (string, error) {
	data, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		return "", fmt.Errorf("reading docker-compose.yml: %w", err)
	}
	var file struct {
		Services map[string]map[string]any `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		return "", fmt.Errorf("parsing docker-compose.yml: %w", err)
	}
	v, ok := file.Services[service][key]
	if !ok {
		return "", fmt.Errorf("docker-compose.yml: service %s has no %s", service, key)
	}
	return fmt.Sprint(v), nil
}

// healerName matches the names the contract covers: the healer's own prefixes.
var healerName = regexp.MustCompile(`^(AUTOHEAL|HEALER)_[A-Z0-9_]+$`)

// RegistryNames are the AUTOHEAL_* and HEALER_* names of the healer's settings
// registry (what healer --help prints), sorted.
func RegistryNames() []string {
	var names []string
	for _, s := range config.Settings() {
		if healerName.MatchString(s.Name) {
			names = append(names, s.Name)
		}
	}
	sort.Strings(names)
	return names
}

// EnvFileNames are the AUTOHEAL_* and HEALER_* variables an env file assigns, sorted,
// with duplicates kept so that a name written twice shows.
func EnvFileNames(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	var names []string
	scan := bufio.NewScanner(f)
	for scan.Scan() {
		line := strings.TrimSpace(scan.Text())
		name, _, ok := strings.Cut(line, "=")
		if ok && !strings.HasPrefix(line, "#") && healerName.MatchString(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, scan.Err()
}

// tableRow matches a row of the README's settings table: | `NAME` | ...
var tableRow = regexp.MustCompile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|")

// ReadmeNames are the AUTOHEAL_* and HEALER_* names in the README's settings table.
func ReadmeNames(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	var names []string
	for _, m := range tableRow.FindAllStringSubmatch(string(data), -1) {
		if healerName.MatchString(m[1]) {
			names = append(names, m[1])
		}
	}
	sort.Strings(names)
	return names, nil
}

// ServiceEnvNames are the AUTOHEAL_* and HEALER_* names a service passes on, sorted.
func ServiceEnvNames(p *types.Project, service string) ([]string, error) {
	svc, err := p.GetService(service)
	if err != nil {
		return nil, fmt.Errorf("finding service %s: %w", service, err)
	}
	var names []string
	for name := range svc.Environment {
		if healerName.MatchString(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, nil
}
