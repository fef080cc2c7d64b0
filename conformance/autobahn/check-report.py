#!/usr/bin/env python3
"""Usage: check-report.py INDEX_JSON — prints each FAILED case and the totals; exit 1 on any FAILED."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    index = json.load(f)

failed = []
total = 0
for agent, cases in index.items():
    for case, result in cases.items():
        total += 1
        if result["behavior"] == "FAILED" or result["behaviorClose"] == "FAILED":
            failed.append(f"{agent} {case}: {result['behavior']} / {result['behaviorClose']}")

print("\n".join(failed + [f"cases: {total}, failed: {len(failed)}"]))
sys.exit(1 if failed else 0)
