"""Start-up cost, measured side by side in one run (this machine is shared and noisy).

Prints, for each probe, the median over ROUNDS of:
- the cumulative import time of the module (``python -X importtime``), as a ratio to
  ``import pytest`` measured in the same round;
- the CPU time (user + system) of a whole process, for ``conformance --version``, a bad
  argument, and ``python -c "import pytest, conformance.plugin"`` against ``import pytest``;
- the wall time of validating one small file (``conformance validate --profile
  identity-document`` on one sample DID document), with the catalog cache warm and with it
  off (``CONFORMANCE_CACHE_DIR=off``), as a ratio to ``python -c "import pytest"`` in the
  same round; min / median / max over the rounds, and the load average.

    python bench/startup.py [--rounds 5] [--before FOLDER]

``--before FOLDER``: also validate with the harness of another checkout (``FOLDER/src`` on
``PYTHONPATH``, its own catalog), in the same rounds, interleaved: e.g. the main branch's
source from ``git archive <commit> src suites schemas profiles | tar -x -C FOLDER``. The CPU
time of validating is printed too (user + system of the whole process, as a ratio to that of
``import pytest``): other processes on a shared machine disturb it less than the wall time.

Issue 31's goal: validating one DID document <= 3x ``python -c "import pytest"`` in CPU time
(the last table). What such a run does not spend since: parsing the catalog files its profile
does not name (``load_catalog(lazy=True)``, :mod:`conformance._catalog.files`; the digest still
hashes every file), and the garbage collector's walks over what the start made (the command
imports with the collector paused, then freezes that heap; ``conformance.cli._startup_heap``).
Which files a run parses is asserted in ``tests/_catalog/test_lazy.py``, which modules it
imports in ``tests/house/test_startup_imports.py``; the time only here.

Both trees are byte-compiled first (``compileall``), as an installed package is (pip
compiles it) and as a checkout is after its first run: pytest's own modules are, and a
source tree left uncompiled (``PYTHONDONTWRITEBYTECODE`` set, as on the development machine)
would charge every start ~0.15 s for compiling the harness's 60-odd modules.

What the issues ask: `--version` and a bad argument under 0.3 s of CPU; importing the
plugin under 0.15 s more than `import pytest` (issue 10); validating one small file
≤ 0.6 s wall on an idle machine (issue 17).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compiled import compile_tree
from spread import spread

PYTHON = sys.executable
CLI = [PYTHON, "-m", "conformance.cli"]
ROOT = Path(__file__).resolve().parents[1]


def import_time_us(module: str) -> int:
    """Cumulative microseconds `python -X importtime -c "import MODULE"` reports for it."""
    done = subprocess.run([PYTHON, "-X", "importtime", "-c", f"import {module}"],
                          capture_output=True, text=True, check=True)
    pattern = re.compile(rf"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s*{re.escape(module)}$")
    for line in done.stderr.splitlines():
        found = pattern.search(line)
        if found:
            return int(found.group(1))
    raise RuntimeError(f"no import time for {module}")


def cpu_seconds(command: list[str], **env: str) -> float:
    """User + system CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, capture_output=True, check=False,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **env}, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


SAMPLE = "src/conformance/reference/samples/did_documents/did-key-ed25519.json"


def wall_seconds(command: list[str], **env: str) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **env}, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another checkout to compare with (FOLDER/src)")
    options = parser.parse_args()
    rounds = options.rounds
    imports: dict[str, list[float]] = {m: [] for m in ("pytest", "conformance.plugin", "conformance.cli",
                                                       "conformance._run.engine")}
    cpu: dict[str, list[float]] = {k: [] for k in ("import pytest", "import pytest + plugin", "--version",
                                                   "bad argument")}
    validate = [*CLI, "validate", "--profile", "identity-document", "--format", "json", "--no-progress",
                "--out", str(Path(tempfile.mkdtemp(prefix="bench-startup-")) / "out"), str(ROOT / SAMPLE)]
    # name -> extra environment of a validate run
    runs: dict[str, dict[str, str]] = {"validate (cache warm)": {},
                                       "validate (cache off)": {"CONFORMANCE_CACHE_DIR": "off"}}
    if options.before:
        before = {"PYTHONPATH": str(options.before.resolve() / "src")}
        runs = {"before: validate (cache warm)": before, **runs}
    wall: dict[str, list[float]] = {k: [] for k in ("import pytest", *runs)}
    validate_cpu: dict[str, list[float]] = {k: [] for k in ("import pytest", *runs)}
    for tree in (ROOT, *([options.before] if options.before else [])):
        compile_tree(tree)
    for env in runs.values():
        wall_seconds(validate, **env)  # fills the catalog cache
    for _ in range(rounds):
        wall["import pytest"].append(wall_seconds([PYTHON, "-c", "import pytest"]))
        validate_cpu["import pytest"].append(cpu_seconds([PYTHON, "-c", "import pytest"]))
        for name, env in runs.items():
            wall[name].append(wall_seconds(validate, **env))
            validate_cpu[name].append(cpu_seconds(validate, **env))
        for module in imports:
            imports[module].append(import_time_us(module) / 1e6)
        cpu["import pytest"].append(cpu_seconds([PYTHON, "-c", "import pytest"]))
        cpu["import pytest + plugin"].append(cpu_seconds([PYTHON, "-c", "import pytest, conformance.plugin"]))
        cpu["--version"].append(cpu_seconds([*CLI, "--version"]))
        cpu["bad argument"].append(cpu_seconds([*CLI, "--no-such-option"]))

    base = statistics.median(imports["pytest"])
    print(f"import time, median of {rounds} rounds (ratio to `import pytest` in the same rounds)")
    for module, values in imports.items():
        value = statistics.median(values)
        print(f"  {module:<22} {value * 1000:8.1f} ms   {value / base:5.2f} x pytest")
    base_cpu = statistics.median(cpu["import pytest"])
    print("process CPU time (user + system), median")
    for name, values in cpu.items():
        value = statistics.median(values)
        print(f"  {name:<22} {value:6.3f} s    {value - base_cpu:+6.3f} s vs import pytest")
    print(f"wall time, min / median / max of {rounds} rounds; load average {os.getloadavg()}")
    for name, values in wall.items():
        ratios = [v / b for v, b in zip(values, wall["import pytest"], strict=True)]
        print(f"  {name:<30} {spread(values, 3, width=6)} s   {spread(ratios, 3, width=6)} x import pytest")
    print("process CPU time of validating (user + system), min / median / max; each round's ratio to `import pytest`")
    for name, values in validate_cpu.items():
        ratios = [v / b for v, b in zip(values, validate_cpu["import pytest"], strict=True)]
        print(f"  {name:<30} {spread(values, 3, width=6)} s   {spread(ratios, 3, width=6)} x import pytest")
    print("  goals: validate one small file <= 0.6 s wall on an idle machine (issue 17); <= 3x import pytest "
          "(issue 31)")


if __name__ == "__main__":
    main()
