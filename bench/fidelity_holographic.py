"""How TD-HOLO-002's view-order check judges real quilts, and copies of them put out of order.

The quilts are read from the folder ``$HOLO_QUILT_CORPUS`` names (kept outside the project).
Measured on kirurobo/LookingGlassQuiltViewer (MIT licence), ``Assets/StreamingAssets/``:
``example01.png``, ``example02.png`` and ``startup.png``, each 2048 x 2048 pixels, 4 x 8 tiles
of 512 x 256 (the HoloPlay 32-view preset; view 0 bottom left), fetched at the repository's
head commit 0ce4fb4. The layout is passed with ``--layout`` (columns, rows, origin, view
width, view height) for quilts whose names do not state it.

A second corpus, ``$HOLO_QUILT_CORPUS`` = a folder with ``lightfield_4x4.jpg`` of
Philmist/lightfield-to-quilt-godot (MIT licence, ``LightfieldView/``, commit 0550a94): 4096 x
4096 pixels, a 4 x 4 grid of 1024 x 1024 views of a Lego scene photographed by a camera array,
judged as a full-parallax grid (``--layout 4,4,bottom_left,1024,1024,4``: steps within each
row of four viewpoints).

Each quilt is judged as published, then as four copies made by moving its tiles: reversed,
two middle views swapped, two views three apart swapped, and a fixed shuffle. The expectation:
a published quilt is in order (or flat, its parallax too small to measure, and then not
judged); a swapped or shuffled copy is out of order unless the content is flat; a reversed
copy steps evenly the other way, which the check cannot tell from a correct quilt (the
requirement's notes say why), so it is listed, not scored.

    HOLO_QUILT_CORPUS=/work/corpora-holo/kirurobo python bench/fidelity_holographic.py
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from conformance.areas.terminal.multiview import Layout, order, read_quilt

SUFFIXES = {".png", ".jpg", ".jpeg"}


def _tiles(image: Image.Image, layout: Layout) -> list[Image.Image]:
    w, h = image.width // layout.columns, image.height // layout.rows
    tiles = []
    for view in range(layout.columns * layout.rows):
        row, column = divmod(view, layout.columns)
        y = image.height - (row + 1) * h if layout.origin == "bottom_left" else row * h
        tiles.append(image.crop((column * w, y, (column + 1) * w, y + h)))
    return tiles


def _quilt(tiles: list[Image.Image], layout: Layout) -> bytes:
    w, h = tiles[0].size
    canvas = Image.new("RGB", (w * layout.columns, h * layout.rows))
    for view, tile in enumerate(tiles):
        row, column = divmod(view, layout.columns)
        y = (layout.rows - 1 - row) * h if layout.origin == "bottom_left" else row * h
        canvas.paste(tile, (column * w, y))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return buffer.getvalue()


def variants(data: bytes, layout: Layout) -> dict[str, bytes]:
    tiles = _tiles(Image.open(io.BytesIO(data)).convert("RGB"), layout)
    n, mid = len(tiles), len(tiles) // 2
    swap = list(range(n))
    swap[mid], swap[mid + 1] = swap[mid + 1], swap[mid]
    far = list(range(n))
    far[mid - 1], far[mid + 2] = far[mid + 2], far[mid - 1]
    shuffle = list(np.random.default_rng(1).permutation(n))
    return {"published": data, "reversed": _quilt(tiles[::-1], layout),
            "adjacent swap": _quilt([tiles[i] for i in swap], layout),
            "swap 3 apart": _quilt([tiles[i] for i in far], layout),
            "shuffled": _quilt([tiles[i] for i in shuffle], layout)}


def judge(data: bytes, layout: Layout) -> tuple[str, float]:
    report = read_quilt(data, "quilt.png", layout, 0.02)
    if report.steps is None:
        return "unreadable", 0.0
    found = order(report.steps)
    if found.flat:
        return "flat", found.step
    return ("out of order" if found.out_of_order else "in order"), found.step


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layout", default="4,8,bottom_left,512,256",
                        help="columns,rows,origin,view width,view height[,views per row of viewpoints]")
    args = parser.parse_args()
    folder = os.environ.get("HOLO_QUILT_CORPUS")
    if not folder or not Path(folder).is_dir():
        print("bench/fidelity_holographic.py: set HOLO_QUILT_CORPUS to a folder of quilts", file=sys.stderr)
        return 2
    columns, rows, origin, width, height, *row_views = args.layout.split(",")
    layout = Layout(int(columns), int(rows), origin, int(width), int(height), int(row_views[0]) if row_views else 0)
    agree = scored = 0
    print("| quilt | copy | verdict | median step (px/view) | expected | agrees |")
    print("|---|---|---|---|---|---|")
    for path in sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in SUFFIXES):
        published, _ = judge(path.read_bytes(), layout)
        for name, data in variants(path.read_bytes(), layout).items():
            verdict, step = judge(data, layout)
            if name == "published":
                expected = {"in order", "flat"}
            elif name == "reversed":
                expected = set()  # not detectable: listed, not scored
            else:
                expected = {"flat"} if published == "flat" else {"out of order"}
            ok = "-" if not expected else ("yes" if verdict in expected else "no")
            if expected:
                scored += 1
                agree += verdict in expected
            wanted = " or ".join(sorted(expected)) or "n/a"
            print(f"| {path.name} | {name} | {verdict} | {step:+.3f} | {wanted} | {ok} |")
    print(f"\nagreement: {agree} of {scored} scored copies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
