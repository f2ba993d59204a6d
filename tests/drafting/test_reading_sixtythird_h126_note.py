"""The sixty-third reading of issue 76, part h126-note (docs/drafting.md, "Sixty-third reading, part h126-note"): claims
of the 编制说明 its repository or its own arithmetic contradicted, and numbers of 三（三） without their row or reason.

d2 (read63d): 五 said everything under tests/corpora is others' published data, while the corpora's records say the
project's scripts wrote some of it (the verdicts ``expected.json``, DCAT's ``altered/`` copies): 五 now names, from those
records, the project's files (its licence) and the altered copies (their sources' terms). b2 (read63b): AS-TRADE-007's
row lacked its 40 operation sequences and their reason. c1 (read63c): SC-RENDER-003's quote stopped at 「；」 and cut
「以之约束整个往返……严于单向目标」, the words saying the 200 ms round trip is the document's own stricter choice; a clause
after 「；」 going on from a quoted one is now quoted with it. d1 (read63a, doubtful): the background rows of 三（三）'s
test-condition table gave the change an uncorrelated signal makes, 10·lg(1 + r²), as a bound 「至多」, which a component
at the measured frequency exceeds (20·lg(1 ± r)); both are now given. read63c's doubtful: TD-PERF-005's 5 cm, explained
in its row, stood in no limits cell. Each test fails on the branch's base (856b52f22)."""

from __future__ import annotations

import re

import pytest

from conformance._catalog.catalog import Catalog
from conformance.drafting.limitnumbers import ANAPHOR, clauses
from conformance.drafting.testcases import for_laboratory
from conformance.drafting.wording import one_verdict_name, unit_symbols
from conformance.drafting.writer import Block
from tests.drafting.blocks import limit_rows
from tests.paths import ROOT


def _paras(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kind == "para"]


def _after(blocks: list[Block], anchor: str) -> list[Block]:
    start = next(i for i, b in enumerate(blocks) if b.kind == "heading" and b.anchor == anchor)
    level = blocks[start].level
    end = next((i for i in range(start + 1, len(blocks)) if blocks[i].kind == "heading"
                and blocks[i].level <= level), len(blocks))
    return blocks[start:end]


# d2 ---------------------------------------------------------------------------------------------------------------

def test_d2_the_records_name_the_files_the_project_wrote_and_altered():
    """The reader's instances, read from the records: the benches' recorded verdicts are the project's, DCAT's copies
    without titles and URLs are altered copies; every ``expected.json`` of tests/corpora is such a record."""
    from conformance.drafting.corpusrights import project_made

    made = project_made(ROOT)
    assert "tests/corpora/data/dcat/altered/" in made.altered
    for path in sorted(ROOT.glob("tests/corpora/**/expected.json")):
        assert str(path.relative_to(ROOT)) in made.own, path
    assert not set(made.own) & set(made.altered)


def test_d2_part_5_names_the_projects_files_and_the_altered_copies_with_their_terms(note, note_en):
    from conformance.drafting.corpusrights import project_made

    made = project_made(ROOT)
    for blocks, lang in ((note, "zh"), (note_en, "en")):
        text = " ".join(_paras(_after(blocks, "note-5")))
        for path in [*made.own, *made.altered]:
            folder = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
            assert f"`{path}`" in text or f"`{folder}`" in text, (lang, path)
    zh = " ".join(_paras(_after(note, "note-5")))
    en = " ".join(_paras(_after(note_en, "note-5")))
    assert "他人发布的公开数据，存于" not in zh  # no longer: everything there is others' data
    assert "属本项目，按上述开源许可证发布" in zh and "仍按其来源的许可条件分发" in zh
    assert "are the project's, under that open-source licence" in en and "stay under their sources' terms" in en


# b2 ---------------------------------------------------------------------------------------------------------------

def test_b2_each_state_machine_row_gives_its_sequences_and_their_reason(catalog: Catalog, note):
    """Class: every requirement run as a state machine (the test parameter ``stateful_examples``) has its number of
    operation sequences in its limits cell and a quote giving their reason."""
    rows = limit_rows(note)
    machines = [r.id for r in catalog.requirements.values() if "stateful_examples" in (r.parameters or [])
                and r.id in rows]
    assert "AS-TRADE-007" in machines and "AS-REG-005" in machines
    for rid in machines:
        limits, basis = rows[rid]
        assert "40 个操作序列" in limits, (rid, limits)
        assert "40 个序列共至多 800 步" in basis, (rid, basis)


