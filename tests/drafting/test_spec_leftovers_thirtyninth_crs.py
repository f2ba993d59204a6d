"""The leftovers of the thirty-ninth reading of issue 76, part cRS (docs/drafting.md, "Leftovers of the thirty-ninth
reading, part cRS"): the robots and scenes rows. RB-JOINT-002 judges an omitted `lower`/`upper` as URDF's 0 and states
the ranges and limits it does not judge (c1), and is inconclusive on recordings holding no message fit to judge
(c17); SC-CITY-008/-009/-012 record a member passed over for an invalid lower level unjudged and name it (c2), and
SC-CITY-012 states that a CompositeSolid of one solid is not checked (c18); SC-FEED-001 to -004 state the first page
and the test equipment's bounds of 50 entities and 8 links (c3); SC-FEED-004 names the states of an unreadable root,
an empty TaskingCapabilities set and a description nothing can break (c4). Each test fails on the draft or the
harness as they were before these fixes."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from conformance import Inconclusive
from conformance.areas.robots import jointstates, urdf
from conformance.areas.scenes import solids
from tests.areas.robots.test_verdict_states import Evidence, Files, robots
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples"
PARAMS = SimpleNamespace(position_tolerance=0.01, velocity_margin=0.05, effort_margin=0.05)
SCHEMAS = SimpleNamespace(findings=lambda record, schema: [])


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def _plain(text: str) -> str:
    """The text without the rendering's code marks and non-breaking hyphens."""
    return text.replace("`", "").replace("\u2011", "-")


def _recording(body: bytes) -> Files:
    return Files([("greeter-session.jsonl", jointstates.parse(body))])


def test_an_omitted_bound_is_judged_as_urdfs_zero():
    """c1: a `<limit>` omitting `lower` and `upper` (URDF: both 0, a locked joint) left R1 unjudged, so a locked
    joint the recording shows moving passed."""
    robot = urdf.parse((ROOT / "suites/robots/fixtures/locked-by-default/greeter.urdf").read_bytes())
    reading = jointstates.read(jointstates.parse((SAMPLES / "joint_states/greeter-session.jsonl").read_bytes()),
                               lambda record: [])
    found = list(jointstates.within_limits(reading.series, {j.name: j for j in robot.joints}, 0.01, 0.05, 0.05))
    assert [f.rule for f in found] == ["R1"] and found[0].message.text()["args"]["joint"] == "head_tilt"


def test_the_joint_limit_steps_state_what_they_do_not_judge(zh_markdown, en_markdown):
    """c1: steps 2 to 4 did not say that an omitted bound is 0, nor that an inverted range or a limit not above 0
    is not judged."""
    zh = _steps(_cases(zh_markdown)["RB-JOINT-002"], "zh")
    assert "按 URDF 规范取 0" in zh[1] and "范围倒置" in zh[1]
    assert "速度限值不大于 0 的关节" in zh[2] and "`effort` 限值不大于 0 的关节" in zh[3]
    en = _steps(_cases(en_markdown)["RB-JOINT-002"], "en")
    assert "as the URDF specification defaults it" in en[1] and "an inverted range" in en[1]
    assert "not above 0" in en[2] and "not above 0" in en[3]


def test_recordings_without_a_usable_message_are_inconclusive(zh_markdown, en_markdown):
    """c17: recordings holding no message made RB-JOINT-002 not applicable, while RB-JOINT-001 and -003 are
    inconclusive for the same recordings."""
    description = Files([("greeter.urdf", urdf.parse((SAMPLES / "robot_description/greeter.urdf").read_bytes()))])
    targets = {"robot_description": description, "joint_states": _recording(b"\n\n")}
    with pytest.raises(Inconclusive):
        robots.test_joint_states_stay_within_limits(targets, SCHEMAS, Evidence(), PARAMS)
    assert "没有可供判定的关节状态消息" in _verdict_lines(_cases(zh_markdown)["RB-JOINT-002"], "zh")["不确定"]
    assert "no joint-state message fit to judge" in \
        _verdict_lines(_cases(en_markdown)["RB-JOINT-002"], "en")["Inconclusive"]


