#!/usr/bin/env python3
"""Serve a directory over HTTP on 127.0.0.1 for tests: `serve_dir.py DIR`.

Binds port 0 (a free port), prints "PORT n" on stdout once listening, and
serves until killed. Symlinks in DIR are followed (tests lay out an NVD feed
folder as links to ../shared/data). Standard library only; loopback only.
"""
import functools
import http.server
import socket
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: libcurl reuses the connection

    def setup(self):
        super().setup()
        # headers and body go out in separate writes: without this, Nagle's
        # algorithm and the client's delayed ACK add 40 ms to each request
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):
        pass


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: serve_dir.py DIR")
    handler = functools.partial(Handler, directory=sys.argv[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    print("PORT", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
