#!/usr/bin/env python3
"""Write NAME.meta beside each NAME.json.gz in DIR, as the NVD does.

`make_meta.py DIR LASTMODIFIED [FILE...]`: sha256 and size of the
uncompressed JSON, gzSize of the file, CRLF line ends (the NVD's shape, see
docs/update.md). Without FILEs every *.json.gz in DIR gets one. Used by the
update tests for the 2.0-derived feeds, which come without .meta files.
"""
import gzip
import hashlib
import os
import sys


def meta(path, last_modified):
    h = hashlib.sha256()
    size = 0
    with gzip.open(path, "rb") as g:
        for chunk in iter(lambda: g.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
    return ("lastModifiedDate:%s\r\nsize:%d\r\nzipSize:0\r\ngzSize:%d\r\nsha256:%s\r\n"
            % (last_modified, size, os.path.getsize(path), h.hexdigest().upper()))


def main():
    d, lm = sys.argv[1], sys.argv[2]
    names = sys.argv[3:] or sorted(f for f in os.listdir(d) if f.endswith(".json.gz"))
    for f in names:
        out = os.path.join(d, f[: -len(".json.gz")] + ".meta")
        if os.path.lexists(out):
            os.unlink(out)
        with open(out, "w", newline="") as fp:
            fp.write(meta(os.path.join(d, f), lm))


if __name__ == "__main__":
    main()
