#!/usr/bin/env bash
# Fails when the statement coverage of the given packages, read from a Go cover
# profile, is under the floor (in percent).
# Usage: coverage-floor.sh PROFILE FLOOR PKG_DIR...
set -euo pipefail
profile=$1 floor=$2
shift 2
module=$(go list -m)
for dir in "$@"; do
	awk -v pkg="$module/$dir/" -v dir="$dir" '
		NR > 1 && index($1, pkg) == 1 && !seen[$1]++ {
			total += $2; if ($3 > 0) covered += $2
		}
		END {
			if (total == 0) { printf "coverage: no statements found for %s\n", dir; exit 1 }
			printf "%.1f %s\n", 100 * covered / total, dir
		}' "$profile"
done | while read -r pct dir; do
	echo "coverage of $dir: $pct% (floor $floor%)"
	if awk -v p="$pct" -v f="$floor" 'BEGIN { exit !(p < f) }'; then
		echo "coverage of $dir is under the floor" >&2
		exit 1
	fi
done
