# The WARP provider: Cloudflare's client, whose daemon warp-svc makes the tunnel
# interface and its routes itself, driven through its socket by warp-cli. This file
# starts the daemon, registers once (the registration lives in a volume) and connects.
# The suite's image runs this same file over stand-ins of warp-svc and warp-cli.
# shellcheck shell=sh

WARP_INTERFACE=CloudflareWARP
# Where warp-svc listens for warp-cli, and where it keeps its registration.
WARP_SOCKET=/run/cloudflare-warp/warp_service
WARP_STATE_DIR=/var/lib/cloudflare-warp
# Seconds to wait for the daemon's socket, then for the tunnel to connect.
WARP_SOCKET_TIMEOUT=${WARP_SOCKET_TIMEOUT:-60}
WARP_CONNECT_TIMEOUT=${WARP_CONNECT_TIMEOUT:-60}

# What the client must reach before its tunnel exists, from Cloudflare's "WARP with
# firewall" page (vpn/README.md says which line is which): the client orchestration API
# (registration), the WireGuard and MASQUE ingress ranges with their fallback ports, and
# HTTPS to the ingress ranges for the connectivity check. Entries are
# "proto address-or-range port[,port...]", separated by ";".
WARP_DEFAULT_ENDPOINTS="
tcp 162.159.137.105 443; tcp 162.159.138.105 443;
tcp 2606:4700:7::a29f:8969 443; tcp 2606:4700:7::a29f:8a69 443;
udp 162.159.192.0/24 2408,500,1701,4500; tcp 162.159.192.0/24 443;
udp 162.159.193.0/24 2408,500,1701,4500; tcp 162.159.193.0/24 443;
udp 2606:4700:100::/48 2408,500,1701,4500; tcp 2606:4700:100::/48 443;
udp 162.159.197.0/24 443,500,1701,4500,4443,8443,8095; tcp 162.159.197.0/24 443;
udp 2606:4700:102::/48 443,500,1701,4500,4443,8443,8095; tcp 2606:4700:102::/48 443"
WARP_ENDPOINTS=${WARP_ENDPOINTS:-$WARP_DEFAULT_ENDPOINTS}

provider_name() { echo warp; }
provider_daemon_name() { echo warp-svc; }
provider_tunnel_interface() { echo "$WARP_INTERFACE"; }

provider_check() {
	for tool in warp-svc warp-cli; do
		command -v "$tool" >/dev/null || die "finding $tool: not installed in this image"
	done
	provider_endpoints >/dev/null || die "reading WARP_ENDPOINTS: see the error above"
}

# provider_endpoints prints "proto address port" for every port of every entry. Host
# names are refused: they would need a DNS lookup before the kill switch is in place.
provider_endpoints() {
	printf '%s\n' "$WARP_ENDPOINTS" | tr ';' '\n' | while read -r proto address ports rest; do
		[ -n "$proto" ] || continue
		if ! valid_endpoint "$proto" "$address" "$ports" "$rest"; then
			log error "endpoint must be tcp or udp, an IP address or range, and ports" \
				"entry=\"$proto $address $ports${rest:+ $rest}\""
			return 1
		fi
		for port in $(split_list "$ports"); do
			echo "$proto $address $port"
		done
	done
}

valid_endpoint() {
	case $1 in tcp | udp) ;; *) return 1 ;; esac
	case $2 in *[!0-9a-fA-F.:/]* | "") return 1 ;; esac
	case $3 in *[!0-9,]* | "") return 1 ;; esac
	[ -z "$4" ]
}

# provider_clear_stale removes the socket a killed daemon left behind: /run outlives a
# container restart, and a socket nobody listens on would fool the wait below.
provider_clear_stale() {
	if [ -e "$WARP_SOCKET" ]; then
		log info "removing stale file" "path=$WARP_SOCKET"
		rm -f "$WARP_SOCKET"
	fi
}

provider_start() {
	mkdir -p "$(dirname "$WARP_SOCKET")" "$WARP_STATE_DIR"
	warp-svc --accept-tos &
	DAEMON_PID=$!
	wait_for_daemon ||
		die "starting warp-svc: its socket $WARP_SOCKET did not answer within $WARP_SOCKET_TIMEOUT s"
	register
	if ! out=$(warp_cli connect 2>&1); then
		die "connecting: warp-cli connect failed: $out"
	fi
	wait_for_tunnel ||
		die "connecting: $WARP_INTERFACE not connected within $WARP_CONNECT_TIMEOUT s"
	log info "tunnel started" "daemon=warp-svc" "pid=$DAEMON_PID" \
		"interface=$WARP_INTERFACE"
}

# warp_cli accepts the terms of service on every call: nobody is there to answer the
# question the client would otherwise ask.
warp_cli() {
	warp-cli --accept-tos "$@"
}

# wait_for_daemon polls for the daemon's answer with a pause that doubles from 0.1 s to
# 1 s, until WARP_SOCKET_TIMEOUT seconds have passed or the daemon is gone.
wait_for_daemon() {
	started=$(now_ms)
	pause=0.1
	log info "waiting for warp-svc's socket" "path=$WARP_SOCKET" \
		"timeout=${WARP_SOCKET_TIMEOUT}s"
	until [ -S "$WARP_SOCKET" ] && warp_cli status >/dev/null 2>&1; do
		kill -0 "$DAEMON_PID" 2>/dev/null || return 1
		[ $(($(now_ms) - started)) -lt $((WARP_SOCKET_TIMEOUT * 1000)) ] || return 1
		sleep "$pause"
		pause=$(next_pause "$pause")
	done
	waited=$(($(now_ms) - started))
	log info "warp-svc answers" "waited=$((waited / 1000)).$(printf %03d $((waited % 1000)))s"
}

# now_ms is the time in milliseconds (GNU date, as in the Debian base).
now_ms() {
	date +%s%3N
}

next_pause() {
	case $1 in
	0.1) echo 0.2 ;;
	0.2) echo 0.5 ;;
	*) echo 1 ;;
	esac
}

# register keeps a stored registration: registering anew on every start would make a
# new device at Cloudflare each time.
register() {
	if warp_cli registration show >/dev/null 2>&1; then
		log info "using the stored registration" "dir=$WARP_STATE_DIR"
		return 0
	fi
	log info "registering this device" "dir=$WARP_STATE_DIR"
	if ! out=$(warp_cli registration new 2>&1); then
		die "registering: warp-cli registration new failed: $out"
	fi
}

# wait_for_tunnel waits until the client says it is connected and its interface is up.
wait_for_tunnel() {
	started=$(now_ms)
	until warp_connected && link_up "$WARP_INTERFACE"; do
		kill -0 "$DAEMON_PID" 2>/dev/null || return 1
		[ $(($(now_ms) - started)) -lt $((WARP_CONNECT_TIMEOUT * 1000)) ] || return 1
		sleep 0.2
	done
}

warp_connected() {
	warp_cli status 2>/dev/null | grep -q '^Status update: Connected'
}

link_up() {
	case $(ip -o link show dev "$1" 2>/dev/null) in
	*"<"*UP*">"*) return 0 ;;
	*) return 1 ;;
	esac
}

# provider_healthy adds what WARP itself says: the daemon runs, and the trace page
# fetched through the tunnel ($1) reports warp=on (or plus, for WARP+ accounts).
provider_healthy() {
	pgrep -x warp-svc >/dev/null || die "warp-svc is not running"
	if ! printf '%s\n' "$1" | grep -Eqx 'warp=(on|plus)'; then
		die "the trace page does not say warp=on or warp=plus: traffic bypassed WARP"
	fi
}
