"""The leftovers of the twenty-seventh reading of issue 76, part i (docs/drafting.md, "Leftovers of the twenty-seventh
reading, part i"): the city cases say how their tolerances are applied (row 7); TD-MPLAT-001's rate is written one
way, in the case and in the 编制说明's limits table (row 9); the English writes a 1 s window with its unit symbol, not
as "the second" (row 10); TD-AUD-004's Chinese fail line gives its limit (row 11); the English names the object
under test by clause 3.11's term (row 12). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance.drafting.writer import Block
from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps, _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_CITY = ("SC-CITY-008", "SC-CITY-009", "SC-CITY-012", "SC-CITY-013")


def _limits(note: list[Block], header: str) -> dict[str, str]:
    """The 编制说明's limits table: requirement id -> its limits as the table writes them."""
    table = next(b for b in note if b.kind == "table" and b.rows and header in b.rows[0])
    return {row[0].replace("‑", "-"): row[1] for row in table.rows[1:]}


def test_the_city_cases_say_where_each_tolerance_enters(zh_markdown, en_markdown):
    """Row 7: the 前置条件 fixed 0.01 m, 20° and 0.001 m, but steps 2 to 3 said only 「按 ISO 19107……检查」 (SC-CITY-008
    gave the snap tolerance alone)."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for case in _CITY:
        step = _steps(zh[case], "zh")[1]
        assert "按 0.001 m 的网格取整，落在同一网格点上的顶点视为同一顶点" in step, case
        assert "各点到其最小二乘拟合平面的距离不超过 0.01 m（平面度容差，测试参数 `planarity_tolerance_m`）" in step, case
        assert "第一个三角形的法向之夹角不超过 20°（法向容差，测试参数 `planarity_normals_deg`）" in step, case
        step = _steps(en[case], "en")[1]
        assert "to a grid of 0.001 m, the vertices on one grid point being one vertex" in step, case
        assert "at most 0.01 m from its least-squares fitted plane (the planarity tolerance" in step, case
        assert "within 20° of the first triangle's (the normals tolerance" in step, case


def test_the_platform_rate_is_written_one_way(zh_markdown, en_markdown, note, note_en):
    """Row 9: TD-MPLAT-001's statement read 「每秒记录不少于 100 次」 / "recorded at least 100 times a second" and the
    limits table 「100 次」 / "100 times", where its 前置条件 and steps say 「每秒不少于 100 帧」."""
    zh = _row(_cases(zh_markdown)["TD-MPLAT-001"], "测试目的")
    assert "每秒不少于 100 帧的数据流" in zh and "100 次" not in zh
    en = _row(_cases(en_markdown)["TD-MPLAT-001"], "Test purpose")
    assert "at least 100 frames a second" in en and "times a second" not in en
    # and the 1.5 periods within which a displacement-only stream's frames give a velocity, since its step and
    # inconclusive line say a stream none of whose frames are that close is given none (seventy-fourth reading, c4)
    assert _limits(note, "限值")["TD-MPLAT-001"] == "每秒 100 帧，1.5 倍"
    assert _limits(note_en, "Limits")["TD-MPLAT-001"] == "100 frames a second, 1.5 times"


def test_no_english_window_is_the_second(en_markdown):
    """Row 10: TD-ACC-005 and -006 (and TD-OLF-003, ID-AUTH-003) wrote the 1 s windows as "the second", which the
    test for number words before a unit does not see."""
    assert not re.search(r"\b(?:the|that) second (?:before|from|after)\b|\bover the second\b|\bwithin that second\b",
                         en_markdown)
    for case in ("TD-ACC-005", "TD-ACC-006"):
        assert "in the 1 s before the switch and from 1 s to 2 s after it" in _steps(_cases(en_markdown)[case], "en")[2]


def test_the_chinese_fail_line_gives_the_level_limit(zh_markdown):
    """Row 11: TD-AUD-004's 不通过 read 「一耳电平过低」 where the English gives −60 dB FS."""
    fail = _verdict_lines(_cases(zh_markdown)["TD-AUD-004"], "zh")["不通过"]
    assert "一耳电平低于 −60 dB FS 或比另一耳低 40 dB 以上" in fail and "过低" not in fail


def test_the_english_names_the_object_under_test_by_its_defined_term(en_markdown):
    """Row 12: clause 3.11 defines "implementation under test", the cases wrote "the product under test" (317),
    "The product claims conformance" (310) and "content/renderer/headset/application/object under test"; TD-FORCE-002
    and RB-JOINT-002 said "profile parameter" for a test parameter."""
    kinds = set(re.findall(r"\b([a-z]+) under test\b", en_markdown))
    assert kinds <= {"implementation", "implementations", "platform", "terminal", "device"}, kinds
    assert not re.search(r"The product claims|every product claiming|profile parameter", en_markdown)
    case = _cases(en_markdown)["AS-AIGC-011"]
    assert _row(case, "Test purpose").startswith("To verify that the implementation under test meets requirement")
    assert _row(case, "Initial conditions").startswith("The implementation under test claims conformance to profile")
