"""Read a capture once, in chunks, decode each frame with a typed decoder, check columns.

A capture is UTF-8 NDJSON: line 1 the header, every further non-blank line one frame.
The file is read in blocks of whole lines; each block is decoded at once into typed
structs (msgspec's ``decode_lines``, :mod:`.frames`), and only a block with a bad or blank
line is taken line by line. About ``chunk_lines`` lines at a time are gathered per stream
and handed to the checks of the stream's type as NumPy columns. What must survive a chunk boundary lives in
each stream's :class:`StreamStats`. Memory stays flat: one chunk, plus a bounded number
of detailed issues per rule and counts of the rest.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from itertools import repeat
from operator import attrgetter
from typing import IO

import numpy as np
import orjson

from . import timing
from .body import check_body_frames
from .chunk import Chunk
from .frames import DECODER, HAND_JOINT_COUNT, REQUIRED, DecodeError, Frame, diagnose
from .hand import check_hand_frames
from .header import read_header
from .model import DETAIL_LIMIT, RULES, CaptureAnalysis, Issue, IssueLog
from .payloads import check_face_frames, check_haptic_frames, check_motion_platform_frames, check_olfactory_frames
from .poses import check_pose_frames

CHUNK_LINES = 20_000  # lines decoded at once; with a block's worth more, the most held
BLOCK_BYTES = 1 << 20
MAX_LINE_BYTES = 1 << 20  # a longer line is a finding, never a memory blow-up

CHECKS: dict[str, Callable[[Chunk], None]] = {
    "pose": check_pose_frames,
    "eye_gaze": check_pose_frames,
    "hand": check_hand_frames,
    "face": check_face_frames,
    "haptic": check_haptic_frames,
    "olfactory": check_olfactory_frames,
    "motion_platform": check_motion_platform_frames,
    "body": check_body_frames,
}


def analyse(stream: IO[bytes], *, chunk_lines: int = CHUNK_LINES, limit: int = DETAIL_LIMIT,
            block_bytes: int = BLOCK_BYTES) -> CaptureAnalysis:
    """Read a capture once and gather every issue and per-stream statistic. A chunk is
    whole blocks of ``block_bytes`` holding at least ``chunk_lines`` lines."""
    result = CaptureAnalysis(logs={rule: IssueLog(limit) for rule in RULES})
    try:
        _read(stream, chunk_lines, block_bytes, result)
    except (OSError, EOFError, zlib.error) as exc:
        # A truncated or corrupt .gz, or an I/O failure: keep what was read, say where it ended.
        result.log("structure").add(Issue(f"the file cannot be read after line {result.lines}: {exc}",
                                          line=result.lines + 1))
    return result


def _read(stream: IO[bytes], chunk_lines: int, block_bytes: int, result: CaptureAnalysis) -> None:
    blocks = _blocks(stream, block_bytes)
    structure = result.log("structure")
    first_block = next(blocks, None)
    if first_block is _OVERLONG:
        result.lines = 1
        structure.add(Issue(f"the header is longer than {MAX_LINE_BYTES} bytes", line=1))
        return
    first, _, rest = (first_block or b"").partition(b"\n")
    if not first.strip():
        structure.add(Issue("the capture is empty: line 1 must be the header", line=1))
        return
    result.lines = 1
    try:
        header = orjson.loads(first)
    except orjson.JSONDecodeError as exc:
        structure.add(Issue(f"the header is not valid JSON: {exc.msg}", line=1))
        return
    read_header(header, result)
    if not result.header_usable:
        return
    lines = rest.count(b"\n")
    chunk: list[tuple[bytes, int]] = [(rest, lines)] if rest else []
    start = 2
    try:
        for block in blocks:
            count = 1 if block is _OVERLONG else block.count(b"\n")
            chunk.append((block, count))
            lines += count
            if lines >= chunk_lines:  # a chunk is whole blocks: lines are never copied
                _process(chunk, start, result)
                start, chunk, lines = start + lines, [], 0
    finally:  # also when reading fails part-way: check what was read
        if chunk:
            _process(chunk, start, result)


_OVERLONG = b"\x00overlong"  # stands for a line over MAX_LINE_BYTES (a real line cannot hold NUL raw)


def _blocks(stream: IO[bytes], block_bytes: int) -> Iterator[bytes]:
    """The file as blocks of whole lines, each ending in a newline; a line over
    MAX_LINE_BYTES comes as ``_OVERLONG`` instead, and is never held whole."""
    pending = b""
    skipping = False  # inside an overlong line
    # Only the line that starts in an earlier block is measured: one within a block is shorter.
    block_bytes = min(block_bytes, MAX_LINE_BYTES)
    while block := stream.read(block_bytes):
        if skipping:
            cut = block.find(b"\n")
            if cut < 0:
                continue
            yield _OVERLONG
            skipping, block = False, block[cut + 1:]
        data = pending + block if pending else block
        first = data.find(b"\n")
        if first > MAX_LINE_BYTES or (first < 0 and len(data) > MAX_LINE_BYTES):
            if first < 0:
                skipping, pending = True, b""
                continue
            yield _OVERLONG
            data = data[first + 1:]
        cut = data.rfind(b"\n")
        pending = data[cut + 1:]
        if cut >= 0:
            yield data[: cut + 1]
        if len(pending) > MAX_LINE_BYTES:
            skipping, pending = True, b""
    if skipping:
        yield _OVERLONG
    elif pending:
        yield pending + b"\n"


def _process(blocks: list[tuple[bytes, int]], start: int, result: CaptureAnalysis) -> None:
    """Decode one chunk, gather each stream's frames, and run the checks of its type."""
    broken: dict[str, set[int]] = {}  # stream -> positions of frames whose payload is malformed
    decoded: list[Frame] = []
    numbers: list[np.ndarray] = []
    line = start
    for block, count in blocks:  # count: the lines in the block
        if block is _OVERLONG:
            result.log("structure").add(Issue(f"line is longer than {MAX_LINE_BYTES} bytes", line=line))
            line += 1
            continue
        try:  # the fast path: the whole block decodes, one frame per line
            frames = DECODER.decode_lines(block)
            if len(frames) != count:  # blank lines were skipped: number the lines one by one
                raise ValueError
            numbers.append(np.arange(line, line + count, dtype=np.int64))
        except (DecodeError, ValueError):
            frames, each = _decode_each(block.split(b"\n")[:-1], line, result, broken, len(decoded))
            numbers.append(each)
        decoded += frames
        line += count
    result.lines = line - 1
    if not decoded:
        return
    rows_line = np.concatenate(numbers)
    sids = list(map(attrgetter("stream"), decoded))
    streams = result.streams
    first = sids[0]
    if first in streams and sids.count(first) == len(sids):
        groups = {first: (decoded, rows_line, np.arange(len(decoded)))}
    else:
        codes = {sid: k for k, sid in enumerate(streams)}
        code = np.fromiter(map(codes.get, sids, repeat(-1)), np.int64, len(sids))
        for row in np.flatnonzero(code < 0):
            result.log("structure").add(Issue(
                "frame names a stream the header does not declare", line=int(rows_line[row]),
                pointer="/stream", actual=sids[row], expected=sorted(streams)))
        groups = {}
        for sid, k in codes.items():
            rows = np.flatnonzero(code == k)
            if len(rows):
                groups[sid] = ([decoded[r] for r in rows], rows_line[rows], rows)
    for sid, (bucket, lines, rows) in groups.items():
        bad = broken.get(sid)
        positions = {int(p) for p in np.flatnonzero(np.isin(rows, list(bad)))} if bad else set()
        _process_stream(result, sid, bucket, lines, positions)


