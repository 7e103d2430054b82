#!/usr/bin/env bash
# Integration test on the real NVD 1.1 corpus (2002-2018): import counts,
# the findings the core issue names, the same findings from three inventory
# formats, LibScanner's invocation shape, well-formed JUnit.
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
lists=$here/../data/lists
[ -d "$data/nvd/1.1" ] || { echo "skip: $data/nvd/1.1 not found"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
expect_eq() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; }
findings() { python3 "$here/junit_findings.py" "$1" > "$1.txt"; } # REPORT -> REPORT.txt
has() { grep -qx "$2" "$1.txt"; }                                  # REPORT LINE

mkdir "$tmp/dbs"
db=$tmp/dbs/cvegate.db
"$cvegate" db import --db "$db" "$data"/nvd/1.1/nvdcve-1.1-20{02..18}.json.gz
expect_eq "$(sqlite3 "$db" 'SELECT count(*) FROM cve')" 118191 "stored CVEs"
expect_eq "$(sqlite3 "$db" 'SELECT count(*) FROM rejected')" 8874 "rejected markers"
expect_eq "$(sqlite3 "$db" 'SELECT count(*) FROM cpe_match')" 1366771 "cpe_match rows"
expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM cve WHERE cve_id='CVE-2014-0160'")" 1 "CVE-2014-0160 stored"
# the product index serves scans: a product lookup must not scan the table
plan=$(sqlite3 "$db" "EXPLAIN QUERY PLAN SELECT id, vulnerable, vendor, cpe_version, cpe_update, start_incl, start_excl, end_incl, end_excl FROM cpe_match WHERE product='busybox'")
case "$plan" in *"USING COVERING INDEX cpe_match_product"*) ;;
  *) fail "product lookup does not use the index: $plan" ;; esac
# exact criteria are keyed by their version's leading number, and a keyed
# lookup reads two index ranges only (lib/db.c, product_index_sql)
expect_eq "$(sqlite3 "$db" "SELECT count(*), sum(vkey=2), sum(vkey=3), sum(vkey IS NULL) FROM cpe_match WHERE product='linux_kernel' AND vulnerable=1")" \
  "86137|52418|30686|2491" "linux_kernel rows by key"
plan=$(sqlite3 "$db" "EXPLAIN QUERY PLAN SELECT id FROM cpe_match WHERE product='linux_kernel' AND vulnerable=1 AND vkey IS NULL UNION ALL SELECT id FROM cpe_match WHERE product='linux_kernel' AND vulnerable=1 AND vkey=6")
expect_eq "$(grep -c 'SEARCH cpe_match USING COVERING INDEX cpe_match_product (product=? AND vulnerable=? AND vkey=?)' <<< "$plan")" 2 "keyed lookup plan"

scan() { # OUTPUT ARGS...
  local out=$1; shift
  set +e
  SOURCE_DATE_EPOCH=1700000000 "$cvegate" scan --db "$db" -o "$out" "$@"
  local rc=$?
  set -e
  echo "$rc"
}
rc=$(scan "$tmp/ipk.xml" --format yocto "$lists/core-ipk.txt")
expect_eq "$rc" 1 "exit status with failing findings"
xmllint --noout "$tmp/ipk.xml" || fail "JUnit report is not well-formed"
python3 "$here/junit_findings.py" "$tmp/ipk.xml" > "$tmp/ipk.txt"
grep -qx "openssl CVE-2014-0160 failed" "$tmp/ipk.txt" || fail "openssl 1.0.1f: CVE-2014-0160 missing"
grep -qx "bash CVE-2014-6271 failed" "$tmp/ipk.txt" || fail "bash 4.3: CVE-2014-6271 missing"
grep -qx "busybox CVE-2016-2147 failed" "$tmp/ipk.txt" || fail "busybox 1.24.1: CVE-2016-2147 missing"
grep -qx "libxml2 CVE-2016-9318 conditional" "$tmp/ipk.txt" ||
  fail "libxml2 2.9.4: CVE-2016-9318 should be conditional (depends on xmlsec)"
# sub-packages are reported once, under their recipe; -lic never alone
grep -q '^busybox-syslog ' "$tmp/ipk.txt" && fail "busybox-syslog reported apart from busybox"
grep -q '^bash-lic ' "$tmp/ipk.txt" && fail "bash-lic produced findings"

