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
