//go:build e2e

// Package stack brings the test stack up from docker-compose.yml and
// docker-compose.test.yml through testcontainers-go's compose module, under a per-run
// project and container prefix, and tears it down again.
package stack

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
	tccompose "github.com/testcontainers/testcontainers-go/modules/compose"
)

// Options says where the compose files are, which images to run and what to change.
type Options struct {
	RepoRoot    string
	ImageTag    string
	HealerImage string
	// Flavour is the VPN image to run (VPN_PROVIDER); the zero value means PIA.
	Flavour Flavour
	// Env overrides or adds compose variables, e.g. HEALER_DEPENDENTS=false for a
	// negative control.
	Env map[string]string
}

// Stack is one run's stack.
type Stack struct {
	Project  string
	Prefix   string
	ProbeURL string
	Docker   *client.Client

	// Flavour is the VPN image this stack runs.
	Flavour Flavour
	// VPNPublicKey names the VPN in the gateway's peer report.
	VPNPublicKey string

	dir     string
	compose *tccompose.DockerCompose
}

// New prepares a run: keys, the VPN's configuration, a free port for the probe and the
// compose project. It starts nothing.
func New(opts Options) (*Stack, error) {
	id, err := runID()
	if err != nil {
		return nil, err
	}
	s := &Stack{Project: "hse2e" + id, Prefix: "hse2e" + id + "-", Flavour: opts.Flavour}
	if s.Flavour.Provider == "" {
		s.Flavour = PIA
	}
	if s.dir, err = os.MkdirTemp("", "healstack-e2e-"); err != nil {
		return nil, fmt.Errorf("creating the run's folder: %w", err)
	}
	env, err := s.prepare(opts)
	if err != nil {
		return nil, err
	}
	if s.Docker, err = client.New(client.FromEnv); err != nil {
		return nil, fmt.Errorf("creating docker client: %w", err)
	}
	files := []string{filepath.Join(opts.RepoRoot, "docker-compose.yml"),
		filepath.Join(opts.RepoRoot, "docker-compose.test.yml")}
	compose, err := tccompose.NewDockerComposeWith(tccompose.WithStackFiles(files...),
		tccompose.StackIdentifier(s.Project))
	if err != nil {
		return nil, fmt.Errorf("loading compose files: %w", err)
	}
	compose.WithEnv(env)
	s.compose = compose
	return s, nil
}

// prepare writes keys and configuration and returns the compose environment.
func (s *Stack) prepare(opts Options) (map[string]string, error) {
	vpn, err := newKeyPair()
	if err != nil {
		return nil, fmt.Errorf("making the VPN's keys: %w", err)
	}
	gateway, err := newKeyPair()
	if err != nil {
		return nil, fmt.Errorf("making the gateway's keys: %w", err)
	}
	s.VPNPublicKey = vpn.Public
	if err := writeVPNConfig(filepath.Join(s.dir, "vpn"), vpn, gateway); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s.ProbeURL = "http://127.0.0.1:" + strconv.Itoa(port)
	gid, err := socketGroup()
	if err != nil {
		return nil, err
	}
	env := s.composeEnv(opts, gid)
	env["E2E_GATEWAY_PRIVATE_KEY"] = gateway.Private
	env["E2E_GATEWAY_PUBLIC_KEY"] = gateway.Public
	env["E2E_VPN_PRIVATE_KEY"] = vpn.Private
	env["E2E_VPN_PUBLIC_KEY"] = vpn.Public
	env["E2E_PROBE_PORT"] = strconv.Itoa(port)
	for k, v := range opts.Env {
		env[k] = v
	}
	return env, nil
}

// composeEnv is what docker-compose.yml and the override read, for this run.
func (s *Stack) composeEnv(opts Options, gid string) map[string]string {
	return map[string]string{
		"CONTAINER_PREFIX":       s.Prefix,
		"HEALER_PROJECT":         s.Project,
		"VPN_PROVIDER":           s.Flavour.Provider,
		"VPN_IMAGE_REPO":         "healstack/vpn",
		"VPN_IMAGE_TAG":          opts.ImageTag,
		"IMAGE_TAG":              opts.ImageTag,
		"HEALSTACK_HEALER_IMAGE": opts.HealerImage,
		"DOCKER_GID":             gid,
		"VPN_CONFIG_DIR":         filepath.Join(s.dir, "vpn"),
		"QBITTORRENT_CONFIG_DIR": filepath.Join(s.dir, "qbittorrent"),
		"DOWNLOADS_DIR":          filepath.Join(s.dir, "downloads"),
		"LAN_NETWORK_SUBNET":     LANSubnet,
	}
}

// Up creates and starts every service; compose returns once the VPN is healthy and
// qBittorrent has started in its namespace.
func (s *Stack) Up(ctx context.Context) error {
	if err := s.compose.Up(ctx); err != nil {
		return fmt.Errorf("bringing up project %s: %w", s.Project, err)
	}
	return nil
}

// Down removes containers, networks and volumes, then the run's folder.
func (s *Stack) Down(ctx context.Context) error {
	err := s.compose.Down(ctx, tccompose.RemoveOrphans(true), tccompose.RemoveVolumes(true))
	_ = s.compose.Close()
	_ = s.Docker.Close()
	if rmErr := os.RemoveAll(s.dir); rmErr != nil && err == nil {
		err = rmErr
	}
	if err != nil {
		return fmt.Errorf("tearing down project %s: %w", s.Project, err)
	}
	return nil
}

// Name is a service's container name.
func (s *Stack) Name(service string) string { return s.Prefix + service }

// Inspect returns a service's container as the engine sees it now.
func (s *Stack) Inspect(ctx context.Context, service string) (container.InspectResponse, error) {
	res, err := s.Docker.ContainerInspect(ctx, s.Name(service), client.ContainerInspectOptions{})
	if err != nil {
		return container.InspectResponse{}, fmt.Errorf("inspecting %s: %w", service, err)
	}
	return res.Container, nil
}

// PID is the host PID of a service's init process, which names its namespaces.
func (s *Stack) PID(ctx context.Context, service string) (int, error) {
	c, err := s.Inspect(ctx, service)
	if err != nil {
		return 0, err
	}
	if c.State == nil || c.State.Pid == 0 {
		return 0, fmt.Errorf("finding the pid of %s: it is not running", service)
	}
	return c.State.Pid, nil
}

// Dir is the run's folder (configuration and keys).
func (s *Stack) Dir() string { return s.dir }

func runID() (string, error) {
	var b [3]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making a run id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// freePort asks the kernel for a port the probe can listen on (host network).
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// socketGroup is the group owning the engine's socket, which the healer joins.
func socketGroup() (string, error) {
	var st syscall.Stat_t
	if err := syscall.Stat("/var/run/docker.sock", &st); err != nil {
		return "", fmt.Errorf("reading the docker socket's group: %w", err)
	}
	return strconv.FormatUint(uint64(st.Gid), 10), nil
}
