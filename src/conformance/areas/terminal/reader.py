"""Read a capture once, in chunks, decode each frame with a typed decoder, check columns.

A capture is UTF-8 NDJSON: line 1 the header, every further non-blank line one frame.
The file is read in blocks of whole lines; each block is decoded at once into typed
structs (msgspec's ``decode_lines``, :mod:`.frames`), and only a block with a bad or blank
line is taken line by line. About ``chunk_lines`` lines at a time, or fewer when they hold
more than ``chunk_bytes`` (hand frames are 30 times the size of head poses), are gathered
per stream and handed to the checks of the stream's type as NumPy columns. What must
survive a chunk boundary lives in each stream's :class:`StreamStats`. Memory stays flat:
one chunk, plus a bounded number of detailed issues per rule and counts of the rest.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from itertools import compress
from operator import attrgetter
from typing import IO, Any

import msgspec
import numpy as np
import orjson

from conformance import Finding, msg
from conformance.codecs.ndjson import blank

from . import timing
from .audio import check_audio_frames
from .bci import check_biosignal_frames, text_value_widths
from .biometric import check_export, scan_extensions
from .body import check_body_frames
from .captions import check_audio_and_sources
from .capture.blocks import MAX_LINE_BYTES, Block, blocks, decoded_lines
from .capture.decoder import DecodeError, FrameDecoder
from .capture.frames import HAND_JOINT_COUNT, FaceTextFrame, HandTextFrame, PoseTextFrame
from .capture.lists import touch_columns
from .capture.memory import freed_memory_kept
from .capture.numbers import rows_in_batches
from .capture.records import JOINTS, POSE, BodyTextFrame, available, parse_bones, parse_records
from .chunk import Chunk
from .decoding import collect_markers
from .display import check_display_frames
from .flicker import check_luminance_frames
from .force import check_force_frames
from .force_output import check_force_sensor_frames
from .hand import check_hand_frames
from .haptic_output import check_acceleration_frames
from .scent_release import check_gas_sensor_frames
from .photon import check_photodiode_frames
from .recognition import keep_cues, keep_events, keep_transcripts
from .header import read_header
from .headtracking import check_ears
from .health import check_session_frames
from .model import DETAIL_LIMIT, RULES, CaptureAnalysis, IssueLog, StreamStats, captured
from .payloads import (
    FACE_SETS,
    check_face_frames,
    check_haptic_frames,
    check_motion_platform_frames,
    check_olfactory_frames,
)
from .poses import check_pose_frames
from .power import check_power_frames
from .soundfield import check_field_frames
from .tactile import check_indenter_frames, check_tactile_frames
from .touch import keep_touch_frames
from .depth import check_depth_frames, check_range_target_frames
from .magnification import check_view_scale_frames
from .radar import check_radar_frames, check_reflector_frames
from .camera import check_board_frames, check_camera_frames
from .blue_light import check_spectrum_frames
from .eyepiece_luminance import check_eyepiece_luminance_frames
from .vergence import check_content_depth_frames

CHUNK_LINES = 20_000  # lines decoded at once; with a block's worth more, the most held
#: ... unless they are longer: 1 MB is about 6 000 head poses or 200 hand frames. Decoded
#: structs of a chunk this size are still in the CPU's cache when they are gathered and
#: freed; at 4 MB the same capture took 20-40 % longer (bench/terminal.py).
CHUNK_BYTES = 1 << 20
#: ... but where the decoder keeps hand joints as JSON text (:attr:`.FrameDecoder.joints_as_text`),
#: a hand frame is a few small objects, not 300, and 1 MB chunks would hold only about 100
#: frames of each of a headset's other streams: larger chunks spread each check's fixed cost
#: over more frames (the 1 M-frame mixed vr_headset capture, in one process: 2.66 s at 1 MB,
#: 2.31 at 2 MB, 2.16 at 3 MB, 2.02 at 4 MB, 2.2 at 8 MB; decoded into structs 4.9-5.1 s at
#: 1 MB, 6-7 s at 4 MB). Without hands the chunk stays at 1 MB: face and eeg captures were
#: 3-9 % slower at 4 MB (their parsed arrays outgrow the cache), a body capture 34 %.
TEXT_CHUNK_BYTES = 4 << 20
BLOCK_BYTES = 1 << 18


def check_audio_and_field(chunk: Chunk) -> None:
    """audio streams: TD-AUD-001..003 and TD-CAPT-003's sources, then an ambisonic export's sound
    in each test source's window (TD-AUD-006)."""
    check_audio_and_sources(chunk)
    check_field_frames(chunk)


