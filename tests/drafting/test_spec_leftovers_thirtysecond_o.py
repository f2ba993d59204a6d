"""The leftovers of the thirty-second reading of issue 76, part o (docs/drafting.md, "Leftovers of the thirty-second
reading, part o"): SC-TILE-003's step 2 as the check compares (a21), SC-CITY-005's URL form as the check accepts it
(a22), one Chinese word for a cleared bit (a23), TD-FACE-004/-006's search reaching past the lead limit (a24), AI, IPD
and IRI in the English clause 4 (a25), annex A's order paths (a26). Each test fails on the sources as they were
before these fixes."""

from __future__ import annotations

import re

from conformance.areas.terminal import face_accuracy
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> str:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure")


def test_tile_step_2_compares_within_each_tileset_file(zh_markdown, en_markdown):
    """a21: step 2 walked the tree 「包括外部瓦片集」, a parent-child relation across files the check never compares."""
    zh = _steps(_cases(zh_markdown)["SC-TILE-003"], "zh")
    assert "外部瓦片集的根瓦片不与引用它的瓦片比较" in zh and "沿瓦片树（包括外部瓦片集）" not in zh
    en = _steps(_cases(en_markdown)["SC-TILE-003"], "en")
    assert "an external tileset's root is not compared with the tile that references it" in en
    assert "Walk the tile tree, external tilesets included" not in en


def test_city_crs_url_form_is_the_one_the_check_accepts(zh_markdown, en_markdown):
    """a22: the text admitted http alone with non-empty parts; the check takes http or https and the parts'
    characters."""
    zh = _cases(zh_markdown)["SC-CITY-005"]
    assert "（也接受 `https`）" in _steps(zh, "zh") and "仅由字母、数字、`_`、`.` 与 `-` 组成" in _steps(zh, "zh")
    assert "形式（或 `https`）" in zh
    en = _cases(en_markdown)["SC-CITY-005"]
    assert "(`https` accepted too)" in _steps(en, "en") and "made only of letters, digits" in _steps(en, "en")


def test_a_cleared_bit_has_one_chinese_word(zh_markdown):
    """a23: 清零 in four cases, 清除 in TD-GAZE-001 and TD-HAND-001 (both within TD-HAND-001)."""
    cases = _cases(zh_markdown)
    for rid in ("TD-GAZE-001", "TD-HAND-001", "TD-HAND-006", "TD-MOT-001"):
        assert "清除" not in cases[rid], rid
    assert "清零" in cases["TD-GAZE-001"] and "清零" in cases["TD-HAND-001"]


def test_face_latency_search_reaches_past_the_lead_limit(zh_markdown, en_markdown):
    """a24: the lead allowed (125 ms) exceeded the shifts searched (from -100 ms)."""
    assert face_accuracy.LEAD_SHIFTS_MS[0] <= -150
    zh = _steps(_cases(zh_markdown)["TD-FACE-004"], "zh")
    # worded as the search this document sets since part h98-limC (forty-sixth reading, c4)
    assert "时移取本文件规定的 −200 ms 至 500 ms、步长 1 ms" in zh and "−100 ms 至 500 ms" not in zh
    en = _steps(_cases(en_markdown)["TD-FACE-004"], "en")
    assert "Shifts run from −200 ms to 500 ms" in en and "−100 ms to 500 ms" not in en


def test_english_clause_4_lists_ai_ipd_iri(en_markdown, zh_markdown):
    """a25: the English used AI, IRI and IPD without clause 4 listing them; the Chinese spells them out."""
    for line in ("AI: artificial intelligence", "IPD: interpupillary distance",
                 "IRI: internationalized resource identifier"):
        assert re.search(rf"^{re.escape(line)}$", en_markdown, re.M), line
    assert not re.search(r"^(AI|IPD|IRI)[:：]", zh_markdown, re.M)


def test_annex_a_order_rows_name_where_orders_are_placed_and_read(zh_markdown, en_markdown):
    """a26: A.9 said orders at /orders, A.7 at /assets/{asset_id}/orders."""
    zh_rows = [line for line in zh_markdown.splitlines() if line.startswith("| 被测目标 `api` |") and "订单" in line]
    en_rows = [line for line in en_markdown.splitlines() if line.startswith("| Target `api` |") and "orders" in line]
    assert len(zh_rows) == 2 and len(en_rows) == 2
    for row in zh_rows:
        assert "订单在 `/assets/{asset_id}/orders` 下达，位于 `/orders/{order_id}`" in row, row
    for row in en_rows:
        assert "orders placed at `/assets/{asset_id}/orders` and read at `/orders/{order_id}`" in row, row
