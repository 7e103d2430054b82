#!/usr/bin/env bash
# `cvegate db export` end to end: a signed snapshot of the 2.0 records in
# ../shared/data/nvd/2.0/records-page.json (43 records, one Rejected) whose
# signature the openssl command line verifies too (the .sig is raw Ed25519,
# RFC 8032), reproducible with SOURCE_DATE_EPOCH, and the usage errors.
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR. Exit 77 (skip) without the data
# or the openssl program.
set -euo pipefail
cvegate=$1
data=${2:-}
page=$data/nvd/2.0/records-page.json
[ -f "$page" ] || { echo "skip: no $page"; exit 77; }
command -v openssl >/dev/null || { echo "skip: no openssl program"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$cvegate" db import --db "$tmp/src.db" "$page" 2>/dev/null
openssl genpkey -algorithm ed25519 -out "$tmp/key.pem" 2>/dev/null
openssl pkey -in "$tmp/key.pem" -pubout -out "$tmp/pub.pem"

SOURCE_DATE_EPOCH=1700000000 "$cvegate" db export --db "$tmp/src.db" --sign-key "$tmp/key.pem" \
  "$tmp/snap" 2> "$tmp/err" || fail "export: $(cat "$tmp/err")"
grep -q "^cvegate: exported 42 CVEs from $tmp/src.db to $tmp/snap/cvegate-snapshot.db (.* bytes, sha256 [0-9a-f]\{64\}), signed$" "$tmp/err" \
  || fail "export message: $(cat "$tmp/err")"
[ "$(ls "$tmp/snap")" = "cvegate-snapshot.db
cvegate-snapshot.json
cvegate-snapshot.json.sig" ] || fail "files: $(ls "$tmp/snap")"
grep -q '"created": "2023-11-14T22:13:20Z",' "$tmp/snap/cvegate-snapshot.json" || fail "created"
grep -q '"cves": 42' "$tmp/snap/cvegate-snapshot.json" || fail "cves"
sum=$(sha256sum "$tmp/snap/cvegate-snapshot.db" | cut -d' ' -f1)
grep -q "\"sha256\": \"$sum\"" "$tmp/snap/cvegate-snapshot.json" || fail "sha256"
[ "$(stat -c %s "$tmp/snap/cvegate-snapshot.json.sig")" = 64 ] || fail "signature size"
openssl pkeyutl -verify -pubin -inkey "$tmp/pub.pem" -rawin -in "$tmp/snap/cvegate-snapshot.json" \
  -sigfile "$tmp/snap/cvegate-snapshot.json.sig" >/dev/null || fail "openssl does not verify"
"$cvegate" db info --db "$tmp/snap/cvegate-snapshot.db" | grep -q '^CVEs:         42$' || fail "info"

# the same database and time give the same manifest
SOURCE_DATE_EPOCH=1700000000 "$cvegate" db export --db "$tmp/src.db" "$tmp/snap2" 2>/dev/null
cmp -s "$tmp/snap/cvegate-snapshot.json" "$tmp/snap2/cvegate-snapshot.json" || fail "not reproducible"
[ ! -e "$tmp/snap2/cvegate-snapshot.json.sig" ] || fail "unsigned export wrote a .sig"

# errors: usage 2, a key that is not Ed25519 2, not a database 4
set +e
"$cvegate" db export --db "$tmp/src.db" 2>/dev/null; [ $? = 2 ] || fail "no DIR"
"$cvegate" db export --db "$tmp/src.db" --sign-key "$tmp/pub.pem" "$tmp/x" 2> "$tmp/err"
[ $? = 2 ] || fail "public key as signing key"
grep -q "not a PEM private key" "$tmp/err" || fail "message: $(cat "$tmp/err")"
"$cvegate" db export --db "$tmp/key.pem" "$tmp/x" 2>/dev/null; [ $? = 4 ] || fail "not a database"
[ ! -e "$tmp/x" ] || fail "a failed export left $tmp/x"
echo "db export: ok"
