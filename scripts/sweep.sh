#!/usr/bin/env bash
# Removes what an earlier run of the suite left behind: containers, then networks and
# volumes, found by label. Without testcontainers' reaper (it can't be pulled here)
# nothing else cleans up after a killed run.
set -euo pipefail

readonly labels=(io.healstack.e2e=true org.testcontainers=true)

log() { echo "sweep: $*" >&2; }

# remove KIND LIST-COMMAND... removes every object the listing prints, one call each.
remove() {
	local kind=$1
	shift
	local ids
	ids=$("$@" | sort -u)
	if [[ -z $ids ]]; then
		return
	fi
	log "removing $(wc -w <<<"$ids") ${kind}(s)"
	# shellcheck disable=SC2086 # one word per id
	case $kind in
	container) docker rm -f -v $ids >/dev/null ;;
	network) docker network rm $ids >/dev/null ;;
	volume) docker volume rm -f $ids >/dev/null ;;
	esac
}

list() {
	local kind=$1
	for label in "${labels[@]}"; do
		case $kind in
		container) docker ps -aq --filter "label=$label" ;;
		network) docker network ls -q --filter "label=$label" ;;
		volume) docker volume ls -q --filter "label=$label" ;;
		esac
	done
}

for kind in container network volume; do
	remove "$kind" list "$kind"
done
