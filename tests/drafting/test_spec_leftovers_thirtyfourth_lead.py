"""The thirty-fourth reading of issue 76, the lead's rows (docs/drafting.md, "Thirty-fourth reading" and "Leftovers
of the thirty-fourth reading, the lead"): texts the lead found against their checks before the reading (l1, l2, l4,
l5) and the reading's rows b10, b12, b13, c2 to c5, c7 and c8. Each test fails on the sources as they were at
e2976102, the last landed commit."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_thirtythird_y import _limits
from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

from .test_spec_leftovers_fourteenth import cited_only


def test_a_minors_refused_order_records_no_order_event(catalog):
    """l1: AS-MINOR-001 said its refused order records nothing; its check looks for an order event (as part s of the
    thirty-third reading wrote AS-TRADE-006, -008 and -010)."""
    req = catalog.requirement("AS-MINOR-001")
    rule = next(r for r in req.rules if r.id == "R2")
    assert "recording no order" in req.statement.en and "不记录下单事件" in req.statement.zh
    assert "recording no order" in rule.en and "不记录下单事件" in rule.zh
    assert "nothing" not in rule.en and "任何事件" not in rule.zh


@pytest.mark.parametrize("rid", ["IF-AUTH-001", "IF-AUTH-002", "IF-AUTH-003"])
def test_the_auth_cases_are_never_not_applicable(rid, zh_markdown, en_markdown):
    """l2: the not-applicable lines named an annex D without the operations probed; annex D always lists them and the
    checks never give not applicable."""
    assert _verdict_lines(_cases(zh_markdown)[rid], "zh")["不适用"] == "不适用：无（声明本测试配置的被测对象均适用本要求）。"
    assert _verdict_lines(_cases(en_markdown)[rid], "en")["Not applicable"] == (
        "Not applicable: none (every implementation under test claiming this profile is subject to this requirement).")


def test_the_holders_lock_that_fails_leaves_its_asset_unjudged(zh_markdown, en_markdown):
    """l4: AS-TRADE-006's check leaves the locked asset unjudged when the holder's lock is not answered 200
    (AS-REG-006 judges it); the text named neither the request nor that state."""
    zh, en = _cases(zh_markdown)["AS-TRADE-006"], _cases(en_markdown)["AS-TRADE-006"]
    assert "锁定请求未以 200 应答时，该项资产不予判定" in _steps(zh, "zh")[0]
    assert "`POST /assets/{asset_id}/lock`）未以 200 应答（由 AS‑REG‑006 判定），被锁定的资产未经判定" in \
        _verdict_lines(zh, "zh")["不确定"]
    assert "when the lock is not answered 200, that asset is not judged" in _steps(en, "en")[0]
    assert "so the locked asset is not judged" in _verdict_lines(en, "en")["Inconclusive"]


def test_every_face_set_count_has_a_source(catalog, note_md, note_md_en):
    """l5: arkit52's 52 weights had no source; the limits table cited one section of each document, so
    TD-FACE-001's XR_HTC_facial_tracking (and TD-CAP-001's XrSystemProperties) were lost. Since the forty-third
    reading (part h95-basisT) both rows quote their notes, which name each count's constant; the documents they cite
    are written as the table writes them for notes that give no basis."""
    req = catalog.requirement("TD-FACE-001")
    assert any("ARKit" in ref.name for ref in req.source.standards)
    assert "`XR_FB_face_tracking2`" in note_md[note_md.index("| TD‑FACE‑001 |"):].split("\n")[0]
    ids = ("TD-FACE-001", "TD-CAP-001")
    zh, en = cited_only(catalog, "zh", ids), cited_only(catalog, "en", ids)
    assert "XR_FB_face_tracking2、XR_HTC_facial_tracking；参考文献[" in zh["TD-FACE-001"]
    assert "XR_FB_face_tracking2, XR_HTC_facial_tracking; Bibliography [" in en["TD-FACE-001"]
    assert "XrTime, XrSystemProperties" in en["TD-CAP-001"]


def test_a_minimum_count_is_at_least_in_english_too(note_md_en):
    """b10: TD-AUD-007 read "2 or more distances", every other minimum "at least N"."""
    en = _limits(note_md_en, "| Requirement | Limits | Basis |")
    # 3 dB from its criteria (forty-first reading), 100 ms from its window step (forty-ninth reading, h102-limT2 c2),
    # 20 dB where the model's gain is 0 and the 0.01 m within which a distance is the maximum (seventy-fourth reading)
    assert en["TD‑AUD‑007"] == ["1 dB", "20 dB", "3 dB", "100 ms", "0.01 m", "at least 2 distances"]
    assert not [req for req, items in en.items() if any("or more" in item for item in items)]


def test_the_recorded_runs_order_and_unshrunk_sequences_read_as_in_chinese(note_md_en):
    """b12, b13: 四（四）'s English said "in this document's order" (a rendering pass turned the catalog's order into
    the draft's, which differs) and "departing sequences"."""
    assert "in the order the catalog lists them, in one process" in note_md_en
    assert "state machines' failing sequences not shrunk" in note_md_en
    assert "this document's order" not in note_md_en and "departing" not in note_md_en


def test_the_ifc_reference_view_case_is_not_applicable_without_a_declaring_file(zh_markdown, en_markdown):
    """c2: SC-BIM-007's English made not applicable a per-file outcome and both languages named `IFC4.3`."""
    zh = _verdict_lines(_cases(zh_markdown)["SC-BIM-007"], "zh")["不适用"]
    en = _verdict_lines(_cases(en_markdown)["SC-BIM-007"], "en")["Not applicable"]
    assert "或没有文件声明 IFC4 参考视图；" in zh and "`IFC4X3_ADD2` 参考视图的机读实体清单" in zh
    assert "or no file declares the IFC4 Reference View;" in en and "of `IFC4X3_ADD2`" in en
    assert "IFC4.3" not in zh + en and "a file without" not in en


def test_code_values_are_whole_and_singular_in_english(en_markdown):
    """c3, c4, c7, c8: the English marked one word of a query, pluralised CityJSON types inside code spans, lost
    TD-GAZE-002's member `direction` and marked the word power of the power analyser instead of the stream type."""
    cases = _cases(en_markdown)
    assert "R4: On the topic with `?$select=result,phenomenonTime` the Observation" in cases["SC-FEED-005"]
    assert "`BuildingParts`" not in cases["SC-CITY-013"] and "`CompositeSolids`" not in cases["SC-CITY-013"]
    assert "its `BuildingPart` objects" in cases["SC-CITY-013"]
    assert "or a direction `direction`)" in cases["TD-GAZE-002"]
    assert "the gaze `direction`" not in cases["TD-GAZE-002"]
    conditions = _row(cases["TD-PWR-003"], "Initial conditions")
    assert "A calibrated power analyser" in conditions and "the capture holds a `power` stream" in conditions


def test_a_range_gives_the_unit_with_each_value(zh_markdown, en_markdown):
    """c5: TD-ACC-002 step 4 read 「40 ≤ `min` < `max` ≤ 90（以 mm 计）」 / "40 ≤ `min` < `max` ≤ 90 mm"."""
    assert "检查 40 mm ≤ `min` < `max` ≤ 90 mm（规则 R3）" in _row(_cases(zh_markdown)["TD-ACC-002"], "测试步骤")
    assert "check that 40 mm ≤ `min` < `max` ≤ 90 mm (rule R3)" in _row(_cases(en_markdown)["TD-ACC-002"],
                                                                          "Test procedure")