def test_a_member_passed_over_for_an_invalid_lower_level_is_recorded():
    """c2: a shell with an invalid polygon and a solid with an invalid shell were neither judged nor recorded, so
    SC-CITY-008 and -009 were not applicable (or passed) where SC-CITY-013 is inconclusive."""
    data = json.loads((ROOT / "suites/scenes/fixtures/city/solid-ring-two-points.city.json").read_text("utf-8"))
    report = solids.validate(data, solids.Tolerances())
    assert report.invalid_at[3] and report.invalid_at[4]


@pytest.mark.parametrize(("case", "zh_text", "en_text"), [
    ("SC-CITY-008", "或有壳因其多边形无效而在第 2 步中未予判定", "a shell is left unjudged in step 2 for an invalid polygon"),
    ("SC-CITY-009", "或有实体因其壳无效而在第 2 步中未予判定", "a solid is left unjudged in step 2 for an invalid shell"),
    ("SC-CITY-012", "或有组合实体因其实体无效而在第 2 步中未予判定",
     "a CompositeSolid is left unjudged in step 2 for an invalid solid"),
])
def test_the_level_cases_name_a_member_passed_over(zh_markdown, en_markdown, case, zh_text, en_text):
    """c2: the 不确定 lines did not name the member passed over for another SC-CITY case's finding."""
    assert zh_text in _plain(_verdict_lines(_cases(zh_markdown)[case], "zh")["不确定"])
    assert en_text in _plain(_verdict_lines(_cases(en_markdown)[case], "en")["Inconclusive"])


def test_a_composite_of_one_solid_is_stated(zh_markdown, en_markdown):
    """c18: a CompositeSolid of one valid solid is not checked, and the 不适用 line said there was no CompositeSolid
    whose solids are valid."""
    zh = _cases(zh_markdown)["SC-CITY-012"]
    assert "只含一个实体的组合实体无可比较的实体，不作检查" in _steps(zh, "zh")[1]
    assert "没有含两个及以上实体的组合实体" in _verdict_lines(zh, "zh")["不适用"]
    en = _cases(en_markdown)["SC-CITY-012"]
    assert "a CompositeSolid of one solid has no solids to compare and is not checked" in _plain(_steps(en, "en")[1])
    assert "no CompositeSolid of two or more solids" in _plain(_verdict_lines(en, "en")["Not applicable"])


@pytest.mark.parametrize(("case", "step"), [("SC-FEED-001", 2), ("SC-FEED-002", 1), ("SC-FEED-003", 1),
                                            ("SC-FEED-004", 2)])
def test_the_feed_cases_state_their_sample(zh_markdown, en_markdown, case, step):
    """c3: the feed cases read the first page and at most 50 entities of it, and SC-FEED-001 at most 8 navigation
    links an entity, which SC-FEED-001, -003 and -004 did not state (no SC-FEED case stated the 50)."""
    zh, en = _steps(_cases(zh_markdown)[case], "zh")[step], _steps(_cases(en_markdown)[case], "en")[step]
    assert "第一页" in zh and "前 50 个" in zh and "读取界限“实体集的实体数”" in zh
    assert "first page" in en and "first 50" in en and 'the reading bound "entities of an entity set"' in en
    if case == "SC-FEED-001":
        following = _steps(_cases(zh_markdown)[case], "zh")[step + 1]
        assert "前 8 个导航链接" in following and "读取界限“实体的导航链接数”" in following


def test_the_tasking_case_names_its_states(zh_markdown, en_markdown):
    """c4: an empty TaskingCapabilities set and a service root not answered 200 JSON were inconclusive, and a
    description nothing can break left R3 untried, none of which the steps or the 不确定 line named."""
    zh = _cases(zh_markdown)["SC-FEED-004"]
    line = _plain(_verdict_lines(zh, "zh")["不确定"])
    assert "服务根无法读取（第 3 步）" in line and "中没有任何 TaskingCapability" in line
    assert "不据 R3 评判" in _steps(zh, "zh")[4]
    en = _cases(en_markdown)["SC-FEED-004"]
    line = _plain(_verdict_lines(en, "en")["Inconclusive"])
    assert "the service root cannot be read (step 3)" in line and "holds no TaskingCapability" in line
    assert "is not judged against R3" in _steps(en, "en")[4]
