# Every target runs from a fresh checkout on a machine with Go; only image and e2e
# targets need a Docker engine (scripts/engine.sh starts one on the project's machines).

GO          ?= go
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
BIN         := bin
RESULTS     := results
HEALER_IMG  ?= healstack/healer:dev
# Statement coverage the decision packages must keep.
COVER_FLOOR ?= 85
DECISION_PKGS := healer/heal healer/config
LDFLAGS     := -s -w -X main.version=$(VERSION)

.PHONY: test vet build image engine clean

## test: unit tests with the race detector and the coverage floor; needs no Docker.
test:
	@mkdir -p $(RESULTS)
	$(GO) test -race -covermode=atomic -coverprofile=$(RESULTS)/cover.out ./...
	@scripts/coverage-floor.sh $(RESULTS)/cover.out $(COVER_FLOOR) $(DECISION_PKGS)

vet:
	$(GO) vet ./...

## build: the healer binary, static, for the scratch image.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN)/healer ./healer/cmd/healer

## image: the healer image from the binary built here (no pull needed).
image: build
	docker build -f healer/Dockerfile.prebuilt -t $(HEALER_IMG) .

## engine: make a Docker engine answer on this machine.
engine:
	scripts/engine.sh

clean:
	rm -rf $(BIN) $(RESULTS)

# ---- The stack's images and the end-to-end suite (needs a Docker engine) ----

# The local Debian base (make base-image) and the base the images start from: the local
# one where it exists or can be built here, debian:bookworm-slim elsewhere.
BASE_LOCAL   ?= healstack/base:bookworm-wg
BASE_IMAGE   ?= $(shell scripts/pick-base.sh $(BASE_LOCAL))
IMAGE_TAG    ?= dev
VPN_BASE_IMG ?= healstack/vpn-base:$(IMAGE_TAG)
VPN_PIA_IMG  ?= healstack/vpn-pia:$(IMAGE_TAG)
# The real WARP image: built only where Cloudflare's repository answers (GitHub Actions).
VPN_WARP_IMG ?= healstack/vpn-warp:$(IMAGE_TAG)
FIXTURE_REPO ?= healstack/e2e
# What the suite's override runs as the VPN, per provider: healstack/e2e-vpn-<provider>.
# For PIA that is the user's image under a second name; for WARP, the stand-in image.
E2E_VPN_REPO ?= $(FIXTURE_REPO)-vpn
# Fixtures with an image of their own from bin/fixtures; warp goes into the WARP image.
FIXTURES     := gateway canary qbittorrent proxy nsprobe
FIXTURE_BINS := $(FIXTURES) warp
WARP_CONTEXT := $(BIN)/warp-standin
# go test's own limit; the suite's specs carry their own, shorter ones.
E2E_TIMEOUT  ?= 20m
E2E_RESULTS  := $(RESULTS)/e2e
# Extra Ginkgo flags, e.g. E2E_FLAGS='-ginkgo.label-filter=isolation'.
E2E_FLAGS    ?=
# The VPN flavours the suite runs on, one stack (one go test) each, one after the other:
# the subnets are fixed. A failed flavour does not stop the next; e2e fails at the end.
E2E_PROVIDERS ?= pia warp
# Recursive (=), so that BASE_IMAGE, which asks the engine, is worked out only by the
# targets that build images: make test must never touch an engine.
DOCKER_BUILD  = docker build --pull=false --build-arg BASE_IMAGE=$(BASE_IMAGE)

.PHONY: base-image base-if-local images vpn-images vpn-warp-image warp-standin-image fixtures \
	fixture-images e2e sweep shellcheck lint-actions

## base-image: the local Debian base with everything the images need, unless present.
base-image:
	scripts/base-image.sh $(BASE_LOCAL)

# base-if-local builds the local base when the images are to start from it. It decides
# in its recipe, so that no other target (make test) ever asks the engine anything.
base-if-local:
	@if [ "$(BASE_IMAGE)" = "$(BASE_LOCAL)" ]; then scripts/base-image.sh $(BASE_LOCAL); fi

## images: every image of the suite, built here with no pull.
images: image vpn-images fixture-images warp-standin-image

## vpn-images: the vendor-free VPN base, then the PIA flavour on it.
vpn-images: base-if-local
	$(DOCKER_BUILD) -t $(VPN_BASE_IMG) -f vpn/Dockerfile vpn
	docker build --pull=false --build-arg VPN_BASE=$(VPN_BASE_IMG) -t $(VPN_PIA_IMG) \
		-f vpn/pia/Dockerfile vpn/pia
	docker tag $(VPN_PIA_IMG) $(E2E_VPN_REPO)-pia:$(IMAGE_TAG)

## vpn-warp-image: the real WARP image on the base; needs pkg.cloudflareclient.com, so
## GitHub Actions builds it (make images does not).
vpn-warp-image: base-if-local
	$(DOCKER_BUILD) -t $(VPN_BASE_IMG) -f vpn/Dockerfile vpn
	docker build --build-arg VPN_BASE=$(VPN_BASE_IMG) -t $(VPN_WARP_IMG) \
		-f vpn/warp/Dockerfile vpn/warp

## warp-standin-image: the suite's WARP image: the real image's provider script on the
## same base, over the stand-in warp-svc and warp-cli (fixtures/warp).
warp-standin-image: vpn-images fixtures
	rm -rf $(WARP_CONTEXT) && mkdir -p $(WARP_CONTEXT)
	cp -R vpn/warp/rootfs $(WARP_CONTEXT)/rootfs
	cp $(BIN)/fixtures/warp $(WARP_CONTEXT)/warp
	docker build --pull=false --build-arg VPN_BASE=$(VPN_BASE_IMG) \
		-t $(E2E_VPN_REPO)-warp:$(IMAGE_TAG) -f fixtures/warp/Dockerfile $(WARP_CONTEXT)

