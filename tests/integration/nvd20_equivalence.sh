#!/usr/bin/env bash
# The 2002-2018 records as NVD 2.0 feeds (nvd/2.0-derived) must give the
# same CVEs, descriptions, scores and applicability rows as the same
# records as 1.1 feeds. Fields that 1.1 lacks (status, metric source and
# type, match-criteria ids) and the spelling of dates are left aside.
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=$2
[ -d "$data/nvd/2.0-derived" ] || { echo "skip: $data/nvd/2.0-derived not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$cvegate" db import --db "$tmp/v11.db" "$data"/nvd/1.1/nvdcve-1.1-20{02..18}.json.gz
"$cvegate" db import --db "$tmp/v20.db" "$data"/nvd/2.0-derived/nvdcve-2.0-20{02..18}.json.gz

compare() { # WHAT SELECT-over-schema-X (X replaced by main and b)
  local what=$1 q=$2 n
  n=$(sqlite3 "$tmp/v11.db" "ATTACH '$tmp/v20.db' AS b;
    SELECT count(*) FROM (${q//X/main} EXCEPT ${q//X/b});
    SELECT count(*) FROM (${q//X/b} EXCEPT ${q//X/main});
    SELECT count(*) FROM (${q//X/main});" | tr '\n' ' ')
  set -- $n
  [ "$1" = 0 ] && [ "$2" = 0 ] || fail "$what: $1 rows only in 1.1, $2 only in 2.0"
  echo "$what: $3 rows identical"
}
compare "CVEs" "SELECT cve_id, source_id, description FROM X.cve"
compare "rejected" "SELECT cve_id FROM X.rejected"
compare "metrics" "SELECT c.cve_id, m.version, m.score, m.vector, m.severity
  FROM X.metric m JOIN X.cve c ON c.id = m.cve"
compare "weaknesses" "SELECT c.cve_id, w.cwe FROM X.weakness w JOIN X.cve c ON c.id = w.cve"
compare "references" "SELECT c.cve_id, r.url FROM X.reference r JOIN X.cve c ON c.id = r.cve"
compare "configurations" "SELECT c.cve_id, g.cfg, g.operator, g.negate
  FROM X.config g JOIN X.cve c ON c.id = g.cve"
compare "nodes" "SELECT c.cve_id, n.cfg, n.node, n.operator, n.negate
  FROM X.node n JOIN X.cve c ON c.id = n.cve"
compare "cpe matches" "SELECT c.cve_id, m.cfg, m.node, m.seq, m.vulnerable, m.criteria,
  m.vendor, m.product, m.start_incl, m.start_excl, m.end_incl, m.end_excl
  FROM X.cpe_match m JOIN X.cve c ON c.id = m.cve"
