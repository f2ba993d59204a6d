"""The leftovers of the thirty-ninth reading of issue 76, part mIF (docs/drafting.md, "Leftovers of the
thirty-ninth reading, part mIF"): the a1 class in IF-CODE-001/-002/-003/-007/-010 and IF-IOP-001. Their verdict lines
(the rendered draft's for IF-CODE-001 and IF-IOP-001; the catalog's for the candidates IF-CODE-002/-003/-007, which
the draft lists in annex C only)
name the state the checks now reach (a report read back with a body that does not parse shows no outcome; IF-CODE-007's
standing not JSON fails R4; IF-IOP-001's challenge or token not in a JSON body is not authenticated), and the changed
checks carry their version notes in both languages (the behaviour in
tests/areas/interfaces/test_report_reads_thirtyninth_mif.py). Each test fails on the draft or the catalog as they
were before these fixes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

PROCEDURES = Path(__file__).resolve().parents[2] / "suites" / "interfaces" / "procedures.yaml"


def _flat(text: str) -> str:
    return text.replace("\u2011", "-")


def _criteria(rid: str, lang: str, label: str) -> str:
    """A candidate's verdict line from the catalog (the draft renders no test case for a candidate)."""
    lines = yaml.safe_load(PROCEDURES.read_text("utf-8"))["procedures"][rid]["criteria"][lang]
    sep = "：" if lang == "zh" else ": "
    return next(line for line in lines if line.startswith(label + sep))


@pytest.mark.parametrize("rid", ["IF-CODE-002", "IF-CODE-003", "IF-CODE-007"])
def test_a1_the_sanction_cases_name_a_report_read_back_not_parsing(rid):
    zh = _criteria(rid, "zh", "不确定")
    assert "其受理确认或读回的响应体无法解析的举报不显示处理结果，由 IF-REPORT-001 判定" in zh
    en = _criteria(rid, "en", "Inconclusive")
    assert "whose acknowledgement or read-back has a body that does not parse, shows no outcome" in en


def test_a1_if_code_001_names_a_report_read_back_not_parsing(zh_markdown, en_markdown):
    zh = _flat(_verdict_lines(_cases(zh_markdown)["IF-CODE-001"], "zh")["不确定"])
    assert "或读回时响应体无法解析的举报，由 IF-REPORT-001 判定" in zh
    en = _flat(_verdict_lines(_cases(en_markdown)["IF-CODE-001"], "en")["Inconclusive"])
    assert "or read back with a body that does not parse, is IF-REPORT-001's to judge" in en


def test_a1_the_own_reads_are_named_in_the_fail_lines(zh_markdown, en_markdown):
    assert "响应体不是 JSON 或未列出该删除（R4）" in _criteria("IF-CODE-007", "zh", "不通过")
    assert "is not JSON or does not list the removal (R4)" in _criteria("IF-CODE-007", "en", "Fail")
    assert "（挑战或访问令牌未以 JSON 响应体给出）" in _verdict_lines(_cases(zh_markdown)["IF-IOP-001"], "zh")["不通过"]
    assert "(the challenge or the access token not given in a JSON body)" in \
        _verdict_lines(_cases(en_markdown)["IF-IOP-001"], "en")["Fail"]


def test_a1_if_code_010_names_a_report_not_parsing():
    assert "响应体无法解析或不符合模式）、读回时未以 200 及可解析的响应体应答（由 IF-REPORT-001 判定）" in \
        _flat(_criteria("IF-CODE-010", "zh", "不确定"))
    assert "its body does not parse or is not valid against the schema), is not read back with 200 and a body that " \
        "parses (IF-REPORT-001 judges it)" in _flat(_criteria("IF-CODE-010", "en", "Inconclusive"))


@pytest.mark.parametrize(("rid", "version", "joined"), [
    ("IF-CODE-001", "1.5.0", ""), ("IF-CODE-002", "1.3.0", "open items, part h92-ruleIF; "),
    ("IF-CODE-003", "1.2.0", ""), ("IF-CODE-007", "1.6.0", ""), ("IF-IOP-001", "1.3.1", ""),
    ("IF-CODE-010", "1.4.0", "")])
def test_a1_the_changed_checks_carry_their_version_notes(catalog, rid, version, joined):
    requirement = catalog.requirements[rid]
    # not earlier than the part's step (a later part steps again with a note line of its own)
    assert tuple(map(int, str(requirement.version).split("."))) >= tuple(map(int, version.split(".")))
    assert f"{version} (issue 76, {joined}thirty-ninth reading's leftovers, part mIF)" in requirement.notes.en
    zh_joined = "遗留未决事项，第 h92-ruleIF 部分；" if joined else ""
    assert f"{version} 版（议题 76，{zh_joined}第三十九次审读遗留问题，第 mIF 部分）" in requirement.notes.zh
