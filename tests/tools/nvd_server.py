#!/usr/bin/env python3
"""
tests/tools/nvd_server.py - a loopback HTTP server laid out like the NVD feed
folder, with fault injection, for testing downloads without the internet.

Python 3 standard library only. It binds 127.0.0.1 on a free port (port 0)
and prints "PORT <n>" as the first line of stdout (flushed) once it accepts
connections. It exits on SIGTERM/SIGINT, on GET /_quit, when its parent
process dies (so a crashed test leaves nothing behind), or after --lifetime
seconds.

Usage:
  nvd_server.py [--nvd DATA] [--mount PREFIX=DIR]... [--file TARGET=FILE]...
                [--fault PATH=SPEC]... [--config FILE.json] [--log FILE]

  --nvd DATA          shortcut for the real corpus (../shared/data):
                        --mount /feeds/json/cve/1.1/=DATA/nvd/1.1
                        --mount /feeds/json/cve/2.0/=DATA/nvd/2.0-derived
                      so https://nvd.nist.gov/feeds/json/cve/2.0/nvdcve-2.0-2002.json.gz
                      becomes http://127.0.0.1:PORT/feeds/json/cve/2.0/nvdcve-2.0-2002.json.gz
  --mount PREFIX=DIR  serve DIR under the URL path PREFIX. Repeatable; several
                      mounts may share a prefix and are searched in order (an
                      overlay: e.g. add nvd/2.0/feed/cve for the modified feed).
  --file TARGET=FILE  serve FILE for exactly TARGET, the request path with its
                      query string if TARGET holds a '?'
                      (e.g. '/rest/json/cves/2.0?startIndex=2000=page2.json':
                      the key is split at the LAST '=').
  --fault PATH=SPEC   inject faults for requests to PATH (split at the FIRST
                      '='). PATH is the request path without the query, or with
                      it when PATH holds a '?'; '*' and '?'-free globs
                      (fnmatch) match several paths, each counted on its own.
  --config FILE       JSON: {"mounts": [["/prefix/", "dir"], ...],
                      "files": {"target": "file"}, "faults": {"path": "spec"}}
                      (relative dirs and files are relative to the config file).
  --log FILE          append "METHOD TARGET STATUS" per request.
  --lifetime S        exit after S seconds (default 0: no limit).
  --tls CERT,KEY      serve https with this PEM certificate and key (the
                      handshake runs in the accepting thread: tests only).

Served files get ETag ("size-mtime" in hex) and Last-Modified headers, and a
matching If-None-Match (or, without it, an If-Modified-Since not older than
the file) is answered 304. Never a Content-Encoding: .gz files are served as
stored bytes. HEAD works. A missing NAME.meta whose sibling NAME.json.gz
exists is generated (NVD .meta format, CRLF lines: lastModifiedDate from the
feed's "timestamp" or the file time, size and sha256 of the uncompressed
JSON, gzSize; no zipSize, since no zip is served), so nvd/2.0-derived gets
.meta files as the NVD publishes them.

SPEC is a sequence of steps separated by ';'. Each request to a path takes
the next step: a step "KIND" applies to every request from then on, a step
"KINDxN" to the next N requests only; when the steps run out the file is
served normally. E.g. "503x2" is 503 twice then success, and "503x1;reset-mid-bodyx1" is
one 503, one reset, then success (no spaces anywhere).
A step may take an argument after the first ':' (KIND[xN]:ARG).
  NNN[xN][:H=V|H=V]   answer status NNN (e.g. 503, 429, 403, 404, 500) with
                      optional headers; "Retry-After=date+S" sends an HTTP-date
                      S seconds after the response time (the HTTP-date form),
                      e.g. "429x1:Retry-After=1" or "429x1:Retry-After=date+2".
  reset-mid-body      send the headers and half the body, then reset the
                      connection (TCP RST).
  drop                close the connection without any response.
  truncate-gzip       a complete response holding only the first half of the
                      file (Content-Length says so): a truncated gzip stream.
  bad-meta-sha        serve the .meta with a wrong sha256 (first digit changed).
  stall               send the headers (with the true Content-Length), then
                      nothing; the connection is held until the client leaves.
  stall-mid-body      send the headers and half the body, then nothing.
  stall-before-headers  accept the request and send nothing.
  huge[:BYTES]        200 with no Content-Length (ended by closing), BYTES of
                      generated data (default 2 GiB), never stored.
  invalid-json        a JSON document with a trailing comma (gzip'd for a .gz
                      path). A generated NAME.meta matches it when the fault
                      spec of NAME.json.gz contains invalid-json.
  redirect:LOCATION   302 to LOCATION; "{port}" in it becomes this port.
  echo                200 whose body is the request line and headers.
  delay:S             wait S seconds, then serve normally.
  limit:N/T           403 when more than N requests to this PATH key came in
                      the last T seconds (the NVD API's rate limit), else
                      serve normally.
  ok                  serve normally (useful inside a sequence).

Reserved paths: /_stats (JSON: request counts per path and the log of
[method, target, status]) and /_quit.

Examples:
  python3 tests/tools/nvd_server.py --nvd ../shared/data \\
      --fault '/feeds/json/cve/2.0/nvdcve-2.0-2003.json.gz=503x2' \\
      --fault '/feeds/json/cve/2.0/*.meta=429x1:Retry-After=1'
  In a shell test:
      python3 nvd_server.py --nvd "$DATA" > "$tmp/port" & pid=$!
      until read -r _ port < "$tmp/port" 2>/dev/null && [ -n "$port" ]; do sleep 0.05; done
      ... ; kill $pid
"""

