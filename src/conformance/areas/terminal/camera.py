"""A visual sensor's calibration-board corners (TD-CAM-001) and its reprojection error against a board at known
places (TD-CAM-002).

A ``camera`` stream declares in ``camera`` its image (``width``, ``height``, pixels) and its intrinsics as OpenCV's
pinhole model has them (``fx``, ``fy``, ``cx``, ``cy`` in pixels, optionally ``distortion``: k1, k2, p1, p2, k3 of
the Brown-Conrady model). The capture carries a derived stream, not images: each frame's ``corners_px`` holds the
inner corners of the calibration board the laboratory found in that image (sub-pixel), as u, v pairs, row after
row from the board's top-left as the camera sees it, or nothing when the board was not found. The board is fixed
here: ``ROWS`` x ``COLUMNS`` inner corners of ``SQUARE_M`` squares.

A ``calibration_board`` stream ``annotates`` the camera stream: the board, level and facing the camera, its centre
at the camera's height, its range and azimuth from the camera's optical centre measured by a calibrated distance
meter and rotary stage (its declaration's ``calibration_board.instrument`` and ``.stage``); each frame carries
``distance_m`` and ``azimuth_deg``, as a radar's corner reflector does, and is kept and split into holds by the same
code (:mod:`.radar`). Per hold, each camera frame's corners are compared with the board's corners projected through
the declared intrinsics at the place the instruments give: the root mean square of their distances (R1) and the
frames where the board was not found (R2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from conformance import msg

from .chunk import Chunk, report
from .flicker import block_samples
from .jsonread import instrument_and_stage
from .model import CaptureAnalysis, StreamStats
from .radar import MIN_FRAMES, places, still_places
from .readings import Capped, joined, keep, measuring_streams

if TYPE_CHECKING:
    from conformance.area import JsonObject

SENSOR, REFERENCE = "camera", "calibration_board"  # the stream types (and their header members)
ROWS, COLUMNS, SQUARE_M = 4, 6, 0.04  # the board: 5 x 7 squares of 40 mm, 4 x 6 inner corners
CORNERS = ROWS * COLUMNS
MAX_FRAMES = 200_000


@dataclass
class Intrinsics:
    width: int
    height: int
    fx: float
    fy: float
    cx: float
    cy: float
    distortion: tuple[float, float, float, float, float]


@dataclass
class Corners(Capped):
    """A camera stream's frames: each frame's time and corners (NaN rows when the board was not found)."""

    intrinsics: Intrinsics
    t: list[np.ndarray] = field(default_factory=list)
    uv: list[np.ndarray] = field(default_factory=list)  # (frames, CORNERS, 2)


@dataclass
class Hold:
    """One place of the board and how the camera saw it."""

    t: int
    line: int
    distance: float  # m
    azimuth: float  # deg
    rms_px: float  # the root mean square reprojection error over the frames where the board was found
    frames: int
    missed: int


@dataclass
class Reprojection:
    sensor: str
    meter: str
    holds: list[Hold]
    uncovered: int


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def intrinsics(spec: JsonObject) -> Intrinsics | None:
    """The image and intrinsics a camera stream declares; None when it declares none usable."""
    held = spec.get(SENSOR)
    if not isinstance(held, dict):
        return None
    width, height = held.get("width"), held.get("height")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in (width, height)):
        return None
    values = [_number(held.get(k)) for k in ("fx", "fy", "cx", "cy")]
    distortion = held.get("distortion", [0, 0, 0, 0, 0])
    terms = [_number(k) for k in distortion] if isinstance(distortion, list) and len(distortion) == 5 else [None]
    if any(v is None or not np.isfinite(v) for v in values + terms) or values[0] <= 0 or values[1] <= 0:  # type: ignore[operator]
        return None
    fx, fy, cx, cy = values
    return Intrinsics(int(width), int(height), fx, fy, cx, cy, tuple(terms))  # type: ignore[arg-type]


def board_points() -> np.ndarray:
    """The inner corners on the board (m): x to the camera's right, y down, row after row from the top-left."""
    rows, columns = np.mgrid[0:ROWS, 0:COLUMNS]
    return np.stack([(columns - (COLUMNS - 1) / 2) * SQUARE_M, (rows - (ROWS - 1) / 2) * SQUARE_M], -1).reshape(-1, 2)


def project(k: Intrinsics, distance: float, azimuth_deg: float) -> np.ndarray:
    """The board's corners in the image (px) with its centre ``distance`` from the optical centre at
    ``azimuth_deg`` (positive to the camera's left) on the camera's level, the board facing the camera: OpenCV's
    pinhole model with Brown-Conrady distortion."""
    a = np.radians(azimuth_deg)
    centre = np.array([-distance * np.sin(a), 0.0, distance * np.cos(a)])
    across, down = np.array([np.cos(a), 0.0, np.sin(a)]), np.array([0.0, 1.0, 0.0])
    board = board_points()
    p = centre + board[:, :1] * across + board[:, 1:] * down
    x, y = p[:, 0] / p[:, 2], p[:, 1] / p[:, 2]
    k1, k2, p1, p2, k3 = k.distortion
    r2 = x * x + y * y
    radial = 1 + k1 * r2 + k2 * r2 ** 2 + k3 * r2 ** 3
    xd = x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x)
    yd = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y
    return np.stack([k.fx * xd + k.cx, k.fy * yd + k.cy], -1)