CHECKS: dict[str, Callable[[Chunk], None]] = {
    "pose": check_pose_frames,
    "eye_gaze": check_pose_frames,
    "hand": check_hand_frames,
    "face": check_face_frames,
    "haptic": check_haptic_frames,
    "olfactory": check_olfactory_frames,
    "motion_platform": check_motion_platform_frames,
    "body": check_body_frames,
    "eeg": check_biosignal_frames,
    "emg": check_biosignal_frames,
    "audio": check_audio_and_field,  # TD-AUD-*, an object source's positions for TD-CAPT-003
    "force_feedback": check_force_frames,
    "display": check_display_frames,
    "voice": check_audio_frames,
    "power": check_power_frames,
    "voice_event": keep_events,  # TD-VOICE-002, speech segments for TD-CAPT-002, TD-VOICE-004's events
    "caption": keep_cues,  # TD-CAPT-001/002, and TD-CAPT-004's cues of the corpus played
    "session": check_session_frames,
    "content_depth": check_content_depth_frames,  # TD-DISP-004
    "luminance": check_luminance_frames,  # TD-DISP-005
    "acceleration": check_acceleration_frames,  # TD-HAPT-003: an accelerometer's trace of an actuator
    "gas_sensor": check_gas_sensor_frames,  # TD-OLF-003: a photoionization detector's trace of released scents
    "photodiode": check_photodiode_frames,  # TD-DISP-009: a photodiode's trace of an eyepiece on the photon rig
    "force_sensor": check_force_sensor_frames,  # TD-FORCE-004: a force sensor's trace of a force-feedback device
    "binaural": check_ears,  # TD-AUD-004: each test signal's window; TD-AUD-005: the ITD track of a head turn
    "transcript": keep_transcripts,  # TD-VOICE-003, and TD-VOICE-004's final results
    "marker": collect_markers,  # TD-BCI-006: stimuli and decisions, judged by the suite
    "tactile": check_tactile_frames,  # TD-TACT-001: each frame's readings against the layout; TD-TACT-002's columns
    "indenter": check_indenter_frames,  # TD-TACT-002: the reference indenter's readings, judged by the suite
    "touch": keep_touch_frames,  # TD-TACT-004: the contacts a device recognises, judged by the suite
    "touch_indenter": keep_touch_frames,  # TD-TACT-004: the reference indenter's tips and load
    "depth": check_depth_frames,  # TD-DEPTH-001: each frame's ranges against the region; TD-DEPTH-002's columns
    "range_target": check_range_target_frames,  # TD-DEPTH-002: the reference target's distances
    "radar": check_radar_frames,  # TD-RADAR-001: each frame's points; TD-RADAR-002's columns
    "reflector": check_reflector_frames,  # TD-RADAR-002: the corner reflector's places
    "camera": check_camera_frames,  # TD-CAM-001: each frame's board corners; TD-CAM-002's corners
    "calibration_board": check_board_frames,  # TD-CAM-002: the calibration board's places
    "spectrum": check_spectrum_frames,  # TD-DISP-010: each reading's blue-light weighted radiance
    "eyepiece_luminance": check_eyepiece_luminance_frames,  # TD-DISP-011: centre luminance and uniformity
    "gesture": collect_markers,  # TD-HAND-004: recognised gestures, judged by the suite against their schedule
    "gaze_selection": collect_markers,  # TD-GAZE-005: targets selected by gaze, judged by the suite against its schedule
    "stage_trigger": collect_markers,  # TD-DISP-009: the photon rig's stage crossings
    "view_scale": check_view_scale_frames,  # TD-ACC-006: a camera's readings of the letter shown at the eyepiece
}


