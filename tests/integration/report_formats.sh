#!/usr/bin/env bash
# Every report format from one scan, checked as the tools that read them do
# (tests/tools/check_reports.py): the SARIF against the OASIS SARIF 2.1.0
# JSON schema when it can be had, plus GitHub's rules (every result located
# at the inventory file and a line >= 1); the JSON against
# docs/report-json.md; the CSV as RFC 4180 without formula cells. First on
# the CLI fixtures, then, when ../shared/data is there, on the Debian 12
# dpkg status (797 packages) against NVD 1.1 2002-2018.
# The schema: $CVG_SARIF_SCHEMA, or a cached copy, or fetched once with
# `npm pack @microsoft/jest-sarif@1.0.0-beta.0` (it ships
# lib/schemas/sarif-2.1.0-rtm.5.json); without it (or without python's
# jsonschema) the structural checks still run and the output says so.
# Arguments: CVEGATE_BINARY [SHARED_DATA_DIR]
set -euo pipefail
cvegate=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
data=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 > /dev/null || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export SOURCE_DATE_EPOCH=1700000000

# the schema, and a python that has jsonschema
schema=${CVG_SARIF_SCHEMA:-}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/cvegate-tests
if [ -z "$schema" ] && [ -s "$cache/sarif-2.1.0-rtm.5.json" ]; then
  schema=$cache/sarif-2.1.0-rtm.5.json
