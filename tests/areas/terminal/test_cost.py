"""The mechanisms that keep the terminal reader's cost per frame down (issue 28), guarded
without timing anything: each fast path gives what the plain computation gives, and is taken
where it is meant to be."""

from __future__ import annotations

import io

import msgspec
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.terminal import analyse, reader
from conformance.areas.terminal import audio as audio_mod
from conformance.areas.terminal import captions as captions_mod
from conformance.areas.terminal.capture import numbers
from conformance.areas.terminal.display import shared
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.model import JITTER_BIN_NS, JITTER_BINS, JITTER_FINE_BINS, JITTER_LOG_STEP
from conformance.areas.terminal.timing import jitter_bins


def _reference_bins(deviation_ns: np.ndarray) -> np.ndarray:
    """The bins by their definition: ceil(x / bin) - 1 (NumPy's exact float floor division of
    -x), each bin holding its upper edge, to 50 ms, then bins 1 % wider; NaN, infinities and
    anything beyond the last edge in the last bin."""
    top = JITTER_BINS - 1
    fine_top = JITTER_FINE_BINS * JITTER_BIN_NS
    with np.errstate(all="ignore"):
        bins = -(-deviation_ns // JITTER_BIN_NS) - 1
        beyond = ~(deviation_ns <= fine_top)
        above = np.ceil(np.log(deviation_ns[beyond] / fine_top) / np.log(JITTER_LOG_STEP)) - 1
        bins[beyond] = JITTER_FINE_BINS + np.maximum(above, 0)
    return np.clip(np.nan_to_num(bins, nan=top, posinf=top, neginf=0), 0, top).astype(np.int64)


def test_jitter_bins_are_right_closed_at_every_bin_edge():
    edges = np.arange(JITTER_FINE_BINS + 2) * float(JITTER_BIN_NS)
    values = np.concatenate((edges, np.nextafter(edges, -np.inf), np.nextafter(edges, np.inf),
                             [np.nan, np.inf, -np.inf, -0.0, -1.0, -1e300, 1e300, 4.9999999e7]))
    assert jitter_bins(values).tolist() == _reference_bins(values).tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.floats(-1e5, 1e9), st.floats(allow_nan=True, allow_infinity=True),
                          st.integers(0, 10**9).map(lambda k: k - 1e9 / 72)), min_size=1, max_size=50))
def test_jitter_bins_are_the_reference_bins(values):
    x = np.array(values, np.float64)
    assert jitter_bins(x).tolist() == _reference_bins(x).tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-5, 40), max_size=15), st.lists(st.integers(-5, 40), max_size=15), st.booleans())
def test_shared_frame_indices_are_intersect1d(a, b, increasing):
    if increasing:
        a, b = sorted(set(a)), sorted(set(b))
    x, y = np.array(a, np.int64), np.array(b, np.int64)
    _, mine, theirs = np.intersect1d(x, y, return_indices=True)
    got = shared(x, y)
    assert (got[0].tolist(), got[1].tolist()) == (mine.tolist(), theirs.tolist())


class _Frame(msgspec.Struct):
    values: msgspec.Raw


def test_values_parsed_in_batches_are_the_doubles_msgspec_gives(monkeypatch):
    rows = [[f"{(-1) ** k * (k * 7919 % 100000) / 100:.2f}", str(k % 13 - 6), f"{k / 7:.6f}"] for k in range(401)]
    arrays = ["[" + ",".join(row) + "]" for row in rows]
    text = ("[" + ",".join(f'{{"values":{a}}}' for a in arrays) + "]").encode()
    raws = [frame.values for frame in msgspec.json.decode(text, type=list[_Frame])]
    want = np.array(msgspec.json.decode(("[" + ",".join(arrays) + "]").encode(), type=list[list[float]]))
    monkeypatch.setattr(numbers, "BATCH", 7)  # 1203 numbers: 172 batches, the last one short
    got = numbers.number_rows(raws, len(raws), 3)
    assert got is not None
    assert got.tobytes() == want.tobytes()


def _capture(device: str, seconds: float, faults: list[str] = ()) -> bytes:  # type: ignore[assignment]
    buffer = io.BytesIO()
    generate(buffer, device, seconds, list(faults))
    return buffer.getvalue()


def test_every_chunk_of_a_clean_eeg_capture_takes_the_text_path(monkeypatch):
    parsed: list[bool] = []
    chunks: list[int] = []
    real_rows, real_check = reader.rows_in_batches, reader._check_groups

    def rows_spy(*args):
        rows = real_rows(*args)
        parsed.append(rows is not None)
        return rows

    def check_spy(*args):
        chunks.append(1)
        return real_check(*args)

    monkeypatch.setattr(reader, "rows_in_batches", rows_spy)
    monkeypatch.setattr(reader, "_check_groups", check_spy)
    data = _capture("bci_headset", 40.0)  # 10 000 EEG frames
    result = analyse(io.BytesIO(data), chunk_lines=1000, block_bytes=1 << 14)
    assert result.streams["eeg"].frames == 10_000
    # one parse per chunk, each from the text (a refused one would be decoded again as lists)
    assert len(chunks) >= 10 and parsed == [True] * len(chunks)
    assert not any(log.total for log in result.logs.values())


def test_a_capture_is_read_once(monkeypatch):
    data = _capture("bci_headset", 20.0)
    read: list[int] = []

    class Counting(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            block = super().read(size)
            read.append(len(block))
            return block

    analyse(Counting(data), block_bytes=1 << 12)
    assert sum(read) == len(data)


@pytest.mark.parametrize("device", ["captioned_scene"])
def test_an_object_sources_positions_are_read_once_a_chunk(device, monkeypatch):
    calls: list[int] = []
    real = audio_mod.vec3_view

    def counting(vectors):
        calls.append(len(vectors))
        return real(vectors)

    monkeypatch.setattr(audio_mod, "vec3_view", counting)
    monkeypatch.setattr(captions_mod, "vec3_view", counting)
    result = analyse(io.BytesIO(_capture(device, 30.0)), chunk_lines=500)
    blocks = result.streams["source"].frames
    assert sum(calls) == blocks  # each block's position encoded once, not again for the caption checks


@pytest.mark.parametrize("fault", [None, "face-count", "face-range", "face-invalid-weights"])
def test_face_weights_parsed_from_text_give_the_findings_of_decoded_lists(fault, monkeypatch):
    """A face chunk whose weights are parsed from their JSON text (FaceTextFrame) is judged as
    the same chunk decoded into lists of floats; a chunk with a weight count that is not its
    set's is refused by the text path and decoded as lists."""
    data = _capture("face_tracker", 60.0, [fault] if fault else [])
    parsed: list[bool] = []
    real_rows = reader.rows_in_batches

    def rows_spy(*args):
        rows = real_rows(*args)
        parsed.append(rows is not None)
        return rows

    monkeypatch.setattr(reader, "rows_in_batches", rows_spy)
    fast = analyse(io.BytesIO(data), chunk_lines=500, block_bytes=1 << 14)
    monkeypatch.setattr(reader, "_decode_as_text", lambda *args: None)  # every chunk as decoded lists
    plain = analyse(io.BytesIO(data), chunk_lines=500, block_bytes=1 << 14)
    assert any(parsed)  # the text path was taken
    if fault == "face-count":
        assert not all(parsed)  # ... and refused the chunks with a short frame
    for rule in fast.logs:
        assert fast.logs[rule].detailed == plain.logs[rule].detailed, rule
        assert fast.logs[rule].total == plain.logs[rule].total, rule
    assert (fault is None) == (not any(log.total for log in fast.logs.values()))
