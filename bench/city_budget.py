"""The geometry budget of the city models as a count (issue 76): how many polygons the
generated CityJSON models hold, up to the size of issue 48's 110 MB model, and the CPU the
geometric validation (:func:`conformance.areas.scenes.solids.validate`, every level, no budget)
spends per polygon on them, in one run, beside the default of ``geometry_budget_polygons``.

The CPU per polygon is information about this machine, not a requirement: the budget is a count
of the model, so the set of geometries judged does not depend on it (``tests/areas/scenes``).

    python bench/city_budget.py [--objects 2000,20000] [--count 143568]

``--objects``: Buildings of the models validated (each with every defect planted, as
``bench/scenes.py`` writes them), then the repository's own city models together; ``--count``:
Buildings of a model whose polygons are only counted (143 568 make bench/scenes.py's 110 MB model
of 157 926 City Objects).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import orjson
import yaml

from conformance.areas.scenes import cityjson, synthetic
from conformance.areas.scenes.formed import well_formed_geometries
from conformance.areas.scenes.solids import Tolerances, validate

ROOT = Path(__file__).resolve().parents[1]


def budget() -> int:
    profile = yaml.safe_load((ROOT / "profiles/scene-cityjson.yaml").read_text(encoding="utf-8"))
    return int(profile["parameters"]["geometry_budget_polygons"]["default"])


def polygons_of(data: dict[str, object]) -> int:
    """The polygons of the model's well-formed City Object geometries (what the budget counts;
    the synthetic models' templates add a handful)."""
    vertices = len(data["vertices"])  # type: ignore[arg-type]
    return sum(len(g.surfaces) + sum(len(shell) for solid in g.solids for shell in solid)
               for g in well_formed_geometries(data, vertices))  # type: ignore[arg-type]


def corpus(default: int) -> None:
    """The repository's own city models (the known-bad fixtures and the reference samples), all
    together: the largest holds a few dozen polygons, so this row is mostly per-file overhead."""
    paths = sorted((ROOT / "suites/scenes/fixtures/city").glob("*.city.json"))
    paths += sorted((ROOT / "src/conformance/reference/samples/city_models").glob("*.city.json"))
    models = [orjson.loads(path.read_bytes()) for path in paths]
    models = [data for data in models if cityjson.is_city_model(data)]
    start = time.process_time()
    reports = [validate(data, Tolerances(), budget_polygons=default) for data in models]
    cpu = time.process_time() - start
    polygons = sum(report.polygons for report in reports)
    largest = max(report.polygons for report in reports)
    stopped = sum(report.stopped for report in reports)
    print(f"{'corpus':>9} {len(models):>9} files {polygons:>10,} {cpu:>7.2f} {cpu / polygons * 1e6:>10.1f} "
          f"{default / largest:>17.1f} {'all' if not stopped else f'{stopped} stopped':>7}  (largest file: {largest})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", default="2000,20000", help="Buildings of the models validated")
    parser.add_argument("--count", type=int, default=143568, help="Buildings of the model only counted")
    args = parser.parse_args()
    default = budget()
    print(f"geometry_budget_polygons default: {default:,}")
    print(f"{'Buildings':>9} {'City Objects':>12} {'polygons':>10} {'CPU s':>7} {'us/polygon':>10} "
          f"{'budget / polygons':>17} {'judged':>7}")
    for n in (int(x) for x in args.objects.split(",") if x):
        data, _ = synthetic.city_model(n, list(synthetic.CITY_DEFECTS))
        start = time.process_time()
        report = validate(data, Tolerances(), budget_polygons=default)
        cpu = time.process_time() - start
        judged = "all" if not report.stopped else f"{report.geometries_judged}/{report.geometries}"
        print(f"{n:>9,} {len(data['CityObjects']):>12,} {report.polygons:>10,} {cpu:>7.2f} "
              f"{cpu / report.polygons * 1e6:>10.1f} {default / report.polygons:>17.1f} {judged:>7}")
    corpus(default)
    data, _ = synthetic.city_model(args.count, list(synthetic.CITY_DEFECTS))
    counted = polygons_of(data)
    print(f"{args.count:>9,} {len(data['CityObjects']):>12,} {counted:>10,} {'(counted only)':>18} "
          f"{default / counted:>17.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
