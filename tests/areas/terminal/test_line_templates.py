"""Whole lines of a fixed layout read a chunk at a time (capture/templates.py): a touch bench's chunks take that path,
and the analysis is the same as the struct decoder's, finding for finding and column for column, bit for bit,
whatever the lines hold; a line the layouts do not read (a negative or 19-digit t, keys in another order, an
extension member, a space, an undeclared stream, a blank line, a malformed number) sends its chunk back to the
decoder, which judges it with evidence as before."""

from __future__ import annotations

import io

import numpy as np
import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.capture.templates import LineTemplates
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.generate.touch import DURATION_S

#: (what a line holds, what replaces it) on the lines that hold it, in turn: each still a valid frame the layouts read
READ = [(b'"contacts":[]', b'"contacts":[{"position_mm":[1,2],"force_n":1}]'),
        (b'"contacts":[]', b'"contacts":[{"position_mm":[1.5,-0.0],"force_n":0.1},{"position_mm":[2.5,3.5],'
                           b'"force_n":0.2},{"position_mm":[9.5,2.5],"force_n":0.3}]'),
        (b'"contacts":[]', b'"contacts":[{"position_mm":[1e-7,2E2],"force_n":1.5e-3}]'),
        (b'"tips_mm":[[7.5,7.5]]', b'"tips_mm":[]'),
        (b'"tips_mm":[[7.5,7.5]]', b'"tips_mm":[[1,2],[3,4],[5,6]]'),
        (b'"load_n":0.0', b'"load_n":-0'), (b'"contacts":[]}', b'"contacts":[]} ')]  # a space after: JSON's
#: ... and lines the layouts do not read: each sends its chunk to the decoder
LEFT = [(b'"t":1', b'"t":-1'), (b'"t":1', b'"t":99999991'), (b'"t":1', b'"t":01'),
        (b'{"stream":"touch","t"', b'{"t"'), (b'"contacts":[]', b'"contacts":[],"stream":"touch"'),
        (b'"contacts":[]', b'"contacts":[{"force_n":0.5,"position_mm":[3.5,4.5]}]'),
        (b'"contacts":[]', b'"contacts":[],"x-q":1'), (b'"contacts":[]', b'"contacts":[ ]'),
        (b'"stream":"touch"', b'"stream":"touch2"'), (b'"load_n":0.0', b'"load_n":0.'),
        (b'"load_n":0.0', b'"load_n":"0.0"'), (b'"tips_mm":[[', b'"tips_mm":[[1],['),
        (b'"contacts":[]}', b'"contacts":[]}\n'), (b'{"stream"', b' {"stream"')]


@pytest.fixture(scope="module")
def bench() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "touch_bench", DURATION_S)
    return buffer.getvalue()


def _changed(capture: bytes, pairs: list[tuple[bytes, bytes]], after: int = 0, most: int | None = None) -> bytes:
    """The capture with each pair's first text replaced in turn on the lines after line ``after`` that hold it (at
    most ``most`` lines)."""
    lines, k = capture.split(b"\n"), 0
    for i in range(1 + after, len(lines)):
        old, new = pairs[k % len(pairs)]
        if old in lines[i] and (most is None or k < most):
            lines[i], k = lines[i].replace(old, new, 1), k + 1
    return b"\n".join(lines)


def _state(capture: bytes, **options) -> dict[str, object]:
    """Everything the analysis holds that a chunk's path could change: each rule's findings and each stream's
    timing and kept readings."""
    analysis = analyse(io.BytesIO(capture), **options)
    logs = {rule: (log.total, [repr(f) for f in log.detailed]) for rule, log in analysis.logs.items()}
    streams = {}
    for sid, s in analysis.streams.items():
        kept = {} if s.touch is None else {n: s.touch.column(n).tobytes() for n in ("t", "line", *s.touch.read)}
        streams[sid] = (s.frames, s.first_t, s.last_t, s.last_line, s.gaps, s.dropped, s.reversed,
                        None if s.jitter is None else s.jitter.tobytes(), _chart(s.interval_chart), kept)
    return {"lines": analysis.lines, "logs": logs, "streams": streams}


def _chart(chart: object) -> object:
    """The report's interval chart of a stream, as values."""
    return None if chart is None else {k: v.tobytes() if isinstance(v, np.ndarray) else v for k, v in vars(chart).items()}


def _by_decoder(capture: bytes, monkeypatch, **options) -> dict[str, object]:
    with monkeypatch.context() as m:
        m.setattr(LineTemplates, "read", lambda self, blocks, start: None)
        return _state(capture, **options)


def _read(monkeypatch) -> list[bool]:
    """Records, chunk by chunk, whether the layouts read it."""
    taken: list[bool] = []
    read = LineTemplates.read

    def counted(self, blocks, start):
        got = read(self, blocks, start)
        taken.append(got is not None)
        return got
    monkeypatch.setattr(LineTemplates, "read", counted)
    return taken


def test_a_touch_bench_is_read_by_the_layouts_with_the_decoders_result(bench, monkeypatch):
    expected = _by_decoder(bench, monkeypatch)
    taken = _read(monkeypatch)
    assert _state(bench) == expected
    assert taken and all(taken)
    taken.clear()
    assert _state(bench, chunk_lines=97, block_bytes=2048) == _by_decoder(bench, monkeypatch, chunk_lines=97, block_bytes=2048)
    assert len(taken) > 10 and all(taken)


def test_frames_of_every_layout_are_read_bit_for_bit(bench, monkeypatch):
    capture = _changed(bench, READ)
    expected = _by_decoder(capture, monkeypatch)
    taken = _read(monkeypatch)
    assert _state(capture) == expected
    assert taken and all(taken)
    kept = expected["streams"]
    assert np.frombuffer(kept["touch"][-1]["count"]).max() == 3  # type: ignore[index]
    assert np.frombuffer(kept["touch_indenter"][-1]["tips"]).max() == 3  # type: ignore[index]


@pytest.mark.parametrize("pair", LEFT, ids=[new.decode() for _, new in LEFT])
def test_a_line_the_layouts_do_not_read_leaves_its_chunk_to_the_decoder(bench, monkeypatch, pair):
    capture = _changed(bench, [pair], after=600, most=1)
    assert capture != bench
    expected = _by_decoder(capture, monkeypatch, chunk_lines=150, block_bytes=2048)
    taken = _read(monkeypatch)
    assert _state(capture, chunk_lines=150, block_bytes=2048) == expected
    assert not all(taken) and any(taken)  # the chunks without such a line still take the layouts


def test_indenter_lines_are_read_too(monkeypatch):
    buffer = io.BytesIO()
    generate(buffer, "tactile_bench", 20)
    header, *lines = buffer.getvalue().split(b"\n")
    declared = orjson.loads(header)
    declared["streams"] = [s for s in declared["streams"] if s["type"] == "indenter"]
    mine = {s["id"] for s in declared["streams"]}
    kept = [line for line in lines if line and orjson.loads(line)["stream"] in mine]
    assert kept
    capture = b"\n".join([orjson.dumps(declared), *kept, b""])
    expected = _by_decoder(capture, monkeypatch)
    taken = _read(monkeypatch)
    assert _state(capture) == expected
    assert taken and all(taken)
