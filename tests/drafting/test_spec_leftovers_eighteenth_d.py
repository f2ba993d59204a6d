"""Leftovers of the seventeenth and eighteenth readings of issue 76, part d (docs/drafting.md, "Leftovers of the
eighteenth reading, part d"): the common logarithm written lg, not ``log10`` (GB 3102.11-1993, ISO 80000-2:2019
clause 13); the English naming a percentile as the Chinese does ("95th percentile", not "p95"); the English setting
URL templates and URDF elements as code values, as the Chinese writer does; no dated citation with its own bracket
standing inside a round bracket; AS-MINOR-003's window of the day in the 编制说明's limits table with its basis. Each
test fails on the draft before the change."""

from __future__ import annotations

import re

from conformance.drafting.facts import ordered
from conformance.drafting.signs import signs
from conformance.drafting.writer import normative
from tests.drafting.blocks import text_of
from tests.drafting.test_spec_leftovers_eighteenth_b import _table
from tests.drafting.test_spec_leftovers_seventeenth_formulas import _ON_THE_LINE
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_CODE = re.compile(r"`[^`\n]*`")


def _plain(text: str) -> str:
    """``text`` without its code values."""
    return _CODE.sub("`C`", text)


def test_the_common_logarithm_is_written_lg(zh_markdown, en_markdown, note, note_en):
    """「20 `log10`（共模幅度 × 参考增益 ÷ 残留幅度）」 and "20 log10 of the model's gain ratio" (TD-BCI-007, the TD-AUD
    cases: 2 places in the Chinese, 7 in the English): the common logarithm's sign is lg, set upright as a function."""
    for text in (zh_markdown, en_markdown, text_of(note), text_of(note_en)):
        assert "log10" not in text
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    assert "抑制比为 20 lg(共模幅度 × 参考增益 ÷ 其记录到的残留幅度)" in zh["TD-BCI-007"]
    assert "its rejection being 20 lg(common-mode amplitude × reference gain / the residual it records)" in en["TD-BCI-007"]
    assert "20 lg(*g*(*d*) / *g*(reference))" in en["TD-AUD-007"] and "within 1 dB of 20 lg of" in en["TD-AUD-007"]
    assert "10 lg(left ear's energy / right ear's energy)" in en["TD-AUD-004"]
    assert "`lg`" not in zh_markdown  # the function is no code value (wording._FUNCTIONS before its bracket)
    # the formulas' scan reads log10 as a name with its index on the line, as it reads c1
    assert [m.group(0) for m in _ON_THE_LINE.finditer("20 log10 (a / b)")] == ["log10"]


_PERCENTILE = re.compile(r"(?<![\w`])p(?:50|95|99)(?!\w)")


def test_the_english_names_a_percentile_as_the_chinese_does(en_markdown, note_en):
    """The English wrote "the latency's p95 limit at its p95", "Compute the latency's p50", "(p95 within 2 s, p99
    within 4 s, …)" and "its p99 jitter" where the Chinese writes 「第 95 百分位数」; member names keep their form."""
    for text in (en_markdown, text_of(note_en)):
        assert [_plain(text)[max(0, m.start() - 30):m.end() + 10] for m in _PERCENTILE.finditer(_plain(text))] == []
    case = _cases(en_markdown)["IF-SES-002"]
    assert "the latency's 95th percentile limit at its 95th percentile (15 ms)" in case
    assert "Compute the latency's 50th percentile, 95th percentile and largest value" in case
    assert "`session_latency_p95_ms`" in en_markdown
    assert signs("the probe's p95 and `p95`", "en") == "the probe's 95th percentile and `p95`"


#: a code value the Chinese writer marks and the English sources wrote as plain text
_VALUES = ("`<endpoint>/{report_id}`", "`v1.1/Datastreams(<id>)/Observations`", "`v1.1/Things(<id>)`",
           "`v1.1/Things(<id>)/description`", "`<robot>`", "`<limit>`")


def test_the_english_sets_url_templates_and_urdf_elements_as_code(zh_markdown, en_markdown):
    """「<endpoint>/{report_id}」 (IF-REPORT-001), 「v1.1/Datastreams(<id>)/Observations」, 「v1.1/Things(<id>)」
    (SC-FEED-005 to -007) and the URDF elements 「<robot>」, 「<limit>」 (RB-URDF-001, -002) stood in the English outside
    code, where the Chinese sets them as code values: each now stands as code in the same test cases in both."""
    outside = [m.group(0) for m in re.finditer(r"<(?!br>|/?sub>|/?sup>)[A-Za-z_]+>|v1\.1/\w+\(", _plain(en_markdown))]
    assert outside == []
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for value in _VALUES:
        where = {rid for rid, case in zh.items() if value in case}
        assert where and where == {rid for rid, case in en.items() if value in case}, value
    assert "`<endpoint>/{report_id}`" in _row(en["IF-REPORT-001"], "Test purpose")
    assert "unprefixed `<robot>` element" in en["RB-URDF-001"]


#: a date in its own bracket after a designation (datedrefs: 「ITU-T G.1010（2001-11）」, "ETSI ES 202 396-1 (V1.8.1,
#: 2022-05)", 「OpenXR Specification 1.1（2024-04-15）」)
_DATED = re.compile(r"[（(](?:V[\d.]+[，,] ?)?\d{4}-\d{2}(?:-\d{2})?[）)]")


def _nested_dates(text: str) -> list[str]:
    """Each dated citation's bracket that stands inside a round bracket opened before it on its line (code values
    left out)."""
    found = []
    for line in _plain(text).splitlines():
        for m in _DATED.finditer(line):
            depth = 0
            for char in line[:m.start()]:
                depth = depth + 1 if char in "（(" else max(0, depth - 1) if char in "）)" else depth
            if depth:
                found.append(line[max(0, m.start() - 50):m.end() + 10])
    return found