def read_camera(result: CaptureAnalysis) -> None:
    """Each camera stream declaring its intrinsics keeps its corners; each board annotating one its places."""
    sensors, references = measuring_streams(result, SENSOR, REFERENCE, intrinsics)
    for stats, k in sensors:
        stats.camera = Corners(k)
    for stats in references:
        stats.board = places(MAX_FRAMES)  # the board's readings under the camera's cap: one bound a case


def check_camera_frames(chunk: Chunk) -> None:
    """TD-CAM-001: each frame's corners none or the board's every one (R1), each finite and within the declared
    image (R2); then the corners."""
    corners: Corners | None = chunk.stats.camera
    if corners is None or not len(chunk):
        return
    samples, sizes, unread = block_samples([f.corners_px for f in chunk.frames])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    wrong = (sizes != 0) & (sizes != 2 * CORNERS)
    wrong[unread] = True
    report(chunk, "camera_corners", wrong, lambda row: (
        msg("terminal.camera-count", sid=repr(chunk.stats.id), count=int(sizes[row]), expected=2 * CORNERS),
        {"rule": "R1", "pointer": "/corners_px", "expected": f"0 or {2 * CORNERS}", "actual": int(sizes[row])}))
    chunk.stats.add_checked("camera_corners", len(chunk))
    found = np.flatnonzero(~wrong & (sizes == 2 * CORNERS))
    uv = np.full((len(chunk), CORNERS, 2), np.nan)
    if len(found):
        uv[found] = samples[starts[found][:, None] + np.arange(2 * CORNERS)[None, :]].reshape(-1, CORNERS, 2)
    k = corners.intrinsics
    outside = ~((uv[..., 0] >= 0) & (uv[..., 0] <= k.width) & (uv[..., 1] >= 0) & (uv[..., 1] <= k.height))
    bad_corner = outside  # NaN is outside: a frame without the board is left out below
    bad_corner[np.setdiff1d(np.arange(len(chunk)), found)] = False
    bad = np.asarray(bad_corner.any(axis=1))
    first = bad_corner.argmax(axis=1)
    report(chunk, "camera_corners", bad, lambda row: (
        msg("terminal.camera-corner", sid=repr(chunk.stats.id), corner=int(first[row]),
            u=float(uv[row, first[row], 0]), v=float(uv[row, first[row], 1]), width=k.width, height=k.height),
        {"rule": "R2", "pointer": f"/corners_px/{2 * int(first[row])}",
         "expected": f"finite, within {k.width} x {k.height} px",
         "actual": [float(uv[row, first[row], 0]), float(uv[row, first[row], 1])]}))
    rows = np.flatnonzero(~wrong & ~bad)
    room = corners.take(MAX_FRAMES, len(rows))
    if room:
        corners.t.append(np.asarray(chunk.t)[rows[:room]])
        corners.uv.append(uv[rows[:room]])


def check_board_frames(chunk: Chunk) -> None:
    """The board's places kept (a stream annotating no camera stream keeps none)."""
    keep(chunk.stats.board, chunk)


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Reprojection | tuple[str, dict[str, object]]:
    """The holds of a calibration board against the camera stream it annotates; else why it cannot be judged."""
    target = analysis.annotated(stats)
    if target is None or target.type != SENSOR:
        return "terminal.board-no-camera", {"annotates": repr(stats.spec.get("annotates"))}
    meter, stage = instrument_and_stage(stats.spec, REFERENCE)
    if meter is None or stage is None:
        return "terminal.reflector-no-instrument", {}  # the same words for a board as for a reflector
    corners: Corners | None = target.camera
    if corners is None:
        return "terminal.camera-no-intrinsics", {"sid": repr(target.id)}
    t = joined(corners.t)
    uv = np.concatenate(corners.uv) if corners.uv else np.zeros((0, CORNERS, 2))
    holds: list[Hold] = []
    uncovered = 0
    for still in still_places(stats.board or places()):
        inside = (t >= still.low) & (t <= still.high)
        frames = int(inside.sum())
        if frames < MIN_FRAMES:
            uncovered += 1
            continue
        seen = uv[inside]
        seen = seen[~np.isnan(seen).any(axis=(1, 2))]
        expected = project(corners.intrinsics, still.distance, still.azimuth)
        rms = float(np.sqrt(np.mean(np.sum((seen - expected) ** 2, axis=2)))) if len(seen) else float("inf")
        holds.append(Hold(still.t, still.line, still.distance, still.azimuth, rms, frames, frames - len(seen)))
    if not holds:  # nothing the rules measure: the stream is declared, so unjudged, never a pass (1.3)
        return "terminal.board-no-hold", {"uncovered": uncovered, "minimum": MIN_FRAMES}
    return Reprojection(target.id, meter, holds, uncovered)
