"""Fidelity of the segmentation and keypoint label checks (DP-LABEL-003, DP-LABEL-004) on COCO
files nobody here wrote, read from the folder ``CONFORMANCE_LABEL_CORPORA`` names (nothing is
measured without it; the files are not in the repository):

* ``mmpose/``: every JSON file under ``tests/data/`` of open-mmlab/mmpose (COCO-style keypoint
  files of about 40 public data sets, some with polygons or RLE masks), named ``<dir>--<file>``;
* ``cocoapi/``: ``results/*.json`` of cocodataset/cocoapi (the 100-image segmentation results
  hold 739 compressed RLE masks);
* ``pycocotools-expected.json``: what pycocotools (the COCO API, not a dependency) says of those
  masks: area and box of every RLE, and the rasterised area of every polygon segmentation,
  written by ``python bench/fidelity_labels.py --record`` run with a Python that has pycocotools.

Corpora compared:

* ``rle``: each RLE mask's pixel count and box as coco_masks decodes them against pycocotools';
* ``raster``: each polygon segmentation's rasterised area (pycocotools) lies within the area band
  (``area_outline_px`` 1 along the outline) of the polygons' own area;
* ``coco-val``: the COCO 2017 validation annotations mmpose copies (``coco--test_coco.json``),
  the format's own data: no finding expected;
* ``reviewed``: every other COCO file, the rules each breaks as reviewed by hand (REVIEWED, with
  the reason) against the rules the checks report;
* ``altered``: the COCO validation file altered to break one rule at a time (ALTERATIONS); the
  check must report that rule.

    CONFORMANCE_LABEL_CORPORA=/work/corpora-labels python bench/fidelity_labels.py [--json]
"""

from __future__ import annotations

import copy
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BOX_TOLERANCE, OUTLINE_PX, MARGIN = 1.0, 1.0, 0.25  # the profile's defaults
COCO_VAL = "coco--test_coco.json"
#: file -> the rules (S: DP-LABEL-003, K: DP-LABEL-004) it breaks, as read by hand, and why
REVIEWED: dict[str, tuple[set[str], str]] = {
    "300vw--anno_300vw.json": ({"KR2"}, "keypoints on a category that declares none"),
    "300w--test_300w.json": ({"KR1", "KR2"}, "the category's keypoints is an empty list"),
    "300wlp--test_300wlp.json": ({"KR1", "KR2"}, "the category's keypoints is an empty list"),
    "aflw--test_aflw.json": ({"KR1", "KR2"}, "the category's keypoints is an empty list"),
    "aic--test_aic.json": ({"KR4"}, "annotation 4's wrist and hips lie 110 px below its 254 px box"),
    "ak--test_animalkingdom.json": ({"KR1"}, "0-based skeleton edges ([1, 0])"),
    "animalpose--test_animalpose.json": (set(), ""),
    "ap10k--test_ap10k.json": (set(), ""),
    "atrw--test_atrw.json": ({"KR1"}, "0-based skeleton edge ([0, 2])"),
    "coco--test_coco_wholebody.json": (set(), "COCO val annotations (wholebody extras in other keys)"),
    "coco--test_keypoint_partition_metric.json": ({"KR2"}, "133 keypoints on a 17-keypoint category"),
    "cofw--test_cofw.json": ({"KR1", "KR2"}, "the category's keypoints is an empty list"),
    "crowdpose--test_crowdpose.json": ({"KR1", "KR3"}, "COCO's 17-point skeleton on 14 names; num_keypoints "
                                                       "counts visible points only"),
    "deepfasion2--deepfasion2.json": ({"SR3"}, "area is the box's, not the polygons'"),
    "exlpose--test_exlpose.json": ({"KR1"}, "0-based skeleton edges"),
    "fld--test_fld.json": (set(), ""),
    "fly--test_fly.json": (set(), ""),
    "freihand--test_freihand.json": ({"KR3"}, "no num_keypoints"),
    "h36m--h36m_coco.json": ({"KR1"}, "0-based skeleton edges"),
    "halpe--test_halpe.json": ({"KR1", "KR2"}, "the category's keypoints is an empty list"),
    "horse10--test_horse10.json": (set(), ""),
    "humanart--test_humanart.json": ({"KR2"}, "17 keypoints on a 21-keypoint category"),
    "jhmdb--test_jhmdb_sub1.json": ({"KR3"}, "no num_keypoints"),
    "lapa--test_lapa.json": ({"KR1", "KR2"}, "the category's keypoints is an empty list"),
    "locust--test_locust.json": (set(), ""),
    "macaque--test_macaque.json": (set(), ""),
    "mhp--test_mhp.json": (set(), ""),
    "mpii--test_mpii_trb.json": ({"KR1", "KR3"}, "no skeleton; no num_keypoints"),
    "ochuman--test_ochuman.json": ({"SR3", "SR4"}, "area is the box's; box 2 misses the mask (pycocotools agrees)"),
    "onehand10k--test_onehand10k.json": ({"KR3"}, "no num_keypoints"),
    "panoptic--test_panoptic.json": ({"KR3"}, "no num_keypoints"),
    "posetrack18--annotations--test_posetrack18_val.json": ({"KR4"}, "a labelled keypoint at y = -24.9"),
    "posetrack18--annotations--val--003418_mpii_test.json": (set(), ""),
    "posetrack18--annotations--val--009473_mpii_test.json": (set(), ""),
    "posetrack18--annotations--val--012834_mpii_test.json": ({"KR4"}, "a labelled keypoint at y = -24.9"),
    "rhd--test_rhd.json": ({"KR2"}, "keypoints nested as [x, y, v] triples"),
    "ubody3d--ubody3d_train.json": ({"SR1", "KR2"}, "an empty polygon; category declares no keypoints"),
    "wflw--test_wflw.json": ({"KR1", "KR2"}, "the category's keypoints is an empty list"),
    "zebra--test_zebra.json": (set(), ""),
}


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value
    return change


