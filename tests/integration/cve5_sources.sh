#!/usr/bin/env bash
# The NVD and the CVE List v5 merged per CVE (docs/matching.md section 6),
# on the real records: SHARED_DATA/nvd/2.0/records-page.json (43 NVD
# records, some analysed, some "Awaiting Analysis"/"Received" without
# configurations) and SHARED_DATA/cvelist5 (23 CVE List records), against
# the real Debian 12 dpkg status list.
#  - every finding comes from the source the merge rule names: a CVE the
#    NVD has analysed only from the NVD, the others from the CVE List
#    (checked against the NVD records themselves, not against cvegate);
#  - the exact findings, with origin and provider: CVE-2025-6965 on SQLite
#    3.40.1 from the CNA's range (before 3.50.2), CVE-2024-2961 from CISA's
#    ADP CPE range, libpng's free-text range and util-linux's n/a record as
#    unassessed;
#  - the CNA's cpeApplicability decides where the NVD has only "Received"
#    (busybox, Dropbear, U-Boot);
#  - the import order does not matter;
#  - a REJECTED CVE List record removes a CVE the NVD analysed;
#  - unassessed findings pass, and fail with --fail-on-unassessed.
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=${2:-}
[ -n "$data" ] && [ -d "$data/cvelist5" ] && [ -f "$data/nvd/2.0/records-page.json" ] ||
	{ echo "skip: no shared data"; exit 77; }
command -v python3 > /dev/null || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export CVEGATE_NOW=2026-11-26T00:00:00Z
nvd=$data/nvd/2.0/records-page.json
list=$data/pkglists/debian/debian12-dpkg-status

"$cvegate" db import --db "$tmp/a.db" "$nvd" "$data/cvelist5" > /dev/null 2>&1 ||
	fail "import NVD + CVE List"
"$cvegate" db import --db "$tmp/b.db" "$data/cvelist5" > /dev/null 2>&1 || fail "import CVE List"
"$cvegate" db import --db "$tmp/b.db" "$nvd" > /dev/null 2>&1 || fail "import NVD after"

rc=0
"$cvegate" scan --db "$tmp/a.db" --output json="$tmp/a.json" "$list" 2> "$tmp/a.err" || rc=$?
[ "$rc" = 1 ] || fail "scan: exit $rc, expected 1"
grep -q '; 2 unassessed (versions not comparable)$' "$tmp/a.err" || fail "summary: $(cat "$tmp/a.err")"
"$cvegate" scan --db "$tmp/b.db" --output json="$tmp/b.json" "$list" 2> /dev/null || true

python3 - "$tmp/a.json" "$tmp/b.json" "$data" <<'PY'
import json, os, sys
a, b, data = sys.argv[1:4]

def findings(path):
    r = json.load(open(path))
    return sorted((f["cve"], f["package"], f["origin"], f["provider"], f["status"])
                  for f in r["findings"])

got = findings(a)
expected = sorted([
    ("CVE-2023-38545", "curl", "nvd", None, "failing"),
    ("CVE-2024-45490", "expat", "nvd", None, "failing"),
    ("CVE-2024-2961", "glibc", "adp", "CISA-ADP", "failing"),
    ("CVE-2025-4802", "glibc", "cna", "glibc", "failing"),
    ("CVE-2025-64720", "libpng", "cna", "GitHub_M", "unassessed"),
    ("CVE-2022-40303", "libxml2", "nvd", None, "failing"),
    ("CVE-2024-6387", "openssh", "nvd", None, "failing"),
    ("CVE-2026-28387", "openssl", "nvd", None, "failing"),
    ("CVE-2023-7104", "sqlite3", "nvd", None, "failing"),
    ("CVE-2025-6965", "sqlite3", "cna", "Google", "failing"),
    ("CVE-2024-28085", "util-linux", "cna", "mitre", "unassessed"),
    ("CVE-2023-45853", "zlib", "nvd", None, "failing"),
])
if got != expected:
    print("findings differ:\n got      %s\n expected %s" % (got, expected))
    sys.exit(1)
if findings(b) != got:
    print("the import order changed the findings")
    sys.exit(1)

# the merge rule, from the records themselves: analysed by the NVD (at least
# one configuration) -> NVD only; otherwise the CVE List
analysed = {}
for v in json.load(open(os.path.join(data, "nvd/2.0/records-page.json")))["vulnerabilities"]:
    analysed[v["cve"]["id"]] = bool(v["cve"].get("configurations"))
listed = {n[:-5] for n in os.listdir(os.path.join(data, "cvelist5")) if n.startswith("CVE-")}
for cve, pkg, origin, provider, status in got:
    if origin == "nvd" and not analysed.get(cve):
        print("%s: from the NVD, which has not analysed it" % cve)
        sys.exit(1)
    if origin != "nvd" and (analysed.get(cve) or cve not in listed):
        print("%s: from the CVE List, but the NVD analysed it" % cve)
        sys.exit(1)

