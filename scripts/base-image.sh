#!/usr/bin/env bash
# Builds the local Debian base image the suite's images start from, unless it exists.
#
#   scripts/base-image.sh IMAGE
#
# mmdebstrap is given no mirror, so it uses this machine's own apt sources: nothing in
# the repo names a mirror host. The packages go into the base itself so that no image
# build needs egress (the classic builder here can't pull, and containers shouldn't
# reach out).
set -euo pipefail

readonly image=${1:?usage: base-image.sh IMAGE}
readonly suite=${BASE_SUITE:-bookworm}
# What the VPN image, the gateway and the namespace probe run: WireGuard, the
# firewall tools, ip, ps/pkill, curl for the healthcheck, nsenter (util-linux).
default_packages=iptables,iproute2,procps,curl,ca-certificates,util-linux
default_packages+=,wireguard-go,wireguard-tools
readonly packages=${BASE_PACKAGES:-$default_packages}

log() { echo "base-image: $*" >&2; }

if docker image inspect "$image" >/dev/null 2>&1; then
	log "$image exists"
	exit 0
fi

if ! command -v mmdebstrap >/dev/null 2>&1; then
	log "installing mmdebstrap"
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y mmdebstrap
fi

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

log "building $image ($suite: $packages)"
mmdebstrap --variant=minbase --include="$packages" \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-exclude=/usr/share/man/*' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	"$suite" "$workdir/base.tar"
docker import --change 'CMD ["/bin/bash"]' "$workdir/base.tar" "$image" >/dev/null
log "built $image"
