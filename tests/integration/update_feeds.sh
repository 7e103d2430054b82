#!/usr/bin/env bash
# db update from a loopback HTTP mirror laid out like the NVD's 2.0 feed
# folder (the 2002-2018 records of nvd/2.0-derived, with .meta files made
# here): the first update imports every year and equals `db import` of the
# same files; a second finds nothing changed; a changed .meta brings only
# that year; a .meta whose sha256 does not match fails and changes nothing;
# the lock refuses a second update and recovers a stale one; a reader that
# holds the database open through a full rebuild keeps reading.
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
[ -d "$data/nvd/2.0-derived" ] && [ -d "$data/nvd/1.1" ] || { echo "skip: no $data/nvd"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
tmp=$(mktemp -d)
server=
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/out" ] && cat "$tmp/out"; exit 1; }

m=$tmp/mirror
mkdir "$m"
for y in $(seq 2002 2018); do ln -s "$data/nvd/2.0-derived/nvdcve-2.0-$y.json.gz" "$m/"; done
python3 "$src/tests/tools/make_meta.py" "$m" 2024-01-01T03:00:00-05:00
python3 "$src/tests/tools/serve_dir.py" "$m" > "$tmp/port" &
server=$!
for _ in $(seq 100); do grep -q PORT "$tmp/port" && break; sleep 0.05; done
port=$(sed -n 's/^PORT //p' "$tmp/port")
[ -n "$port" ] || fail "the test server did not start"
url=http://127.0.0.1:$port/

export CVEGATE_NOW=2024-01-02T12:00:00Z
db=$tmp/dbdir/cvegate.db
up() { "$cvegate" db update --db "$db" --mirror "$url" --years 2002-2018 "$@" > "$tmp/out" 2>&1; }
fingerprint() {
  sqlite3 "$db" "SELECT count(*), max(last_modified) FROM cve; SELECT count(*) FROM rejected;
    SELECT count(*) FROM cpe_match;
    SELECT group_concat(key || '=' || value, ';') FROM
      (SELECT * FROM meta WHERE key <> 'last_import' ORDER BY key);" | md5sum
}
expect() { grep -q -- "$1" "$tmp/out" || fail "expected '$1' in the output"; }

# 1. first update: every year, a new file; the same rows as db import
up || fail "first update"
expect "(full): 17 checked, 17 downloaded"
"$cvegate" db import --db "$tmp/ref.db" "$data"/nvd/2.0-derived/nvdcve-2.0-20{02..18}.json.gz \
  2>/dev/null
compare() {
  local what=$1 q=$2 n
  n=$(sqlite3 "$db" "ATTACH '$tmp/ref.db' AS b;
    SELECT count(*) FROM (${q//X/main} EXCEPT ${q//X/b});
    SELECT count(*) FROM (${q//X/b} EXCEPT ${q//X/main});
    SELECT count(*) FROM (${q//X/main});" | tr '\n' ' ')
  set -- $n
  [ "$1" = 0 ] && [ "$2" = 0 ] || fail "$what: $1 rows only in the update, $2 only in the import"
  echo "$what: $3 rows identical"
}
compare "CVEs" "SELECT cve_id, last_modified, status, description FROM X.cve"
compare "rejected" "SELECT cve_id, last_modified FROM X.rejected"
compare "cpe matches" "SELECT c.cve_id, m.id, m.criteria, m.vulnerable, m.end_excl
  FROM X.cpe_match m JOIN X.cve c ON c.id = m.cve"
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check"
[ ! -e "$db.lock" ] || fail "lock left behind"
[ -z "$(ls -A "$tmp/dbdir" | grep -v '^cvegate.db$')" ] || fail "files left: $(ls -A "$tmp/dbdir")"
[ "$(sqlite3 "$db" "SELECT value FROM meta WHERE key='last_update'")" = 2024-01-02T12:00:00Z ] ||
  fail "last_update"

# 2. nothing changed: only the .meta files are read
start=$(date +%s%N)
up || fail "second update"
echo "nothing-changed update: $(( ($(date +%s%N) - start) / 1000000 )) ms"
expect "(nothing changed): 17 checked, 0 downloaded"

# 3. one changed .meta: only that year (2015 served as its 1.1 file, other bytes, same records)
rm "$m/nvdcve-2.0-2015.json.gz" "$m/nvdcve-2.0-2015.meta"
ln -s "$data/nvd/1.1/nvdcve-1.1-2015.json.gz" "$m/nvdcve-2.0-2015.json.gz"
ln -s "$data/nvd/1.1/nvdcve-1.1-2015.meta" "$m/nvdcve-2.0-2015.meta"
CVEGATE_NOW=2024-01-20T12:00:00Z up || fail "update after a changed .meta"
expect "(incremental): 17 checked, 1 downloaded"
expect "downloaded nvdcve-2.0-2015.json.gz"
compare "CVEs after 2015 changed" "SELECT cve_id FROM X.cve"

# 4. a .meta whose sha256 does not match its feed: an error, nothing changed
before=$(fingerprint)
sed 's/^sha256:.*/sha256:'"$(printf '%064d' 0)"'\r/' "$m/nvdcve-2.0-2016.meta" > "$tmp/bad.meta"
cp "$m/nvdcve-2.0-2016.meta" "$tmp/good.meta"
cp "$tmp/bad.meta" "$m/nvdcve-2.0-2016.meta"
set +e; CVEGATE_NOW=2024-01-21T12:00:00Z up; rc=$?; set -e
[ $rc = 3 ] || fail "a wrong sha256: exit $rc, expected 3"
expect "sha256 does not match"
expect "unchanged"
[ "$(fingerprint)" = "$before" ] || fail "the database changed after a failed update"
[ ! -e "$db.lock" ] || fail "lock left after an error"
cp "$tmp/good.meta" "$m/nvdcve-2.0-2016.meta"
echo "wrong sha256: refused, database unchanged"

# 5. locks: a live holder refuses; a dead one, or one older than 6 hours, is broken
sleep 60 & holder=$!
printf 'pid=%d\nhost=%s\nstarted=%d\n' "$holder" "$(hostname)" "$(date +%s)" > "$db.lock"
set +e; up; rc=$?; set -e
[ $rc = 2 ] || fail "a held lock: exit $rc, expected 2"
expect "another update is running (pid $holder on $(hostname)"
kill "$holder"; wait "$holder" 2>/dev/null || true
up || fail "a lock of a dead process was not recovered"
expect "removed a stale lock (its process is gone)"
printf 'pid=1\nhost=elsewhere.invalid\nstarted=%d\n' $(( $(date +%s) - 7 * 3600 )) > "$db.lock"
up || fail "a 7-hour-old lock was not recovered"
expect "removed a stale lock (older than 6 hours)"
echo "locks: held refused, dead and old recovered"

# 6. a full rebuild while a reader holds the old file and a second update tries to start;
# the CVE List data and its source's meta rows come along into the new file
"$cvegate" db import --db "$db" "$data/cvelist5" > /dev/null 2>&1 || fail "import the CVE List"
sqlite3 "$db" "INSERT INTO meta VALUES('source:cvelist:cursor', 'test-cursor')"
sqlite3 "$db" "DELETE FROM meta WHERE key = 'last_update'"
python3 - "$cvegate" "$db" "$url" <<'PY' || fail "concurrent update or reader"
import os, sqlite3, subprocess, sys, time
cvegate, db, url = sys.argv[1:4]
cmd = [cvegate, "db", "update", "--db", db, "--mirror", url, "--years", "2002-2018", "--quiet"]
reader = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
n0 = reader.execute("SELECT count(*) FROM cve").fetchone()[0]
first = subprocess.Popen(cmd)
for _ in range(400):
    if os.path.exists(db + ".lock"):
        break
    time.sleep(0.01)
second = subprocess.run(cmd, capture_output=True, text=True)
assert second.returncode == 2, (second.returncode, second.stderr)
assert "another update is running (pid %d" % first.pid in second.stderr, second.stderr
n1 = reader.execute("SELECT count(*) FROM cve").fetchone()[0]   # during the rebuild
assert first.wait() == 0
n2 = reader.execute("SELECT count(*) FROM cve").fetchone()[0]   # the old file, still open
assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
assert n0 == n1 == n2, (n0, n1, n2)
fresh = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
assert fresh.execute("SELECT value FROM meta WHERE key='last_update'").fetchone() is not None
print("rebuild under a reader: %d CVEs read before, during and after; second update refused" % n0)
PY
[ "$(sqlite3 "$db" "SELECT state, count(*) FROM cve5 GROUP BY state" | tr '\n' ' ')" = \
  "PUBLISHED|22 REJECTED|1 " ] || fail "the CVE List data did not survive the rebuild"
[ "$(sqlite3 "$db" "SELECT count(DISTINCT cve5) FROM cve5_name")" = 22 ] || fail "CVE List names lost"
[ "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'source:cvelist:cursor'")" = test-cursor ] ||
  fail "the CVE List meta did not survive the rebuild"
echo "full NVD rebuild kept the CVE List data"

# 7. the archival 1.1 layout from a file: mirror
m11=$tmp/m11
mkdir "$m11"
for y in 2002 2003; do ln -s "$data/nvd/1.1/nvdcve-1.1-$y".{json.gz,meta} "$m11/"; done
"$cvegate" db update --db "$tmp/f.db" --mirror "file://$m11" --years 2002-2003 > "$tmp/out" 2>&1 ||
  fail "file: mirror"
expect "(layout 1.1)"
expect "(full): "
[ "$(sqlite3 "$tmp/f.db" "SELECT count(*) FROM cve") " != "0 " ] || fail "file: mirror imported nothing"
"$cvegate" db update --db "$tmp/f.db" --mirror "$m11" --years 2002-2003 > "$tmp/out" 2>&1 ||
  fail "directory mirror"
expect "(nothing changed)"
echo "1.1 layout from file: and a directory: ok"