def analyse(stream: IO[bytes], *, chunk_lines: int = CHUNK_LINES, limit: int = DETAIL_LIMIT,
            block_bytes: int = BLOCK_BYTES, chunk_bytes: int | None = None) -> CaptureAnalysis:
    """Read a capture once and gather every issue and per-stream statistic. A chunk is
    whole blocks of ``block_bytes``, as many as hold ``chunk_lines`` lines or ``chunk_bytes``
    (None: CHUNK_BYTES, or TEXT_CHUNK_BYTES where the decoder keeps hand joints as text)."""
    result = CaptureAnalysis(logs={key: IssueLog(limit) for key in RULES})
    try:
        with freed_memory_kept():
            _read(stream, chunk_lines, chunk_bytes, block_bytes, result)
    except (OSError, EOFError, zlib.error) as exc:
        # A truncated or corrupt .gz, or an I/O failure: keep what was read, say where it ended.
        result.log("structure").add(Finding(msg("terminal.unreadable", line=result.lines, error=str(exc)),
                                          line=result.lines + 1, rule="R1"))
    if result.header_usable:
        check_export(result)  # what was read of the frames decides
    return result


def _read(stream: IO[bytes], chunk_lines: int, chunk_bytes: int | None, block_bytes: int,
          result: CaptureAnalysis) -> None:
    blocks_ = blocks(stream, block_bytes)
    structure = result.log("structure")
    first_block, count = next(blocks_, (b"", 0))
    if first_block is None:
        result.lines = 1
        # no rule of TD-CAP-001 bounds a line: MAX_LINE_BYTES is the reader's (text against check, issue 76)
        structure.add(Finding(msg("terminal.header-too-long", limit=MAX_LINE_BYTES), line=1))
        return
    first, _, rest = bytes(first_block).partition(b"\n")
    if blank(first):
        structure.add(Finding(msg("terminal.empty"), line=1, rule="R2"))
        return
    result.lines = 1
    try:
        header = orjson.loads(first)
    except orjson.JSONDecodeError as exc:
        structure.add(Finding(msg("terminal.header-not-json", error=exc.msg), line=1, rule="R2"))
        return
    read_header(header, result)
    if not result.header_usable:
        return
    widths = text_value_widths(result)
    decoder = FrameDecoder({sid: stats.type for sid, stats in result.streams.items()}, widths, available())
    if chunk_bytes is None:
        chunk_bytes = TEXT_CHUNK_BYTES if decoder.joints_as_text else CHUNK_BYTES
    lines, size = count - 1, len(rest)
    chunk: list[tuple[Block, int]] = [(rest, lines)] if rest else []
    start = 2
    try:
        for block, count in blocks_:
            chunk.append((block, count))
            lines += count
            size += 0 if block is None else len(block)
            if lines >= chunk_lines or size >= chunk_bytes:  # a chunk is whole blocks: lines are never copied
                _process(chunk, start, result, decoder, widths)
                start, chunk, lines, size = start + lines, [], 0, 0
    finally:  # also when reading fails part-way: check what was read
        if chunk:
            _process(chunk, start, result, decoder, widths)


