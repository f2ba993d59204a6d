"""The forty-second reading of issue 76, part h94-terms (docs/drafting.md, "Forty-second reading, part h94-terms"):
one name for the party that supplies the object under test (a10); 被测目标 and 测试参数 defined (a11, a12); one name
for the digital twin (c1) and for the controller-state record (c2); requirement titles that state a requirement (a14);
不适用 lines that name their feature (b10, c5). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_fortyfirst_front import _clause
from tests.drafting.test_spec_nineteenth_reading import _CONDITIONS, _CRITERIA, _NA, _field, _verdict


def _defined(zh_markdown: str) -> set[str]:
    return set(re.findall(r"^### 3\.\d+\n\n(\S+)  ", _clause(zh_markdown, "\n## 3 ", "\n## 4 "), re.M))


def test_a10_the_supplier_has_one_name(zh_markdown, note_md):
    """a10: 提供者 (3.13, 3.19 to 3.22) was also 申请方 (5.1), 委托方 (16 d)) and 供应方 (table B.2, 编制说明)."""
    assert "提供者" in _defined(zh_markdown)
    for markdown in (zh_markdown, note_md):
        found = re.findall(r".{0,20}(?:申请方|委托方|供应方|申请者).{0,10}", markdown)
        assert not found, found[:3]
    assert "提供者的名称与联系信息" in _clause(zh_markdown, "\n## 16 ", "\n## 附录")


def test_a11_a12_target_and_test_parameter_are_terms_of_clause_3(zh_markdown):
    """a11, a12: 被测目标 (108 uses, annex A's IXIT tables) and 测试参数 (275 uses) were not defined; A.1 paraphrased
    the first as 「被测对象的目标」."""
    assert {"被测目标", "测试参数"} <= _defined(zh_markdown)
    general = _clause(zh_markdown, "\n### A.1 ", "\n### A.2 ")
    assert "被测对象的目标" not in general and "各被测目标" in general


def test_c1_the_digital_twin_has_one_name(zh_markdown, en_markdown):
    """c1: the SC-FEED cases said 孪生体 (35 times), SC-BIM-003 城市孪生 and the statements 孪生平台 beside 3.6's
    数字孪生. 孪生媒介 is the policy's own name, quoted in table B.2."""
    found = re.findall(r".{0,20}(?<!数字)孪生(?!媒介).{0,10}", zh_markdown)
    assert not found, found[:3]
    assert not re.search(r"\b[Aa] twin's|\bThe twin's|(?<!digital )\btwin platform", en_markdown)
    assert "### 13.24 SC-FEED-003 数字孪生的实时数据服务保持新鲜（应）" in zh_markdown


def test_c2_the_controller_state_record_has_one_name(zh_markdown):
    """c2: RB-TRACK-001/002 read 控制器状态记录, 关节轨迹控制器状态的记录 and 控制器状态 (E.9) for one file."""
    name = "关节轨迹控制器状态记录"
    assert name in _defined(zh_markdown)
    found = re.findall(r".{0,20}(?:(?<!关节轨迹)控制器状态记录|控制器状态的记录|控制器状态：E).{0,10}", zh_markdown)
    assert not found, found[:3]
    # E.13 since part h94-fmt2 put the image listing and the manifest's three formats before the robots' ones
    assert f"### E.13 {name}（" in zh_markdown and f"（{name}：E.13" in zh_markdown


#: a predicate before a title's closing list of nouns (「机器人描述声明……限值、质量与惯量」 states a requirement)
_PREDICATE = re.compile(r"声明|载明|说明|具有|带有|识别|拒绝|得到|遵循|跟随|位于|为|在|有|使|应|不")
#: a title's closing clause that is only 「<subject>的 A、B 与 C」
_NOUN_LIST = re.compile(r"^(?P<subject>[^、，]*?)的[^、，的且]{1,8}(?:、[^、，的且]{1,8})+(?:与|和|及)[^、，的且]{1,8}$")


def _states_nothing(title: str) -> bool:
    """A Chinese title whose closing clause is a list of nouns: it names what is measured and states no requirement."""
    last = re.sub(r"（[^）]*）", "", title).split("，")[-1]
    match = _NOUN_LIST.match(last)
    return bool(match) and not _PREDICATE.search(match.group("subject"))


def test_the_title_check_finds_a_noun_list():
    assert _states_nothing("按光子试验台上光电二极管的测量，近眼显示的时延、余辉、刷新与双眼时序")
    assert not _states_nothing("按光子试验台上光电二极管的测量，近眼显示的时延、余辉、刷新与双眼时序不超出限值")
    assert not _states_nothing("机器人描述声明具有物理意义的限值、质量与惯量")


def test_a14_every_title_states_a_requirement(catalog, zh_markdown):
    """a14: TD-DISP-009's title named the four timings measured and no predicate, so it stated no requirement."""
    odd = sorted(rid for rid, req in catalog.requirements.items() if _states_nothing(req.title.zh))
    assert odd == []
    assert "近眼显示的时延、余辉、刷新与双眼时序不超出限值" in zh_markdown


def test_b10_c5_each_not_applicable_line_names_its_feature(zh_markdown, en_markdown):
    """b10, c5: ID-CAT-001's and TD-SAFE-001's 不适用 lines said 「ICS 未声明该特性」 without naming it, and
    TD-SAFE-001's added a reason (not sold to the public) the ICS does not record."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        required = re.compile(r"ICS 声明支持特性“(.+?)”。" if lang == "zh" else r'The ICS declares the feature "(.+?)"\.')
        named = "ICS 未声明支持特性“{}”" if lang == "zh" else 'the ICS does not declare the feature "{}"'
        criteria = _field(markdown, _CRITERIA[lang])
        for rid, conditions in _field(markdown, _CONDITIONS[lang]).items():
            line = _verdict(criteria[rid], _NA[lang])
            assert "该特性" not in line and "declare the feature," not in line, (lang, rid)
            for feature in required.findall(conditions):
                assert named.format(feature) in line, (lang, rid, feature)
    assert "不面向公众销售" not in _verdict(_field(zh_markdown, _CRITERIA["zh"])["TD-SAFE-001"], _NA["zh"])
