"""Benchmark of terminal capture validation (run by hand, never from the test suite).

    PYTHONPATH=src python bench/terminal.py [--sizes 100000,1000000] [--repeat 3] [--mixed] [--device D] [--copies K]

For each size it generates a head-pose capture (``conformance generate``'s vr_headset
head stream, 90 Hz; with --mixed, every stream of the vr_headset: head, controllers,
26-joint hands, gaze, face, haptics; with --device, every stream of another device class,
e.g. bci_headset, spatial_audio_headset, haptic_arm, display_headset, voice_headset,
standalone_headset, tracking_rig) and measures, side by
side in one run on that same file:

- orjson: parse the file line by line into dicts, nothing else (the floor any Python
  reader pays);
- harness: ``conformance.areas.terminal.analyse``, everything the terminal suite checks;
- orjson+numpy: the naive columnar approach (dicts, then lists, then NumPy checks), head
  poses only;
- arrow: pyarrow's NDJSON reader into columns, when pyarrow is installed, head poses only;
- jsonschema: python-jsonschema validating each frame against schemas/terminal/frame.json
  (on the first --schema-frames frames, scaled to the whole file);

and the peak RSS of a fresh process that analyses the file. Goals (issue 17): harness ÷
orjson ≤ 1.0 for head poses and ≤ 1.3 mixed; (issue 28) ≤ 1.5 for the streams of another
device class; (issue 6) jsonschema ÷ harness ≥ 30, RSS
growth from the smallest to the largest size < 50 MB. The approaches are interleaved in
each of --repeat rounds; each ratio is taken within a round (the machine is shared), and
min / median / max over the rounds are printed with the load average.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import orjson
from spread import spread

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.generate.device import DEVICES, stream_specs

ROOT = Path(__file__).resolve().parents[1]
DEVICE = "vr_headset"


def orjson_only(path: Path) -> None:
    with path.open("rb") as f:
        for line in f:
            orjson.loads(line)


def harness(path: Path) -> None:
    with path.open("rb") as f:
        result = analyse(f)
    assert not any(log.total for log in result.logs.values()), "the benchmark capture should be clean"


def orjson_numpy(path: Path, chunk: int = 50_000) -> None:
    """Dicts, then Python lists, then NumPy: what the harness does not do."""
    with path.open("rb") as f:
        f.readline()
        rows: list[list[float]] = []
        for line in f:
            d = orjson.loads(line)
            o, p = d["pose"]["orientation"], d["pose"]["position"]
            rows.append([d["t"], o["x"], o["y"], o["z"], o["w"], p["x"], p["y"], p["z"], d.get("flags", 3)])
            if len(rows) >= chunk:
                _numpy_checks(np.array(rows))
                rows = []
        if rows:
            _numpy_checks(np.array(rows))


def _numpy_checks(a: np.ndarray) -> None:
    np.diff(a[:, 0])
    np.abs(np.sqrt((a[:, 1:5] ** 2).sum(axis=1)) - 1)


def arrow(path: Path) -> None:
    import pyarrow.json as pj

    with path.open("rb") as f:
        f.readline()
        reader = pj.open_json(f, read_options=pj.ReadOptions(block_size=1 << 22))
        for batch in reader:
            o = batch.column("pose").field("orientation")
            q = np.stack([o.field(a).to_numpy(zero_copy_only=False) for a in "xyzw"], axis=1)
            np.abs(np.sqrt((q * q).sum(axis=1)) - 1)


def jsonschema_frames(path: Path, limit: int) -> tuple[float, int]:
    from conformance import load_catalog

    schemas = load_catalog().schemas
    validator = schemas.validator("https://metaverse-conformance.org/schemas/terminal/frame.json")
    count = 0
    started = time.perf_counter()
    with path.open("rb") as f:
        f.readline()
        for line in f:
            validator.validate(orjson.loads(line))
            count += 1
            if count >= limit:
                break
    return time.perf_counter() - started, count


_RSS_CHILD = """
import sys
# The peak RSS of a forked child starts at its parent's (it survives exec): reset it first.
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")
from conformance.areas.terminal import analyse

def peak():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024

imported = peak()
with open(sys.argv[1], "rb") as f:
    analyse(f)
