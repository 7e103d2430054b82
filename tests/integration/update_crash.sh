#!/usr/bin/env bash
# Crash safety: kill -9 `db update` at random moments, an incremental
# update (one transaction in place) and a full rebuild (new file renamed
# over the old) alternately, 24 times; each time the database must open,
# pass PRAGMA integrity_check and equal the old or the new state
# (fingerprint: CVE and rejected counts, newest last_modified, cpe_match
# count, every meta row but the wall-clock last_import). Then an update
# without a kill recovers the lock and finishes. CVG_CRASH_KILLS overrides 24.
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR
set -euo pipefail
cvegate=$1
data=$2
[ -d "$data/nvd/1.1-history" ] && [ -d "$data/nvd/1.1" ] || { echo "skip: no $data/nvd"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
kills=${CVG_CRASH_KILLS:-24}

m=$tmp/mirror
mkdir "$m"
for y in $(seq 2002 2006); do ln -s "$data/nvd/1.1/nvdcve-1.1-$y".{json.gz,meta} "$m/"; done
h=$data/nvd/1.1-history
modified() {
  ln -sf "$h/nvdcve-1.1-modified-$1.json.gz" "$m/nvdcve-1.1-modified.json.gz"
  ln -sf "$h/nvdcve-1.1-modified-$1.meta" "$m/nvdcve-1.1-modified.meta"
}
db=$tmp/cvegate.db
update() { # NOW
  CVEGATE_NOW=$1 "$cvegate" db update --db "$db" --mirror "$m" --years 2002-2006 --quiet
}
fingerprint() {
  sqlite3 "$db" "SELECT count(*), max(last_modified) FROM cve; SELECT count(*) FROM rejected;
    SELECT count(*) FROM cpe_match;
    SELECT group_concat(key || '=' || value, ';') FROM
      (SELECT * FROM meta WHERE key <> 'last_import' ORDER BY key);" | md5sum | cut -c1-32
}
ms() { date +%s%N | cut -c1-13; }

# the old states and the new ones
modified 20231216
update 2023-12-16T12:00:00Z
cp "$db" "$tmp/old-incr.db"
old_incr=$(fingerprint)
sqlite3 "$db" "DELETE FROM meta WHERE key = 'last_update'"    # next update: a full rebuild
cp "$db" "$tmp/old-full.db"
old_full=$(fingerprint)
modified 20231217
t=$(ms); update 2023-12-17T12:00:00Z; full_ms=$(( $(ms) - t ))
new_full=$(fingerprint)
cp "$tmp/old-incr.db" "$db"
t=$(ms); update 2023-12-17T12:00:00Z; incr_ms=$(( $(ms) - t ))
new_incr=$(fingerprint)
[ "$new_incr" != "$old_incr" ] && [ "$new_full" != "$old_full" ] || fail "updates changed nothing"
echo "incremental update ${incr_ms} ms, full rebuild ${full_ms} ms"

seen_old=0 seen_new=0
for i in $(seq "$kills"); do
  if [ $((i % 2)) = 0 ]; then kind=incr; span=$incr_ms; else kind=full; span=$full_ms; fi
  cp "$tmp/old-$kind.db" "$db"
  rm -f "$db-journal"
  # incremental: anywhere; full: mostly late, where the rename happens
  if [ $kind = incr ]; then delay=$(( RANDOM % (span + span / 5 + 1) ))
  else delay=$(( span / 2 + RANDOM % (span * 7 / 10 + 1) )); fi
  CVEGATE_NOW=2023-12-17T12:00:00Z "$cvegate" db update --db "$db" --mirror "$m" \
    --years 2002-2006 --quiet 2>/dev/null &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # sqlite3 opens read-write: a hot journal is rolled back, as cvegate does
  [ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || fail "kill $i ($kind at ${delay} ms): integrity_check"
  fp=$(fingerprint)
  old=old_$kind new=new_$kind
  if [ "$fp" = "${!old}" ]; then
    seen_old=$((seen_old + 1)); state=old
  elif [ "$fp" = "${!new}" ]; then
    seen_new=$((seen_new + 1)); state=new
  else
    fail "kill $i ($kind at ${delay} ms): the database is neither the old nor the new state"
  fi
  echo "kill $i: $kind update at ${delay} ms: $state state, intact"
done
echo "$kills kills: $seen_old old, $seen_new new, never anything else"

# after a crash the next update recovers the dead lock and cleans up
cp "$tmp/old-incr.db" "$db"
CVEGATE_NOW=2023-12-17T12:00:00Z "$cvegate" db update --db "$db" --mirror "$m" --years 2002-2006 &
pid=$!
sleep 0.05; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
update 2023-12-17T12:00:00Z || fail "update after a kill"
[ "$(fingerprint)" = "$new_incr" ] || fail "update after a kill: not the new state"
[ ! -e "$db.lock" ] || fail "lock left"
left=$(ls -A "$tmp" | grep '^\.cvegate\.db\.update-' || true)
[ -z "$left" ] || fail "temporary directories left: $left"
echo "update after a kill: recovered"
