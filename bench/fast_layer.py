"""The README's fast-layer figure from a cold clone: the test command run twice, cold then warm.

    python bench/fast_layer.py                      # a fresh venv: pip install -e ".[test]" (minutes)
    python bench/fast_layer.py --venv .venv         # reuse a built venv; the clone's own sources come first on sys.path
    python bench/fast_layer.py --venv .venv -- -x   # further pytest arguments after --

Clones this repository's committed HEAD (``git clone --no-hardlinks``) into a temporary
folder, with ``TMPDIR``, ``XDG_CACHE_HOME`` and ``CONFORMANCE_CACHE_DIR`` pointing at empty
folders of its own, then runs the README's fast-layer command there twice:

- **cold**: the first run. No ``__pycache__`` in the clone, no byte-code folder of the test
  session (``tests/bytecode.py``: under ``TMPDIR``), no catalog cache, no ``.pytest_cache``,
  no hypothesis database;
- **warm**: the same command again, with whatever the first run left.

With ``--venv`` the installed packages (and their byte code) are the given venv's, and the
clone is put first on ``PYTHONPATH`` (an editable install points elsewhere); the git-ignored
vendored validators (``src/conformance/areas/*/_vendor``) are copied from this checkout,
as a fresh clone lacks them. Without it a fresh venv is made and the package installed with
its test extras, as ``.ci/run`` does (the install is timed apart).

Prints each run's pytest summary line, wall seconds and CPU seconds (pytest and every process
it waited for), and the load average before and after: on a shared machine compare CPU.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the README's fast-layer command (README.md, "Install with the test extras")
FAST = ["-m", "pytest", "-n", "auto", "-m", "not slow"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str, int]:
    """(wall seconds, CPU seconds of the command and its waited-for children, last line, exit code)."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return wall, _children_cpu() - cpu, lines[-1] if lines else "(no output)", done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, help="an existing venv with the test extras (default: build one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary clone and print where it is")
    args, extra = parser.parse_known_args()
    extra = [a for a in extra if a != "--"]
    work = Path(tempfile.mkdtemp(prefix="fast-layer-"))
    try:
        repo = work / "repo"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(repo)], check=True)
        for folder in (work / "tmp", work / "cache"):
            folder.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX", "PYTEST_ADDOPTS")}
        env.update(TMPDIR=str(work / "tmp"), XDG_CACHE_HOME=str(work / "cache"),
                   CONFORMANCE_CACHE_DIR=str(work / "cache" / "conformance"))
        setup = ""
        if args.venv:
            python = str(args.venv.resolve() / "bin" / "python")
            env["PYTHONPATH"] = str(repo / "src")
            for vendor in (ROOT / "src" / "conformance" / "areas").glob("*/_vendor"):
                shutil.copytree(vendor, repo / vendor.relative_to(ROOT))
            setup = f"venv reused: {args.venv} (clone first on PYTHONPATH, vendored validators copied)"
        else:
            venv = repo / ".venv"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            python = str(venv / "bin" / "python")
            subprocess.run([python, "-m", "pip", "install", "-q", "-e", ".[test]"], cwd=repo, env=env, check=True)
            setup = f"fresh venv: python -m venv + pip install -e '.[test]' took {time.perf_counter() - started:.0f} s"
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True)
        print(f"clone of {head.stdout.strip()} in {repo}; {setup}")
        print(f"command: {' '.join([python, *FAST, *extra])}")
        code = 0
        for name in ("cold", "warm"):
            before = os.getloadavg()
            wall, cpu, summary, code = _timed([python, *FAST, *extra], repo, env)
            after = os.getloadavg()
            print(f"{name}: {wall:6.1f} s wall, {cpu:6.1f} s CPU  | {summary} | load {before[0]:.1f} -> {after[0]:.1f}")
        return code
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
