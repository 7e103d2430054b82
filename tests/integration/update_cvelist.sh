#!/usr/bin/env bash
# db update --source cvelist against tests/tools/cvelist_server.py, which
# serves the real CVE JSON 5 records of ../shared/data/cvelist5 as the CVE
# Program's release archives (a full zip holding cves.zip, cumulative delta
# zips) with a releases.json in the GitHub releases API's shape:
#   1. first update: the full archive and the day's delta, a new file
#   2. archives whose sha256 digest or size does not match the listing, or
#      that are missing: refused, the database unchanged (sqlite3 .dump)
#   3. second update: only the newer delta (after one 500, retried)
#   4. third update: nothing
#   5. a mirror directory, a local cvelistV5 checkout, then releases again
#   6. db status shows the cvelist source and its age; --source all refuses
#      a mirror
# Counts are exact: 22 PUBLISHED records in the full archive, the REJECTED
# CVE-2023-32001 in the 0600Z delta, CVE-2025-6965 re-dated 2030 by both
# deltas.
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
[ -d "$data/cvelist5" ] || { echo "skip: no $data/cvelist5"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d)
server=
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/out" ] && cat "$tmp/out"; exit 1; }

# The CVE List import (cvg_db_import of record files, trees and zips into
# the cve5 tables, schema 3) comes with the CVE List v5 import work; a
# build without it has no cve5 table to update.
"$cvegate" db import --db "$tmp/probe.db" "$data/cvelist5/CVE-2025-6965.json" \
  > /dev/null 2>&1 || true
if [ "$(sqlite3 "$tmp/probe.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'cve5'" \
      2>/dev/null)" != 1 ]; then
  echo "skip: this cvegate does not import CVE List v5 records (no cve5 table)"
  exit 77
fi

python3 "$src/tests/tools/cvelist_server.py" "$data" > "$tmp/port" &
server=$!
for _ in $(seq 200); do grep -q PORT "$tmp/port" && break; sleep 0.05; done
port=$(sed -n 's/^PORT //p' "$tmp/port")
[ -n "$port" ] || fail "the test server did not start"
url=http://127.0.0.1:$port

export CVEGATE_NOW=2025-07-03T12:00:00Z
db=$tmp/dbdir/cvegate.db
up() { "$cvegate" db update --db "$db" --source cvelist "$@" > "$tmp/out" 2>&1; }
expect() { grep -qF -- "$1" "$tmp/out" || fail "expected '$1' in the output"; }
states() { sqlite3 "$1" "SELECT state, count(*) FROM cve5 GROUP BY state ORDER BY state" |
  tr '\n' ' '; }
meta() { sqlite3 "$db" "SELECT value FROM meta WHERE key = '$1'"; }
check_states() {
  local got
  got=$(states "$db")
  [ "$got" = "$1" ] || fail "cve5 states: '$got', expected '$1'"
}

# 1. first update: the full archive and the 0500Z delta, a new file
up --mirror "$url/1/" || fail "first update"
expect "(full): 1 checked, 2 downloaded"
expect "downloaded 2025-07-03_all_CVEs_at_midnight.zip.zip (1 of 2)"
expect "sha256 verified"
check_states "PUBLISHED|22 "
[ "$(sqlite3 "$db" "SELECT substr(date_updated, 1, 10) FROM cve5
  WHERE cve_id = 'CVE-2025-6965'")" = 2030-01-01 ] || fail "the 0500Z delta was not applied"
[ "$(meta source:cvelist:cursor)" = 2025-07-03_delta_CVEs_at_0500Z.zip ] || fail "cursor"
[ "$(meta source:cvelist:last_modified)" = 2025-07-03T05:00:00Z ] || fail "last_modified"
[ "$(meta source:cvelist:last_update)" = 2025-07-03T12:00:00Z ] || fail "last_update"
[ -z "$(meta last_update)" ] || fail "the NVD's last_update was written"
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check"
[ ! -e "$db.lock" ] || fail "lock left behind"
[ -z "$(ls -A "$tmp/dbdir" | grep -v '^cvegate.db$')" ] || fail "files left: $(ls -A "$tmp/dbdir")"
echo "first update: full archive and delta, 22 published"