import argparse
import email.utils
import fnmatch
import gzip
import hashlib
import http.server
import json
import os
import re
import signal
import socket
import struct
import sys
import threading
import time
import zlib

INVALID_JSON = (b'{"resultsPerPage": 1, "startIndex": 0, "totalResults": 1, '
                b'"format": "NVD_CVE", "version": "2.0", '
                b'"timestamp": "2024-01-01T00:00:00.000", '
                b'"vulnerabilities": [{"cve": {"id": "CVE-2024-0001",}},]}\n')
HUGE_DEFAULT = 2 << 30
CHUNK = 64 * 1024


class Step:
    def __init__(self, text):
        self.text = text
        head, _, self.arg = text.partition(":")
        m = re.fullmatch(r"(.*?)x(\d+)", head)
        if m and m.group(1):
            self.kind, self.count = m.group(1), int(m.group(2))
        else:
            self.kind, self.count = head, None
        known = ("reset-mid-body", "drop", "truncate-gzip", "bad-meta-sha", "stall",
                 "stall-mid-body", "stall-before-headers", "huge", "invalid-json",
                 "redirect", "echo", "delay", "limit", "ok")
        if not (re.fullmatch(r"\d{3}", self.kind) or self.kind in known):
            raise ValueError("unknown fault step %r" % text)


class Fault:
    """The steps for one PATH key; per-path counters."""

    def __init__(self, key, spec):
        self.key = key
        self.spec = spec
        self.steps = [Step(s) for s in spec.split(";") if s]
        self.counts = {}  # request path -> requests seen
        self.times = []   # request times, for limit

    def matches(self, path, target):
        k = self.key
        subject = target if "?" in k else path
        if "*" in k:
            return fnmatch.fnmatchcase(subject, k)
        return subject == k

    def take(self, path):
        """The step for this request (None: serve normally)."""
        n = self.counts.get(path, 0)
        self.counts[path] = n + 1
        for s in self.steps:
            if s.count is None:
                return s
            if n < s.count:
                return s
            n -= s.count
        return None


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.mounts = []  # (prefix, dir)
        self.files = {}   # target -> file
        self.faults = []
        self.counts = {}
        self.log = []
        self.logfile = None
        self.port = 0
        self.meta_cache = {}
        self.stop = threading.Event()


