#!/usr/bin/env bash
# cvegate checks itself: its own dependency list (scripts/self-inventory.sh)
# scanned against the NVD data in ../shared/data. It reports and never
# fails: Debian backports fixes into these packages, which the NVD's
# upstream version ranges cannot see, so findings here are for a person to
# read against Debian's security tracker, not a gate.
# Usage: scripts/self-scan.sh [BUILD_DIR] [DATA_DIR]
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
data=${2:-../shared/data}
if [ ! -d "$data/nvd/1.1" ]; then
  echo "self-scan: $data/nvd/1.1 not found; skipped"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash scripts/self-inventory.sh "$build/cvegate" > "$tmp/deps.txt" || exit 0
echo "self-scan: $(wc -l < "$tmp/deps.txt") Debian packages cvegate links against"
"$build/cvegate" db import --db "$tmp/nvd.db" "$data"/nvd/1.1/nvdcve-1.1-20{02..18}.json.gz \
  2> /dev/null || { echo "self-scan: import failed; skipped"; exit 0; }
"$build/cvegate" scan --db "$tmp/nvd.db" --exit-zero --output text -f dpkg "$tmp/deps.txt" 2>&1
exit 0