fi
if [ -z "$schema" ] && command -v npm > /dev/null; then
  mkdir -p "$cache" "$tmp/npm"
  if (cd "$tmp/npm" && timeout 120 npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 > /dev/null 2>&1) &&
     tar -xzf "$tmp"/npm/*.tgz -C "$tmp/npm" package/lib/schemas/sarif-2.1.0-rtm.5.json 2> /dev/null; then
    cp "$tmp/npm/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$cache/"
    schema=$cache/sarif-2.1.0-rtm.5.json
  fi
fi
py=python3
for p in python3 /usr/bin/python3; do
  if command -v "$p" > /dev/null && "$p" -c 'import jsonschema' 2> /dev/null; then py=$p; break; fi
done
args=()
[ -n "$schema" ] && args+=(--sarif-schema "$schema")

# scan LABEL LIST DB EXTRA...: all formats at once, then check them
scan() {
  local label=$1 list=$2 db=$3
  shift 3
  set +e
  "$cvegate" scan --db "$db" "$@" --output json="$tmp/$label.json" --output csv="$tmp/$label.csv" \
    --output sarif="$tmp/$label.sarif" --output junit="$tmp/$label.xml" \
    --output text="$tmp/$label.txt" "$list" 2> "$tmp/$label.err"
  local rc=$?
  set -e
  [ $rc = 0 ] || [ $rc = 1 ] || fail "$label: exit $rc: $(cat "$tmp/$label.err")"
  echo "$label:"
  "$py" "$here/../tools/check_reports.py" --json "$tmp/$label.json" --csv "$tmp/$label.csv" \
    --sarif "$tmp/$label.sarif" --inventory "$list" "${args[@]}" || fail "$label"
}

cd "$here/../data/cli"
"$cvegate" db import --db "$tmp/cli.db" feed-2.0.json feed-1.1.json 2> /dev/null
scan fixtures list-ipk.txt "$tmp/cli.db" --map map.txt -i ignore.txt

# several inventories in one run: two lists with the same file name in
# different folders, every format; the JSON, CSV and SARIF checks above with
# both inventories, the JUnit through xmllint, CycloneDX and OpenVEX by
# their references, the HTML in Chromium when it is installed
mkdir -p "$tmp/b"
sed 's/foo_1.1-r0/foo_1.0-r0/' list-ipk.txt > "$tmp/b/list-ipk.txt"
set +e
"$cvegate" scan --db "$tmp/cli.db" --map map.txt -i ignore.txt --output json="$tmp/m.json" \
  --output csv="$tmp/m.csv" --output sarif="$tmp/m.sarif" --output junit="$tmp/m.xml" \
  --output cyclonedx="$tmp/m.cdx.json" --output openvex="$tmp/m.vex.json" \
  --output html="$tmp/m.html" list-ipk.txt "$tmp/b/list-ipk.txt" 2> "$tmp/m.err"
rc=$?
set -e
[ $rc = 1 ] || fail "two inventories: exit $rc, expected 1: $(cat "$tmp/m.err")"
echo "two inventories:"
"$py" "$here/../tools/check_reports.py" --json "$tmp/m.json" --csv "$tmp/m.csv" \
  --sarif "$tmp/m.sarif" --inventory list-ipk.txt --inventory "$tmp/b/list-ipk.txt" \
  "${args[@]}" || fail "two inventories"
if command -v xmllint > /dev/null; then
  xmllint --noout "$tmp/m.xml" || fail "junit: not well-formed"
  [ "$(xmllint --xpath 'count(/testsuites/testsuite)' "$tmp/m.xml")" = 2 ] ||
    fail "junit: expected two <testsuite>"
  names=$(xmllint --xpath '/testsuites/testsuite/@name' "$tmp/m.xml")
  [ "$(echo "$names" | sort -u | wc -l)" = 2 ] || fail "junit: suite names not distinct: $names"
  total=$(xmllint --xpath 'string(/testsuites/@tests)' "$tmp/m.xml")
  sum=$(xmllint --xpath 'sum(/testsuites/testsuite/@tests)' "$tmp/m.xml")
  [ "$total" = "$sum" ] && [ "$total" = "$(xmllint --xpath 'count(//testcase)' "$tmp/m.xml")" ] ||
    fail "junit: counts $total, $sum"
  echo "junit: 2 suites, $total test cases"
fi
"$py" - "$tmp" <<'PY' || fail "two inventories: CycloneDX/OpenVEX"
import json, sys
tmp = sys.argv[1]
def fail(msg):
    print("FAIL:", msg); sys.exit(1)
cdx = json.load(open(f"{tmp}/m.cdx.json"))
refs = [c["bom-ref"] for c in cdx["components"]] + [v["bom-ref"] for v in cdx["vulnerabilities"]]
if len(refs) != len(set(refs)):
    fail("CycloneDX: bom-refs repeat")
invs = {p["value"] for c in cdx["components"] for p in c["properties"] if p["name"] == "cvegate:inventory"}
if len(invs) != 2 or any(not any(p["name"] == "cvegate:inventory" for p in c["properties"]) for c in cdx["components"]):
    fail("CycloneDX: every component names one of the two inventories: %r" % invs)
for v in cdx["vulnerabilities"]:
    for a in v["affects"]:
        if a["ref"] not in refs:
            fail("CycloneDX: %s affects an unknown ref" % v["id"])
meta = [p["value"] for p in cdx["metadata"]["properties"] if p["name"] == "cvegate:inventory"]
if len(meta) != 2:
    fail("CycloneDX: metadata names %d inventories" % len(meta))
vex = json.load(open(f"{tmp}/m.vex.json"))
for s in vex["statements"]:
    ids = [p["@id"] for p in s["products"]]
    if len(ids) != len(set(ids)):
        fail("OpenVEX: %s names a product twice" % s["vulnerability"]["name"])
print("cyclonedx: %d components from 2 inventories, %d vulnerabilities; openvex: %d statements"
      % (len(cdx["components"]), len(cdx["vulnerabilities"]), len(vex["statements"])))
PY
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$tmp/profile" --dump-dom "file://$tmp/m.html" \
    > "$tmp/m.dom" 2> /dev/null || fail "chromium"
  "$py" - "$tmp/m.dom" <<'PY' || fail "two inventories: HTML"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.ids = {}; self.invs = []; self.rows = 0; self.cur = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids[a["id"]] = self.ids.get(a["id"], 0) + 1
        if a.get("class") == "inventory":
            self.invs.append(a.get("data-inventory"))
        if tag == "table" and a.get("id") == "inventories":
            self.cur = "inv"
        if tag == "tr" and self.cur == "inv":
            self.rows += 1
    def handle_endtag(self, tag):
        if tag == "table":
            self.cur = None
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
dup = [i for i, n in p.ids.items() if n > 1]
if dup:
    print("FAIL: ids repeat:", dup); sys.exit(1)
if len(p.invs) != 2 or len(set(p.invs)) != 2:
    print("FAIL: inventory sections:", p.invs); sys.exit(1)
if p.rows != 3 or "filter" not in p.ids:
    print("FAIL: inventories table rows %d, filter box %s" % (p.rows, "filter" in p.ids)); sys.exit(1)
print("html: rendered, 2 inventory sections, per-inventory table, filter box")
PY
else
  echo "(chromium not installed: the HTML of two inventories is not rendered)"
fi

if [ -n "$data" ] && [ -f "$data/pkglists/debian/debian12-dpkg-status" ]; then
  "$cvegate" db import --db "$tmp/nvd.db" "$data"/nvd/1.1/nvdcve-1.1-20{02..18}.json.gz 2> /dev/null
  scan debian12 "$data/pkglists/debian/debian12-dpkg-status" "$tmp/nvd.db"
else
  echo "(no shared data: the Debian status scan is skipped)"
fi
[ -n "$schema" ] || echo "note: the SARIF schema was not available: structural checks only"
echo "report formats: all checks passed"