def _points(count: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["annotations"][0]["segmentation"] = [data["annotations"][0]["segmentation"][0][:2 * count]]
    return change


def _crowd_rle(short: bool) -> Callable[[dict[str, Any]], None]:
    """Annotation 0 becomes a crowd whose RLE is a filled box of its image (the counts one short)."""
    def change(data: dict[str, Any]) -> None:
        annotation = data["annotations"][0]
        image = next(i for i in data["images"] if i["id"] == annotation["image_id"])
        height, width = image["height"], image["width"]
        counts = [10 * height + 10] + [20, height - 20] * 9 + [20]
        counts.append(width * height - sum(counts) - (1 if short else 0))
        annotation.update(iscrowd=1, segmentation={"size": [height, width], "counts": counts}, area=200,
                          bbox=[10, 10, 10, 20])
    return change


#: name -> (rule it breaks, change to the COCO validation file)
ALTERATIONS: dict[str, tuple[str, Callable[[dict[str, Any]], None]]] = {
    "two-point-polygon": ("SR1", _points(2)),
    "polygon-off-image": ("SR1", _set(("annotations", 0, "segmentation"), [[-50, -50, 10, -50, 10, 10]])),
    "rle-short": ("SR2", _crowd_rle(short=True)),
    "area-doubled": ("SR3", lambda d: d["annotations"][0].update(area=2 * d["annotations"][0]["area"])),
    "box-halved": ("SR4", lambda d: d["annotations"][0]["bbox"].__setitem__(2, d["annotations"][0]["bbox"][2] / 2)),
    "crowd-polygons": ("SR5", _set(("annotations", 0, "iscrowd"), 1)),
    "skeleton-0-based": ("KR1", lambda d: d["categories"][0].update(
        skeleton=[[a - 1, b - 1] for a, b in d["categories"][0]["skeleton"]])),
    "keypoints-short": ("KR2", lambda d: d["annotations"][0].update(keypoints=d["annotations"][0]["keypoints"][:-3])),
    "num-keypoints-off": ("KR3", lambda d: d["annotations"][0].update(
        num_keypoints=d["annotations"][0]["num_keypoints"] + 1)),
    "keypoint-off-image": ("KR4", _set(("annotations", 0, "keypoints", 15), 99999)),
}


def corpus() -> Path | None:
    folder = os.environ.get("CONFORMANCE_LABEL_CORPORA")
    return Path(folder) if folder else None


def rules(data: dict[str, Any]) -> set[str]:
    from conformance.areas.data import coco, coco_keypoints, coco_masks

    if not coco.is_coco(data):
        return set()
    masks, _ = coco_masks.check_segmentations(data, BOX_TOLERANCE, OUTLINE_PX)
    points, _ = coco_keypoints.check_keypoints(data, BOX_TOLERANCE, MARGIN)
    return {"S" + (f.rule or "") for f in masks} | {"K" + (f.rule or "") for f in points}


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _rle(root: Path) -> dict[str, Any]:
    from conformance.areas.data import coco_masks

    expected = _load(root / "pycocotools-expected.json")["rle"]
    found: list[dict[str, Any]] = []
    for item in expected:
        folder = "cocoapi" if item["file"].startswith("instances_") else "mmpose"
        data = _load(root / folder / item["file"])
        annotations = data if isinstance(data, list) else data["annotations"]
        segmentation = annotations[item["index"]]["segmentation"]
        height, width = segmentation["size"]
        try:
            mask = coco_masks.rle_mask(segmentation, height, width)
            actual = {"area": mask.area, "bbox": [float(v) for v in mask.bbox]}
        except coco_masks.BadRLE as exc:
            actual = {"error": str(exc)}
        if actual != {"area": item["area"], "bbox": item["bbox"]}:
            found.append({"item": f"{item['file']}#{item['index']}", "expected": str(item), "actual": str(actual),
                          "reason": "decoding differs from pycocotools"})
    return {"corpus": "labels rle (pycocotools area and box)", "total": len(expected),
            "agree": len(expected) - len(found), "disagreements": found}


def _raster(root: Path) -> dict[str, Any]:
    """Every well-formed polygon segmentation: is pycocotools' rasterised area (what a tool that
    draws the mask counts) within the area band of the polygons' own area?"""
    from conformance.areas.data import coco_masks

    recorded = _load(root / "pycocotools-expected.json")["polygons"]
    found: list[dict[str, Any]] = []
    judged = 0
    for item in recorded:
        annotation = _load(root / "mmpose" / item["file"])["annotations"][item["index"]]
        measured, _ = coco_masks.polygons(annotation["segmentation"])
        if measured is None:
            continue
        judged += 1
        if abs(item["raster_area"] - measured.area) > OUTLINE_PX * measured.perimeter:
            found.append({"item": f"{item['file']}#{item['index']}", "expected": item["raster_area"],
                          "actual": round(measured.area, 1), "reason": "rasterised area outside the band"})
    return {"corpus": "labels raster (pycocotools area of polygons in the band)", "total": judged,
            "agree": judged - len(found), "disagreements": found}


def _reviewed(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    val: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    total = 0
    for path in sorted((root / "mmpose").glob("*.json")):
        if path.name not in REVIEWED and path.name != COCO_VAL:
            continue
        actual = rules(_load(path))
        expected, why = REVIEWED.get(path.name, (set(), "COCO 2017 val annotations"))
        if path.name != COCO_VAL:
            total += 1
        if actual != expected:
            (val if path.name == COCO_VAL else others).append(
                {"item": path.name, "expected": sorted(expected), "actual": sorted(actual), "reason": why})
    return ({"corpus": "labels coco-val", "total": 1, "agree": 1 - len(val), "disagreements": val},
            {"corpus": "labels reviewed", "total": total, "agree": total - len(others), "disagreements": others})


def _altered(root: Path) -> dict[str, Any]:
    original = _load(root / "mmpose" / COCO_VAL)
    found = []
    for name, (rule, change) in ALTERATIONS.items():
        data = copy.deepcopy(original)
        change(data)
        actual = rules(data)
        if rule not in actual:
            found.append({"item": name, "expected": rule, "actual": sorted(actual), "reason": "rule not reported"})
    return {"corpus": "labels altered", "total": len(ALTERATIONS), "agree": len(ALTERATIONS) - len(found),
            "disagreements": found}


def measure() -> list[dict[str, Any]]:
    root = corpus()
    if root is None or not root.is_dir():
        return []
    sys.path.insert(0, str(ROOT / "src"))
    return [_rle(root), _raster(root), *_reviewed(root), _altered(root)]


def record() -> None:
    """pycocotools' area and box of every RLE mask, and rasterised area of every polygon segmentation."""
    from pycocotools import mask as cocomask

    root = corpus()
    assert root is not None, "set CONFORMANCE_LABEL_CORPORA"
    out: dict[str, list[dict[str, Any]]] = {"rle": [], "polygons": []}
    paths = sorted((root / "cocoapi").glob("instances_*segm*.json")) + sorted((root / "mmpose").glob("*.json"))
    for path in paths:
        data = _load(path)
        annotations = data if isinstance(data, list) else data.get("annotations", []) if isinstance(data, dict) else []
        images = {i["id"]: i for i in data.get("images", [])} if isinstance(data, dict) else {}
        for index, annotation in enumerate(annotations):
            segmentation = annotation.get("segmentation") if isinstance(annotation, dict) else None
            if isinstance(segmentation, dict):
                rle = segmentation if isinstance(segmentation["counts"], str) else \
                    cocomask.frPyObjects(segmentation, *segmentation["size"])
                out["rle"].append({"file": path.name, "index": index, "area": int(cocomask.area(rle)),
                                   "bbox": [float(v) for v in cocomask.toBbox(rle)]})
            elif isinstance(segmentation, list) and segmentation and annotation.get("image_id") in images:
                image = images[annotation["image_id"]]
                try:
                    rle = cocomask.merge(cocomask.frPyObjects(segmentation, image["height"], image["width"]))
                except Exception:  # pycocotools refuses malformed polygons with a bare Exception
                    continue
                out["polygons"].append({"file": path.name, "index": index, "raster_area": int(cocomask.area(rle)),
                                        "declared": annotation.get("area")})
    (root / "pycocotools-expected.json").write_text(json.dumps(out, indent=0), encoding="utf-8")
    print(f"{len(out['rle'])} masks, {len(out['polygons'])} polygon segmentations recorded")


def main(argv: list[str]) -> int:
    if "--record" in argv:
        record()
        return 0
    results = measure()
    if not results:
        print("set CONFORMANCE_LABEL_CORPORA to the corpus folder (see this script's docstring)", file=sys.stderr)
        return 2
    if "--json" in argv:
        print(json.dumps(results, indent=2))
        return 0
    for result in results:
        print(f"{result['corpus']}: {result['agree']}/{result['total']} agree")
        for item in result["disagreements"]:
            print(f"  {item['item']}: expected {item['expected']}, actual {item['actual']} ({item['reason']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
