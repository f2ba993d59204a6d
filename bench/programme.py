"""A programme of simulated participants end to end, with 1 and 2 participant runs at once
(run by hand, never from the test suite; the machine is shared and noisy).

    PYTHONPATH=src python bench/programme.py [--participants 12] [--pairs 3] [--rounds 1]

Serves one reference-implementation instance per participant on 127.0.0.1 (a planted
defect on every other one, cycling through a few), writes a manifest each (interfaces-core;
the first ``--pairs`` also claim interop-pair, so ``pairs × (pairs - 1)`` pair runs follow),
then per round runs ``conformance programme run`` as a process with ``concurrency`` 1 and 2
into fresh folders and databases. Prints the wall time of each, runs per minute, the ratio
of 2 to 1, and the load average.

Issue 30 asks for this with a distributed engine's workers (Dask or Ray) against one plain
process; that engine is not built yet: this measures the local process pool.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import yaml
from spread import spread

from conformance.reference import create_app
from conformance.server import serve

DEFECTS = ["json-as-text", "no-request-id", "problem-without-status", "pagination-ignored"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=12)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="bench-programme-") as tmp:
        base = Path(tmp)
        partner = stack.enter_context(serve(create_app()))
        participants = []
        for i in range(args.participants):
            defects = [DEFECTS[(i // 2) % len(DEFECTS)]] if i % 2 else []
            if i < args.pairs:
                defects = []
            url = stack.enter_context(serve(create_app(defects)))
            profiles = ["interfaces-core", *(["interop-pair"] if i < args.pairs else [])]
            targets = {"api": {"adapter": "http", "base_url": url}}
            if i < args.pairs:
                targets["api_b"] = {"adapter": "http", "base_url": partner}
            name = f"p{i:03d}"
            (base / f"{name}.yaml").write_text(yaml.safe_dump(
                {"product": {"name": name, "version": "1"}, "profiles": profiles, "targets": targets}))
            participants.append({"id": name, "manifest": f"{name}.yaml"})
        runs = args.participants + args.pairs * (args.pairs - 1)
        times: dict[int, list[float]] = {1: [], 2: []}
        for round_ in range(args.rounds):
            for concurrency in (1, 2):
                programme = base / f"r{round_}-c{concurrency}.yaml"
                programme.write_text(yaml.safe_dump({"id": f"bench-{concurrency}", "title": "bench",
                                                     "concurrency": concurrency, "participants": participants}))
                started = time.monotonic()
                subprocess.run([sys.executable, "-m", "conformance.cli", "programme", "run", str(programme),
                                "--out", str(base / f"out-{round_}-{concurrency}")],
                               check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times[concurrency].append(time.monotonic() - started)
        for concurrency, values in times.items():
            print(f"concurrency {concurrency}: {runs} runs, wall s {spread(values, 1)}, "
                  f"runs/min {60 * runs / min(values):.1f} (best)")
        print(f"ratio 2 ÷ 1 (runs per minute, best rounds): {min(times[1]) / min(times[2]):.2f}")
        print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
