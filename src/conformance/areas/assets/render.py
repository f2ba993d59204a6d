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

import functools
import io
import itertools
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image

#: the largest picture decoded (pixels), 5.1's reading bound 「解码的图像像素数」, judged on the header before anything is
#: decoded: a larger picture is not judged (OverBound), never a finding nor a memory blow-up (sixty-ninth reading)
MAX_PIXELS = 4096 * 4096
#: scale ladder: each step 12 % larger than the last
SCALE_STEP = 1.12

Grey = NDArray[np.float64]


class Undecodable(ValueError):
    """The bytes are not a PNG image this module decodes."""


class OverBound(Undecodable):
    """The picture has more pixels than 5.1's reading bound (MAX_PIXELS): not decoded and not judged."""


def _within_bound(image: Image.Image) -> None:
    if image.width * image.height > MAX_PIXELS:
        raise OverBound(f"{image.width}x{image.height} pixels, over the {MAX_PIXELS} decoded")


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
            _within_bound(image)
            grey = image.convert("L")
            return np.asarray(grey, dtype=np.float64) / 255.0
    except Image.DecompressionBombError as exc:  # Pillow refuses the header's size itself: over MAX_PIXELS too
        raise OverBound(str(exc)) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, Undecodable):
            raise
        raise Undecodable(str(exc) or type(exc).__name__) from exc


def grey_image(data: bytes) -> Grey:
    """A generated picture's pixels as grey levels in [0, 1]: PNG as :func:`grey_png`, or a
    baseline or progressive JPEG (what generation services serve), both decoded by Pillow."""
    if data[:3] != b"\xff\xd8\xff":
        return grey_png(data)
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG"]) as image:
            _within_bound(image)
            return np.asarray(image.convert("L"), dtype=np.float64) / 255.0
    except Image.DecompressionBombError as exc:  # Pillow refuses the header's size itself: over MAX_PIXELS too
        raise OverBound(str(exc)) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, Undecodable):
            raise
        raise Undecodable(str(exc) or type(exc).__name__) from exc


def edge_gap(box: tuple[int, int, int, int], shape: tuple[int, ...]) -> float:
    """How far the label's box (x, y, width, height) lies from the picture's nearest edge, as
    a fraction of its shortest side: 0 for a label drawn against an edge or in a corner."""
    x, y, w, h = box
    gap = min(x, y, shape[1] - (x + w), shape[0] - (y + h))
    return max(0, gap) / min(shape[0], shape[1])


def ncc_map(frame: Grey, template: Grey) -> Grey:
    """NCC of ``template`` at every placement wholly inside ``frame`` (shape H-h+1, W-w+1);
    0 where the frame window is flat (NCC undefined). Cross-correlation by FFT, window sums
    by integral images."""
    h, w = template.shape
    big_h, big_w = frame.shape
    t = template - template.mean()
    t_norm = math.sqrt(float((t * t).sum()))
    # a circular correlation of length n >= big a side is the linear one at every placement
    # wholly inside the frame (k - i stays in 0..big-1 for k in h-1..big-1, i in 0..h-1): the
    # whole linear correlation (big + h - 1) is not needed. n is the least length >= big whose
    # only factors are 2, 3 and 5, for pocketfft's fast kernels rather than its fallback for a
    # large prime factor (0.6x the locator's CPU, the same verdicts: bench/locate_against.py)
    shape = (fast_length(big_h), fast_length(big_w))
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


@functools.lru_cache(maxsize=1024)
def fast_length(n: int) -> int:
    """The least length >= ``n`` (n >= 1) whose only prime factors are 2, 3 and 5."""
    best = 1 << (n - 1).bit_length()
    fives = 1
    while fives < best:
        threes = fives
        while threes < best:
            length = threes
            while length < n:
                length *= 2
            best = min(best, length)
            threes *= 3
        fives *= 5
    return best


def _window_sums(image: Grey, h: int, w: int) -> Grey:
    integral = np.zeros((image.shape[0] + 1, image.shape[1] + 1))
    integral[1:, 1:] = image.cumsum(0).cumsum(1)
    return integral[h:, w:] - integral[:-h, w:] - integral[h:, :-w] + integral[:-h, :-w]