r = json.load(open(a))
f = [f for f in r["findings"] if f["cve"] == "CVE-2025-6965"][0]
assert f["match"]["criterion"] == "Google: SQLite SQLite up to 3.50.2 (excluding) [semver]", f["match"]
assert f["match"]["kind"] == "range"
assert f["score"]["type"] == "CNA" and f["score"]["source"] == "Google", f["score"]
assert f["version"] == "3.40.1-2+deb12u2"
u = [f for f in r["findings"] if f["cve"] == "CVE-2024-28085"][0]
assert u["match"]["criterion"] == "mitre: no product named (n/a); the description names 'util_linux'", u["match"]
assert r["summary"]["unassessed"] == 2, r["summary"]
PY

# a REJECTED record in the CVE List removes zlib's CVE-2023-45853 (analysed by the NVD)
python3 - "$tmp/rej.json" <<'PY'
import json, sys
json.dump({"dataType": "CVE_RECORD", "dataVersion": "5.1",
           "cveMetadata": {"cveId": "CVE-2023-45853", "assignerOrgId": "8254265b-2729-46b6-b9e3-3dfca2d5bfca",
                           "assignerShortName": "mitre", "state": "REJECTED",
                           "dateUpdated": "2026-11-01T00:00:00.000Z",
                           "dateRejected": "2026-11-01T00:00:00.000Z"},
           "containers": {"cna": {"providerMetadata": {"orgId": "8254265b-2729-46b6-b9e3-3dfca2d5bfca"},
                                  "rejectedReasons": [{"lang": "en", "value": "test rejection"}]}}},
          open(sys.argv[1], "w"))
PY
"$cvegate" db import --db "$tmp/a.db" "$tmp/rej.json" > /dev/null 2>&1 || fail "import rejection"
"$cvegate" scan --db "$tmp/a.db" --output json="$tmp/c.json" "$list" 2> /dev/null || true
python3 - "$tmp/a.json" "$tmp/c.json" <<'PY'
import json, sys
before = {(f["cve"], f["package"]) for f in json.load(open(sys.argv[1]))["findings"]}
after = {(f["cve"], f["package"]) for f in json.load(open(sys.argv[2]))["findings"]}
if before - after != {("CVE-2023-45853", "zlib")} or after - before:
    print("rejection: removed %s, added %s" % (before - after, after - before))
    sys.exit(1)
PY

# the CNA's cpeApplicability (busybox, Dropbear, U-Boot: records the NVD had
# only "Received"), beside the NVD's analysed busybox CVEs
printf 'busybox 1.36.1\ndropbear 2022.83\nu-boot 2023.01\n' > "$tmp/cpe.txt"
"$cvegate" scan --db "$tmp/a.db" --output json="$tmp/cpe.json" "$tmp/cpe.txt" 2> /dev/null || true
python3 - "$tmp/cpe.json" <<'PY'
import json, sys
got = sorted((f["cve"], f["package"], f["origin"], f["match"]["criterion"])
             for f in json.load(open(sys.argv[1]))["findings"] if f["origin"] != "nvd")
expected = [
    ("CVE-2024-57254", "u-boot", "cna-cpe",
     "cpe:2.3:a:denx:u-boot:*:*:*:*:*:*:*:* up to 2025.01-rc1 (excluding)"),
    ("CVE-2024-58251", "busybox", "cna-cpe",
     "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* up to 1.37.0 (including)"),
    ("CVE-2025-46394", "busybox", "cna-cpe",
     "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* up to 1.37.0 (including)"),
    ("CVE-2025-47203", "dropbear", "cna-cpe",
     "cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:*:*:*:*:*:*:*:* up to 2025.88 (excluding)"),
]
if got != expected:
    print("cpeApplicability findings:\n got      %s\n expected %s" % (got, expected))
    sys.exit(1)
PY

# unassessed findings pass, unless --fail-on-unassessed
printf 'util-linux 2.38.1\nlibpng 1.6.39\n' > "$tmp/list.txt"
rc=0
"$cvegate" scan --db "$tmp/a.db" "$tmp/list.txt" > "$tmp/u.xml" 2> /dev/null || rc=$?
[ "$rc" = 0 ] || fail "unassessed only: exit $rc, expected 0"
[ "$(grep -c '<skipped message="unassessed: ' "$tmp/u.xml")" = 2 ] || fail "junit: $(cat "$tmp/u.xml")"
rc=0
"$cvegate" scan --db "$tmp/a.db" --fail-on-unassessed "$tmp/list.txt" > "$tmp/u.xml" 2> /dev/null || rc=$?
[ "$rc" = 1 ] || fail "--fail-on-unassessed: exit $rc, expected 1"
[ "$(grep -c '<failure' "$tmp/u.xml")" = 2 ] || fail "junit failing: $(cat "$tmp/u.xml")"

# --explain names what the CVE List said
"$cvegate" scan --db "$tmp/a.db" --explain sqlite3 "$list" > "$tmp/e.txt" 2> /dev/null || true
grep -q 'CVE-2025-6965 \[CVE List\] Google: SQLite SQLite up to 3.50.2 (excluding) \[semver\]' "$tmp/e.txt" ||
	fail "explain: $(cat "$tmp/e.txt")"
echo "ok: NVD and CVE List merged per CVE"
