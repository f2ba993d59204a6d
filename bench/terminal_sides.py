"""Two sources of the harness side by side on the same captures (run by hand, never from the
test suite; issue 28: harness ÷ orjson ≤ 1.5 for every device class's streams).

    PYTHONPATH=src python bench/terminal_sides.py --before <other source>/src [--devices a,b]
        [--frames 100000] [--rounds 3] [--numpy] [--validate face_tracker:terminal-face]

For each device class (default: every one ``bench/terminal.py --device`` knows) this source's
generator writes one clean capture of about --frames frames (sized as bench/terminal.py
sizes it). Then, in each of --rounds rounds, every source analyses it in a fresh process of
its own (``PYTHONPATH`` set to the source; the order of the sources turns round by round),
which times, in CPU time (user + system of that process), a line-by-line ``orjson.loads`` of
the file and ``analyse`` of it, --pairs times, alternately: each harness run is divided by the
orjson parse just before it. Printed per device and source: the median ratio of the pairs
(min–max), then the least harness CPU over all pairs divided by the least orjson CPU (on a
loaded machine the least inflated figure), and the load average before and after. ``--numpy`` adds this source with its
compiled number parser set aside (NumPy's passes, as where no compiler was found at install).

``--validate DEVICE:PROFILE`` also times whole processes on that device's capture (CPU of the
child, user + system, ``resource.getrusage``): ``conformance validate --profile PROFILE`` of
each source, and a process that only imports orjson and parses the file; the order turns round
by round, after one untimed round. For the before source, its own catalog (suites/, schemas/,
profiles/ beside its src) is used when it has one.

``--rss DEVICE:FRAMES:COPIES`` (e.g. display_lab_headset:100000:1,4,16,48: 48 copies of
22 MB, about 1 GB) writes that capture each number of times over (bench/terminal.py's
``copies``: each copy later by the span of the one before) and prints the peak RSS of a fresh
process of each source analysing it (VmHWM, reset first). ``--devices ""`` with ``--only-extra`` skips the
device table.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from terminal import _RSS_CHILD, copies, event_rate

from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.generate.device import DEVICES, stream_specs
from conformance.errors import HarnessInputError

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import sys, time, orjson
from conformance.areas.terminal import analyse
if sys.argv[3] == "numpy":
    from conformance.areas.terminal.capture import numbers
    numbers._compiled = None  # as where the compiled parser was not built
path = sys.argv[1]

def parse():
    with open(path, "rb") as f:
        for line in f:
            orjson.loads(line)

def harness():
    with open(path, "rb") as f:
        analyse(f)

for _ in range(int(sys.argv[2])):
    t0 = time.process_time()
    parse()
    t1 = time.process_time()
    harness()
    t2 = time.process_time()
    print(t1 - t0, t2 - t1)
"""

_ORJSON_ONLY = """
import sys, orjson
with open(sys.argv[1], "rb") as f:
    for line in f:
        orjson.loads(line)
"""

_VALIDATE = "import sys; from conformance.cli import main; sys.exit(main(sys.argv[1:]))"


