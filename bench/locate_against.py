"""The label locator (``areas/assets/render.py``, AS-AIGC-008) of this tree against another
tree's, frame by frame, on the frames of ``bench/aigc_perceived.py`` (a label drawn at a
random place, height and width, no label, a look-alike label; each degraded by blur, noise
and JPEG), each located with the check's two ladders (smallest ratio 0.025 and half of it).

    python bench/locate_against.py OTHER/src/conformance/areas/assets/render.py [COUNT]

Prints how many matches agree in box, height ratio and contrast, in the score rounded as the
report shows it (3 places), and in the verdict at the default NCC threshold (0.8), the
largest score difference, and the CPU seconds of each locator with their ratio (one process,
the two called in turn on each frame).
"""

from __future__ import annotations

import importlib.util
import resource
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

import aigc_perceived as frames_bench  # noqa: E402

from conformance.areas.assets import render  # noqa: E402


def _other(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("render_other", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["render_other"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    other = _other(Path(argv[0]))
    count = int(argv[1]) if len(argv) > 1 else 150
    make = frames_bench.make
    rng = np.random.default_rng(2025)
    raster, alike = make.label_raster(), frames_bench._look_alike()
    cpu = {"other": 0.0, "this": 0.0}
    n = same_rest = same_rounded = same_verdict = 0
    worst = 0.0
    for index in range(count):
        frame = make.scene(320, 180, 10_000 + index)
        height, stretch = int(rng.integers(9, 55)), float(rng.uniform(0.97, 1.03))
        drawn = np.asarray(Image.fromarray(np.round(raster * 255).astype(np.uint8)).resize(
            (round(raster.shape[1] * stretch), raster.shape[0]), Image.Resampling.BILINEAR), dtype=float) / 255
        width = round(drawn.shape[1] * height / drawn.shape[0])
        x, y = int(rng.integers(0, 320 - width)), int(rng.integers(0, 180 - height))
        opacity = float(rng.uniform(0.85, 1.0))
        images = (frames_bench._degrade(make.paste(frame, drawn, x, y, height, opacity), rng),
                  frames_bench._degrade(frame, rng),
                  frames_bench._degrade(make.paste(frame, alike, x, y, height, opacity), rng))
        for image in images:
            for smallest in (0.025, 0.0125):
                started = _cpu()
                a = other.locate(image, raster, smallest_ratio=smallest)
                cpu["other"] += _cpu() - started
                started = _cpu()
                b = render.locate(image, raster, smallest_ratio=smallest)
                cpu["this"] += _cpu() - started
                n += 1
                if a is None or b is None:
                    same = a is None and b is None
                    same_rest, same_rounded, same_verdict = same_rest + same, same_rounded + same, same_verdict + same
                    continue
                worst = max(worst, abs(a.score - b.score))
                same_rest += (a.box, a.height_ratio, a.contrast) == (b.box, b.height_ratio, b.contrast)
                same_rounded += round(a.score, 3) == round(b.score, 3)
                same_verdict += (a.score >= frames_bench.NCC) == (b.score >= frames_bench.NCC)
    print(f"{n} frames located: box, height ratio and contrast the same in {same_rest}, the score rounded to 3 places "
          f"in {same_rounded}, the verdict at NCC {frames_bench.NCC} in {same_verdict}; largest score difference "
          f"{worst:.2e}")
    print(f"CPU: other {cpu['other']:.1f} s, this tree {cpu['this']:.1f} s ({cpu['this'] / cpu['other']:.2f}x)")
    return 0 if same_rest == same_rounded == same_verdict == n else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
