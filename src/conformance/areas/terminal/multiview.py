"""Multiview content laid out as a quilt: the tile grid against the display's declaration, and
the order of the views judged from their disparities.

A quilt (the de-facto layout of light-field displays) holds columns x rows views of one scene;
view 0, the leftmost viewpoint, is in the tile at the declared origin (bottom left by the
convention, top left as some tools write it), then left to right, row after row away from the
origin. Its file name often carries the layout, ``name_qs<columns>x<rows>a<aspect>.png``. A quilt is a PNG or
JPEG file (annex E, the quilt's layout; forty-first reading, a13): a file in another format is not judged.

Each view is compared with the next by phase correlation (NumPy FFTs of the views' horizontal
gradients): the peak of the whitened cross-power spectrum's inverse is the dominant shift
between the two images. Along a correctly ordered row of viewpoints every step has about the
same size and direction; a shuffled or swapped view steps back or jumps. Adjacent views, not
each view against the central one: a shift of many views' worth can alias on a periodic texture
(measured on a real quilt, whose far views locked onto the next period of a grid).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass

import numpy as np
from PIL import Image, UnidentifiedImageError

from conformance import Message, msg

from .._shared.numbers import as_integer

#: 8192 x 8192, 5.1's reading bound 「拼图的像素数」 (drafting/boundtable.py): it bounds the memory decoding one
#: quilt takes; checked on the header before anything is decoded. A larger quilt is not judged (sixty-eighth
#: reading, c5: it failed R1, which sets no such limit, so a display declaring a larger layout could not pass).
MAX_PIXELS = 8192 * 8192
#: Views are compared at no more than this width (block means): shifts are scaled back.
WORK_WIDTH = 512
#: Steps whose median size is below this (tile pixels) show no parallax to judge.
FLAT_PX = 0.05
#: The character codes an Exif UserComment starts with (Exif 2.3, 4.6.5).
CHARSETS = (b"ASCII\0\0\0", b"UNICODE\0", b"JIS\0\0\0\0\0", b"\0" * 8)
#: the layout a file name states at the end of its stem (annex E's table of the quilt's layout)
QUILT_NAME = re.compile(r"_qs(\d+)x(\d+)a(\d+(?:\.\d+)?)(?:\.[A-Za-z0-9]+)?$", re.IGNORECASE)
#: the members of the Exif UserComment JSON read (annex E's table of the quilt's layout)
LAYOUT_MEMBERS = ("LKGColumns", "LKGRows", "LKGNumViews")
#: the formats a quilt is read in, as Pillow names them: those annex E defines
QUILT_FORMATS = ("PNG", "JPEG")


@dataclass(frozen=True)
class Layout:
    columns: int
    rows: int
    origin: str
    view_width: int
    view_height: int
    #: Views per row of viewpoints (the declared horizontal views); a full-parallax display's
    #: last view of one row and first of the next are not neighbours. 0: all views one row.
    row_views: int = 0


@dataclass
class QuiltReport:
    """What one quilt shows: the layout problems (R1), the shift from each view to the next in
    pixels of a tile (NaN from the last view of a row of viewpoints to the first of the next),
    and the tile's width."""

    problems: list[Message]
    steps: np.ndarray | None = None
    tile_width: int = 0
    #: why the file is not judged as a quilt (a format other than PNG and JPEG, more pixels than the reading bound
    #: MAX_PIXELS), or None
    unjudged: Message | None = None


def named_layout(name: str) -> tuple[int, int, float] | None:
    """(columns, rows, aspect) a file name states with the quilt suffix, else None."""
    found = QUILT_NAME.search(name)
    if not found:
        return None
    return int(found.group(1)), int(found.group(2)), float(found.group(3))