STATE = State()


def http_date(t):
    return email.utils.formatdate(t, usegmt=True)


def make_meta(gz_bytes=None, gz_path=None):
    """NVD .meta text for a .json.gz (bytes or file)."""
    if gz_path is not None:
        st = os.stat(gz_path)
        key = (gz_path, st.st_size, st.st_mtime_ns)
        with STATE.lock:
            if key in STATE.meta_cache:
                return STATE.meta_cache[key]
        f = gzip.open(gz_path, "rb")
        gz_size = st.st_size
        mtime = st.st_mtime
    else:
        key = None
        import io
        f = gzip.GzipFile(fileobj=io.BytesIO(gz_bytes))
        gz_size = len(gz_bytes)
        mtime = time.time()
    h = hashlib.sha256()
    size = 0
    head = b""
    with f:
        while True:
            b = f.read(1 << 20)
            if not b:
                break
            if len(head) < 4096:
                head += b[:4096]
            h.update(b)
            size += len(b)
    m = re.search(rb'"timestamp"\s*:\s*"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)', head)
    if m:
        date = m.group(1).decode() + "-00:00"
    else:
        date = time.strftime("%Y-%m-%dT%H:%M:%S-00:00", time.gmtime(mtime))
    text = ("lastModifiedDate:%s\r\nsize:%d\r\ngzSize:%d\r\nsha256:%s\r\n"
            % (date, size, gz_size, h.hexdigest().upper())).encode()
    if key:
        with STATE.lock:
            STATE.meta_cache[key] = text
    return text


def resolve(path, target):
    """(file path, or None) for a request."""
    if target in STATE.files:
        return STATE.files[target]
    if path in STATE.files:
        return STATE.files[path]
    for prefix, d in STATE.mounts:
        if not path.startswith(prefix):
            continue
        rel = path[len(prefix):].lstrip("/")
        parts = rel.split("/")
        if any(p in ("", ".", "..") for p in parts):
            continue
        full = os.path.join(d, *parts)
        if os.path.isfile(full):
            return full
    return None


def resolve_meta(path, target):
    """A generated .meta (bytes) when NAME.meta is missing but NAME.json.gz exists."""
    if not path.endswith(".meta"):
        return None
    gzpath = path[:-len(".meta")] + ".json.gz"
    for f in STATE.faults:
        if f.matches(gzpath, gzpath) and any(s.kind == "invalid-json" for s in f.steps):
            return make_meta(gz_bytes=gzip.compress(INVALID_JSON, mtime=0))
    gz = resolve(gzpath, gzpath)
    if gz is None:
        return None
    return make_meta(gz_path=gz)


