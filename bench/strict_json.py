"""Cost of the strict reader of signed JSON (conformance._io.strictjson) on a large run
report, side by side with orjson alone (run by hand, never from the test suite).

    PYTHONPATH=src python bench/strict_json.py [REPORT.json] [--mb 10] [--rounds 5]

The report (default: a synthetic one shaped like a run's: requirements with cases,
parameters and evidence of strings and numbers) is grown to ``--mb`` megabytes by
repeating its requirements; then per round: ``orjson.loads`` (the floor, what verify read
before) and ``strictjson.loads`` with the report's integer bound (duplicates, lone
surrogates, unsafe integers). Prints ms each, the added ms and the ratio, min / median /
max over the rounds, and the load average (the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import orjson
from spread import spread

from conformance._io.strictjson import MAX_REPORT_INTEGER, loads


def synthetic() -> dict:
    requirement = {
        "requirement": "ID-DOC-001", "verdict": "pass", "profiles": ["identity-document"], "title": "A DID document",
        "cases": [{"id": f"case-{i}", "verdict": "pass", "parameters": {"max_bytes": 65536, "strict": True},
                   "profiles": ["identity-document"], "duration_s": 0.0123,
                   "evidence": [{"kind": "value", "name": "sizes", "values": list(range(40)),
                                 "text": "é ✓ the member was read as written " * 3}]} for i in range(4)],
    }
    return {"harness": {"name": "conformance", "version": "1"}, "complete": True, "requirements": [requirement]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", nargs="?", type=Path)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    document = orjson.loads(args.report.read_bytes()) if args.report else synthetic()
    requirements = document.get("requirements") or [{}]
    each = len(orjson.dumps(requirements))
    copies = max(1, round(args.mb * 1e6 / each))
    data = orjson.dumps({**document, "requirements": requirements * copies})
    print(f"report of {len(data) / 1e6:.1f} MB ({len(requirements) * copies} requirements), {args.rounds} rounds")
    floor, strict = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        orjson.loads(data)
        floor.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        loads(data, max_integer=MAX_REPORT_INTEGER)
        strict.append((time.perf_counter() - start) * 1000)
    print(f"orjson.loads      ms {spread(floor, 0)}")
    print(f"strictjson.loads  ms {spread(strict, 0)}")
    print(f"added             ms {spread([s - f for s, f in zip(strict, floor, strict=True)], 0)}")
    print(f"ratio                {spread([s / f for s, f in zip(strict, floor, strict=True)], 1)}", flush=True)
    print("load average " + " ".join(f"{v:.2f}" for v in os.getloadavg()), file=sys.stderr)


if __name__ == "__main__":
    main()
