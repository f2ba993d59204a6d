"""The sixty-third reading of issue 76, part h126-cases: the object under test named by its term outside the test
cases too, the verdict lines and steps saying what the checks do, and the laboratory's own records not called targets.

b1: 「产品」 still named the object under test in annex A (`play_windows`: 「产品的声明不能改变它」) and in the 编制说明
(二（二）'s exceptions, the rationale of the strictest values, the notes quoted in 三（三）); the sixty-second reading's
class test read the test cases only. bx1: AS-MINOR-003's fail line left out R5's unverified user answered without 403
problem details. c2: every tileset case is inconclusive when the files supplied hold no tileset JSON
(``tiles.tilesets``), which no step and no inconclusive line said. cx1: SC-TILE-001's check also fails a `properties`
summary whose maximum is below its minimum (``tiles.property_ranges``), which no step described. a2: annex A's IXIT
rows called the laboratory's signed records and scent analyses 被测目标, parts of the object under test (3.30).
Doubtful row of read63c: TD-FORCE-004's step 3 grouped commands into a step by their frame-to-frame change alone,
where the check also needs the run to span no more than 1 mN. Each test fails on the branch's base (856b52f22)."""

from __future__ import annotations

import re

import yaml

from conformance.areas.scenes import tiles
from conformance.areas.terminal import force_output
from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _inconclusive, _line
from tests.drafting.test_reading_sixtysecond_r_terms import _cases
from tests.paths import ROOT

_BARE = re.compile(r"(?<!数据)(?<!数字)(?<!被测)产品")
#: where a bare 产品 is a product in the world, not the object under test: the real products of 四 and their tables,
#: products in general (what a standard tests, what products claim, reach or must meet), names of standards and
#: profiles, and the product a manifest declares (the identity a credential names)
_WORLD = re.compile(
    r"真实(?:开源)?产品|开源产品|各产品|任何产品|实测产品|程序与产品|即产品的真实行为|\| 产品(?:（版本）)? \|"
    r"|经测量证明产品能达到|符合与不符合的产品|终端产品|产品层面|对产品的测试|产品的测试|测试产品是否满足"
    r"|产品行为测试|游戏产品|产品应符合该强制性标准|电子产品|激光产品|供产品自愿声称|测试的产品可继续使用"
    r"|设备、产品与资产标识|所声明的产品标明自身"
    r"|非相干光产品")  # GB 44703—2024's scope, named in the 编制说明 (sixty-seventh reading, d2)


def _annex_a(markdown: str) -> str:
    return markdown[markdown.index("\n## 附录 A"):markdown.index("\n## 附录 B")]


def _bare_products(text: str) -> list[str]:
    found = []
    for m in _BARE.finditer(text):
        near = text[max(0, m.start() - 14):m.end() + 14]
        if not _WORLD.search(near):
            found.append(near)
    return found


def test_b1_annex_a_and_the_note_call_the_object_under_test_by_its_term(zh_markdown, note_md):
    assert not _bare_products(_annex_a(zh_markdown)), _bare_products(_annex_a(zh_markdown))
    assert not _bare_products(note_md), _bare_products(note_md)
    row = next(line for line in _annex_a(zh_markdown).splitlines() if line.startswith("| 参数 `play_windows` |"))
    assert "被测对象的声明文件不能改变它" in row
    assert "`stricter` 为 `none`：被测对象的声明文件不能改变它" in note_md
    for said in ("以设备描述中被测对象自身声明的额定值", "测量被测对象能否达到额定值", "被测对象自身的交互设计",
                 "只判定被测对象的实际行为", "使一半的限值留给被测对象", "判定取决于设备而非被测对象",
                 "由被测对象决定", "不由被测对象或 IXIT 选择"):
        assert said in note_md, said
    # the doubtful R3 of DP-QUAL-001 names the labelled data product of its statement
    assert "生成该标注数据产品的标注活动" in _case(zh_markdown, "DP-QUAL-001")


def test_b1_the_test_cases_still_name_no_bare_product(zh_markdown):
    """The sixty-second reading's class over the cases, without its exception for DP-QUAL-001's R3."""
    found = [(rid, near) for rid, case in _cases(zh_markdown).items() if not rid.startswith("SC-BIM-")
             for near in _bare_products(case)]
    assert not found, found


def test_bx1_as_minor_003_fails_an_unverified_user_not_refused_with_403(zh_markdown, en_markdown):
    fails = _line(_case(zh_markdown, "AS-MINOR-003"), "判定准则").split("不通过：", 1)[1].split("<br>", 1)[0]
    assert "未经实名验证的用户获得会话或未得到 403 问题详情（R5）" in fails
    case_en = en_markdown[en_markdown.index(" AS-MINOR-003 "):]
    assert "a user without real-name verification gets a session or no 403 problem details (R5)" in case_en[:30000]


