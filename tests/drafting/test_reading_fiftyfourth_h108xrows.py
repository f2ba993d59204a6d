"""The fifty-fourth reading, part h108-xrows (docs/drafting.md, "Fifty-fourth reading, part h108-xrows"): TD-MPLAT-003's
reason for the 1 Hz bound said the 500 ms window is less than half a period, which at 1 Hz it equals (cx1);
TD-ACC-002 said the accessibility declaration agrees with the system properties without comparing the two IPD ranges
the descriptor carries (cx2); ID-VC-007's 封装凭证 and 封装表示 were not clause 3 terms; annex D listed IF-AUTH-003 in
every bearer-token row, though its check calls only those whose path takes no parameter or `{asset_id}` alone. Each
test fails on the draft, the catalog or the check as they were before (4c5b53e6)."""

from __future__ import annotations

import re

from conformance.areas.interfaces.openapi import Contract
from conformance.areas.interfaces.robustness import fill_path, secured
from conformance.areas.terminal.accessibility import inconsistencies
from conformance.areas.terminal.generate.device import descriptor
from tests.drafting.test_reading_fiftythird_h107terms import _clause_3
from tests.drafting.test_spec_leftovers_thirtieth_f import _ids, _note_rows
from tests.drafting.test_spec_leftovers_twentyninth_x import _rows
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_no_window_is_called_shorter_than_the_half_period_it_equals(catalog, zh_markdown, note_md, note_md_en):
    """cx1, over the whole draft and 编制说明: a window bounded by a frequency ("不超过 1 Hz 时 …") is at most half a
    period at that bound, never less; TD-MPLAT-003's notes say so and give the one period between the normalised
    correlation's peaks as what keeps the latency unique."""
    for text in (zh_markdown, note_md):
        assert not re.search(r"不超过 [\d.]+ Hz 时[^。]*?窗口小于半个周期", text)
    assert not re.search(r"at most [\d.]+ Hz[^.]*?(?:shorter than|under) half\s+a period", note_md_en)
    notes = catalog.requirement("TD-MPLAT-003").notes
    # the seventy-seventh reading (c2) gives the half period its reason before the one period between peaks
    for lang, said in (("zh", "窗口又短于归一化相关相邻两个峰值相隔的一个周期，窗口内至多有一个峰值"),
                       ("en", "shorter than the one period between neighbouring peaks of the normalised correlation, "
                              "holds at most one peak")):
        assert getattr(notes, lang).count(said) == 2, lang
    row = next(line for line in note_md.splitlines() if line.startswith("| TD‑MPLAT‑003 |") and "1 Hz" in line)
    assert "500 ms 的时移窗口不超过半个周期" in row and "窗口内至多有一个峰值" in row


def test_the_accessibility_range_is_compared_with_the_displays(catalog, zh_markdown, en_markdown):
    """cx2: the reader's example, 40–90 mm under `accessibility` beside 58–70 mm under `system.display`, passed
    R1 to R3; rule R4 finds it, as TD-DISP-007 R2 finds it in a capture's header, and the case says so."""
    doc = descriptor("vr_headset", accessible=True)
    doc["system"]["display"]["ipd_range_mm"] = {"min": 58, "max": 70}
    doc["accessibility"]["ipd_range_mm"] = {"min": 40, "max": 90}
    assert [f.rule for f in inconsistencies(doc)] == ["R4"]
    assert "R4" in {rule.id for rule in catalog.requirement("TD-ACC-002").rules}
    zh, en = _cases(zh_markdown)["TD-ACC-002"], _cases(en_markdown)["TD-ACC-002"]
    assert "检查二者的 `min` 相同、`max` 相同（规则 R4）" in _row(zh, "测试步骤")
    assert "或与显示屏所声明的 `ipd_range_mm` 不同（R4）" in _row(zh, "判定准则")
    assert "differs from the `ipd_range_mm` the display declares (R4)" in _row(en, "Verdict criteria")


def test_the_enveloped_objects_are_defined_after_the_presentation(zh_markdown, en_markdown):
    """Clause 3 defines 封装凭证 and 封装表示 right after 可验证表示, from VC 2.0 4.13.1 and 4.13.2 (the types
    EnvelopedVerifiableCredential and EnvelopedVerifiablePresentation); every 封装… object the draft names is one."""
    entries = _clause_3(zh_markdown)
    terms = [term for term, _ in entries]
    assert terms.index("封装凭证") == terms.index("可验证表示") + 1
    assert terms.index("封装表示") == terms.index("封装凭证") + 1
    body = dict(entries)
    assert "可验证凭证" in body["封装凭证"] and "VC-JOSE-COSE" in body["封装凭证"] and "`data:` URL" in body["封装凭证"]
    assert "[来源：W3C Verifiable Credentials Data Model v2.0（2025-05-15），4.13.1，有修改]" in body["封装凭证"]
    assert "[来源：W3C Verifiable Credentials Data Model v2.0（2025-05-15），4.13.2，有修改]" in body["封装表示"]
    assert re.search(r"^enveloped verifiable credential$", en_markdown, re.M)
    named = set(re.findall(r"封装(?:凭证|表示)", zh_markdown[zh_markdown.index("## 4 缩略语"):]))
    assert named and named <= set(terms), named - set(terms)


def test_annex_d_lists_if_auth_003_where_its_check_calls(catalog, zh_markdown, en_markdown, note_md):
    """Annex D listed IF-AUTH-003 in all the bearer-token rows, its step 2 read as IF-AUTH-001's, while its check
    fills the probe asset's `{asset_id}` alone: a bearer-token row lists it exactly when its check calls it (in the
    note's 三（四） copy too), and the operations on a user, an order or a purpose list IF-AUTH-001 alone."""
    contract = Contract(catalog.schemas)
    called = {f"{op.method} {op.path}" for op in contract.operations
              if secured(contract, op) and fill_path(op.path, {"asset_id": "a"}) is not None}
    on_others = {f"{op.method} {op.path}" for op in contract.operations
                 if secured(contract, op) and fill_path(op.path, {"asset_id": "a"}) is None}
    assert len(called) >= 20 and len(on_others) >= 10
    for markdown, mark in ((zh_markdown, "保护：不记名令牌"), (en_markdown, "Protection: bearer token")):
        rows = _rows(markdown)
        marked = {key for key, cells in rows.items() if mark in cells[2]}
        listing = {key for key in marked if "IF-AUTH-003" in _ids(rows[key][3])}
        assert listing == called & marked, (sorted(listing - called), sorted(called & marked - listing))
        assert all("IF-AUTH-001" in _ids(rows[key][3]) for key in on_others & marked)
    note = _note_rows(note_md)
    assert not {key for key in on_others & set(note) if "IF-AUTH-003" in note[key]}
