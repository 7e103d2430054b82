#!/usr/bin/env python3
"""A fake NVD API 2.0 `cves` endpoint for tests (Python standard library only).

Binds 127.0.0.1 on a free port and prints "PORT n" on stdout. Serves
GET /rest/json/cves/2.0 from one of two kinds of data:

  --records FILE...   real CVE records taken from API pages or 2.0 feeds
                      (.json or .json.gz, vulnerabilities[].cve), served in
                      their order with startIndex/resultsPerPage paging (at most
                      --max-per-page a page, as a server may cap it) and the
                      lastModStartDate/lastModEndDate filter on cve.lastModified.
                      The envelope is written here; the records are the files'.
  --paging-dir DIR    real API pages served byte for byte: DIR/<startIndex>-<n>.json
                      answers startIndex=<startIndex> whatever else is asked
                      (../shared/data/nvd/2.0/feed/api-paging/cve/3_pages).

Like the NVD (nvd.nist.gov/developers/vulnerabilities and its 2025 behaviour):
dates need both bounds, an explicit UTC offset (or Z) and at most 120 days
between them, else 404 with a `message` header; resultsPerPage is at most 2000;
with --api-key KEY a request whose apiKey header differs gets 404.
Bodies are gzip-encoded when the client accepts it.

Faults (--fault, repeatable): 429-once (429 with Retry-After: --retry-after),
503-once, bad-json (every page is not JSON), not-api (every page is a JSON
object that is not an API page), inconsistent (totalResults smaller than the
records sent).

--log FILE appends one line per request: "GET <path?query> apikey=<yes|no|wrong>".
The key itself is never logged.
"""
import argparse
import datetime
import gzip
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

API_PATH = "/rest/json/cves/2.0"
DATE_RE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,3})?(Z|[+-]\d\d:\d\d)$")
MAX_WINDOW = datetime.timedelta(days=120)


def load_json(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


def parse_date(text):
    m = DATE_RE.match(text)
    if not m:
        return None
    base = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S")
    frac = m.group(2) or ""
    if frac:
        base += datetime.timedelta(milliseconds=int(frac[1:].ljust(3, "0")))
    zone = m.group(3)
    if zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        base -= sign * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    return base


def record_time(cve):
    return datetime.datetime.strptime(cve["lastModified"][:23], "%Y-%m-%dT%H:%M:%S.%f")


class State:
    def __init__(self, args):
        self.args = args
        self.faults = set(args.fault or [])
        self.lock = threading.Lock()
        self.records = []
        self.timestamp = "2024-01-01T00:00:00.000"
        for path in args.records or []:
            doc = load_json(path)
            self.timestamp = doc.get("timestamp", self.timestamp)
            self.records.extend(v["cve"] for v in doc["vulnerabilities"])
        self.pages = {}
        if args.paging_dir:
            for name in os.listdir(args.paging_dir):
                m = re.match(r"^(\d+)-(\d+)\.json$", name)
                if m:
                    self.pages[int(m.group(1))] = os.path.join(args.paging_dir, name)

    def take_fault(self, name):
        with self.lock:
            if name in self.faults:
                self.faults.discard(name)
                return True
        return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def refuse(self, status, message, extra=None):
        self.send_response(status)
        self.send_header("message", message)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_body(self, body):
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            encoding = True
        else:
            encoding = False
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if encoding:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        st = self.server.state
        args = st.args
        key = self.headers.get("apiKey")
        if key is None:
            seen = "no"
        elif args.api_key is not None and key != args.api_key:
            seen = "wrong"
        else:
            seen = "yes"
        if args.log:
            with st.lock, open(args.log, "a") as f:
                f.write("GET %s apikey=%s\n" % (self.path, seen))
        url = urlsplit(self.path)
        if url.path != API_PATH:
            return self.refuse(404, "Not found")
        if args.api_key is not None and key != args.api_key:
            return self.refuse(404, "Invalid apiKey")
        if st.take_fault("429-once"):
            return self.refuse(429, "Too many requests", {"Retry-After": str(args.retry_after)})
        if st.take_fault("503-once"):
            return self.refuse(503, "Service unavailable")
        q = parse_qs(url.query, keep_blank_values=True)
        try:
            start = int(q.get("startIndex", ["0"])[0])
            per_page = int(q.get("resultsPerPage", ["2000"])[0])
        except ValueError:
            return self.refuse(404, "Invalid startIndex or resultsPerPage")
        if start < 0 or per_page < 1 or per_page > 2000:
            return self.refuse(404, "Invalid startIndex or resultsPerPage")
        lo_text = q.get("lastModStartDate", [None])[0]
        hi_text = q.get("lastModEndDate", [None])[0]
        if (lo_text is None) != (hi_text is None):
            return self.refuse(404, "Both lastModStartDate and lastModEndDate are required")
        lo = hi = None
        if lo_text is not None:
            lo, hi = parse_date(lo_text), parse_date(hi_text)
            if lo is None or hi is None:
                return self.refuse(404, "Invalid ISO 8601 date/time format, see documentation.")
            if hi < lo or hi - lo > MAX_WINDOW:
                return self.refuse(404, "The date range must not exceed 120 days")
        if "bad-json" in st.faults:
            return self.send_body(b'{"resultsPerPage": 1, "vulnerabilities": [')
        if "not-api" in st.faults:
            return self.send_body(b'{"message": "this is not a page"}')
        if args.paging_dir:
            if start not in st.pages:
                return self.refuse(404, "No page at this startIndex")
            with open(st.pages[start], "rb") as f:
                return self.send_body(f.read())
        chosen = st.records
        if lo is not None:
            chosen = [c for c in chosen if lo <= record_time(c) <= hi]
        count = min(per_page, args.max_per_page)
        part = chosen[start:start + count]
        total = len(chosen)
        if "inconsistent" in st.faults:
            total = max(0, len(part) - 1) + start
        page = {
            "resultsPerPage": len(part),
            "startIndex": start,
            "totalResults": total,
            "format": "NVD_CVE",
            "version": "2.0",
            "timestamp": st.timestamp,
            "vulnerabilities": [{"cve": c} for c in part],
        }
        self.send_body(json.dumps(page, ensure_ascii=False).encode("utf-8"))


def watch_parent(ppid):
    """Exit with the test that started us, even when it did not stop us."""
    while os.getppid() == ppid:
        time.sleep(0.2)
    os._exit(0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", nargs="*")
    ap.add_argument("--paging-dir")
    ap.add_argument("--max-per-page", type=int, default=2000)
    ap.add_argument("--api-key")
    ap.add_argument("--fault", action="append",
                    choices=["429-once", "503-once", "bad-json", "not-api", "inconsistent"])
    ap.add_argument("--retry-after", type=int, default=1)
    ap.add_argument("--log")
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(args)
    watch = threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True)
    watch.start()
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