def _process(blocks: list[tuple[Block, int]], start: int, result: CaptureAnalysis, decoder: FrameDecoder,
             widths: dict[str, int]) -> None:
    """Decode one chunk, gather each stream's frames, and run the checks of its type."""
    if decoder.templates is not None and (read := decoder.templates.read(blocks, start)) is not None:
        result.lines = start + sum(len(got.frames) for got in read) - 1  # every line a frame of a layout
        for got in read:
            _process_stream(result, got.sid, got.frames, got.lines, set(), got.columns, got.t)
        return
    text = _decode_as_text(blocks, start, result, decoder, widths) if decoder.decode_lines_text else None
    if text is not None:
        _check_groups(result, decoder, text[0], set(), text[1])
        return
    broken: set[int] = set()  # positions in the chunk of stand-ins for frames that did not decode
    decoded: list[Any] = []
    numbers: list[np.ndarray] = []
    line = start
    for block, count in blocks:  # count: the lines in the block
        if block is None:  # as header-too-long: no rule bounds a line
            result.log("structure").add(Finding(msg("terminal.line-too-long", limit=MAX_LINE_BYTES), line=line))
            line += 1
            continue
        try:  # the fast path: the whole block decodes, one frame per line, no member beyond the structs'
            frames = decoder.decode_lines_strict(block)
            if len(frames) != count:  # blank lines were skipped: number the lines one by one
                raise ValueError
            numbers.append(np.arange(line, line + count, dtype=np.int64))
        except (DecodeError, ValueError, RecursionError):  # msgspec: nesting too deep
            scan_extensions(block, line, result)  # perhaps extension members: TD-BIO-004 looks at them
            try:
                frames = decoder.decode_lines(block)
                if len(frames) != count:
                    raise ValueError from None
                numbers.append(np.arange(line, line + count, dtype=np.int64))
            except (DecodeError, ValueError, RecursionError):
                frames, each = _decode_each(bytes(block).split(b"\n")[:-1], line, result, decoder, broken,
                                            len(decoded))
                numbers.append(each)
        decoded += frames
        line += count
    result.lines = line - 1
    if decoded:
        _check_groups(result, decoder, _group(decoder, decoded, np.concatenate(numbers)), broken, {})


#: struct class -> (frames, line numbers, positions in the chunk)
Groups = dict[type[msgspec.Struct], tuple[list[Any], np.ndarray, np.ndarray]]


def _decode_as_text(blocks: list[tuple[Block, int]], start: int, result: CaptureAnalysis, decoder: FrameDecoder,
                    widths: dict[str, int]) -> tuple[Groups, dict[str, dict[str, np.ndarray]]] | None:
    """The fastest path, for a chunk whose every block decodes strictly with the eeg and emg
    values, the face weights, the poses and the hand joints kept as JSON text, whose arrays
    are all of numbers, as many as the stream has channels (a face stream's frames of the
    chunk: all of one expression set, as many weights as it has), and whose poses and joints
    are all laid out as the structs write them: each stream's are parsed in bulk
    (:func:`.capture.numbers.rows_in_batches`, :func:`.capture.records.parse_records`). Such
    a chunk gives no finding on the way and the same frames and values as the strict
    decoder, so the same verdicts; for any other (None) the chunk is decoded as before."""
    decode = decoder.decode_lines_text
    assert decode is not None
    decoded = decoded_lines(decode, blocks)
    if decoded is None:
        return None
    groups = _group(decoder, decoded, np.arange(start, start + len(decoded), dtype=np.int64))
    values: dict[str, dict[str, np.ndarray]] = {}
    for cls, (bucket, _, _) in groups.items():
        sid = decoder.stream_of[cls]
        if sid is not None:
            columns = _bulk_columns(bucket, widths.get(sid))
            if columns is None:
                return None
            if columns:
                values[sid] = columns
    result.lines = start + len(decoded) - 1
    return groups, values


def _bulk_columns(bucket: list[Any], width: int | None) -> dict[str, np.ndarray] | None:
    """The members of one stream's frames the text decoder kept as JSON text, parsed at once
    (``width``: an eeg or emg stream's channels); {} when it kept none; None when they are
    not all as they must be (the chunk is then decoded into structs)."""
    first = bucket[0]
    if width is not None:
        rows = rows_in_batches(list(map(_VALUES, bucket)), width)
        return None if rows is None else {"values": rows}
    if isinstance(first, FaceTextFrame):
        sets = list(map(_SET, bucket))
        if sets.count(sets[0]) != len(sets):  # sets mixed in a chunk: decoded as before
            return None
        rows = rows_in_batches(list(map(_WEIGHTS, bucket)), FACE_SETS[sets[0]])
        return None if rows is None else {"weights": rows}
    if isinstance(first, PoseTextFrame):
        poses = parse_records(list(map(_POSE, bucket)), POSE)
        return None if poses is None else {"pose": poses[0]}
    if isinstance(first, HandTextFrame):
        joints = parse_records(list(map(_JOINTS, bucket)), JOINTS)
        return None if joints is None else {"joints": joints[0], "joint_flags": joints[1]}
    if isinstance(first, BodyTextFrame):
        bones = parse_bones(list(map(_BONES, bucket)))
        return None if bones is None else {"bones": bones}
    return touch_columns(bucket)  # a touch or indenter stream's contacts, tips or place; else {}


