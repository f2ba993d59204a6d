"""The leftovers of the thirty-first reading of issue 76, part e (docs/drafting.md, "Leftovers of the thirty-first
reading, part e"): DP-LABEL-001, -003, -004 and -005 write their 不确定 lines from their own steps and checks
(row a5); SC-FEED-003 names every Datastream its check leaves unjudged (row a18); SC-GEO-001 applies the height
range to a region root too (row a19); TD-DISP-009 states its R2 limit where no persistence is declared (row a22).
Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import pytest

from conformance.areas.scenes import tiles
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


@pytest.mark.parametrize("rid", ["DP-LABEL-001", "DP-LABEL-003", "DP-LABEL-004", "DP-LABEL-005"])
def test_the_label_cases_do_not_name_descriptions_they_never_read(rid, zh_markdown, en_markdown):
    """Row a5: the four 不确定 lines said the data products' descriptions were missing or unreadable, which
    none of the cases reads; the COCO cases have no inconclusive state, DP-LABEL-005 has two."""
    zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
    en = _verdict_lines(_cases(en_markdown)[rid], "en")["Inconclusive"]
    assert "数据产品的描述" not in zh and "descriptions" not in en
    if rid == "DP-LABEL-005":
        # the thirty-third reading's part t: the bytes that cannot be read, not a text that does not decode (a fail)
        assert "相对目标未指向所提供的文件" in zh and "目标文本文件的字节无法读出" in zh
        assert "relative target names no file supplied" in en and "target text file's bytes cannot be read" in en
    else:
        # the COCO cases' one inconclusive state is a file the test equipment refuses to read (open items, part
        # h92-cap), where the line said 「无」 before
        assert zh.startswith("不确定：没有其他不符合项，而有所提供的文件无法取得") and "max_file_bytes" in en


def test_the_feed_case_names_each_datastream_it_leaves_unjudged(zh_markdown, en_markdown):
    """Row a18: the check leaves unjudged a Datastream without an Observations navigation link and one whose
    newest Observation has no usable phenomenonTime; neither step 4 nor the 不确定 line named them."""
    for markdown, lang, link, time in ((zh_markdown, "zh", "没有 `Observations@iot.navigationLink`",
                                        "没有可用的 `phenomenonTime`"),
                                       (en_markdown, "en", "no `Observations@iot.navigationLink`",
                                        "no usable `phenomenonTime`")):
        case = _cases(markdown)["SC-FEED-003"]
        step4 = _steps(case, lang)[3]
        inconclusive = _verdict_lines(case, lang)["不确定" if lang == "zh" else "Inconclusive"]
        for text in (step4, inconclusive):
            assert link in text and time in text, (lang, text)


def test_the_geolocation_case_judges_a_region_root_by_its_mean_height(zh_markdown, en_markdown):
    """Row a19: the check judges a region root's mean height against the range (tiles.HEIGHTS); the text let any
    region pass and step 3 only recorded it."""
    assert tiles.HEIGHTS == (-1000.0, 10000.0)
    zh = _cases(zh_markdown)["SC-GEO-001"]
    steps = _steps(zh, "zh")
    assert "平均值" in steps[2]
    # every volume kind the range applies to (1.3.0, the seventy-eighth reading, added the S2 cell)
    assert all(kind in steps[4] for kind in ("`region`", "`box`", "`sphere`")) and "−1000 m 至 10 000 m" in steps[4]
    assert "平均高度（其最低与最高高度的平均值）在 −1000 m 至 10 000 m 之间的区域包围体" in \
        _verdict_lines(zh, "zh")["通过"]
    en = _cases(en_markdown)["SC-GEO-001"]
    steps = _steps(en, "en")
    assert "mean of its minimum and maximum heights" in steps[2]
    assert all(kind in steps[4] for kind in ("`region`", "`box`", "`sphere`"))
    assert "a region bounding volume" in _verdict_lines(en, "en")["Pass"]
    assert "whose mean height (the mean of its minimum and maximum heights) is between −1000 m and 10 000 m" in \
        _verdict_lines(en, "en")["Pass"]


def test_the_photon_rig_case_states_its_persistence_limit_when_none_is_declared(zh_markdown, en_markdown):
    """Row a22: the check takes one refresh period where no persistence is declared; step 4 and R2 named only
    "the lesser of the two"."""
    zh = _cases(zh_markdown)["TD-DISP-009"]
    step = next(s for s in _steps(zh, "zh") if "规则 R2" in s)
    assert "设备未声明余辉时间时取一个刷新周期" in step
    assert "设备未声明余辉时间时为一个刷新周期" in _row(zh, "测试目的")
    en = _cases(en_markdown)["TD-DISP-009"]
    step = next(s for s in _steps(en, "en") if "rule R2" in s)
    assert "one refresh period where the device declares no persistence" in step
    assert "(one refresh period where the device declares no persistence)" in _row(en, "Test purpose")
