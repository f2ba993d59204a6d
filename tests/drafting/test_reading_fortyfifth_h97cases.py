"""The forty-fifth reading of issue 76, part h97-cases (docs/drafting.md, "Forty-fifth reading, part h97-cases"): a
step stopping on a referenced stream that does not exist has its 不确定 line (c5); TD-FACE-004 states the peak weight
its limits are taken from (cx2); 三（三） quotes the study a number is derived from as 「该研究」 (d3); annex A cites the
参考文献 by number, never by author and year (a1); an IXIT target's format line names its own format once (a2); one
name, 声明检查, defined in clause 3 (a3); no stray space and no ASCII comma between Chinese words in a test case
(ax1, bx1). Each test fails on the draft as it was before this part (9019b42f)."""

from __future__ import annotations

import re

from tests.drafting.test_reading_fortyfourth_h96terms import _number
from tests.drafting.test_reading_fortythird_h95front import _bibliography, _terms

#: a test case: its heading and its table, up to the next heading
_CASE = re.compile(r"^### \d+\.\d+ ([A-Z]+-[A-Z]+-\d+) .*?(?=^#)", re.M | re.S)
#: a row of a test case's table
_ROW = re.compile(r"^\| (测试目的|前置条件|测试步骤|预期结果|判定准则) \| (.*) \|$", re.M)
_CJK = "\u3400-\u9fff"


def _cases(zh_markdown: str) -> dict[str, dict[str, str]]:
    """Each test case's rows by their label."""
    return {m.group(1): dict(_ROW.findall(m.group(0))) for m in _CASE.finditer(zh_markdown)}


def test_c5_a_step_stopping_on_a_missing_stream_has_its_inconclusive_line(zh_markdown):
    """c5: TD-BODY-003, TD-FACE-004, TD-HAND-005, TD-PERF-004 and TD-PERF-005 stop judging a reference whose
    `annotates` names a stream that 「不存在」, and their 不确定 line named only one 「不是……数据流」 (TD-FACE-005's
    named both). Every clause of a step ending judging (停止, 不计, 结束) on something that does not exist names it in
    the case's 不确定 or 不适用 line."""
    stopping = []
    for case, rows in _cases(zh_markdown).items():
        clauses = re.split(r"[；。]|<br>", rows.get("测试步骤", ""))
        if any("不存在" in c and re.search("停止|不计|结束", c) for c in clauses):
            verdicts = re.findall(r"(?:不确定|不适用)：[^<]*", rows.get("判定准则", ""))
            stopping.append((case, any("不存在" in v or "不在采集文件中" in v for v in verdicts)))
    assert {"TD-BODY-003", "TD-FACE-004", "TD-HAND-005", "TD-PERF-004", "TD-PERF-005"} <= {c for c, _ in stopping}
    assert [case for case, covered in stopping if not covered] == []


def test_cx2_the_peak_weight_the_limits_rest_on_is_stated_in_the_case(zh_markdown, note_md):
    """cx2: 三（三） gives TD-FACE-004's 0.15 as one sixth of 「序列最大权重 0.9」, which the case never stated."""
    assert "序列最大权重 0.9" in note_md
    assert "每个在 0.5 s 内升至最大（参考权重约 0.9）再回落" in _cases(zh_markdown)["TD-FACE-004"]["前置条件"]


def test_d3_a_number_derived_from_that_study_is_quoted_with_the_study(note_md, note_md_en):
    """d3: TD-HAND-005's 20 mm, 「约为该研究所报告指尖平均误差的两倍」, was quoted without the study (Abdlkarim 等, 2024)
    or its 1.1 cm. Every basis of 三（三） deriving from 「该研究」 names the study before."""
    rows = re.findall(r"^\| ([A-Z]+‑[A-Z]+‑\d+) \| [^|]* \| (附注：.*) \|$", note_md, re.M)
    assert rows
    for req, basis in rows:
        if "该研究" in basis:
            before = basis[:basis.index("该研究")]
            # the year, and the bibliography's number part h97-note2 adds after a work's first mention
            assert re.search(r"[A-Za-z]\S*(?: 等)?（(?:19|20)\d\d(?:，参考文献\[\d+\])?）", before), req
    hand = next(basis for req, basis in rows if req == "TD‑HAND‑005")
    assert hand.startswith("附注：Abdlkarim 等（2024，参考文献[") and "指尖平均位置误差为 1.1 cm" in hand
    assert "Abdlkarim et al. (2024, Bibliography [" in note_md_en


