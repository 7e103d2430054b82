#!/usr/bin/env bash
# Command-line cases: each runs cvegate in tests/data/cli and checks the
# exit status, stdout and stderr against tests/cli/expected/NAME.{out,err}.
# Variable parts (the temporary folder, elapsed time, the import time) are
# replaced by fixed words before comparing. CVG_UPDATE_EXPECTED=1 rewrites
# the expected files (then read every diff before committing).
# Arguments: CVEGATE_BINARY [SHARED_DATA_DIR]
set -uo pipefail
cvegate=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
expected=$here/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$here/../data/cli"
export SOURCE_DATE_EPOCH=1700000000 HOME=$tmp
umask 022
unset CVEGATE_DB XDG_DATA_HOME NO_COLOR
db=$tmp/cvegate.db
TMPDB2=$tmp/meta.db
passed=0
failed=0

normalise() {
  sed -e "s|$tmp|TMP|g" -e 's/[0-9]*\.[0-9]* s\([,)]\)/T s\1/g' -e 's/in [0-9]*\.[0-9]* s/in T s/' \
      -e 's/^last import:  .*/last import:  T/' -e 's/[0-9][0-9.]* days/N days/g' \
      -e 's/^\(last import: *\)[0-9T:Z-]*/\1T/' \
      -e 's/(pid [0-9]* on [^,]*, started [0-9-]* s ago)/(pid P on H, started N s ago)/'
}

# run NAME EXPECTED_STATUS ARGS... ; stdin is /dev/null
run() {
  local name=$1 want=$2
  shift 2
  "$cvegate" "$@" < /dev/null > "$tmp/out" 2> "$tmp/err"
  check "$name" "$want" $?
}