def _decode_each(raw_lines: list[bytes], start: int, result: CaptureAnalysis,
                 broken: dict[str, set[int]], offset: int) -> tuple[list[Frame], np.ndarray]:
    """The slow path for a block with a blank line or one that does not decode: line by
    line. ``offset`` is the position of the block's first frame in the chunk."""
    decoded: list[Frame] = []
    numbers: list[int] = []
    decode = DECODER.decode
    for number, raw in enumerate(raw_lines, start):
        try:
            frame = decode(raw)
        except (DecodeError, TypeError):
            rescued = _slow_path(raw, number, result)
            if rescued is None:
                continue
            frame = rescued
            broken.setdefault(frame.stream, set()).add(offset + len(decoded))
        decoded.append(frame)
        numbers.append(number)
    return decoded, np.array(numbers, dtype=np.int64)


def _slow_path(raw: bytes, number: int, result: CaptureAnalysis) -> Frame | None:
    """A line the typed decoder refused: blank (skipped), overlong, or malformed (a finding).
    Returns a payload-less frame when stream and t are usable, so the timing still counts it."""
    if not raw.strip():
        return None
    value, pointer, message = diagnose(raw)
    sid = value.get("stream") if isinstance(value, dict) else None
    t = value.get("t") if isinstance(value, dict) else None
    known = isinstance(sid, str) and sid in result.streams
    result.log("structure").add(Issue(message, line=number, stream=sid if known else None, pointer=pointer))
    if known and type(t) is int and -(2**63) <= t < 2**63:
        return Frame(stream=sid, t=t)  # type: ignore[arg-type]
    return None


