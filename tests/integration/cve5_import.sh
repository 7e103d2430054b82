#!/usr/bin/env bash
# db import of CVE List v5 archives (docs/schema.md, docs/cve5.md): a zip
# shaped like the CVE Program's full archive (a .zip.zip holding cves.zip)
# imports every record; hostile archives (a member path with "..", an
# absolute member path, a bomb: a record inflating past max_record, a
# truncated archive) given to db import fail cleanly, exit status 3, and
# leave the database file byte for byte as it was, NVD data included. The
# records are the fixtures of tests/data/cve5db, plus the 23 real records of
# SHARED_DATA/cvelist5 when present.
# Arguments: CVEGATE_BINARY [SHARED_DATA_DIR]
set -euo pipefail
cvegate=$1
data=${2:-}
src=${CVG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
command -v python3 > /dev/null || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
fixtures=$src/tests/data/cve5db
real=
[ -n "$data" ] && [ -d "$data/cvelist5" ] && real=$data/cvelist5

# the full archive's shape: all.zip.zip > cves.zip > cves/YYYY/NNxxx/CVE-...json
python3 - "$tmp" "$fixtures" "$real" <<'PY'
import io, os, sys, zipfile
tmp, fixtures, real = sys.argv[1:4]
files = []
for root, _, names in os.walk(os.path.join(fixtures, "tree")):
    files += [os.path.join(root, n) for n in names if n.startswith("CVE-")]
files.append(os.path.join(fixtures, "a.json"))
if real:
    files += [os.path.join(real, n) for n in os.listdir(real) if n.startswith("CVE-")]
inner = io.BytesIO()
with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(files):
        doc = open(f, "rb").read()
        cid = os.path.basename(f) if os.path.basename(f).startswith("CVE-") else "CVE-2099-0001.json"
        year = cid.split("-")[1]
        z.writestr("cves/%s/xxx/%s" % (year, cid), doc)
with zipfile.ZipFile(os.path.join(tmp, "all.zip.zip"), "w", zipfile.ZIP_STORED) as z:
    z.writestr("cves.zip", inner.getvalue())
    z.writestr("README.md", "not a record\n")
good = open(os.path.join(fixtures, "a-newer.json"), "rb").read()
def mk(name, members):
    with zipfile.ZipFile(os.path.join(tmp, name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in members:
            z.writestr(n, d)
mk("traversal.zip", [("deltaCves/CVE-2099-0001.json", good), ("../evil/CVE-2099-0003.json", good)])
mk("absolute.zip", [("deltaCves/CVE-2099-0001.json", good), ("/tmp/CVE-2099-0003.json", good)])
# 20 MiB of spaces before the record: past the 16 MiB record limit, ~20 KB deflated
mk("bomb.zip", [("deltaCves/CVE-2099-0001.json", good), ("deltaCves/CVE-2099-0004.json", b" " * (20 << 20) + good)])
whole = open(os.path.join(tmp, "all.zip.zip"), "rb").read()
open(os.path.join(tmp, "truncated.zip"), "wb").write(whole[: len(whole) * 2 // 3])
PY
# the fixtures: 4 records; the real ones: 23, of which CVE-2023-32001 is REJECTED
n_real=0 n_rejected=0
if [ -n "$real" ]; then
  n_real=$(ls "$real" | grep -c '^CVE-')
  n_rejected=1
fi
want=$((4 + n_real))
db=$tmp/c.db
"$cvegate" db import --db "$db" "$src/tests/data/db/base.json" "$tmp/all.zip.zip" 2> "$tmp/err" ||
  fail "good archive: $(cat "$tmp/err")"
grep -q "CVE List: $want records, $((want - n_rejected)) new, 0 replaced, 0 older ignored, $n_rejected rejected" "$tmp/err" ||
  fail "good archive: $(cat "$tmp/err")"
"$cvegate" show --db "$db" CVE-2099-0010 | grep -q '^State        PUBLISHED$' || fail "CVE-2099-0010 not stored"

sum_before=$(sha256sum "$db" | cut -d' ' -f1)
for z in traversal absolute bomb truncated; do
  set +e
  "$cvegate" db import --db "$db" "$src/tests/data/db/new.json" "$tmp/$z.zip" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  set -e
  [ $rc = 3 ] || fail "$z: exit status $rc, expected 3: $(cat "$tmp/err")"
  grep -q "unchanged" "$tmp/err" || fail "$z: $(cat "$tmp/err")"
  case $z in
    traversal | absolute) grep -qi "path" "$tmp/err" || fail "$z: $(cat "$tmp/err")" ;;
    bomb) grep -qi "limit\|bomb" "$tmp/err" || fail "$z: $(cat "$tmp/err")" ;;
  esac
  [ "$(sha256sum "$db" | cut -d' ' -f1)" = "$sum_before" ] || fail "$z: the database changed"
  echo "ok $z: $(head -1 "$tmp/err")"
done
"$cvegate" show --db "$db" CVE-2099-0001 | grep -q 'product Foo Bar' || fail "CVE-2099-0001 was replaced"
echo "ok: $want records from the archive, 4 hostile archives refused, database unchanged"