# the same packages as an rpm list and as SWID tags give the same findings
for f in rpm swid; do
  list=$lists/core-$f.txt
  [ "$f" = swid ] && list=$lists/core-swid.xmls
  rc=$(scan "$tmp/$f.xml" --format "$f" "$list")
  expect_eq "$rc" 1 "exit status ($f)"
  python3 "$here/junit_findings.py" "$tmp/$f.xml" > "$tmp/$f.txt"
  diff -u "$tmp/ipk.txt" "$tmp/$f.txt" || fail "$f findings differ from the ipk list"
done
# auto-detection picks the same formats
rc=$(scan "$tmp/auto.xml" "$lists/core-rpm.txt")
cmp -s "$tmp/auto.xml" "$tmp/rpm.xml" || fail "auto-detected rpm report differs"

# with xmlsec1 1.2.20 listed, CVE-2016-9318 fails
rc=$(scan "$tmp/xmlsec.xml" "$lists/core-xmlsec-ipk.txt")
findings "$tmp/xmlsec.xml" && has "$tmp/xmlsec.xml" "libxml2 CVE-2016-9318 failed" ||
  fail "libxml2 with xmlsec1 1.2.20: CVE-2016-9318 should fail"
# with xmlsec1 listed at a version the record does not cover: no finding
rc=$(scan "$tmp/xmlsec-fixed.xml" "$lists/core-xmlsec-fixed-ipk.txt")
findings "$tmp/xmlsec-fixed.xml"
grep -q "CVE-2016-9318" "$tmp/xmlsec-fixed.xml.txt" && fail "xmlsec1 1.2.25: CVE-2016-9318 should not match"
# CVE-2017-18269: glibc <= 2.27 running on linux_kernel:- (a platform as such),
# with no kernel listed and with one listed; libc6 is grouped under glibc
rc=$(scan "$tmp/glibc.xml" "$lists/glibc-ipk.txt")
findings "$tmp/glibc.xml" && has "$tmp/glibc.xml" "glibc CVE-2017-18269 failed" ||
  fail "glibc 2.26 without a kernel: CVE-2017-18269 should fail"
grep -q '^libc6 ' "$tmp/glibc.xml.txt" && fail "libc6 reported apart from glibc"
rc=$(scan "$tmp/glibc-kernel.xml" "$lists/glibc-kernel-ipk.txt")
findings "$tmp/glibc-kernel.xml" && has "$tmp/glibc-kernel.xml" "glibc CVE-2017-18269 failed" ||
  fail "glibc 2.26 with a kernel: CVE-2017-18269 should fail"
# --strict makes the conditional finding fail
rc=$(scan "$tmp/strict.xml" --strict "$lists/core-ipk.txt")
findings "$tmp/strict.xml" && has "$tmp/strict.xml" "libxml2 CVE-2016-9318 failed" ||
  fail "--strict: CVE-2016-9318 should fail"

# LibScanner's invocation: no subcommand, -i, database directory last
set +e
(cd "$tmp" && SOURCE_DATE_EPOCH=1700000000 "$cvegate" --format yocto -i "$lists/ignore.txt" \
  "$lists/core-xmlsec-ipk.txt" dbs/ > libscanner.xml 2> libscanner.err)
rc=$?
set -e
expect_eq "$rc" 1 "LibScanner shape exit status"
xmllint --noout "$tmp/libscanner.xml" || fail "LibScanner-shape report not well-formed"
findings "$tmp/libscanner.xml" && has "$tmp/libscanner.xml" "libxml2 CVE-2016-9318 ignored" ||
  fail "ignored CVE not reported as skipped"
grep -q 'mitigated: no untrusted XML &amp; the parser runs with &lt;no entities&gt;' "$tmp/libscanner.xml" ||
  fail "ignore reason not escaped in the report"
grep -q "ignore.txt:3: CVE-2099-0001: ignore entry matched no finding" "$tmp/libscanner.err" ||
  fail "unused ignore entry not reported"

# -a: only findings scored at least 9.0 fail; the rest pass with a note
rc=$(scan "$tmp/a9.xml" -a 9 "$lists/core-ipk.txt")
python3 "$here/junit_findings.py" "$tmp/a9.xml" > "$tmp/a9.txt"
grep -qx "bash CVE-2014-6271 failed" "$tmp/a9.txt" || fail "-a 9: CVE-2014-6271 (10.0) should fail"
grep -qx "openssl CVE-2014-0160 below-threshold" "$tmp/a9.txt" || fail "-a 9: CVE-2014-0160 (7.5) should pass"
grep -q "<warning" "$tmp/a9.xml" && fail "non-standard <warning> element written"