print(imported, peak())
"""


def peak_rss_mb(path: Path) -> tuple[float, float]:
    """(peak RSS after the imports, peak RSS after analysing ``path``) of a fresh process, MB."""
    out = subprocess.run([sys.executable, "-c", _RSS_CHILD, str(path)], check=True, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT / "src")})
    imported, peak = out.stdout.split()
    return float(imported), float(peak)


def copies(path: Path, count: int, out: Path) -> int:
    """``path``'s frames written ``count`` times into ``out``, each copy later by the span of
    the one before (a long clean capture, without generating it frame by frame); frames."""
    header, _, body = path.read_bytes().partition(b"\n")
    frames = body.rstrip(b"\n").split(b"\n")
    stamp = re.compile(rb'"t":(-?\d+)')
    first, last = (int(stamp.search(frames[k]).group(1)) for k in (0, -1))  # type: ignore[union-attr]
    span = last - first + 4_000_000  # one EEG period (250 Hz) after the last frame
    with out.open("wb") as f:
        f.write(header + b"\n")
        for k in range(count):
            shift = k * span
            f.writelines(stamp.sub(lambda m: b'"t":%d' % (int(m.group(1)) + shift), line) + b"\n"  # noqa: B023
                         for line in frames)
    return count * len(frames)


def best(runs: dict[str, list[float]], name: str, fn: Callable[[], object]) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    fn()
    runs.setdefault(name, []).append(time.perf_counter() - started)
    # CPU time too: on a shared machine other processes stretch wall time, far less CPU time.
    runs.setdefault(f"{name} cpu", []).append(time.process_time() - cpu)


def event_rate(device: str, only: list[str], seconds: float = 60.0) -> float:
    """Frames a second ``generate`` writes for a device whose streams have no rate (events
    only), from a probe capture of ``seconds``: sizes are frame counts, seconds = size ÷ rate."""
    with tempfile.TemporaryDirectory(prefix="bench-terminal-probe-") as tmp:
        frames = write(Path(tmp) / "probe.ndjson", device, seconds, only=only)
    if frames <= 0:
        sys.exit(f"bench/terminal.py: {device} writes no frames in {seconds:g} s; nothing to measure")
    return frames / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="frame counts, comma separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--schema-frames", type=int, default=50_000)
    parser.add_argument("--mixed", action="store_true", help="every stream of the device, not only head poses")
    parser.add_argument("--copies", type=int, default=0,
                        help="also the peak RSS on the largest size's capture written this many times over "
                             "(e.g. 10 x 1 080 000 EEG frames: about 1 GB)")
    parser.add_argument("--device", default=DEVICE, choices=sorted(DEVICES),
                        help=f"the device class whose streams are measured (default {DEVICE}; another implies --mixed)")
    args = parser.parse_args()
    device = args.device
    args.mixed = args.mixed or device != DEVICE
    try:
        import pyarrow  # noqa: F401

        has_arrow = not args.mixed
    except ImportError:
        has_arrow = False
    specs = stream_specs(device) if args.mixed else [s for s in stream_specs(device) if s["id"] == "head"]
    rate = sum(s.get("rate_hz") or 0 for s in specs)
    if not rate:  # event-only devices (haptic_vest, olfactory_device): count what a probe writes
        rate = event_rate(device, [s["id"] for s in specs])
    what = f"mixed {device}" if args.mixed else "head-pose"
    rss: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-terminal-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"capture-{size}.ndjson"
            frames = write(path, device, size / rate, only=[s["id"] for s in specs])
            mb = path.stat().st_size / 1e6
            runs: dict[str, list[float]] = {}
            for _ in range(args.repeat):
                best(runs, "orjson", lambda: orjson_only(path))  # noqa: B023
                best(runs, "harness", lambda: harness(path))  # noqa: B023
                if not args.mixed:
                    best(runs, "orjson+numpy", lambda: orjson_numpy(path))  # noqa: B023
                if has_arrow:
                    best(runs, "arrow", lambda: arrow(path))  # noqa: B023
            t = {name: min(v) for name, v in runs.items()}
            schema_s, checked = jsonschema_frames(path, args.schema_frames)
            schema_total = schema_s * frames / checked
            imported, rss[size] = peak_rss_mb(path)
            goal = 1.5 if device != DEVICE else 1.3 if args.mixed else 1.0
            print(f"\n{frames:,} {what} frames ({mb:.0f} MB), {args.repeat} rounds; load average {os.getloadavg()}")
            print(f"  {'':14} {'seconds min / median / max':>28}   {'÷ orjson (same round) min / median / max':>42}")
            for name, seconds in runs.items():
                if name.endswith(" cpu"):
                    continue
                ratios = [a / b for a, b in zip(seconds, runs["orjson"], strict=True)]
                print(f"  {name:<14} {spread(seconds, 3):>28}   {spread(ratios, 2):>42}")
            print(f"  {'jsonschema':<14} {schema_total:7.3f} s   (measured on {checked:,} frames, scaled)")
            medians = statistics.median(runs["harness"]) / statistics.median(runs["orjson"])
            print(f"  harness ÷ orjson      = {medians:.2f}   (medians; goal <= {goal})")
            cpu = [a / b for a, b in zip(runs["harness cpu"], runs["orjson cpu"], strict=True)]
            print(f"  … in CPU time         = {spread(cpu, 2)}   (min / median / max of the rounds)")
            print(f"  jsonschema ÷ harness  = {schema_total / t['harness']:.1f}   (goal >= 30)")
            print(f"  peak RSS analysing it = {rss[size]:.1f} MB ({imported:.1f} MB after the imports)")
        if args.copies:
            big = Path(tmp) / "copies.ndjson"
            count = copies(path, args.copies, big)
            imported, peak = peak_rss_mb(big)
            print(f"\n{count:,} frames ({big.stat().st_size / 1e6:.0f} MB, {args.copies} copies): "
                  f"peak RSS {peak:.1f} MB ({imported:.1f} MB after the imports)")
    sizes = sorted(rss)
    if len(sizes) > 1:
        print(f"\npeak RSS growth {sizes[0]:,} -> {sizes[-1]:,} frames: {rss[sizes[-1]] - rss[sizes[0]]:+.1f} MB "
              "(goal < 50 MB)")


if __name__ == "__main__":
    main()
