"""A run judging RB-TRACK-002 (``measures: instrument``) on an external tracker's record is checked against
the laboratory signed records as a terminal run's captures are (seventy-second reading, h136-robotlab):
until the robots area declared its tracker records' instruments (``conformance_instruments``), a record
naming no tracker record, or another file, passed unremarked. A tracker reports angles and lengths, so its
calibration certificate may state one uncertainty per unit (the record schema's array form)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from conformance._catalog.catalog import load_catalog
from conformance.certification import labrecords
from tests.areas.robots.test_tracker_instruments import SAMPLES, with_serial

from .labfixtures import lab_key, write_record

SIGNED_AT = datetime(2026, 11, 21, tzinfo=UTC)
SERIAL = "MOCAP-0042"
UNCERTAINTIES = [{"value": 0.002, "unit": "rad", "k": 2}, {"value": 0.0002, "unit": "m", "k": 2}]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def document(digests: list[str], uncertainty: Any = None, serial: str = SERIAL) -> dict[str, Any]:
    return {
        "type": "ConformanceLaboratoryRecord", "id": "urn:example:lab:report:2026-0077",
        "laboratory": {"id": "example-test-lab", "name": "Example Test Laboratory",
                       "accreditation": "CNAS L0000 (ISO/IEC 17025:2017), example"},
        "apparatus": [{"make": "Example Optics", "model": "reference optical tracker (generated)", "serial": serial,
                       "role": "joint positions from link markers",
                       "calibration": {"issuer": "Reference Calibration Laboratory", "number": "CAL-TRK-7",
                                       "date": "2026-03-01", "valid_until": "2027-03-01",
                                       "uncertainty": UNCERTAINTIES if uncertainty is None else uncertainty}}],
        "environment": {"temperature_c": 23.0, "humidity_percent": 45.0},
        "requirements": ["RB-TRACK-002"], "operator": {"name": "Wang Fang"}, "date": "2026-11-20",
        "captures": [{"file": "greeter-mocap.jsonl", "sha256": digest} for digest in digests],
    }


def signed(tmp_path: Path, catalog, doc: dict[str, Any]) -> Path:
    out = tmp_path / "lab.json"
    labrecords.sign(write_record(tmp_path / "lab.yaml", doc), lab_key(), out, catalog, SIGNED_AT)
    return out


def run(tmp_path: Path, tracker: Path, records: list[Path]):
    from conformance._run.engine import run as run_manifest

    lines = ["product: {name: Example Greeter, version: '1', vendor: Example}",
             "profiles: [{id: robot-joint-data, features: [command-tracking]}]", "targets:"]
    for role, path in (("robot_description", SAMPLES / "robot_description/greeter.urdf"),
                       ("joint_states", SAMPLES / "joint_states/greeter-session.jsonl"),
                       ("controller_states", SAMPLES / "controller_states/greeter-controller.jsonl"),
                       ("tracker_captures", tracker)):
        lines.append(f"  {role}: {{adapter: file, paths: [{str(path)!r}]}}")
    if records:
        lines.append(f"  laboratory_records: {{adapter: file, paths: {[str(r) for r in records]!r}}}")
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text("\n".join(lines) + "\n")
    report = run_manifest(manifest, requirements=["RB-TRACK-002"], out_dir=tmp_path / "out", formats=["json"]).report
    assert {r.requirement: r.verdict.value for r in report.requirements} == {"RB-TRACK-002": "pass"}
    return report, [n for n in report.notes if n.startswith("cannot certify")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_record_not_listing_the_tracker_records_digest_cannot_certify(tmp_path, catalog):
    tracker = with_serial(tmp_path)
    other = SAMPLES / "controller_states/greeter-controller.jsonl"  # the record signs another file
    report, lines = run(tmp_path, tracker, [signed(tmp_path, catalog, document([digest(other)]))])
    assert report.laboratory is not None and report.laboratory["certifiable"] is False
    assert len(lines) == 1 and "greeter-mocap.jsonl: no laboratory record names its SHA-256" in lines[0]


def test_a_run_without_a_record_cannot_certify_its_tracker_record(tmp_path):
    report, lines = run(tmp_path, with_serial(tmp_path), [])
    assert report.laboratory is not None and report.laboratory["certifiable"] is False
    assert len(lines) == 1 and "greeter-mocap.jsonl" in lines[0]


def test_a_record_listing_the_tracker_records_digest_and_serial_certifies(tmp_path, catalog):
    tracker = with_serial(tmp_path)
    report, lines = run(tmp_path, tracker, [signed(tmp_path, catalog, document([digest(tracker)]))])
    assert lines == []
    assert report.laboratory is not None and report.laboratory["certifiable"] is True
    [entry] = report.laboratory["captures"]
    assert entry["name"].endswith("greeter-mocap.jsonl")
    assert (entry["sha256"], entry["records"]) == (digest(tracker), ["lab.json"])


def test_a_tracker_record_declaring_no_serial_cannot_certify_and_says_so_once(tmp_path, catalog):
    tracker = with_serial(tmp_path, serial=None)
    report, lines = run(tmp_path, tracker, [signed(tmp_path, catalog, document([digest(tracker)]))])
    assert report.laboratory is not None and report.laboratory["certifiable"] is False
    assert [p["problem"] for p in report.laboratory["problems"]] == [
        "the instrument at measured_by (reference optical tracker (generated)) declares no serial, so no "
        "calibration certificate is named for it"]


def test_a_certificate_stating_only_one_of_the_trackers_units_leaves_the_other_unvouched(tmp_path, catalog):
    tracker = with_serial(tmp_path)
    doc = document([digest(tracker)], uncertainty=UNCERTAINTIES[0])  # rad only: the m readings are not vouched for
    report, lines = run(tmp_path, tracker, [signed(tmp_path, catalog, doc)])
    assert report.laboratory is not None and report.laboratory["certifiable"] is False
    assert len(lines) == 1 and "declares U = 0.0002 m (k = 2), its certificate CAL-TRK-7 states U = 0.002 rad" \
        in lines[0]
    doc = document([digest(tracker)], uncertainty=[UNCERTAINTIES[0], {"value": 0.0005, "unit": "m", "k": 2}])
    (tmp_path / "out").rename(tmp_path / "out-1")
    report, lines = run(tmp_path, tracker, [signed(tmp_path, catalog, doc)])
    assert len(lines) == 1 and "declares U = 0.0002 m (k = 2), its certificate CAL-TRK-7 states U = 0.002 rad " \
        "(k = 2); U = 0.0005 m (k = 2)" in lines[0]


def test_a_certificate_stating_two_uncertainties_in_one_unit_is_bad_input(tmp_path, catalog):
    from conformance.errors import HarnessInputError

    doc = document(["0" * 64], uncertainty=[UNCERTAINTIES[0], {"value": 0.003, "unit": "rad", "k": 2}])
    with pytest.raises(HarnessInputError, match="two uncertainties in one unit"):
        signed(tmp_path, catalog, doc)