# reproducible: the same scan twice is byte for byte the same
rc=$(scan "$tmp/again.xml" --format yocto "$lists/core-ipk.txt")
cmp -s "$tmp/ipk.xml" "$tmp/again.xml" || fail "report not reproducible under SOURCE_DATE_EPOCH"

# a real list (Ubuntu 12.04, 369 SWID tags): well-formed, and each CVE at most
# once per component even where a package maps to several vendors' products
rc=$(scan "$tmp/ubuntu.xml" "$data/pkglists/ubuntu1204/dpkg-swid-full.xmls")
expect_eq "$rc" 1 "Ubuntu 12.04 scan exit status"
xmllint --noout "$tmp/ubuntu.xml" || fail "Ubuntu 12.04 report is not well-formed"
python3 "$here/junit_findings.py" --versions "$tmp/ubuntu.xml" > "$tmp/ubuntu.txt"
dups=$(awk '{print $1, $2, $3}' "$tmp/ubuntu.txt" | sort | uniq -d)
[ -z "$dups" ] || fail "a CVE reported twice for one component: $dups"
grep -q '^curl 7.22.0-3ubuntu4 CVE-2014-0015 failed$' "$tmp/ubuntu.txt" ||
  fail "curl 7.22.0 (libcurl3-gnutls): CVE-2014-0015 missing"

# the same real packages in other formats give the same findings: the Ubuntu
# dpkg list (369 installed of 372 lines) and its SWID tags; the Yocto image
# manifest and the same packages as a buildhistory ipk list
rc=$(scan "$tmp/ubuntu-dpkg.xml" "$data/pkglists/ubuntu1204/dpkg-list-installed.txt")
python3 "$here/junit_findings.py" "$tmp/ubuntu-dpkg.xml" > "$tmp/ubuntu-dpkg.txt"
python3 "$here/junit_findings.py" "$tmp/ubuntu.xml" > "$tmp/ubuntu-swid.txt"
diff -u "$tmp/ubuntu-swid.txt" "$tmp/ubuntu-dpkg.txt" || fail "dpkg list and SWID tags disagree"
manifest=$data/pkglists/yocto/kirkstone-nuc-image-intel-corei7-64.rootfs.manifest
awk '{ v = $3; gsub(":", "%3a", v); print $1 "_" v "_" $2 ".ipk" }' "$manifest" > "$tmp/kirkstone-ipk.txt"
rc=$(scan "$tmp/manifest.xml" "$manifest")
rc=$(scan "$tmp/kirkstone-ipk.xml" "$tmp/kirkstone-ipk.txt")
python3 "$here/junit_findings.py" "$tmp/manifest.xml" > "$tmp/manifest.txt"
python3 "$here/junit_findings.py" "$tmp/kirkstone-ipk.xml" > "$tmp/kirkstone-ipk.txt.found"
diff -u "$tmp/manifest.txt" "$tmp/kirkstone-ipk.txt.found" || fail "manifest and ipk list disagree"
[ -s "$tmp/manifest.txt" ] || fail "the kirkstone image gave no findings at all"
# the Debian 12 status file: every installed package read
set +e
"$cvegate" scan --db "$db" -o "$tmp/debian.xml" "$data/pkglists/debian/debian12-dpkg-status" 2> "$tmp/debian.err"
set -e
grep -q "^cvegate: 797 packages in " "$tmp/debian.err" || fail "Debian 12 status: $(cat "$tmp/debian.err")"

# show prints the logic of a record
"$cvegate" show --db "$db" CVE-2016-9318 > "$tmp/show.txt"
grep -q "ALL of" "$tmp/show.txt" || fail "show: AND configuration not shown"
grep -q "platform:    cpe:2.3:a:xmlsec_project:xmlsec" "$tmp/show.txt" || fail "show: platform not shown"
set +e
"$cvegate" show --db "$db" CVE-2014-0001 >/dev/null 2>&1; rc1=$?
"$cvegate" show --db "$db" CVE-1999-9999 >/dev/null 2>&1; rc2=$?
set -e
expect_eq "$rc1" 0 "show a stored record"
expect_eq "$rc2" 3 "show a missing record"

echo "nvd11_corpus: $(wc -l < "$tmp/ipk.txt") findings on the core list, all checks passed"
