//go:build e2e

package stack

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/crypto/curve25519"
)

// keyPair is a WireGuard key pair, base64 as wg-quick files hold it.
type keyPair struct {
	Private, Public string
}

// newKeyPair makes a Curve25519 key the way `wg genkey` does: random, then clamped.
func newKeyPair() (keyPair, error) {
	var private [32]byte
	if _, err := rand.Read(private[:]); err != nil {
		return keyPair{}, fmt.Errorf("reading random bytes: %w", err)
	}
	private[0] &= 248
	private[31] = (private[31] & 127) | 64
	public, err := curve25519.X25519(private[:], curve25519.Basepoint)
	if err != nil {
		return keyPair{}, fmt.Errorf("deriving public key: %w", err)
	}
	enc := base64.StdEncoding
	return keyPair{Private: enc.EncodeToString(private[:]), Public: enc.EncodeToString(public)}, nil
}

// writeVPNConfig writes the wg-quick file the VPN container reads from /config.
func writeVPNConfig(dir string, vpn, gateway keyPair) error {
	conf := fmt.Sprintf(`# Written per run by the e2e suite.
[Interface]
PrivateKey = %s
Address = 10.66.0.2/32

[Peer]
PublicKey = %s
Endpoint = 10.77.1.3:51820
AllowedIPs = 0.0.0.0/0
PersistentKeepalive = 5
`, vpn.Private, gateway.Public)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "wg0.conf"), []byte(conf), 0o600); err != nil {
		return fmt.Errorf("writing wg0.conf: %w", err)
	}
	return nil
}
