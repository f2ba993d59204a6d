"""The seventh reading of issue 76 (docs/drafting.md, "Seventh reading"): the sixth reading's leftovers and
what a reader who wrote none of the draft found reading the rendered Chinese 征求意见稿 and 编制说明 against
GB/T 1.1-2020 and the issue's defect kinds. Each test fails on the draft as it was before the fix it names.
The draft and the 编制说明 are rendered once a process (conftest's ``zh``, ``note`` ...)."""

from __future__ import annotations

from conformance.drafting.writer import Block
from tests.drafting.blocks import between


def _limits(note: list[Block]) -> dict[str, tuple[str, ...]]:
    table = next(b for b in between(note, "note-3-2", "note-3-3") if b.kind == "table")
    return {row[0].replace("\u2011", "-"): row for row in table.rows[1:]}


def test_the_harassment_time_limit_is_stated_with_its_number_in_chinese(note, note_en):
    """IF-CODE-010's notes called its time limit 「本目录自定的一天（stricter 为 lower）」: no number, so 编制说明 3.2
    gave only the documents it cites, and the direction in English (IF-REPORT-001's row quoted 「（`stricter` 为
    `lower`）」 too). Both now state 86 400 秒 and say in Chinese which way is stricter."""
    rows, english = _limits(note), _limits(note_en)
    for rid in ("IF-CODE-010", "IF-REPORT-001"):
        assert rows[rid][2].startswith("附注：") and "86 400 秒" in rows[rid][2], rows[rid]
        assert "时限越短越严格" in rows[rid][2] and "stricter" not in rows[rid][2], rows[rid]
    assert "86 400 s" in english["IF-CODE-010"][2]
