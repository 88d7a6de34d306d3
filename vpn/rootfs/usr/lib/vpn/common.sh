# Shared by the entrypoint and the healthcheck: paths, settings and logging.
# shellcheck shell=sh

# The suite and the healthcheck read these; compose mounts a tmpfs on VPN_RUN so that
# a restarted container starts without the previous run's mark.
VPN_RUN=${VPN_RUN:-/run/vpn}
# shellcheck disable=SC2034 # read by the scripts that source this file
VPN_MARK=$VPN_RUN/killswitch
# Comma-separated subnets allowed to open connections to the container (the WebUI).
LAN_SUBNETS=${LAN_SUBNETS:-}

# log prints one logfmt line on stderr: time, level, msg and optional key=value pairs.
log() {
	level=$1 msg=$2
	shift 2
	printf 'time=%s level=%s msg="%s"' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$level" "$msg" >&2
	for pair in "$@"; do
		printf ' %s' "$pair" >&2
	done
	printf '\n' >&2
}

die() {
	log error "$1"
	exit 1
}

# is_ipv6 tells an IPv6 address or subnet from an IPv4 one.
is_ipv6() {
	case $1 in
	*:*) return 0 ;;
	*) return 1 ;;
	esac
}

# split_list turns a comma- or space-separated list into one word per line.
split_list() {
	printf '%s\n' "$1" | sed -e 's/[, ][, ]*/\n/g' | sed '/^$/d'
}