def test_c2_every_tileset_case_says_no_tileset_json_is_inconclusive(zh_markdown):
    """Each case reading the tileset files goes through ``tiles.tilesets``, which is inconclusive when none of the
    files supplied is a tileset JSON: a step and the inconclusive line say so."""
    reading = {rid: case for rid, case in _cases(zh_markdown).items()
               if "已按 IXIT（附录 A）提供：瓦片集的文件" in _line(case, "前置条件")}
    assert {f"SC-TILE-{n:03d}" for n in range(1, 12)} | {"SC-GEO-001"} <= set(reading)
    source = (ROOT / "suites" / "scenes" / "test_tilesets.py").read_text(encoding="utf-8")
    assert "def tilesets(" in (ROOT / "src/conformance/areas/scenes/tiles.py").read_text(encoding="utf-8")
    assert source.count("tiles.tilesets(") >= 10
    for rid, case in reading.items():
        assert "所提供的文件中没有瓦片集 JSON（带有 `asset` 与 `root` 成员的 JSON 文件）" in _inconclusive(case), rid
        steps = _line(case, "测试步骤")
        assert re.search(r"(?:没有带有 `asset` 与 `root` 成员的 JSON 文件（瓦片集 JSON）时，|没有这样的文件时)"
                         r"记录“不确定”并结束本用例", steps), rid


def test_cx1_sc_tile_001_names_the_properties_range_check(zh_markdown, en_markdown):
    # what the check does: a maximum below its minimum is a finding, both numbers given
    found = tiles.property_ranges({"properties": {"h": {"minimum": 5, "maximum": 1}, "k": {"minimum": 1}}})
    assert [f.extra.get("check") for f in found] == ["properties-range"]
    case = _case(zh_markdown, "SC-TILE-001")
    assert "核对其 `maximum` 不小于 `minimum`" in _line(case, "测试步骤")
    assert "`properties` 中没有 `maximum` 小于 `minimum` 的属性" in _line(case, "预期结果")
    assert "或其 `properties` 中某属性的 `maximum` 小于其 `minimum`" in _line(case, "判定准则")
    assert "check that its `maximum` is not below its `minimum`" in en_markdown


def test_a2_the_laboratorys_records_are_not_targets(catalog, zh_markdown):
    """A target role whose files the test laboratory makes is marked ``laboratory`` and annex A labels it 测试实验室的记录,
    never 被测目标 (3.30: a part of the object under test); 3.28's note and A.1 say the laboratory fills those rows."""
    laboratory = set()
    for profile in catalog.profiles.values():
        for role, target in profile.targets.items():
            # seventy-first reading, ax1 (part h136-lab): robot-joint-data's records sign tracker captures, not capture
            # files, so its row names them 「外部跟踪仪跟踪记录的实验室签名记录」: a row is the laboratory's when its first
            # phrase names the laboratory's signed record of something, or the laboratory itself
            made_by_lab = bool(target.description) and re.match(r"(?:[^，；（]*的实验室签名记录|测试实验室)",
                                                                 target.description.zh)
            assert bool(made_by_lab) == target.laboratory, (profile.id, role)
            if target.laboratory:
                laboratory.add(role)
    assert laboratory == {"laboratory_records", "scent_analyses"}
    annex = _annex_a(zh_markdown)
    for role in laboratory:
        assert f"| 被测目标 `{role}` |" not in annex, role
        assert f"| 测试实验室的记录 `{role}` |" in annex, role
    assert "标为“测试实验室的记录”的行不是被测目标，由测试实验室填写" in annex
    term = zh_markdown[zh_markdown.index("测试用实现附加信息  implementation extra information for testing"):]
    assert "注：附录 A 的 IXIT 表中标为“测试实验室的记录”的行不由提供者填写" in term[:term.index("### 3.")]


def test_td_force_004_step_3_says_a_step_spans_no_more_than_1_mn(zh_markdown):
    assert force_output.STEP_EPS_N == 1e-3  # the check's bound on the frame-to-frame change and on the run's span
    assert "width > STEP_EPS_N" in (ROOT / "src/conformance/areas/terminal/force_output.py").read_text(encoding="utf-8")
    step = _line(_case(zh_markdown, "TD-FORCE-004"), "测试步骤")
    assert "一段中力大小的最大值与最小值之差不超过 1 mN（保持的指令，而非渐变）且保持不短于 200 ms 的，为一个阶跃" in step
    procedures = yaml.safe_load((ROOT / "suites/terminal/procedures.yaml").read_text(encoding="utf-8"))
    en = procedures["procedures"]["TD-FORCE-004"]["steps"]["en"][2]
    assert "span no more than 1 mN from the least to the greatest" in en