def metadata_layout(image: Image.Image) -> tuple[int, int, int | None] | None:
    """(columns, rows, views) Looking Glass software writes as JSON into the Exif UserComment
    (LKGColumns, LKGRows, LKGNumViews), read without decoding pixels; None when absent or not
    that JSON."""
    try:
        comment = image.getexif().get_ifd(0x8769).get(0x9286)  # Exif IFD, UserComment
    except Exception:  # noqa: BLE001 - a broken Exif block states no layout; the pixels are judged
        return None
    if isinstance(comment, bytes):
        head, body = comment[:8], comment[8:] if comment[:8] in CHARSETS else comment
        comment = body.decode("utf-16" if head == b"UNICODE\0" else "utf-8", errors="replace")
    if not isinstance(comment, str) or len(comment) > 65536 or "{" not in comment:
        return None
    try:
        found = json.loads(comment[comment.index("{"):comment.rindex("}") + 1])
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    columns, rows, views = (_whole(found.get(k)) for k in LAYOUT_MEMBERS)
    if columns is None or rows is None:
        return None
    return columns, rows, views


def _whole(value: object) -> int | None:
    return as_integer(value)


def read_quilt(data: bytes, name: str, layout: Layout, tolerance: float) -> QuiltReport:
    """Decode a quilt (bounded), check its grid (R1) and measure its views' shifts."""
    problems: list[Message] = []
    declared_aspect = layout.view_width / layout.view_height
    named = named_layout(name)
    if named is not None:
        columns, rows, aspect = named
        if (columns, rows) != (layout.columns, layout.rows):
            problems.append(msg("terminal.quilt-name-grid", columns=columns, rows=rows,
                                declared_columns=layout.columns, declared_rows=layout.rows))
        if abs(aspect - declared_aspect) > tolerance * declared_aspect:
            problems.append(msg("terminal.quilt-name-aspect", aspect=aspect, declared=declared_aspect))
    try:
        image = Image.open(io.BytesIO(data))
        if image.format not in QUILT_FORMATS:  # no quilt of the formats annex E defines
            return QuiltReport([], unjudged=msg("terminal.quilt-format", file=name, format=image.format))
        width, height = image.size
        if width * height > MAX_PIXELS:  # past the reading bound: not judged, no finding (5.1)
            return QuiltReport([], unjudged=msg("terminal.quilt-too-large", file=name, width=width, height=height,
                                                limit=MAX_PIXELS))
        stated = metadata_layout(image)
        if stated is not None:
            columns, rows, count = stated
            if (columns, rows) != (layout.columns, layout.rows):
                problems.append(msg("terminal.quilt-meta-grid", columns=columns, rows=rows,
                                    declared_columns=layout.columns, declared_rows=layout.rows))
            if count is not None and count != layout.columns * layout.rows:
                problems.append(msg("terminal.quilt-meta-views", count=count,
                                    views=layout.columns * layout.rows))
        grey = np.asarray(image.convert("L"), dtype=np.float32)
    except Image.DecompressionBombError as error:  # Pillow refuses the header's size itself: over MAX_PIXELS too
        return QuiltReport([], unjudged=msg("terminal.quilt-too-large-refused", file=name, error=str(error),
                                            limit=MAX_PIXELS))
    except (UnidentifiedImageError, OSError, ValueError) as error:
        return QuiltReport([msg("terminal.quilt-unreadable", error=str(error))])
    tile_w, tile_h = width // layout.columns, height // layout.rows
    if tile_w < 8 or tile_h < 8:
        return QuiltReport([*problems, msg("terminal.quilt-tiny", width=width, height=height,
                                           columns=layout.columns, rows=layout.rows)])
    if abs(tile_w - layout.view_width) > tolerance * layout.view_width \
            or abs(tile_h - layout.view_height) > tolerance * layout.view_height:
        problems.append(msg("terminal.quilt-tile-size", tile_w=tile_w, tile_h=tile_h, width=width, height=height,
                            columns=layout.columns, rows=layout.rows, view_w=layout.view_width,
                            view_h=layout.view_height))
    views = [_tile(grey, view, layout, tile_w, tile_h) for view in range(layout.columns * layout.rows)]
    return QuiltReport(problems, view_steps(views, layout.row_views), tile_w)


