"""Per-event cost of judging an asset history (AS-HIST-001 and AS-HIST-002), side by side
with the floor of merely parsing the same file (run by hand, never from the test suite).

    PYTHONPATH=src python bench/history.py [--events 20000] [--rounds 3]

It writes a clean NDJSON history (assets issued then transferred in turn, a valid hash
chain, the reference samples' metadata with its transfer rules), then per round, in one
process, in this order:

- orjson: ``orjson.loads`` of every line (the floor any Python reader pays);
- harness: ``conformance._run.engine.run`` of the asset-history profile on the big file, minus
  the same run on a history of 10 events: the marginal cost per event, start-up excluded.

Prints µs per event and the ratio harness ÷ orjson, min/median/max over the rounds, and
the load average (the machine is shared). Goal (issue 17): ≤ 20 µs per event.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import orjson
import yaml
from spread import spread

from conformance import load_catalog
from conformance._run.engine import run
from conformance.codecs.jcs import sha256_hex
from conformance.reference import SAMPLES

#: the table's columns: min, median, max, each 8 characters wide
column = partial(spread, width=8, sep=" ")

RULED = ["ref-helmet-0001", "ref-skyline-0002"]  # their sample metadata sets transfer rules


def write_history(path: Path, events: int, assets: int = 500) -> None:
    """``events`` events over ``assets`` assets: each issued once, then transferred in turn."""
    ids = RULED + [f"bench-asset-{i:05d}" for i in range(assets - len(RULED))]
    holders = [f"did:web:holder{i}.example" for i in range(7)]
    last: dict[str, tuple[str, int]] = {}  # asset -> (hash of its last event, holder index)
    with path.open("wb") as out:
        for n in range(events):
            asset = ids[n % len(ids)]
            day = 1 + 2 * (n // len(ids))  # two days between an asset's events: past any holding period
            when = f"2025-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}T10:00:{n % 60:02d}Z"
            if asset not in last:
                event = {"type": "issue", "asset_id": asset, "from": None, "to": holders[0], "time": when,
                         "actor": "did:web:issuer.example", "prev_hash": None, "event_id": f"e{n}"}
                holder = 0
            else:
                prev, owner = last[asset]
                holder = (owner + 1) % len(holders)
                event = {"type": "transfer", "asset_id": asset, "from": holders[owner], "to": holders[holder],
                         "time": when, "actor": holders[owner], "prev_hash": prev, "event_id": f"e{n}"}
            last[asset] = (sha256_hex(event), holder)
            out.write(orjson.dumps(event) + b"\n")


def orjson_parse(path: Path) -> None:
    with path.open("rb") as f:
        for line in f:
            orjson.loads(line)


def harness(path: Path, work: Path, catalog: object) -> None:
    metadata = str(SAMPLES / "asset_metadata" / "*.json")
    manifest = {"product": {"name": "bench", "version": "0"}, "profiles": ["asset-history"],
                "targets": {"asset_history": {"adapter": "file", "paths": [str(path)]},
                            "asset_metadata": {"adapter": "file", "paths": [metadata]}}}
    manifest_path = work / "manifest.yaml"
    manifest_path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    result = run(manifest_path, catalog=catalog, out_dir=work / "out", formats=["json"])  # type: ignore[arg-type]
    verdicts = {r.requirement: r.verdict.value for r in result.report.requirements}
    assert verdicts == {"AS-HIST-001": "pass", "AS-HIST-002": "pass"}, verdicts


def timed(fn: object, *args: object) -> float:
    started = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    catalog = load_catalog()
    per: dict[str, list[float]] = {"orjson": [], "harness": [], "ratio": []}
    with tempfile.TemporaryDirectory(prefix="bench-history-") as tmp:
        small, big = Path(tmp) / "small.ndjson", Path(tmp) / "big.ndjson"
        write_history(small, 10)
        write_history(big, args.events)
        harness(small, Path(tmp), catalog)  # warm: imports, catalog, validators
        for _ in range(args.rounds):
            floor = timed(orjson_parse, big) / args.events * 1e6
            base = timed(harness, small, Path(tmp), catalog)
            full = timed(harness, big, Path(tmp), catalog)
            cost = (full - base) / (args.events - 10) * 1e6
            per["orjson"].append(floor)
            per["harness"].append(cost)
            per["ratio"].append(cost / floor)
    print(f"asset history, {args.events:,} events, {args.rounds} rounds; load average {os.getloadavg()}")
    print(f"{'':24} {'min':>8} {'median':>8} {'max':>8}")
    print(f"{'orjson parse µs/event':24} {column(per['orjson'])}")
    print(f"{'harness µs/event':24} {column(per['harness'])}   (goal <= 20)")
    print(f"{'harness ÷ orjson':24} {column(per['ratio'])}")


if __name__ == "__main__":
    sys.exit(main())
