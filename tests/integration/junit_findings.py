#!/usr/bin/env python3
"""Print the findings of a cvegate JUnit report, one per line, sorted:
COMPONENT CVE-ID STATUS, where STATUS is failed, ignored, conditional,
below-threshold or passed. Testcases that are not findings are left out.
With --versions the component is 'name version' as in the classname."""
import sys
import xml.etree.ElementTree as ET

keep_version = "--versions" in sys.argv
path = [a for a in sys.argv[1:] if not a.startswith("--")][0]
rows = []
for tc in ET.parse(path).getroot().iter("testcase"):
    name = tc.get("name")
    if not name.startswith("CVE-"):
        continue
    comp = tc.get("classname")
    if not keep_version:
        comp = comp.split(" ")[0]
    out = tc.findtext("system-out") or ""
    if tc.find("failure") is not None:
        status = "failed"
    elif tc.find("skipped") is not None:
        status = "ignored"
    elif out.startswith("conditional"):
        status = "conditional"
    elif "below the -a threshold" in out or out.startswith("no score: passes"):
        status = "below-threshold"
    else:
        status = "passed"
    rows.append(f"{comp} {name} {status}")
print("\n".join(sorted(rows)))