def test_a1_annex_a_cites_the_bibliography_by_number_not_by_author_and_year(zh_markdown, en_markdown):
    """a1: A.44's `max_photon_latency_ms` said 「（以 ms 计，Adelstein、Lee 与 Ellis 2003）」, the only author-year citation
    of the draft; a parameter's pointer takes its entry's number from the list (`cites`, `drafting/bibcites.py`)."""
    body = zh_markdown[:zh_markdown.index("\n## 参考文献")]
    assert re.findall(r"[A-Z][a-z]+(?:、[A-Z][a-z]+)*(?: 与 [A-Z][a-z]+| 等)[ ，,]*(?:19|20)\d\d(?!）)", body) == []
    body_en = en_markdown[:en_markdown.index("\n## Bibliography")]
    assert re.findall(r"[A-Z][a-z]+(?:, [A-Z][a-z]+)*(?: and [A-Z][a-z]+| et al\.),? (?:19|20)\d\d", body_en) == []
    number = _number(zh_markdown, "Adelstein B D, Lee T G, Ellis S R")
    assert f"点亮刷新的时间上限（以 ms 计，见参考文献[{number}]）" in zh_markdown
    assert f"first lit refresh, in milliseconds (see Bibliography [{number}])" in en_markdown


def test_a2_a_targets_format_line_names_its_own_format_once(zh_markdown):
    """a2: nine terminal profiles' `laboratory_records` row read 「……签名记录（格式见 E.6）；格式见附录 E（采集文件：E.2、
    E.3、E.4；签名记录：E.6）」: the capture file it signs is no format of the target, and E.6 stood twice."""
    rows = re.findall(r"^\| (?:被测目标|测试实验室的记录) `[a-z_]+` \| ([^|]*) \|", zh_markdown, re.M)  # 63rd a2: labelled apart
    assert rows
    for row in rows:
        clauses = re.findall(r"(?<![\w.])E\.\d+", row)
        assert len(clauses) == len(set(clauses)), row
        assert "（格式见 E." not in row, row
    # the record's one name since the forty-sixth reading, a3 (part h98-front): 实验室签名记录, its format named once
    labs = [row for row in rows
            if row.startswith(("测量类采集文件的实验室签名记录", "测量类数据文件的实验室签名记录"))]
    # thirteen terminal profiles since the seventy-first reading, ax1 (part h136-lab: accessibility, captions, comfort
    # and voice joined the nine); robot-joint-data's row signs tracker captures, and names E.14 no more than these E.2;
    # terminal-haptics's signs its measuring data files, its scent analyses records too (seventy-fourth reading, d1)
    labs += [row for row in rows if row.startswith("外部跟踪仪跟踪记录的实验室签名记录")]
    assert len(labs) == 14 and all(row.endswith("；格式见附录 E（实验室签名记录：E.6）") for row in labs), labs


def test_a3_the_check_of_a_declaration_has_one_name_defined_in_clause_3(zh_markdown):
    """a3: the criteria of the MAY checks of a product's own declaration say 声明检查, table B.2 said 声明核对 too, once
    glossing one with the other."""
    assert "声明核对" not in zh_markdown
    assert "声明检查" in _terms(zh_markdown)
    assert zh_markdown.count("声明检查") >= 15


def test_ax1_bx1_no_stray_space_or_ascii_comma_between_chinese_words_in_a_case(zh_markdown):
    """ax1: 「第 6 章 要求」 (AS-AIGC-013, -015); bx1: 「[高, 宽]」 (DP-LABEL-003). The lint's whitespace rule reads the
    statements and notes, not the cases' steps: over every case's rows, outside code spans, no ASCII space and no
    ASCII comma stands between two Chinese characters."""
    found = []
    for case, rows in _cases(zh_markdown).items():
        for label, text in rows.items():
            text = re.sub(r"`[^`]*`", "`…`", text)
            found += [(case, label, m.group(0)) for m in re.finditer(rf"[{_CJK}](?:[ \t]+|\s*,\s*)[{_CJK}]", text)]
    assert len(_cases(zh_markdown)) > 300
    assert found == []
