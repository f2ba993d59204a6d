"""The forty-fourth reading, part h96-prose (docs/drafting.md, "Forty-fourth reading, part h96-prose"): numbers that
decide a verdict but stood only in a step's prose, so the 编制说明's 三（三） had no row for them (b9 and what part
h96-limA left): ID-MFA-001's 6 to 10 digits (RFC 4226 5.3), ID-VCAPI-003's 131 072 bits (W3C Bitstring Status List
v1.0 2.2), AS-AIGC-015's 10 ms step, IF-CODE-001's 86 401 s and 20 categories (and the 86 401 s of IF-REPORT-001, IF-MOD-002, IF-CODE-010). A step's clause now says the number is
this document's (「本文件规定的」) or where it is taken from (「取自 RFC 4226 第 5.3 节」), and 三（三） lists the numbers of
such a clause. Each test fails on the draft as it was before."""

from __future__ import annotations

import re

from tests.drafting.blocks import limit_rows as _limits

_FLAG = re.compile(r"附注未写明|drafting group")


def test_the_step_numbers_have_their_rows(note):
    """b9: each number stands in its row's limits, and the row quotes the note sentence giving its basis."""
    rows = _limits(note)
    wanted = {"ID-MFA-001": ("6 至 8 位", "RFC 4226 第 5.3 节"), "ID-VCAPI-003": ("131 072 位", "第 2.2 节"),
              "AS-AIGC-015": ("10 ms", "10 ms 的步长为本文件自定"), "IF-CODE-001": ("86 401 s", "86 401 s")}
    for rid, (limit, basis) in wanted.items():
        assert rid in rows and limit in rows[rid][0] and basis in rows[rid][1], rid
        assert not _FLAG.search(rows[rid][1]), rid
    assert "20 个" in rows["IF-CODE-001"][0] and "20 个类别" in rows["IF-CODE-001"][1]
    # the same probe after the limit in the three other requirements setting the clock past it
    for rid in ("IF-REPORT-001", "IF-MOD-002", "IF-CODE-010"):
        assert "86 401 s" in rows[rid][0] and "再加 1 s" in rows[rid][1] and not _FLAG.search(rows[rid][1]), rid


def test_the_english_row_counts_bits_as_bits(note_en):
    """「131 072 位」 is a count of bits, which the English steps say, not of digits."""
    rows = _limits(note_en)
    assert "131 072 bits" in rows["ID-VCAPI-003"][0] and "6 to 8 digits" in rows["ID-MFA-001"][0]

