#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, or stops the one this script started.
#
#   scripts/engine.sh        start containerd and dockerd unless `docker info` answers
#   scripts/engine.sh stop   stop dockerd, then containerd
#
# The start order matters: dockerd started alone trips over a containerd socket left
# behind by an unclean end, so containerd comes first and must answer before dockerd.
set -euo pipefail

readonly CONTAINERD_SOCK=/run/containerd/containerd.sock
readonly CONTAINERD_LOG=/var/log/healstack-containerd.log
readonly DOCKERD_LOG=/var/log/healstack-dockerd.log
readonly DOCKERD_PID=/var/run/docker.pid

log() { echo "engine: $*" >&2; }

# wait_for runs a command until it succeeds or the given number of seconds passed.
wait_for() {
	local seconds=$1
	shift
	local deadline=$((SECONDS + seconds))
	until "$@" >/dev/null 2>&1; do
		if ((SECONDS >= deadline)); then
			return 1
		fi
		sleep 0.5
	done
}

engine_answers() { docker info >/dev/null 2>&1; }

# running tells whether a live process has exactly this name. A killed daemon may stay a
# zombie until its parent reaps it, and pgrep counts zombies.
# shellcheck disable=SC2009 # pgrep cannot leave zombies out
running() { ps -C "$1" -o stat= 2>/dev/null | grep -qv '^Z'; }

# live_pids lists the processes with exactly this name, zombies left out.
live_pids() { ps -C "$1" -o pid=,stat= 2>/dev/null | awk '$2 !~ /^Z/ {print $1}'; }

install_engine() {
	if command -v dockerd >/dev/null 2>&1; then
		return
	fi
	log "installing docker.io"
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io
}

# clear_stale removes what a killed run left behind and would stop a new start.
clear_stale() {
	if [[ -f $DOCKERD_PID ]] && ! running dockerd; then
		log "removing stale $DOCKERD_PID"
		rm -f "$DOCKERD_PID"
	fi
	if [[ -S $CONTAINERD_SOCK ]] && ! running containerd; then
		log "removing stale $CONTAINERD_SOCK"
		rm -f "$CONTAINERD_SOCK"
	fi
}

start_containerd() {
	if ! running containerd; then
		log "starting containerd (log: $CONTAINERD_LOG)"
		setsid nohup containerd >>"$CONTAINERD_LOG" 2>&1 </dev/null &
	fi
	if ! wait_for 30 ctr --address "$CONTAINERD_SOCK" version; then
		log "containerd did not answer within 30 s"
		tail -n 30 "$CONTAINERD_LOG" >&2 || true
		exit 1
	fi
}

start_dockerd() {
	if ! running dockerd; then
		log "starting dockerd (log: $DOCKERD_LOG)"
		setsid nohup dockerd --containerd="$CONTAINERD_SOCK" \
			>>"$DOCKERD_LOG" 2>&1 </dev/null &
	fi
	if ! wait_for 60 docker info; then
		log "dockerd did not answer within 60 s"
		tail -n 30 "$DOCKERD_LOG" >&2 || true
		exit 1
	fi
}

# stop_process sends TERM to every process with the exact name and waits for them to go.
stop_process() {
	local name=$1
	local pids
	pids=$(live_pids "$name" | paste -sd ' ')
	if [[ -z $pids ]]; then
		return
	fi
	log "stopping $name ($pids)"
	# shellcheck disable=SC2086 # one word per pid
	kill -TERM $pids 2>/dev/null || true
	if ! wait_for 30 not_running "$name"; then
		log "$name did not stop within 30 s, killing it"
		# shellcheck disable=SC2086
		kill -KILL $pids 2>/dev/null || true
	fi
}

not_running() { ! running "$1"; }

start() {
	if engine_answers; then
		exit 0
	fi
	install_engine
	clear_stale
	start_containerd
	start_dockerd
	log "docker engine answers"
}

stop() {
	stop_process dockerd
	stop_process containerd
}

case "${1:-start}" in
start) start ;;
stop) stop ;;
*)
	echo "usage: $0 [start|stop]" >&2
	exit 2
	;;
esac
