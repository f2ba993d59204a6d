"""The last stop's leftovers, part a (issue 76; docs/drafting.md, "Leftovers of the last stop, part a"): ID-PORT-005's
Chinese notes naming OAuth 2.0 as its English do (row 1); TD-FORCE-003's English notes without the grammar slip
(row 2); no "<ID>.<Capital>" join in the English 编制说明 (row 3); one word, 「议题」, for an issue number in the
Chinese texts of the catalog (row 4); GB 45438-2025 cited by the clauses that could be checked in AS-AIGC-001 to -010
(row 5). Each test fails on the commit this part started from (5ca42117; tried: see the section)."""

from __future__ import annotations

import re

from conformance import Catalog
from conformance.drafting.writer import Block
from tests.conftest import SUITES
from tests.drafting.blocks import text_of

_ID_JOIN = re.compile(r"\b[A-Z]{2}-[A-Z]+-\d{3}\.[A-Z]")
#: a sub-clause of GB 45438-2025 (5.3, 6.1) cited without saying it comes from a secondary reading
_SUB_CLAUSE = re.compile(r"(?<![\d.])[56]\.\d(?![\d.])")
_AIGC_CANDIDATES = [f"AS-AIGC-{n:03d}" for n in range(1, 11)]


def test_id_port_005_names_oauth_in_both_languages(catalog: Catalog) -> None:
    notes = catalog.requirements["ID-PORT-005"].notes
    assert notes is not None
    assert "OAuth 2.0 token introspection" in notes.en
    assert "OAuth 2.0 令牌内省" in notes.zh


def test_td_force_003_english_notes_read_as_a_sentence(catalog: Catalog) -> None:
    notes = catalog.requirements["TD-FORCE-003"].notes
    assert notes is not None
    assert not re.search(r"\bdoes\s+is\b", notes.en)
    # part h94-basisT rewrote the sentence: the level still as the draft names it
    assert "the force TD-FORCE-004 R3 (level MUST) measures" in " ".join(notes.en.split())


def test_no_requirement_id_runs_into_the_next_english_sentence(note_en: list[Block]) -> None:
    """8.19 read "… IF-AGENT-002.Clause 5 of this mandatory national standard …": the list of citing requirements
    and the analysis were joined without a space, in every subclause of part 8."""
    text = text_of(note_en)
    assert not [m.group(0) for m in _ID_JOIN.finditer(text)]
    assert "IF-AGENT-002. Clause 5" in text


def test_one_word_for_an_issue_number_in_the_chinese_catalog() -> None:
    found = {path.relative_to(SUITES).as_posix(): re.findall(r"问题\s*\d+", path.read_text(encoding="utf-8"))
             for path in SUITES.rglob("*.yaml")}
    assert {path: hits for path, hits in found.items() if hits} == {}


def test_gb_45438_sub_clauses_are_marked_as_a_secondary_reading(catalog: Catalog) -> None:
    for req_id in _AIGC_CANDIDATES:
        req = catalog.requirements[req_id]
        for ref in req.source.standards:
            if "45438" in ref.name and _SUB_CLAUSE.search(ref.section or ""):
                assert "secondary reading" in ref.section, (req_id, ref.section)
        assert req.notes is not None
        for lang, text in (("en", req.notes.en), ("zh", req.notes.zh)):
            for cite in re.finditer(r"GB 45438-2025\s*((?:第\s*)?\d(?:\.\d)?)", text):
                assert not _SUB_CLAUSE.fullmatch(cite.group(1).strip()), (req_id, lang, cite.group(0))
    # labels in an interaction interface are explicit labels: clause 5, not clause 6 (implicit labels)
    notes = catalog.requirements["AS-AIGC-010"].notes
    assert notes is not None
    assert "GB 45438-2025 第 6 章要求在交互场景界面" not in notes.zh
    assert "GB 45438-2025 6 a label" not in notes.en
