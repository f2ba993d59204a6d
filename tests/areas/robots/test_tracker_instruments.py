"""The robots area's ``conformance_instruments`` hook (seventy-second reading, h136-robotlab): a tracker
record's first line declares the instrument that measured RB-TRACK-002's frames, and the hook returns it
(model, serial, one entry per declared uncertainty) as the terminal area returns a capture's, so a run's
laboratory check (``_run/laboratory.py``) matches it against the laboratory signed records; every other
file the area reads (joint-state and controller-state recordings) is none of its instruments' files."""

from __future__ import annotations

from pathlib import Path

import orjson

from conformance._areas import instruments
from conformance.areas.robots import apparatus
from tests.instruments import declared_in
from tests.paths import ROOT

SAMPLES = ROOT / "src/conformance/reference/samples"
TRACKER = SAMPLES / "tracker_captures/greeter-mocap.jsonl"


def with_serial(tmp_path: Path, serial: str | None = "MOCAP-0042") -> Path:
    """The sample tracker record, its declaration naming the tracker's ``serial``."""
    first, rest = TRACKER.read_bytes().split(b"\n", 1)
    declaration = orjson.loads(first)
    if serial:
        declaration["measured_by"]["serial"] = serial
    out = tmp_path / "greeter-mocap.jsonl"
    out.write_bytes(orjson.dumps(declaration) + b"\n" + rest)
    return out


def test_a_tracker_records_instrument_is_returned_once_per_declared_unit(tmp_path):
    path = with_serial(tmp_path)
    model = "reference optical tracker (generated)"
    expected = [{"stream": "measured_by", "pointer": "", "model": model, "serial": "MOCAP-0042",
                 "uncertainty": {"value": 0.002, "unit": "rad", "k": 2}},
                {"stream": "measured_by", "pointer": "", "model": model, "serial": "MOCAP-0042",
                 "uncertainty": {"value": 0.0002, "unit": "m", "k": 2}}]
    assert declared_in(apparatus.instruments, path) == expected
    # the plug-in manager asks every area: the robots area answers for a tracker record
    assert declared_in(instruments, path, by_path=True) == expected


def test_a_tracker_record_without_a_serial_declares_its_instrument_without_one():
    found = declared_in(instruments, TRACKER, by_path=True)
    assert found and {item["serial"] for item in found} == {None}


def test_the_other_robot_recordings_are_not_the_hooks_files():
    for path in (SAMPLES / "controller_states/greeter-controller.jsonl",
                 *sorted((SAMPLES / "joint_states").glob("*.jsonl")), SAMPLES / "robot_description/greeter.urdf"):
        assert declared_in(apparatus.instruments, path) is None, path


def test_a_declaration_naming_no_model_declares_no_instrument(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"measured_by": {"kind": "laser_tracker"}}\n')
    assert declared_in(apparatus.instruments, path) == []
    (tmp_path / "not-json.jsonl").write_bytes(b"\xff\xfe not json\n")
    assert declared_in(apparatus.instruments, tmp_path / "not-json.jsonl") is None
