"""CPU of loading the catalog again in one process, as a test session or a programme does
(issue 31): ``load_catalog()``, ``load_catalog(lazy=True)`` and ``catalog_digest`` per call,
after one warm-up load, for this source and another one side by side, round after round.

    PYTHONPATH=src python bench/catalog_load.py --before /tmp/base/src --rounds 5 --loads 40

``--before``: the ``src`` folder of another checkout (e.g. a ``git archive`` of main), run
with the same interpreter. Each round runs one process per source, alternating, and prints
the milliseconds of CPU per call and this source's ratio to the other; then the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys, time
from conformance._catalog.catalog import default_root, load_catalog
from conformance._catalog.digest import catalog_digest
loads = int(sys.argv[1])
load_catalog(); load_catalog(lazy=True)
root = default_root().resolve()
out = {}
for name, call in (("full", load_catalog), ("lazy", lambda: load_catalog(lazy=True)),
                   ("digest", lambda: catalog_digest(root))):
    started = time.process_time()
    for _ in range(loads):
        call()
    out[name] = (time.process_time() - started) / loads * 1000
print(json.dumps(out))
"""


def measure(src: Path, loads: int) -> dict[str, float]:
    # the catalog of the checkout that holds this source (its suites/ and profiles/)
    env = {**os.environ, "PYTHONPATH": str(src), "CONFORMANCE_CATALOG": str(src.parent)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(loads)], env=env, capture_output=True, text=True,
                          check=True, cwd=src.parent)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the src folder of the other checkout")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--loads", type=int, default=40)
    args = parser.parse_args()
    here = Path(__file__).resolve().parents[1] / "src"
    if not (args.before / "conformance").is_dir():
        print(f"bench/catalog_load.py: {args.before} holds no conformance package", file=sys.stderr)
        return 2
    ratios: dict[str, list[float]] = {"full": [], "lazy": [], "digest": []}
    for number in range(args.rounds):
        before, after = measure(args.before.resolve(), args.loads), measure(here, args.loads)
        line = "  ".join(f"{k} {before[k]:.1f} -> {after[k]:.1f} ms ({after[k] / before[k]:.2f}x)" for k in ratios)
        print(f"round {number + 1}: {line}; load average {os.getloadavg()[0]:.1f}")
        for key in ratios:
            ratios[key].append(after[key] / before[key])
    print("median ratio (this source / before): "
          + ", ".join(f"{k} {statistics.median(v):.2f}" for k, v in ratios.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
