"""The leftovers of the thirty-eighth reading of issue 76, part cSC (docs/drafting.md, "Leftovers of the
thirty-eighth reading, part cSC"): rows c16-c20 of read38c, cases of SC and TD whose text and check disagreed on a
state left unjudged, and one term for "no rule broken" in the inconclusive lines. Each test fails on the draft as
it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_a_building_left_out_for_an_invalid_primitive_is_named(zh_markdown, en_markdown):
    """Row c17: SC-CITY-013 passed over a Building with an invalid primitive unrecorded, and with nothing else
    judged was not applicable."""
    zh = _cases(zh_markdown)["SC-CITY-013"]
    assert "有建筑因其几何基元无效而在第 2 步中未予判定" \
        in _verdict_lines(zh, "zh")["不确定"]
    assert any("有几何基元无效的建筑（SC‑CITY‑007 至 SC‑CITY‑012 的不符合项）不予判定" in s for s in _steps(zh, "zh"))
    en = _cases(en_markdown)["SC-CITY-013"]
    assert "left unjudged in step 2 for an invalid primitive" in _verdict_lines(en, "en")["Inconclusive"]


def test_one_term_for_no_rule_broken_in_the_inconclusive_lines(zh_markdown, en_markdown):
    """Row c19: three inconclusive lines wrote 「没有不通过项」 / "with no failure" where every other line writes
    「没有不符合项」 / "with no rule broken"."""
    assert "不通过项" not in zh_markdown
    assert "with no failure" not in en_markdown
    for case in ("TD-HAND-004", "TD-RUN-005", "TD-TACT-004"):
        assert "没有不符合项" in _verdict_lines(_cases(zh_markdown)[case], "zh")["不确定"], case
        assert "with no rule broken" in _verdict_lines(_cases(en_markdown)[case], "en")["Inconclusive"], case


def test_a_tasking_capability_without_an_id_is_named_unjudged(zh_markdown, en_markdown):
    """Row c20: SC-FEED-004 passed over a TaskingCapability without `@iot.id` (R2 and R3 never tried) and
    could pass; neither step 4 nor the inconclusive line named it."""
    zh = _cases(zh_markdown)["SC-FEED-004"]
    assert "没有 `@iot.id`" in _verdict_lines(zh, "zh")["不确定"]
    assert any("没有 `@iot.id`（SC‑FEED‑001 的不符合项）" in s for s in _steps(zh, "zh"))
    en = _cases(en_markdown)["SC-FEED-004"]
    assert "it has no `@iot.id`" in _verdict_lines(en, "en")["Inconclusive"]
    assert any("no `@iot.id` (SC‑FEED‑001's finding)" in s for s in _steps(en, "en"))


def test_the_feed_types_case_states_its_sample_and_its_unjudged_states(zh_markdown, en_markdown):
    """Row c16: SC-FEED-002 judged the first page of Datastreams and ten Observations each without saying so,
    passed over a Datastream without an Observations link, and passed with no Observation judged."""
    zh = _cases(zh_markdown)["SC-FEED-002"]
    steps = _steps(zh, "zh")
    assert "`Datastreams` 实体集的第一页" in steps[1] and "降序的前 10 个观测" in steps[2]
    line = _verdict_lines(zh, "zh")["不确定"]
    assert "没有 `Observations@iot.navigationLink` 导航链接" in line and "均未给出观测，致使 R3 与 R4 无法作出判定" in line
    en = _cases(en_markdown)["SC-FEED-002"]
    steps = _steps(en, "en")
    assert "first page of the `Datastreams` set" in steps[1] and "10 newest Observations" in steps[2]
    line = _verdict_lines(en, "en")["Inconclusive"]
    assert "has no `Observations@iot.navigationLink`" in line and "gives an Observation, so R3 and R4 cannot be judged" in line


def test_no_predicted_display_time_is_named_in_the_runtimes_siblings(zh_markdown, en_markdown):
    """Row c18: TD-RUN-002, -003, -006 and TD-BODY-004 ask their trackers only at the predicted display times; with
    none answered the run was inconclusive for a reason no line named (the tracker said to have tracked nothing)."""
    for case in ("TD-RUN-002", "TD-RUN-003", "TD-RUN-006", "TD-BODY-004"):
        zh = _cases(zh_markdown)[case]
        assert "没有应答的预测显示时间（第 2 步）" in _verdict_lines(zh, "zh")["不确定"], case
        assert "没有应答带回预测显示时间" in _steps(zh, "zh")[1], case
        en = _cases(en_markdown)[case]
        assert "no `xrWaitFrame` answer carries a predicted display time (step 2)" in \
            _verdict_lines(en, "en")["Inconclusive"], case