def _tile(grey: np.ndarray, view: int, layout: Layout, tile_w: int, tile_h: int) -> np.ndarray:
    row, column = divmod(view, layout.columns)
    x = column * tile_w
    # bottom_left: rows counted up from the bottom edge (leftover pixels stay at the top)
    y = grey.shape[0] - (row + 1) * tile_h if layout.origin == "bottom_left" else row * tile_h
    return grey[y:y + tile_h, x:x + tile_w]


def view_steps(views: list[np.ndarray], row_views: int = 0) -> np.ndarray:
    """The horizontal shift (tile pixels) from each view to the next, by phase correlation;
    NaN where the next view starts another row of ``row_views`` viewpoints."""
    factor = max(1, -(-views[0].shape[1] // WORK_WIDTH))
    # Horizontal gradients: flat regions and the window's own shape carry no shift and would
    # pull the peak towards zero.
    small = [np.diff(_reduce(v, factor), axis=1) for v in views]
    window = np.outer(np.hanning(small[0].shape[0]), np.hanning(small[0].shape[1])).astype(np.float32)
    spectra = [np.fft.rfft2((v - v.mean()) * window) for v in small]
    width = small[0].shape[1]
    row = row_views or len(views)
    return np.array([np.nan if (i + 1) % row == 0 else _shift(a, b, width) * factor
                     for i, (a, b) in enumerate(zip(spectra, spectra[1:], strict=False))])


def _reduce(tile: np.ndarray, factor: int) -> np.ndarray:
    if factor == 1:
        return tile
    h, w = tile.shape[0] // factor * factor, tile.shape[1] // factor * factor
    return tile[:h, :w].reshape(h // factor, factor, w // factor, factor).mean(axis=(1, 3))


def _shift(reference: np.ndarray, other: np.ndarray, width: int) -> float:
    """The x shift of ``other`` against ``reference`` (positive: its content lies to the right),
    with a parabola through the peak and its two horizontal neighbours for the sub-pixel part."""
    cross = other * np.conj(reference)
    # Regularised whitening: frequencies with next to no energy (blur, quantisation noise) are
    # damped instead of raised to unit weight, which keeps a shift of a pixel or less measurable.
    magnitude = np.abs(cross)
    cross /= magnitude + 1e-2 * max(float(magnitude.max()), 1e-12)
    surface = np.fft.irfft2(cross, s=(reference.shape[0], width))
    y, x = np.unravel_index(int(np.argmax(surface)), surface.shape)
    left, mid, right = surface[y, (x - 1) % width], surface[y, x], surface[y, (x + 1) % width]
    denominator = left - 2 * mid + right
    sub = 0.5 * (left - right) / denominator if denominator < 0 else 0.0
    shift = x + sub
    return float(shift - width if shift > width / 2 else shift)


@dataclass(frozen=True)
class Order:
    """The steps between consecutive views' shifts and what is wrong with them."""

    step: float  # the median step, tile pixels per view
    out_of_order: list[tuple[int, float]]  # (view, its step from the view before)
    #: No parallax to measure: the steps' median size is under FLAT_PX (a 2D picture repeated
    #: in every tile). The size, not the signed median, so that a shuffle is not taken for flat.
    flat: bool = False


def order(steps: np.ndarray, noise_px: float = 0.1) -> Order:
    """R2: consecutive views step one way, each by about the median step: a step the other way,
    or over three times the median, beyond ``noise_px`` and half the median, is out of order.
    0.1 px is about twice the error phase correlation showed on planted shifts of smooth
    textures (tests/areas/terminal/test_holographic.py)."""
    measured = steps[~np.isnan(steps)]
    if not len(measured):
        return Order(0.0, [], True)
    median = float(np.median(measured))
    slack = max(noise_px, 0.5 * abs(median))
    wrong = [(i + 1, float(s)) for i, s in enumerate(steps) if not np.isnan(s)
             and ((np.sign(s) != np.sign(median) and abs(s) > slack) or abs(s) > 3 * abs(median) + slack)]
    return Order(median, wrong, float(np.median(np.abs(measured))) < FLAT_PX)
