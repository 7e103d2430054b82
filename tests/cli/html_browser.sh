#!/usr/bin/env bash
# tests/cli/html_browser.sh - the HTML report rendered in a real browser.
#
# Usage: html_browser.sh CVEGATE [SHARED_DATA]   (as ctest runs it)
#
# The page comes from the unit-test binary next to cvegate
# (test_report_html --write-html FILE [hostile]), which writes the report of
# a hand-built scan result; once `cvegate scan --output html=FILE` is merged
# this can drive the CLI instead. Debian's headless Chromium renders it:
#   - with scripts: the DOM (--dump-dom) has every finding row, the counts,
#     and the filter box and its count, which only the inline script adds;
#     "#filter=zlib" in the URL starts the filter, hiding the other rows;
#   - with scripts and styles blocked by the content security policy Jenkins
#     serves artefacts with (default-src 'none'; img-src 'self'; style-src
#     'self'), put in a copy of the page as a <meta>: the tables are complete,
#     no filter box exists, and a screenshot shows the SVG chart but none of
#     the inline style's colours. (--blink-settings=scriptEnabled=false is
#     tried too, but Chromium's --dump-dom and --screenshot need script
#     evaluation themselves and produce nothing with it, so its DOM is
#     checked only when it gives one.)
#   - hostile strings in the data stay text: one script element, no <img>;
#   - a screenshot is a PNG of the window size that is not blank.
# Skips (77) when chromium is not installed (scripts/deps.sh installs it).
set -euo pipefail

cvegate=$1
bindir=$(dirname "$cvegate")
writer=$bindir/test_report_html
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "SKIP: chromium is not installed" >&2
	exit 77
fi
if [ ! -x "$writer" ]; then
	echo "SKIP: $writer was not built (cmocka missing?)" >&2
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

"$writer" --write-html "$tmp/report.html" || fail "writing the report"
"$writer" --write-html "$tmp/hostile.html" hostile || fail "writing the hostile report"

# One browser run; the profile is private so parallel runs do not collide.
browse() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--no-first-run --hide-scrollbars --user-data-dir="$tmp/profile" "$@" 2>"$tmp/chromium.err" ||
		{
			tail -5 "$tmp/chromium.err" >&2
			fail "chromium $*"
		}
}

browse --dump-dom "file://$tmp/report.html" >"$tmp/dom.html"
browse --dump-dom "file://$tmp/report.html#filter=zlib" >"$tmp/dom-filtered.html"
browse --blink-settings=scriptEnabled=false --dump-dom "file://$tmp/report.html" >"$tmp/dom-noscript.html"
csp="default-src 'none'; img-src 'self'; style-src 'self'"
sed "s|<head>|<head><meta http-equiv=\"Content-Security-Policy\" content=\"$csp\">|" \
	"$tmp/report.html" >"$tmp/csp.html"
grep -q 'Content-Security-Policy' "$tmp/csp.html" || fail "adding the CSP"
browse --dump-dom "file://$tmp/csp.html" >"$tmp/dom-csp.html"
browse --window-size=1280,1000 --screenshot="$tmp/shot-csp.png" "file://$tmp/csp.html" >/dev/null
browse --dump-dom "file://$tmp/hostile.html" >"$tmp/dom-hostile.html"
browse --window-size=1280,1000 --screenshot="$tmp/shot.png" "file://$tmp/report.html" >/dev/null

python3 - "$tmp" <<'EOF'
import struct
import sys
import zlib
from html.parser import HTMLParser

tmp = sys.argv[1]


