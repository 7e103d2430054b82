#!/usr/bin/env python3
"""
tests/tools/cvelist_server.py - a loopback server shaped like the CVE
Program's cvelistV5 releases, for testing `db update --source cvelist`
without the internet. Python 3 standard library only.

It builds its archives in memory at start from the CVE JSON 5 records in
DATA/cvelist5 (../shared/data), laid out as the CVE Program publishes them
(docs/update.md, "CVE List v5"):

  2025-07-03_all_CVEs_at_midnight.zip.zip   a zip holding cves.zip, which holds
                                            cves/YYYY/NNxxx/CVE-*.json (every
                                            record but the REJECTED one) and
                                            cves/delta.json
  2025-07-03_delta_CVEs_at_0500Z.zip        deltaCves/: MODIFIED (a copy of
                                            CVE-2025-6965 with dateUpdated
                                            2030-01-01T00:00:00.000Z)
  2025-07-03_delta_CVEs_at_0600Z.zip        deltaCves/: MODIFIED and the REJECTED
                                            record CVE-2023-32001 (cumulative)
  2025-07-02_delta_CVEs_at_end_of_day.zip   deltaCves/: empty (older, never taken)

and serves, under a prefix that picks the stage or a fault,
  /PREFIX/releases.json   a listing in the GitHub releases API's shape
                          (tag_name, draft, assets[].name, size, digest
                          "sha256:...", browser_download_url, release notes),
                          newest release first
  /PREFIX/NAME            the archive NAME

Prefixes:
  1           releases 2025-07-02_at_end_of_day and 2025-07-03_0500Z
  2           stage 1 and the release 2025-07-03_0600Z
  bad-digest  stage 2, the 0600Z delta listed with a wrong sha256 digest
  truncated   stage 2, the 0600Z delta's body cut in half (Content-Length
              says so; the listing keeps the true size)
  missing     stage 2, the 0600Z delta answered 404
  flaky       stage 2, the first request for the 0600Z delta answered 500
              (a retry then gets it)
  status500   stage 2, releases.json always answered 500

Usage:
  cvelist_server.py DATA                 serve; prints "PORT n" first (port 0
                                         on 127.0.0.1), exits on SIGTERM or
                                         after --lifetime seconds (300)
  cvelist_server.py DATA --write DIR --stage N
                                         write stage N's releases.json and
                                         archives into DIR (a mirror folder)
"""
import argparse
import hashlib
import http.server
import io
import json
import os
import socket
import sys
import threading
import zipfile

MODIFIED = "CVE-2025-6965"
REJECTED = "CVE-2023-32001"
NEW_DATE = "2030-01-01T00:00:00.000Z"
FULL = "2025-07-03_all_CVEs_at_midnight.zip.zip"
D0500 = "2025-07-03_delta_CVEs_at_0500Z.zip"
D0600 = "2025-07-03_delta_CVEs_at_0600Z.zip"
D2EOD = "2025-07-02_delta_CVEs_at_end_of_day.zip"


def record_path(cve_id):
    _, year, num = cve_id.split("-")
    return "cves/%s/%dxxx/%s.json" % (year, int(num) // 1000, cve_id)


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 7, 3, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def build(data):
    src = os.path.join(data, "cvelist5")
    records = {}
    for name in sorted(os.listdir(src)):
        if name.startswith("CVE-") and name.endswith(".json"):
            with open(os.path.join(src, name), "rb") as f:
                records[name[:-5]] = f.read()
    if MODIFIED not in records or REJECTED not in records:
        sys.exit("cvelist_server.py: %s lacks %s or %s" % (src, MODIFIED, REJECTED))
    doc = json.loads(records[MODIFIED])
    doc["cveMetadata"]["dateUpdated"] = NEW_DATE
    modified = json.dumps(doc, indent=4, ensure_ascii=False).encode()
    inner = zip_bytes(
        [(record_path(i), r) for i, r in records.items() if i != REJECTED]
        + [("cves/delta.json", b'{"fetchTime": "2025-07-03T00:00:00.000Z"}')])
    archives = {
        FULL: zip_bytes([("cves.zip", inner)]),
        D0500: zip_bytes([("deltaCves/%s.json" % MODIFIED, modified)]),
        D0600: zip_bytes([("deltaCves/%s.json" % MODIFIED, modified),
                          ("deltaCves/%s.json" % REJECTED, records[REJECTED])]),
        D2EOD: zip_bytes([]),
    }
    return archives, len(records)


def asset(archives, name, base, bad_digest=False):
    data = archives[name]
    digest = hashlib.sha256(data).hexdigest()
    if bad_digest:
        digest = ("1" if digest[0] == "0" else "0") + digest[1:]
    return {"name": name, "size": len(data), "digest": "sha256:" + digest,
            "browser_download_url": base + name, "content_type": "application/zip",
            "uploader": {"login": "cve-bot", "id": 1}}


def listing(archives, stage, base, bad_digest=False):
    notes = {"name": "release_notes.md", "size": 10, "digest": None,
             "browser_download_url": base + "release_notes.md"}
    rel = [
        {"tag_name": "cve_2025-07-03_0500Z", "draft": False, "prerelease": False,
         "body": "CVEs updated: [\"%s\"]" % MODIFIED,
         "assets": [asset(archives, D0500, base), asset(archives, FULL, base), notes]},
        {"tag_name": "cve_2025-07-02_at_end_of_day", "draft": False,
         "assets": [asset(archives, D2EOD, base)]},
    ]
    if stage >= 2:
        rel.insert(0, {"tag_name": "cve_2025-07-03_0600Z", "draft": False,
                       "body": "CVEs updated: 2",
                       "assets": [asset(archives, D0600, base, bad_digest),
                                  asset(archives, FULL, base)]})
    return json.dumps(rel, indent=2).encode()


PREFIXES = ("1", "2", "bad-digest", "truncated", "missing", "flaky", "status500")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    archives = {}
    flaky_seen = set()
    lock = threading.Lock()

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, length=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        if len(parts) != 2 or parts[0] not in PREFIXES:
            return self.send(404, b"not found\n")
        prefix, name = parts
        stage = 1 if prefix == "1" else 2
        base = "http://127.0.0.1:%d/%s/" % (self.server.server_address[1], prefix)
        if name == "releases.json":
            if prefix == "status500":
                return self.send(500, b"internal error\n")
            return self.send(200, listing(self.archives, stage, base, prefix == "bad-digest"))
        if name not in self.archives or (name == D0600 and stage < 2):
            return self.send(404, b"not found\n")
        data = self.archives[name]
        if name == D0600:
            if prefix == "missing":
                return self.send(404, b"not found\n")
            if prefix == "truncated":
                return self.send(200, data[: len(data) // 2])
            if prefix == "flaky":
                with self.lock:
                    first = name not in self.flaky_seen
                    self.flaky_seen.add(name)
                if first:
                    return self.send(500, b"internal error\n")
        return self.send(200, data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--write")
    ap.add_argument("--stage", type=int, default=2)
    ap.add_argument("--lifetime", type=float, default=300)
    a = ap.parse_args()
    archives, _ = build(a.data)
    if a.write:
        os.makedirs(a.write, exist_ok=True)
        for name, data in archives.items():
            if name == D0600 and a.stage < 2:
                continue
            with open(os.path.join(a.write, name), "wb") as f:
                f.write(data)
        with open(os.path.join(a.write, "releases.json"), "wb") as f:
            f.write(listing(archives, a.stage, "https://github.invalid/"))
        return
    Handler.archives = archives
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT", server.server_address[1], flush=True)
    if a.lifetime > 0:
        threading.Timer(a.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
