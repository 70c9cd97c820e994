#!/usr/bin/env python3
"""Summary of a BoGo run (scripts/bogo.sh): per category (the test name up to its first '-'),
how many tests passed, failed, were unimplemented (the shim exited 89) or disabled (by
tests/bogo/config.json). Exits 1 when any test failed unexpectedly, listing them.

usage: summary.py bogo.json disabled.json runner.log"""
import collections
import json
import os
import sys


def category(name):
    return name.split("-", 1)[0]


def main(results_path, disabled_path, log_path):
    with open(results_path) as f:
        tests = json.load(f)["tests"]
    disabled = {}
    if os.path.exists(disabled_path):
        with open(disabled_path) as f:
            disabled = json.load(f)["tests"]

    columns = ("passed", "failed", "unimplemented", "disabled")
    counts = collections.defaultdict(collections.Counter)
    failures = []
    for name, result in tests.items():
        if result["actual"] == "PASS":
            kind = "passed"
        elif result["actual"] == "SKIP" and not result["is_unexpected"]:
            kind = "unimplemented"
        else:
            kind = "failed"
            failures.append(name)
        counts[category(name)][kind] += 1
    for name in disabled:
        counts[category(name)]["disabled"] += 1

    total = collections.Counter()
    print(f"{'category':<34}" + "".join(f"{c:>14}" for c in columns))
    for cat in sorted(counts):
        total.update(counts[cat])
        print(f"{cat:<34}" + "".join(f"{counts[cat][c]:>14}" for c in columns))
    print(f"{'total':<34}" + "".join(f"{total[c]:>14}" for c in columns))

    if failures:
        print(f"\n{len(failures)} unexpected failures (details in {log_path}):")
        for name in sorted(failures):
            print(f"  {name}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