class Dom(HTMLParser):
    """Elements as (tag, attrs, text) with their ancestors' tags and attrs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.elements = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": "", "path": list(self.stack)}
        self.elements.append(el)
        if tag not in ("br", "meta", "input", "link", "img", "hr"):
            self.stack.append(el)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for el in self.stack:
            el["text"] += data


def parse(name):
    d = Dom()
    with open(f"{tmp}/{name}", encoding="utf-8") as f:
        d.feed(f.read())
    return d.elements


def find(els, tag, **attrs):
    return [e for e in els if e["tag"] == tag and all(e["attrs"].get(k.replace("_", "-")) == v for k, v in attrs.items())]


def check(cond, what):
    if not cond:
        print(f"FAIL: {what}", file=sys.stderr)
        sys.exit(1)


def finding_rows(els):
    return [e for e in els if e["tag"] == "tr" and any(
        p["tag"] == "tbody" for p in e["path"]) and any(
        p["tag"] == "table" and p["attrs"].get("class") == "findings" for p in e["path"])]


def package_divs(els):
    return find(els, "div", **{"class": "package"})


# with scripts: everything, plus the filter box the script adds
dom = parse("dom.html")
rows = finding_rows(dom)
check(len(rows) == 5, f"5 finding rows with scripts, got {len(rows)}")
check(not any("hidden" in r["attrs"] for r in rows), "no row hidden without a query")
check(len(find(dom, "input", id="filter", type="search")) == 1, "the filter box exists")
count = find(dom, "span", id="filter-count")
check(len(count) == 1 and count[0]["text"].strip() == "5 of 5 findings shown",
      f"filter count {count and count[0]['text']!r}")
check(find(dom, "tr", id="count-findings")[0]["text"].split()[-1] == "6", "findings count 6")
check(find(dom, "tr", id="count-failing")[0]["text"].split()[-1] == "3", "failing count 3")
check(len(find(dom, "rect", **{"class": "bar"})) == 6, "six chart bars")
ignored = [e for e in dom if e["tag"] == "td" and e["text"] == "fixed by a backported patch"]
check(len(ignored) == 1, "the ignore reason is shown")
check(len(find(dom, "table", id="unmapped")) == 1, "the coverage table")
check(rows[0]["text"].find("CVE-2016-2147") >= 0, "first row is CVE-2016-2147")

# a starting query in the URL: only the rows that mention zlib stay
dom = parse("dom-filtered.html")
rows = finding_rows(dom)
shown = [r for r in rows if "hidden" not in r["attrs"]]
check(len(rows) == 5 and len(shown) == 2, f"filter zlib shows 2 of 5, got {len(shown)} of {len(rows)}")
check(all("CVE-2022-37434" in r["text"] for r in shown), "the zlib rows are CVE-2022-37434")
hidden_pkgs = [d["attrs"]["data-package"] for d in package_divs(dom) if "hidden" in d["attrs"]]
check(hidden_pkgs == ["glibc 2.31-r0"], f"glibc's table is hidden, got {hidden_pkgs}")
check(find(dom, "span", id="filter-count")[0]["text"].strip() == "2 of 5 findings shown", "filtered count")

# scripts and styles blocked by the CSP: the plain tables are complete, no filter box
dom = parse("dom-csp.html")
rows = finding_rows(dom)
check(len(rows) == 5, f"5 finding rows under the CSP, got {len(rows)}")
check(not find(dom, "input", id="filter"), "no filter box under the CSP")
check(not find(dom, "span", id="filter-count"), "no filter count under the CSP")
check(len(package_divs(dom)) == 3, "three package tables under the CSP")
check(len(find(dom, "tr", id="count-findings")) == 1, "the counts under the CSP")
check(len(find(dom, "table", id="unmapped")) == 1, "the coverage table under the CSP")

# scripts disabled in the browser: checked when Chromium can dump that DOM at all
dom = parse("dom-noscript.html")
if dom:
    check(len(finding_rows(dom)) == 5, "5 finding rows without scripts")
    check(not find(dom, "input", id="filter"), "no filter box without scripts")
else:
    print("note: chromium dumps no DOM with scriptEnabled=false; the CSP run covers it")

# hostile data stays text after the browser parsed it
dom = parse("dom-hostile.html")
check(len(find(dom, "script")) == 1, "one script element in the hostile page")
check(not find(dom, "img"), "no img element in the hostile page")
check(not [e for e in dom if "onerror" in e["attrs"]], "no event handler attribute")
title = find(dom, "title")[0]["text"]
check(title.startswith("cvegate report: <script>alert(1)</script> & \"q\""), f"hostile title {title!r}")
check("\ufffd" in title, "invalid UTF-8 became U+FFFD")
check(len(finding_rows(dom)) == 5, "hostile page still has its 5 rows")

# a screenshot: a PNG of the window size, not a single colour; its colours
def screenshot(name):
    with open(f"{tmp}/{name}", "rb") as f:
        png = f.read()
    check(png[:8] == b"\x89PNG\r\n\x1a\n", f"{name} is a PNG")
    pos, idat, ihdr = 8, b"", None
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    width, height, depth, ctype = ihdr[0], ihdr[1], ihdr[2], ihdr[3]
    check((width, height) == (1280, 1000), f"{name} is 1280x1000, got {width}x{height}")
    check(depth == 8 and ctype in (2, 6), f"8-bit RGB(A) expected, got depth {depth} type {ctype}")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours = {}
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        if y % 2 == 0:
            for x in range(0, stride, bpp * 2):
                px = bytes(line[x:x + 3])
                colours[px] = colours.get(px, 0) + 1
        prev = line
    total = sum(colours.values())
    background = max(colours.values())
    check(len(colours) >= 8, f"{name} has {len(colours)} colours: blank?")
    check(total - background > total // 100, f"more than 1% of {name} is not background")
    print(f"{name}: {len(colours)} colours, {100 * (total - background) // total}% not background")
    return colours


colours = screenshot("shot.png")
# the chart's critical bar (#7f1d1d) and the styled table header (#f3f4f6)
check(bytes((0x7f, 0x1d, 0x1d)) in colours, "the critical bar is drawn")
check(bytes((0xf3, 0xf4, 0xf6)) in colours, "the inline style applies")
colours = screenshot("shot-csp.png")
# under the CSP the SVG presentation attributes still draw the chart; the style is gone
check(bytes((0x7f, 0x1d, 0x1d)) in colours, "the critical bar is drawn under the CSP")
check(bytes((0xf3, 0xf4, 0xf6)) not in colours, "the inline style is blocked by the CSP")
print("ok")
EOF
