"""The seventeenth reading of issue 76 (docs/drafting.md, "Seventeenth reading"): the binary minus as the minus sign
and the English dash as the em dash; GB/T 1.1—2020's title in the 前言 as published; the member ``min`` and JSON
strings in a body as code values in the Chinese text; IF-MOD-001's and IF-MOD-002's criteria applying R1's status
codes; the guarded decision rule naming its verdict; RB-URDF-002's steps checking only its rules. Each test fails on
the draft as it was before the fix it names; the scans also on a planted defect."""

from __future__ import annotations

import re

from conformance.drafting.signs import signs
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_CODE = re.compile(r"`[^`\n]*`")
#: a hyphen between spaces: a subtraction (「(*n* - 1)」) or, in English, a dash ("robots - description")
_HYPHEN = re.compile(r" - ")
#: the member ``min`` outside code: not the minute after a number nor in 「以 min 计」
_MIN = re.compile(r"(?<![\w.])(?<!\d )(?<!以 )min(?![\w.])")
#: a JSON string in ASCII quotation marks outside code (「`"Label"`: "1"」), and a path template cut in two
#: (「{`generation_path`}`/prompt`」)
_QUOTED = re.compile(r'(?<![\w`])"[^"\s`]{1,20}"(?![\w`])')
_CUT_TEMPLATE = re.compile(r"\{`[^`{}]+`\}`")


def _body(markdown: str) -> str:
    """The text before the bibliography, its code values replaced."""
    return _CODE.sub("`C`", markdown.split("## 参考文献", 1)[0].split("## Bibliography", 1)[0])


def _hits(pattern: re.Pattern[str], text: str) -> list[str]:
    return [text[max(0, m.start() - 20):m.end() + 10] for m in pattern.finditer(text)][:5]


def test_the_binary_minus_is_the_minus_sign_and_the_english_dash_the_em_dash(zh_markdown, en_markdown):
    """31 「(*n* - 1)」, 「\\|帧间隔 - 周期\\|」 in the Chinese and 63 in the English, among them the dashes of
    "Service and humanoid robots - description and joint data" and "Directives for standardization - Part 1"
    (GB 3102.11-1993; the draft's own English title)."""
    assert _hits(_HYPHEN, _body(zh_markdown)) == []
    assert _hits(_HYPHEN, _body(en_markdown)) == []
    assert "(*n* − 1)" in zh_markdown and "\\|帧间隔 − 周期\\|" in zh_markdown
    assert "Directives for standardization — Part 1" in en_markdown
    assert "Service and humanoid robots — description and joint data" in en_markdown


def test_the_foreword_writes_the_title_of_gbt_1_1_as_published(zh_markdown):
    """「《标准化工作导则 第1部分：……》」 had an ASCII space between the title's elements (clause 2 and the cover write
    the full-width space)."""
    foreword = zh_markdown.split("## 前言", 1)[1].split("## 引言", 1)[0]
    assert "《标准化工作导则\u3000第1部分：标准化文件的结构和起草规则》" in foreword


def test_the_member_min_is_a_code_value_in_the_chinese_text(zh_markdown):
    """「40 ≤ min < `max` ≤ 90 mm」, 「100 (`max` − min) / (`max` + min)」: the Chinese writer took ``min`` for the
    minute's symbol (18 places)."""
    assert _hits(_MIN, _body(zh_markdown)) == []
    assert "40 mm ≤ `min` < `max` ≤ 90 mm" in zh_markdown


def test_json_strings_and_path_templates_in_the_chinese_text_are_code(zh_markdown):
    """「{`"Label"`: "1", …}」, 「{`"width"`, …, "fps"}」, 「`"description"`: "..."」, 「{`"advance_s"`:0}」 and
    「`GET` {`generation_path`}`/prompt`」 (GB/T 15834—2011; the sixth reading's rule)."""
    body = _body(zh_markdown)
    assert _hits(_QUOTED, body) == [] and _hits(_CUT_TEMPLATE, zh_markdown) == []
    assert '`{"Label": "1", "ContentProducer"' in zh_markdown and '`{"advance_s": 0}`' in zh_markdown
    assert "`GET {generation_path}/prompt`" in zh_markdown  # one operation, one code value (twentieth, row 27)


