#!/usr/bin/env bash
# Prints the base image the suite's images start from when BASE_IMAGE is not given:
# the local one (make base-image) where it exists or can be built from this machine's
# Debian apt sources, debian:bookworm-slim elsewhere (pulled, as on GitHub's runners).
#
#   scripts/pick-base.sh LOCAL_IMAGE
set -euo pipefail

readonly local_image=${1:?usage: pick-base.sh LOCAL_IMAGE}

if docker image inspect "$local_image" >/dev/null 2>&1; then
	echo "$local_image"
elif [[ -r /etc/os-release ]] && grep -qx 'ID=debian' /etc/os-release; then
	echo "$local_image"
else
	echo debian:bookworm-slim
fi
