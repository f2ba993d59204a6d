"""The eleventh reading of issue 76 (docs/drafting.md, "Eleventh reading"): the tenth reading's leftovers, each fixed
at its source, then a fresh scan of the rendered Chinese 征求意见稿 and 编制说明. Each test fails on the draft as it was
before the fix it names. The draft and the 编制说明 are rendered once a process (conftest's ``zh``, ``note`` ...)."""

from __future__ import annotations

import re

from tests.drafting.blocks import between, text_of


def _outside_code(text: str) -> str:
    return re.sub(r"`[^`]*`", "", text)


def _case(markdown: str, rid: str) -> str:
    """The Markdown of one test case: from its heading to the next heading."""
    start = re.search(rf"^#+ [\d.]+ {rid} .*$", markdown, re.M)
    assert start, rid
    end = re.search(r"^#+ ", markdown[start.end():], re.M)
    return markdown[start.start():start.end() + (end.start() if end else len(markdown))]


def test_the_symbols_the_areas_define_are_italic(zh_markdown, en_markdown, zh_html):
    """The tenth reading left 「a = 8.75 cm，c = 343 m/s」 and α (TD-AUD-004, -005), 「N = 8 与 N = 32」 (IF-SES) and
    「θ = 2πf(t − t0)」 (TD-MPLAT-004's case) upright beside clause 6's italic *U*: GB 3102.11 and GB/T 1.1-2020 set a
    quantity's symbol in italics. The areas' texts now mark them (``*a*``, ``*α*``, ``*t*_0``)."""
    assert "*a* / *c* 乘以 *α* 与 *α* 的正弦之和（*a* = 8.75 cm，*c* = 343 m/s）" in _case(zh_markdown, "TD-AUD-004")
    # TD-AUD-005 names its head model as this document's, TD-AUD-004's (sixty-eighth reading, h131-ttext)
    assert "*a* / *c* 乘以 *α* 与 *α* 的正弦之和（本文件规定的球形头模型，与 TD‑AUD‑004 相同，*a* = 8.75 cm，*c* = 343 m/s）" \
        in _case(zh_markdown, "TD-AUD-005")
    assert "*N* = 8 与 *N* = 32 时" in _case(zh_markdown, "IF-SES-002")
    assert "*θ* = 2π*f*(*t* − *t*<sub>0</sub>) + 相位" in _case(zh_markdown, "TD-MPLAT-004")
    assert "(*a* / *c*)(*α* + sin *α*)" in _case(en_markdown, "TD-AUD-004")
    # RB-TRACK-001's test motion: its symbols italic, sin upright (not a code value)
    assert "位置 = *m* + *A*·sin(2π·0.5 Hz·*t*)，*m* 为" in _case(zh_markdown, "RB-TRACK-001")
    assert "<i>α</i>" in zh_html and "<i>θ</i>" in zh_html
    for rid in ("TD-AUD-004", "TD-AUD-005", "IF-SES-001", "IF-SES-002", "IF-SES-003", "IF-SES-004", "IF-SES-005",
                "IF-SES-006", "TD-MPLAT-004", "RB-TRACK-001"):
        text = _outside_code(_case(zh_markdown, rid))
        upright = re.findall(r".{0,8}(?<![*\w])(?:[acN] = \d|[αθ](?![*\w])|N 名|[AmN](?= (?:的|取|为|名))|A·).{0,8}", text)
        assert upright == [], (rid, upright[:5])


def test_a_greek_quantity_symbol_is_a_writers_symbol():
    """The writers' quantity form read Latin letters only: ``*α*`` stood as Markdown emphasis, no italic run in DOCX."""
    from conformance.drafting.textbreaks import QUANTITY, plain

    assert QUANTITY.fullmatch("*α*") and QUANTITY.fullmatch("*t*_0")
    assert plain("*θ* = 2π*f*(*t* − *t*_0)") == "θ = 2πf(t − t0)"


def test_the_retention_step_says_its_unit_once(zh_markdown):
    """IF-BIO and IF-UDP cases set the clock 「retention_s 秒再加一分钟」, rendered 「`retention_s` 秒再加 1 min」: a unit's
    name beside a symbol in one step. Now 「（`retention_s` + 60）s」, the parameter's unit said once."""
    assert "秒再加" not in zh_markdown
    assert zh_markdown.count("（`retention_s` + 60）s") == 2


def test_the_note_names_the_project_plain_in_part_one(note, note_en):
    """编制说明 一（一） set the project's name as code, 「（`metaverse-conformance`）」, while 四（二）'s convention (now
    stated for the whole note) writes a program by its name, plain."""
    one = text_of(between(note, "note-1", "note-2"))
    assert "“元宇宙互操作一致性测试工具”（metaverse-conformance）" in one
    assert "`metaverse-conformance`" not in text_of(note)
    assert "本说明以名称书写程序与产品" in text_of(note)
    assert "This note writes a program or product by its name" in text_of(note_en)


def test_the_english_draft_writes_a_values_unit_by_its_symbol(en_markdown):
    """The English draft wrote "1.0 degrees", "2 hours" and "100 us" beside "150 ms"; the Chinese text gives a value its
    unit's symbol (ninth reading): one convention in both renderings."""
    named = re.compile(r".{0,16}(?<=[\d)]) (?:degrees?|deg|hours?|minutes?|seconds?|milliseconds?|us|"
                       r"millimet(?:re|er)s?|centimet(?:re|er)s?|met(?:re|er)s?)\b(?!-).{0,8}")
    left = named.findall(_outside_code(en_markdown))
    assert left == [], left[:10]
    assert "within 1.0° of" in en_markdown and "at least 2 h" in en_markdown and "100 μs" in en_markdown
    from conformance.drafting.quantities import english_unit_symbols

    assert english_unit_symbols("(23 ± 5) degrees Celsius, per second, `10 seconds`") == \
        "(23 ± 5) °C, per second, `10 seconds`"


def test_radians_and_ohms_take_their_symbols_as_other_units_do(zh_markdown):
    """The fresh scan found units the ninth reading's list missed: 「0.05 弧度（或米）」 (RB-JOINT-003, RB-TRACK-001),
    「0.1 弧度/秒（或米/秒）」, 「10 兆欧」 and 「10 千欧」 (TD-BCI's input impedance) beside 「140 N」."""
    assert not re.search(r"\d ?(?:弧度|兆欧|千欧)", _outside_code(zh_markdown))
    assert "10 MΩ" in zh_markdown and "rad（或 m）" in zh_markdown and "rad/s（或 m/s）" in zh_markdown