# 2. refused downloads change nothing
sqlite3 "$db" .dump > "$tmp/before.sql"
unchanged() {
  sqlite3 "$db" .dump > "$tmp/after.sql"
  cmp -s "$tmp/before.sql" "$tmp/after.sql" || fail "$1: the database changed"
  [ ! -e "$db.lock" ] || fail "$1: lock left behind"
}
for fault in bad-digest truncated missing; do
  set +e; up --mirror "$url/$fault/"; rc=$?; set -e
  [ $rc = 3 ] || fail "$fault: exit $rc, expected 3"
  expect "unchanged"
  unchanged "$fault"
done
set +e; up --mirror "$url/bad-digest/"; set -e
expect "does not match the listing's digest"
set +e; up --mirror "$url/truncated/"; set -e
expect "the listing says"
echo "wrong digest, short body, missing archive: refused, database unchanged"

# 3. second update: only the 0600Z delta (the first request answered 500, retried)
up --mirror "$url/flaky/" || fail "second update"
expect "(incremental): 1 checked, 1 downloaded"
expect "HTTP status 500; retrying"
expect "downloaded 2025-07-03_delta_CVEs_at_0600Z.zip (1 of 1)"
check_states "PUBLISHED|22 REJECTED|1 "
[ "$(meta source:cvelist:release)" = 2025-07-03_delta_CVEs_at_0600Z.zip ] || fail "release"
echo "second update: one delta, 22 published and 1 rejected"

# 4. third update: nothing newer
up --mirror "$url/2/" || fail "third update"
expect "(nothing changed): 1 checked, 0 downloaded"
check_states "PUBLISHED|22 REJECTED|1 "

# 6a. db status: the source and its age
CVEGATE_NOW=2025-07-04T00:00:00Z "$cvegate" db status --db "$db" > "$tmp/out"
expect "source cvelist:"
expect "  last update:   2025-07-03T12:00:00Z"
expect "  last modified: 2025-07-03T06:00:00Z"
expect "  age:           0.5 days"

# 5a. a mirror directory (file:), built by the server script
python3 "$src/tests/tools/cvelist_server.py" "$data" --write "$tmp/mirror" --stage 2
db=$tmp/mirror.db
up --mirror "$tmp/mirror" || fail "mirror directory"
expect "(full): 1 checked, 2 downloaded"
check_states "PUBLISHED|22 REJECTED|1 "

# 5b. a local cvelistV5 checkout: cves/YYYY/NNxxx/CVE-*.json
for f in "$data"/cvelist5/CVE-*.json; do
  id=$(basename "$f" .json); year=${id:4:4}; num=${id:9}
  d="$tmp/checkout/cves/$year/$((10#$num / 1000))xxx"
  mkdir -p "$d"; cp "$f" "$d/"
done
db=$tmp/checkout.db
up --mirror "$tmp/checkout" || fail "checkout"
expect "importing the cvelistV5 checkout"
check_states "PUBLISHED|22 REJECTED|1 "
[ "$(meta source:cvelist:release)" = checkout ] || fail "checkout release"
[ -n "$(meta source:cvelist:last_modified)" ] || fail "checkout last_modified"
# releases after a checkout start from a full archive
up --mirror "$url/2/" || fail "releases after a checkout"
expect "(full): 1 checked, 2 downloaded"
check_states "PUBLISHED|22 REJECTED|1 "
echo "mirror directory and checkout: 22 published and 1 rejected"

# 6b. --source all updates both sources: one mirror cannot serve both
set +e
"$cvegate" db update --db "$db" --source all --mirror "$url/2/" > "$tmp/out" 2>&1; rc=$?
set -e
[ $rc = 2 ] || fail "--source all --mirror: exit $rc, expected 2"
expect "a mirror serves one source"
echo "ok"
