"""The last stop's leftovers, the lead (issue 76; docs/drafting.md, "Leftovers of the last stop, the lead"): the
twenty-eighth reading's open row a18, lists of set-points written with the unit after the
last value only (「依次静止于 0.5、1、2 与 3 m 处」, "held still at 0.5, 1, 2 and 3 m"), in TD-DEPTH-002,
TD-RADAR-002, TD-TACT-002, TD-FORCE-004, TD-HAPT-003 and TD-HAPT-004; and TD-HAPT-003's amplitudes, which followed
the frequencies' list as bare numbers. Each test fails on the commit this part started from (1238bada)."""

from __future__ import annotations

import re

_NUMBER = r"\d+(?:\.\d+)?"
_UNIT = r"(?:m|mm|cm|N|Hz|ms|s|°|dB|lx|kg|g|V|W|A|K|℃|cd/m²|像素|米|毫米|毫秒|秒|度)"
#: a list of two or more values joined by 、 or commas, then 与/和/或 or and/or, the unit only after the last
_BARE_LIST = {
    "zh": re.compile(rf"(?<![\d.\w]){_NUMBER}(?:、{_NUMBER})+ ?(?:与|和|或|及) ?{_NUMBER} ?{_UNIT}(?![A-Za-z])"),
    "en": re.compile(rf"(?<![\d.\w]){_NUMBER}(?:, {_NUMBER})+,? (?:and|or) {_NUMBER} ?{_UNIT}(?![A-Za-z])"),
}


def _outside_code(text: str) -> str:
    return re.sub(r"`[^`\n]*`", "", text)


def test_each_value_of_a_list_carries_its_unit(zh_markdown: str, en_markdown: str, note_md: str,
                                                note_md_en: str) -> None:
    """GB 3101-1993 (and ISO 80000-1 7.2): the unit with each value of a list, as with the limits of a range."""
    for lang, texts in (("zh", (zh_markdown, note_md)), ("en", (en_markdown, note_md_en))):
        found = [m.group(0) for text in texts for m in _BARE_LIST[lang].finditer(_outside_code(text))]
        assert found == [], (lang, found)


def test_the_sets_of_set_points_read_with_their_units(zh_markdown: str, en_markdown: str) -> None:
    assert "依次静止于 0.5 m、1 m、2 m 与 3 m 处" in zh_markdown  # TD-DEPTH-002
    assert "held still at 1 m, 2 m, 3 m and 4 m" in en_markdown  # TD-RADAR-002
    assert "按 0.5 N、1 N、2 N 与 4 N 加载，再按 2 N、1 N 与 0.5 N 卸载" in zh_markdown  # TD-TACT-002


def test_td_hapt_003_names_the_amplitudes_after_the_frequencies(zh_markdown: str, en_markdown: str) -> None:
    """「80、170 与 250 Hz 下的 0.25、0.5 与 1.0」 read as if 0.25 took the unit Hz."""
    assert "80 Hz、170 Hz 与 250 Hz 下的幅度 0.25、0.5 与 1.0" in zh_markdown
    assert "80 Hz, 170 Hz and 250 Hz at amplitudes 0.25, 0.5 and 1.0" in en_markdown
