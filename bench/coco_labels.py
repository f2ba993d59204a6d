"""Cost of the COCO label checks against the cost of reading the file (run by hand, never from
the test suite).

    PYTHONPATH=src python bench/coco_labels.py [--annotations 50000] [--repeat 3]

Writes a COCO file of --annotations objects in memory (half with a 12-point polygon, a quarter
crowds with a compressed RLE mask of a 640x480 image, every object with 17 keypoints on a
17-keypoint category) and measures, side by side in one run on those same bytes:

- parse: ``_io.parsing.parse_json`` (orjson plus the duplicate-member scan), what every
  test reading the file pays once;
- boxes: DP-LABEL-001's box check (``coco.boxes_outside``, vectorised);
- segmentations: DP-LABEL-003's ``coco_masks.check_segmentations``;
- keypoints: DP-LABEL-004's ``coco_keypoints.check_keypoints``.

It prints each as a ratio to parse (the best of --repeat runs, interleaved), so the figure
holds on a loaded machine.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable
from typing import Any

from conformance._io.parsing import parse_json
from conformance.areas.data import coco, coco_keypoints, coco_masks

WIDTH, HEIGHT = 640, 480


def compressed(counts: list[int]) -> str:
    text = []
    for index, count in enumerate(counts):
        value = count - counts[index - 2] if index > 2 else count
        while True:
            group = value & 0x1F
            value >>= 5
            more = not ((value == 0 and not group & 0x10) or (value == -1 and group & 0x10))
            text.append(chr(group + (0x20 if more else 0) + 48))
            if not more:
                break
    return "".join(text)


def sample(count: int) -> bytes:
    annotations: list[dict[str, Any]] = []
    for index in range(count):
        x, y = 10 + index % 500, 10 + index % 350
        annotation: dict[str, Any] = {"id": index + 1, "image_id": 1, "category_id": 1, "bbox": [x, y, 100, 100],
                                      "iscrowd": 0}
        if index % 4 == 3:
            counts = [x * HEIGHT + y] + [100, HEIGHT - 100] * 99 + [100]
            counts.append(WIDTH * HEIGHT - sum(counts))
            annotation.update(iscrowd=1, area=10_000,
                              segmentation={"size": [HEIGHT, WIDTH], "counts": compressed(counts)})
        elif index % 2:
            angles = [math.pi * k / 6 for k in range(12)]
            ring = [v for a in angles for v in (x + 50 + 50 * math.cos(a), y + 50 + 50 * math.sin(a))]
            annotation.update(segmentation=[ring], area=7500.0)
        keypoints = [v for k in range(17) for v in (x + 5 * k, y + 5 * k, 2)]
        annotation.update(keypoints=keypoints, num_keypoints=17)
        annotations.append(annotation)
    names = [f"point-{k}" for k in range(17)]
    data = {"images": [{"id": 1, "width": WIDTH, "height": HEIGHT}],
            "categories": [{"id": 1, "name": "person", "keypoints": names,
                            "skeleton": [[k, k + 1] for k in range(1, 17)]}],
            "annotations": annotations}
    return json.dumps(data).encode()


def best(function: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    body = sample(args.annotations)
    data = parse_json(body, what="bench")
    findings = coco_masks.check_segmentations(data, 1, 1)[0] + coco_keypoints.check_keypoints(data, 1, 0.25)[0]
    assert not findings, findings[:3]  # the sample is clean: the figures are of judging, not of reporting
    steps: dict[str, Callable[[], Any]] = {
        "parse": lambda: parse_json(body, what="bench"),
        "boxes (DP-LABEL-001)": lambda: coco.boxes_outside(data, 1),
        "segmentations (DP-LABEL-003)": lambda: coco_masks.check_segmentations(data, 1, 1),
        "keypoints (DP-LABEL-004)": lambda: coco_keypoints.check_keypoints(data, 1, 0.25),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.repeat):
        for name, step in steps.items():
            times[name].append(best(step, 1))
    parse = min(times["parse"])
    print(f"{args.annotations} annotations, {len(body) / 1e6:.1f} MB")
    for name, measured in times.items():
        print(f"{name:30s} {min(measured):8.3f} s  {min(measured) / parse:6.2f} x parse")


if __name__ == "__main__":
    main()
