#!/usr/bin/env bash
# Incremental updates from a file: mirror in the archival 1.1 layout, the
# `modified` feed replaced step by step by the dated ones in nvd/1.1-history
# and the final one in nvd/1.1, with CVEGATE_NOW at each feed's date: the
# database afterwards holds the same rows as importing the years and every
# modified feed at once (EXCEPT both ways, as nvd20_equivalence.sh does).
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=$2
[ -d "$data/nvd/1.1-history" ] && [ -d "$data/nvd/1.1" ] || { echo "skip: no $data/nvd"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; cat "$tmp/out"; exit 1; }

m=$tmp/mirror
mkdir "$m"
for y in $(seq 2002 2018); do ln -s "$data/nvd/1.1/nvdcve-1.1-$y".{json.gz,meta} "$m/"; done
db=$tmp/cvegate.db
step() { # MODIFIED-FILE-STEM NOW EXPECTED-MODE
  ln -sf "$1.json.gz" "$m/nvdcve-1.1-modified.json.gz"
  ln -sf "$1.meta" "$m/nvdcve-1.1-modified.meta"
  CVEGATE_NOW=$2 "$cvegate" db update --db "$db" --mirror "file://$m" --years 2002-2018 \
    > "$tmp/out" 2>&1 || fail "update at $2"
  grep -q "($3)" "$tmp/out" || fail "update at $2: expected a $3 update"
  echo "$2: $(tail -n 1 "$tmp/out" | sed 's/.*(\(.*\)): /\1: /')"
}
h=$data/nvd/1.1-history
step "$h/nvdcve-1.1-modified-20230809" 2023-08-09T12:00:00Z full
step "$h/nvdcve-1.1-modified-20230809" 2023-08-10T12:00:00Z "nothing changed"
# four months later: years unchanged, the modified feed changed
step "$h/nvdcve-1.1-modified-20231216" 2023-12-16T12:00:00Z incremental
# a day later: young, only the modified feed
step "$h/nvdcve-1.1-modified-20231217" 2023-12-17T12:00:00Z incremental
step "$data/nvd/1.1/nvdcve-1.1-modified" 2024-01-02T14:00:00Z incremental
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check"

"$cvegate" db import --db "$tmp/ref.db" "$data"/nvd/1.1/nvdcve-1.1-20{02..18}.json.gz \
  "$h"/nvdcve-1.1-modified-2023{0809,1216,1217}.json.gz "$data/nvd/1.1/nvdcve-1.1-modified.json.gz" \
  2>/dev/null
compare() {
  local what=$1 q=$2 n
  n=$(sqlite3 "$db" "ATTACH '$tmp/ref.db' AS b;
    SELECT count(*) FROM (${q//X/main} EXCEPT ${q//X/b});
    SELECT count(*) FROM (${q//X/b} EXCEPT ${q//X/main});
    SELECT count(*) FROM (${q//X/main});" | tr '\n' ' ')
  set -- $n
  [ "$1" = 0 ] && [ "$2" = 0 ] || fail "$what: $1 rows only in the updated db, $2 only in the import"
  echo "$what: $3 rows identical"
}
compare "CVEs" "SELECT cve_id, source_id, published, last_modified, status, description FROM X.cve"
compare "rejected" "SELECT cve_id, last_modified FROM X.rejected"
compare "metrics" "SELECT c.cve_id, m.version, m.score, m.vector, m.severity
  FROM X.metric m JOIN X.cve c ON c.id = m.cve"
compare "weaknesses" "SELECT c.cve_id, w.cwe FROM X.weakness w JOIN X.cve c ON c.id = w.cve"
compare "references" "SELECT c.cve_id, r.url FROM X.reference r JOIN X.cve c ON c.id = r.cve"
compare "nodes" "SELECT c.cve_id, n.cfg, n.node, n.operator, n.negate
  FROM X.node n JOIN X.cve c ON c.id = n.cve"
compare "cpe matches" "SELECT c.cve_id, m.cfg, m.node, m.seq, m.vulnerable, m.criteria,
  m.vendor, m.product, m.start_incl, m.start_excl, m.end_incl, m.end_excl, m.vkey
  FROM X.cpe_match m JOIN X.cve c ON c.id = m.cve"
