#!/usr/bin/env bash
# db update against a loopback NVD (tests/tools/nvd_server.py serving the
# real 2002-2018 2.0 feeds with generated .meta files) that misbehaves: a
# 503 and a reset mid-body are retried and the update completes; a .meta
# whose sha256 does not match the feed, a truncated gzip, invalid JSON and a
# 2 GB response fail with a message saying what happened, and the database
# afterwards is the old one, byte for byte in its rows. Only two years are
# fetched to keep it quick (--years 2002-2003).
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
[ -d "$data/nvd/2.0-derived" ] || { echo "skip: no $data/nvd/2.0-derived"; exit 77; }
command -v sqlite3 > /dev/null && command -v python3 > /dev/null || { echo "skip: no sqlite3/python3"; exit 77; }
tmp=$(mktemp -d)
server=
stop() { [ -z "$server" ] || { kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; }; server=; }
trap 'stop; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/out" ] && cat "$tmp/out"; exit 1; }

# serve PATH=SPEC...: start the server with these faults
serve() {
  stop
  local args=()
  for f in "$@"; do args+=(--fault "$f"); done
  python3 "$src/tests/tools/nvd_server.py" --nvd "$data" "${args[@]}" > "$tmp/port" &
  server=$!
  for _ in $(seq 200); do grep -q PORT "$tmp/port" && break; sleep 0.05; done
  port=$(sed -n 's/^PORT //p' "$tmp/port")
  [ -n "$port" ] || fail "the test server did not start"
  url=http://127.0.0.1:$port/feeds/json/cve/2.0/
}
db=$tmp/cvegate.db
export CVEGATE_NOW=2024-01-02T12:00:00Z
up() { "$cvegate" db update --db "$db" --mirror "$url" --years 2002-2003 "$@" > "$tmp/out" 2>&1; }
fingerprint() {
  sqlite3 "$db" "SELECT count(*), max(last_modified) FROM cve; SELECT count(*) FROM cpe_match;
    SELECT group_concat(key || '=' || value, ';') FROM
      (SELECT * FROM meta WHERE key NOT IN ('last_import', 'last_update') ORDER BY key);" | md5sum
}
y3=nvdcve-2.0-2003

# retried faults: the first update succeeds after them
serve "/feeds/json/cve/2.0/$y3.json.gz=503x1;reset-mid-bodyx1"
up || fail "update with a 503 and a reset mid-body"
grep -q "HTTP status 503; retrying" "$tmp/out" || fail "no retry message for the 503"
grep -q "retrying" "$tmp/out" || fail "no retry for the reset"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM cve')" -gt 1000 ] || fail "too few CVEs stored"
good=$(fingerprint)

# a newer 2003 feed would be fetched; each fault below must leave the db as it is
expect_fail() {
  [ -n "${SHOW:-}" ] && set -x # NAME PATTERN FAULT...
  local name=$1 pattern=$2
  shift 2
  serve "$@"
  sqlite3 "$db" "DELETE FROM meta WHERE key LIKE '%2003%'" # make 2003 due again
  before=$(fingerprint)
  if up; then fail "$name: the update succeeded"; fi
  grep -q -- "$pattern" "$tmp/out" || fail "$name: message lacks '$pattern'"
  [ "$(fingerprint)" = "$before" ] || fail "$name: the database changed"
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "$name: integrity"
  [ ! -e "$db-journal" ] && [ ! -e "$db-wal" ] || fail "$name: a journal was left"
  echo "ok $name: $(grep -v '^cvegate: .*: unchanged' "$tmp/out" | tail -1)"
}
expect_fail bad-meta-sha "sha256" "/feeds/json/cve/2.0/$y3.meta=bad-meta-sha"
expect_fail truncated-gzip "its .meta says gzSize" "/feeds/json/cve/2.0/$y3.json.gz=truncate-gzip"
expect_fail invalid-json "parse error" "/feeds/json/cve/2.0/$y3.json.gz=invalid-json"
expect_fail huge "larger than" "/feeds/json/cve/2.0/$y3.json.gz=huge"
expect_fail server-error "HTTP status 500" "/feeds/json/cve/2.0/$y3.json.gz=500"
echo "update_faults: retries recovered; 5 faults changed nothing"