# c1 ---------------------------------------------------------------------------------------------------------------

_SEQUEL = re.compile(r"^\s*以(?:之|此)")


def test_c1_no_quote_stops_at_a_semicolon_before_a_clause_going_on_from_it(catalog: Catalog, note):
    """Class: in every row quoting the notes, a quoted clause ending at 「；」 whose next clause goes on from it
    (「以之……」, 「该……」) is quoted with that clause."""
    rows = limit_rows(note)
    cut = []
    for rid, (_, basis) in rows.items():
        req = catalog.requirements.get(rid)
        if not basis.startswith("附注：") or req is None or not req.notes:
            continue
        # as the table writes them: units by their symbols, 「本目录」 as 「本文件」, one name of each thing
        every = [one_verdict_name(unit_symbols(for_laboratory(c, "zh"))).strip().replace("本目录", "本文件")
                 for c in clauses(req.notes.zh)]
        basis = basis.replace("`", "")  # the table marks code words the notes write bare
        for this, following in zip(every, every[1:]):
            if this and this.endswith("；") and this in basis and following and (
                    _SEQUEL.match(following) or ANAPHOR.match(following)) and following[:12] not in basis:
                cut.append((rid, following[:30]))
    assert not cut, cut


def test_c1_render_003_says_the_round_trip_limit_is_the_documents_own_stricter_choice(note, note_en):
    zh = limit_rows(note)["SC-RENDER-003"][1]
    en = limit_rows(note_en)["SC-RENDER-003"][1]
    assert "以之约束整个往返（输入的去程、渲染、画面的回程）为本文件自定的选择，严于单向目标" in zh
    assert "holding the whole round trip" in en and "stricter than the one-way target" in en


# d1 ---------------------------------------------------------------------------------------------------------------

def _condition_rows(blocks: list[Block]) -> list[tuple[str, ...]]:
    """The rows of every table whose basis gives the change a signal added to the one measured makes."""
    return [tuple(cell.replace("\u2011", "-") for cell in row) for b in blocks if b.kind == "table"
            for row in b.rows[1:] if "10·lg(1 + 10" in row[-1]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_d1_an_uncorrelated_change_is_no_bound_and_the_coherent_one_is_given(note, note_en, lang):
    """Class: a row giving 10·lg(1 + r²), the change a signal uncorrelated with the one measured makes, does not call
    it a bound (「至多」, "at most") and gives the change a component at the measured frequency makes, 20·lg(1 ± r)."""
    blocks = note if lang == "zh" else note_en
    rows = _condition_rows(blocks)
    assert len(rows) >= 3, rows
    for row in rows:
        basis = row[-1]
        assert not re.search(r"(?:至多(?:增加|改变)|at most) 10·lg", basis), basis
        assert "20·lg(1 ± " in basis, basis
    haptic = next(r[-1] for r in rows if "TD-HAPT-003" in " ".join(r) or "haptic" in r[0])
    assert "+0.83 dB" in haptic and "−0.92 dB" in haptic and "2.5 dB" in haptic


# read63c doubtful: TD-PERF-005's 5 cm -----------------------------------------------------------------------------

def test_perf_005_limits_cell_gives_the_5_cm_its_row_explains(note, note_en):
    """Every tolerance TD-PERF-005's quote names among 「这些数值（……）」 stands in its limits cell, the 5 cm a
    placement counts for its face within among them."""
    limits, basis = limit_rows(note)["TD-PERF-005"]
    listed = re.search(r"这些数值（([^（）]*)）", basis)
    assert listed
    for number in re.findall(r"(\d+(?:\.\d+)?) ?(mm|cm|°|min|s)(?![\w])", listed.group(1)):
        assert f"{number[0]} {number[1]}".replace(" °", "°") in limits, (number, limits)
    assert "5 cm" in limit_rows(note_en)["TD-PERF-005"][0]
