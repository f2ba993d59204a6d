"""The leftovers of the thirty-ninth reading of issue 76, part b39 (docs/drafting.md, "Leftovers of the thirty-ninth
reading, part b39"): the Minors Protection Law cited as amended in 2024 (b1); 编制说明 八 explaining clause 2's
twelfth national standard, GB/T 7408.1-2023 (b2); identically adopted standards cited by their national numbers in
table B.2 and the notes 三（三） quotes (b3); no issue date on a GB entry of the English clause 2 (b4); part titles
with the colon of the published title (b5); the English 编制说明 marking the mandatory national standards (b6). Each
test fails on the sources as they were at c0dd8477 (checked once against a copy of the old sources)."""

from __future__ import annotations

import re


def _clause_2(markdown: str) -> list[str]:
    body = re.split(r"^## 3 ", markdown.split("\n## 2 ", 1)[1], maxsplit=1, flags=re.M)[0]
    return [line for line in body.splitlines() if line.strip()]


def _headings_8(note: str) -> list[str]:
    return re.findall(r"^### (?:（[一二三四五六七八九十]+）|8\.\d+ )(.*)$", note.split("八、", 1)[-1]
                      if "八、" in note else note.split("\n## 8 ", 1)[-1], re.M)


def test_the_minors_protection_law_is_cited_as_amended_in_2024(zh_markdown, en_markdown, note_md, note_md_en):
    """b1: 八（五） and the bibliography cited the 2020 revision (Order No. 57); the text in force is the one
    amended on 2024-04-26 (Order No. 24), headed as 八（四） heads the amended Cybersecurity Law."""
    zh_head = next(h for h in _headings_8(note_md) if h.startswith("《中华人民共和国未成年人保护法》"))
    assert "根据 2024 年 4 月 26 日" in zh_head and "主席令第二十四号" in zh_head and "第五十七号" not in zh_head
    en_head = next(h for h in _headings_8(note_md_en) if "Protection of Minors (" in h)
    assert "amended by its decision of 26 April 2024" in en_head and "Order No. 24" in en_head
    assert "No. 57" not in en_head
    assert "中华人民共和国未成年人保护法（2024年修正）：中华人民共和国主席令第二十四号[Z]. 2024-04-26." in zh_markdown
    assert "Protection of Minors (2024 amendment): Order of the President of the PRC No. 24[Z]. 2024-04-26." in en_markdown
    for text in (zh_markdown, en_markdown, note_md, note_md_en):
        assert "2020年修订）：中华人民共和国主席令第五十七号" not in text and "(2020 revision): Order" not in text


def test_every_national_standard_of_clause_2_has_its_subsection_in_8(zh_markdown, note_md, note_md_en):
    """b2: 八（一） announces each of clause 2's national standards in turn; GB/T 7408.1—2023 had none."""
    national = [re.match(r"(GB(?:/T)? [\d.]+—\d{4})", line).group(1) for line in _clause_2(zh_markdown)
                if re.match(r"GB(?:/T)? \d", line)]
    assert len(national) == 12 and "GB/T 7408.1—2023" in national
    zh = _headings_8(note_md)
    for number in national:
        assert any(h.startswith(number) for h in zh), number
    assert any(h.startswith("GB/T 7408.1-2023 Date and time") for h in _headings_8(note_md_en))


def test_adopted_standards_are_cited_by_their_national_numbers(zh_markdown, en_markdown, note_md, note_md_en):
    """b3: table B.2 named ISO 13482:2014 and 三（三） quoted ISO/TS 15066:2016 Annex A and ISO 2631-1 Annex C,
    while the bibliography lists them as GB/T 36530—2018, GB/T 36008—2018 and GB/T 13441.1—2007."""
    assert "GB/T 36530—2018 的安全功能" in zh_markdown and "ISO 13482:2014 的安全功能" not in zh_markdown
    assert "safety functions of GB/T 36530-2018" in en_markdown and "functions of ISO 13482:2014" not in en_markdown
    assert "140 N 为 GB/T 36008—2018 附录 A" in note_md and "ISO/TS 15066:2016 附录 A" not in note_md
    assert "GB/T 36008-2018 Annex A permits" in note_md_en and "ISO/TS 15066:2016 Annex A" not in note_md_en
    assert "GB/T 13441.1—2007 附录 C 所称" in note_md and "ISO 2631-1 附录 C" not in note_md
    assert "GB/T 13441.1-2007 Annex C calls" in note_md_en and "ISO 2631-1 Annex C" not in note_md_en


def test_no_gb_entry_of_clause_2_carries_an_issue_date(en_markdown):
    """b4: the English clause 2 gave GB/T 10000-2023 and GB/T 36344-2018 their issue dates, the Chinese none."""
    gb = [line for line in _clause_2(en_markdown) if re.match(r"GB(?:/T)? \d", line)]
    assert len(gb) == 12
    assert not [line for line in gb if re.search(r"\(\d{4}-\d{2}-\d{2}\)$", line)]
    assert "GB/T 10000-2023 Human dimensions of Chinese adults" in gb


def test_part_titles_keep_the_colon_of_their_published_titles(zh_markdown, en_markdown):
    """b5: "Part 1 Background noise…", "Part 2 GML Encoding Standard" and (English) "Part 21 Vibration…"."""
    for markdown in (zh_markdown, en_markdown):
        clause = "\n".join(_clause_2(markdown))
        assert "presence of background noise; Part 1: Background noise simulation" in clause
        assert "(CityGML) 3.0 Part 2: GML Encoding Standard (OGC 21-006r2)" in clause
        assert not re.search(r"Part \d+ [A-Z]", clause), re.findall(r".{40}Part \d+ [A-Z].{20}", clause)
    assert "— Part 21: Vibration calibration by comparison" in "\n".join(_clause_2(en_markdown))


def test_the_english_headings_mark_the_mandatory_national_standards(note_md, note_md_en):
    """b6: 8.19, 8.21 and 8.22 dropped the 「（强制性国家标准）」 the Chinese headings give (8.20 kept it)."""
    zh, en = _headings_8(note_md), _headings_8(note_md_en)
    assert len(zh) == len(en)
    for zh_head, en_head in zip(zh, en):
        assert ("强制性国家标准" in zh_head) == ("mandatory national standard" in en_head), (zh_head, en_head)
    # five since the forty-first reading (part h94-note, d16) added GB 31241—2022, six since the sixty-seventh (part
    # h130-note, d2) added GB 44703—2024
    assert sum("mandatory national standard" in h for h in en) == 6
