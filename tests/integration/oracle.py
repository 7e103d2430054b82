#!/usr/bin/env python3
"""oracle.py - an independent reading of NVD applicability, to cross-check cvegate.

Reads NVD JSON 1.1 feed files (CVE_Items) directly, never cvegate's database,
and for each listed item `vendor:product version` prints the CVEs whose
configurations make that item vulnerable:

    vendor:product version CVE-ID fail|conditional

Why a second implementation: cvegate's matching is C spread over a CPE
parser, a version comparator, an importer and a scanner; a disagreement with
this short, self-contained script points at one exact record and rule. It is
written from the documented rules (docs/versions.md, the header comments of
src/lib/match.c and src/lib/scan.c, NISTIR 7695/7696), not from cvegate's
code, and uses the Python standard library only.

Rules:
- Rejected records (first description starting with "** REJECT **" or
  "Rejected reason:") are skipped.
- A cpe_match names an item when vendor and product are equal, ignoring case,
  after undoing the CPE 2.3 backslash quoting.
- Its version part: `-` (NA) never matches a versioned item; `*` with no
  bounds matches every version; bounds (versionStart/End Including/Excluding)
  must all hold under the upstream comparison of docs/versions.md; otherwise
  the version, continued by the update field unless that is `*` or `-`, must
  compare equal (so `1.2` equals `1.2.0`, `7.4` + `p1` is `7.4p1`). A
  comparison that cannot be made (junk such as `branch_1-9`) is "unknown".
- Configurations, Kleene three-valued logic: a vulnerable match is TRUE when
  any listed item matches it, else FALSE (unknown counts as no). A
  non-vulnerable ("running on") match is TRUE when a listed item matches it,
  UNKNOWN when no listed item has its vendor:product (or a comparison with a
  listed one cannot be made), FALSE otherwise; except that linux:linux_kernel
  is TRUE when the list holds no linux:linux_kernel item at all (the device
  is a Linux system). A 1.1 node is AND/OR over its children and matches,
  `negate` flips it; each top-level node is one tree.
- An item has the CVE as "fail" when some tree is TRUE and one of the item's
  own vulnerable matches in that tree matches it; "conditional" when the best
  such tree is UNKNOWN.

Usage: oracle.py --items ITEMS [--out OUT] [--items ITEMS2 --out OUT2 ...] FEED.json.gz...
(ITEMS: one `vendor:product version` a line, `#` comments allowed; output
sorted). oracle.py --selftest checks the comparison against docs/versions.md.
"""

import argparse
import gzip
import json
import re
import sys

TRUE, UNKNOWN, FALSE = "T", "U", "F"


class Incomparable(Exception):
    """A version that the upstream rules cannot read."""


# ---- upstream version comparison (docs/versions.md) ----

PRE_RANK = {"dev": 0, "snapshot": 0, "alpha": 1, "beta": 2, "pre": 3, "preview": 3, "rc": 4}
PATCH_WORDS = {"p", "pl", "patch", "post", "sp", "update"}
IGNORED_WORDS = {"final", "ga", "release", "stable"}
ALLOWED = re.compile(r"^[A-Za-z0-9._+~:-]+$")
# Kinds, in order: a pre-release word < the end < another word < a number.
K_PRE, K_END, K_WORD, K_NUM = 0, 1, 2, 3


def tokens(version):
    """The comparable tokens of an upstream version, as (kind, value)."""
    if not version or len(version) > 256:
        raise Incomparable(version)
    s = version
    if len(s) >= 2 and s[0] in "vV" and s[1].isdigit():
        s = s[1:]
    if not s[0].isdigit() or not ALLOWED.match(s) or not s.isascii():
        raise Incomparable(version)
    out = []
    for m in re.finditer(r"[0-9]+|[A-Za-z]+", s):
        t = m.group(0)
        if t.isdigit():
            out.append((K_NUM, int(t)))
            continue
        w = t.lower()
        digit_follows = m.end() < len(s) and s[m.end()].isdigit()
        if w in IGNORED_WORDS:
            continue
        if w in PRE_RANK:
            out.append((K_PRE, PRE_RANK[w]))
        elif w in ("a", "b") and digit_follows:
            out.append((K_PRE, PRE_RANK["alpha" if w == "a" else "beta"]))
        elif w in PATCH_WORDS:
            out.append((K_WORD, "p"))
        else:
            out.append((K_WORD, w))
    # A run of zero numbers before a non-number or the end counts as missing.
    kept = []
    i = 0
    while i < len(out):
        if out[i] == (K_NUM, 0):
            j = i
            while j < len(out) and out[j] == (K_NUM, 0):
                j += 1
            if j == len(out) or out[j][0] != K_NUM:
                i = j
                continue
            kept.extend(out[i:j])
            i = j
            continue
        kept.append(out[i])
        i += 1
    return kept


