"""The geometry budget of the city models as a count (issue 76): how many polygons the
generated CityJSON models hold, up to the size of issue 48's 110 MB model, and the CPU the
geometric validation (:func:`conformance.areas.scenes.solids.validate`, every level, no budget)
spends per polygon on them, in one run, beside the default of ``geometry_budget_polygons``.

The CPU per polygon is information about this machine, not a requirement: the budget is a count
of the model, so the set of geometries judged does not depend on it (``tests/areas/scenes``).

    python bench/city_budget.py [--objects 2000,20000] [--count 143568] [--record docs/city-budget.json --public DIR]

``--objects``: Buildings of the models validated (each with every defect planted, as
``bench/scenes.py`` writes them), then the repository's own city models together; ``--count``:
Buildings of a model whose polygons are only counted (143 568 make bench/scenes.py's 110 MB model
of 157 926 City Objects); ``--record``: write the models' polygon counts (no timing) to the record the
编制说明's 四（七） reads (``docs/city-budget.json``; tests/drafting/test_city_budget_record.py checks its rows of the
repository's own models against :func:`measured`); ``--public``: a folder of public CityJSON files counted into it
too, named by ``--public-source`` (the 3DGI cityjson-corpus's ``cases`` folder, kept outside the project).
"""

from __future__ import annotations

import argparse
import json
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


def own_models() -> list[Path]:
    """The repository's own city models: the known-bad fixtures and the reference samples."""
    return sorted((ROOT / "suites/scenes/fixtures/city").glob("*.city.json")) + sorted(
        (ROOT / "src/conformance/reference/samples/city_models").glob("*.city.json"))


def counted(kind: str, models: list[dict[str, object]], **named: object) -> dict[str, object]:
    """One row of the record: how many files, City Objects and polygons (all, and the largest file's)."""
    polygons = [polygons_of(data) for data in models]
    return {"kind": kind, **named, "files": len(models),
            "city_objects": sum(len(data["CityObjects"]) for data in models),  # type: ignore[arg-type]
            "polygons": sum(polygons), "largest": max(polygons)}


def read_models(paths: list[Path]) -> list[dict[str, object]]:
    models = [orjson.loads(path.read_bytes()) for path in paths]
    return [data for data in models if cityjson.is_city_model(data)]


def generated(buildings: int) -> dict[str, object]:
    """The row of a generated model of ``buildings`` Buildings, every defect planted (as bench/scenes.py writes it)."""
    data, _ = synthetic.city_model(buildings, list(synthetic.CITY_DEFECTS))
    return counted("generated", [data], buildings=buildings, megabytes=round(len(orjson.dumps(data)) / 1e6, 1))


def measured(buildings: list[int], public: Path | None = None, source: str = "") -> dict[str, object]:
    """The record: the budget and each model's counts; the generated ones, the repository's own, a public folder's."""
    rows = [generated(n) for n in buildings] + [counted("repository", read_models(own_models()))]
    if public is not None:
        rows.append(counted("public", read_models(sorted(public.rglob("*.city.json"))), source=source))
    return {"command": "PYTHONPATH=src python bench/city_budget.py --record docs/city-budget.json --public DIR "
                       "--public-source SOURCE", "parameter": "geometry_budget_polygons", "budget": budget(),
            "models": rows}


def corpus(default: int) -> None:
    """The repository's own city models (the known-bad fixtures and the reference samples), all
    together: the largest holds a few dozen polygons, so this row is mostly per-file overhead."""
    models = read_models(own_models())
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
    parser.add_argument("--record", type=Path, help="write the polygon counts to this file, and time nothing")
    parser.add_argument("--public", type=Path, help="a folder of public CityJSON files counted into the record")
    parser.add_argument("--public-source", default="", help="the public folder's source (repository at commit)")
    args = parser.parse_args()
    if args.record:
        record = measured([int(x) for x in args.objects.split(",") if x] + [args.count], args.public, args.public_source)
        args.record.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return 0
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
