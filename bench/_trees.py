"""One module of another source tree, loaded beside this tree's, for benches that measure a change side
by side (``--before TREE``: a ``git archive`` of the base commit)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def module_of(tree: Path, dotted: str, alias: str) -> ModuleType:
    """The module ``dotted`` (``conformance._io.parsing``) of ``tree``'s ``src/``, loaded as ``alias`` in its
    package (so its relative imports are this tree's package: only the module itself is the other tree's)."""
    package, _, _name = dotted.rpartition(".")
    path = tree / "src" / Path(*dotted.split(".")).with_suffix(".py")
    spec = importlib.util.spec_from_file_location(f"{package}.{alias}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def before_and_after(description: str, dotted: str, *, rounds: int) -> tuple[argparse.Namespace, ModuleType,
                                                                              ModuleType]:
    """A side-by-side bench's command line (``--before TREE``, ``--rounds N``) and the module ``dotted`` of the
    other tree and of this one (this tree's ``src/`` put first on the path, for the packages both import)."""
    args = tree_options(description, rounds=rounds).parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    alias = dotted.rpartition(".")[2]
    return args, module_of(args.before, dotted, f"{alias}_before"), module_of(ROOT, dotted, f"{alias}_after")


def tree_options(description: str, *, rounds: int = 3) -> argparse.ArgumentParser:
    """A side-by-side bench's command line: ``--before TREE`` and ``--rounds N``; the bench adds its own."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--before", type=Path, required=True, help="the other source tree")
    parser.add_argument("--rounds", type=int, default=rounds)
    return parser


def rounds_side_by_side(before: Path, rounds: int, measure: Callable[[Path], float], unit: str) -> list[float]:
    """``measure(tree)`` of the other tree, then of this one, ``rounds`` times, each round printed with its
    ratio this ÷ the other (load shifts between rounds, rarely within one); the ratios, then min / median /
    max of them and the load average, printed."""
    from spread import spread  # bench/'s helper: the benches put bench/ on the path

    print(f"load average before: {os.getloadavg()[0]:.1f}")
    ratios = []
    for number in range(1, rounds + 1):
        other, this = measure(before.resolve()), measure(ROOT)
        ratios.append(this / other)
        print(f"round {number}: before {other:.2f}, after {this:.2f} {unit}; ratio {ratios[-1]:.2f}")
    print(f"after ÷ before, min / median / max of {rounds} rounds: {spread(ratios)}; "
          f"load average now {os.getloadavg()[0]:.1f}")
    return ratios


def child_output(tree: Path, code: str, *args: str, env: dict[str, str] | None = None) -> str:
    """The standard output of ``python -c code args`` run in ``tree`` with its ``src/`` on ``PYTHONPATH`` (and
    ``env`` added): a bench's measurement made in a process of the tree's own; a failed child ends the bench
    with the tail of its standard error."""
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=tree, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(tree / "src"), **(env or {})})
    if done.returncode != 0:
        raise SystemExit(f"{tree}: the measuring child exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def child_json(tree: Path, code: str, *args: str, env: dict[str, str] | None = None) -> Any:
    """The JSON value on the last line :func:`child_output` prints (what came before it is the child's chatter)."""
    return json.loads(child_output(tree, code, *args, env=env).strip().splitlines()[-1])
