"""The fifty-eighth reading, part h114-refs (docs/drafting.md, "Fifty-eighth reading, part h114-refs"): the first policy
document stood in the 参考文献 by its title alone, its 「本市」 naming no city, and the 编制说明 did not flag the gap (a1,
d9); annexes D and E read every pattern in an undated ECMA-262 that no reference listed (a2); ID-VC-003 relied on
URDNA2015, which no reference defined (a3, now RDFC-1.0 by its document); four entries named their authors by surname alone, [126] had no responsible
party and no online entry had its 引用日期 (a5); the 编制说明 cited undated documents the draft cites dated (d10). Each
test fails on the draft as it was before (b894c882)."""

from __future__ import annotations

import re

from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: a document number the draft dates (「ISO 376:2011」, 「GB/T 13634—2019」), and its year
_DATED = re.compile(r"(?<![\w/.-])((?:ISO/IEC|ISO/TS|ISO/TR|ISO|IEC|GB/T|GB) (?:指南 |Guide )?\d+(?:[-.]\d+)*)(?::|—)(\d{4})")
#: a 参考文献 entry: its number and text
_ENTRY = re.compile(r"^\[(\d+)\] (.+)$", re.M)
#: an online entry's 引用日期, the URL after it (GB/T 7714-2015 8.8.2: 「[EB/OL]. (2016)[2026-11-29]. https://…」); since the
#: sixty-first reading (a3) an entry of any type given with its URL is online, its 引用日期 after its publication
#: (「[J/OL]. Journal, 2006, 54(1/2): 32-44[2026-11-25]. https://…」), its DOI after the URL
_CITED = re.compile(r"/OL\](?:\. |.*?)\[\d{4}-\d{2}-\d{2}\]\. https?://\S+?(?:\. DOI:\S+)?$")
#: a person as GB/T 7714-2015 8.1.1 names one: the surname (a particle before it kept), then the initials without points
_PERSON = re.compile(r"^(?:(?:de|van|von|Di) )?[A-ZÀ-ÞĀ-ž][\w'-]*(?: [A-ZÀ-ÞĀ-ž][\w'-]*)* [A-Z](?: [A-Z])*$")


def _clause(markdown: str, start: str, end: str) -> str:
    return markdown.split(f"\n## {start}", 1)[1].split(f"\n## {end}", 1)[0]


def _bibliography(markdown: str, lang: str) -> dict[int, str]:
    heading = "参考文献" if lang == "zh" else "Bibliography"
    return {int(n): text for n, text in _ENTRY.findall(markdown.split(f"\n## {heading}\n", 1)[1])}


def _editions(note: str, lang: str) -> str:
    """The 编制说明's 三（五）, the editions of the references and the gaps of the entries."""
    heading = "### （五）引用文件的版本" if lang == "zh" else "### 3.5 The editions of the references"
    return note.split(heading, 1)[1].split("\n## ", 1)[0]


def test_a1_the_first_policy_document_names_shanghai_and_the_note_flags_what_is_unknown(zh_markdown, en_markdown,
                                                                                      note_md, note_md_en):
    """The class: each policy document's entry gives a responsible party and a date (or says it is unknown), and an
    entry's unknown element is one 三（五） names with the document."""
    for markdown, note, lang in ((zh_markdown, note_md, "zh"), (en_markdown, note_md_en, "en")):
        entries = _bibliography(markdown, lang)
        policy = [entries[n] for n in range(1, 6)]
        unknown = "[出版年不详]" if lang == "zh" else "[date unknown]"
        assert policy[0].startswith("[上海市]. 关于推进本市元宇宙标准体系建设的指导意见[Z]." if lang == "zh" else
                                    "[Shanghai]. Guiding Opinions on Advancing the Building of the Municipality's")
        for entry in policy:
            # a report's publication element, place and publisher unknown, since the sixty-second reading (a2)
            published = r"(?:\[出版地不详\]: \[出版者不详\], |\[S\.l\.\]: \[s\.n\.\], )?"
            assert re.match(r"^\S.*?\. .+\[[ZR]\]\. " + published + r"(?:\d{4}(?:-\d{2}){0,2}|" + re.escape(unknown)
                            + r")\.$", entry), entry
        editions = _editions(note, lang)
        if lang == "zh":
            assert "《关于推进本市元宇宙标准体系建设的指导意见》的文本未载发布机关、发布日期与文号" in editions
            assert "为上海市" in editions and "出版年不详" in editions
        else:
            assert "states no issuing body, date or document number" in editions and "Shanghai" in editions


