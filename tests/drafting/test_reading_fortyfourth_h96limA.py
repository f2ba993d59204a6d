"""The forty-fourth reading, part h96-limA (docs/drafting.md, "Forty-fourth reading, part h96-limA"): the 编制说明's
三（三）. The values of the test parameters a case's 前置条件 states decide verdicts (IF-RATE-001's burst of 20, IF-DISC-002's
10 s) but stood in no row (b4-b6, b8); a step's clause was cut at a 「；」 inside its bracket, so AS-AIGC-011's σ, 0.6 像素
and 5 positions were read by nobody (b7); TD-GAZE-003's row quoted the study the heading 「30 毫秒的来源：」 opens, which
gives 20 to 40 ms, not the sentence deriving 30 ms (d1). Each test fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Writer, normative
from tests.drafting.blocks import limit_rows as _limits

_FLAG = re.compile(r"附注未写明")
#: a test parameter's value in the 前置条件 line, 「`rate_burst` = 20」
_VALUE = re.compile(r"`([a-z][a-z0-9_]*)` = (\d[\d ]*(?:\.\d+)?)")


def test_each_test_parameter_value_a_case_states_has_a_row(note, catalog):
    """b4-b6, b8: the rows the reading named list the values of their test parameters; and a normative requirement
    with no row states each value of its test parameters (a seed picks values and bounds nothing) nowhere but in the
    前置条件 only where its steps or criteria give the number otherwise (AS-CONT-002's 「前 20 项资产」)."""
    rows, w = _limits(note), Writer(catalog, "zh")
    assert "86 400 s" in rows["IF-CODE-001"][0] and rows["IF-RATE-001"][0] == "20"
    assert rows["IF-DISC-002"][0] == rows["IF-DISC-003"][0] == "10 s"
    assert {"2000 ms", "10"} <= set(rows["IF-SES-006"][0].split("，"))
    for req in catalog.requirements.values():
        if req.id in rows or not normative(req) or req.status is None:
            continue
        case = case_for(catalog, req, "zh", w.data.procedures.get(req.id), w.ics_prepended)
        told = re.sub(r"\s", "", "\n".join([req.statement.zh, *case.steps, *case.criteria]))
        for line in case.conditions:
            for m in _VALUE.finditer(line):
                number = m.group(2).replace(" ", "").rstrip(".")
                assert m.group(1).endswith("_seed") or number in ("0", "1") or number in told, (req.id, m.group(0))


def test_a_step_clause_runs_past_a_semicolon_in_its_bracket(note):
    """b7: AS-AIGC-011, -013 and -014 list the search's 0.6 像素 and 5 positions, and the quote gives 1/14 and 0.97."""
    rows = _limits(note)
    for rid in ("AS-AIGC-011", "AS-AIGC-013", "AS-AIGC-014"):
        limits, basis = rows[rid]
        assert "0.6 像素" in limits and "5 个位置" in limits, rid
        assert "1/14" in basis and "0.97" in basis and not _FLAG.search(basis), rid


def test_a_heading_naming_a_number_is_not_its_basis(note):
    """d1: a row quoting 「N 的来源：」 quotes a clause giving N beyond that heading (TD-GAZE-003's 「30 ms 为其下限 50 ms
    减去……」), or flags it."""
    for rid, (limits, basis) in _limits(note).items():
        for heading in re.finditer(r"([\d.]+)\s?[^\s，。；：]{0,4}\s?的来源：", basis):
            rest = basis.replace(heading.group(0), "")
            assert re.search(rf"(?<![\d.]){re.escape(heading.group(1))}(?![\d.])", rest) or _FLAG.search(basis), rid


def test_no_row_of_the_part_areas_is_left_for_the_drafting_group(note):
    """b4-b9: the rows of AS, DP, ID, IF and IR give every number's basis."""
    left = [rid for rid, (_, basis) in _limits(note).items() if rid[:2] in ("AS", "DP", "ID", "IF", "IR")
            and _FLAG.search(basis)]
    assert left == []


def test_the_notes_give_the_step_limits_their_sources(catalog):
    """b9, dx1: ID-MFA-001's 6 to 10 digits (RFC 4226 5.3), ID-VCAPI-003's 131 072 bits (W3C Bitstring Status List 2.2,
    3.3); TD-BODY-003's 30 mm is three fifths of 3DPW's 50 mm, not of the 40 mm before it."""
    notes = {rid: catalog.requirement(rid).notes for rid in ("ID-MFA-001", "ID-VCAPI-003", "TD-BODY-003")}
    assert "RFC 4226 第 5.3 节" in notes["ID-MFA-001"].zh and "RFC 4226 5.3" in notes["ID-MFA-001"].en
    assert "131 072 位取自 W3C Bitstring Status List v1.0 第 2.2 节" in notes["ID-VCAPI-003"].zh
    assert "为其五分之三" not in notes["TD-BODY-003"].zh and "3DPW 的 50 毫米的五分之三" in notes["TD-BODY-003"].zh
    assert "three fifths of 3DPW's 50 mm" in notes["TD-BODY-003"].en
