"""Laboratory records (src/conformance/certification/labrecords.py) and what a programme certifies
on (src/conformance/programme/labtrust.py): signed with a test laboratory's key made from a
seed in the tests (labfixtures.py), checked against the sample captures' declared instruments,
and each refusal of issue 70 item 4 one line: an unsigned record, a record signed by an unknown
or retired laboratory, an expired calibration, a calibration naming another instrument, a
requirement outside the laboratory's scope."""

from __future__ import annotations

import copy
import io
import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from conformance._catalog.catalog import load_catalog
from conformance.areas.terminal import apparatus
from conformance.certification import labrecords
from conformance.cli import main
from conformance.errors import HarnessInputError
from conformance.programme import labtrust, signing, trustlist
from tests.instruments import declared_in

from .labfixtures import CAPTURES, OTHER_LAB_SEED, lab_did, lab_key, record, write_key, write_record

NOW = datetime(2026, 11, 25, tzinfo=UTC)
SIGNED_AT = datetime(2026, 11, 21, tzinfo=UTC)
AUTHORITY = lab_key(hashlib.sha256(b"metaverse-conformance test authority key, tests only").digest())
HAPTIC = "haptic-bench.ndjson.gz"
FORCE = "force-bench.ndjson.gz"
TRACKING = "tracking-rig.ndjson.gz"
GAZE = "gaze-validation.ndjson.gz"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def signed(tmp_path: Path, catalog, document: dict[str, Any], seed: bytes | None = None, name: str = "rec") -> Path:
    source = write_record(tmp_path / f"{name}.yaml", document)
    out = tmp_path / f"{name}.json"
    key = lab_key(seed) if seed else lab_key()
    labrecords.sign(source, key, out, catalog, SIGNED_AT)
    return out


def capture(name: str) -> labrecords.Capture:
    path = CAPTURES / name
    found = declared_in(apparatus.instruments, path) or []
    return labrecords.capture(name, hashlib.sha256(path.read_bytes()).hexdigest(), found)


def problems(tmp_path, catalog, document, captures=(HAPTIC,), requirements=("TD-HAPT-003",)) -> list[tuple[str, str]]:
    read = labrecords.read(signed(tmp_path, catalog, document), catalog)
    return labrecords.assess([read], [capture(c) for c in captures], requirements).problems


def good(**changes: Any) -> dict[str, Any]:
    return record([HAPTIC], ["TD-HAPT-003"], ["AX3-0001"], **changes)


# -- the captures declare their instruments -----------------------------------------------------------


def test_the_sample_captures_declare_serial_and_uncertainty():
    declared = declared_in(apparatus.instruments, CAPTURES / HAPTIC)
    assert declared == [{"stream": "accelerometer", "pointer": "/accelerometer/instrument",
                         "model": "Reference AX-3 piezoelectric accelerometer, 0.5 g", "serial": "AX3-0001",
                         "uncertainty": {"value": 2.0, "unit": "%", "k": 2}}]
    force = declared_in(apparatus.instruments, CAPTURES / FORCE)
    assert [i["serial"] for i in force] == ["LC10-0001"]
    assert apparatus.instruments("README.md", io.BytesIO(b"# notes\n")) is None


def test_the_rotary_stage_and_the_validation_display_are_declared_instruments():
    """TD-PERF-001/002 and TD-GAZE-002 rest on reference apparatus too: the rig's stage and the
    display showing the fixation targets are declared where the capture describes them."""
    stage = declared_in(apparatus.instruments, CAPTURES / TRACKING)
    assert [(i["pointer"], i["serial"], i["uncertainty"]) for i in stage or []] == \
        [("/reference_motion/instrument", "RS-0001", {"value": 0.02, "unit": "deg", "k": 2})]
    display = declared_in(apparatus.instruments, CAPTURES / GAZE)
    assert [(i["pointer"], i["serial"], i["uncertainty"]) for i in display or []] == \
        [("/fixation_targets/instrument", "VD-0001", {"value": 0.1, "unit": "deg", "k": 2})]


# -- signing and reading ------------------------------------------------------------------------------


