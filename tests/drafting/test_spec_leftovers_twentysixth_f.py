"""The leftovers of the twenty-sixth reading of issue 76, part f (docs/drafting.md, "Leftovers of the twenty-sixth
reading, part f"): units by their symbols after numbers in the TD cases, annex A and annex E (rows 5, 8, 11, 13),
TD-OLF-006's apparatus line (row 6), TD-PERF-003's bound in numbers (row 7) and one citation form (row 14). Each
test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re


from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: a Chinese unit name after a number, or a unit named in words where the text writes symbols (GB 3101-1993)
_ZH_UNIT_WORDS = re.compile(r"\d ?(?:电子伏特|米每秒|弧度|屈光度|毫米|厘米|秒(?!数)|分钟|度(?![\u4e00-\u9fff]))"
                            r"|以度为单位|以毫米|以米或|（米、|（弧度|使用分钟数|从开头起的秒数|（屈光度）")
#: a number in words before a unit in the English ("windows of one second", "one hour of read speech")
_EN_NUMBER_WORDS = re.compile(r"\b(?:one|two|three|four|five|ten) (?:seconds?|minutes?|hours?|milliseconds?|metres?|"
                              r"degrees?|millimetres?)\b(?! of freedom)", re.I)


def _conditions(markdown: str, case: str, lang: str) -> list[str]:
    return _row(_cases(markdown)[case], "前置条件" if lang == "zh" else "Initial conditions").split("<br>")


def test_no_chinese_unit_word_after_a_number(zh_markdown, note_md):
    """Rows 5 and 11: 「10.6 电子伏特」, 「以毫米或度表示」, 「以度为单位」, 「（米、米每秒）」, annex A's 「（弧度或米）」,
    「（使用分钟数）」, 「（屈光度）」 and 「（从开头起的秒数……）」 where the draft writes units by symbol."""
    for text in (zh_markdown, note_md):
        found = [text[max(m.start() - 20, 0):m.end() + 10] for m in _ZH_UNIT_WORDS.finditer(text)]
        assert not found, found


def test_no_number_in_words_before_a_unit(en_markdown, note_md_en):
    """Row 8: TD-DISP-005's "one second" four times where the Chinese writes 1 s (and TD-VOICE-004's "one hour")."""
    for text in (en_markdown, note_md_en):
        found = [text[max(m.start() - 30, 0):m.end() + 10] for m in _EN_NUMBER_WORDS.finditer(text)]
        assert not found, found
    assert "windows of 1 s" in _row(_cases(en_markdown)["TD-DISP-005"], "Test procedure")


def test_olf_006_has_its_apparatus_line_with_its_bounds(zh_markdown, en_markdown):
    """Row 6: the bounds of TD-OLF-006 stood in a free line; the other measuring cases give theirs in the
    apparatus line, just before the environment line."""
    for markdown, lang, apparatus, environment in ((zh_markdown, "zh", "测试设备：", "测试环境："),
                                                   (en_markdown, "en", "Apparatus: ", "Environment: ")):
        lines = _conditions(markdown, "TD-OLF-006", lang)
        line = next((x for x in lines if x.startswith(apparatus)), "")
        assert "1.25 s" in line and "2.5" in line, lines
        assert lines.index(line) + 1 == next(i for i, x in enumerate(lines) if x.startswith(environment))
        assert sum("1.25 s" in x for x in lines) == 1


def test_perf_003_states_its_rig_bound_in_numbers(zh_markdown, en_markdown):
    """Row 7: 「其静止度的扩展不确定度……不大于所判定限值的四分之一」 gave no number and an undefined quantity."""
    zh = next(x for x in _conditions(zh_markdown, "TD-PERF-003", "zh") if x.startswith("测试设备："))
    assert "0.5 mm" in zh and "0.125°" in zh and "残余运动" in zh and "静止度" not in zh
    en = next(x for x in _conditions(en_markdown, "TD-PERF-003", "en") if x.startswith("Apparatus: "))
    assert "0.5 mm" in en and "0.125°" in en and "residual motion" in en and "stillness" not in en


def test_annex_a_gives_the_units_by_symbol(zh_markdown, en_markdown):
    """Row 11: annex A's rows end 「，以 X 计」 as their neighbours do, and the vergence bound carries its unit."""
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| 参数 `(\w+)` \| (.*) \|$", zh_markdown, re.M)}
    assert rows["position_tolerance"].startswith("所报告的位置可超出关节声明范围的距离（传感器噪声），以 rad 或 m 计")
    assert "，以 rad/s 或 m/s 计 |" in rows["velocity_agreement"]
    assert "，以 rad 或 m 计 |" in rows["max_tracking_error"]
    # these two go on with annex C's marker since the sixty-sixth reading (part h129-note, ax1)
    assert re.search(r"，以 min 计( \||；仅供附录 C)", rows["max_rest_interval_min"])
    assert re.search(r"，以 s 计( \||；仅供附录 C)", rows["video_label_start_s"])
    assert rows["max_va_conflict_diopters"].endswith("| 1 m⁻¹（只可调低，最严 0.1 m⁻¹）")
    assert "| 1 m⁻¹ (may only be lowered, to 0.1 m⁻¹ at the strictest) |" in en_markdown


