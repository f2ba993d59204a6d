"""The thirty-fourth reading's leftovers, part b (issue 76; docs/drafting.md, "Leftovers of the thirty-fourth reading,
part b"): clause 2 and the 编制说明 3.5. ITU-T P.58, the one clause 2 entry from specification.yaml left undated, is
dated and cited with its date (b2); the 编制说明's list of the publishers clause 2 dates in brackets is read from clause
2 itself (b11); named clause 2 entries are scanned as numbered ones are, and OGC 09-048r5 is cited where SC-CITY-005
applies it (b1, in part). Each test fails on the draft as it was at e2976102."""

from __future__ import annotations

import re

import yaml

from conformance.drafting.datedrefs import bracket_publishers
from tests.drafting.blocks import text_of
from tests.drafting.test_spec_leftovers_seventeenth_refs import normative_text
from tests.drafting.test_spec_review import DATED


def _clause_2(blocks: list) -> list[str]:
    start = next(i for i, b in enumerate(blocks) if b.anchor == "clause-2")
    end = next(i for i, b in enumerate(blocks) if b.anchor == "clause-3")
    return [b.text for b in blocks[start + 2:end] if b.kind == "para"]


def test_p58_is_dated_in_clause_2_and_where_the_text_cites_it(zh, en):
    """b2: 「ITU-T P.58 Head and torso simulator for telephonometry」 stood undated (P.57 beside it dated 2021-06)."""
    for blocks, cited in ((zh, "符合 ITU-T P.58（2023-03）的头和躯干模拟器"),
                          (en, "a head and torso simulator as ITU-T P.58 (2023-03) specifies")):
        assert "ITU-T P.58 Head and torso simulator for telephonometry (2023-03)" in _clause_2(blocks)
        text = text_of(blocks).replace("\u2011", "-")
        assert cited in text
        cited_text = normative_text(blocks)
        assert cited_text.count("ITU-T P.58") == len(re.findall(r"ITU-T P\.58 ?[(（]2023-03[)）]", cited_text)) > 0


def test_every_normative_text_source_names_its_edition():
    """b2: the edition test read clause 2 but excused P.58; specification.yaml's normative text sources are read here
    at the source: each carries a date or a year in its name."""
    with open("suites/specification.yaml", encoding="utf-8") as f:
        sources = yaml.safe_load(f)["references"]["text_sources"]
    normative = [s for s in sources if s.get("normative")]
    assert len(normative) >= 10
    assert [s["name"] for s in normative if not s.get("date") and not DATED.search(s["name"])] == []


def test_the_note_names_the_publishers_clause_2_dates_in_brackets(zh, en, note, note_en):
    """b11: 三（五） listed 3GPP, ASTM and NIST, whose documents left clause 2 at the seventeenth reading's leftovers."""
    names = bracket_publishers(_clause_2(zh))
    assert names and not {"3GPP", "ASTM", "NIST"} & set(names)
    assert bracket_publishers(_clause_2(en)) == names
    zh_note, en_note = text_of(note), text_of(note_en)
    assert f"第 2 章按月份或版本注日期的其他文件（{'、'.join(names)} 的文件与以名称列出的规范）" in zh_note
    listed = f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else names[0]
    assert f"(those of {listed}, and specifications listed by name)" in en_note
    assert "3GPP" not in zh_note.split("第 2 章按月份")[1].split("。")[0]
    # a planted entry of another family is named, in the 编制说明's order
    assert bracket_publishers(["3GPP TS 26.260 Objective test methodologies (V16.0.0)",
                               "ITU-T P.57 Artificial ears (2021-06)"]) == ["ITU", "3GPP"]


#: clause 2's entries listed by name, each with the forms the text may cite it by (b1: the seventeenth reading's
#: scan read numbered entries only)
NAMED = {"OGC Name Type Specification": ("OGC 09-048r5",),
         "W3C Data Integrity ECDSA Cryptosuites v1.0": ("ECDSA Cryptosuites", "ECDSA 密码套件"),
         "W3C Data Integrity EdDSA Cryptosuites v1.0": ("EdDSA Cryptosuites", "EdDSA 密码套件"),
         "W3C Verifiable Credential Data Integrity 1.0": ("VC Data Integrity 1.0", "Data Integrity 1.0",
                                                          "数据完整性 1.0"),
         "The International System of Units (SI)": ("SI Brochure", "SI 手册", "国际单位制（SI）"),
         "W3C ODRL Vocabulary & Expression 2.2": ("ODRL Vocabulary", "ODRL 词汇"),
         }
#: named entries moved from clause 2 to the 参考文献, nothing normative applying them (part q)
MOVED = ("The International System of Units (SI)",)
#: those still cited nowhere by name: a list that only shrinks (part q cited the Data Integrity documents and moved
#: the SI Brochure to the 参考文献, tests/drafting/test_spec_leftovers_thirtyfourth_q.py)
NOT_YET_CITED: tuple[str, ...] = ()


def _uncited_named(blocks: list) -> list[str]:
    entries, text = _clause_2(blocks), normative_text(blocks)
    assert all(any(e.startswith(name) or name in e for e in entries) for name in NAMED if name not in MOVED)
    return [name for name, forms in NAMED.items()
            if name not in MOVED and not any(form in text for form in (name, *forms))]


def test_named_clause_2_entries_are_cited_or_listed_as_left(zh, en):
    """b1: six named entries were cited nowhere; SC-CITY-005's step 4 now cites OGC 09-048r5 for the CRS URL form,
    DP-PRICE-001's step 2 ODRL Vocabulary & Expression 2.2."""
    for blocks in (zh, en):
        assert _uncited_named(blocks) == list(NOT_YET_CITED)
    assert "OGC 09-048r5 所规定的 `http://www.opengis.net/def/crs/" in text_of(zh)
    assert "a URL of the form OGC 09-048r5 gives" in text_of(en)
    # DP-PRICE-001's step 2 reads its payment amounts in the vocabulary's terms
    assert "按 W3C ODRL Vocabulary & Expression 2.2（2018-02-15）的术语" in text_of(zh).replace("\u2011", "-")
    assert "in the terms of W3C ODRL Vocabulary & Expression 2.2 (2018-02-15)" in text_of(en).replace("\u2011", "-")
