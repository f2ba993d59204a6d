"""Benchmark: IF-LAT-001's load profile run twice on the same machine, side by side (run by hand,
never from the test suite).

    PYTHONPATH=src python bench/load.py [--runs 2] [--defects slow-under-load errors-under-load]

For the clean reference and each named defect it serves the reference (a thread of this process,
as the test suite serves it, over http on a free port) and drives the standard's load profile
(interfaces-core's defaults: 16 clients x 16 requests, the two-request mix, 10 s timeout) through
conformance.areas.interfaces.load, ``--runs`` times in a row. It prints per run the wall time,
p95 and p99 with their 95 % order-statistic intervals, the error share and each rule's outcome
against the standard's limits, then per variant the largest relative difference between runs
of p95 and p99 and whether the runs' intervals overlap.

The tolerance the notes of IF-LAT-001 rely on: on one machine two runs give the same outcome
for every rule and their p95 (and p99) 95 % intervals overlap; the figures themselves are
timings of a shared machine and differ.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from conformance.areas.interfaces import load
from conformance.reference import create_app
from conformance.reference.server import serve

ROOT = Path(__file__).resolve().parents[1]


def _defaults() -> dict[str, float]:
    profile = yaml.safe_load((ROOT / "profiles" / "interfaces-core.yaml").read_text(encoding="utf-8"))
    return {name: spec["default"] for name, spec in profile["parameters"].items() if name.startswith("load_")}


def _run(base_url: str, d: dict[str, float]) -> dict[str, object]:
    profile = load.Profile(int(d["load_clients"]), int(d["load_requests_each"]), float(d["load_timeout_s"]))
    record = load.run([base_url.rstrip("/") + path for _, path in load.MIX], profile)
    answered = record.answered_ms()
    q95, q99 = load.quantile(answered, 95), load.quantile(answered, 99)
    share = load.error_share(record)
    return {"wall_s": record.wall_s, "n": record.count, "q95": q95, "q99": q99, "errors": share.errors,
            "R1": "pass" if q95 and q95.value <= d["load_latency_p95_ms"] else "fail",
            "R2": "pass" if q99 and q99.value <= d["load_latency_p99_ms"] else "fail",
            "R3": "pass" if share.share <= d["load_error_share_max"] else "fail"}


def _q(q: load.Quantile | None) -> str:
    return "-" if q is None else f"{q.value:8.1f} [{q.low:7.1f}, {q.high:7.1f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--defects", nargs="*", default=["slow-under-load", "errors-under-load"])
    args = parser.parse_args()
    d = _defaults()
    print(f"load profile: {int(d['load_clients'])} clients x {int(d['load_requests_each'])} requests; "
          f"limits p95 {d['load_latency_p95_ms']:g} ms, p99 {d['load_latency_p99_ms']:g} ms, "
          f"error share {d['load_error_share_max']:g}; load average {os.getloadavg()[0]:.2f}")
    print(f"{'variant':<20} {'run':>3} {'wall s':>7} {'p95 ms [95 % CI]':>28} {'p99 ms [95 % CI]':>28} "
          f"{'errors':>7}  R1   R2   R3")
    for variant in ["clean", *args.defects]:
        runs = []
        with serve(create_app([] if variant == "clean" else [variant])) as url:
            for index in range(args.runs):
                r = _run(url, d)
                runs.append(r)
                print(f"{variant:<20} {index + 1:>3} {r['wall_s']:7.2f} {_q(r['q95']):>28} {_q(r['q99']):>28} "
                      f"{r['errors']:>7}  {r['R1']:<4} {r['R2']:<4} {r['R3']:<4}")
        same = all((r["R1"], r["R2"], r["R3"]) == (runs[0]["R1"], runs[0]["R2"], runs[0]["R3"]) for r in runs)
        parts = []
        for key in ("q95", "q99"):
            qs = [r[key] for r in runs if r[key] is not None]
            if len(qs) == len(runs) and qs:
                values = [q.value for q in qs]  # type: ignore[union-attr]
                spread = (max(values) - min(values)) / max(min(values), 1e-9)
                overlap = max(q.low for q in qs) <= min(q.high for q in qs)  # type: ignore[union-attr]
                parts.append(f"{key[1:]}: {spread:.0%} apart, intervals {'overlap' if overlap else 'DISJOINT'}")
        print(f"{'':<20} same outcomes: {'yes' if same else 'NO'}; {'; '.join(parts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
