"""The leftovers of the twenty-fifth reading of issue 76, part r (docs/drafting.md, "Leftovers of the twenty-fifth
reading, part r"): cross-cutting renderings. The 编制说明's English limits column gives each count its own noun and
a unit after 1 in the singular (row 25). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance.drafting.writer import Block


def _limit_rows(note: list[Block]) -> dict[str, str]:
    """The 编制说明's limits table (the one headed "Limits"): requirement id -> its limits as the table writes them."""
    table = next(b for b in note if b.kind == "table" and b.rows and "Limits" in b.rows[0])
    return {row[0]: row[1] for row in table.rows[1:]}


def test_the_english_limits_count_as_the_chinese_does(note_en):
    """Row 25: IF-LAT-001's 「16 次」 read "16 concurrent clients"; four rows wrote "1 pixels"."""
    rows = _limit_rows(note_en)
    assert rows["IF-LAT-001"].endswith("16 concurrent clients, 16 requests")
    for req in ("DP-LABEL-001", "DP-LABEL-003", "DP-LABEL-004", "TD-CAM-002"):
        assert "1 pixel" in rows[req] and "1 pixels" not in rows[req]
    assert not [r for r, text in rows.items() if re.search(r"(?<![\d.])1 [a-z]+s\b", text)]
