"""The tenth reading of issue 76 (docs/drafting.md, "Tenth reading"): what a reader who wrote none of the draft found
reading the rendered Chinese 征求意见稿 and 编制说明 against GB/T 1.1-2020 and the issue's defect kinds, chiefly in the
ninth reading's render-time unit symbols and italic quantity symbols. Each test fails on the draft as it was before
the fix it names. The draft and the 编制说明 are rendered once a process (conftest's ``zh``, ``note`` ...)."""

from __future__ import annotations

import re

from tests.drafting.blocks import between, text_of


def _outside_code(text: str) -> str:
    return re.sub(r"`[^`]*`", "", text)


def test_a_duration_in_chinese_numerals_takes_its_units_symbol(zh_markdown, note):
    """TD-PERF-005's title read 「追踪在设备运动的十分钟会话中保持稳定」 beside its statement's 「不少于 10 min」,
    TD-PERF-003's 「静置一分钟」, TD-VOICE-004's 「一小时不含唤醒词的语音」: the ninth reading gave a value written in
    digits its unit's symbol and left the same value in Chinese numerals with the unit's name."""
    for text in (zh_markdown, text_of(note)):
        left = re.findall(r".{0,12}(?<![每第几数])[一二两三四五六七八九十](?:分钟|小时).{0,6}", _outside_code(text))
        assert left == [], left[:10]
    assert "跟踪在设备运动的 10 min 会话中保持稳定" in zh_markdown  # 跟踪: the twenty-first reading's row 11
    assert "在试验台上静置 1 min 的被跟踪设备不发生漂移" in zh_markdown  # 试验台: part front's name (forty-first reading)
    from conformance.drafting.quantities import numeral_durations

    assert numeral_durations("每分钟至多 1 次，十分之一，再加一分钟。") == "每分钟至多 1 次，十分之一，再加 1 min。"


def test_a_long_value_is_grouped_in_threes_as_86_400_is(zh_markdown, note):
    """「7 日（604800 s）」 (AS-TRADE-004, -008, -010), 「30 日（2592000 s）」 (IF-UDP-006) and 「-1000 m 至 10000 m」
    (SC-GEO-001, its case and 编制说明 3.2) stood beside 「86 400 s」: one form for a number of five digits or more, in
    groups of three (GB/T 15835, the rule for scientific and technical texts)."""
    for text in (zh_markdown, text_of(note)):
        left = re.findall(r".{0,12}(?<![\d.,\w/-])\d{5,}(?![\d.,]) ?(?:ms|s|min|h|mm|m|Hz|dB)(?![A-Za-z]).{0,4}",
                          _outside_code(text))
        assert left == [], left[:10]
    assert "结算后 604 800 s 内" in zh_markdown and "数据导出后 2 592 000 s 内" in zh_markdown
    assert "−1000 m 至 10 000 m" in zh_markdown
    from conformance.drafting.quantities import grouped_digits

    assert grouped_digits("`604800` 与 604800 s、2024 年") == "`604800` 与 604 800 s、2024 年"


def test_a_product_of_values_takes_the_multiplication_sign(zh_markdown, note):
    """「160 x 90 像素」, 「1920 x 1080 图像格式」, 「4 x 4 像素块」 (SC-RENDER-002, -004), 「8192 x 8192 像素」 and B.3's
    「5 x 7 格」: the letter x for the sign of multiplication, which GB 3102.11 writes ×."""
    for text in (zh_markdown, text_of(note)):
        assert not re.search(r"\d x \d", _outside_code(text)), re.findall(r".{12}\d x \d.{8}", _outside_code(text))
    assert "160 × 90 像素" in zh_markdown and "5 × 7 格" in zh_markdown
    from conformance.drafting.quantities import times_sign

    assert times_sign("160 x 90，`1 x 2`") == "160 × 90，`1 x 2`"


def test_the_limits_table_reads_a_speed_written_in_words_as_a_speed(note, note_en):
    """编制说明 3.2 listed TD-AUD-004's 「343 米每秒」 (the speed of sound in its model) as 「343 m」: the limit's pattern
    read 米 and left 每秒."""
    for blocks, speed in ((note, "343 m/s"), (note_en, "343 m/s")):
        table = next(b for b in between(blocks, "note-3-2", "note-3-3") if b.kind == "table")
        row = next(r for r in table.rows if r[0].replace("\u2011", "-") == "TD-AUD-004")
        assert speed in row[1] and not re.search(r"343 m(?!/s)", row[1]), row[1]


def test_the_uncertainty_symbols_are_italic_wherever_they_stand(zh, en, zh_markdown):
    """Clause 6 sets U, k and w italic (ninth reading); the test cases, table 1 and clause 16 wrote the same symbols
    upright: 「扩展不确定度 U（k = 2）」, 「保护带 w = U」 (187, 126 and 57 times in the Chinese draft). One form for
    each quantity symbol in the whole document (GB 3102.11, GB/T 1.1-2020)."""
    for blocks in (zh, en):
        text = _outside_code(text_of(blocks))
        upright = re.findall(r".{0,10}(?<![A-Za-z0-9_*\-./<>'’])(?:U(?![A-Za-z0-9_*\-.>'’])|[kw] = ).{0,6}", text)
        assert upright == [], upright[:10]
    assert "扩展不确定度 *U*（*k* = 2" in zh_markdown and "保护带 *w* = *U*" in zh_markdown
    from conformance.drafting.quantities import quantity_marks

    assert quantity_marks("`U` 与 U，k = 2，URI") == "`U` 与 *U*，*k* = 2，URI"


def test_a_not_applicable_criterion_does_not_quote_the_obligation_as_what_is_checked(zh, en):
    """32 generated criteria read 「不适用：所提供的……中没有本要求所检的内容（<title>）」, the title an obligation:
    SC-CITY-006's 「……中没有本要求所检的内容（每个几何（含扩展对象的几何）具有 CityJSON 2.0 规定的 `LoD`）」 reads as
    if a file whose geometries lack LoD were not applicable. Not applicable is a file holding no item to check."""
    zh_text, en_text = text_of(zh), text_of(en)
    assert "本要求所检的内容（" not in zh_text and "hold nothing this requirement checks (" not in en_text
    # the eleventh reading's leftovers name each case's items (test_spec_leftovers.py)
    # RB-URDF-002 and DP-LABEL-002 write their own since the thirty-sixth reading (parts k3, q)
    assert zh_text.count("本要求无可逐一检查的被检对象。") + zh_text.count("本身即被检对象。") >= 29
    assert en_text.count("so this requirement has no item checked") + en_text.count("is itself the item checked") >= 29


def test_the_item_checked_is_defined_beside_the_implementation_under_test(zh_markdown):
    """The criteria call what a case checks one by one 被检对象 (75 uses: 「每个被检对象均满足 R1……」) beside 3.11's
    被测对象, and clause 3 did not define it: two near names, one undefined."""
    assert re.search(r"### 3\.\d+\n\n被检对象 +item checked\n\n测试用例在被测对象所提供的文件、记录或应答中逐一检查的单个对象",
                      zh_markdown), "被检对象 is not a term of clause 3"
