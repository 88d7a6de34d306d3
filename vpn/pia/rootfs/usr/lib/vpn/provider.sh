# The PIA provider: Debian's wireguard-go and wg, configured from a wg-quick style file
# the user mounts read-only (WG_CONFIG). wg-quick itself is not used: it writes sysctls
# that a container cannot, and its policy routing would fight the kill switch.
# shellcheck shell=sh

WG_CONFIG=${WG_CONFIG:-/config/wg0.conf}
WG_INTERFACE=${WG_INTERFACE:-wg0}
# wireguard-go keeps its UAPI socket here; the pid file sits beside it. Both survive a
# container restart, which is why provider_clear_stale exists.
WG_RUN_DIR=/var/run/wireguard

provider_name() { echo pia; }
provider_daemon_name() { echo wireguard-go; }
provider_tunnel_interface() { echo "$WG_INTERFACE"; }

provider_check() {
	[ -r "$WG_CONFIG" ] || die "reading $WG_CONFIG: not a readable file (mount a wg-quick file there)"
	[ -n "$(wg_values Endpoint)" ] || die "reading $WG_CONFIG: no peer Endpoint"
	[ -n "$(wg_values Address)" ] || die "reading $WG_CONFIG: no interface Address"
}

# wg_values prints every value of a key in the config, one per line, commas split.
wg_values() {
	awk -v key="$1" '
		{ sub(/#.*/, "") }
		/=/ {
			k = $0; sub(/=.*/, "", k); gsub(/[ \t]/, "", k)
			if (tolower(k) != tolower(key)) next
			v = $0; sub(/^[^=]*=/, "", v); gsub(/[ \t]/, "", v)
			n = split(v, parts, ",")
			for (i = 1; i <= n; i++) if (parts[i] != "") print parts[i]
		}' "$WG_CONFIG"
}

# wg_stripped prints the config without the wg-quick-only keys, as `wg setconf` takes it.
wg_stripped() {
	awk '
		BEGIN {
			split("privatekey listenport fwmark publickey presharedkey allowedips " \
				"endpoint persistentkeepalive", names, " ")
			for (i in names) keep[names[i]] = 1
		}
		{ sub(/#.*/, "") }
		/^[ \t]*\[/ { print; next }
		/=/ {
			k = $0; sub(/=.*/, "", k); gsub(/[ \t]/, "", k)
			if (tolower(k) in keep) print
		}' "$WG_CONFIG"
}

# provider_endpoints prints "udp address port" per peer. Host names are refused: they
# would need a DNS lookup before the kill switch is in place.
provider_endpoints() {
	for endpoint in $(wg_values Endpoint); do
		port=${endpoint##*:}
		address=${endpoint%:*}
		address=${address#[}
		address=${address%]}
		case $address in
		*[!0-9a-fA-F.:]* | "")
			log error "endpoint must be an IP address" "endpoint=$endpoint"
			return 1
			;;
		esac
		echo "udp $address $port"
	done
}

provider_clear_stale() {
	for stale in "$WG_RUN_DIR/$WG_INTERFACE.sock" "$WG_RUN_DIR/$WG_INTERFACE.pid"; do
		if [ -e "$stale" ]; then
			log info "removing stale file" "path=$stale"
			rm -f "$stale"
		fi
	done
}

provider_start() {
	mkdir -p "$WG_RUN_DIR"
	# Endpoint routes are taken from the table as it is before the tunnel exists.
	pin_endpoint_routes
	route_lan_subnets
	WG_PROCESS_FOREGROUND=1 wireguard-go -f "$WG_INTERFACE" &
	DAEMON_PID=$!
	echo "$DAEMON_PID" >"$WG_RUN_DIR/$WG_INTERFACE.pid"
	wait_for_socket || die "starting wireguard-go: no UAPI socket within 5 s"
	wg_stripped | wg setconf "$WG_INTERFACE" /dev/stdin ||
		die "configuring $WG_INTERFACE from $WG_CONFIG: wg setconf failed"
	configure_interface
	log info "tunnel started" "daemon=wireguard-go" "pid=$DAEMON_PID" \
		"interface=$WG_INTERFACE" "endpoints=$(wg_values Endpoint | paste -sd, -)"
}

wait_for_socket() {
	tries=0
	while [ ! -S "$WG_RUN_DIR/$WG_INTERFACE.sock" ]; do
		tries=$((tries + 1))
		[ "$tries" -le 50 ] || return 1
		kill -0 "$DAEMON_PID" 2>/dev/null || return 1
		sleep 0.1
	done
}

# pin_endpoint_routes keeps each endpoint on the path it has now, so the tunnel's own
# packets never enter the tunnel.
pin_endpoint_routes() {
	for address in $(provider_endpoints | awk '{print $2}'); do
		route=$(ip route get "$address" 2>/dev/null | head -n 1)
		[ -n "$route" ] || die "routing endpoint $address: no route to it"
		via=$(printf '%s\n' "$route" | sed -n 's/.* via \([^ ]*\).*/via \1/p')
		dev=$(printf '%s\n' "$route" | sed -n 's/.* dev \([^ ]*\).*/dev \1/p')
		# shellcheck disable=SC2086 # via and dev are two words each, or empty
		ip route replace "$(host_prefix "$address")" $via $dev ||
			die "routing endpoint $address: ip route replace failed"
	done
}

# route_lan_subnets sends replies to LAN clients that are not on an attached network
# back the way they came, instead of into the tunnel.
route_lan_subnets() {
	default=$(ip route show default | head -n 1)
	[ -n "$default" ] || return 0
	for subnet in $(split_list "$LAN_SUBNETS"); do
		is_ipv6 "$subnet" && continue
		[ -z "$(ip route show "$subnet")" ] || continue
		# shellcheck disable=SC2086 # the default route's words, minus "default"
		ip route replace "$subnet" ${default#default} ||
			die "routing LAN subnet $subnet: ip route replace failed"
	done
}

configure_interface() {
	for address in $(wg_values Address); do
		ip address add "$address" dev "$WG_INTERFACE" ||
			die "adding address $address to $WG_INTERFACE"
	done
	mtu=$(wg_values MTU | head -n 1)
	ip link set "$WG_INTERFACE" mtu "${mtu:-1420}" up || die "bringing $WG_INTERFACE up"
	for allowed in $(wg_values AllowedIPs); do
		route_through_tunnel "$allowed"
	done
	set_dns
}

# route_through_tunnel adds a route for an allowed range. Default routes become two
# halves, which win over the container's own default route without replacing it.
route_through_tunnel() {
	case $1 in
	0.0.0.0/0) set -- 0.0.0.0/1 128.0.0.0/1 ;;
	::/0) set -- ::/1 8000::/1 ;;
	esac
	for range in "$@"; do
		if is_ipv6 "$range" && [ -z "$(ip -6 address show dev "$WG_INTERFACE")" ]; then
			continue
		fi
		ip route replace "$range" dev "$WG_INTERFACE" ||
			die "routing $range through $WG_INTERFACE"
	done
}

# set_dns points the resolver at the config's DNS servers, as wg-quick would.
set_dns() {
	servers=$(wg_values DNS)
	[ -n "$servers" ] || return 0
	# shellcheck disable=SC2086 # one nameserver line per server
	printf 'nameserver %s\n' $servers >/etc/resolv.conf ||
		log warn "writing /etc/resolv.conf failed; keeping the engine's resolver"
}

# provider_healthy adds the provider's own checks to the data-path probe; the page
# fetched through the tunnel ($1) says nothing about PIA.
provider_healthy() {
	wg show "$WG_INTERFACE" >/dev/null 2>&1 || die "wg show $WG_INTERFACE: no such tunnel"
}
