"""The forty-first reading, part h94-equip (issue 76): the test equipment named one way and defined in clause 3
(rows b4, c22); its reading bounds stated once in 5.1 as the document's own, with their reasons in the 编制说明, and
cited by the cases instead of 「本测试设备的上限」 (c4, c7, c8, c9, d6, x1); no installation state or malfunction of
the equipment in a verdict (c5, c6, b5, b6, b7, b10); tiles past the bound left unjudged (c10)."""

from __future__ import annotations

import re

from conformance._record.evidence import Evidence, recording
from conformance.areas._shared import khronos
from conformance.areas.identity import bbs2020
from conformance.areas.interfaces import pagination
from conformance.areas.scenes import building_parts, feed, intersections, tiles
from conformance.areas.terminal import body_accuracy, decoding, face_accuracy, hand_accuracy, headtracking
from conformance.drafting.boundtable import BOUNDS


def _cases(zh_markdown: str) -> str:
    """Clauses 5 to 14: the environment and the test cases."""
    return zh_markdown[zh_markdown.index("## 5 测试环境"):zh_markdown.index("## 15 符合性")]


def test_clause_3_defines_the_test_equipment(zh_markdown):
    terms = zh_markdown[zh_markdown.index("## 3 术语和定义"):zh_markdown.index("## 4 缩略语")]
    assert "测试设备  test equipment" in terms
    assert "测试实验室为执行测试用例所使用的仪器、计算机及其程序的总称" in terms


def test_the_cases_name_the_equipment_one_way_and_no_state_of_it(zh_markdown):
    cases = _cases(zh_markdown)
    for said in ("本测试设备", "测试客户端", "本工具", "测试工具的", "测试设备的上限", "测试设备的界限", "测试设备的容差",
                 "测试设备的状态", "测试设备的校验限度", "缺少视频解码器", "具备解码器", "内存不足", "堆内存",
                 "校验器出错", "BBS+ 验证组件", "测试设备不计算", "能够重新计算", "其支持的 `kty`"):
        assert said not in cases, said


def test_the_bounds_cited_are_those_5_1_lists(zh_markdown, catalog):
    from conformance.drafting.readingbounds import stated
    from conformance.drafting.writer import Writer

    general = zh_markdown[zh_markdown.index("### 5.1 通则"):zh_markdown.index("### 5.2")]
    # a bound only annex C's candidates cite is not in 5.1 (fifty-eighth reading, a4: BBS+ 2020's, ID-VC-008's)
    names = {b.name[0] for b in stated(Writer(catalog, "zh"))}
    assert names < {b.name[0] for b in BOUNDS}
    for name in names:
        assert f"| {name} |" in general, name
        row = general[general.index(f"| {name} |"):].split("\n")[0]
        assert row.rstrip(" |").split("| ")[-1] != "—", name  # each bound is cited by a case
    cited = set(re.findall(r"读取界限“([^”]+)”", _cases(zh_markdown)))
    assert cited and cited <= names, cited - names
    assert "各领域的测试在表 2 至表" in general and "表 1　测试设备的读取界限" in general


def test_each_bound_has_its_reason_in_the_explanatory_note(note_md, catalog):
    from conformance.drafting.readingbounds import stated
    from conformance.drafting.writer import Writer

    note = note_md.replace("\u2011", "-")  # the IDs' non-breaking hyphens
    for bound in stated(Writer(catalog, "zh")):
        assert f"| {bound.name[0]} | {bound.value[0]} | 本文件自定：{bound.why[0]}。 |" in note, bound.name[0]


def test_the_bounds_are_the_checks_own():
    values = {b.name[1]: b.value[1] for b in BOUNDS}
    assert khronos.MAX_INPUT_BYTES == 16 * 1024 * 1024 and "16 777 216 B" in values["glTF file size validated"]
    assert f"{tiles.MAX_TILES:,}".replace(",", " ") in values["tiles of a tileset"]
    assert f"first {feed.MAX_ENTITIES} " in values["entities of an entity set"]
    assert f"first {feed.MAX_NAVIGATION_LINKS} " in values["navigation links of an entity"]
    assert body_accuracy.MAX_FRAMES == face_accuracy.MAX_FRAMES == hand_accuracy.MAX_FRAMES == 40_000
    assert "40 000" in values["frames held of a stream"]
    assert body_accuracy.SEARCH_FRAMES == face_accuracy.SEARCH_FRAMES == hand_accuracy.SEARCH_FRAMES == 2_000
    assert headtracking.LONGEST_MS == 60_000 and values["length of a source's signal"] == "60 s"
    assert building_parts.MAX_PAIRS == 200 and intersections.MAX_POLYGONS == 1000
    assert decoding.MAX_EVENTS == 200_000 and pagination.MAX_LISTING_PAGES == 1000
    assert (bbs2020.MAX_STATEMENTS, bbs2020.MAX_BYTES, bbs2020.BUDGET_S) == (20_000, 8 << 20, 60)
    from conformance.areas.scenes import cityjson  # forty-ninth reading, cx3: the spread SC-CITY's 不确定 lines name
    assert cityjson.MAX_SNAP_STEPS == 2.0 ** 53 and "2⁵³" in values["vertex spread on the snapping grid"]


def test_the_tile_cases_leave_tiles_past_the_bound_unjudged(zh_markdown):
    for number in ("002", "003", "004", "005", "007", "008", "009", "010", "011"):
        case = zh_markdown[zh_markdown.index(f" SC-TILE-{number} "):]
        line = re.search(r"不确定：[^|]*", case[:case.index("\n### ")]).group(0)
        assert "有瓦片超出 5.1 所列读取界限而未予判定，且没有其他不符合项" in line, number


def test_a_walk_past_the_bound_records_the_rest_unjudged(monkeypatch):
    monkeypatch.setattr(tiles, "MAX_TILES", 2)
    tileset = {"asset": {"version": "1.1"}, "root": {"children": [{}, {}, {}]}}
    with recording(Evidence()) as evidence:
        assert len(list(tiles.walk(tileset))) == 2
    assert list(evidence.unjudged_inputs) == ["tiles after /root/children/0"]
    with recording(Evidence()) as evidence:
        monkeypatch.setattr(tiles, "MAX_TILES", 4)
        assert len(list(tiles.walk(tileset))) == 4
    assert not evidence.unjudged_inputs