def test_a_signed_record_verifies_and_names_the_laboratory_key(tmp_path, catalog):
    read = labrecords.read(signed(tmp_path, catalog, good()), catalog)
    assert read.signer == lab_did() and read.problem is None
    assert read.document["issuer"] == lab_did()
    assert labrecords.assess([read], [capture(HAPTIC)], ["TD-HAPT-003"]).problems == []


def test_any_change_after_signing_breaks_the_proof(tmp_path, catalog):
    path = signed(tmp_path, catalog, good())
    document = orjson.loads(path.read_bytes())
    document["apparatus"][0]["calibration"]["valid_until"] = "2030-01-01"
    path.write_bytes(orjson.dumps(document))
    read = labrecords.read(path, catalog)
    assert read.signer is None and "does not verify" in str(read.problem)
    found = labrecords.assess([read], [capture(HAPTIC)], ["TD-HAPT-003"]).problems
    assert found[0][0] == HAPTIC and "does not verify" in found[0][1]


def test_an_unsigned_record_still_reads_and_says_so(tmp_path, catalog):
    path = tmp_path / "rec.json"
    path.write_bytes(orjson.dumps(good()))
    found = labrecords.assess([labrecords.read(path, catalog)], [capture(HAPTIC)], ["TD-HAPT-003"])
    assert (HAPTIC, "rec.json is unsigned (no proof by the laboratory's key)") in found.problems
    assert "cannot" not in found.line() and found.member()["certifiable"] is False


def test_a_malformed_record_is_one_line_of_bad_input(tmp_path, catalog):
    bad = good()
    del bad["apparatus"][0]["calibration"]["uncertainty"]
    with pytest.raises(HarnessInputError) as caught:
        signed(tmp_path, catalog, bad)
    assert "apparatus" in str(caught.value) and "\n" not in str(caught.value)


# -- what the run checks of each capture -----------------------------------------------------------


def test_a_capture_no_record_names_is_reported(tmp_path, catalog):
    found = problems(tmp_path, catalog, good(), captures=(HAPTIC, FORCE), requirements=("TD-HAPT-003",))
    assert found == [(FORCE, "no laboratory record names its SHA-256")]


def test_a_calibration_naming_another_instrument_is_reported(tmp_path, catalog):
    document = record([HAPTIC], ["TD-HAPT-003"], ["LC10-0001"])
    found = problems(tmp_path, catalog, document)
    assert len(found) == 1 and "serial AX3-0001" in found[0][1] and "LC10-0001, other instruments" in found[0][1]


def test_a_calibration_not_valid_on_the_record_date_is_reported(tmp_path, catalog):
    document = good()
    document["apparatus"][0]["calibration"].update({"date": "2025-01-01", "valid_until": "2026-01-01"})
    found = problems(tmp_path, catalog, document)
    assert len(found) == 1 and "valid 2025-01-01 to 2026-01-01, not on the record's date 2026-11-20" in found[0][1]


def test_an_uncertainty_other_than_the_certificates_is_reported(tmp_path, catalog):
    document = good()
    document["apparatus"][0]["calibration"]["uncertainty"] = {"value": 1.0, "unit": "%", "k": 2}
    found = problems(tmp_path, catalog, document)
    assert len(found) == 1 and "declares U = 2.0 % (k = 2)" in found[0][1] and "states U = 1.0 % (k = 2)" in found[0][1]


def test_a_requirement_no_signed_record_names_is_reported(tmp_path, catalog):
    found = problems(tmp_path, catalog, good(), requirements=("TD-HAPT-003", "TD-FORCE-004"))
    assert found == [("TD-FORCE-004", "no signed laboratory record names it among the requirements measured")]


# -- what a programme certifies on --------------------------------------------------------------------


def labs_list(tmp_path: Path, **lab_changes: Any) -> labtrust.Laboratories:
    lab = {"id": "example-test-lab", "name": "Example Test Laboratory",
           "keys": [{"id": lab_did(), "validFrom": "2026-01-01T00:00:00Z"}],
           "accreditation": {"body": "CNAS", "number": "L0000", "scope": ["TD-HAPT-003", "TD-FORCE-004"],
                             "validFrom": "2026-01-01T00:00:00Z", "validUntil": "2028-01-01T00:00:00Z"}}
    lab.update(lab_changes)
    model = trustlist.TrustList.model_validate({"type": trustlist.LIST_TYPE, "id": "urn:example:labs",
                                                "issuer": {"name": "Registry"}, "sequence": 0, "laboratories": [lab]})
    path = tmp_path / "labs.json"
    trustlist.save(path, trustlist.signed(model, AUTHORITY, NOW, 30))
    return labtrust.load(path, signing.issuer_did(AUTHORITY.public_key()), NOW)


