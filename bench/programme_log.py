"""The programme log's append cost at 100, 1 000 and 10 000 leaves, measured side by side in
one run (this machine is shared and noisy).

    python bench/programme_log.py [--rounds 3] [--appends 10] [--before FOLDER]

For each size, a child process (``PYTHONPATH=TREE/src``) writes a signed log of that many
certificate leaves at once (``ProgrammeLog._write``, in both trees), then times ``--appends``
appends to it (``ProgrammeLog.append``: lock, read the head, write the leaf, sign and write the
head), each signed with an Ed25519 key as a programme's are. It prints the milliseconds per
append (wall, and CPU of the child: the median of a process's appends after its first, and its
first apart, when nothing is cached in memory) as min / median / max over the rounds, and, with
``--before FOLDER`` (another checkout's source, e.g. ``git archive main src | tar -x -C
FOLDER``), the same for that tree in the same rounds, interleaved, and the ratio of the
medians (before / after).

Issue 44's goal: an append's cost independent of the log's size (before this change each
append rewrote and re-hashed the whole ``leaves.jsonl``: O(n), so O(n^2) for a programme).
What an append reads and writes is asserted in tests/programme/test_log_append.py; the time
only here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from spread import spread

ROOT = Path(__file__).resolve().parents[1]
SIZES = (100, 1_000, 10_000)
KINDS = ("wall", "cpu", "first wall", "first cpu")

CHILD = r"""
import json, sys, tempfile, time
from pathlib import Path
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from conformance.codecs.jcs import canonicalize
from conformance.programme import ledger

size, appends = int(sys.argv[1]), int(sys.argv[2])
TIME = "2026-01-01T00:00:00.000Z"
ISSUED = "certificate-issued"  # the event as the log names it: the same in every tree compared

def certificate(i):
    return {"certificate": {"status_index": i, "certificate_id": f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
            "participant": f"participant-{i % 1000}", "run_id": f"run-{i:08d}", "issuer": "did:key:z6Mk" + "x" * 44,
            "issued": TIME, "valid_until": "2027-01-01T00:00:00.000Z", "file": f"certificates/c-{i}.json",
            "sha256": "0" * 64}}

with tempfile.TemporaryDirectory() as folder:
    log = ledger.ProgrammeLog(Path(folder) / "h.log", "bench", Ed25519PrivateKey.generate())
    log._write([canonicalize({"index": i, "event": ISSUED, "time": TIME, **certificate(i)})
                for i in range(size)], TIME)
    log = ledger.ProgrammeLog(log.folder, "bench", log.key)  # a new process's log: nothing cached
    walls, cpus = [], []
    for i in range(size, size + appends):
        wall, cpu = time.perf_counter(), time.process_time()
        log.append(ISSUED, certificate(i), TIME)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    assert len(log.lines()) == size + appends
print(json.dumps({"wall": walls, "cpu": cpus}))
"""


def measure(tree: Path, size: int, appends: int) -> dict[str, list[float]]:
    """Seconds per append (wall and CPU) of ``appends`` appends to a log of ``size`` leaves."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(size), str(appends)], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(tree / "src")}, cwd=tempfile.gettempdir())
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--appends", type=int, default=10, help="appends timed per size and round (>= 2)")
    parser.add_argument("--before", type=Path, help="another checkout to compare with (FOLDER/src)")
    options = parser.parse_args()
    trees = {"after": ROOT, **({"before": options.before.resolve()} if options.before else {})}
    results: dict[tuple[str, int], dict[str, list[float]]] = {}
    for _ in range(options.rounds):
        for size in SIZES:
            for name, tree in trees.items():  # interleaved: the machine's load falls on both alike
                got = measure(tree, size, options.appends)
                slot = results.setdefault((name, size), {k: [] for k in KINDS})
                for kind in ("wall", "cpu"):  # the first append of a process apart: nothing is cached yet
                    slot[kind].append(statistics.median(got[kind][1:]) * 1000)
                    slot[f"first {kind}"].append(got[kind][0] * 1000)
    print(f"ms per append (wall, cpu: the median of appends 2..{options.appends} of a process; first: its first "
          f"append; min / median / max over {options.rounds} rounds); load average {os.getloadavg()[0]:.2f}")
    for kind in KINDS:
        print(f"\n{kind}:")
        header = f"{'leaves':>7} | " + " | ".join(f"{name:^26}" for name in trees)
        print(header + (" | before/after" if options.before else ""))
        for size in SIZES:
            row = f"{size:>7} | " + " | ".join(spread(results[(name, size)][kind], 2, 7) for name in trees)
            if options.before:
                ratio = statistics.median(results[("before", size)][kind]) / statistics.median(
                    results[("after", size)][kind])
                row += f" | {ratio:8.1f}x"
            print(row)


if __name__ == "__main__":
    main()
