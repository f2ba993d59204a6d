"""What a renderer draws: the explicit label found in rendered frames (AS-AIGC-008).

The CAC labelling measures (art. 4 (5)) ask for a prominent prompt on the start screen of a
generated virtual scene; GB 45438-2025 5.4 asks a video's label on its opening frame with a
text height of at least 5 % of the picture's shortest side. AS-AIGC-006 reads the scene graph;
this module reads what a renderer produced from it: the platform exports PNG frames of the
scene at declared times and viewpoints, and the raster of its label as drawn.

The label is located by normalised cross-correlation (NCC) of the label raster, in grey, over
each frame, at a ladder of scales: NCC is the textbook template matcher that is invariant to
the brightness and contrast a renderer's lighting applies to the label, and its peak value is
a similarity in [-1, 1] a threshold can be set on. Because NCC ignores contrast, a label drawn
nearly invisible still correlates; contrast is therefore judged separately, in the matched
window (the spread of its grey values, 5th to 95th percentile, over the full range).
Rotation and perspective are not searched: the label the measures ask for faces the viewer.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image

#: the largest frame decoded (pixels); a larger one is a finding, never a memory blow-up
MAX_PIXELS = 4096 * 4096
#: scale ladder: each step 12 % larger than the last
SCALE_STEP = 1.12

Grey = NDArray[np.float64]


class Undecodable(ValueError):
    """The bytes are not a PNG image this module decodes."""


@dataclass(frozen=True)
class Match:
    """The best placement of the label in a frame: its NCC, box (x, y, width, height) in frame
    pixels, the label's drawn height over the frame's shortest side, and the window's contrast."""

    score: float
    box: tuple[int, int, int, int]
    height_ratio: float
    contrast: float


def grey_png(data: bytes) -> Grey:
    """A PNG's pixels as grey levels in [0, 1] (alpha composed over black, as a frame shows)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Undecodable("not a PNG file")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise Undecodable(f"{image.width}x{image.height} pixels, over the {MAX_PIXELS} decoded")
            grey = image.convert("L")
            return np.asarray(grey, dtype=np.float64) / 255.0
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        if isinstance(exc, Undecodable):
            raise
        raise Undecodable(str(exc) or type(exc).__name__) from exc


def ncc_map(frame: Grey, template: Grey) -> Grey:
    """NCC of ``template`` at every placement wholly inside ``frame`` (shape H-h+1, W-w+1);
    0 where the frame window is flat (NCC undefined). Cross-correlation by FFT, window sums
    by integral images."""
    h, w = template.shape
    big_h, big_w = frame.shape
    t = template - template.mean()
    t_norm = math.sqrt(float((t * t).sum()))
    shape = (big_h + h - 1, big_w + w - 1)
    spectrum = np.fft.rfft2(frame, shape) * np.fft.rfft2(t[::-1, ::-1], shape)
    corr = np.fft.irfft2(spectrum, shape)[h - 1:big_h, w - 1:big_w]
    sums = _window_sums(frame, h, w)
    squares = _window_sums(frame * frame, h, w)
    variance = np.maximum(squares - sums * sums / (h * w), 0.0)
    denominator = np.sqrt(variance) * t_norm
    out = np.zeros_like(corr)
    # a window whose grey levels spread less than half a level is flat: no label drawn there
    ok = variance > (h * w) * (0.5 / 255.0) ** 2
    out[ok] = corr[ok] / denominator[ok]
    return np.clip(out, -1.0, 1.0)


def _window_sums(image: Grey, h: int, w: int) -> Grey:
    integral = np.zeros((image.shape[0] + 1, image.shape[1] + 1))
    integral[1:, 1:] = image.cumsum(0).cumsum(1)
    return integral[h:, w:] - integral[:-h, w:] - integral[h:, :-w] + integral[:-h, :-w]


def scaled(template: Grey, height: int) -> Grey:
    """The template resized (area-averaged) to ``height`` rows, its aspect ratio kept."""
    width = max(1, round(template.shape[1] * height / template.shape[0]))
    image = Image.fromarray(np.round(template * 255).astype(np.uint8))
    return np.asarray(image.resize((width, height), Image.Resampling.BOX if height < template.shape[0]
                                   else Image.Resampling.BILINEAR), dtype=np.float64) / 255.0


def heights(frame_shape: tuple[int, int], template_shape: tuple[int, int], smallest_ratio: float,
            largest_ratio: float) -> list[int]:
    """The label heights (frame pixels) tried: a geometric ladder from ``smallest_ratio`` to
    ``largest_ratio`` of the frame's shortest side, each fitting in the frame; at least 4 px."""
    short = min(frame_shape)
    low = max(4, math.floor(short * smallest_ratio))
    high = min(frame_shape[0], math.ceil(short * largest_ratio))
    aspect = template_shape[1] / template_shape[0]
    found: list[int] = []
    height = float(low)
    while height <= high:
        h = round(height)
        if (not found or h != found[-1]) and round(h * aspect) <= frame_shape[1]:
            found.append(h)
        height *= SCALE_STEP
    return found


def locate(frame: Grey, template: Grey, smallest_ratio: float = 0.025, largest_ratio: float = 0.5) -> Match | None:
    """The best NCC placement of the label over the scale ladder; None when the label raster
    is flat (nothing to correlate) or fits nowhere in the frame."""
    if float(template.std()) < 1.0 / 255.0:
        return None
    best: Match | None = None
    for h in heights(frame.shape, template.shape, smallest_ratio, largest_ratio):
        t = scaled(template, h)
        if float(t.std()) < 1.0 / 255.0:
            continue
        scores = ncc_map(frame, t)
        y, x = np.unravel_index(int(np.argmax(scores)), scores.shape)
        score = float(scores[y, x])
        if best is None or score > best.score:
            window = frame[y:y + t.shape[0], x:x + t.shape[1]]
            low, high = np.percentile(window, [5, 95])
            best = Match(score, (int(x), int(y), t.shape[1], t.shape[0]), t.shape[0] / min(frame.shape),
                         float(high - low))
    return best
