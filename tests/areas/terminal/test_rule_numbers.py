"""The reader's findings name the rule of their requirement they break (issue 76, the thirty-sixth reading's
a9): TD-CAP-001's structure R1 to R5, TD-DESC-002's descriptor R1 to R4, TD-CAPT-001's R1 to R5; the reader's
log key, its own item, goes to the finding's ``check`` when the suite records the log."""

from __future__ import annotations

from conformance._record.evidence import Evidence
from conformance._record.findings import Finding
from conformance.areas.terminal import IssueLog, analyse
from conformance.areas.terminal.suite import record
from conformance.messages import msg
from tests.areas.terminal.test_capture import HEADER, UNIT, capture, frame


def test_structure_findings_name_td_cap_001_s_rules():
    result = analyse(capture(
        frame(1), b'{"stream": "hand", "t": 2', b"[1, 2]", frame(3, stream="eyes"), {"t": 4},
        frame(5.0), frame(2**63), frame(7, None), frame(8, flags=-1)))
    assert sorted((i.line, i.rule) for i in result.log("structure").detailed) == [
        (3, "R1"), (4, "R1"), (5, "R3"), (6, "R3"), (7, "R4"), (8, "R4"), (9, "R5"), (10, "R5")]


def test_a_header_that_is_no_header_breaks_r2():
    assert [i.rule for i in analyse(capture(frame(1), header=b"not json")).log("structure").detailed] == ["R2"]
    twice = {**HEADER, "streams": [*HEADER["streams"], {"id": "hand", "type": "pose"}]}
    assert [i.rule for i in analyse(capture(header=twice)).log("structure").detailed] == ["R2"]


def test_descriptor_findings_name_td_desc_002_s_rules():
    named = {"id": "named", "type": "pose", "rate_hz": 60, "space": "stage", "max_rate_hz": 120}
    device = {**HEADER["device"], "offers": [*HEADER["device"]["offers"], named]}
    header = {**HEADER, "device": device, "streams": [
        *HEADER["streams"], {"id": "gaze", "type": "eye_gaze"},
        {"id": "fast", "type": "pose", "rate_hz": 500, "space": "stage"},
        {"id": "left", "type": "pose", "rate_hz": 90, "space": "stage", "path": "/user/hand/left"},
        {"id": "named", "type": "pose", "rate_hz": 60, "space": "local"}]}
    found = analyse(capture(frame(1, UNIT), header=header)).log("descriptor").detailed
    assert [(i.pointer, i.rule) for i in found] == [
        ("/streams/1/type", "R1"), ("/streams/2/rate_hz", "R3"), ("/streams/3/path", "R4"),
        ("/streams/4/space", "R2")]


def test_a_recorded_log_gives_its_key_as_check_and_its_rule_where_a_finding_names_none():
    log = IssueLog(limit=20, key="power_range")
    log.add(Finding(msg("terminal.outside-volume"), line=2))
    log.add(Finding(msg("terminal.outside-volume"), line=3, rule="R2"))
    evidence = Evidence()
    record(evidence, "a.ndjson", log, "R1")
    items = [item for item in evidence.export() if item["kind"] == "finding"]
    assert [(item.get("rule"), item.get("check")) for item in items] == [("R1", "power_range"),
                                                                         ("R2", "power_range")]
    evidence = Evidence()
    record(evidence, "a.ndjson", log)  # a requirement without rules: none, the key still the check
    assert [item.get("rule") for item in evidence.export() if item["kind"] == "finding"] == [None, "R2"]
