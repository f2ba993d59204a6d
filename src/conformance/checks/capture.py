"""Terminal captures (NDJSON): read them as a stream and check them column by column.

A capture is UTF-8 NDJSON. Line 1 is the header (``schemas/terminal/capture-header.json``):
the device and the streams it recorded. Every other line is one frame,
``{"stream": id, "t": int64 nanoseconds, ...payload}`` (``schemas/terminal/frame.json``).
Blank lines are ignored, as NDJSON readers commonly do.

Captures can be far larger than memory, so :func:`analyse` never holds the file: it reads
``CHUNK_LINES`` lines at a time, parses each with orjson, gathers each stream's values
into columns, and checks the columns with NumPy. What must survive a chunk boundary is
carried per stream (frame count, last timestamp and its line). Memory stays flat: at most
one chunk, plus the first ``limit`` issues of each rule in detail and a count of the rest.

The header's own validity is the header schema's job (the caller applies it to
``header``); :func:`analyse` reports what the schema cannot see: duplicate stream ids and
stream types the device does not offer.

One pass serves every terminal requirement: structure (TD-CAP-001), per-stream time order
(TD-CAP-002), pose validity (TD-POSE-001) and, from the per-stream counts and spans, the
effective rates (TD-RATE-001, :func:`effective_rates`).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress
from typing import IO, Any

import numpy as np
import orjson

CHUNK_LINES = 50_000
DETAIL_LIMIT = 20
MAX_LINE_BYTES = 1 << 20  # a longer line is a finding, never a memory blow-up
#: OpenXR XrPosef: an orientation whose norm deviates more than 1 % from 1 is not a valid pose.
NORM_TOLERANCE = 0.01
#: OpenXR XrSpaceLocationFlags bits; a frame without ``flags`` counts as fully valid.
ORIENTATION_VALID, POSITION_VALID = 0x1, 0x2
_DEFAULT_FLAGS = ORIENTATION_VALID | POSITION_VALID
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_NUMBER = (int, float)


@dataclass(frozen=True)
class Issue:
    """One violation in a capture, located by line, stream, frame index and JSON pointer."""

    message: str
    line: int | None = None
    stream: str | None = None
    frame: int | None = None  # 0-based index among the frames of its stream
    t: int | None = None
    pointer: str | None = None
    expected: Any = None
    actual: Any = None

    def location(self) -> dict[str, Any]:
        keys = ("line", "stream", "frame", "t", "pointer", "expected", "actual")
        return {k: getattr(self, k) for k in keys if getattr(self, k) is not None}


@dataclass
class IssueLog:
    """The issues of one rule: the first ``limit`` in detail, the rest only counted."""

    limit: int = DETAIL_LIMIT
    detailed: list[Issue] = field(default_factory=list)
    total: int = 0

    def add(self, issue: Issue) -> None:
        self.total += 1
        if len(self.detailed) < self.limit:
            self.detailed.append(issue)

    @property
    def omitted(self) -> int:
        return self.total - len(self.detailed)


@dataclass
class StreamStats:
    """A declared stream and what the capture held for it."""

    id: str
    type: str | None
    rate_hz: float | None
    frames: int = 0
    first_t: int | None = None
    last_t: int | None = None
    last_line: int | None = None
    pose_checked: int = 0  # pose frames whose orientation was checked
    pose_exempt: int = 0  # pose frames flagged as not orientation-valid


@dataclass
class CaptureAnalysis:
    header: Any = None
    #: False when line 1 is not a usable header; the frames were then not read.
    header_usable: bool = False
    streams: dict[str, StreamStats] = field(default_factory=dict)
    lines: int = 0
    structure: IssueLog = field(default_factory=IssueLog)  # TD-CAP-001
    order: IssueLog = field(default_factory=IssueLog)  # TD-CAP-002
    pose: IssueLog = field(default_factory=IssueLog)  # TD-POSE-001


@dataclass
class _Columns:
    """One chunk's values of one stream, before they become NumPy arrays."""

    lines: list[int] = field(default_factory=list)
    t: list[int] = field(default_factory=list)
    pose: list[tuple[float, ...] | None] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)
    #: (index in this chunk, pointer, message) of pose frames too malformed to check
    malformed: list[tuple[int, str, str]] = field(default_factory=list)


def analyse(
    stream: IO[bytes], *, chunk_lines: int = CHUNK_LINES, limit: int = DETAIL_LIMIT
) -> CaptureAnalysis:
    """Read a capture once, in chunks, and gather every issue and per-stream statistic."""
    result = CaptureAnalysis(structure=IssueLog(limit), order=IssueLog(limit), pose=IssueLog(limit))
    try:
        _read(stream, chunk_lines, result)
    except (OSError, EOFError, zlib.error) as exc:
        # A truncated or corrupt .gz, or an I/O failure: keep what was read, say where it ended.
        result.structure.add(Issue(f"the file cannot be read after line {result.lines}: {exc}",
                                   line=result.lines + 1))
    return result