_VALUES, _WEIGHTS, _SET, _POSE, _JOINTS, _BONES = map(attrgetter, ("values", "weights", "set", "pose", "joints",
                                                                   "bones"))
_STREAM_NUMBER = attrgetter("stream_number")  # a class attribute of FrameDecoder's classes


def _group(decoder: FrameDecoder, decoded: list[Any], rows_line: np.ndarray) -> Groups:
    """A chunk's frames by stream (one struct class per declared stream; a stream's classes
    share a number), each in the order read."""
    code = np.fromiter(map(_STREAM_NUMBER, decoded), np.int64, len(decoded))
    first = type(decoded[0])
    if (code == code[0]).all() and decoder.stream_of[first] is not None:
        return {decoder.group_of[int(code[0])]: (decoded, rows_line, np.arange(len(decoded)))}
    groups: Groups = {}
    for k, cls in decoder.group_of.items():
        mine = code == k
        rows = np.flatnonzero(mine)
        if len(rows):  # compress: one C pass over the mask (itemgetter took its positions as Python ints)
            groups[cls] = (list(compress(decoded, mine)), rows_line[rows], rows)
    return groups


def _check_groups(result: CaptureAnalysis, decoder: FrameDecoder, groups: Groups, broken: set[int],
                  values: dict[str, dict[str, np.ndarray]]) -> None:
    for cls, (bucket, lines, rows) in groups.items():
        sid = decoder.stream_of[cls]
        if sid is None:  # the stand-in tag of FrameDecoder, named in the frame
            for line_number in lines:
                _undeclared(result, int(line_number), cls.__struct_config__.tag)
            continue
        positions = {int(p) for p in np.flatnonzero(np.isin(rows, list(broken)))} if broken else set()
        _process_stream(result, sid, bucket, lines, positions, values.get(sid, {}))


def _undeclared(result: CaptureAnalysis, line: int, sid: object) -> None:
    result.log("structure").add_built(lambda: Finding(msg("terminal.undeclared-stream"), line=line, pointer="/stream",
                                                      rule="R3", actual=sid, expected=sorted(result.streams)))


def _decode_each(raw_lines: list[bytes], start: int, result: CaptureAnalysis, decoder: FrameDecoder,
                 broken: set[int], offset: int) -> tuple[list[Any], np.ndarray]:
    """The slow path for a block with a blank line or one that does not decode: line by
    line. ``offset`` is the position of the block's first frame in the chunk."""
    decoded: list[Any] = []
    numbers: list[int] = []
    decode = decoder.decode
    for number, raw in enumerate(raw_lines, start):
        try:
            frame = decode(raw)
        # msgspec: invalid UTF-8 in a string; nesting deeper than it recurses (orjson names it)
        except (DecodeError, TypeError, UnicodeDecodeError, RecursionError):
            frame = _slow_path(raw, number, result, decoder)
            if frame is None:
                continue
            broken.add(offset + len(decoded))
        decoded.append(frame)
        numbers.append(number)
    return decoded, np.array(numbers, dtype=np.int64)


