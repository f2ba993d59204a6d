"""The forty-third reading, part h95-basis (docs/drafting.md, "Forty-third reading, part h95-basis"): the 编制说明's
三（三）. A row quoted a sentence cut at 「……」 before the numbers it lists, and was not flagged (d1, d2, c1); a row resting
on cited documents alone looked justified though they do not give the number (d6, b7); a row flagged numbers its quote
gives with their test parameter (d5), so the header's count was wrong; 「三次」 stood in no row (b6); units were set as
code, 「1 `TiB`」, 「以 `mW` 计」 (dx1). Each test fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.limitbasis import limit_basis
from conformance.drafting.limitnumbers import digits
from conformance.drafting.wording import unit_symbols
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _limits

_FLAG = re.compile(r"（附注未写明 ?(.*?) ?的来源，起草组补充。）|附注未写明该数值的来源（起草组补充）。")


def _numbers(text: str) -> set[str]:
    """The numbers a text gives, digit groups closed up, 「三次」 as 3, a time of day by its hour."""
    flat = re.sub(r"(?<=\d)[ \u2009\u202f](?=\d{3}(?!\d))", "", unit_symbols(digits(text)))
    flat = re.sub(r"(\d)(?::00| ?时)", r"\1", flat)  # a time of day, 「20:00」 as the notes' 「20 时」
    return set(re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", flat))


def test_every_listed_number_is_quoted_or_flagged(note):
    """d1, d2, c1, d6, b7: each number a row lists stands in its basis, the quoted sentences or the flag naming it for the
    drafting group; a row whose numbers rest on documents that do not give them is flagged, never left to look justified."""
    unquoted = []
    for req, (limits, basis) in _limits(note).items():
        if "附注未写明该数值的来源" in basis:  # the whole row is flagged
            continue
        quoted = _numbers(basis)
        # a period in seconds the notes give in whole days (「7 天」 for AS-TRADE-004's 604 800 s)
        if missing := {n for n in _numbers(limits) if n not in quoted
                       and not (n.isdigit() and int(n) % 86400 == 0 and str(int(n) // 86400) in quoted)}:
            unquoted.append((req, missing, basis))
        if basis.startswith(("所引文件", "所引标准")):
            assert _FLAG.search(basis), req
    assert not unquoted


def test_a_number_the_quote_gives_is_not_flagged(note):
    """d5: TD-FACE-007's quote gives 250 ms, 1 min⁻¹ and 20 with their test parameters: none of them is flagged."""
    rows = _limits(note)
    for req, (_, basis) in rows.items():
        quote, _, flag = basis.partition("（附注未写明")
        if not flag or not quote.startswith("附注："):
            continue
        for number in _numbers(flag.split("的来源")[0]) - {"1"}:  # 1 of 「1 min⁻¹」 stands in many clauses
            assert not re.search(rf"[a-z]+_[a-z_]+`?\s?[（(]?{re.escape(number)}(?![\d.])", quote), (req, number)
    # TD-FACE-007's quote gives 20 with `min_gesture_trials`; its 5% was the notes' gap until part h95-basisT gave it
    assert "`min_gesture_trials` 20" in rows["TD-FACE-007"][1] and "附注未写明 20 " not in rows["TD-FACE-007"][1]


def test_the_header_counts_the_flagged_rows(note, catalog):
    """d5, d6: the header's count of rows marked for the drafting group is the count of rows the table marks (none
    since parts h95-basisN and h95-basisT: the header then says nothing of it)."""
    flagged = sum(bool(_FLAG.search(basis)) for _, basis in _limits(note).values())
    lead = next(b.text for b in note if b.kind == "para" and "决定判定结果的限值" in b.text)
    assert (f"表中注明待起草组补充的共 {flagged} 项" in lead) if flagged else ("起草组补充" not in lead)
    # two requirements whose notes are taken away: their numbers have no basis, both rows flagged and counted
    kept = [catalog.requirements[rid].model_copy(update={"notes": None}) for rid in ("TD-TACT-001", "IF-PAGE-001")]
    table = limit_basis(Writer(catalog, "zh"), kept)
    assert "表中注明待起草组补充的共 2 项" in next(b.text for b in table if b.kind == "para")


def test_a_count_in_chinese_numerals_is_a_limit(note):
    """b6: IF-CODE-008's 「合计三次提交」 is a limit, its basis the notes' sentence calling the three the catalog's own."""
    limits, basis = _limits(note)["IF-CODE-008"]
    assert limits == "3 次"
    assert "3 次提交为本文件自定" in basis and "附注未写明" not in basis


def test_units_are_never_code(note_md, zh_markdown):
    """dx1: a unit after a number, or a unit named, is set in ordinary type (「1 TiB」, 「以 mW 计」)."""
    for text in (note_md, zh_markdown):
        assert not re.findall(r"`(?:[kMGTPmμ]?(?:i?B|W|Wh|A|Ah|Hz|V))`", text)
