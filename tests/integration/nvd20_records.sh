#!/usr/bin/env bash
# Real NVD 2.0 data: the 43 per-CVE records (bare objects and the same ones
# as an API page), real API pages and feed fixtures import together; a
# current embedded image then gets exactly the findings these records give.
# The expected list was checked record by record against the NVD ranges
# (busybox 1.36.1: CVE-2022-48174 <= 1.36.1, CVE-2023-42363..42366 = 1.36.1,
# CVE-2025-60876 <= 1.37.0, as the data README states; the kernel records
# by their 5.15 ranges; sudo 1.9.17 before 1.9.17p1).
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$data/nvd/2.0/records" ] || { echo "skip: $data/nvd/2.0/records not found"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$cvegate" db import --db "$tmp/db" "$data"/nvd/2.0/records-page.json \
  "$data"/nvd/2.0/api/cves-*.json.gz "$data"/nvd/2.0/api/cve-2022-44006.json.gz \
  "$data"/nvd/2.0/feed/cve/*.json.gz "$data"/nvd/2.0/records/*.json 2> "$tmp/import.err"
grep -q "51 files" "$tmp/import.err" || fail "import: $(cat "$tmp/import.err")"
# CVE-2023-32001 is Rejected in the records: gone, with a marker
[ "$(sqlite3 "$tmp/db" "SELECT count(*) FROM rejected WHERE cve_id='CVE-2023-32001'")" = 1 ] ||
  fail "CVE-2023-32001 has no rejection marker"
[ "$(sqlite3 "$tmp/db" "SELECT count(*) FROM cve WHERE cve_id='CVE-2023-32001'")" = 0 ] ||
  fail "rejected CVE-2023-32001 is stored"
# a CPE file is refused by name, not half-read
set +e
"$cvegate" db import --db "$tmp/db" "$data"/nvd/2.0/api/cpes-2023.json.gz 2> "$tmp/cpe.err"
rc=$?
set -e
[ $rc = 3 ] || fail "importing a CPE dictionary page: exit $rc, expected 3"
grep -q "not NVD JSON 1.1 or 2.0 data" "$tmp/cpe.err" || fail "CPE page: $(cat "$tmp/cpe.err")"

set +e
SOURCE_DATE_EPOCH=1700000000 "$cvegate" scan --db "$tmp/db" -o "$tmp/r.xml" \
  "$here/../data/lists/current-ipk.txt" 2> "$tmp/scan.err"
rc=$?
set -e
[ $rc = 1 ] || fail "scan exit $rc: $(cat "$tmp/scan.err")"
python3 "$here/junit_findings.py" "$tmp/r.xml" > "$tmp/got"
cat > "$tmp/want" <<'LIST'
busybox CVE-2022-48174 failed
busybox CVE-2023-42363 failed
busybox CVE-2023-42364 failed
busybox CVE-2023-42365 failed
busybox CVE-2023-42366 failed
busybox CVE-2025-60876 failed
curl CVE-2023-38545 failed
linux-yocto CVE-2022-0847 failed
linux-yocto CVE-2024-1086 failed
linux-yocto CVE-2024-26581 failed
openssl CVE-2022-3602 failed
openssl CVE-2023-0286 failed
openssl CVE-2026-28387 failed
sudo CVE-2025-32463 failed
LIST
diff -u "$tmp/want" "$tmp/got" || fail "findings differ"
# the NA criterion of CVE-2024-32928 (libcurl:-) is listed, not dropped
grep -q "CVE-2024-32928 cpe:2.3:a:haxx:libcurl:-:\*:\*:\*:\*:\*:\*:\*: criterion version is '-'" "$tmp/r.xml" ||
  fail "the NA criterion of CVE-2024-32928 is not listed"
echo "nvd20_records: $(wc -l < "$tmp/got") findings as expected"

# The same five packages in every SBOM shape (tests/data/sboms, hand-written;
# CPEs with and without vendor, CPE 2.2 URIs, purls, vendor:product lines)
# give the same CVEs as the ipk list, and so does an SPDX document inside a
# tar.gz and a zip archive, as Yocto ships its SBOMs.
cves() { python3 "$here/junit_findings.py" "$1" | awk '{print $2, $3}' | sort -u; }
cves "$tmp/r.xml" > "$tmp/want-cves"
sboms=$here/../data/sboms
python3 - "$sboms/image.spdx.json" "$tmp" <<'PY'
import sys, tarfile, zipfile
src, tmp = sys.argv[1], sys.argv[2]
with tarfile.open(f"{tmp}/image.spdx.tar.gz", "w:gz") as t:
    t.add(src, arcname="index.json.not-this")  # a file the reader passes over
    t.add(src, arcname="recipes/image.spdx.json")
with zipfile.ZipFile(f"{tmp}/image.spdx.zip", "w") as z:
    z.write(src, arcname="image.spdx.json")
PY
for f in "$sboms"/image-products.txt "$sboms"/image.cdx.json "$sboms"/image.cdx.xml \
         "$sboms"/image.spdx "$sboms"/image.spdx.json "$sboms"/image.spdx3.json \
         "$tmp"/image.spdx.tar.gz "$tmp"/image.spdx.zip; do
  set +e
  SOURCE_DATE_EPOCH=1700000000 "$cvegate" scan --db "$tmp/db" -o "$tmp/s.xml" "$f" 2> "$tmp/s.err"
  rc=$?
  set -e
  [ $rc = 1 ] || fail "$(basename "$f"): scan exit $rc: $(cat "$tmp/s.err")"
  cves "$tmp/s.xml" > "$tmp/got-cves"
  diff -u "$tmp/want-cves" "$tmp/got-cves" || fail "$(basename "$f"): CVEs differ from the ipk list"
done
# a distribution's package (the deb purl in the tag-value SBOM) says so
SOURCE_DATE_EPOCH=1700000000 "$cvegate" scan --db "$tmp/db" -o "$tmp/s.xml" "$sboms/image.spdx" \
  2> /dev/null || true
grep -q 'message="CVE-2023-0286: [A-Z]* [0-9.]* ([^)]*); distribution build 3.0.2-0ubuntu1: the fix may be backported' "$tmp/s.xml" ||
  fail "the distribution build note is missing"
grep -q 'identified: SBOM CPE (cpe:2.3:a:busybox:busybox:1.36.1:\*:\*:\*:\*:\*:\*:\*)' "$tmp/s.xml" ||
  fail "the busybox CPE identity is not reported"

# Buildroot's show-info names busybox by its cpe-id: the same six busybox CVEs
if [ -f "$data/pkglists/buildroot/cpe_data_pp.json" ]; then
  set +e
  SOURCE_DATE_EPOCH=1700000000 "$cvegate" scan --db "$tmp/db" -o "$tmp/b.xml" \
    "$data/pkglists/buildroot/cpe_data_pp.json" 2> "$tmp/b.err"
  set -e
  python3 "$here/junit_findings.py" "$tmp/b.xml" | grep '^busybox ' > "$tmp/got-bb" || true
  grep '^busybox ' "$tmp/want" | diff -u - "$tmp/got-bb" || fail "Buildroot show-info busybox findings differ"
fi
echo "nvd20_records: 14 findings; 8 SBOM shapes agree"