def vcmp(a, b):
    """-1, 0 or 1; raises Incomparable."""
    ta, tb = tokens(a), tokens(b)
    for i in range(max(len(ta), len(tb))):
        x = ta[i] if i < len(ta) else (K_END, 0)
        y = tb[i] if i < len(tb) else (K_END, 0)
        if x[0] != y[0]:
            return -1 if x[0] < y[0] else 1
        if x[1] != y[1]:
            return -1 if x[1] < y[1] else 1
    return 0


# ---- CPE 2.3 formatted strings (NISTIR 7695) ----

def cpe_fields(uri):
    """Split a CPE 2.3 formatted string at unquoted colons; values unquoted.

    Returns a list of (raw, value) where value has the backslashes removed
    and raw keeps them (to tell a quoted `\\*` from the ANY `*`)."""
    fields, cur, i = [], [], 0
    while i < len(uri):
        c = uri[i]
        if c == "\\" and i + 1 < len(uri):
            cur.append(uri[i:i + 2])
            i += 2
            continue
        if c == ":":
            fields.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    fields.append("".join(cur))
    return [(f, re.sub(r"\\(.)", r"\1", f)) for f in fields]


def version_match(m, version):
    """True, False or None (cannot tell) for one cpe_match and one version."""
    f = cpe_fields(m["cpe23Uri"])
    vraw, vval = f[5]
    uraw, uval = f[6] if len(f) > 6 else ("*", "*")
    bounds = [(m.get("versionStartIncluding"), (0, 1)),
              (m.get("versionStartExcluding"), (1,)),
              (m.get("versionEndIncluding"), (-1, 0)),
              (m.get("versionEndExcluding"), (-1,))]
    ranged = any(b is not None for b, _ in bounds)
    if vraw == "-":
        return False
    if vraw == "*":
        if not ranged:
            return True
        try:
            return all(vcmp(version, b) in ok for b, ok in bounds if b is not None)
        except Incomparable:
            return None
    if re.search(r"(?<!\\)[*?]", vraw):
        # NISTIR 7696 wildcards inside a value: * any run, ? one character.
        rx = "".join(".*" if p == "*" else "." if p == "?" else re.escape(re.sub(r"\\(.)", r"\1", p))
                     for p in re.findall(r"\\.|[*?]|[^*?\\]+", vraw))
        return re.fullmatch(rx, version, re.IGNORECASE) is not None
    joined = vval + (uval if uraw not in ("*", "-") else "")
    try:
        return vcmp(version, joined) == 0
    except Incomparable:
        return None


# ---- records and configurations ----

def rejected(item):
    for d in item["cve"]["description"]["description_data"]:
        v = d.get("value", "")
        return v.startswith("** REJECT **") or v.startswith("Rejected reason:")
    return False


def vp_of(m):
    f = cpe_fields(m["cpe23Uri"])
    return (f[3][1].lower(), f[4][1].lower())


def tri_not(t):
    return {TRUE: FALSE, FALSE: TRUE, UNKNOWN: UNKNOWN}[t]


def tri_fold(op, values):
    values = list(values)
    dominant = TRUE if op == "OR" else FALSE
    if dominant in values:
        return dominant
    if UNKNOWN in values:
        return UNKNOWN
    return FALSE if op == "OR" else TRUE


class Evaluator:
    def __init__(self, items):
        self.items = items  # list of (vendor, product, version)
        self.by_vp = {}
        for it in items:
            self.by_vp.setdefault((it[0], it[1]), []).append(it)
        self.has_kernel = ("linux", "linux_kernel") in self.by_vp

    def match_truth(self, m, item, hits):
        vp = vp_of(m)
        listed = self.by_vp.get(vp, [])
        results = [(it, version_match(m, it[2])) for it in listed]
        if m.get("vulnerable"):
            for it, r in results:
                if r is True and it == item:
                    hits.append(m)
            return TRUE if any(r is True for _, r in results) else FALSE
        if any(r is True for _, r in results):
            return TRUE
        # docs/matching.md: a platform named without a version ("-") is the
        # platform as such, satisfied by any listed version of it
        if listed and cpe_fields(m["cpe23Uri"])[5][0] == "-":
            return TRUE
        if not listed:
            if vp == ("linux", "linux_kernel") and not self.has_kernel:
                return TRUE
            return UNKNOWN
        if any(r is None for _, r in results):
            return UNKNOWN
        return FALSE

    def node_truth(self, node, item, hits):
        op = node.get("operator", "OR")
        vals = [self.node_truth(c, item, hits) for c in node.get("children", [])]
        vals += [self.match_truth(m, item, hits) for m in node.get("cpe_match", [])]
        t = tri_fold(op, vals)
        return tri_not(t) if node.get("negate") else t

    def verdict(self, record, item):
        best = None
        for node in record["configurations"]["nodes"]:
            hits = []
            t = self.node_truth(node, item, hits)
            if not hits or t == FALSE:
                continue
            if t == TRUE:
                return "fail"
            best = "conditional"
        return best


