"""The fifty-second reading, part h106-misc (docs/drafting.md, "Fifty-second reading, part h106-misc"): a 3GPP
Technical Report stood in the 参考文献 as a standard [S] (a6/d8); TD-RATE-001's 不适用 line named the event streams of
a profile it is not run for (c6); TD-ACC-005's criterion combined an instrument's type B its precondition does not
have (cx1); a quoted basis of 三（三） carried the value before a change (dx1); AS-CONT-001 read content files its
precondition did not ask for (bx1)."""

from __future__ import annotations

import re

from conformance.drafting.gbt7714 import entry_of, standardization_document
from tests.drafting.blocks import limit_rows
from tests.drafting.test_spec_gbt import cases

#: a standards body's technical report by its designation: 3GPP TR, ISO/TR, ISO/IEC TR, IEC TR, ETSI TR
_REPORT = re.compile(r"(?:3GPP|ETSI|ISO(?:/IEC)?|IEC)[ /]TR \d")


def test_a6_a_technical_report_is_a_report_r_listed_with_its_body_s_standards(zh_markdown):
    """The class: every entry of the 参考文献 that is a technical report is typed [R] (GB/T 7714-2015 4.1), never [S];
    the entry of 3GPP TR 26.928 stands with 3GPP's specification, before the laws."""
    bibliography = zh_markdown.split("\n## 参考文献", 1)[1]
    entries = re.findall(r"^\[\d+\] (.*)$", bibliography, re.M)
    reports = [e for e in entries if _REPORT.match(e)]
    assert reports, "no technical report listed"
    assert [e for e in reports if not re.search(r"\[R(?:/OL)?\]", e)] == []  # [R/OL] online (61st reading, a3)
    at = next(i for i, e in enumerate(entries) if e.startswith("3GPP TR 26.928"))
    assert entries[at + 1].startswith("3GPP TS 26.260") and "[S/OL]" in entries[at + 1]
    first_law = next(i for i, e in enumerate(entries) if re.search(r"\[Z(?:/OL)?\]", e) and i > at)
    assert at < first_law


def test_a6_the_type_code_of_a_report_and_its_place():
    assert entry_of("ISO/IEC TR 29110-1:2016 Systems and software engineering", "").endswith("[R].")
    assert entry_of("3GPP TS 26.260 Objective test methodologies", "").endswith("[S].")
    assert entry_of("ISO/TS 15066:2016 Collaborative robots", "").endswith("[S].")  # a specification stays [S]
    assert standardization_document("3GPP TR 26.928 Extended Reality (XR) in 5G[R].")
    assert not standardization_document("Nielsen J. Usability Engineering: Technical Report[R].")


def test_c6_a_not_applicable_line_names_no_stream_of_a_profile_the_case_is_not_run_for(zh):
    """The class: a case's 不适用 line that names event streams (the haptic and olfactory streams, E.3) belongs to a
    case the haptics profile selects (TD-RATE-001 named them, selected only by five tracking profiles)."""
    for rid, case in cases(zh).items():
        line = next((c for c in re.split(r"<br>|\n", case.get("判定准则", "")) if c.startswith("不适用")), "")
        if "事件数据流" in line:
            assert "terminal-haptics" in case["前置条件"], rid
    rate = cases(zh)["TD-RATE-001"]
    assert "`eye_gaze`" in rate["判定准则"] and "E.3" in rate["判定准则"]


def test_cx1_a_case_reading_type_a_only_states_no_type_b_in_its_criterion(zh):
    """The class: a case whose precondition takes its uncertainty from the scatter alone (「（A 类）」, no B) does not
    say its U combines an instrument's type B."""
    checked = 0
    for rid, case in cases(zh).items():
        before = case.get("前置条件", "")
        if re.search(r"（A 类）", before) and "B 类" not in before:
            checked += 1
            assert "仪器声明的 B 类" not in case.get("判定准则", ""), rid
    assert checked >= 1
    assert "仅由样本统计量的 A 类评定" in cases(zh)["TD-ACC-005"]["判定准则"]


def test_dx1_no_quoted_basis_carries_a_value_before_a_change(note):
    """The class: a basis of 三（三） quoting the notes gives the number's reason, not its history (IF-CODE-009 read
    「2 s（此前为 1 s）」); a change stays in the notes' version entries."""
    rows = limit_rows(note)
    # not 「并以前导零补足」 (AS-META-006)
    found = {rid: basis for rid, (_, basis) in rows.items() if re.search(r"此前|以前(?!导)|旧版|原为|曾为", basis)}
    assert found == {}
    assert re.search(r"等待为 2\s?s，沿用", rows["IF-CODE-009"][1])


def test_bx1_a_case_reading_content_files_asks_for_them(zh):
    """The class: a case whose steps read the content files the metadata references names them, or the files of the
    whole set (「瓦片集的文件」), in its precondition (AS-CONT-001's IXIT line named the metadata documents alone)."""
    readers = {rid: case for rid, case in cases(zh).items() if "内容文件" in case.get("测试步骤", "")}
    assert "AS-CONT-001" in readers
    for rid, case in readers.items():
        assert re.search(r"内容文件|的文件", case["前置条件"]), rid
