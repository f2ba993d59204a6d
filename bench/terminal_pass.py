"""Issue 31's figure: the marginal CPU per frame of whole ``conformance validate`` processes,
÷ that of an orjson line-by-line parse process, two sources side by side (run by hand).

    PYTHONPATH=src python bench/terminal_pass.py --before <other source>/src \
        [--sizes 100000,1000000] [--kinds head,mixed] [--rounds 3] [--captures DIR] [--profile P]

For each kind (``head``: the vr_headset's head poses only, 90 Hz; ``mixed``: every stream of
the vr_headset: head, controllers, 26-joint hands, gaze, face, haptics) this source's
generator writes a clean capture of each size (sized as bench/terminal.py sizes them). Each
of --rounds rounds (after one untimed round on the smallest files, which warms each source's
catalog cache) runs, on every file, in an order that turns round by round: ``conformance
validate --profile P --format json,html`` of each source (``PYTHONPATH`` set to it; the
before source uses its own catalog when it has one) and a process that only imports orjson
and parses the file line by line. CPU is the child's user + system (``getrusage``).

Printed per kind: each arm's CPU seconds at each size and its peak RSS (the largest of the
rounds; ``wait4``: the child's own); then, per round, the marginal CPU per
frame between the smallest and the largest size (what a longer capture costs, start-up and
report writing left out) of each validate ÷ that of the orjson process: median (min–max) over
the rounds, and the ratio of the medians of the marginal times. ``--no-charts`` adds an arm:
this source with its chart buckets left unfilled (``poses._chart`` and ``timing._chart``
replaced by no-ops in the child), what the charts cost within the one pass.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from terminal_sides import _ORJSON_ONLY, _VALIDATE, _env, spread

from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.generate.device import stream_specs

ROOT = Path(__file__).resolve().parents[1]
DEVICE = "vr_headset"
#: this source with the chart buckets not filled (what the one pass's charts cost)
_VALIDATE_NO_CHARTS = ("import sys; from conformance.areas.terminal import poses, timing; "
                       "poses._chart = timing._chart = lambda *a, **k: None; " + _VALIDATE.removeprefix("import sys; "))


def child(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """User + system CPU seconds and peak RSS (MB) of one child process (``wait4``: its own)."""
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped above
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def make(kind: str, frames: int, path: Path) -> int:
    """Write (or reuse) a capture of about ``frames`` frames; its frame count."""
    specs = [s for s in stream_specs(DEVICE) if kind == "mixed" or s["id"] == "head"]
    if not path.is_file():
        rate = sum(s.get("rate_hz") or 0 for s in specs)
        write(path, DEVICE, frames / rate, only=[s["id"] for s in specs])
    with path.open("rb") as f:
        return sum(1 for _ in f) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the other source folder (the one with conformance/ in it)")
    parser.add_argument("--after", default=str(ROOT / "src"))
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--kinds", default="head,mixed")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", default="terminal-hmd-6dof")
    parser.add_argument("--captures", default="", help="a folder where the captures are kept and reused")
    parser.add_argument("--no-charts", action="store_true", help="also this source with the chart buckets unfilled")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    kinds = args.kinds.split(",")
    arms = {"orjson": "", "validate before": args.before, "validate after": args.after}
    if args.no_charts:
        arms["validate no charts"] = args.after
    with tempfile.TemporaryDirectory(prefix="bench-pass-") as tmp:
        folder = Path(args.captures or tmp)
        paths = {(kind, size): folder / f"{DEVICE}-{kind}-{size}.ndjson" for kind in kinds for size in sizes}
        frames = {key: make(key[0], key[1], path) for key, path in paths.items()}
        cpu: dict[tuple[str, str, int], list[float]] = {}
        rss: dict[tuple[str, str, int], list[float]] = {}

        def run(arm: str, key: tuple[str, int], k: int) -> tuple[float, float]:
            path = paths[key]
            if arm == "orjson":
                return child([sys.executable, "-c", _ORJSON_ONLY, str(path)], dict(os.environ))
            out = Path(tmp) / f"reports-{arm.split()[-1]}-{k}"
            code = _VALIDATE_NO_CHARTS if arm == "validate no charts" else _VALIDATE
            return child([sys.executable, "-c", code, "validate", "--profile", args.profile, "--format",
                          "json,html", "--no-progress", "-q", "--out", str(out), str(path)], _env(arms[arm]))

        print(f"load average {os.getloadavg()}")
        for k in range(-1, args.rounds):
            order = list(arms) if k % 2 == 0 else list(reversed(arms))
            for key in paths:
                if k < 0 and key[1] != sizes[0]:
                    continue
                for arm in order:
                    seconds, peak = run(arm, key, k)
                    if k >= 0:
                        cpu.setdefault((arm, *key), []).append(seconds)
                        rss.setdefault((arm, *key), []).append(peak)
        print(f"{args.rounds} rounds, CPU s, median (min–max); profile {args.profile}; "
              f"load average {os.getloadavg()}")
        small, big = sizes[0], sizes[-1]
        for kind in kinds:
            counts = ", ".join(f"{frames[kind, s]:,} frames ({paths[kind, s].stat().st_size / 1e6:.0f} MB)"
                               for s in sizes)
            print(f"\n{kind}: {counts}")
            for arm in arms:
                print(f"  {arm:<16} " + "   ".join(f"{s:>9,}: {spread(cpu[arm, kind, s])} s, "
                                                    f"{max(rss[arm, kind, s]):.0f} MB" for s in sizes))
            extra = frames[kind, big] - frames[kind, small]
            if not extra:
                continue

            def marginal(arm: str, kind: str = kind, extra: int = extra) -> list[float]:
                return [(b - a) / extra for a, b in zip(cpu[arm, kind, small], cpu[arm, kind, big], strict=True)]

            for arm in (a for a in arms if a != "orjson"):
                ratios = [v / o for v, o in zip(marginal(arm), marginal("orjson"), strict=True)]
                medians = statistics.median(marginal(arm)) / statistics.median(marginal("orjson"))
                print(f"  {arm}: marginal CPU per frame ÷ orjson's, per round {spread(ratios)}; "
                      f"of the medians {medians:.2f} ({statistics.median(marginal(arm)) * 1e6:.2f} µs a frame)")


if __name__ == "__main__":
    main()
