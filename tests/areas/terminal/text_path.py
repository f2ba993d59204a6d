"""What the records tests (test_records.py: poses and hand joints; test_body_records.py: body bones) share: a
capture judged once through the compiled parser of the frames' JSON text and once decoded into msgspec's structs,
with what each call of the parser gave, and one frame of a capture made odd."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from conformance.areas.terminal import analyse, reader
from conformance.areas.terminal.capture import records
from conformance.areas.terminal.generate.capture import generate

if TYPE_CHECKING:
    from conformance.areas.terminal.model import CaptureAnalysis, StreamStats


def compiled() -> None:
    if not records.available():
        pytest.skip("the compiled parser is not installed (no C compiler at install)")


def capture(device: str, faults: list[str], seconds: float) -> bytes:
    buffer = io.BytesIO()
    generate(buffer, device, seconds, faults)
    return buffer.getvalue()


def edit_frame(data: bytes, member: bytes, edit: Callable[[dict], None], index: int = 40) -> bytes:
    """The capture with its ``index``-th line holding ``member`` (e.g. b'"joints"') changed by ``edit``."""
    lines = data.split(b"\n")
    holding = [i for i, line in enumerate(lines) if member in line]
    frame = json.loads(lines[holding[index]])
    edit(frame)
    lines[holding[index]] = json.dumps(frame, separators=(",", ":")).encode()
    return b"\n".join(lines)


def both_paths(data: bytes, monkeypatch: pytest.MonkeyPatch,
               parser: str) -> tuple[CaptureAnalysis, CaptureAnalysis, list[object]]:
    """(the capture judged through the compiled ``parser`` of reader, judged decoded into structs, what each call
    of that parser gave: None where it refused the chunk)."""
    parsed: list[object] = []
    monkeypatch.setattr(reader, parser, lambda *args, real=getattr(reader, parser): (
        parsed.append(real(*args)) or parsed[-1]))
    fast = analyse(io.BytesIO(data), chunk_lines=700, block_bytes=1 << 14)
    monkeypatch.setattr(reader, "available", lambda: False)  # every record decoded into structs
    plain = analyse(io.BytesIO(data), chunk_lines=700, block_bytes=1 << 14)
    return fast, plain, parsed


def assert_judged_alike(fast: CaptureAnalysis, plain: CaptureAnalysis,
                        held: Callable[[StreamStats], object]) -> None:
    """The same findings of every rule, and of every stream the same counts and the same ``held`` (what a
    requirement judges after the pass, e.g. TD-HAND-002's bone lengths)."""
    for rule in fast.logs:
        assert fast.logs[rule].detailed == plain.logs[rule].detailed, rule
        assert fast.logs[rule].total == plain.logs[rule].total, rule
    for sid, stats in fast.streams.items():
        other = plain.streams[sid]
        assert (stats.frames, stats.checked, stats.reversed) == (other.frames, other.checked, other.reversed), sid
        assert held(stats) == held(other), sid
