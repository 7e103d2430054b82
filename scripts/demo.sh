#!/usr/bin/env bash
# Set up cvegate on a fresh Debian 12 machine and run the main job on an
# example: import the NVD 2002-2018 feeds, then gate the Ubuntu 12.04 SWID
# tags and write the JUnit report to demo/cve_test.xml.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
bash scripts/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)"
mkdir -p demo
rm -f demo/cvegate.db
./build/cvegate db import --db demo/cvegate.db "$data"/nvd/1.1/nvdcve-1.1-20{02..18}.json.gz
set +e
./build/cvegate scan --db demo/cvegate.db -o demo/cve_test.xml \
  "$data"/pkglists/ubuntu1204/dpkg-swid-full.xmls
status=$?
set -e
echo "exit status $status (1 means failing findings: see demo/cve_test.xml)"
[ "$status" -le 1 ]