def _read(stream: IO[bytes], chunk_lines: int, result: CaptureAnalysis) -> None:
    lines = _lines(stream)
    first = next(lines, None)
    if first is None:
        result.structure.add(Issue("the capture is empty: line 1 must be the header", line=1))
        return
    result.lines = 1
    _read_header(first[1], result)
    if not result.header_usable:
        return
    chunk: list[tuple[int, bytes | None]] = []
    try:
        for numbered in lines:
            chunk.append(numbered)
            if len(chunk) >= chunk_lines:
                _process_chunk(chunk, result)
                chunk = []
    finally:  # also when reading fails part-way: check what was read
        if chunk:
            _process_chunk(chunk, result)


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each non-blank line; None for a line over MAX_LINE_BYTES."""
    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the overlong line
            yield number, None
        elif raw.strip():
            yield number, raw


def _read_header(raw: bytes | None, result: CaptureAnalysis) -> None:
    if raw is None:
        result.structure.add(Issue(f"the header is longer than {MAX_LINE_BYTES} bytes", line=1))
        return
    try:
        header = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        result.structure.add(Issue(f"the header is not valid JSON: {_json_error(exc)}", line=1))
        return
    result.header = header
    streams = header.get("streams") if isinstance(header, dict) else None
    if not isinstance(streams, list):
        return  # frames cannot be judged without streams; the header schema says what is wrong
    result.header_usable = True
    offered = _offered_types(header)
    for index, spec in enumerate(streams):
        sid = spec.get("id") if isinstance(spec, dict) else None
        if not isinstance(sid, str):
            continue  # the header schema reports it
        if sid in result.streams:
            result.structure.add(Issue(f"stream id {sid!r} is declared twice", line=1,
                                       pointer=f"/streams/{index}/id", actual=sid))
            continue
        kind = spec.get("type") if isinstance(spec.get("type"), str) else None
        if offered is not None and kind is not None and kind not in offered:
            result.structure.add(Issue(
                f"stream {sid!r} has type {kind!r}, which the device does not offer", line=1,
                pointer=f"/streams/{index}/type", expected=sorted(offered), actual=kind,
            ))
        rate = spec.get("rate_hz")
        rate_hz = float(rate) if type(rate) in _NUMBER and rate > 0 else None
        result.streams[sid] = StreamStats(sid, kind, rate_hz)


def _json_error(exc: orjson.JSONDecodeError) -> str:
    # The parser counts lines within the one line it was given: report the column only.
    return f"{exc.msg} (column {exc.colno})" if exc.lineno == 1 else exc.msg


def _offered_types(header: dict[str, Any]) -> set[str] | None:
    device = header.get("device")
    offers = device.get("offers") if isinstance(device, dict) else None
    if not isinstance(offers, list):
        return None  # the header schema reports a missing or malformed list
    return {o["type"] for o in offers if isinstance(o, dict) and isinstance(o.get("type"), str)}


def _process_chunk(chunk: list[tuple[int, bytes | None]], result: CaptureAnalysis) -> None:
    columns: dict[str, _Columns] = {}
    structure = result.structure
    for number, raw in chunk:
        result.lines = number
        if raw is None:
            structure.add(Issue(f"line is longer than {MAX_LINE_BYTES} bytes", line=number))
            continue
        try:
            frame = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            structure.add(Issue(f"not valid JSON: {_json_error(exc)}", line=number))
            continue
        if not isinstance(frame, dict):
            structure.add(Issue("a frame must be a JSON object", line=number, pointer=""))
            continue
        sid, t = frame.get("stream"), frame.get("t")
        if not isinstance(sid, str) or sid not in result.streams:
            message = "frame names a stream the header does not declare" if isinstance(sid, str) \
                else "frame has no stream id (a string)"
            structure.add(Issue(message, line=number, pointer="/stream", actual=sid,
                                expected=sorted(result.streams)))
            continue
        stats = result.streams[sid]
        if type(t) is not int or not _INT64_MIN <= t <= _INT64_MAX:
            structure.add(Issue("t must be an integer number of nanoseconds (int64)", line=number,
                                stream=sid, pointer="/t", actual=t))
            continue
        col = columns.get(sid)
        if col is None:
            col = columns[sid] = _Columns()
        col.lines.append(number)
        col.t.append(t)
        if stats.type == "pose":
            row, flags = _pose_row(frame), frame.get("flags", _DEFAULT_FLAGS)
            if row is None or type(flags) is not int or flags < 0:
                col.malformed.append((len(col.pose), *_pose_problem(frame)))
                row = None
            col.pose.append(row)
            col.flags.append(flags if row is not None else 0)
    for sid, col in columns.items():
        stats = result.streams[sid]
        _check_order(stats, col, result.order)
        if stats.type == "pose":
            _check_poses(stats, col, result.pose)
        stats.frames += len(col.t)
        if stats.first_t is None:
            stats.first_t = col.t[0]
        stats.last_t, stats.last_line = col.t[-1], col.lines[-1]


def _check_order(stats: StreamStats, col: _Columns, log: IssueLog) -> None:
    """Timestamps strictly increase within a stream, across chunk boundaries too."""
    t = np.array(col.t, dtype=np.int64)
    previous = np.empty_like(t)
    previous[1:] = t[:-1]
    # Compare rather than np.diff: a difference of two int64 timestamps can overflow.
    bad = t <= previous
    if stats.last_t is None:
        bad[0] = False
    else:
        previous[0] = stats.last_t
        bad[0] = t[0] <= stats.last_t
    for i in np.flatnonzero(bad):
        prev_line = col.lines[i - 1] if i else stats.last_line
        log.add(Issue(f"timestamp does not increase: t={int(t[i])} after t={int(previous[i])} "
                      f"(line {prev_line})", line=col.lines[i], stream=stats.id,
                      frame=stats.frames + int(i), t=int(t[i]), pointer="/t",
                      expected=f"> {int(previous[i])}", actual=int(t[i])))


def _pose_row(frame: dict[str, Any]) -> tuple[float, ...] | None:
    """(qx, qy, qz, qw, px, py, pz) of a pose frame, or None when it is malformed."""
    try:
        pose = frame["pose"]
        o, p = pose["orientation"], pose["position"]
        row = (o["x"], o["y"], o["z"], o["w"], p["x"], p["y"], p["z"])
    except (KeyError, TypeError):
        return None
    return row if all(type(v) in _NUMBER for v in row) else None


def _pose_problem(frame: dict[str, Any]) -> tuple[str, str]:
    """(pointer, message) naming the first malformed member of a pose frame (slow path)."""
    pose = frame.get("pose")
    if not isinstance(pose, dict):
        return "/pose", "a pose frame needs a pose object"
    for part, axes in (("orientation", "xyzw"), ("position", "xyz")):
        value = pose.get(part)
        if not isinstance(value, dict):
            return f"/pose/{part}", f"a pose needs an {part} object"
        for axis in axes:
            if type(value.get(axis)) not in _NUMBER:
                return f"/pose/{part}/{axis}", f"{part}.{axis} must be a number"
    return "/flags", "flags must be a non-negative integer (OpenXR XrSpaceLocationFlags)"


def _check_poses(stats: StreamStats, col: _Columns, log: IssueLog) -> None:
    """Each orientation that its frame flags as valid is a unit quaternion within 1 %."""
    for i, pointer, message in col.malformed:
        log.add(Issue(message, line=col.lines[i], stream=stats.id, frame=stats.frames + i,
                      t=col.t[i], pointer=pointer))
    well_formed = [row is not None for row in col.pose]
    rows = list(compress(col.pose, well_formed))
    if not rows:
        return
    index = np.flatnonzero(well_formed)
    values = np.array(rows, dtype=np.float64)
    orientation_valid = (np.array(col.flags, dtype=np.int64)[index] & ORIENTATION_VALID) != 0
    norms = np.sqrt(np.einsum("ij,ij->i", values[:, :4], values[:, :4]))
    # NaN-safe: a non-finite norm fails the comparison and is reported.
    bad = orientation_valid & ~(np.abs(norms - 1.0) <= NORM_TOLERANCE)
    checked = int(np.count_nonzero(orientation_valid))
    stats.pose_checked += checked
    stats.pose_exempt += len(rows) - checked
    for j in np.flatnonzero(bad):
        i = int(index[j])
        log.add(Issue(f"orientation is not a unit quaternion: norm {norms[j]:.6g}",
                      line=col.lines[i], stream=stats.id, frame=stats.frames + i, t=col.t[i],
                      pointer="/pose/orientation", actual=round(float(norms[j]), 6),
                      expected=f"norm within {NORM_TOLERANCE:.0%} of 1"))


@dataclass(frozen=True)
class RateResult:
    stream: str
    declared_hz: float
    effective_hz: float
    frames: int

    def deviation(self) -> float:
        return abs(self.effective_hz - self.declared_hz) / self.declared_hz


def effective_rates(analysis: CaptureAnalysis) -> tuple[list[RateResult], list[str]]:
    """Each stream's effective rate, (frames - 1) / span; and streams that cannot be measured."""
    measured: list[RateResult] = []
    unmeasured: list[str] = []
    for stats in analysis.streams.values():
        if stats.rate_hz is None:
            continue
        first, last = stats.first_t, stats.last_t
        if stats.frames < 2 or first is None or last is None or last <= first:
            unmeasured.append(stats.id)
            continue
        effective = (stats.frames - 1) * 1e9 / (last - first)
        measured.append(RateResult(stats.id, stats.rate_hz, effective, stats.frames))
    return measured, unmeasured
