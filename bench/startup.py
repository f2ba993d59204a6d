"""Start-up cost, measured side by side in one run (this machine is shared and noisy).

Prints, for each probe, the median over ROUNDS of:
- the cumulative import time of the module (``python -X importtime``), as a ratio to
  ``import pytest`` measured in the same round;
- the CPU time (user + system) of a whole process, for ``conformance --version``, a bad
  argument, and ``python -c "import pytest, conformance.plugin"`` against ``import pytest``.

    python bench/startup.py [--rounds 5]

What the issue asks: `--version` and a bad argument under 0.3 s of CPU; importing the
plugin under 0.15 s more than `import pytest`.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys

PYTHON = sys.executable
CLI = [PYTHON, "-m", "conformance.cli"]


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


def cpu_seconds(command: list[str]) -> float:
    """User + system CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, capture_output=True, check=False, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    imports: dict[str, list[float]] = {m: [] for m in ("pytest", "conformance.plugin", "conformance.cli",
                                                       "conformance.engine")}
    cpu: dict[str, list[float]] = {k: [] for k in ("import pytest", "import pytest + plugin", "--version",
                                                   "bad argument")}
    for _ in range(rounds):
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


if __name__ == "__main__":
    main()
