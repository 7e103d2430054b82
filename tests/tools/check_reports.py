#!/usr/bin/env python3
"""Check cvegate's json, csv and sarif reports of one scan (standard library,
plus jsonschema when it is installed).

SARIF: validated against the OASIS SARIF 2.1.0 JSON schema (sarif-2.1.0-rtm.5,
as @microsoft/jest-sarif ships it on npm) when --sarif-schema names it and the
jsonschema module is importable; always the structural rules GitHub code
scanning applies: every result has ruleId, a level, a message and
locations[0].physicalLocation with artifactLocation.uri and
region.startLine >= 1; ruleIndex points at the rule named ruleId;
security-severity is a number from 0 to 10 as a string; partialFingerprints.
JSON: schema cvegate-report/1 as docs/report-json.md describes it.
CSV: RFC 4180 rows of the header's width; no cell starts a formula.
Usage: check_reports.py --json F --csv F --sarif F [--sarif-schema F] [--inventory PATH]...
(--inventory once per inventory of the scan; a report over several has the
JSON "inventories" list and the CSV "inventory" column, both checked).
Prints what it checked; exit 1 with the first problem.
"""
import argparse
import csv
import io
import json
import sys


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def check_sarif(path, schema_path, inventory):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    note = "structural checks only (no schema or no jsonschema module)"
    if schema_path:
        try:
            import jsonschema
        except ImportError:
            jsonschema = None
        if jsonschema:
            with open(schema_path, encoding="utf-8") as f:
                schema = json.load(f)
            errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=str)
            if errors:
                fail("SARIF schema: %s at %s" % (errors[0].message, list(errors[0].path)))
            note = "valid against %s" % schema.get("title", schema_path)
    if doc.get("version") != "2.1.0" or len(doc.get("runs", [])) != 1:
        fail("SARIF: version 2.1.0 with one run expected")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    if driver.get("name") != "cvegate" or not driver.get("version"):
        fail("SARIF: tool.driver name/version")
    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        fail("SARIF: duplicate rule ids")
    for r in rules:
        sev = r.get("properties", {}).get("security-severity")
        if sev is not None:
            if not isinstance(sev, str) or not 0.0 <= float(sev) <= 10.0:
                fail("SARIF: rule %s security-severity %r" % (r["id"], sev))
        if not r.get("helpUri", "").startswith("https://nvd.nist.gov/vuln/detail/"):
            fail("SARIF: rule %s helpUri" % r["id"])
        if not r.get("shortDescription", {}).get("text") or not r.get("help", {}).get("text"):
            fail("SARIF: rule %s without descriptions" % r["id"])
    fps = set()
    for i, res in enumerate(run.get("results", [])):
        where = "SARIF result %d" % i
        if res.get("ruleId") not in ids:
            fail(where + ": ruleId not among the rules")
        if ids[res["ruleIndex"]] != res["ruleId"]:
            fail(where + ": ruleIndex does not point at ruleId")
        if res.get("level") not in ("error", "warning", "note"):
            fail(where + ": level")
        if not res.get("message", {}).get("text"):
            fail(where + ": no message")
        locs = res.get("locations") or []
        if not locs or "physicalLocation" not in locs[0]:
            fail(where + ": no physicalLocation (GitHub rejects the upload)")
        pl = locs[0]["physicalLocation"]
        uri = pl.get("artifactLocation", {}).get("uri")
        if not uri:
            fail(where + ": no artifactLocation.uri")
        if inventory and uri not in inventory:
            fail(where + ": uri %r, expected one of %r" % (uri, inventory))
        line = pl.get("region", {}).get("startLine")
        if not isinstance(line, int) or line < 1:
            fail(where + ": startLine %r" % line)
        fp = res.get("partialFingerprints", {}).get("cvegate/v1")
        if not fp or len(fp) != 64:
            fail(where + ": partialFingerprints")
        if fp in fps:
            fail(where + ": fingerprint repeated")
        fps.add(fp)
    print("sarif: %d rules, %d results; %s" % (len(rules), len(run.get("results", [])), note))
    return doc


