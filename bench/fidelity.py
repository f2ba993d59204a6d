"""Agreement of the harness's verdicts with the field's own expectations, per corpus.

Each area that keeps a corpus of real artefacts (``tests/corpora/<area>/``) provides a
module ``bench/fidelity_<area>.py`` with one function::

    def measure() -> list[dict]:
        # one dict per corpus:
        # {"corpus": str, "total": int, "agree": int,
        #  "disagreements": [{"item": str, "expected": str, "actual": str, "reason": str}]}

This driver finds those modules, runs them, and prints per corpus the agreement (as a
share of the corpus) and every disagreement with its reason. The same ``measure()`` is
what the tests call to hold agreement at its recorded level.

    python bench/fidelity.py [--area identity] [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def area_modules(only: str | None = None) -> dict[str, ModuleType]:
    """The ``fidelity_<area>`` modules beside this file, loaded by path, by area name."""
    found: dict[str, ModuleType] = {}
    for path in sorted(HERE.glob("fidelity_*.py")):
        area = path.stem.removeprefix("fidelity_")
        if only and area != only:
            continue
        spec = importlib.util.spec_from_file_location(f"bench_fidelity_{area}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found[area] = module
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--area", help="only this area (identity, assets, ...)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    modules = area_modules(args.area)
    if not modules:
        print(f"no fidelity module for area {args.area!r} in {HERE.name}/", file=sys.stderr)
        return 2
    results = {area: module.measure() for area, module in modules.items()}
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    for area, corpora in results.items():
        for corpus in corpora:
            total, agree = corpus["total"], corpus["agree"]
            share = 100.0 * agree / total if total else 0.0
            print(f"{area:9} {corpus['corpus']:40} {agree:5}/{total:<5} {share:6.1f} % agreement")
            for miss in corpus["disagreements"]:
                print(f"    {miss['item']}: expected {miss['expected']}, got {miss['actual']}"
                      f" — {miss['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
