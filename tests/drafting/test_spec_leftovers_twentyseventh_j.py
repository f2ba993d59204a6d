"""The leftovers of the twenty-seventh reading of issue 76, part j (docs/drafting.md, "Leftovers of the
twenty-seventh reading, part j"): annex B's counts and IDs (rows 1 to 3), the 编制说明's table reference, GB/T 36344
indicators, national standards, test cases and the labelling measures' date (rows 14 to 18) and the 参考文献's
access path of a national standard (row 19). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance.drafting.writer import Block


def _table(doc: list[Block], anchor: str) -> Block:
    return next(b for b in doc if b.kind == "table" and b.anchor == anchor)


def _note_text(note: list[Block]) -> str:
    return "\n".join(b.text for b in note if b.kind in ("para", "heading"))


def test_table_b1_counts_add_up_with_the_introduction_and_annex_c(catalog, zh, en):
    """Row 1: 表 B.1 gave 71 digital-asset requirements and 373 in all, counting candidates, drafts and the deprecated
    AS-MINOR-002 beside the normative ones; the draft holds 310 + 62."""
    reqs = [r for r in catalog.requirements.values() if r.status != "deprecated"]
    kept = sum(r.status == "stable" for r in reqs)
    for doc in (zh, en):
        rows = _table(doc, "annex-b-map").rows
        assert sum(int(row[1]) for row in rows[1:]) == kept
        assert sum(int(row[2]) for row in rows[1:]) == len(reqs) - kept
        assert sum(int(row[3]) + int(row[4]) for row in rows[1:]) == len(reqs)
    lead = next(b.text for b, n in zip(zh, zh[1:]) if n.anchor == "annex-b-map" and b.kind == "para")
    assert "规范性要求与附录 C 所列候选、草案要求" in lead and "已废止的要求不列入本文件，不计" in lead


def test_a_deprecated_requirement_is_listed_nowhere_or_withdrawn(catalog, zh_markdown, en_markdown):
    """Rows 1 and 2: AS-MINOR-002 stood in 表 B.2's 青少年防沉迷 row and in annex A as an informative item like a
    candidate, though the draft gives nothing under its number."""
    gone = [r.id.replace("-", "‑") for r in catalog.requirements.values() if r.status == "deprecated"]
    assert gone
    # twenty-eighth reading, row b2: not even as a withdrawn ICS item, since B.3 says it is not in the document
    for md in (zh_markdown, en_markdown):
        for rid in gone:
            rows = [line for line in md.splitlines() if rid in line]
            assert not rows, rows


def test_table_b2_gives_annex_c_ids_apart(catalog, zh, en):
    """Row 3: 表 B.2 listed annex C's candidates and drafts among the normative IDs with nothing to tell them apart."""
    reqs = catalog.requirements
    for doc, mark in ((zh, "附录 C 的候选或草案要求："), (en, "annex C's candidates or drafts: ")):
        for row in _table(doc, "traceability").rows[1:]:
            ids = row[2].split("\n")[0]
            head, _, tail = ids.partition(mark)
            for rid in re.findall(r"[A-Z]{2}-[A-Z]+-\d{3}", head.replace("‑", "-")):
                assert rid not in reqs or reqs[rid].status == "stable", (row[0], rid)
            for rid in re.findall(r"[A-Z]{2}-[A-Z]+-\d{3}", tail.replace("‑", "-")):
                assert reqs[rid].status in ("candidate", "draft"), (row[0], rid)
    minors = next(r for r in _table(zh, "traceability").rows if r[0] == "青少年防沉迷")
    assert "附录 C 的候选或草案要求：AS-MINOR-001、AS-RATING-002" in minors[2]


def test_the_note_cites_the_topic_table_by_its_number(zh, note, note_en):
    """Row 14: 八（十四） cited 「表 B.3」; annex B has 表 B.1 and 表 B.2, the topic table being 表 B.2."""
    number = _table(zh, "traceability").number
    assert "说明其理由（表 " + number + "）" in _note_text(note)
    assert "says why (table " + number + ")" in _note_text(note_en)
    assert "B.3" not in _note_text(note) and "B.3" not in _note_text(note_en)


def test_the_note_names_the_gbt36344_indicators_tested(note, note_en):
    """Row 15: the note said consistency was not tested; DP-QUAL-001 measures it."""
    zh, en = _note_text(note), _note_text(note_en)
    assert "完整性、准确性、一致性与时效性指标" in zh and "其规范性与可访问性指标不由本文件检验" in zh
    assert "completeness, accuracy, consistency and timeliness indicators" in en
    assert "Its normativity and accessibility indicators are not tested here." in en


def test_every_national_standard_of_clause_2_is_explained(note, note_en):
    """Row 16: 八（一） promises each national standard in turn; GB/T 12642, GB/T 20485.21 and GB/T 27025 had none."""
    headings = [b.text for b in note if b.kind == "heading"]
    for number in ("GB/T 12642—2013", "GB/T 20485.21—2007", "GB/T 27025—2019"):
        assert any(h.startswith("（") and number in h for h in headings), number
    english = [b.text for b in note_en if b.kind == "heading"]
    for number in ("GB/T 12642-2013", "GB/T 20485.21-2007", "GB/T 27025-2019"):
        assert any(h.startswith("8.") and number in h for h in english), number


def test_manual_requirements_have_written_test_cases_in_part_1(note, note_en):
    """Row 17: 一（一） and 一（二） said every requirement had an automated test and known-bad cases; TD-SAFE-001 is
    assessed by a person."""
    zh, en = _note_text(note), _note_text(note_en)
    assert "每项要求编写自动化测试与已知不合格用例" not in zh
    assert zh.count("为每项要求编写自动化测试或人工测试用例，并为自动化要求编写已知不合格用例") == 2
    assert "an automated test and known-bad cases for each" not in en
    assert "an automated test or a manual test case for each" in en


def test_the_labelling_measures_heading_gives_their_date(note):
    """Row 18: every other heading of 八 dates its document; the labelling measures' gave none."""
    heading = next(b.text for b in note if b.kind == "heading" and "国信办通字" in b.text)
    assert "2025 年 3 月 7 日印发" in heading  # its full date since part note (forty-first reading, d18)


def test_a_national_standard_is_not_linked_to_the_iso_page(zh_markdown, en_markdown):
    """Row 19: 参考文献 [6], GB/T 13441.1—2007, gave ISO's page for ISO 2631-1:1997."""
    for md in (zh_markdown, en_markdown):
        entry = next(line for line in md.splitlines() if re.match(r"\[\d+\] GB/T 13441\.1", line))
        assert entry.endswith("[S].") and "iso.org" not in entry, entry
