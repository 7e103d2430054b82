#!/usr/bin/env bash
# Monitoring a released device: the Ubuntu 12.04 SWID tags scanned against
# the 2002-2017 feeds give the baseline report; the same list against a
# database that has the 2018 feed too, with --baseline, marks as new exactly
# the findings whose CVE the 2018 file brought, every other one as known,
# and resolves nothing. With --fail-on-new only the new ones fail.
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=$2
[ -d "$data/nvd/1.1" ] || { echo "skip: no $data/nvd/1.1"; exit 77; }
command -v python3 > /dev/null || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
list=$data/pkglists/ubuntu1204/dpkg-swid-full.xmls
export SOURCE_DATE_EPOCH=1700000000

"$cvegate" db import --db "$tmp/old.db" "$data"/nvd/1.1/nvdcve-1.1-20{02..17}.json.gz 2> /dev/null
cp "$tmp/old.db" "$tmp/new.db"
"$cvegate" db import --db "$tmp/new.db" "$data/nvd/1.1/nvdcve-1.1-2018.json.gz" 2> /dev/null
set +e
"$cvegate" scan --db "$tmp/old.db" --output "json=$tmp/old.json" "$list" 2> /dev/null
"$cvegate" scan --db "$tmp/new.db" --baseline "$tmp/old.json" --output "json=$tmp/new.json" \
  "$list" 2> "$tmp/new.err"
"$cvegate" scan --db "$tmp/new.db" --baseline "$tmp/old.json" --fail-on-new \
  --output "json=$tmp/gate.json" "$list" 2> /dev/null
gate_rc=$?
"$cvegate" scan --db "$tmp/new.db" --baseline "$tmp/new.json" --fail-on-new \
  --output "json=$tmp/same.json" "$list" 2> /dev/null
same_rc=$?
set -e
python3 - "$data/nvd/1.1/nvdcve-1.1-2018.json.gz" "$tmp" "$gate_rc" "$same_rc" <<'PY' || exit 1
import gzip, json, sys
feed, tmp, gate_rc, same_rc = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
ids2018 = {i["cve"]["CVE_data_meta"]["ID"] for i in json.load(gzip.open(feed))["CVE_Items"]}
old = json.load(open(f"{tmp}/old.json"))
new = json.load(open(f"{tmp}/new.json"))
gate = json.load(open(f"{tmp}/gate.json"))
def fail(msg):
    print("FAIL:", msg); sys.exit(1)
oldkeys = {(f["package"], f["cve"]) for f in old["findings"]}
marks = {(f["package"], f["cve"]): f["baseline"] for f in new["findings"]}
new_ones = {k for k, m in marks.items() if m == "new"}
if not new_ones:
    fail("no new findings: the 2018 feed should bring some")
for (pkg, cve), m in marks.items():
    want = "new" if cve in ids2018 and (pkg, cve) not in oldkeys else "known"
    if m != want:
        fail(f"{pkg} {cve}: marked {m}, expected {want}")
if new["resolved"]:
    fail(f"resolved: {new['resolved'][:3]}")
if any(f["failing"] for f in gate["findings"] if f["baseline"] == "known"):
    fail("a known finding fails under --fail-on-new")
new_failing = sum(f["failing"] for f in gate["findings"] if f["baseline"] == "new")
if (gate_rc == 1) != (new_failing > 0):
    fail(f"exit {gate_rc} with {new_failing} new failing findings")
if same_rc != 0:
    fail(f"against itself with --fail-on-new: exit {same_rc}")
nnew = sum(f["baseline"] == "new" for f in new["findings"])
print(f"baseline: {nnew} new findings (all from the 2018 feed), "
      f"{len(new['findings']) - nnew} known, 0 resolved; {new_failing} of the new ones fail")
PY
grep -q "against the baseline: [0-9]* new, [0-9]* known, 0 resolved" "$tmp/new.err" ||
  fail "no baseline line on stderr: $(cat "$tmp/new.err")"