def check_json(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("schema") != "cvegate-report/1":
        fail("JSON: schema name")
    s = doc["summary"]
    comps, finds = doc["components"], doc["findings"]
    if s["components"] != len(comps) or s["findings"] != len(finds):
        fail("JSON: summary counts")
    if s["unmapped"] != sum(1 for c in comps if c["unmapped"]):
        fail("JSON: unmapped count")
    if s["failing"] != sum(1 for f in finds if f["failing"]):
        fail("JSON: failing count")
    if not isinstance(doc.get("resolved"), list):
        fail("JSON: resolved is not an array")
    keys = {"cve", "component", "package", "version", "packages", "identified", "identifier",
            "status", "failing", "baseline", "severity", "score", "metrics", "cwe", "match",
            "below_threshold", "ignore", "description", "published", "modified",
            "record_status", "source_identifier", "kev", "references", "origin", "provider"}
    several = "inventories" in doc
    if several:
        # several inventories: each finding and component names its own,
        # and the per-inventory counts add up to the summary
        keys.add("inventory")
        labels = [i["inventory"] for i in doc["inventories"]]
        if len(set(labels)) != len(labels) or doc.get("inventory") is not None:
            fail("JSON: inventory labels must be distinct, the top-level inventory null")
        for k in ("components", "findings", "failing", "ignored", "unmapped"):
            if sum(i["summary"][k] for i in doc["inventories"]) != s[k]:
                fail("JSON: per-inventory %s do not add up" % k)
        for lab in labels:
            n = sum(1 for f in finds if f["inventory"] == lab)
            if n != [i for i in doc["inventories"] if i["inventory"] == lab][0]["summary"]["findings"]:
                fail("JSON: findings of %s" % lab)
        if any(c.get("inventory") not in labels for c in comps):
            fail("JSON: a component without its inventory")
    if [c["index"] for c in comps] != list(range(len(comps))):
        fail("JSON: component indexes")
    for f in finds:
        if set(f) != keys:
            fail("JSON: finding %s keys %s" % (f.get("cve"), sorted(set(f) ^ keys)))
        if comps[f["component"]]["name"] != f["package"]:
            fail("JSON: finding %s component index" % f["cve"])
        if several and comps[f["component"]]["inventory"] != f["inventory"]:
            fail("JSON: finding %s points at another inventory's component" % f["cve"])
        if f["origin"] not in ("nvd", "adp", "cna-cpe", "cna"):
            fail("JSON: finding %s origin %r" % (f["cve"], f["origin"]))
        if f["status"] == "unassessed" and f["failing"]:
            fail("JSON: finding %s unassessed and failing" % f["cve"])
    if s["unassessed"] < sum(1 for f in finds if f["status"] == "unassessed"):
        fail("JSON: unassessed count")
        for m in f["metrics"]:
            if m["score"] is not None and not isinstance(m["score"], (int, float)):
                fail("JSON: %s score %r" % (f["cve"], m["score"]))
        if f["severity"] not in ("CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNSCORED"):
            fail("JSON: severity")
    print("json: %d components, %d findings%s" % (len(comps), len(finds),
          ", %d inventories" % len(doc["inventories"]) if several else ""))
    return doc


def check_csv(path, nfindings, several):
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    if raw and not raw.endswith("\r\n"):
        fail("CSV: rows must end in CRLF")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    header = rows[0]
    if (header[-1] == "inventory") != several or len(header) != 21 + several:
        fail("CSV: the inventory column is there exactly when there are several")
    for i, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            fail("CSV: row %d has %d fields, header %d" % (i, len(row), len(header)))
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                fail("CSV: row %d: a cell starts a formula: %r" % (i, cell[:20]))
    if len(rows) - 1 != nfindings:
        fail("CSV: %d rows, %d findings" % (len(rows) - 1, nfindings))
    print("csv: %d rows of %d fields" % (len(rows) - 1, len(header)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--sarif", required=True)
    ap.add_argument("--sarif-schema")
    ap.add_argument("--inventory", action="append", help="repeat for several")
    a = ap.parse_args()
    doc = check_json(a.json)
    check_csv(a.csv, len(doc["findings"]), "inventories" in doc)
    sarif = check_sarif(a.sarif, a.sarif_schema, a.inventory)
    if len(sarif["runs"][0]["results"]) != len(doc["findings"]):
        fail("SARIF and JSON disagree on the number of findings")


if __name__ == "__main__":
    main()
