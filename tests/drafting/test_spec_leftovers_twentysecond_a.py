"""The twenty-second reading of issue 76, part a (docs/drafting.md, "Leftovers of the twenty-second reading, part a"):
rows 4, 6, 10, 35, 38, 45, 48, 49 and 57. Each test fails on the draft as it was before the fix its row names; the
scans also find a planted defect."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.drafting.blocks import section

ROOT = Path(__file__).resolve().parents[2]
_ID = re.compile(r"[A-Z]{2}[‑-][A-Z]+[‑-]\d{3}")


def _annex(markdown: str, letter: str) -> str:
    return section(markdown, 2, f"(?:附录|Annex) {letter}")


def _table_rows(text: str) -> list[list[str]]:
    return [line.strip().strip("|").strip().split(" | ") for line in text.splitlines() if line.startswith("| ")]


def _constraint_cells(markdown: str) -> list[str]:
    """The 约束 / Constraints cells of the member tables of annexes D and E (the fourth column)."""
    return [row[3] for letter in "DE" for row in _table_rows(_annex(markdown, letter))
            if len(row) >= 4 and row[0].startswith("`")]


# row 6: a form of required members printed 「不限」


def _empty_forms(cell: str) -> list[str]:
    return re.findall(r"〔\d+〕(?:不限|any)(?=[；;]|$)", cell)


def test_the_scan_finds_a_planted_empty_form():
    assert _empty_forms("封闭；符合 2 种形式之一：〔1〕不限；〔2〕不限")
    assert _empty_forms("closed; exactly one of 2 forms: 〔1〕any; 〔2〕any")
    assert not _empty_forms("封闭；符合 2 种形式之一：〔1〕带有 `position`；〔2〕带有 `direction`")


def test_a_form_of_required_members_names_what_it_requires(zh_markdown, en_markdown):
    """Row 6: seven rows of annex E (targets, speech stimulus, calibration) read 「〔1〕不限；〔2〕不限」."""
    for markdown in (zh_markdown, en_markdown):
        assert [cell for cell in _constraint_cells(markdown) if _empty_forms(cell)] == []
    zh_cells, en_cells = _constraint_cells(zh_markdown), _constraint_cells(en_markdown)
    # 「封闭」 says the `x-` members a schema admits beside the listed ones (twenty-ninth reading, b14)
    assert "封闭（另可含名称匹配 `^x-` 的成员）；符合 2 种形式之一：〔1〕带有 `position`；〔2〕带有 `direction`" in zh_cells
    assert ("closed (members whose names match `^x-` allowed too); exactly one of 2 forms: 〔1〕has `position`; "
            "〔2〕has `direction`") in en_cells
    assert ("封闭（另可含名称匹配 `^x-` 的成员）；符合 2 种形式中的至少一种：〔1〕带有 `corpus` 与 `presentations`；"
            "〔2〕带有 `background`") in zh_cells
    assert "closed; at least one of 2 forms: 〔1〕has `uncertainty`; 〔2〕has `accuracy_class`" in en_cells


# row 45: a range's upper bound written before its lower one


def _upper_first(cell: str) -> list[str]:
    return re.findall(r"(?:不大于|小于) `[^`]+`；(?:不小于|大于) `[^`]+`", cell) + \
        re.findall(r"(?:at most|below) `[^`]+`; (?:at least|above) `[^`]+`", cell)


def test_the_scan_finds_a_planted_range_upper_bound_first():
    assert _upper_first("不大于 `10`；大于 `0`")
    assert _upper_first("at most `360`; above `0`")
    assert not _upper_first("大于 `0`；不大于 `10`")


def test_every_range_gives_its_lower_bound_first(zh_markdown, en_markdown):
    """Row 45: 101 cells of annexes D and E read 「不大于 `360`；大于 `0`」 beside 「不小于 `0`；不大于 `100`」."""
    for markdown in (zh_markdown, en_markdown):
        assert [cell for cell in _constraint_cells(markdown) if _upper_first(cell)] == []
    assert any("大于 `0`；不大于 `10`" in cell for cell in _constraint_cells(zh_markdown))
    assert all("、" not in cell for cell in _constraint_cells(en_markdown))  # an English list is joined by commas


# row 57: annex E's English descriptions carry what the Chinese lacks


def _format_files() -> list[Path]:
    import yaml

    formats = yaml.safe_load((ROOT / "suites" / "specification.yaml").read_text(encoding="utf-8"))["formats"]
    return sorted({ROOT / "schemas" / str(entry["schema"]).split("#")[0] for entry in formats} |
                  {ROOT / "schemas" / "terminal" / "device-descriptor.json"})


def _described(node: object):
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            yield node["description"], node.get("x-description-zh") or ""
        for value in node.values():
            yield from _described(value)
    elif isinstance(node, list):
        for value in node:
            yield from _described(value)


#: a standard or specification as a description names it, and the name the Chinese gives a law the English abbreviates
_STANDARD = re.compile(r"\b(?:(?:ISO(?:/IEC)?|IEC|ITU-[RT]|IEEE|GB(?:/T)?|RFC|BCP) [\w.:-]*\d[\w.:-]*|OpenXR|BIDS|AmbiX|WebVTT|"
                       r"PannerNode|ARKit|VRM [\d.]+)")
_NAMES = {"PIPL": "个人信息保护法", "Personal Information Protection Law": "个人信息保护法"}


def _content(text: str) -> tuple[set[str], set[str], set[str]]:
    """The requirement IDs, standards and code values a description names."""
    standards = {m.group(0).rstrip(".:") for m in _STANDARD.finditer(text.replace("—", "-"))}
    standards |= {zh for en, zh in _NAMES.items() if en in text or zh in text}
    return set(_ID.findall(text)), standards, set(re.findall(r"`([^`]+)`", text))


def test_the_comparison_finds_a_planted_difference():
    assert _content("the pose (OpenXR `XrPosef`; TD-PERF-001)") != _content("位姿（`XrPosef`）")
    assert _content("consent (PIPL art. 13; `separate`)") == _content("同意（《个人信息保护法》第十三条；`separate`）")


def test_annex_e_describes_each_member_alike_in_both_languages():
    """Row 57: 98 English descriptions named requirements and standards, or carried constraints and code marks, the
    Chinese lacked (`personal_data.biometric` "ISO/IEC 24745", `streams[].audio` "ACN, SN3D or N3D (AmbiX)")."""
    different = []
    for path in _format_files():
        for en, zh in _described(json.loads(path.read_text(encoding="utf-8"))):
            if _content(en) != _content(zh):
                different.append((path.name, en[:60], zh[:40]))
    assert different == []


def test_no_annex_e_description_names_a_requirement(zh_markdown, en_markdown):
    """Row 57: annex E defines the formats, not the cases reading them (「`streams[].commanded_motion`」 named TD-MPLAT-003)."""
    for markdown in (zh_markdown, en_markdown):
        rows = [row for row in _table_rows(_annex(markdown, "E")) if len(row) == 5 and row[0].startswith("`")]
        assert len(rows) > 900  # 表 E.1 refers to 表 E.2 and E.4, not repeating them (thirty-first reading, b11)
        assert [row[0] for row in rows if _ID.search(row[4])] == []


# row 35: the decision rule cites the dated guide in English too


def test_the_english_decision_rule_cites_the_dated_guide(en_markdown):
    """Row 35: "combined per GUM" in the 54 measured cases where the Chinese cites ISO/IEC 指南 98-3:2008 (combined,
    or for some rules evaluated from type A or the resolution alone: the seventy-fourth reading's c3 and its class)."""
    assert "per GUM" not in en_markdown
    assert en_markdown.count("per ISO/IEC Guide 98-3:2008") >= 54


# row 49: 5.9 lists the measured cases table 9 lists


def _decision_table_number(markdown: str, lang: str) -> str:
    title = "测量类测试用例的判定规则" if lang == "zh" else "Decision rules of the measuring test cases"
    found = re.search(rf"^(?:表|Table) (\d+)(?:　| — ){title}$", markdown, re.M)
    assert found, title
    return found.group(1)


def test_the_terminal_environment_names_the_measured_cases_by_the_table_of_decision_rules(zh_markdown, en_markdown):
    """Row 49: 5.9 listed 28 measuring cases by hand while table 9 lists 54 (TD-CAM-002 among those left out)."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        clause = section(markdown, 3, r"5\.\d+ (?:终端数据交换|Terminal data exchange)")
        number = _decision_table_number(markdown, lang)
        cited = "测量类测试用例（表 {} 所列的终端用例）" if lang == "zh" else "measuring test cases (the terminal cases Table {} lists)"
        assert cited.format(number) in clause
        assert "TD‑PERF‑001" not in clause and "TD‑GAZE‑002" not in clause  # no list of its own
        assert ("测量性能的测试用例" if lang == "zh" else "measured test case") not in clause


# row 4: annex C's two statuses explained where used


def test_annex_c_explains_its_two_statuses_alike_in_both_languages(zh_markdown, en_markdown):
    zh, en = _annex(zh_markdown, "C"), _annex(en_markdown, "C")
    # an automated test, not a written test case (thirty-second reading, b2)
    assert "状态“草案”指要求尚在起草；“候选”指要求已完整且有自动化测试与已知不合格用例" in zh
    assert "Status \"draft\" means that the requirement is still being written; \"candidate\", that it is complete" in en
    assert "经确认适于作为规范性要求后" in zh and "Once agreed, its statement enters the body" in en
    assert "once validated and stable" not in en


# row 38: a space after full-width punctuation


def _spaced(markdown: str) -> list[str]:
    """A space after 「，；。、：」 inside running text (not a table cell's padding, not a line's hard break)."""
    return [m.group(0) for m in re.finditer(r"[，；。、：] +(?=[^\s|])", markdown)]


def test_the_scan_finds_a_planted_space_after_full_width_punctuation():
    assert _spaced("第二十五条的期限， 由本文件确定")
    assert _spaced("GB/T 35273—2020 8.7 c)； 认证计划")
    assert not _spaced("| 常规实验室环境。 |\n第一行；  \n第二行")


def test_no_full_width_punctuation_is_followed_by_a_space(zh_markdown):
    """Row 38: annex A's `cooling_off_s` 「期限， 由本文件」 and `export_response_s` 「8.7 c)； 认证计划」."""
    assert _spaced(zh_markdown) == []


# rows 48 and 10: what annex A's parameter rows cite


def _parameter_rows(markdown: str) -> list[str]:
    return [line for line in _annex(markdown, "A").splitlines() if line.startswith(("| 参数 `", "| Parameter `"))]


def test_no_annex_a_parameter_row_cites_a_candidate(catalog, zh_markdown, en_markdown):
    """Row 48: A.28 `required_measures` leant on IF-RISK-001's vocabulary, A.15 on AS-AIGC-008 and -009, A.12 stated
    a verdict of AS-RATING-001, all candidates annex C says are no requirements of this document."""
    candidates = {rid for rid, r in catalog.requirements.items()
                  if str(getattr(r.status, "value", r.status)) in ("draft", "candidate")}
    assert {"IF-RISK-001", "AS-AIGC-008", "AS-RATING-001"} <= candidates
    for markdown in (zh_markdown, en_markdown):
        rows = _parameter_rows(markdown)
        assert len(rows) > 100
        # a row serving annex C's candidates alone says so (forty-sixth reading, ax2): it may name them
        marked = ("仅供附录 C 所列的资料性要求使用", "used only by informative requirements listed in annex C")
        assert [row[:80] for row in rows if {i.replace("‑", "-") for i in _ID.findall(row)} & candidates
                and not any(m in row for m in marked)] == []
    measures = next(row for row in _parameter_rows(zh_markdown) if row.startswith("| 参数 `required_measures`"))
    for name in ("misconduct-reporting", "content-review", "minors-age-gate", "minors-trading-refused", "playtime-limits"):
        assert f"`{name}`（" in measures  # each measure named with its meaning


def _range(first: str, last: str) -> list[str]:
    head, a, b = first[:-3], int(first[-3:]), int(last[-3:])
    return [f"{head}{n:03d}" for n in range(a, b + 1)]


def test_annex_a_parameter_rows_cite_rules_that_exist(catalog, zh_markdown, en_markdown):
    """Row 10: A.74 `session_participants` cited 「IF‑SES‑001 至 IF‑SES‑005，规则 R1」, rules IF-SES-004/005 lack."""
    for markdown, to, rule in ((zh_markdown, "至", "，规则 "), (en_markdown, "to", ", rule ")):
        for row in _parameter_rows(markdown):
            for first, last, r in re.findall(rf"({_ID.pattern}) {to} ({_ID.pattern}){rule}(R\d+)", row):
                for rid in _range(first.replace("‑", "-"), last.replace("‑", "-")):
                    assert r in [x.id for x in (catalog.requirements[rid].rules or [])], (rid, r, row[:60])
    readers = sorted(rid for rid, r in catalog.requirements.items() if "session_participants" in (r.parameters or []))
    assert readers == _range("IF-SES-001", "IF-SES-006")
    rows = [row for row in _parameter_rows(zh_markdown) if "participants`" in row.split(" | ")[0]]
    assert len(rows) == 2 and all("（IF‑SES‑001 至 IF‑SES‑006）" in row for row in rows)
