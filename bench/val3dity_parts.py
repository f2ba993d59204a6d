"""Agreement of SC-CITY-013 (val3dity's 601 BUILDINGPARTS_OVERLAP) with val3dity on its own test data.

The corpus is kept outside the project (val3dity is GPL-3.0), in the folder named by
``$CITY_PARTS_CORPUS`` (default ``../corpora-city6`` beside the checkout): ``files/`` (CityJSON
files from tudelft3d/val3dity's ``data/``), ``labels.json`` (per item: the file, val3dity's
overlap tolerance, ``expected`` [601] or [] as val3dity's own tests assert, and the test that
asserts it) and ``assemble.py`` with ``SOURCES.md`` (the commit). Items include 601_1.json, part
of Den Haag's open data, at the tolerances val3dity's test_601_overlap tries, and a Den Haag
CityJSONSeq stream merged into one file, and 40 random box pairs labelled by val3dity itself
(built from that commit; ``random_boxes.py`` there).

Compared per item: 601 found or not (:mod:`conformance.areas.scenes.building_parts` directly,
val3dity's default snap and planarity tolerances). Printed: agreement over all items and over
the items with something to compare (a Building with two or more valid solids at one LoD), each
disagreement, and the pairs skipped by the bound.

    CITY_PARTS_CORPUS=/work/corpora-city6 python bench/val3dity_parts.py [--json]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CITY_PARTS_CORPUS", ROOT.parent / "corpora-city6"))


def measure(root: Path = CORPUS) -> dict[str, Any]:
    from conformance.areas.scenes import building_parts, solids

    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    rows = []
    for item, label in sorted(labels.items()):
        data = json.loads((root / "files" / label["file"]).read_bytes())
        report = building_parts.validate(data, solids.Tolerances(), overlap=float(label["overlap"]))
        got = [601] if report.errors else []
        rows.append({"item": item, "expected": label["expected"], "actual": got, "judged": report.judged,
                     "skipped": report.skipped, "same": got == label["expected"]})
    judged = [r for r in rows if r["judged"]]
    return {"corpus": f"val3dity 601 ({len(rows)} items, {len(judged)} with a Building to compare)",
            "total": len(rows), "agree": sum(r["same"] for r in rows),
            "compared": {"total": len(judged), "agree": sum(r["same"] for r in judged)},
            "skipped pairs": sum(r["skipped"] for r in rows),
            "disagreements": [{"item": r["item"], "expected": r["expected"], "actual": r["actual"],
                               "reason": "601 missed" if r["expected"] else "601 not expected"}
                              for r in rows if not r["same"]]}


def main(argv: list[str]) -> int:
    if not (CORPUS / "labels.json").is_file():
        print(f"no corpus at {CORPUS} (set CITY_PARTS_CORPUS; see this script's docstring)", file=sys.stderr)
        return 2
    result = measure()
    if "--json" in argv:
        print(json.dumps(result, indent=1))
        return 0
    share = result["agree"] / result["total"] if result["total"] else 0.0
    compared = result["compared"]
    print(f"{result['corpus']}: {result['agree']}/{result['total']} agree ({share:.1%}); "
          f"with a Building to compare: {compared['agree']}/{compared['total']}; "
          f"pairs skipped by the bound: {result['skipped pairs']}")
    for miss in result["disagreements"]:
        print(f"  {miss['item']}: expected {miss['expected']}, harness {miss['actual']} ({miss['reason']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