def _env(source: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": source, "OPENBLAS_NUM_THREADS": "1"}
    catalog = Path(source).parent
    if source != str(ROOT / "src") and (catalog / "suites").is_dir():
        env["CONFORMANCE_CATALOG"] = str(catalog)
    return env


def timed_pairs(source: str, mode: str, path: Path, pairs: int) -> list[tuple[float, float]]:
    """(orjson CPU s, harness CPU s) of each pair, in a fresh process of ``source``."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(pairs), mode], check=True,
                          capture_output=True, text=True, env=_env(source))
    return [(float(a), float(b)) for a, b in (line.split() for line in done.stdout.splitlines())]


def cell(pairs: list[tuple[float, float]]) -> str:
    """The median (min–max) of the pairs' ratios; then the ratio of the least CPU each took
    over all pairs, the figure least inflated by other processes on a loaded machine."""
    best = min(h for _, h in pairs) / min(o for o, _ in pairs)
    return f"{spread([h / o for o, h in pairs])}; {best:.2f}"


def peak_rss(source: str, path: Path) -> tuple[float, float]:
    """(peak RSS after the imports, after analysing ``path``) of a fresh process of ``source``, MB."""
    done = subprocess.run([sys.executable, "-c", _RSS_CHILD, str(path)], check=True, capture_output=True, text=True,
                          env=_env(source))
    imported, peak = done.stdout.split()
    return float(imported), float(peak)


def child_cpu(argv: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=False, capture_output=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def capture(device: str, frames: int, path: Path) -> int:
    specs = stream_specs(device)
    rate = sum(s.get("rate_hz") or 0 for s in specs)
    if not rate:
        rate = event_rate(device, [s["id"] for s in specs])
    return write(path, device, frames / rate, only=[s["id"] for s in specs])


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the other source folder (the one with conformance/ in it)")
    parser.add_argument("--after", default=str(ROOT / "src"))
    parser.add_argument("--devices", default="", help="comma separated; default every device class")
    parser.add_argument("--frames", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=2, help="orjson-then-harness pairs per process")
    parser.add_argument("--numpy", action="store_true", help="also this source with NumPy's parser only")
    parser.add_argument("--validate", default="", help="DEVICE:PROFILE, whole conformance validate processes")
    parser.add_argument("--captures", default="", help="a folder where the device captures are kept and reused")
    parser.add_argument("--rss", default="", help="DEVICE:FRAMES:COPIES,... peak RSS of each source")
    parser.add_argument("--only-extra", action="store_true", help="no device table: only --validate / --rss")
    args = parser.parse_args()
    arms = {"before": (args.before, "compiled"), "after": (args.after, "compiled")}
    if args.numpy:
        arms["after, NumPy parser"] = (args.after, "numpy")
    devices = [] if args.only_extra else args.devices.split(",") if args.devices else sorted(DEVICES)
    with tempfile.TemporaryDirectory(prefix="bench-sides-") as tmp:
        print(f"load average {os.getloadavg()}; harness ÷ orjson, CPU: median (min–max) of the "
              f"{args.pairs * args.rounds} pairs' ratios; least harness CPU ÷ least orjson CPU")
        print("| device | frames | MB | " + " | ".join(arms) + " |")
        print("|---|---|---|" + "---|" * len(arms))
        for device in devices:
            path = Path(args.captures or tmp) / f"{device}-{args.frames}.ndjson"
            try:
                if not path.is_file():  # kept across runs with --captures: generating is the slow part
                    capture(device, args.frames, path)
            except HarnessInputError as exc:  # e.g. an events-only device: more than a day for that many
                print(f"| {device} | not generated: {exc} |", flush=True)
                continue
            frames = sum(1 for _ in path.open("rb")) - 1
            got: dict[str, list[tuple[float, float]]] = {name: [] for name in arms}
            for k in range(args.rounds):
                order = list(arms) if k % 2 == 0 else list(reversed(arms))
                for name in order:
                    got[name] += timed_pairs(*arms[name], path, args.pairs)
            cells = " | ".join(cell(got[name]) for name in arms)
            print(f"| {device} | {frames:,} | {path.stat().st_size / 1e6:.0f} | {cells} |", flush=True)
            if not args.captures:
                path.unlink()
        print(f"load average {os.getloadavg()}")
        if args.validate:
            device, profile = args.validate.split(":")
            path = Path(args.captures or tmp) / f"{device}-{args.frames}.ndjson"
            if not path.is_file():
                capture(device, args.frames, path)
            frames = sum(1 for _ in path.open("rb")) - 1
            runs: dict[str, list[float]] = {"orjson only": [], "validate before": [], "validate after": []}
            for k in range(-1, args.rounds):  # round -1 warms each source's catalog cache, untimed
                order = list(runs) if k % 2 == 0 else list(reversed(runs))
                for name in order:
                    if name == "orjson only":
                        cpu = child_cpu([sys.executable, "-c", _ORJSON_ONLY, str(path)], dict(os.environ))
                        if k >= 0:
                            runs[name].append(cpu)
                        continue
                    source = args.before if name.endswith("before") else args.after
                    out = Path(tmp) / f"reports-{name.split()[-1]}-{k}"
                    cpu = child_cpu([sys.executable, "-c", _VALIDATE, "validate", "--profile", profile, "--format",
                                     "json", "--no-progress", "-q", "--out", str(out), str(path)], _env(source))
                    if k >= 0:
                        runs[name].append(cpu)
            print(f"\nwhole processes on {device} ({frames:,} frames), {args.rounds} rounds, CPU s, median (min–max); "
                  f"load average {os.getloadavg()}")
            for name, seconds in runs.items():
                ratio = [a / b for a, b in zip(seconds, runs["orjson only"], strict=True)]
                print(f"  {name:<16} {spread(seconds)} s   ÷ orjson-only process {spread(ratio)}", flush=True)
            if not args.captures:
                path.unlink()
        if args.rss:
            device, size, counts = args.rss.split(":")
            one = Path(tmp) / f"{device}-one.ndjson"
            frames = capture(device, int(size), one)
            print(f"\npeak RSS, MB (after the imports), of {device}, {frames:,} frames "
                  f"({one.stat().st_size / 1e6:.0f} MB), written {counts} times over")
            for count in (int(c) for c in counts.split(",")):
                big = Path(tmp) / f"{device}-{count}.ndjson"
                total = copies(one, count, big)
                cells = []
                for name, (source, mode) in arms.items():
                    if mode == "compiled":
                        imported, peak = peak_rss(source, big)
                        cells.append(f"{name} {peak:.1f} ({imported:.1f})")
                print(f"  {count:>3} copies, {total:>10,} frames, {big.stat().st_size / 1e6:5.0f} MB: "
                      + "; ".join(cells), flush=True)
                big.unlink()

if __name__ == "__main__":
    main()