def test_a2_ecma_262_is_a_dated_normative_reference_and_cited_with_its_date(zh_markdown, en_markdown, note_md):
    """Clause 2 lists the edition whose section 21.2.1 JSON Schema 2020-12 Core 6.4 names; every text that reads
    patterns in its dialect cites it with that date, and 三（五） gives the reason for the edition."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        references = _clause(markdown, "2 ", "3 ")
        assert "ECMA-262 ECMAScript 2020 Language Specification (2020-06)" in references
        body = markdown.split("\n## 5 ", 1)[1]
        cited = [line for line in body.splitlines() if "ECMA-262" in line]
        assert len(cited) >= 2  # D.5.1 and E.1
        dated = "ECMA-262（2020-06）" if lang == "zh" else "ECMA-262 (2020-06)"
        assert [line[:80] for line in cited if line.count("ECMA-262") != line.count(dated)] == []
    assert "第 2 章所列 ECMA-262 注日期引用其第 11 版（2020-06）" in _editions(note_md, "zh")


def test_a3_rdfc_is_cited_by_the_dated_reference_defining_it(zh_markdown, en_markdown, catalog):
    """Row a3: URDNA2015 was an abbreviation no reference defined. Since ID-VC-003 5.0 (part h114-vcdraft) only the
    candidate ID-VC-008 signs URDNA2015 statements, so clause 4 lists no URDNA2015 (the twelfth reading's test holds
    clause 4 to what the text uses); ID-VC-003 names the algorithm by clause 2's document and its RDFC-1.0."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        assert "W3C RDF Dataset Canonicalization (2024-05-21)" in _clause(markdown, "2 ", "3 ")
        body = markdown.split("\n## 7 ", 1)[1].split("\n## 附录" if lang == "zh" else "\n## Annex", 1)[0]
        assert "URDNA2015" not in body
        step = _row(_cases(markdown)["ID-VC-003"], "测试步骤" if lang == "zh" else "Test procedure")
        assert "W3C RDF Dataset Canonicalization" in step and "RDFC-1.0" in step
    cited = {ref.name for ref in catalog.requirements["ID-VC-003"].source.standards}
    assert "W3C RDF Dataset Canonicalization" in cited


def test_a5_every_bibliography_entry_names_its_persons_and_its_online_date(zh_markdown, en_markdown, note_md,
                                                                          note_md_en):
    """The class over the whole 参考文献, in both languages: an online entry ([EB/OL], [CP/OL]) carries its 引用日期
    before its URL; the authors of a paper, book or thesis ([J], [M], [C], [D]) are surnames with initials, up to three
    and then et al.; the Virginia Tech report names its responsible party."""
    for markdown, note, lang in ((zh_markdown, note_md, "zh"), (en_markdown, note_md_en, "en")):
        entries = _bibliography(markdown, lang)
        online = {n: e for n, e in entries.items() if "/OL]" in e}
        assert len(online) > 80
        assert [e[:70] for e in online.values() if not _CITED.search(e)] == []
        works = [entry for entry in entries.values() if re.search(r"\[[JMCD](?:/OL)?\]", entry)]  # a paper, book, thesis
        assert len(works) > 30
        bare = [entry[:60] for entry in works for person in entry.split(". ", 1)[0].split(", ")
                if person != "et al" and not _PERSON.match(person)]
        assert bare == []
        assert [e[:60] for e in works if len(e.split(". ", 1)[0].split(", ")) > 4] == []  # three, then et al.
        assert any(e.startswith("Virginia Tech. Linear and Angular Head Accelerations in Daily Life[EB/OL]. "
                                "(2005-07-29)[") for e in entries.values())
        editions = _editions(note, lang)
        assert ("引用日期为起草组将其网址记入本文件目录之日" if lang == "zh"
                else "is the day the drafting group entered its address") in editions


def _undated(note: str, references: str) -> list[str]:
    """Each mention in ``note`` of a document ``references`` cites dated that carries no date: the number not followed
    by its year, nor by a discussion of the editions (「ISO 10303-21 只有 1994 年、2002 年与 2016 年三版」)."""
    dated = {m.group(1) for m in _DATED.finditer(references)}
    found = []
    for designation in dated:
        for m in re.finditer(rf"(?<![\w/.-]){re.escape(designation)}(?![\w:.—/-])", note):
            after = note[m.end():m.end() + 24]
            if not re.match(r"\s?(?:只有 ?\d{4} ?年|has \w+ editions)", after):
                found.append(note[max(0, m.start() - 20):m.end() + 12].replace("\n", " "))
    return sorted(found)


def test_d10_the_note_cites_every_dated_reference_with_its_date(zh_markdown, en_markdown, note_md, note_md_en):
    """The class over the 编制说明: no citation of a document clause 2 or the 参考文献 lists dated goes without its date
    (「IEC 62368-1（表 38）」 left open which edition gives 43 ℃, the note discussing two)."""
    for markdown, note, lang in ((zh_markdown, note_md, "zh"), (en_markdown, note_md_en, "en")):
        bibliography = "参考文献" if lang == "zh" else "Bibliography"
        references = _clause(markdown, "2 ", "3 ") + markdown.split(f"\n## {bibliography}\n", 1)[1]
        assert "IEC 62368-1:2023" in references and "ISO 376:2011" in references
        assert _undated(note, references) == []
    assert "即 IEC 62368-1:2023（表 38）对与皮肤接触 8 h 及以上的部件所允许的触摸温度" in note_md
    assert "按 ISO 376:2011 校准的力传感器与带动圆形压头的三轴定位台" in note_md
