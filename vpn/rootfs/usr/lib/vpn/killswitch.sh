# The kill switch: one filter table per family, built from the tunnel interface, the
# provider's endpoints and the LAN subnets, applied in one step by *tables-restore.
# shellcheck shell=sh

# killswitch_rules FAMILY TUNNEL ENDPOINTS prints the filter table for family 4 or 6.
# ENDPOINTS holds lines "proto address port". Only replies go out to the LAN: a new
# connection towards it would leave the tunnel.
killswitch_rules() {
	family=$1 tunnel=$2 endpoints=$3
	echo '*filter'
	echo ':INPUT DROP [0:0]'
	echo ':FORWARD DROP [0:0]'
	echo ':OUTPUT DROP [0:0]'
	echo '-A INPUT -i lo -j ACCEPT'
	echo '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'
	echo "-A INPUT -i $tunnel -j ACCEPT"
	killswitch_endpoint_rules "$family" "$endpoints"
	for subnet in $(split_list "$LAN_SUBNETS"); do
		if [ "$(family_of "$subnet")" = "$family" ]; then
			echo "-A INPUT -s $subnet -m conntrack --ctstate NEW -j ACCEPT"
		fi
	done
	echo '-A OUTPUT -o lo -j ACCEPT'
	echo '-A OUTPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'
	echo "-A OUTPUT -o $tunnel -j ACCEPT"
	echo 'COMMIT'
}

# killswitch_endpoint_rules lets the tunnel's own packets reach the endpoint: its
# address (or range) and port only, whatever interface the route picks.
killswitch_endpoint_rules() {
	family=$1
	printf '%s\n' "$2" | while read -r proto address port; do
		[ -n "$address" ] || continue
		[ "$(family_of "$address")" = "$family" ] || continue
		host=$(host_prefix "$address")
		echo "-A INPUT -s $host -p $proto -m $proto --sport $port -j ACCEPT"
		echo "-A OUTPUT -d $host -p $proto -m $proto --dport $port -j ACCEPT"
	done
}

family_of() {
	if is_ipv6 "$1"; then echo 6; else echo 4; fi
}

# host_prefix gives a bare address its host prefix; a range (WARP's ingress) stays as is.
host_prefix() {
	case $1 in
	*/*) echo "$1" ;;
	*:*) echo "$1/128" ;;
	*) echo "$1/32" ;;
	esac
}

# saved_rules prints the live filter table of a family without comments or counters,
# the form the healthcheck and the suite compare.
saved_rules() {
	if [ "$1" = 6 ]; then save=ip6tables-save; else save=iptables-save; fi
	"$save" -t filter | sed -e '/^#/d' -e 's/ \[[0-9]*:[0-9]*\]$//'
}

# killswitch_install applies both families, then stores what the kernel reports as the
# expected rule sets. Either restore failing leaves the caller to exit.
killswitch_install() {
	tunnel=$1 endpoints=$2
	mkdir -p "$VPN_RUN"
	for family in 4 6; do
		killswitch_rules "$family" "$tunnel" "$endpoints" >"$VPN_RUN/rules.v$family"
	done
	iptables-restore <"$VPN_RUN/rules.v4" || return 1
	ip6tables-restore <"$VPN_RUN/rules.v6" || return 1
	saved_rules 4 >"$VPN_RUN/expected.v4" || return 1
	saved_rules 6 >"$VPN_RUN/expected.v6" || return 1
}

# killswitch_verify succeeds when both live rule sets equal the ones installed.
killswitch_verify() {
	for family in 4 6; do
		if ! saved_rules "$family" | cmp -s - "$VPN_RUN/expected.v$family"; then
			log warn "kill switch rules differ from the installed ones" "family=ipv$family"
			return 1
		fi
	done
}
