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

if [ -n "$data" ] && [ -f "$data/pkglists/debian/debian12-dpkg-status" ]; then
  "$cvegate" db import --db "$tmp/nvd.db" "$data"/nvd/1.1/nvdcve-1.1-20{02..18}.json.gz 2> /dev/null
  scan debian12 "$data/pkglists/debian/debian12-dpkg-status" "$tmp/nvd.db"
else
  echo "(no shared data: the Debian status scan is skipped)"
fi
[ -n "$schema" ] || echo "note: the SARIF schema was not available: structural checks only"
echo "report formats: all checks passed"