## fixtures: the suite's stand-in programs, static, for their images.
fixtures:
	@mkdir -p $(BIN)/fixtures
	for f in $(FIXTURE_BINS); do \
		CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w" -o $(BIN)/fixtures/$$f \
			./fixtures/$$f || exit 1; \
	done

# Only the fixtures whose Dockerfile starts from the base get it (the rest are scratch).
fixture-images: fixtures base-if-local
	for f in $(FIXTURES); do \
		args=; grep -q BASE_IMAGE fixtures/$$f/Dockerfile && \
			args="--build-arg BASE_IMAGE=$(BASE_IMAGE)"; \
		docker build --pull=false $$args -t $(FIXTURE_REPO)-$$f:$(IMAGE_TAG) \
			-f fixtures/$$f/Dockerfile $(BIN)/fixtures || exit 1; \
	done

# The soak (label soak) runs in the one flavour's run that is SOAK_PROVIDER's: SOAK_CYCLES
# crashes, each followed by a full recovery and SOAK_PERIOD of a whole stack.
SOAK_PROVIDER ?= warp
SOAK_CYCLES   ?= 5
SOAK_PERIOD   ?= 20s

## e2e: build the images, then run the Docker end-to-end suite (no reruns of failures).
# testcontainers' reaper is an image to pull; the suite sweeps by label instead (and
# only exactly "true" turns the reaper off).
e2e: export TESTCONTAINERS_RYUK_DISABLED ?= true
e2e: images
	@rm -rf $(E2E_RESULTS) && mkdir -p $(E2E_RESULTS)
	$(GO) vet -tags e2e ./e2e/...
	status=0; for p in $(E2E_PROVIDERS); do \
		echo "== the suite on the $$p flavour"; \
		E2E_PROVIDER=$$p E2E_RESULTS=$(abspath $(E2E_RESULTS)) IMAGE_TAG=$(IMAGE_TAG) \
		SOAK_PROVIDER=$(SOAK_PROVIDER) SOAK_CYCLES=$(SOAK_CYCLES) SOAK_PERIOD=$(SOAK_PERIOD) \
		HEALER_IMG=$(HEALER_IMG) $(GO) test -tags e2e -count=1 -v -timeout $(E2E_TIMEOUT) \
			./e2e/ -ginkgo.v -ginkgo.timeout=$(E2E_TIMEOUT) $(E2E_FLAGS) \
			-ginkgo.junit-report=$(abspath $(E2E_RESULTS))/junit-$$p.xml || status=1; \
	done; exit $$status

## soak: only the soak, 100 crashes on SOAK_PROVIDER's flavour (about an hour); its
## report (soak.md, soak.png, soak.json) lands in results/e2e beside the JUnit file.
.PHONY: soak
soak: E2E_PROVIDERS = $(SOAK_PROVIDER)
soak: SOAK_CYCLES = 100
soak: E2E_TIMEOUT = 3h
soak: E2E_FLAGS = -ginkgo.label-filter=soak
soak: e2e

## sweep: remove what an earlier suite run left behind (by label).
sweep:
	scripts/sweep.sh

## shellcheck: lint the VPN image's scripts and the project's scripts.
shellcheck:
	shellcheck -x vpn/rootfs/usr/lib/vpn/*.sh vpn/rootfs/usr/local/bin/* \
		vpn/pia/rootfs/usr/lib/vpn/*.sh vpn/warp/rootfs/usr/lib/vpn/*.sh scripts/*.sh .ci/run

# The linters, pinned, built through the module proxy into bin/tools on first use: one
# folder per version, so that changing a version here installs it.
TOOLS := $(abspath $(BIN)/tools)
GOLANGCI_LINT_VERSION ?= v2.15.0
GOLANGCI_LINT := $(TOOLS)/golangci-lint-$(GOLANGCI_LINT_VERSION)/golangci-lint
ACTIONLINT_VERSION ?= v1.7.12
ACTIONLINT := $(TOOLS)/actionlint-$(ACTIONLINT_VERSION)/actionlint

$(GOLANGCI_LINT):
	GOBIN=$(dir $@) $(GO) install \
		github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

$(ACTIONLINT):
	GOBIN=$(dir $@) $(GO) install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)

.PHONY: lint lint-go
## lint: vet, golangci-lint (.golangci.yml, the suite included) and actionlint.
lint: vet lint-go lint-actions

lint-go: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run ./...

## lint-actions: actionlint over .github/workflows (it runs shellcheck on the workflows'
## scripts when shellcheck is there).
lint-actions: $(ACTIONLINT)
	$(ACTIONLINT)

## bench: the in-process benchmarks; writes bench/inprocess.json (raw trials and summary).
BENCH_TRIALS ?= 300
.PHONY: bench bench-smoke bench-live
bench:
	BENCH_RESULTS=$(abspath bench/inprocess.json) $(GO) test -run '^$$' -bench . \
		-benchtime=$(BENCH_TRIALS)x ./healer/cmd/healer/

## bench-smoke: every in-process benchmark once, so that none rots (CI runs it).
bench-smoke:
	$(GO) test -run '^$$' -bench . -benchtime=1x ./healer/...

## bench-live: the benchmarks that need an engine (make image first); writes bench/live.json.
LIVE_TRIALS ?= 60
LIVE_IDLE   ?= 10m
bench-live: image
	$(GO) run ./bench/live -trials $(LIVE_TRIALS) -idle $(LIVE_IDLE) -image $(HEALER_IMG) \
		-base $(BASE_IMAGE) -out bench/live.json
