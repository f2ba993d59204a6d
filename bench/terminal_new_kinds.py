"""The marginal cost per line of the capture kinds issue 75 added on 2026-11-27 (run by hand, never from the suite).

    PYTHONPATH=src python bench/terminal_new_kinds.py [--seconds 30,120] [--repeat 3] [--device D ...] [--before TREE]

For each generator device it writes a capture at each length (``generate.capture.write``, no fault) and times,
side by side in each round on the same file, ``orjson.loads`` of every line (the floor any Python reader pays) and
``conformance.areas.terminal.analyse`` (every stream check the terminal suite makes; the measured requirements'
own measurements are bounded by their fixed schedules, not by the capture's length). It prints the CPU seconds
(``time.process_time``, best of the rounds), the marginal microseconds per line from the shortest to the longest
length for both, and their ratio: a ratio at or under the existing streams' (bench/README.md, issue 28: 1.5) keeps
a ten-minute capture of the kind within the terminal streams' time budget. With ``--before TREE`` (a checkout of
another commit, its vendored validators copied in) a child process importing that tree's ``conformance`` times its
``analyse`` on the same files in the same rounds, and the table adds its figures beside this tree's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
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


def cpu(action, path: Path) -> float:
    start = time.process_time()
    action(path)
    return time.process_time() - start


def best_of(actions, path: Path, repeat: int) -> list[float]:
    """Each action's least CPU seconds over ``repeat`` rounds, the actions taking turns in each round."""
    best = [float("inf")] * len(actions)
    for _ in range(repeat):
        for k, action in enumerate(actions):
            best[k] = min(best[k], action(path))
    return best


def serve() -> None:
    """The child of ``--before``: for each path read from stdin, the CPU seconds of this tree's ``analyse``."""
    for line in sys.stdin:
        print(cpu(judge, Path(line.strip())), flush=True)


def before_tree(tree: str):
    """An action timing ``analyse`` of the tree at ``tree`` in a child process (its own ``conformance``)."""
    env = {**os.environ, "PYTHONPATH": str(Path(tree, "src").resolve())}
    child = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=env)

    def action(path: Path) -> float:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(f"{path}\n")
        child.stdin.flush()
        return float(child.stdout.readline())
    return action


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
    parser.add_argument("--before", metavar="TREE", help="also time analyse of the checkout at TREE")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return
    lengths = [float(s) for s in args.seconds.split(",")]
    actions = [lambda p: cpu(judge, p), lambda p: cpu(parse, p)]
    if args.before:
        actions.append(before_tree(args.before))
    print(f"load average {os.getloadavg()[0]:.1f}; lengths {lengths} s; best of {args.repeat}")
    before = " | analyse s, before | marginal µs/line, before | ratio before" if args.before else ""
    print(f"| device | lines | MB | analyse s | orjson s | marginal µs/line analyse | orjson | ratio{before} |")
    print("|---|---|---|---|---|---|---|---|" + ("---|---|---|" if args.before else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for device in args.device or NEW_KINDS:
            rows = []
            for seconds in lengths:
                path = Path(tmp) / f"{device}-{seconds:g}.ndjson"
                write(path, device, seconds, [])
                with path.open("rb") as f:
                    lines = sum(1 for _ in f)
                rows.append((lines, path.stat().st_size / 1e6, *best_of(actions, path, args.repeat)))
                path.unlink()
            (n1, _, a1, o1, *b1), (n2, mb, a2, o2, *b2) = rows[0], rows[-1]
            if n2 == n1:  # a fixed schedule: the capture does not grow with the length asked
                print(f"| {device} | {n2} | {mb:.1f} | {a2:.3f} | {o2:.3f} | fixed length | | |", flush=True)
                continue
            extra = n2 - n1
            ma, mo = (a2 - a1) / extra * 1e6, (o2 - o1) / extra * 1e6
            row = f"| {device} | {n2} | {mb:.1f} | {a2:.3f} | {o2:.3f} | {ma:.2f} | {mo:.2f} | {ratio(ma, mo)} |"
            if b1:
                mb_ = (b2[0] - b1[0]) / extra * 1e6
                row += f" {b2[0]:.3f} | {mb_:.2f} | {ratio(mb_, mo)} |"
            print(row, flush=True)


def ratio(marginal: float, floor: float) -> str:
    return f"{marginal / floor if floor > 0 else float('nan'):.2f}"


if __name__ == "__main__":
    main()
