"""The forty-third reading, part h95-basisN (docs/drafting.md, "Forty-third reading, part h95-basisN"): the 编制说明's
三（三） flagged 19 rows of the areas AS, DP, ID, IF and SC for the drafting group, numbers the notes did not give a basis
for (AS-AIGC-011's search scales, ID-PRIV-001's 18 digits, SC-RENDER-002's 1.2 s...). Their notes now name each number
with its source and clause, or say it is the document's own with its reason. Each test fails on the draft as it was
before."""

from __future__ import annotations

import re

import pytest

from conformance.drafting.writer import Block

_FLAG = re.compile(r"附注未写明")
_CLEARED = ("AS-AIGC-011", "AS-AIGC-013", "AS-AIGC-014", "AS-API-001", "AS-RATING-003", "DP-LABEL-003", "DP-LABEL-004",
            "ID-AUTH-003", "ID-PRIV-001", "IF-LAT-001", "IF-UDP-002", "SC-CITY-007", "SC-CITY-008", "SC-CITY-013",
            "SC-FEED-006", "SC-RENDER-001", "SC-RENDER-002", "SC-RENDER-003", "SC-RENDER-004")


def _limits(blocks: list[Block]) -> dict[str, str]:
    table = next(b for b in blocks if b.kind == "table" and b.rows and b.rows[0][1] in ("限值", "Limits"))
    return {row[0].replace("\u2011", "-"): row[2] for row in table.rows[1:]}


@pytest.mark.parametrize("req", _CLEARED)
def test_the_row_quotes_the_notes_and_flags_nothing(note, req):
    """Each number of the row stands in a quoted sentence of the notes: none is left for the drafting group."""
    basis = _limits(note)[req]
    assert basis.startswith("附注："), basis
    assert not _FLAG.search(basis), basis


def test_a_cited_standard_gives_the_number_with_its_clause(note):
    """Where a cited document gives the number, the quote names it and where: GB 11643's number structure gives
    ID-PRIV-001's 18 digits, FIPS 180-4 6.2 the 64 hex digits of IF-UDP-002's SHA-256, COCO's keypoint section
    DP-LABEL-004's 3 numbers a point."""
    rows = _limits(note)
    assert re.search(r"18 位取自 GB 11643—1999", rows["ID-PRIV-001"])
    assert "64 位取自 FIPS 180-4 第 6.2 节" in rows["IF-UDP-002"]
    assert re.search(r"3 个有限数值取自 COCO 数据格式的关键点检测一节", rows["DP-LABEL-004"])


def test_the_english_rows_flag_nothing_either(note_en):
    """The English table quotes the same sentences from the English notes."""
    rows = _limits(note_en)
    assert not [req for req in _CLEARED if "drafting group" in rows[req]]
