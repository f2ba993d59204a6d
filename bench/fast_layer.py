"""The fast-layer figure (bench/README.md) from a cold clone: the test command run twice, cold then warm.

    python bench/fast_layer.py                      # a fresh venv: pip install -e ".[test]" (minutes)
    python bench/fast_layer.py --venv .venv         # reuse a built venv; the clone's own sources come first on sys.path
    python bench/fast_layer.py --venv .venv -- -x   # further pytest arguments after --

Clones this repository's committed HEAD (``git clone --no-hardlinks``) into a temporary
folder, with ``TMPDIR``, ``XDG_CACHE_HOME`` and ``CONFORMANCE_CACHE_DIR`` pointing at empty
folders of its own, then runs docs/development.md's fast-layer command there twice:

- **cold**: the first run. No ``__pycache__`` in the clone, no byte-code folder of the test
  session (``tests/bytecode.py``: under ``TMPDIR``), no catalog cache, no ``.pytest_cache``,
  no hypothesis database;
- **warm**: the same command again, with whatever the first run left.

With ``--venv`` the installed packages (and their byte code) are the given venv's, and the
clone is put first on ``PYTHONPATH`` (an editable install points elsewhere); the git-ignored
vendored validators (``src/conformance/areas/*/_vendor``) are copied from this checkout,
as a fresh clone lacks them. Without it a fresh venv is made and the package installed with
its test extras, as ``.ci/run`` does (the install is timed apart).

Prints each run's failed tests and pytest summary line (``--log DIR`` keeps the whole
output), wall seconds and CPU seconds (pytest and every process it waited for), and the
load average before and after: on a shared machine compare CPU.
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
#: the fast-layer command (docs/development.md, "The harness's own tests")
FAST = ["-m", "pytest", "-n", "auto", "-m", "not slow"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> tuple[float, float, list[str], int]:
    """(wall seconds, CPU seconds of the command and its waited-for children, pytest's summary
    line after the tests that failed, exit code); the whole output goes to ``log``."""
    cpu, started = _children_cpu(), time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.perf_counter() - started
    lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    failed = [line for line in lines if line.startswith(("FAILED ", "ERROR "))]
    return wall, _children_cpu() - cpu, [*failed, lines[-1] if lines else "(no output)"], code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, help="an existing venv with the test extras (default: build one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary clone and print where it is")
    parser.add_argument("--log", type=Path, help="a folder to keep each run's whole output in (fast-layer-cold.log...)")
    args, extra = parser.parse_known_args()
    extra = [a for a in extra if a != "--"]
    # No "-" in the name: the specification's renderer splits a path holding "-_" when it marks
    # it as code, and a test compares that rendering with the path (tests/drafting/test_tools.py).
    work = Path(tempfile.mkdtemp(prefix="fastlayer"))
    work.chmod(0o755)  # the database tests run initdb as the postgres user, under TMPDIR
    if args.log:
        args.log.mkdir(parents=True, exist_ok=True)
    try:
        repo = work / "repo"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(repo)], check=True)
        for folder in (work / "tmp", work / "cache"):
            folder.mkdir()
        (work / "tmp").chmod(0o1777)  # as /tmp
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
            log = (args.log or work) / f"fast-layer-{name}.log"
            wall, cpu, summary, code = _timed([python, *FAST, *extra], repo, env, log)
            after = os.getloadavg()
            for line in summary[:-1]:
                print(f"  {line}")
            print(f"{name}: {wall:6.1f} s wall, {cpu:6.1f} s CPU  | {summary[-1]} "
                  f"| load {before[0]:.1f} -> {after[0]:.1f}", flush=True)
        return code
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
