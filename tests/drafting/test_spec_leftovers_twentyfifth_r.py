"""The leftovers of the twenty-fifth reading of issue 76, part r (docs/drafting.md, "Leftovers of the twenty-fifth
reading, part r"): cross-cutting renderings. The English 不适用 lines state a condition (row 17); every feature case
checks the ICS in its step 1 (row 18), in one wording (row 19); a range gives each limit its unit (row 20); the
编制说明's English limits column gives each count its own noun and a unit after 1 in the singular (row 25). Each
test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance.drafting.writer import Block
from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps, _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

#: the ICS step's one wording (a case may go on with the apparatus it sets up: TD-DISP-009)
_ICS_ZH = re.compile(r"^1\. 核对 ICS：未声明支持特性“[^”]+”（`[a-z0-9-]+`）(?:或特性“[^”]+”（`[a-z0-9-]+`）)*时，记录“不适用”并结束本用例。")
_ICS_EN = re.compile(r'^1\. Check the ICS: when it does not declare the feature "[^"]+" \(`[a-z0-9-]+`\)(?: or the feature "[^"]+" \(`[a-z0-9-]+`\))*, '
                     r'record "not applicable" and stop\.')


def _limit_rows(note: list[Block]) -> dict[str, str]:
    """The 编制说明's limits table (the one headed "Limits"): requirement id -> its limits as the table writes them."""
    table = next(b for b in note if b.kind == "table" and b.rows and "Limits" in b.rows[0])
    return {row[0]: row[1] for row in table.rows[1:]}


def test_the_english_limits_count_as_the_chinese_does(note_en):
    """Row 25: IF-LAT-001's 「16 次」 read "16 concurrent clients"; four rows wrote "1 pixels"."""
    rows = _limit_rows(note_en)
    assert "16 concurrent clients, 16 requests, " in rows["IF-LAT-001"] + ", "  # then its percentile levels
    for req in ("DP-LABEL-001", "DP-LABEL-003", "DP-LABEL-004", "TD-CAM-002"):
        assert "1 pixel" in rows[req] and "1 pixels" not in rows[req]
    # a unit symbol ending in s ("1 ms") is no plural (thirty-third reading, b7: it was cut to "1 m")
    assert not [r for r, text in rows.items() if re.search(r"(?<![\d.])1 (?!ms\b)[a-z]+s\b", text)]


def test_the_english_not_applicable_lines_are_sentences(en_markdown):
    """Row 17: four lines were prepositional fragments ("with no keypoints in any file"), and RB-JOINT-002 joined its
    two inputs without a conjunction."""
    cases = _cases(en_markdown)
    lines = {rid: _verdict_lines(cases[rid], "en")["Not applicable"]
             for rid in ("DP-LABEL-003", "DP-LABEL-004", "DP-LABEL-005", "DP-PRICE-001", "RB-JOINT-002")}
    assert lines["DP-LABEL-004"] == "Not applicable: no file supplied holds a keypoint."
    assert lines["DP-PRICE-001"] == "Not applicable: no policy fixes a payment amount."
    assert lines["DP-LABEL-005"] == ("Not applicable: no file supplied holds a W3C Web Annotation whose target is a "
                                     "text file supplied (for example, every target is an absolute URL).")
    # thirty-fifth reading a14: the line goes on to name the segmentations passed over (a sentence still)
    assert lines["DP-LABEL-003"].startswith("Not applicable: no file supplied holds a segmentation that can be judged:")
    assert "the robot's URDF description and joint-state recordings supplied hold no" in lines["RB-JOINT-002"]
    fragments = [rid for rid, case in cases.items()
                 if re.match(r"Not applicable: (?:with|without)\b", _verdict_lines(case, "en")["Not applicable"])]
    assert not fragments


#: a step of a case that is no feature case, doing more where the ICS declares a feature (AS-REG-005's and AS-TRADE-007's
#: lock and unlock where `lifecycle-lock` is declared, thirty-second reading, a5): a condition, not the ICS check
_CONDITION = re.compile(r"ICS 声明支持特性“[^”]+”（`[a-z-]+`）时|[Ww]here the ICS declares the feature \"[^\"]+\" \(`[a-z-]+`\)")


def _gating(step: str) -> bool:
    return "ICS" in _CONDITION.sub("", step)


def test_every_feature_case_checks_the_ics_first_in_one_wording(zh_markdown, en_markdown):
    """Rows 18 and 19: 17 hand-written cases checked the ICS in step 2, after acting on the object; four Chinese and
    ten English steps worded it otherwise."""
    for markdown, lang, form in ((zh_markdown, "zh", _ICS_ZH), (en_markdown, "en", _ICS_EN)):
        steps = {rid: _steps(case, lang) for rid, case in _cases(markdown).items()}
        checking = {rid: s for rid, s in steps.items() if any(_gating(step) for step in s)}
        # 96 since the forty-first reading (h94-k5b) gated TD-HAPT-001, TD-PERF-001/-002, TD-PWR-002, AS-TRADE-009/-010
        assert len(checking) == 96
        assert not [rid for rid, s in checking.items() if not form.match(s[0])]
        assert not [rid for rid, s in checking.items() if any(_gating(step) for step in s[1:])]
    zh = _cases(zh_markdown)
    assert "“持有者能锁定与解锁其资产（锁定与解锁生命周期事件）”（`lifecycle-lock`）时" in _steps(zh["AS-REG-006"], "zh")[0]  # one label (43rd, b3)
    # a step named in the case moved with it: SC-FEED-004's GET is step 2, which the unreachable address stops
    assert "致使第 2 步起" in _verdict_lines(zh["SC-FEED-004"], "zh")["不确定"]
    assert "第 2 步、第 4 步或第 6 步" in _verdict_lines(zh["RB-TRACK-001"], "zh")["不确定"]


def test_a_range_gives_each_limit_its_unit(zh_markdown, en_markdown):
    """Row 20: 「−100 至 500 ms」, 「10 至 20°」, 「20 至 50 ℃」, annex B's 「1 至 4 m」 wrote the unit once."""
    one_unit = r"(?<![\w.])[−-]?\d+(?:\.\d+)? {sep} [−-]?\d+(?:\.\d+)? ?(?:ms|°|℃|°C|m|s)(?![A-Za-z0-9])"
    assert not re.findall(one_unit.format(sep="至"), zh_markdown)
    assert not re.findall(one_unit.format(sep="to"), en_markdown)
    # TD-FACE-004 searches leads to 200 ms (thirty-second reading, a24)
    assert zh_markdown.count("−100 ms 至 500 ms") == 5 and "−200 ms 至 500 ms" in zh_markdown and "10° 至 20°" in zh_markdown and "1 m 至 4 m" in zh_markdown
    assert "from −90° to 135°" in en_markdown and "20 °C to 50 °C" in en_markdown