def run_member(tmp_path, catalog, document, seed=None, requirements=("TD-HAPT-003",), unsigned=False):
    if unsigned:
        path = tmp_path / "rec.json"
        path.write_bytes(orjson.dumps(document))
    else:
        path = signed(tmp_path, catalog, document, seed)
    return labrecords.assess([labrecords.read(path, catalog)], [capture(HAPTIC)], requirements).member()


def test_a_record_by_a_trusted_laboratory_within_scope_certifies(tmp_path, catalog):
    assert labtrust.laboratory_problem(run_member(tmp_path, catalog, good()), labs_list(tmp_path)) is None


def test_no_measured_requirement_needs_no_laboratory():
    assert labtrust.laboratory_problem(None, None) is None


REFUSALS = {
    "unsigned": (dict(unsigned=True), {}, "laboratory record rec.json is unsigned"),
    "unknown laboratory": (dict(seed=OTHER_LAB_SEED), {}, "a laboratory the programme's trust list does not list"),
    "retired laboratory key": ({}, {"keys": [{"id": lab_did(), "validFrom": "2026-01-01T00:00:00Z",
                                             "retired": "2026-11-01T00:00:00Z"}]}, "(retired or not yet valid)"),
    "withdrawn laboratory": ({}, {"status": "withdrawn", "statusSince": "2026-11-01T00:00:00Z"},
                             "withdrawn from the trust list since 2026-11-01T00:00:00Z"),
    "outside its scope": ({}, {"accreditation": {"body": "CNAS", "number": "L0000", "scope": ["TD-FORCE-004"],
                                                 "validFrom": "2026-01-01T00:00:00Z",
                                                 "validUntil": "2028-01-01T00:00:00Z"}},
                          "measures TD-HAPT-003, outside example-test-lab's ISO/IEC 17025 scope (CNAS L0000)"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_each_refusal_is_one_line(tmp_path, catalog, case):
    member_changes, lab_changes, expected = REFUSALS[case]
    member = run_member(tmp_path, catalog, good(), **member_changes)
    problem = labtrust.laboratory_problem(member, labs_list(tmp_path, **lab_changes))
    assert problem is not None and expected in problem and "\n" not in problem


def test_an_expired_calibration_is_refused(tmp_path, catalog):
    document = good()
    document["apparatus"][0]["calibration"].update({"date": "2025-01-01", "valid_until": "2026-01-01"})
    problem = labtrust.laboratory_problem(run_member(tmp_path, catalog, document), labs_list(tmp_path))
    assert problem == ("laboratory record rec.json: calibration certificate CAL-2024-0311-AX3 of AX3-0001 is valid "
                       "2025-01-01 to 2026-01-01, not on the record's date 2026-11-20")


def test_a_calibration_naming_another_instrument_is_refused(tmp_path, catalog):
    document = record([HAPTIC], ["TD-HAPT-003"], ["LC10-0001"])
    problem = labtrust.laboratory_problem(run_member(tmp_path, catalog, document), labs_list(tmp_path))
    assert problem is not None and problem.startswith(f"{HAPTIC}: the instrument at accelerometer/accelerometer/")
    assert "LC10-0001, other instruments" in problem


def test_a_programme_without_a_laboratory_list_certifies_no_measured_run(tmp_path, catalog):
    problem = labtrust.laboratory_problem(run_member(tmp_path, catalog, good()), None)
    assert problem is not None and "names no trust list of laboratories" in problem


def test_a_laboratory_list_not_signed_by_the_named_authority_is_bad_input(tmp_path):
    labs = labs_list(tmp_path)
    with pytest.raises(HarnessInputError) as caught:
        labtrust.load(labs.path, lab_did(), NOW)
    assert "not by the authority the programme names" in str(caught.value)


# -- the command line ---------------------------------------------------------------------------------


def test_lab_sign_and_check_on_the_command_line(tmp_path, capsys):
    key = write_key(tmp_path / "lab.key", lab_key())
    source = write_record(tmp_path / "record.yaml", good(date="2026-11-20"))
    assert main(["lab", "sign", str(source), "--key", str(key), "--out", str(tmp_path / "record.json")]) == 0
    assert f"signed by {lab_did()}" in capsys.readouterr().out
    assert main(["lab", "check", str(tmp_path / "record.json"), "--capture", str(CAPTURES / HAPTIC)]) == 0
    assert "signed by" in capsys.readouterr().out
    assert main(["lab", "check", str(tmp_path / "record.json"), "--capture", str(CAPTURES / FORCE)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert any("no laboratory record names its SHA-256" in line for line in out)


def test_the_record_copy_is_not_changed_by_the_check(tmp_path, catalog):
    document = good()
    kept = copy.deepcopy(document)
    problems(tmp_path, catalog, document)
    assert document == kept


# -- a run that judges a measured requirement ---------------------------------------------------------


def manifest(tmp_path: Path, records: list[Path], profile: str = "terminal-haptics",
             features: tuple[str, ...] = ("actuator-output",), captured: str = HAPTIC) -> Path:
    lines = ["product: {name: Example Haptics, version: '1', vendor: Example}",
             f"profiles: [{{id: {profile}, features: [{', '.join(features)}]}}]", "targets:",
             f"  captures: {{adapter: file, paths: [{str(CAPTURES / captured)!r}]}}"]
    if records:
        lines.append(f"  laboratory_records: {{adapter: file, paths: {[str(r) for r in records]!r}}}")
    path = tmp_path / "manifest.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_self_test_without_a_record_is_judged_and_says_it_cannot_certify(tmp_path):
    from conformance._run.engine import run

    report = run(manifest(tmp_path, []), out_dir=tmp_path / "out", formats=["json"]).report
    verdicts = {r.requirement: r.verdict.value for r in report.requirements}
    assert verdicts["TD-HAPT-003"] == "pass"
    lines = [n for n in report.notes if n.startswith("cannot certify")]
    assert len(lines) == 1 and f"{HAPTIC} and 1 more captures: no laboratory record names its SHA-256" in lines[0]
    assert report.laboratory is not None and report.laboratory["certifiable"] is False


def test_a_run_with_a_signed_record_can_be_certified(tmp_path, catalog):
    from conformance._run.engine import run

    path = signed(tmp_path, catalog, good())
    report = run(manifest(tmp_path, [path]), out_dir=tmp_path / "out", formats=["json"]).report
    assert not [n for n in report.notes if n.startswith("cannot certify")]
    assert report.laboratory is not None and report.laboratory["certifiable"] is True
    assert report.laboratory["records"][0]["signed_by"] == lab_did()
    assert labtrust.laboratory_problem(report.laboratory, labs_list(tmp_path)) is None


@pytest.mark.parametrize(("serials", "certifiable"), [(["MOCAP-0001"], False), (["RS-0001"], True)])
def test_a_tracking_run_is_certified_only_on_a_record_listing_its_rotary_stage(tmp_path, catalog, serials,
                                                                                certifiable):
    from conformance._run.engine import run

    path = signed(tmp_path, catalog, record([TRACKING], ["TD-PERF-001", "TD-PERF-002", "TD-PWR-002"], serials))
    report = run(manifest(tmp_path, [path], "terminal-sensor-performance", ("stage-tracking", "contact-temperature"), TRACKING),
                 out_dir=tmp_path / "out", formats=["json"]).report
    lines = [n for n in report.notes if n.startswith("cannot certify")]
    assert report.laboratory is not None and report.laboratory["certifiable"] is certifiable
    if certifiable:
        assert lines == []
    else:
        assert len(lines) == 1 and "\n" not in lines[0]
        assert f"{TRACKING}: the instrument at rig/reference_motion/instrument" in lines[0]
        assert "serial RS-0001" in lines[0] and "MOCAP-0001, other instruments" in lines[0]