def content_type(path):
    if path.endswith(".gz"):
        return "application/gzip"
    if path.endswith(".json"):
        return "application/json"
    if path.endswith(".meta"):
        return "text/plain"
    return "application/octet-stream"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nvd_server/1"

    def log_message(self, fmt, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (ConnectionError, socket.timeout):
            pass  # the client left: not the server's problem

    def record(self, status):
        with STATE.lock:
            STATE.log.append([self.command, self.path, status])
            if STATE.logfile:
                STATE.logfile.write("%s %s %s\n" % (self.command, self.path, status))
                STATE.logfile.flush()

    def do_HEAD(self):
        self.handle_request(head=True)

    def do_GET(self):
        self.handle_request(head=False)

    # ---- plain responses ----

    def send_simple(self, status, body, headers=(), ctype="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if not self.head:
            self.wfile.write(body)
        self.record(status)

    def hold(self):
        """Send nothing more until the client leaves or the server stops."""
        self.connection.settimeout(0.2)
        while not STATE.stop.is_set():
            try:
                if self.connection.recv(4096) == b"":
                    break
            except socket.timeout:
                continue
            except OSError:
                break
        self.close_connection = True

    def reset(self):
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    # ---- the request ----

    def handle_request(self, head):
        self.head = head
        target = self.path
        path = target.split("?", 1)[0]
        if path == "/_stats":
            with STATE.lock:
                body = json.dumps({"requests": STATE.counts, "log": STATE.log}).encode()
            return self.send_simple(200, body, ctype="application/json")
        if path == "/_quit":
            self.send_simple(200, b"bye\n")
            threading.Thread(target=shutdown, daemon=True).start()
            return
        with STATE.lock:
            STATE.counts[path] = STATE.counts.get(path, 0) + 1
            step = None
            fault = None
            for f in STATE.faults:
                if f.matches(path, target):
                    fault = f
                    step = f.take(target if "?" in f.key else path)
                    break
        try:
            self.serve(path, target, step, fault)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def body_for(self, path, target):
        """(bytes, file path or None) of the normal response, or (None, None)."""
        fp = resolve(path, target)
        if fp is not None:
            with open(fp, "rb") as f:
                return f.read(), fp
        meta = resolve_meta(path, target)
        if meta is not None:
            return meta, None
        return None, None

    def serve(self, path, target, step, fault):
        kind = step.kind if step else "ok"
        if kind == "delay":
            time.sleep(float(step.arg or "1"))
            kind = "ok"
        if kind == "limit":
            n, _, t = step.arg.partition("/")
            now = time.monotonic()
            with STATE.lock:
                fault.times = [x for x in fault.times if x > now - float(t)]
                fault.times.append(now)
                over = len(fault.times) > int(n)
            if over:
                return self.send_simple(403, b"rate limit exceeded\n")
            kind = "ok"
        if re.fullmatch(r"\d{3}", kind):
            headers = []
            for hv in filter(None, step.arg.split("|")):
                k, _, v = hv.partition("=")
                m = re.fullmatch(r"date\+(\d+(?:\.\d+)?)", v)
                if m:
                    v = http_date(time.time() + float(m.group(1)))
                headers.append((k, v))
            return self.send_simple(int(kind), ("%s fault injected\n" % kind).encode(), headers)
        if kind == "drop":
            self.connection.close()
            self.close_connection = True
            self.record("drop")
            return
        if kind == "stall-before-headers":
            self.record("stall-before-headers")
            return self.hold()
        if kind == "redirect":
            loc = step.arg.replace("{port}", str(STATE.port))
            return self.send_simple(302, b"", [("Location", loc)])
        if kind == "echo":
            body = (self.requestline + "\r\n" + "".join(
                "%s: %s\r\n" % kv for kv in self.headers.items()) + "\r\n").encode()
            return self.send_simple(200, body)
        if kind == "huge":
            return self.serve_huge(int(step.arg) if step.arg else HUGE_DEFAULT)
        if kind == "invalid-json":
            body = INVALID_JSON
            if path.endswith(".gz"):
                body = gzip.compress(body, mtime=0)
            return self.send_simple(200, body, ctype=content_type(path))

        body, fp = self.body_for(path, target)
        if body is None:
            return self.send_simple(404, b"not found\n")
        if kind == "bad-meta-sha":
            body = re.sub(rb"(sha256:)([0-9A-Fa-f])",
                          lambda m: m.group(1) + (b"0" if m.group(2) != b"0" else b"1"), body)
        if kind == "truncate-gzip":
            body = body[: len(body) // 2]
        headers = []
        if fp is not None:
            st = os.stat(fp)
            etag = '"%x-%x"' % (st.st_size, st.st_mtime_ns)
            headers = [("ETag", etag), ("Last-Modified", http_date(st.st_mtime))]
            if kind == "ok" and self.not_modified(etag, int(st.st_mtime)):
                self.send_response(304)
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                self.record(304)
                return
        if kind in ("stall", "reset-mid-body", "stall-mid-body"):
            self.send_response(200)
            self.send_header("Content-Type", content_type(path))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.record(kind)
            if kind == "stall":
                return self.hold()
            self.wfile.write(body[: len(body) // 2])
            if kind == "stall-mid-body":
                return self.hold()
            return self.reset()
        return self.send_simple(200, body, headers, content_type(path))

    def not_modified(self, etag, mtime):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or etag in tags or ("W/" + etag) in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is not None:
            try:
                t = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return mtime <= t
        return False

    def serve_huge(self, total):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.record("huge")
        self.close_connection = True
        if self.head:
            return
        chunk = (b'{"padding": "' + b"x" * (CHUNK - 16) + b'"},\n')[:CHUNK]
        sent = 0
        while sent < total and not STATE.stop.is_set():
            n = min(CHUNK, total - sent)
            self.wfile.write(chunk[:n])
            sent += n


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


SERVER = None


def shutdown(*_):
    STATE.stop.set()
    if SERVER is not None:
        SERVER.shutdown()


def watch_parent(ppid, lifetime):
    start = time.monotonic()
    while not STATE.stop.is_set():
        if os.getppid() != ppid or (lifetime and time.monotonic() - start > lifetime):
            os._exit(0)
        time.sleep(0.25)


def split_kv(text, last):
    i = text.rfind("=") if last else text.find("=")
    if i <= 0:
        raise SystemExit("nvd_server.py: expected KEY=VALUE, found %r" % text)
    return text[:i], text[i + 1:]


def main():
    global SERVER
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nvd")
    p.add_argument("--mount", action="append", default=[])
    p.add_argument("--file", action="append", default=[])
    p.add_argument("--fault", action="append", default=[])
    p.add_argument("--config")
    p.add_argument("--log")
    p.add_argument("--lifetime", type=float, default=0)
    p.add_argument("--tls")
    a = p.parse_args()

    if a.config:
        base = os.path.dirname(os.path.abspath(a.config))
        with open(a.config) as f:
            cfg = json.load(f)
        for prefix, d in cfg.get("mounts", []):
            STATE.mounts.append((prefix, os.path.join(base, d)))
        for t, fp in cfg.get("files", {}).items():
            STATE.files[t] = os.path.join(base, fp)
        for k, spec in cfg.get("faults", {}).items():
            STATE.faults.append(Fault(k, spec))
    if a.nvd:
        STATE.mounts.append(("/feeds/json/cve/1.1/", os.path.join(a.nvd, "nvd", "1.1")))
        STATE.mounts.append(("/feeds/json/cve/2.0/", os.path.join(a.nvd, "nvd", "2.0-derived")))
    for m in a.mount:
        STATE.mounts.append(split_kv(m, last=False))
    for m in a.file:
        STATE.files.update([split_kv(m, last=True)])
    try:
        for m in a.fault:
            STATE.faults.append(Fault(*split_kv(m, last=False)))
    except ValueError as e:
        raise SystemExit("nvd_server.py: %s" % e)
    if a.log:
        STATE.logfile = open(a.log, "a")

    SERVER = Server(("127.0.0.1", 0), Handler)
    STATE.port = SERVER.server_address[1]
    if a.tls:
        import ssl
        cert, _, key = a.tls.partition(",")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        SERVER.socket = ctx.wrap_socket(SERVER.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=shutdown).start())
    signal.signal(signal.SIGINT, lambda *_: threading.Thread(target=shutdown).start())
    threading.Thread(target=watch_parent, args=(os.getppid(), a.lifetime), daemon=True).start()
    sys.stdout.write("PORT %d\n" % STATE.port)
    sys.stdout.flush()
    try:
        SERVER.serve_forever(poll_interval=0.1)
    finally:
        STATE.stop.set()
        SERVER.server_close()


if __name__ == "__main__":
    main()