def test_the_passes_and_the_scans_agree_on_planted_forms():
    planted = ('计算 (*n* - 1) 与 \\|帧间隔 - 周期\\|；满足 40 ≤ min < `max` ≤ 90 mm；佩戴 30 min；以 min 计；'
               '{`"Label"`: "1", `"ContentProducer"`: 名称}；`GET` {`generation_path`}`/prompt` 返回')
    for pattern in (_HYPHEN, _MIN, _QUOTED):
        assert _hits(pattern, _CODE.sub("`C`", planted)), pattern.pattern
    assert _hits(_CUT_TEMPLATE, planted)
    fixed = signs(planted, "zh")
    for pattern in (_HYPHEN, _MIN, _QUOTED):
        assert _hits(pattern, _CODE.sub("`C`", fixed)) == [], pattern.pattern
    assert _hits(_CUT_TEMPLATE, fixed) == []
    for written in ("(*n* − 1)", "\\|帧间隔 − 周期\\|", "40 ≤ `min` < `max`", "佩戴 30 min", "以 min 计",
                    '`"Label"`: `"1"`', "`GET {generation_path}/prompt` 返回"):
        assert written in fixed, written
    assert signs("(n - 1) and robots — description", "en") == "(n − 1) and robots — description"


def test_the_moderation_criteria_apply_the_status_codes_r1_states(zh_markdown, en_markdown):
    """IF-MOD-002's R1 (and IF-MOD-001's statement) ask for 401, 403, 404, 410 or 451; the criteria failed only a 200
    (「仍以 200 向 B 提供（R1）」), so a 302 or a 500 passed by the text and failed by the test."""
    for markdown, pass_word, fail_word in ((zh_markdown, "通过：", "不通过："), (en_markdown, "Pass: ", "Fail: ")):
        cases = _cases(markdown)
        for rid in ("IF-MOD-001", "IF-MOD-002"):
            criteria = _row(cases[rid], "判定准则" if markdown is zh_markdown else "Verdict criteria").split("<br>")
            passed = next(c for c in criteria if c.startswith(pass_word))
            failed = next(c for c in criteria if c.startswith(fail_word))
            assert "451" in passed, (rid, passed)
            assert "451" in failed or "五个状态码" in failed or "those five" in failed, (rid, failed)
    steps = _row(_cases(zh_markdown)["IF-MOD-002"], "测试步骤")
    assert "若仍得到 200" not in steps and "不是 401、403、404、410 或 451" in steps


def test_the_guarded_decision_rule_names_its_verdict(zh_markdown, en_markdown):
    """28 判定准则 and 6.3 said a value in the guard band 「不予通过」 ("does not pass"), naming none of 6.1's four
    verdicts; the test records it as 不通过."""
    assert "保护带内，不予通过" not in zh_markdown and "故不予通过" not in zh_markdown
    assert zh_markdown.count("处于保护带内，判为不通过") >= 28
    section = zh_markdown.split("### 6.3 ", 1)[1].split("\n表 10", 1)[0]
    assert "故判为不通过" in section
    assert "within the guard band and does not pass" not in en_markdown
    assert en_markdown.count("within the guard band and fails") >= 28


def test_rb_urdf_002_checks_only_the_rules_it_states(zh_markdown, en_markdown):
    """Step 3 and the 预期结果 checked 「`lower` 不大于 `upper`」, which no rule of the case states and its notes leave
    to RB-URDF-003 R4."""
    zh = _cases(zh_markdown)["RB-URDF-002"]
    assert "不大于 `upper`" not in zh and "下限不大于上限" not in zh
    en = _cases(en_markdown)["RB-URDF-002"]
    assert "not above its `upper`" not in en and "lower not above the upper" not in en


def test_an_ieee_standard_is_cited_as_clause_2_designates_it(zh_markdown, en_markdown):
    """Clause 2 lists 「IEEE Std 1789-2015」; TD-DISP-005, annex A and annex B cited 「IEEE 1789-2015」 and
    「IEEE 1789」 (7 times): one designation a document (GB/T 1.1-2020 9.5)."""
    for markdown in (zh_markdown, en_markdown):
        body = markdown.split("## 3 ", 1)[1].split("## 参考文献", 1)[0].split("## Bibliography", 1)[0]
        assert re.findall(r"IEEE (?!Std )\d+", body) == []
        assert body.count("IEEE Std 1789-2015") >= 5


def test_no_programmers_arrow_stands_in_the_text(zh_markdown, en_markdown):
    """「（等级 -> IF‑RISK‑001 词表中的措施名称）」, 「输入 -> GB/T 22240—2020 的 [受侵害的客体, 侵害程度]」 (annex A) and
    「（目的名称 -> 为该目的记录的操作）」 (IF-UDP-008): an ASCII arrow and a bracketed pair with an ASCII comma in
    Chinese text (GB/T 15834—2011), 4 in the Chinese and 7 in the English."""
    for markdown in (zh_markdown, en_markdown):
        assert _hits(re.compile(r"->"), _body(markdown)) == []
    assert "[受侵害的客体, 侵害程度]" not in zh_markdown
