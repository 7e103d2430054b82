#!/usr/bin/env python3
"""Write the seed corpus of fuzz_archive (fuzz/corpus/archive/): tiny SBOM
archives in each container the reader takes, plus hostile ones. Run from the
repository root; the output is committed, this script says how it was made."""
import io, os, tarfile, zipfile, gzip, lzma

OUT = "fuzz/corpus/archive"
DOC = (b'{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":['
       b'{"type":"software_Package","name":"busybox","software_packageVersion":"1.36.1",'
       b'"externalIdentifier":[{"externalIdentifierType":"cpe23","identifier":'
       b'"cpe:2.3:*:busybox:busybox:1.36.1:*:*:*:*:*:*:*"}]}]}')
INDEX = b'{"documents":[{"filename":"busybox.spdx.json","sha1":"0"}]}'


def tar(members, fmt=tarfile.PAX_FORMAT):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for name, data, kind in members:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            if kind == "link":
                info.type = tarfile.SYMTYPE
                info.linkname = data.decode()
                t.addfile(info)
            else:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


os.makedirs(OUT, exist_ok=True)
yocto = tar([("index.json", INDEX, "file"), ("busybox.spdx.json", DOC, "file"),
             ("l.spdx.json", b"busybox.spdx.json", "link")])
write("yocto.spdx.tar", yocto)
write("yocto.spdx.tar.gz", gzip.compress(yocto, mtime=0))
write("yocto.spdx.tar.xz", lzma.compress(yocto))
try:
    import zstandard
    write("yocto.spdx.tar.zst", zstandard.ZstdCompressor().compress(yocto))
except ImportError:
    import subprocess
    write("yocto.spdx.tar.zst", subprocess.run(["zstd", "-q", "-c"], input=yocto,
                                               capture_output=True, check=True).stdout)
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("docs/busybox.spdx.json", DOC)
    z.writestr("index.json", INDEX)
write("docs.zip", buf.getvalue())
write("traversal.tar", tar([("../evil.spdx.json", DOC, "file")], tarfile.USTAR_FORMAT))
write("nested.tar.gz", gzip.compress(tar([("inner.json", gzip.compress(DOC, mtime=0), "file"),
                                          ("x.spdx.json", DOC, "file")]), mtime=0))