def vulnerable_vps(node, out):
    for c in node.get("children", []):
        vulnerable_vps(c, out)
    for m in node.get("cpe_match", []):
        if m.get("vulnerable"):
            out.add(vp_of(m))


def read_items(path):
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 2 or parts[0].count(":") != 1:
                sys.exit(f"{path}:{n}: expected 'vendor:product version', found {line!r}")
            vendor, product = parts[0].lower().split(":")
            items.append((vendor, product, parts[1]))
    return items


# Vectors from the tables of docs/versions.md (upstream rules).
SELFTEST_EQ = [("v1.2", "1.2"), ("1_2_3", "1.2.3"), ("1.2", "1.2.0"), ("1.2rc1", "1.2.0rc1"),
               ("8.3_p1", "8.3p1"), ("1.0RC1", "1.0rc1"), ("1.0.0.Final", "1.0")]
SELFTEST_LT = [("1.9", "1.10"), ("1.2", "20230101"), ("1.0.1e", "1.0.1f"), ("1.0.1", "1.0.1e"),
               ("1.0.1f", "1.0.2"), ("7.4", "7.4p1"), ("7.4p1", "7.4p2"), ("7.4p1", "7.5"),
               ("3.7.0b2", "3.7.0"), ("2.0alpha3", "2.0"), ("1.0beta", "1.0pre"),
               ("1.0pre", "1.0rc"), ("1.0a1", "1.0"), ("1.0", "1.0a"), ("1.0rc1", "1.0rc2"),
               ("1.0b", "1.0r"), ("1.0a", "1.0.1")]
SELFTEST_JUNK = ["pre0.59s_r11", "m4\\/m5", "1.0 beta", "*", "-", "", "branch_1-9"]


def selftest():
    bad = [(a, b) for a, b in SELFTEST_EQ if vcmp(a, b) != 0]
    bad += [(a, b) for a, b in SELFTEST_LT if vcmp(a, b) != -1 or vcmp(b, a) != 1]
    for j in SELFTEST_JUNK:
        try:
            vcmp(j, "1.0")
            bad.append((j, "(should be incomparable)"))
        except Incomparable:
            pass
    m = {"vulnerable": True, "cpe23Uri": "cpe:2.3:a:openbsd:openssh:7.4:p1:*:*:*:*:*:*"}
    if not (version_match(m, "7.4p1") and not version_match(m, "7.4")):
        bad.append(("7.4 + p1", "update field"))
    if cpe_fields(r"cpe:2.3:a:xt-commerce:xt\:commerce:*:*:*:*:*:*:*:*")[4][1] != "xt:commerce":
        bad.append(("xt\\:commerce", "quoting"))
    for a, b in bad:
        print(f"selftest: {a} vs {b}", file=sys.stderr)
    return 1 if bad else 0


def main(argv):
    ap = argparse.ArgumentParser(description="NVD 1.1 applicability oracle")
    ap.add_argument("--selftest", action="store_true", help="check the comparison rules, exit")
    ap.add_argument("--items", action="append", default=[], metavar="FILE",
                    help="item list (repeatable: one feed pass serves several lists)")
    ap.add_argument("--out", action="append", default=[], metavar="FILE",
                    help="output for the --items of the same position (default: stdout)")
    ap.add_argument("feeds", nargs="*")
    a = ap.parse_args(argv[1:])
    if a.selftest:
        return selftest()
    if not a.items or not a.feeds or (a.out and len(a.out) != len(a.items)):
        ap.error("need --items FILE [--out FILE] ... and feed files")
    lists = [read_items(p) for p in a.items]
    evs = [Evaluator(items) for items in lists]
    outs = [set() for _ in lists]
    for path in a.feeds:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            feed = json.load(f)
        for record in feed["CVE_Items"]:
            if rejected(record):
                continue
            vps = set()
            for node in record["configurations"]["nodes"]:
                vulnerable_vps(node, vps)
            cve = record["cve"]["CVE_data_meta"]["ID"]
            for items, ev, out in zip(lists, evs, outs):
                for item in items:
                    if (item[0], item[1]) not in vps:
                        continue
                    v = ev.verdict(record, item)
                    if v:
                        out.add(f"{item[0]}:{item[1]} {item[2]} {cve} {v}")
    for n, out in enumerate(outs):
        text = "".join(line + "\n" for line in sorted(out))
        if a.out:
            with open(a.out[n], "w", encoding="utf-8") as f:
                f.write(text)
        else:
            sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
