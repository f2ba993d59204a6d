"""The sixty-third reading, part h126-meas (docs/drafting.md, "Sixty-third reading"): IF-LAT-001 and IF-SES-002
compare measured latency statistics with limits and record each with its expanded uncertainty U, which 3.46 calls a
measuring test case, yet neither stated a decision rule, so neither stood in 6.3's table of measuring cases nor in the
编制说明's 三（二）, both of which counted 56 (a3, d1). Each test fails on the draft as it was before (856b52f22):
the class test over every test case, the counts that follow, and the catalog's model that refused a behaviour
requirement's decision rule."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from conformance._catalog.model import Requirement
from conformance.areas._shared.uncertainty import rule_of
from conformance.drafting.decisions import reason
from conformance.drafting.writer import normative

TIMED = ("IF-LAT-001", "IF-SES-002")


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")


def _cases(markdown: str) -> dict[str, str]:
    heads = list(re.finditer(r"^### \d+\.\d+ ([A-Z]{2}-[A-Z0-9]+-\d+) ", markdown, re.M))
    return {m.group(1): markdown[m.end():markdown.index("\n### ", m.end())] for m in heads}


def _row(case: str, head: str) -> str:
    return next((line for line in case.splitlines() if line.startswith(f"| {head} |")), "")


def _table(markdown: str, title: str) -> tuple[str, list[str]]:
    """The number of the table titled ``title`` and the first cell of each of its rows."""
    found = re.search(rf"^表 (\d+)　{title}$", markdown, re.M)
    assert found, title
    body = markdown[found.end():].split("\n\n")[1]
    ids = [_plain(line.split("|")[1].strip()) for line in body.splitlines()[2:]]
    return found.group(1), ids


def _measured(catalog) -> list[Requirement]:
    return [r for r in catalog.requirements.values() if normative(r) and r.decision_rule is not None]


def test_every_case_recording_an_expanded_uncertainty_is_a_measuring_case_of_table_10(zh_markdown):
    """The class (a3, d1): a test case whose 判定准则 or 测试步骤 record a value with its 扩展不确定度 judges a
    measured value against a limit (3.46), so it stands in 6.3's table with its rule; before, IF-LAT-001 and
    IF-SES-002 did not."""
    number, listed = _table(zh_markdown, "测量类测试用例的判定规则")
    recording = [rid for rid, case in _cases(zh_markdown).items()
                 if "扩展不确定度" in _row(case, "判定准则") + _row(case, "测试步骤")]
    assert set(TIMED) <= set(recording)
    assert [rid for rid in recording if rid not in listed] == []
    for rid in listed:  # and every case listed states its rule in its criteria
        assert "判定规则：" in _row(_cases(zh_markdown)[rid], "判定准则"), rid
    assert number


def test_the_counts_of_measuring_cases_come_from_the_catalog(catalog, zh_markdown, note_md):
    """6.3's count and split, table 10's rows, 三（二）'s count, split and rows are the catalog's: 58 = 29 + 29."""
    measured = _measured(catalog)
    guarded = sum(r.decision_rule is not None and r.decision_rule.kind == "guarded" for r in measured)
    number, listed = _table(zh_markdown, "测量类测试用例的判定规则")
    assert sorted(listed) == sorted(r.id for r in measured) and set(TIMED) <= set(listed)
    assert (f"本文件的测量类测试用例共 {len(measured)} 个，其中 {guarded} 个采用保护性接受，"
            f"{len(measured) - guarded} 个采用简单接受，列于表 {number}") in zh_markdown
    part = note_md[note_md.index("### （二）测量类要求的测量不确定度与判定规则"):]
    part = part[:re.search(r"\n#{2,3} ", part[5:]).start() + 5]
    assert part.count(f"{len(measured)} 项规范性要求为测量类") == 1
    assert f"{guarded} 项采用保护性接受" in part and f"{len(measured) - guarded} 项采用简单接受" in part
    rows = {_plain(line.split("|")[1].strip()) for line in part.splitlines() if line.startswith("| ")}
    assert {r.id for r in measured} <= rows
    assert "另有 2 项（IF-LAT-001、IF-SES-002）以测试设备自身的单调时钟测量" in part
    assert "56 项规范性要求为测量类" not in note_md and "测量类测试用例共 56 个" not in zh_markdown


@pytest.mark.parametrize("rid", TIMED)
def test_the_two_latency_cases_state_simple_acceptance_with_u_of_type_a_read_on_the_clock(rid, catalog, zh_markdown,
                                                                                         en_markdown):
    req = catalog.requirements[rid]
    assert req.decision_rule is not None
    assert req.decision_rule.kind == "simple" and req.decision_rule.type_b == "clock"
    assert req.measures == "behaviour"  # no laboratory instrument: a run needs no laboratory record (_run/laboratory)
    fail_zh = next(p for p in _row(_cases(zh_markdown)[rid], "判定准则").split("<br>") if p.startswith("不通过："))
    assert "判定规则：简单接受" in fail_zh and "时间由测试设备自身的单调时钟读取" in fail_zh
    assert "不计 B 类分量" in fail_zh
    assert "在限值处判定" not in fail_zh  # the rule stated once, by the sentence the catalog's rule writes
    fail_en = next(p for p in _row(_cases(en_markdown)[rid], "Verdict criteria").split("<br>")
                   if p.startswith("Fail:"))
    assert "Decision rule: simple acceptance" in fail_en and "monotonic clock" in fail_en
    # the reason, with its sources, in both languages: what 三（二）'s table quotes
    for lang in ("zh", "en"):
        why = reason(req, lang)
        assert why and "ILAC-G8:09/2019 4.2.1" in why and ("G.1010" in why or "G.114" in why), (rid, lang)
    assert rule_of(catalog, rid).kind == "simple"  # the rule the check judges by, read from the same entry


def test_part_4_6_and_part_11_set_the_clock_timed_cases_apart(catalog, note_md, note_md_en):
    """四（六） said 「三（二）所列 56 项测量类要求，无一……测量过」 and 十一 counted the same 56 as
    测量类要求: with 三（二） at 58, both name the two timed on the test equipment's clock apart from those
    a laboratory measures."""
    instrument = sum(1 for r in catalog.requirements.values() if normative(r) and r.measures == "instrument")
    total = len(_measured(catalog))
    assert (f"三（二）所列 {total} 项测量类要求中，除以测试设备自身的时钟计时的 IF-LAT-001、IF-SES-002 以外的 "
            f"{instrument} 项，无一由测试实验室以校准仪器在真实设备上测量过") in note_md
    assert f"除以测试设备自身的时钟计时的 IF-LAT-001、IF-SES-002 以外，{instrument} 项测量类要求按其" in note_md
    assert "测量类要求（以测试设备自身的时钟计时的 IF-LAT-001、IF-SES-002 除外）的记录宜由测试实验室出具" in note_md
    assert "由实验室测量的测量类要求在测量上尚未验证" in note_md
    assert f"of the {total} measured requirements of 3.2, none of the {instrument} other than IF-LAT-001, IF-SES-002" \
        in note_md_en


BASE = {"id": "IF-X-001", "level": "MUST", "area": "interfaces", "title": {"en": "t", "zh": "t"},
        "statement": {"en": "s", "zh": "s"}, "source": {"policy": ["SH-GUIDE"]}, "testing": "automated"}


def test_a_behaviour_requirement_may_state_a_rule_reading_no_instrument():
    ok = Requirement.model_validate({**BASE, "decision_rule": {"kind": "simple", "type_b": "clock"}})
    assert ok.measures == "behaviour" and ok.decision_rule is not None
    with pytest.raises(ValidationError, match="reads no instrument"):
        Requirement.model_validate({**BASE, "decision_rule": {"kind": "simple"}})
    with pytest.raises(ValidationError, match="a declared one none"):
        Requirement.model_validate({**BASE, "measures": "declared",
                                    "decision_rule": {"kind": "simple", "type_b": "none"}})
    with pytest.raises(ValidationError, match="states its decision_rule"):
        Requirement.model_validate({**BASE, "measures": "instrument"})