def test_annex_e_gives_each_motion_member_one_unit(zh_markdown, en_markdown):
    """Row 13: 36 rows read 「纵移，以 m 或 m/s 计」 whether the member is a displacement or a velocity."""
    for markdown, per in ((zh_markdown, r"以 (\S+) 计"), (en_markdown, r"in \w+(?: per second)? \((\S+)\)")):
        rows = re.findall(r"^\| `((?:device\.)?(?:offers\[\]\.limits\.)?(displacement|velocity)\.(\w+))` \|"
                          r".* \| ([^|]*) \|$", markdown, re.M)
        # 24: 表 E.1's `device` refers to 表 E.4, its 12 rows not repeated (thirty-first reading, b11)
        assert len(rows) == 24, len(rows)
        for _, member, axis, text in rows:
            angle = axis in ("roll", "pitch", "yaw")
            unit = ("rad" if angle else "m") + ("/s" if member == "velocity" else "")
            assert re.findall(per, text) == [unit], (member, axis, text)


def test_mplat_001_reads_each_member_in_its_own_unit(zh_markdown, en_markdown):
    """Rows 5 and 13: the statement and step 2 gave 「以米或米每秒计」 and 「（米、米每秒）」."""
    zh = _cases(zh_markdown)["TD-MPLAT-001"]
    assert "纵移、横移、升沉的位移以 m 计、速度以 m/s 计" in zh and "（位移以 m 计，速度以 m/s 计）" in zh
    en = _cases(en_markdown)["TD-MPLAT-001"]
    assert "metres or m/s" not in en and "(displacement in m, velocity in m/s)" in en


def test_one_citation_form(zh_markdown, en_markdown, note_md, note_md_en):
    """Row 14: 「IEEE 1789-2015」 and 「Hann 加权频谱」 in the 编制说明 3.3, 「汉宁加权」 beside 「汉宁窗加权」, D.96's
    "GB/T 22240—2020" in the English, and the 编制说明's English titles joined by a minus sign."""
    for text in (zh_markdown, en_markdown, note_md, note_md_en):
        assert not re.search(r"IEEE 1789\b", text)
    for text in (zh_markdown, note_md):
        assert not re.search(r"Hann|汉宁(?!窗)", text)
    for text in (en_markdown, note_md_en):
        assert not re.search(r"\bGB(?:/[TZ])? [\d.]+—\d{4}", text)
    headings = re.findall(r"^### 8\.\d+ (.*)$", note_md_en, re.M)
    assert headings and not [h for h in headings if "−" in h or " - " in h]
    assert "GB/T 22240-2020 Information security technology — Classification guide" in "\n".join(headings)
