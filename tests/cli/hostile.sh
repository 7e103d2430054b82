#!/usr/bin/env bash
# Hostile inputs fail fast, with bounded memory and a message that names
# what was refused: a 1 GB line, a deeply nested JSON document, XXE and
# entity-expansion XML (CycloneDX and SWID), a zip bomb and a tar bomb, and
# an archive whose member climbs out with "..". Each runs `cvegate
# inventory` under /usr/bin/time and must exit 3 (bad input) within 5 s and
# 200 MB of peak memory (four times that in a sanitizer build, whose shadow
# memory and quarantine multiply what a 64 MiB read costs; ctest sets
# CVG_SANITIZED). Arguments: CVEGATE_BINARY [SHARED_DATA_DIR]
set -uo pipefail
cvegate=$1
command -v python3 > /dev/null || { echo "skip: python3 not found"; exit 77; }
[ -x /usr/bin/time ] || { echo "skip: /usr/bin/time not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
max_kb=204800
[ "${CVG_SANITIZED:-0}" = 1 ] && max_kb=$((max_kb * 4))

# expect NAME MESSAGE-PATTERN FILE [cvegate args...]
expect() {
  local name=$1 pattern=$2 file=$3
  shift 3
  local t0=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$tmp/rss" timeout 20 "$cvegate" inventory "$@" "$file" \
    > /dev/null 2> "$tmp/err"
  local rc=$? t1=$EPOCHREALTIME
  local rss secs
  rss=$(tail -1 "$tmp/rss")
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  if [ "$rc" != 3 ]; then
    echo "FAIL $name: exit $rc, expected 3: $(head -c 300 "$tmp/err")"; failed=1; return
  fi
  if ! grep -q -- "$pattern" "$tmp/err"; then
    echo "FAIL $name: message '$(head -c 300 "$tmp/err")' lacks '$pattern'"; failed=1; return
  fi
  if [ "$rss" -gt "$max_kb" ] || awk -v s="$secs" 'BEGIN { exit !(s > 5) }'; then
    echo "FAIL $name: ${secs} s, ${rss} KB"; failed=1; return
  fi
  echo "ok $name (${secs} s, $((rss / 1024)) MB)"
}

python3 - "$tmp" <<'PY'
import sys, io, os, tarfile, zipfile
tmp = sys.argv[1]
# XML with a DOCTYPE: an external entity (XXE) and a billion laughs
with open(f"{tmp}/xxe.cdx.xml", "w") as f:
    f.write('<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            '<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library">'
            '<name>&x;</name><version>1</version></component></components></bom>\n')
lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(10))
with open(f"{tmp}/laughs.swidtag", "w") as f:
    f.write(f'<?xml version="1.0"?>\n<!DOCTYPE SoftwareIdentity [{lol}]>\n'
            '<SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd" '
            'name="&l9;" version="1"/>\n')
# JSON nested 100,000 deep
with open(f"{tmp}/deep.cdx.json", "w") as f:
    f.write('{"bomFormat":"CycloneDX","components":' + "[" * 100000 + "]" * 100000 + "}")
# a zip of 200 MB of zeros (200 KB compressed) and a tar.gz of the same
with zipfile.ZipFile(f"{tmp}/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("sbom.spdx.json", "w", force_zip64=True) as m:
        chunk = b"\0" * (1 << 20)
        for _ in range(200):
            m.write(chunk)
with tarfile.open(f"{tmp}/bomb.tar.gz", "w:gz") as t:
    class Zeros(io.RawIOBase):
        def __init__(self, n): self.n = n
        def readable(self): return True
        def readinto(self, b):
            k = min(len(b), self.n); b[:k] = bytes(k); self.n -= k; return k
    info = tarfile.TarInfo("sbom.spdx.json"); info.size = 200 << 20
    t.addfile(info, io.BufferedReader(Zeros(info.size)))
# a member that climbs out of the archive
with tarfile.open(f"{tmp}/climb.tar", "w") as t:
    data = b'{"spdxVersion":"SPDX-2.2","packages":[]}'
    info = tarfile.TarInfo("../../etc/sbom.spdx.json"); info.size = len(data)
    t.addfile(info, io.BytesIO(data))
PY
# a 1 GB line through a pipe: the read stops at the limit
expect one-gb-line-pipe "larger than the limit" /dev/stdin < <(head -c 1073741824 /dev/zero | tr '\0' 'a')
# a 1 GB file: refused by its size before reading
truncate -s 1G "$tmp/big.txt"
expect one-gb-file "larger than the limit" "$tmp/big.txt"
expect xxe "DOCTYPE" "$tmp/xxe.cdx.xml"
expect billion-laughs "DOCTYPE" "$tmp/laughs.swidtag"
expect deep-json "nest" "$tmp/deep.cdx.json"
expect zip-bomb "limit" "$tmp/bomb.zip"
expect tar-bomb "limit" "$tmp/bomb.tar.gz"
expect path-traversal "\.\." "$tmp/climb.tar"
[ "$failed" = 0 ]
