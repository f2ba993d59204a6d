"""EEG and EMG streams (TD-BCI-*): electrode names, and what the pass gathers per channel
the same however the capture is chunked."""

from __future__ import annotations

import io

import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.bci import TEN_TEN, TEN_TWENTY
from conformance.areas.terminal.generate.capture import generate


def _signal(faults: list[str], chunk_lines: int):
    buffer = io.BytesIO()
    generate(buffer, "bci_headset", 3.0, faults)
    buffer.seek(0)
    result = analyse(buffer, chunk_lines=chunk_lines)
    (eeg,) = result.streams_of("eeg")
    return result, eeg


@pytest.mark.parametrize("fault", ["eeg-flat", "eeg-saturated", "eeg-range"])
def test_chunk_boundaries_change_nothing(fault):
    _, whole = _signal([fault], 100_000)
    _, pieces = _signal([fault], 11)
    assert [(round(f.value, 6), f.count, (f.where or {}).get("frame")) for f in whole.signal.flat] == \
        [(round(f.value, 6), f.count, (f.where or {}).get("frame")) for f in pieces.signal.flat]
    assert whole.signal.saturated.tolist() == pieces.signal.saturated.tolist()
    assert whole.signal.samples == pieces.signal.samples == 750


def test_a_flat_channel_is_found_where_it_ends():
    _, eeg = _signal(["eeg-flat"], 97)
    flat = eeg.signal.flat[3]
    assert flat.value == pytest.approx(1996, abs=2)  # 500 samples at 250 Hz, 499 periods
    assert flat.where["frame"] == 20 + 499 and flat.where["pointer"] == "/values/3"
    assert max(f.value for k, f in enumerate(eeg.signal.flat) if k != 3) < 20


def test_a_value_count_unlike_the_channels_is_a_structure_finding():
    buffer = io.BytesIO()
    generate(buffer, "bci_headset", 1.0)
    lines = buffer.getvalue().split(b"\n")
    k = next(i for i, line in enumerate(lines) if b'"values"' in line)
    lines[k] = lines[k].replace(b'"values":[', b'"values":[1.0,', 1)
    result = analyse(io.BytesIO(b"\n".join(lines)))
    (finding,) = result.log("structure").detailed
    assert "9 value(s) in a frame of a stream with 8 channel(s)" in finding.message
    assert result.log("bci_range").total == 0


def test_electrode_names():
    assert {"FP1", "FPZ", "CZ", "T7", "T3", "P8", "M1"} <= TEN_TWENTY <= TEN_TEN
    assert {"AF7", "FT9", "TP10", "PO8", "FCZ", "CPZ", "C6", "IZ"} <= TEN_TEN
    assert not {"Q7", "C11", "FC0", "CZZ"} & TEN_TEN
    assert "C6" not in TEN_TWENTY  # a 10-10 site, not a 10-20 one
