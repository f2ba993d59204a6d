"""The fiftieth reading, part h103-refs (docs/drafting.md, "Fiftieth reading, part h103-refs"): ILAC-G8, listed only in
the 参考文献, was cited by edition and clause in 6.3 and the 56 measuring cases' 判定准则 without its pointer, reading as
a normative reference (a1); 三（三） named 「伍德沃思模型」 and AmbiX without their numbers (a3, in
test_reading_fortyninth_h102refsA); IF-AUTH-001's 不确定 line named reading the probe asset's state, which the case
never does (b1); D.3 left out the cases calling the challenge, proof and export operations in words (b6, in
test_reading_fortyninth_h102refsB); TD-HAND-006 read gesture values table E.4 did not define (c7)."""

from __future__ import annotations

import re

from conformance.drafting.bibcites import INFORMATIVE


def _number(markdown: str, name: str) -> int:
    listed = markdown.split("\n## 参考文献", 1)[1]
    return int(re.search(rf"^\[(\d+)\] {re.escape(name)}", listed, re.M).group(1))


def test_a1_an_informative_document_cited_by_clause_is_followed_by_its_pointer(zh_markdown, en_markdown):
    """The class: a document the 参考文献 alone lists, cited by designation and clause in the body, is followed by
    「见参考文献[n]」 each time (6.3 and every measuring case's decision rule)."""
    body = zh_markdown.split("\n## 参考文献", 1)[0]
    for designation, name in INFORMATIVE.items():
        number = _number(zh_markdown, name)
        cited = re.findall(rf"{re.escape(designation)} \d+(?:\.\d+)*(.{{0,12}})", body)
        assert len(cited) >= 57, designation  # 6.3 and the 56 measuring cases
        assert all(after.startswith(f"，见参考文献[{number}]；") for after in cited), designation
        en_body = en_markdown.split("\n## Bibliography", 1)[0]
        en_cited = re.findall(rf"{re.escape(designation)} \d+(?:\.\d+)*(.{{0,30}})", en_body)
        assert en_cited and all(after.startswith(f", see Bibliography [{number}]; ") for after in en_cited)


def _case(markdown: str, rid: str) -> str:
    start = re.search(rf"^### \d+\.\d+ {rid.replace('-', '[-‑]')} ", markdown, re.M)
    assert start
    return markdown[start.end():markdown.index("\n### ", start.end())]


def test_b1_an_inconclusive_line_names_a_state_read_only_where_a_step_reads_it(zh_markdown):
    """The class: a case whose 不确定 line names reading the probe asset's state has a step reading it (IF-AUTH-002
    and -003 do; IF-AUTH-001 took the clause over without the step)."""
    cases = re.split(r"\n(?=### \d+\.\d+ [A-Z]+[-‑][A-Z]+[-‑]\d+ )", zh_markdown)
    named = 0
    for case in cases:
        line = next((l for l in case.splitlines() if l.startswith("| 判定准则 |")), "")
        if "读取其状态" in line.split("不确定：", 1)[-1] and "不确定：" in line:
            named += 1
            steps = next(l for l in case.splitlines() if l.startswith("| 测试步骤 |"))
            assert re.search(r"读取(?:并记录)?其状态|重新读取其状态", steps), case.split("\n", 1)[0]
    assert named >= 2
    assert "读取其状态" not in _case(zh_markdown, "IF-AUTH-001")


def test_c7_every_gesture_value_a_case_reads_is_defined_in_annex_e(zh_markdown):
    """The class: each gesture stream value a test case reads (「`name/begin`」, 「`name/end`」) is given by the
    `value` row of table E.4."""
    annex = zh_markdown.split("\n## 附录 E", 1)[1].split("\n## 参考文献", 1)[0]
    row = next(line for line in annex.splitlines() if line.startswith("| `value` |"))
    body = zh_markdown.split("\n## 附录 A", 1)[0]
    values = set(re.findall(r"`([a-z_]+/(?:begin|end))`", body))
    assert {"index_pinch/begin", "index_pinch/end"} <= values
    assert [v for v in sorted(values) if f"`{v}`" not in row] == []
