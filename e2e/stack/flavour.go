//go:build e2e

package stack

import "fmt"

// Flavour is what differs between the VPN images the suite runs: the names the specs
// and faults reach for inside the VPN container.
type Flavour struct {
	// Provider is VPN_PROVIDER, which also names the image the override runs.
	Provider string
	// Title names the flavour in spec texts.
	Title string
	// Tunnel is the tunnel interface; Daemon the process that carries it.
	Tunnel string
	Daemon string
	// StaleFiles are what a killed daemon leaves behind, which a start must clear.
	StaleFiles []StaleFile
}

// StaleFile is a file (with Body) or a unix socket nobody listens on (Kind "socket").
type StaleFile struct {
	Path, Kind, Body string
}

// PIA runs Debian's wireguard-go from a wg-quick file: the user's own image.
var PIA = Flavour{
	Provider: "pia", Title: "PIA", Tunnel: "wg0", Daemon: "wireguard-go",
	// A pid file naming a process alive in the next start (pid 1), and the UAPI socket.
	StaleFiles: []StaleFile{
		{Path: "/var/run/wireguard/wg0.pid", Kind: "file", Body: "1\n"},
		{Path: "/var/run/wireguard/wg0.sock", Kind: "socket"},
	},
}

// WARP runs the WARP image's provider script over the stand-in warp-svc and warp-cli.
var WARP = Flavour{
	Provider: "warp", Title: "WARP", Tunnel: "CloudflareWARP", Daemon: "warp-svc",
	// The daemon's socket, where warp-cli finds it; a dead one would fool the wait for it.
	StaleFiles: []StaleFile{{Path: "/run/cloudflare-warp/warp_service", Kind: "socket"}},
}

// Image is the image the test override runs as the VPN for this flavour.
func (f Flavour) Image(tag string) string {
	return "healstack/e2e-vpn-" + f.Provider + ":" + tag
}

// FlavourNamed returns the flavour of a VPN_PROVIDER value.
func FlavourNamed(provider string) (Flavour, error) {
	for _, f := range []Flavour{PIA, WARP} {
		if f.Provider == provider {
			return f, nil
		}
	}
	return Flavour{}, fmt.Errorf("reading the provider %q: want pia or warp", provider)
}
