"""The leftovers of the twenty-fourth reading of issue 76, part g (docs/drafting.md, "Leftovers of the twenty-fourth
reading, part g"): the measurement cases. The laboratory's signed record named by no case, 5.9 and the test report
saying what it is for (row 22); TD-DISP-005 a measured requirement with guarded acceptance, and the 编制说明's
definition of one true of the list (row 25); TD-DISP-005 checking the ICS, a capture without its stream
inconclusive (row 26); the rate rule left unjudged named in TD-FACE-004's and TD-BODY-003's pass lines (row 27); the
apparatus uncertainty bound in four cases' 前置条件, RB-TRACK-002's inputs not optional (row 34). Each test fails on
the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.conftest import captures_verdict, fixture_path
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_CONDITIONS = {"zh": "前置条件", "en": "Initial conditions"}


def _clause(markdown: str, heading: str) -> str:
    """The text of one clause, from its heading to the next heading of the same or a higher level."""
    start = markdown.index(heading)
    level = heading.split(" ")[0]
    end = re.search(rf"^#{{1,{len(level)}}} ", markdown[start + len(heading):], re.M)
    return markdown[start:start + len(heading) + (end.start() if end else len(markdown))]


def test_no_case_names_the_laboratory_record_and_5_9_says_what_it_is_for(zh_markdown, en_markdown):
    """Row 22: 45 measuring cases named 「测试实验室对测量类采集文件的签名记录（可选）」 among their inputs, read by no
    step, while 5.9 made listing each instrument in the record a duty; TD-AUD-006, a digital export, named it too."""
    for markdown, lang, words in ((zh_markdown, "zh", "签名记录"), (en_markdown, "en", "signed record")):
        named = [rid for rid, case in _cases(markdown).items() if words in _row(case, _CONDITIONS[lang])]
        assert named == [], (lang, named)
    calibration = next(line for line in _clause(zh_markdown, "### 5.9 ").splitlines() if line.startswith("| 校准 |"))
    # the captures and, since the seventy-fourth reading (d1), the scent analyses records
    assert "测试用例按这些文件判定，不读取该记录" in calibration and "（第 16 章）" in calibration
    assert "仪器声明的 B 类分量取自该声明" in calibration
    report = _clause(zh_markdown, "## 16 测试报告")
    # the record's one name since the forty-sixth reading, a3 (part h98-front); the measuring data files it signs,
    # tracker captures too, since the seventy-second reading (part h136-robotlab), scent analyses records since the
    # seventy-fourth (d1)
    assert ("所判定的每个测量类数据文件（采集文件、跟踪记录、气味分析记录）的实验室签名记录（E.6）的标识，"
            "或该文件未附实验室签名记录的说明" in report)
    en_calibration = next(line for line in _clause(en_markdown, "### 5.9 ").splitlines()
                          if line.startswith("| Calibration |"))
    assert "a test case is judged on these files and does not read the record" in en_calibration


def test_the_flicker_case_is_a_measurement_case_with_guarded_acceptance(catalog, zh_markdown, en_markdown):
    """Row 25: TD-DISP-005 judged a photometer's readings against limits, outside 表 9, with no decision rule, no U
    and no apparatus bound; TD-DISP-009 to -011, the same display and instrument class, were guarded."""
    req = catalog.requirement("TD-DISP-005")
    assert req.measures == "instrument" and req.decision_rule is not None and req.decision_rule.kind == "guarded"
    table9 = zh_markdown[zh_markdown.index("表 10　测量类测试用例的判定规则"):]
    assert re.search(r"^\| TD‑DISP‑005 \| [^|]+ \| 保护性接受（\*w\* = \*U\*） \|$", table9, re.M)
    case = _cases(zh_markdown)["TD-DISP-005"]
    assert "处于限值以内但距限值小于其扩展不确定度" in _verdict_lines(case, "zh")["不通过"]
    assert "保护性接受（ILAC-G8:09/2019 4.2.2" in case
    conditions = _row(case, "前置条件")
    assert "测试设备：" in conditions and "所判定低风险限值的四分之一" in conditions
    assert "7. 按保护性接受判定" in _row(case, "测试步骤")
    en = _cases(en_markdown)["TD-DISP-005"]
    assert "inside its limit by less than its expanded uncertainty" in _verdict_lines(en, "en")["Fail"]


def test_the_note_defines_a_measured_requirement_as_the_list_holds_them(note, note_en):
    """Row 25: 三（二） said every measured requirement is measured by a laboratory's calibrated instrument, while
    TD-AUD-006 and TD-BCI-006, in its list, read no instrument."""
    for blocks, words, old in ((note, "不读取仪器读数", "项规范性要求由实验室的校准仪器测量被测对象的行为"),
                               (note_en, "reading no instrument", "are measured: a laboratory's calibrated instrument")):
        at = next(i for i, b in enumerate(blocks) if b.anchor == "note-3-1")
        text = next(str(b.text) for b in blocks[at + 1:] if b.kind == "para")
        assert words in text and old not in text, text[:200]


def test_a_modulation_inside_the_limit_by_less_than_u_fails(catalog, run_manifest):
    """Row 25, the check: 7 % at 90 Hz (limit 7.2 %) with the sample photodiode's 3 % (k = 2) passed before; the
    sample trace (5 % at 90 Hz) still passes."""
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-005",
                                     [fixture_path("terminal", "disp-rules/flicker-guard-band.ndjson.gz")],
                                     features=["flicker-measured"])
    assert verdict == "fail" and "guard band" in text, text
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-005",
                                     features=["flicker-measured"])
    assert verdict == "pass", text


def test_the_flicker_case_checks_the_ics_and_a_missing_stream_is_inconclusive(zh_markdown, en_markdown):
    """Row 26: step 1 recorded 「不适用」 for a capture without a luminance stream and no step checked the ICS;
    the check judges such a capture inconclusive, as part f decided for a claimed feature's missing input."""
    case = _cases(zh_markdown)["TD-DISP-005"]
    steps = _row(case, "测试步骤")
    assert steps.startswith("1. 核对 ICS：未声明支持特性“实验室实测闪烁（亮度迹线）”") and "记录“不确定”" in steps
    lines = _verdict_lines(case, "zh")
    assert lines["不适用"] == "不适用：ICS 未声明支持特性“实验室实测闪烁（亮度迹线）”（`flicker-measured`）。"
    assert "不含亮度数据流" in lines["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-DISP-005"], "en")
    assert "luminance" not in en["Not applicable"] or "ICS" in en["Not applicable"]
    assert "holds no luminance stream" in en["Inconclusive"]


