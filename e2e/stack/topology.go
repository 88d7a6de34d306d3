//go:build e2e

package stack

// The addresses of docker-compose.test.yml, which the checks name. They are fixed so
// that a leak is recognised by its source address alone.
const (
	// VPNUplinkIP is the VPN container's address on the default (uplink) network: the
	// canary must never see it, except in a negative control.
	VPNUplinkIP = "10.77.1.2"
	// GatewayPublicIP is the gateway's address on the internet network: tunnelled
	// traffic reaches the canary from it, after NAT.
	GatewayPublicIP = "203.0.113.2"
	// CanaryPublicIP is reached through the tunnel; CanaryLeakIP, the canary's address
	// on the network it shares with the VPN, only by a leak.
	CanaryPublicIP = "203.0.113.10"
	CanaryLeakIP   = "10.77.1.4"
	// LANSinkIP records new connections into the LAN, which must never be opened.
	LANSinkIP = "10.77.3.6"
	// LANSubnet is the one subnet declared as the LAN (LAN_SUBNETS).
	LANSubnet = "10.77.3.0/24"
	// ProxyIP is the nginx-proxy stand-in, on the LAN.
	ProxyIP = "10.77.3.5"
	// TargetPort is the port the qBittorrent stand-in dials on every target.
	TargetPort = 9001
	// ReportPort serves the canary's and the gateway's reports.
	ReportPort = 9090
	// WebUIPort is qBittorrent's WebUI, inside the VPN's namespace.
	WebUIPort = 8080
)

// The stack's services, as docker-compose.yml and the override name them.
const (
	VPN         = "vpn"
	QBittorrent = "qbittorrent"
	Proxy       = "nginx-proxy"
	Healer      = "autoheal"
	Gateway     = "gateway"
	Canary      = "canary"
	LANSink     = "lansink"
	NSProbe     = "nsprobe"
)

// Services are all of the stack's services.
var Services = []string{VPN, QBittorrent, Proxy, Healer, Gateway, Canary, LANSink, NSProbe}
