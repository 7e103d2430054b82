#!/usr/bin/env bash
# cvegate's own dependency list: the Debian packages that ship the shared
# libraries the built program loads, with their versions and source
# packages, as `dpkg-query -W -f '${Package}\t${Version}\t${Source}\n'`
# prints them (a format `cvegate scan` reads).
# Usage: scripts/self-inventory.sh [CVEGATE_BINARY] > deps.txt
set -euo pipefail
bin=${1:-build/cvegate}
[ -x "$bin" ] || { echo "self-inventory: $bin not built" >&2; exit 2; }
libs=$(ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
pkgs=$(for l in $libs; do
         real=$(readlink -f "$l")
         dpkg-query -S "$real" 2> /dev/null || dpkg-query -S "$l" 2> /dev/null || true
       done | cut -d: -f1 | sort -u)
[ -n "$pkgs" ] || { echo "self-inventory: no Debian package owns the libraries" >&2; exit 1; }
# shellcheck disable=SC2086
dpkg-query -W -f '${Package}\t${Version}\t${Source}\n' $pkgs