def test_a_rate_rule_left_unjudged_is_named_by_the_pass_line(zh_markdown, en_markdown):
    """Row 27: step 7 left R4 (TD-FACE-004) and R5 (TD-BODY-003) unjudged without a declared `rate_hz`, while the
    pass line asked every stream judged to meet R1 to R4 (R5), so such a stream met no verdict line."""
    for rid, rule, before in (("TD-FACE-004", "R4", "R1 至 R3"), ("TD-BODY-003", "R5", "R1 至 R4")):
        passed = _verdict_lines(_cases(zh_markdown)[rid], "zh")["通过"]
        assert f"满足 {before}，且 {rule} 得以判定时亦满足 {rule}" in passed, passed
        assert f"{rule} 不予判定" in passed
        en = _verdict_lines(_cases(en_markdown)[rid], "en")["Pass"]
        assert f"and {rule} where it is judged" in en, en


def test_four_measurement_cases_state_their_apparatus_bound(zh_markdown, en_markdown):
    """Row 34: RB-TRACK-002, TD-CAPT-004, TD-DISP-009 and TD-VOICE-004 gave no uncertainty bound for their apparatus
    (5.9: k = 2, at most a quarter of the tolerance judged); RB-TRACK-002 called the tracker capture optional while
    its absence is inconclusive."""
    cases, en = _cases(zh_markdown), _cases(en_markdown)
    for rid in ("RB-TRACK-002", "TD-CAPT-004", "TD-DISP-009", "TD-VOICE-004"):
        apparatus = next((line for line in _row(cases[rid], "前置条件").split("<br>") if line.startswith("测试设备：")),
                         "")
        assert "（*k* = 2）" in apparatus and "四分之一" in apparatus, (rid, apparatus)
        en_apparatus = next((line for line in _row(en[rid], "Initial conditions").split("<br>")
                             if line.startswith("Apparatus: ")), "")
        assert "(k = 2)" in en_apparatus.replace("*", "") and "a quarter of" in en_apparatus, (rid, en_apparatus)
    track = _row(cases["RB-TRACK-002"], "前置条件")
    # (跟踪记录: part front's name of the tracker's file, forty-first reading c25)
    assert "（可选）" not in track and "外部跟踪仪在控制器时钟上对同一测试动作的跟踪记录" in track
    assert "关节轨迹控制器状态记录缺失" in _verdict_lines(cases["RB-TRACK-002"], "zh")["不确定"]
