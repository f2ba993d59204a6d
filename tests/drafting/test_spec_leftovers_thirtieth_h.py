"""The leftovers of the thirtieth reading of issue 76, part h (docs/drafting.md, "Leftovers of the thirtieth
reading, part h"): clause 6.3's English term for the implementation under test (row b1), the 编制说明's limit column
(b16 units and rates, b17 "10 %"), `WebAuthn` as a name (b19), TD-FORCE-004/-005's 被测对象 (b20) and the ITU
documents counted as international standards (b21). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance import Catalog


def _limit_row(markdown: str, rid: str) -> list[str]:
    table = markdown[markdown.index("各项限值的确定依据" if "编制说明" in markdown[:200] else "The basis of each limit"):]
    row = next(line for line in table.splitlines() if line.startswith(f"| {rid.replace('-', '‑')} |"))
    return [cell.strip() for cell in row.strip("|").split("|")]


def test_clause_6_3_names_the_implementation_under_test(en_markdown):
    """b1: "an item whose measured value lies at the limit", where the Chinese says 被测对象 (3.11)."""
    assert "an item whose measured value" not in en_markdown
    assert "an implementation under test whose measured value lies at the limit" in en_markdown


def test_angular_velocity_and_rates_keep_their_units(note_md, note_md_en):
    """b16: RB-JOINT-003's 0.1 rad/s read 「0.1 rad」; a count per minute or hour read a bare 「1 次」 / "1 time"."""
    for md in (note_md, note_md_en):
        assert _limit_row(md, "RB-JOINT-003")[1].startswith("0.1 rad/s")
        assert "0.1 rad/s" in _limit_row(md, "RB-TRACK-002")[1]
        for rid in ("TD-FACE-005", "TD-FACE-007", "TD-HAND-004"):
            limits = _limit_row(md, rid)[1]
            assert "1 min⁻¹" in limits and "1 次" not in limits and "1 time" not in limits, (rid, limits)
        # the step's 1 s wake window stands between them since the forty-sixth reading (part h98-limC)
        assert re.search(r"800 ms[，,] (?:1 s[，,] )?1 h⁻¹|800 ms，(?:1 s，)?1 h⁻¹", _limit_row(md, "TD-VOICE-004")[1])


def test_english_limit_column_spaces_percent(note_md_en):
    """b17: the English column wrote "10%" beside the notes' "10 %"."""
    rows = [line for line in note_md_en.splitlines() if re.match(r"\| [A-Z]{2}‑[A-Z0-9]+‑\d{3} \|", line)]
    assert not [row for row in rows if re.search(r"\d%", row.split("|")[2])]


def test_webauthn_is_a_name_not_code(note_md):
    """b19: 四（二） writes names plain; `WebAuthn` was the one name set as code."""
    assert "`WebAuthn`" not in note_md and "WebAuthn 第 2 级" in note_md


def test_force_notes_say_implementation_under_test(catalog: Catalog):
    """b20: TD-FORCE-004/-005's notes said the declaration follows the 产品 / product."""
    for rid in ("TD-FORCE-004", "TD-FORCE-005"):
        notes = catalog.requirement(rid).notes
        assert "随被测对象而定" in notes.zh and "产品" not in notes.zh.split("版（")[0]
        assert "follows the implementation under test" in notes.en and "whatever the product" not in notes.en


def test_itu_documents_are_international_standards(note_md, note_md_en):
    """b21: the six ITU Recommendations of clause 2 were counted among the bodies' specifications."""
    assert re.search(r"国际标准（ISO、IEC、ITU）\d+ 项", note_md)
    assert re.search(r"\d+ international standards \(ISO, IEC, ITU\)", note_md_en)


def test_the_notes_write_quantities_with_numerals_and_symbols(note_md, note_md_en):
    """b15: the notes the 三（三） quotes wrote "2-hour", "30-minute", "the listening hour", 十五个参考帧 and 七日 / "seven
    days" beside the limit column's 2 h, 1 h, 7 天."""
    for word in ("2-hour", "30-minute", "the listening hour", "fifteen reference frames", "The seven days",
                 "the window: seven days"):
        assert word not in note_md_en, word
    for word in ("十五个参考帧", "七日是本", "七日的期限", "一小时的收听时段"):
        assert word not in note_md, word
    assert "The 2 h limit" in note_md_en  # its 30 min use periods gone: the fiftieth reading's c5/d6 (h104-rest)
    assert "the 1 h listening period" in note_md_en and "15 reference frames at 60 Hz" in note_md_en
    assert "15 个参考帧" in note_md and "7 天是本文件自己的规定" in note_md