check() {
  local name=$1 want=$2 got=$3 ok=1
  normalise < "$tmp/out" > "$tmp/$name.out"
  normalise < "$tmp/err" > "$tmp/$name.err"
  if [ "${CVG_UPDATE_EXPECTED:-}" = 1 ]; then
    cp "$tmp/$name.out" "$expected/$name.out"
    cp "$tmp/$name.err" "$expected/$name.err"
  fi
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit status $got, expected $want"; ok=0
  fi
  for s in out err; do
    if ! diff -u "$expected/$name.$s" "$tmp/$name.$s"; then
      echo "FAIL $name: std$s differs"; ok=0
    fi
  done
  if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

run usage 2
run version 0 --version
run import 0 db import --db "$db" feed-2.0.json
run import-older 0 db import --db "$db" feed-1.1.json
run info 0 db info --db "$db"
run import-truncated 3 db import --db "$db" feed-1.1.json feed-truncated.json
# a .meta whose sha256 does not match the JSON: nothing changes either
run import-bad-meta 3 db import --db "$db" meta/nvdcve-1.1-2099.json
run info-unchanged 0 db info --db "$db"
run import-missing 3 db import --db "$db" no-such-feed.json
# an update (this shell, alive) holds the lock: the import waits its turn, nothing changes
printf 'pid=%s\nhost=%s\nstarted=%s\n' "$$" "$(hostname)" "$(date +%s)" > "$db.lock"
run import-locked 2 db import --db "$db" feed-2.0.json
rm -f "$db.lock"
run import-good-meta 0 db import --db "$TMPDB2" meta/nvdcve-1.1-2098.json
run scan 1 scan --db "$db" --map map.txt -i ignore.txt list-ipk.txt
run scan-threshold 1 scan --db "$db" --map map.txt -a 9.9 list-ipk.txt
run scan-exit-zero 0 scan --db "$db" --map map.txt --exit-zero list-ipk.txt
run scan-strict 1 scan --db "$db" --map map.txt --strict list-ipk.txt
run scan-ignore-fields 1 scan --db "$db" --map map.txt -i ignore-fields.txt list-ipk.txt
run scan-fail-on-critical 1 scan --db "$db" --map map.txt --fail-on critical list-ipk.txt
run scan-unscored-pass 1 scan --db "$db" --map map.txt --unscored pass list-ipk.txt
run scan-cvss-2 1 scan --db "$db" --map map.txt --cvss 2 --fail-on high list-ipk.txt
run scan-bad-fail-on 2 scan --db "$db" --fail-on severe list-ipk.txt
run scan-require-reason 3 scan --db "$db" --require-reason -i ignore.txt list-ipk.txt
run scan-vex-openvex 1 scan --db "$db" --map map.txt --vex ../vex/openvex.json list-ipk.txt
run scan-vex-cyclonedx 1 scan --db "$db" --map map.txt --vex ../vex/cyclonedx-vex.json list-ipk.txt
run scan-vex-yocto 1 scan --db "$db" --map map.txt --vex ../vex/yocto-cve-check.json -i ignore.txt list-ipk.txt
run scan-vex-bad 3 scan --db "$db" --map map.txt --vex map.txt list-ipk.txt
run scan-bad-line 3 scan --db "$db" list-bad.txt
run scan-lenient 1 scan --db "$db" --map map.txt --lenient list-bad.txt
run scan-bad-ignore 3 scan --db "$db" -i ignore-bad.txt list-ipk.txt
run scan-no-db 4 scan --db "$tmp/none.db" list-ipk.txt
run scan-bad-score 2 scan --db "$db" -a 11 list-ipk.txt
run scan-bad-option 2 scan --db "$db" --frobnicate list-ipk.txt
run scan-bad-format 2 scan --db "$db" --format csv list-ipk.txt
run show 0 show --db "$db" CVE-2099-0004
run show-rejected 3 show --db "$db" cve-2099-0003
# CVE List v5 records (docs/cve5.md) beside NVD data, in a database of their own
c5db=$tmp/cve5.db
run import-cve5 0 db import --db "$c5db" feed-2.0.json ../cve5db/a.json ../cve5db/tree
run show-cve5-only 0 show --db "$c5db" cve-2099-0010
run show-nvd-and-cve5 0 show --db "$c5db" CVE-2099-0001
run import-cve5-rejected 0 db import --db "$c5db" ../cve5db/a-rejected.json
run info-cve5 0 db info --db "$c5db"
run show-nvd-and-cve5-rejected 0 show --db "$c5db" CVE-2099-0001
run import-cve5-bad 3 db import --db "$c5db" ../cve5db/a-restored.json ../cve5db/bad-tree
run show-cve5-missing 3 show --db "$c5db" CVE-2099-0099
run not-a-db 4 scan --db map.txt list-ipk.txt
run scan-explain 1 scan --db "$db" --map map.txt --explain foo-dbg list-ipk.txt
run scan-explain-unmapped 1 scan --db "$db" --map map.txt --explain qux list-ipk.txt
run inventory 0 inventory ../sboms/image.spdx
run inventory-lenient 0 inventory --lenient list-bad.txt
run inventory-bad 3 inventory list-bad.txt
run inventory-usage 2 inventory
run scan-explain-missing 2 scan --db "$db" --map map.txt --explain nosuch list-ipk.txt
# database age (docs/update.md): CVEGATE_NOW far after the import
CVEGATE_NOW=2099-01-01T00:00:00Z run scan-stale-warn 1 scan --db "$db" --map map.txt list-ipk.txt
CVEGATE_NOW=2099-01-01T00:00:00Z run scan-stale-fail 7 scan --db "$db" --map map.txt \
  --fail-on-stale-db list-ipk.txt
CVEGATE_NOW=4102444800 run scan-stale-age 1 scan --db "$db" --map map.txt --max-db-age 30000 \
  --fail-on-stale-db list-ipk.txt
run scan-bad-age 2 scan --db "$db" --max-db-age -1 list-ipk.txt
CVEGATE_NOW=yesterday run bad-now 2 db status --db "$db"
CVEGATE_NOW=2099-01-01T00:00:00Z run status 0 db status --db "$db"
printf 'secret-key\n' > "$tmp/key"; chmod 644 "$tmp/key"
run update-key-mode 2 db update --db "$tmp/u.db" --api-key-file "$tmp/key"
run update-bad-years 2 db update --db "$tmp/u.db" --years 2018-
run update-bad-source 2 db update --db "$tmp/u.db" --source osv --mirror /nonexistent
run update-no-feed 3 db update --db "$tmp/u.db" --mirror "$tmp" --years 2002-2003 --quiet
# a report that cannot be written is an error, not a truncated file
"$cvegate" scan --db "$db" --map map.txt list-ipk.txt < /dev/null > /dev/full 2> "$tmp/err"
rc=$?
: > "$tmp/out"
check full-disk 5 $rc
# -o writes the whole report or nothing
"$cvegate" scan --db "$db" --map map.txt -o "$tmp/report.xml" list-ipk.txt < /dev/null \
  > "$tmp/out" 2> "$tmp/err"
rc=$?
stat -c 'mode %a' "$tmp/report.xml" >> "$tmp/out"
cat "$tmp/report.xml" >> "$tmp/out"
check scan-output-file 1 $rc

# --output: several formats in one scan, text on stdout (not a terminal: no colours)
"$cvegate" scan --db "$db" --map map.txt -i ignore.txt --output junit="$tmp/all.xml" \
  --output json="$tmp/all.json" --output csv="$tmp/all.csv" --output sarif="$tmp/all.sarif" \
  --output text list-ipk.txt < /dev/null > "$tmp/out" 2> "$tmp/err"
rc=$?
for f in all.xml all.json all.csv all.sarif; do
  echo "== $f $(stat -c 'mode %a' "$tmp/$f")" >> "$tmp/out"
  cat "$tmp/$f" >> "$tmp/out"
done
check scan-output-all 1 $rc
# -o FILE is junit=FILE, and mixes with --output; '-' is stdout
"$cvegate" scan --db "$db" --map map.txt -i ignore.txt -o "$tmp/o.xml" --output csv=- list-ipk.txt \
  < /dev/null > "$tmp/out" 2> "$tmp/err"
rc=$?
cmp -s "$tmp/o.xml" "$tmp/all.xml" || echo "-o and --output junit= differ" >> "$tmp/out"
check scan-output-o-compat 1 $rc
run scan-output-two-stdout 2 scan --db "$db" --output text --output json list-ipk.txt
run scan-output-unknown 2 scan --db "$db" --output report.xml list-ipk.txt
run scan-output-no-file 2 scan --db "$db" --output json= list-ipk.txt
run scan-output-same-file 2 scan --db "$db" --output json="$tmp/s" --output csv="$tmp/s" list-ipk.txt
run scan-output-explain-stdout 2 scan --db "$db" --map map.txt --explain foo --output text list-ipk.txt
# a report that cannot be written: exit 5, nothing left behind, the other reports written
"$cvegate" scan --db "$db" --map map.txt --output json="$tmp/nodir/r.json" \
  --output csv="$tmp/ok.csv" list-ipk.txt < /dev/null > "$tmp/out" 2> "$tmp/err"
rc=$?
ls "$tmp" | grep -e '\.tmp\.' -e '^nodir' >> "$tmp/out"
[ -s "$tmp/ok.csv" ] && echo "ok.csv written" >> "$tmp/out"
check scan-output-missing-dir 5 $rc
# several inventories with --db: one suite each, one database load; the
# second list has the same file name in another folder
"$cvegate" scan --db "$db" --map map.txt -i ignore.txt --output text \
  --output junit="$tmp/two.xml" --output json="$tmp/two.json" --output csv="$tmp/two.csv" \
  list-ipk.txt product-b/list-ipk.txt < /dev/null > "$tmp/out" 2> "$tmp/err"
rc=$?
for f in two.xml two.json two.csv; do
  echo "== $f" >> "$tmp/out"
  cat "$tmp/$f" >> "$tmp/out"
done
check scan-two 1 $rc
# the two-inventory report as the baseline: each inventory against its own section
run scan-two-baseline 0 scan --db "$db" --map map.txt -i ignore.txt --baseline "$tmp/two.json" \
  --fail-on-new --output text=/dev/null list-ipk.txt product-b/list-ipk.txt
# one of them alone, under another folder: matched by the trailing path
# components ("product-b/list-ipk.txt"), the file name alone being ambiguous
mkdir -p "$tmp/ci/product-b"
cp product-b/list-ipk.txt "$tmp/ci/product-b/list-ipk.txt"
run scan-two-baseline-suffix 0 scan --db "$db" --map map.txt -i ignore.txt \
  --baseline "$tmp/two.json" --fail-on-new --output text=/dev/null "$tmp/ci/product-b/list-ipk.txt"
run scan-two-explain 1 scan --db "$db" --map map.txt --explain foo -o /dev/null \
  list-ipk.txt product-b/list-ipk.txt
run scan-two-no-db 2 scan --map map.txt list-ipk.txt product-b/list-ipk.txt "$db"
run scan-two-same 2 scan --db "$db" list-ipk.txt list-ipk.txt

# colours only on a terminal (script(1) gives it one) and only without NO_COLOR
if command -v script > /dev/null; then
  for nc in "" 1; do
    NO_COLOR=$nc script -qec "'$cvegate' scan --db '$db' --map map.txt --output text list-ipk.txt 2>/dev/null" \
      /dev/null < /dev/null > "$tmp/tty$nc" 2>&1
  done
  : > "$tmp/err"
  { grep -c $'\e\\[' "$tmp/tty"; grep -c $'\e\\[' "$tmp/tty1"; } > "$tmp/out"
  check scan-output-tty-color 0 0
fi

echo "cli cases: $passed passed, $failed failed"
[ "$failed" = 0 ]
