"""The forty-eighth reading, part h100-quote (docs/drafting.md, "Forty-eighth reading, part h100-quote"): 三（三）'s quote
gave TD-GAZE-004's 0.5° no reason, its clause passing for sourced by the bracket giving 1.0°'s (d1), and stopped
RB-URDF-003's at 「……前者容许这一误差……」, 10⁻¹² kg·m²'s reason in the 「后者」 clause cut (d3); 三（五） listed the withdrawn
AS-MINOR-002 (d4); TD-ACC-005's notes called 0.02 m a tenth of several decimetres (dx1). Each test fails on 9f865cf3."""

from __future__ import annotations

import re

from conformance.drafting.limitbasis import SOURCE, _all_limits, _names, _number
from conformance.drafting.limitnumbers import OWN_NUMBER, clauses, digits, levels, names_bare
from conformance.drafting.limitreasons import for_limit, quoted_around, with_latter
from conformance.drafting.render import markdown_of
from tests.drafting.blocks import limit_rows as _table

_ID = re.compile(r"\b[A-Z]{2}-[A-Z]+-\d{3}\b")


def _gives(text: str, limit: str) -> bool:
    number = _number(limit)
    return limit in text or limit in levels(text) or _names(digits(text), number, limit) or (limit == number and names_bare(text, limit))


def _quoted(basis: str) -> tuple[list[str], str]:
    """A row's quoted clauses and what it says the notes leave unsaid."""
    quote, _, gap = basis.removeprefix("附注：").partition("（附注未写明")
    return clauses(quote), gap


def test_every_listed_limit_is_quoted_in_a_clause_giving_its_reason(note):
    """d1, over the whole table: each limit of a row quoting the notes stands in a quoted clause that gives its source
    or says the document sets it (a bracket about another of the row's limits does not count), or the row quotes a
    sentence for all its limits, or says the notes leave it unsaid."""
    bare = []
    for rid, (limits, basis) in _table(note).items():
        if not basis.startswith("附注："):
            continue
        quoted, gap = _quoted(basis)
        listed = [re.sub(r"^至少 ", "", limit) for limit in limits.split("，")]
        if any(_all_limits(clause) for clause in quoted):
            continue
        for limit in listed:
            if _gives(gap, limit) or f"{limit}为 5.1 所列测试设备的读取界限" in basis:
                continue
            if not any(_gives(clause, limit) and (SOURCE.search(own := for_limit(clause, limit, listed, _gives))
                                                  or OWN_NUMBER.search(own)
                                                  or k and quoted[k - 1].endswith("；") and SOURCE.search(quoted[k - 1]))
                       for k, clause in enumerate(quoted)):
                bare.append((rid, limit))
    assert bare == []
    assert "0.5°为本文件自定：为 TD-GAZE-002 所允许平均准确度的一半" in _table(note)["TD-GAZE-004"][1]


def test_no_quote_stops_at_the_former_leaving_the_latter(note, catalog):
    """d3, over the whole table: a quoted clause saying what 「前者」 is for is quoted with the notes' next clause saying
    what 「后者」 is for."""
    cut = []
    for rid, (_, basis) in _table(note).items():
        if not basis.startswith("附注："):
            continue
        quote = basis.removeprefix("附注：")
        notes = [clause.strip() for clause in clauses(catalog.requirements[rid].notes.zh)]
        for at, clause in enumerate(notes[:-1]):
            head = clause[:12]
            if "前者" in clause and "后者" not in clause and head in quote and "后者" in notes[at + 1] \
                    and notes[at + 1][-12:-1] not in quote:
                cut.append(rid)
    assert cut == []
    assert "后者将其计为零" in _table(note)["RB-URDF-003"][1]


def test_the_english_quotes_the_latter_too(note_en):
    assert "which the second counts as zero" in _table(note_en)["RB-URDF-003"][1]
    assert "Niehorster et al. (2020" in _table(note_en)["TD-GAZE-004"][1]


def test_every_requirement_the_note_names_is_in_the_draft(note_md, zh):
    """d4: the 编制说明 names no requirement the draft lacks (三（五） listed the withdrawn AS-MINOR-002 among those a
    bibliography entry informs; 一（二） counts the withdrawn ones without naming them)."""
    draft = set(_ID.findall(markdown_of(zh).replace("\u2011", "-")))
    assert sorted(set(_ID.findall(note_md.replace("\u2011", "-"))) - draft) == []


def test_the_quote_extensions_compose():
    gives = lambda text, limit: limit in text  # noqa: E731
    placed = {0: "a 与 b 为本文件自定：前者容许误差；", 1: "工具写出极小值，后者将其计为零。", 2: "另一句。"}
    assert with_latter((0,), placed) == (0, 1)
    assert with_latter((0,), {0: placed[0], 1: "另一句。"}) == (0,)
    assert quoted_around((0,), placed, ["a", "b"], gives) == (0, 1)
    assert for_limit("x 不超过 p（1.0 度，沿用某限值），y 不超过 q（0.5 度）。", "0.5 度", ["1.0 度", "0.5 度"], gives) \
        == "x 不超过 p，y 不超过 q（0.5 度）。"


def test_td_acc_005_gives_the_ratio_its_figures_allow(note, note_en, catalog):
    """dx1: a tenth of several decimetres is several centimetres, not 0.02 m; since the fiftieth reading (part
    h104-silence, d7) the notes give no eye-height ratio at all, whose 「数分米」 had no source: 0.02 m is ten times
    TD-PERF-001's 2 mm trueness."""
    assert "数分米" not in _table(note)["TD-ACC-005"][1]  # the notes' history (1.2.1) still tells of it
    assert "十分之一至二十分之一" not in catalog.requirements["TD-ACC-005"].notes.zh.split("1.2.1 版")[0]
    assert "0.02 m 为 TD-PERF-001 位置正确度限值（2 mm）的十倍" in _table(note)["TD-ACC-005"][1]
    assert "ten times TD-PERF-001" in _table(note_en)["TD-ACC-005"][1]
