"""Do two sources of the harness analyse terminal captures alike? (run by hand, never from the
test suite; issue 28: a faster reader must give the same verdicts, findings and reports).

    PYTHONPATH=src python bench/terminal_same.py --before /work/main/src [--seconds 4] [--seeds 1,2]
        [--devices bci_headset,display_lab_headset]

With this source's generator it writes, into a temporary folder, a capture of every device
class (or of --devices), clean and with each fault that fits it (``conformance generate``'s
faults, one per capture), for each seed. Each capture is analysed by both sources, each in a
process of its own (``PYTHONPATH`` set to the source), twice: with the reader's default chunks
and with small ones (700 lines, 16 KB blocks), so that many chunk boundaries fall inside
runs, windows and arrays. What is compared is everything the suite reads from an analysis:
each log's detailed findings in order and its total, every stream's statistics and the state
its checks carried across chunks (a luminance trace's windows as TD-DISP-005 reads them:
counts, worst and most modulated window; :func:`judged_windows`), the lines read, what was
checked (not the chart buckets, which no verdict reads). A capture whose digests
differ is printed with the parts that differ; the exit status is 1 if any does.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: a stream's chart buckets (issue 31): what the report draws, never what a verdict reads; a
#: source from before them has none
CHART_FIELDS = ("interval_chart", "position_chart")
CONFIGS = {"default": {}, "small": {"chunk_lines": 700, "block_bytes": 1 << 14}}


def canonical(value: Any, depth: int = 0) -> Any:
    """A JSON-able form of an analysis, exact: floats by repr (NaN, -0.0 told apart), arrays by
    dtype, shape and bytes."""
    if depth > 40:
        return "<deep>"
    import numpy as np

    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, np.ndarray):
        return ["ndarray", str(value.dtype), list(value.shape),
                hashlib.sha256(np.ascontiguousarray(value).tobytes()).hexdigest()]
    if isinstance(value, np.generic):
        return canonical(value.item(), depth + 1)
    if isinstance(value, dict):
        return [[canonical(k, depth + 1), canonical(v, depth + 1)] for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [canonical(v, depth + 1) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(json.dumps(canonical(v, depth + 1)) for v in value)
    if type(value).__name__ == "TraceState":  # TD-DISP-005's state: its windows as the suite reads them
        kept = {f.name: canonical(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value)
                if f.name not in ("windows", "tally", "kept")}
        return ["TraceState", {**kept, "judged": canonical(judged_windows(value), depth + 1)}]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, {f.name: canonical(getattr(value, f.name), depth + 1)
                                       for f in dataclasses.fields(value) if f.name not in CHART_FIELDS}]
    fields = getattr(value, "__struct_fields__", None)  # msgspec structs
    if fields is not None:
        return [type(value).__name__, {name: canonical(getattr(value, name), depth + 1) for name in fields}]
    if hasattr(value, "__dict__"):
        return [type(value).__name__, canonical(vars(value), depth + 1)]
    if callable(value):
        return f"<{type(value).__name__}>"
    return [type(value).__name__, repr(value)]


def judged_windows(state: Any) -> Any:
    """What R3 of TD-DISP-005 reads of a trace's windows (flicker.Judged, None before the first),
    so far and once the trace is finished (on a copy): a source that keeps the list of windows
    judges it, one that keeps a running tally (bounded memory) gives the tally's. The counts,
    the worst and the most modulated window are what the suite reports; the windows in
    between are not compared one by one."""
    import copy

    from conformance.areas.terminal import flicker

    def judged(state: Any) -> Any:
        tally = getattr(state, "tally", None)
        if tally is not None:
            return tally.judged()
        return flicker.judge(state.windows) if state.windows else None

    ended = copy.deepcopy(state)
    ended.finish()  # as the suite does before it judges: the last run's rest too
    return [judged(state), judged(ended)]


def digests(paths: list[str]) -> None:
    """Child: for each capture and configuration, the digest of each part of its analysis."""
    from conformance.areas.terminal import analyse

    for path in paths:
        for name, options in CONFIGS.items():
            with open(path, "rb") as f:
                result = analyse(f, **options)
            parts = {
                "logs": {rule: [[str(f) for f in log.detailed], canonical(log.detailed), log.total]
                         for rule, log in result.logs.items()},
                "streams": canonical(result.streams),
                "rest": [result.lines, result.header_usable, result.exported, canonical(result.checked),
                         canonical(result.volume)],
            }
            print(json.dumps({"path": path, "config": name, **{
                k: hashlib.sha256(json.dumps(v, sort_keys=True).encode()).hexdigest() for k, v in parts.items()}}))


def analysed(source: str, paths: list[str]) -> dict[tuple[str, str], dict[str, str]]:
    out = subprocess.run([sys.executable, __file__, "--digest", *paths], check=True, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": source, "OPENBLAS_NUM_THREADS": "1"})
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    return {(r.pop("path"), r.pop("config")): r for r in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", help="the other source folder (the one with conformance/ in it)")
    parser.add_argument("--after", default=str(ROOT / "src"))
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--seeds", default="1")
    parser.add_argument("--devices", default="", help="comma separated; default every device class")
    parser.add_argument("--digest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.digest is not None:
        digests(args.digest)
        return
    if not args.before:
        parser.error("--before is required")
    from conformance.areas.terminal.generate import faults
    from conformance.areas.terminal.generate.capture import check_arguments, write
    from conformance.areas.terminal.generate.device import DEVICES
    from conformance.errors import HarnessInputError

    devices = args.devices.split(",") if args.devices else sorted(DEVICES)
    with tempfile.TemporaryDirectory(prefix="terminal-same-") as tmp:
        paths: list[str] = []
        unmade: list[str] = []  # combinations the generator fails on
        for device in devices:
            for fault in [None, *faults.FAULTS]:
                planted = [fault] if fault else []
                try:
                    check_arguments(device, args.seconds, planted)
                except HarnessInputError:
                    continue
                for seed in (int(s) for s in args.seeds.split(",")):
                    path = Path(tmp) / f"{device}--{fault or 'clean'}--{seed}.ndjson"
                    try:
                        write(path, device, args.seconds, planted, seed=seed)
                    except (KeyError, IndexError, ValueError) as exc:  # the generator's, not the reader's
                        unmade.append(f"{path.name}: {type(exc).__name__} {exc}")
                        continue
                    paths.append(str(path))
        before, after = analysed(args.before, paths), analysed(args.after, paths)
        differ = [(key, [part for part in before[key] if before[key][part] != after.get(key, {}).get(part)])
                  for key in before if before[key] != after.get(key)]
        findings = sum(1 for p in paths if "--clean--" not in p)
        print(f"{len(paths)} captures ({len(devices)} device classes, {findings} with a planted fault, "
              f"{args.seconds} s each), {len(CONFIGS)} chunkings: {len(before)} analyses each side, "
              f"{len(differ)} differ")
        for line in unmade:
            print(f"  not generated: {line}")
        for (path, config), parts in differ:
            print(f"  DIFFER {Path(path).name} [{config}]: {', '.join(parts)}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