def test_no_dated_citation_stands_inside_a_round_bracket(zh_markdown, en_markdown, note, note_en):
    """Ten stood inside one: the 测试目的 of TD-RUN-002, -003, -006, -007, TD-BODY-004 and TD-HAPT-001 bracketing a
    title that cites 「OpenXR Specification 1.1（2024-04-15）」, annex A's three IF-LAT-001 parameters
    (「（IF‑LAT‑001 R1；ITU-T G.1010（2001-11）推荐值）」) and table B.2's network row; the title is now quoted and the
    citation stands after the bracket."""
    for text in (zh_markdown, en_markdown, text_of(note), text_of(note_en)):
        assert _nested_dates(text) == []
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    assert _row(zh["TD-RUN-002"], "测试目的").startswith(
        "验证被测对象满足要求 TD‑RUN‑002“运行时按 OpenXR Specification 1.1（2024-04-15）的规定定位眼动注视”：")
    assert _row(en["TD-RUN-002"], "Test purpose").startswith(
        'To verify that the implementation under test meets requirement TD‑RUN‑002 "The runtime locates the eye gaze as the '
        'OpenXR Specification 1.1 (2024-04-15) says": ')
    assert _row(zh["TD-RUN-001"], "测试目的").startswith("验证被测对象满足要求 TD‑RUN‑001（")  # no citation: bracketed
    assert "以 ms 计（IF‑LAT‑001 R1），取 ITU-T G.1010（2001-11）推荐值" in zh_markdown
    assert "in milliseconds (IF‑LAT‑001 R1), ITU-T G.1010 (2001-11)'s preferred value" in en_markdown
    assert "应答时间的限值取自 ITU-T G.1010（2001-11）" in zh_markdown


def test_the_bracket_scan_finds_a_planted_nested_date():
    planted = ("| 测试目的 | 验证被测对象满足要求 TD‑RUN‑002（运行时按 OpenXR Specification 1.1（2024-04-15）的规定…）：… |\n"
               "| `p` | 单位毫秒（IF‑LAT‑001 R1；ITU-T G.1010（2001-11）推荐值） |\n"
               "| `q` | 取 ITU-T G.1010（2001-11）推荐值（IF‑LAT‑001 R1），`(ETSI ES 1 (V1.8.1, 2022-05))` |")
    assert len(_nested_dates(planted)) == 2


#: a time of day in a Chinese statement or rule, read independently of the table's builder: 「20:00」 (not a date's
#: 「16000-6:2021」 nor an offset 「UTC+08:00」), and each end of a window 「20 时至 21 时」 (not 「*N* = 32 时」)
_TIME = re.compile(r"(?<![\w.:+\-])(\d{1,2}):(\d{2})(?![\d:])|(?<![\w.])(\d{1,2}) ?时(?= ?至 ?\d)|(?<=至)"
                   r" ?(\d{1,2}) ?时")


def test_every_time_of_day_a_statement_limits_stands_in_the_limits_table(catalog, limit_tables):
    """AS-MINOR-003 limits a minor's play to 「20 时至 21 时」 (「20:00 以前、21:00 及以后」 in R1): the table's builder
    read numbers with a unit or a count word only, and its row gave 「18 周岁」 alone."""
    rows, en = limit_tables["zh"], limit_tables["en"]  # _table(catalog, lang), built once a session
    missing = []
    for req in ordered(catalog):
        if not normative(req):
            continue
        text = req.statement.zh + "".join(rule.zh for rule in req.rules)
        for m in _TIME.finditer(text):
            clock = f"{int(m.group(1) or m.group(3) or m.group(4)):02d}:{m.group(2) or '00'}"
            limits, basis = rows.get(req.id, ("", ""))
            if clock not in limits or not basis.strip():
                missing.append((req.id, clock))
    assert missing == []
    limits, basis = rows["AS-MINOR-003"]
    # sixtieth reading, part h119-misc: the probe instants step 2 sets the test clock to follow the window
    assert limits.startswith("18 周岁，20:00 至 21:00，2026 年 1 月 1 日 20:30")
    assert "时段取自该通知第一项，由本文件固定" in basis and "20 时至 21 时按其管辖地时间即北京时间理解" in basis
    assert en["AS-MINOR-003"][0].startswith("18 years of age, 20:00 to 21:00, 1 January 2026 20:30")
    assert "The windows are taken from the notice's item 1" in en["AS-MINOR-003"][1]


def test_a_planted_window_is_found_with_its_basis(catalog):
    """A window, a time alone and an offset: the window and the time stand in the row, the offset does not, and the
    sentence of the notes naming the window with its source is the basis."""
    req = catalog.requirements["AS-MINOR-003"]
    planted = req.model_copy(update={
        "id": "AS-MINOR-099", "rules": [],
        "statement": req.statement.model_copy(update={"zh": "平台应仅在北京时间（UTC+08:00）8 时至 22 时开放，22:30 以后"
                                                            "拒绝，并在 06:15 以前关闭。"}),
        "notes": req.notes.model_copy(update={"zh": "时段取自某通知，8 时至 22 时为其规定；06:15 为本文件自定。"})})
    rows = _table(catalog, "zh", [planted])
    assert rows["AS-MINOR-099"] == ("08:00 至 22:00，22:30，06:15",
                                    # 22:30, no sentence naming it, is the notes' gap (forty-first reading, c19)
                                    "附注：时段取自某通知，8 时至 22 时为其规定；06:15 为本文件自定。"
                                    "（附注未写明 22:30 的来源，起草组补充。）")
