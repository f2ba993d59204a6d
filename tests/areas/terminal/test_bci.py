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


def _with_header(change):
    """A clean one-second BCI capture whose eeg stream's declaration ``change`` edits; its
    analysis and whether the header schema accepts the header."""
    import orjson

    from conformance._catalog.schemas import SchemaRegistry
    from tests.paths import ROOT

    buffer = io.BytesIO()
    generate(buffer, "bci_headset", 1.0)
    lines = buffer.getvalue().split(b"\n")
    header = orjson.loads(lines[0])
    change(next(s for s in header["streams"] if s["type"] == "eeg"))
    lines[0] = orjson.dumps(header)
    schemas = SchemaRegistry.from_directory(ROOT / "schemas")
    valid = not schemas.findings(header, "https://metaverse-conformance.org/schemas/terminal/capture-header.json")
    return analyse(io.BytesIO(b"\n".join(lines))), valid


@pytest.mark.parametrize("kind", ["EEG", "VEOG", "HEOG", "GSR", "RESP", "TRIG", "MISC"])
def test_every_bids_eeg_channel_type_is_taken(kind):
    result, valid = _with_header(lambda s: s["channels"][-1].update(type=kind, units="uV"))
    assert valid and result.log("bci_channels").total == 0


@pytest.mark.parametrize("change, members", [
    (lambda c: c.update(type="OTHER"), "type"),  # a type of the schema before, not a BIDS keyword
    (lambda c: c.update(type="eeg"), "type"),  # BIDS requires upper case
    (lambda c: c.pop("type"), "type"),
    (lambda c: c.update(units=""), "units"),
    (lambda c: (c.pop("name"), c.pop("units")), "name, units"),
])
def test_a_channel_without_name_bids_type_or_units_breaks_r1_and_the_schema_alike(change, members):
    result, valid = _with_header(lambda s: change(s["channels"][1]))
    (found,) = [f for f in result.log("bci_channels").detailed if "does not give" in f.message]  # R2 may add one
    assert found.pointer == "/streams/0/channels/1" and f"does not give {members} " in found.message
    assert not valid


@pytest.mark.parametrize("placement", ["10-5", "10/20", None])
def test_an_eeg_placement_other_than_10_20_10_10_or_other_breaks_r4(placement):
    def change(stream):
        stream.pop("placement") if placement is None else stream.update(placement=placement)
    result, valid = _with_header(change)
    (found,) = result.log("bci_channels").detailed
    assert found.pointer == "/streams/0/placement" and found.actual == placement
    assert valid == (placement is None)  # the schema leaves placement optional


def test_a_hostile_channel_type_is_a_finding_not_a_crash():
    result, valid = _with_header(lambda s: s["channels"][2].update(type=["EEG"], units=7))
    findings = [f for f in result.log("bci_channels").detailed if "does not give" in f.message]
    assert [f.message.split(" does not give ")[1].split(" as ")[0] for f in findings] == ["type, units"]
    assert not valid


@pytest.mark.slow
def test_an_eeg_stream_too_short_to_measure_leaves_td_bci_002_undecided(catalog, run_manifest, tmp_path):
    """Issue 59: "every eeg or emg stream" holds its rate; one of a single sample cannot be
    measured, so beside a good capture the set is inconclusive, naming it, not a pass."""
    from conformance.reference import SAMPLES
    from tests.conftest import manifest_for

    buffer = io.BytesIO()
    generate(buffer, "bci_headset", 1.0)
    header, *frames = buffer.getvalue().splitlines()
    first_eeg = next(f for f in frames if b'"stream":"eeg"' in f)
    short = tmp_path / "one-sample.ndjson"
    short.write_bytes(b"\n".join([header, first_eeg, *(f for f in frames if b'"stream":"eeg"' not in f)]) + b"\n")
    good = str(SAMPLES / "captures" / "bci-headset.ndjson.gz")
    manifest = manifest_for(catalog, "terminal-bci", files={"captures": [good, str(short)]})
    result = run_manifest(manifest, requirements=["TD-BCI-002"])
    record = next(r for r in result.report.requirements if r.requirement == "TD-BCI-002")
    assert record.verdict.value == "inconclusive" and "one-sample.ndjson" in record.message
