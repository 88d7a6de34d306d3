//go:build e2e

package e2e

import (
	"path/filepath"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/contract"
)

var _ = Describe("The stack's contract", Contract, func() {
	var stock *types.Project

	BeforeEach(func(ctx SpecContext) {
		var err error
		stock, err = contract.Load(ctx, repoRoot(), nil)
		Expect(err).NotTo(HaveOccurred())
	})

	It("docker-compose.yml, loaded with compose-go and .env.example, should hold the "+
		"literal values the stack promises", func(ctx SpecContext) {
		written, err := contract.Literal(repoRoot(), "qbittorrent", "network_mode")
		Expect(err).NotTo(HaveOccurred())
		Expect(written).To(Equal("container:${CONTAINER_PREFIX}vpn"),
			"qbittorrent's network_mode, as written")
		Expect(service(stock, "qbittorrent").NetworkMode).To(Equal("container:vpn"))
		Expect(service(stock, "qbittorrent").DependsOn).
			To(HaveKeyWithValue("vpn", HaveField("Condition", "service_healthy")))

		vpn := service(stock, "vpn")
		Expect(vpn.HealthCheck).NotTo(BeNil())
		Expect(time.Duration(*vpn.HealthCheck.Interval)).To(Equal(30 * time.Second))
		Expect(time.Duration(*vpn.HealthCheck.Timeout)).To(Equal(10 * time.Second))
		Expect(*vpn.HealthCheck.Retries).To(BeEquivalentTo(3))
		Expect(vpn.CapAdd).To(ContainElement("NET_ADMIN"))
		Expect(vpn.Init).To(HaveValue(BeTrue()), "the VPN runs with init: true")
		Expect(vpn.Labels).To(HaveKeyWithValue("autoheal", "true"))

		healer := service(stock, "autoheal")
		Expect(healer.ContainerName).To(Equal("autoheal"))
		Expect(healer.Volumes).To(ContainElement(And(
			HaveField("Source", "/var/run/docker.sock"),
			HaveField("Target", "/var/run/docker.sock"), HaveField("ReadOnly", true))),
			"the socket is mounted read-only")
		Expect(healer.User).To(Equal("65532:65532"), "the healer runs as a non-root user")
		Expect(healer.GroupAdd).To(ConsistOf(envExample(ctx, "DOCKER_GID")))
		Expect(healer.Networks).To(HaveLen(1))
		Expect(healer.Networks).To(HaveKey("default"), "the healer is on the default network only")
		Expect(healer.DependsOn).
			To(HaveKeyWithValue("vpn", HaveField("Condition", "service_started")))
		Expect(service(stock, "nginx-proxy").Networks).To(HaveKey("lan"))
	})

	It("a value changed in the environment should change what loads", func(ctx SpecContext) {
		changed, err := contract.Load(ctx, repoRoot(), map[string]string{
			"CONTAINER_PREFIX": "media-", "VPN_HEALTH_INTERVAL": "45s",
			"AUTOHEAL_INTERVAL": "7", "DOCKER_GID": "4242"})
		Expect(err).NotTo(HaveOccurred())
		Expect(service(changed, "qbittorrent").NetworkMode).To(Equal("container:media-vpn"))
		Expect(service(changed, "vpn").ContainerName).To(Equal("media-vpn"))
		Expect(time.Duration(*service(changed, "vpn").HealthCheck.Interval)).
			To(Equal(45 * time.Second))
		Expect(service(changed, "autoheal").Environment).
			To(HaveKeyWithValue("AUTOHEAL_INTERVAL", HaveValue(Equal("7"))))
		Expect(service(changed, "autoheal").GroupAdd).To(ConsistOf("4242"))
		Expect(service(stock, "autoheal").Environment).
			To(HaveKeyWithValue("AUTOHEAL_INTERVAL", HaveValue(Equal("5"))))
	})

	It("the AUTOHEAL_* and HEALER_* names of .env.example, the README's settings table "+
		"and the healer's environment should be exactly the settings registry's", func() {
		registry := contract.RegistryNames()
		Expect(registry).NotTo(BeEmpty())
		env, err := contract.EnvFileNames(filepath.Join(repoRoot(), ".env.example"))
		Expect(err).NotTo(HaveOccurred())
		Expect(env).To(Equal(registry), ".env.example")
		readme, err := contract.ReadmeNames(filepath.Join(repoRoot(), "README.md"))
		Expect(err).NotTo(HaveOccurred())
		Expect(readme).To(Equal(registry), "the README's settings table")
		passed, err := contract.ServiceEnvNames(stock, "autoheal")
		Expect(err).NotTo(HaveOccurred())
		Expect(passed).To(Equal(registry), "the autoheal service's environment")
	})
})

func service(p *types.Project, name string) types.ServiceConfig {
	svc, err := p.GetService(name)
	Expect(err).NotTo(HaveOccurred(), "service %s", name)
	return svc
}

// envExample is a variable's value as .env.example sets it.
func envExample(ctx SpecContext, name string) string {
	p, err := contract.Load(ctx, repoRoot(), nil)
	Expect(err).NotTo(HaveOccurred())
	v, ok := p.Environment[name]
	Expect(ok).To(BeTrue(), ".env.example should set %s", name)
	return v
}
