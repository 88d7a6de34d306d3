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
FIXTURE_REPO ?= healstack/e2e
FIXTURES     := gateway canary qbittorrent proxy nsprobe
# go test's own limit; the suite's specs carry their own, shorter ones.
E2E_TIMEOUT  ?= 20m
E2E_RESULTS  := $(RESULTS)/e2e
# Extra Ginkgo flags, e.g. E2E_FLAGS='-ginkgo.label-filter=isolation'.
E2E_FLAGS    ?=
DOCKER_BUILD := docker build --pull=false --build-arg BASE_IMAGE=$(BASE_IMAGE)

.PHONY: base-image base-if-local images vpn-images fixtures fixture-images e2e sweep shellcheck

## base-image: the local Debian base with everything the images need, unless present.
base-image:
	scripts/base-image.sh $(BASE_LOCAL)

# base-if-local builds the local base when the images are to start from it. It decides
# in its recipe, so that no other target (make test) ever asks the engine anything.
base-if-local:
	@if [ "$(BASE_IMAGE)" = "$(BASE_LOCAL)" ]; then scripts/base-image.sh $(BASE_LOCAL); fi

## images: every image of the suite, built here with no pull.
images: image vpn-images fixture-images

## vpn-images: the vendor-free VPN base, then the PIA flavour on it.
vpn-images: base-if-local
	$(DOCKER_BUILD) -t $(VPN_BASE_IMG) -f vpn/Dockerfile vpn
	docker build --pull=false --build-arg VPN_BASE=$(VPN_BASE_IMG) -t $(VPN_PIA_IMG) \
		-f vpn/pia/Dockerfile vpn/pia

## fixtures: the suite's stand-in programs, static, for their images.
fixtures:
	@mkdir -p $(BIN)/fixtures
	for f in $(FIXTURES); do \
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

## e2e: build the images, then run the Docker end-to-end suite (no reruns of failures).
# testcontainers' reaper is an image to pull; the suite sweeps by label instead (and
# only exactly "true" turns the reaper off).
e2e: export TESTCONTAINERS_RYUK_DISABLED ?= true
e2e: images
	@mkdir -p $(E2E_RESULTS)
	$(GO) vet -tags e2e ./e2e/...
	E2E_RESULTS=$(abspath $(E2E_RESULTS)) IMAGE_TAG=$(IMAGE_TAG) HEALER_IMG=$(HEALER_IMG) \
	$(GO) test -tags e2e -count=1 -v -timeout $(E2E_TIMEOUT) ./e2e/ \
		-ginkgo.v -ginkgo.timeout=$(E2E_TIMEOUT) $(E2E_FLAGS) \
		-ginkgo.junit-report=$(abspath $(E2E_RESULTS))/junit.xml

## sweep: remove what an earlier suite run left behind (by label).
sweep:
	scripts/sweep.sh

## shellcheck: lint the VPN image's scripts and the project's scripts.
shellcheck:
	shellcheck -x vpn/rootfs/usr/lib/vpn/*.sh vpn/rootfs/usr/local/bin/* \
		vpn/pia/rootfs/usr/lib/vpn/*.sh scripts/*.sh .ci/run

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