def scaled(template: Grey, height: int, stretch: float = 1.0) -> Grey:
    """The template resized (area-averaged) to ``height`` rows, its aspect ratio kept (times
    ``stretch``: a renderer's pixel aspect or text layout may widen the label a little)."""
    width = max(1, round(template.shape[1] * height * stretch / template.shape[0]))
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


def blur(image: Grey, sigma: float) -> Grey:
    """A separable Gaussian blur (edges repeated): matching blurred images tolerates the few
    pixels of misalignment a coarse scale step leaves in thin glyph strokes."""
    radius = max(1, int(3 * sigma))
    kernel = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    kernel /= kernel.sum()
    padded = np.pad(image, ((radius, radius), (0, 0)), mode="edge")
    image = sum(k * padded[i:i + image.shape[0]] for i, k in enumerate(kernel))
    padded = np.pad(image, ((0, 0), (radius, radius)), mode="edge")
    return sum(k * padded[:, i:i + image.shape[1]] for i, k in enumerate(kernel))


#: the coarse pass blurs with sigma = label height / this (a few pixels at most labels' sizes)
_BLUR_PER_HEIGHT = 14
#: coarse candidates refined
_CANDIDATES = 5
#: widths tried in the fine pass, relative to the label's own aspect ratio
_STRETCHES = (0.97, 1.0, 1.03)


def locate(frame: Grey, template: Grey, smallest_ratio: float = 0.025, largest_ratio: float = 0.5) -> Match | None:
    """The best NCC placement of the label: a coarse pass over the scale ladder on blurred
    images finds candidate scales and places; a fine pass tries every integer height within
    one ladder step of each, unblurred, in a window around its place. None when the label
    raster is flat (nothing to correlate) or fits nowhere in the frame."""
    if float(template.std()) < 1.0 / 255.0:
        return None
    blurred: dict[float, Grey] = {}
    coarse: list[tuple[float, int, int, int]] = []  # (score, height, x, y)
    for h in heights(frame.shape, template.shape, smallest_ratio, largest_ratio):
        sigma = round(max(0.6, h / _BLUR_PER_HEIGHT), 1)
        t = scaled(template, h)
        if float(t.std()) < 1.0 / 255.0:
            continue
        if sigma not in blurred:
            blurred[sigma] = blur(frame, sigma)
        scores = ncc_map(blurred[sigma], blur(t, sigma))
        y, x = np.unravel_index(int(np.argmax(scores)), scores.shape)
        coarse.append((float(scores[y, x]), h, int(x), int(y)))
    best: Match | None = None
    for _, h0, x0, y0 in sorted(coarse, reverse=True)[:_CANDIDATES]:
        for h, stretch in itertools.product(range(max(4, math.floor(h0 / SCALE_STEP)),
                                                  math.ceil(h0 * SCALE_STEP) + 1), _STRETCHES):
            t = scaled(template, h, stretch)
            if h > frame.shape[0] or t.shape[1] > frame.shape[1] or float(t.std()) < 1.0 / 255.0:
                continue
            pad = 3 + int(0.15 * h0)
            top, left = max(0, y0 - pad), max(0, x0 - pad)
            bottom, right = min(frame.shape[0], y0 + h0 + 2 * pad), min(frame.shape[1], x0 + t.shape[1] + 2 * pad)
            crop = frame[top:bottom, left:right]
            if crop.shape[0] < h or crop.shape[1] < t.shape[1]:
                continue
            scores = ncc_map(crop, t)
            row, column = np.unravel_index(int(np.argmax(scores)), scores.shape)
            score = float(scores[row, column])
            if best is None or score > best.score:
                at_y, at_x = int(row) + top, int(column) + left
                window = frame[at_y:at_y + h, at_x:at_x + t.shape[1]]
                low, high = np.percentile(window, [5, 95])
                best = Match(score, (at_x, at_y, int(t.shape[1]), h), h / min(frame.shape), float(high - low))
    return best
