"""The marginal cost per line of the capture kinds issue 75 added on 2026-11-27 (run by hand, never from the suite).

    PYTHONPATH=src python bench/terminal_new_kinds.py [--seconds 30,120] [--repeat 3] [--device D ...]

For each generator device it writes a capture at each length (``generate.capture.write``, no fault) and times,
side by side in each round on the same file, ``orjson.loads`` of every line (the floor any Python reader pays) and
``conformance.areas.terminal.analyse`` (every stream check the terminal suite makes; the measured requirements'
own measurements are bounded by their fixed schedules, not by the capture's length). It prints the CPU seconds
(``time.process_time``, best of the rounds), the marginal microseconds per line from the shortest to the longest
length for both, and their ratio: a ratio at or under the existing streams' (bench/README.md, issue 28: 1.5) keeps
a ten-minute capture of the kind within the terminal streams' time budget.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import orjson

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import write

NEW_KINDS = ("gaze_select_rig", "gaze_session_rig", "pinch_reference_rig", "touch_bench", "face_expression_rig",
             "body_edge_rig", "haptic_interface_bench", "scent_interface_bench", "tactile_interface_bench",
             "gaze_interface_bench", "face_interface_bench", "body_interface_bench", "bci_interface_bench",
             "expression_interface_bench")


def cpu(action, path: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        action(path)
        best = min(best, time.process_time() - start)
    return best


def judge(path: Path) -> None:
    with path.open("rb") as f:
        analyse(f)


def parse(path: Path) -> None:
    with path.open("rb") as f:
        for line in f:
            orjson.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", default="30,120")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--device", action="append")
    args = parser.parse_args()
    lengths = [float(s) for s in args.seconds.split(",")]
    print(f"load average {os.getloadavg()[0]:.1f}; lengths {lengths} s; best of {args.repeat}")
    print("| device | lines | MB | analyse s | orjson s | marginal µs/line analyse | orjson | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for device in args.device or NEW_KINDS:
            rows = []
            for seconds in lengths:
                path = Path(tmp) / f"{device}-{seconds:g}.ndjson"
                write(path, device, seconds, [])
                with path.open("rb") as f:
                    lines = sum(1 for _ in f)
                rows.append((lines, path.stat().st_size / 1e6, cpu(judge, path, args.repeat),
                             cpu(parse, path, args.repeat)))
                path.unlink()
            (n1, _, a1, o1), (n2, mb, a2, o2) = rows[0], rows[-1]
            if n2 == n1:  # a fixed schedule: the capture does not grow with the length asked
                print(f"| {device} | {n2} | {mb:.1f} | {a2:.3f} | {o2:.3f} | fixed length | | |", flush=True)
                continue
            extra = n2 - n1
            ma, mo = (a2 - a1) / extra * 1e6, (o2 - o1) / extra * 1e6
            print(f"| {device} | {n2} | {mb:.1f} | {a2:.3f} | {o2:.3f} | {ma:.2f} | {mo:.2f} | "
                  f"{ma / mo if mo > 0 else float('nan'):.2f} |", flush=True)


if __name__ == "__main__":
    main()