def _slow_path(raw: bytes, number: int, result: CaptureAnalysis, decoder: FrameDecoder) -> msgspec.Struct | None:
    """A line the typed decoder refused: blank (skipped), overlong, or malformed (a finding).
    Returns a payload-less stand-in when stream and t are usable, so the timing still counts it."""
    if blank(raw):
        return None
    value, pointer, message = decoder.diagnose(raw)
    sid = value.get("stream") if isinstance(value, dict) else None
    t = value.get("t") if isinstance(value, dict) else None
    known = sid if isinstance(sid, str) and sid in result.streams else None
    if pointer == "/stream" and sid is not None and known is None:
        _undeclared(result, number, sid)
        return None
    result.log("structure").add(captured(message, line=number, stream=known, pointer=pointer,
                                         rule=_structure_rule(value, pointer)))
    if known is not None and type(t) is int and -(2**63) <= t < 2**63:
        return decoder.stand_in(known, t)
    return None


def _structure_rule(value: object, pointer: str) -> str:
    """TD-CAP-001's rule a frame line the decoder refused breaks: not a JSON object R1, its stream R3,
    its ``t`` R4, any other member R5."""
    if not isinstance(value, dict):
        return "R1"
    top = pointer.split("/")[1] if pointer.startswith("/") else ""
    return {"stream": "R3", "t": "R4"}.get(top, "R5")


def _process_stream(result: CaptureAnalysis, sid: str, bucket: list[Any], lines: np.ndarray,
                    broken: set[int], columns: dict[str, np.ndarray], t: np.ndarray | None = None) -> None:
    """``columns``: members already read in bulk, a row per frame of ``bucket``; ``t``: their times, when read so."""
    stats = result.streams[sid]
    try:
        t = np.fromiter(map(attrgetter("t"), bucket), np.int64, len(bucket)) if t is None else t
    except OverflowError:  # a t beyond int64: a finding, and the frame is left out
        keep_rows = [i for i, f in enumerate(bucket) if -(2**63) <= f.t < 2**63]
        result.log("structure").add_each(sorted(set(range(len(bucket))) - set(keep_rows)), lambda i: captured(
            msg("terminal.t-not-int64"), line=int(lines[i]), stream=sid, pointer="/t", rule="R4", actual=bucket[i].t))
        broken = {keep_rows.index(i) for i in broken if i in keep_rows}
        bucket, lines = [bucket[i] for i in keep_rows], lines[keep_rows]
        columns = {name: column[keep_rows] for name, column in columns.items()}
        if not bucket:
            return
        t = np.fromiter(map(attrgetter("t"), bucket), np.int64, len(bucket))
    timing.track(stats, t, lines, result.log("order"))
    base = stats.frames
    stats.frames += len(bucket)
    kind = stats.type or "other"
    check = CHECKS.get(kind)
    if check is None:
        return
    counted = kind == "hand" and "joints" not in columns  # parsed from the text: 26 joints each
    skip = broken | (_wrong_joint_counts(result, stats, base, bucket, lines, t, broken) if counted else set())
    if skip:
        keep = np.array([i for i in range(len(bucket)) if i not in skip], dtype=np.int64)
        bucket = [bucket[i] for i in keep]
        lines, t = lines[keep], t[keep]
        columns = {name: column[keep] for name, column in columns.items()}
    else:
        keep = np.arange(len(bucket), dtype=np.int64)
    if bucket:
        check(Chunk(result, stats, bucket, lines, t, keep, base, columns))


def _wrong_joint_counts(result: CaptureAnalysis, stats: StreamStats, base: int, bucket: list[Any],
                        lines: np.ndarray, t: np.ndarray, broken: set[int]) -> set[int]:
    """Positions of hand frames without exactly 26 joints, each a structure finding."""
    wrong = {i for i, frame in enumerate(bucket) if i not in broken and len(frame.joints) != HAND_JOINT_COUNT}
    result.log("structure").add_each(sorted(wrong), lambda i: captured(
        msg("terminal.joint-count", expected=HAND_JOINT_COUNT, count=len(bucket[i].joints)),
        line=int(lines[i]), stream=stats.id, frame=base + i, t=int(t[i]), pointer="/joints", rule="R5"))
    return wrong