def _process_stream(result: CaptureAnalysis, sid: str, bucket: list[Frame], lines: np.ndarray,
                    broken: set[int]) -> None:
    stats = result.streams[sid]
    try:
        t = np.fromiter(map(attrgetter("t"), bucket), np.int64, len(bucket))
    except OverflowError:  # a t beyond int64: a finding, and the frame is left out
        keep_rows = [i for i, f in enumerate(bucket) if -(2**63) <= f.t < 2**63]
        for i in sorted(set(range(len(bucket))) - set(keep_rows)):
            result.log("structure").add(Issue("t must be an integer number of nanoseconds (int64)",
                                              line=int(lines[i]), stream=sid, pointer="/t", actual=bucket[i].t))
        broken = {keep_rows.index(i) for i in broken if i in keep_rows}
        bucket, lines = [bucket[i] for i in keep_rows], lines[keep_rows]
        if not bucket:
            return
        t = np.fromiter(map(attrgetter("t"), bucket), np.int64, len(bucket))
    timing.track(stats, t, lines, result.log("order"))
    base = stats.frames
    stats.frames += len(bucket)
    kind = stats.type or "other"
    members: dict[str, list[object]] = {}
    missing = _missing_members(bucket, kind, broken, members)
    for position, (pointer, message) in missing.items():
        result.log("structure").add(Issue(message, line=int(lines[position]), stream=sid,
                                          frame=base + position, t=int(t[position]), pointer=pointer))
    check = CHECKS.get(kind)
    if check is None:
        return
    skip = broken | set(missing)
    if skip:
        keep = np.array([i for i in range(len(bucket)) if i not in skip], dtype=np.int64)
        bucket = [bucket[i] for i in keep]
        members = {}  # gathered for every row: no longer aligned
        lines, t = lines[keep], t[keep]
    else:
        keep = np.arange(len(bucket), dtype=np.int64)
    if bucket:
        check(Chunk(result, stats, bucket, lines, t, keep, base, members))


def _missing_members(bucket: list[Frame], kind: str, broken: set[int],
                     members: dict[str, list[object]]) -> dict[int, tuple[str, str]]:
    """Position -> (pointer, message) of the first member a frame of this type lacks, or
    of a hand's joint count. The members' values are kept in ``members`` for the checks."""
    missing: dict[int, tuple[str, str]] = {}
    for member in REQUIRED.get(kind, ()):
        values = members[member] = list(map(attrgetter(member), bucket))
        if None in values:
            for i, v in enumerate(values):
                if v is None and i not in broken:
                    missing.setdefault(i, (f"/{member}", f"a {kind} frame needs {member}"))
    if kind == "hand":
        for i, frame in enumerate(bucket):
            if frame.joints is not None and len(frame.joints) != HAND_JOINT_COUNT and i not in missing:
                missing[i] = ("/joints", f"a hand has {HAND_JOINT_COUNT} joints (XR_HAND_JOINT_COUNT_EXT), "
                                         f"not {len(frame.joints)}")
    return missing
