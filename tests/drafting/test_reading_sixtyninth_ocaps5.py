"""The sixty-ninth reading of issue 76, part h133-ocaps5: one more cap of c2's class (a check cut a target's input past
a cap no text stated) is a 5.1 reading bound, past which the input is unjudged, never failed:

* ``identity.multikey.MAX_KEY_TEXT``: a DID document holding a key text (a ``publicKeyMultibase``, a
  ``publicKeyBase58`` compared with a ``did:key`` DID, or the key the DID encodes) over 10 000 characters was judged on
  the rest and passed, the key neither decoded nor named: 「密钥文本的长度」, in table 1 under ID-DOC-001, ID-RES-001
  and ID-REG-001 (the cases judging DID documents), named in each one's step and 不确定 line (en and zh), with its
  reason in 三（三）.

Each test fails on the branch's base (d3e315e9c)."""

from __future__ import annotations

import math

import pytest

from conformance.areas.identity import multikey
from conformance.drafting.boundtable import BOUNDS
from tests.drafting.test_reading_sixtyeighth_tbound import _note_row, _table_row
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

NAME = ("密钥文本的长度", "length of key text")
CASES = ("ID-DOC-001", "ID-RES-001", "ID-REG-001")


def test_the_cap_is_the_bounds_figure():
    bound = next(b for b in BOUNDS if b.name == NAME)
    assert multikey.MAX_KEY_TEXT == 10_000 and not bound.sample
    assert "10 000 个字符" in bound.value[0] and "10 000 characters" in bound.value[1]


def test_the_reasons_figures_hold():
    """ML-DSA-87's public key (FIPS 204, table 2: 2 592 B) with its 2-byte multicodec prefix, in base58btc and base16;
    base16, the least dense multibase encoding the check decodes, holds 4 999 B in 9 999 characters."""
    assert round(2_594 * 8 / math.log2(58), -1) == 3_540 and round(2 * 2_594, -1) == 5_190
    assert (multikey.MAX_KEY_TEXT - 1) // 2 == 4_999


def test_table_1_lists_the_cases_under_the_bound(zh_markdown, en_markdown):
    zh, en = _table_row(zh_markdown, NAME[0]), _table_row(en_markdown, NAME[1])
    for rid in CASES:
        assert rid.replace("-", "‑") in zh[2] or rid in zh[2], (rid, zh)
        assert rid.replace("-", "‑") in en[2] or rid in en[2], (rid, en)
    assert "10 000" in zh[1] and "不确定" in zh[3], zh


@pytest.mark.parametrize("rid", CASES)
def test_the_case_names_the_bound_in_its_step_and_inconclusive_line(zh_markdown, en_markdown, rid):
    zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if NAME[0] in s)
    assert f"读取界限“{NAME[0]}”，见 5.1" in step and "10 000 个字符" in step, step
    step = next(s for s in _row(en, "Test procedure").split("<br>") if NAME[1] in s)
    assert f'the reading bound "{NAME[1]}", see 5.1' in step and "10 000 characters" in step, step
    assert f"读取界限“{NAME[0]}”" in _verdict_lines(zh, "zh")["不确定"]
    assert f'the reading bound "{NAME[1]}"' in _verdict_lines(en, "en")["Inconclusive"]


def test_the_note_gives_the_bound_its_reason(note_md, note_md_en):
    zh, en = _note_row(note_md, NAME[0]), _note_row(note_md_en, NAME[1])
    assert "不确定" in zh and "不因本界限判定为不通过" in zh and "FIPS 204" in zh and "2 592 B" in zh, zh
    assert "inconclusive, never failed for the bound" in en and "ML-DSA-87" in en, en
