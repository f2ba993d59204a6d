"""The fifty-eighth reading, part h114-terms (docs/drafting.md, "Fifty-eighth reading, part h114-terms"): clause 5's
「测试设备」 rows listed what the supplier provides (a6); one rig had three names (a7); 测量类测试用例 was not defined
(a8); SC-TILE-011 decoded by a software library (c2); the ISO 376 force transducer had three names (c3); the note
used 「参考实现」 without saying what it is (d11); an en dash joined Chinese characters (ax2). Each test fails on the
tree before (b894c882)."""

from __future__ import annotations

import re

from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line
from tests.drafting.test_reading_fiftythird_h107terms import _clause_3

_CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"


def _environment_rows(markdown: str, head: str) -> dict[str, str]:
    """Clause 5's rows headed ``head``, by the subclause's heading, 5.2 onwards."""
    start = markdown.index("\n## 5 ")
    clause = markdown[start:markdown.index("\n## 6 ", start)]
    rows = {}
    for part in re.split(r"\n(?=### 5\.\d+ )", clause)[1:]:
        title = part.splitlines()[0]
        row = next((line for line in part.splitlines() if line.startswith(f"| {head} |")), None)
        if row is not None and not title.startswith("### 5.1 "):
            rows[title] = row
    return rows


def test_a6_the_test_equipment_rows_hold_only_the_laboratory_s_items(zh_markdown, en_markdown):
    """The class of a6: no item of a 「测试设备」 row is the implementation under test or something its supplier provides
    (an item naming 被测 as what it is, or saying the supplier provides it); those items stand in a row of their own
    for every area that has them, and 5.1 says they are not test equipment."""
    equipment = _environment_rows(zh_markdown, "测试设备")
    assert len(equipment) == 8
    for title, row in equipment.items():
        for item in re.split(r"[；。]", row.split("|")[2]):
            item = re.sub(r"^[^，：]*时[，：]", "", item.strip())  # a leading condition: 「检验跨平台互操作时，」
            assert not item.startswith("被测"), (title, item)
            assert not re.search(r"为测试提供|提供者提供的|被测对象（", item), (title, item)
    provided = _environment_rows(zh_markdown, "被测对象提供")
    assert {t.split(" ", 2)[2] for t in provided} == {"数字身份", "平台接口", "服务机器人与仿生机器人", "终端数据交换"}
    assert "测试身份" in provided["### 5.5 数字身份"] and "被测终端" in provided["### 5.9 终端数据交换"]
    assert "桥接程序" in provided["### 5.9 终端数据交换"]
    assert "各表“被测对象提供”一行所列属于被测对象" in zh_markdown
    for row in _environment_rows(en_markdown, "Equipment").values():
        assert not re.search(r"the platform provides|terminal under test|robot's own facility|both platforms", row)
    assert len(_environment_rows(en_markdown, "Provided with the implementation under test")) == 4


def test_a7_the_rig_has_one_name_defined_in_clause_3(zh_markdown, en_markdown):
    """The class of a7: the apparatus holding or moving the device is 试验台 (test rig), a clause 3 term, in the
    cases, annex E's `reference_hold` and `reference_motion` rows and table 10; 测试装置, 试验装置 and 参考试验装置
    are gone, and the English says test rig, not reference rig."""
    terms = dict(_clause_3(zh_markdown))
    assert "试验台" in terms and "测量类测试用例" in terms["试验台"]
    assert not re.search(r"测试装置|试验装置", zh_markdown)
    assert "夹持台" not in zh_markdown.replace("如夹持台", "")
    for member in ("reference_hold", "reference_motion"):
        row = next(line for line in zh_markdown.splitlines() if line.startswith(f"| `{member}` |"))
        assert "试验台" in row and not re.search(r"(?<!记录)装置", row), row[:120]
    decision = next(line for line in zh_markdown.splitlines() if re.match(r"\| TD[-‑]PERF[-‑]004 \|", line))
    assert "试验台" in decision
    assert "test rig" in en_markdown and "reference rig" not in en_markdown


def test_a8_the_measuring_test_case_is_defined_before_its_capture(zh_markdown, en_markdown):
    """a8: 测量类测试用例 is a clause 3 term, before 测量类采集文件, whose definition uses it."""
    entries = _clause_3(zh_markdown)
    terms = [term for term, _ in entries]
    assert terms.index("测量类测试用例") < terms.index("测量类采集文件")
    body = dict(entries)["测量类测试用例"]
    assert "扩展不确定度" in body and "判定规则" in body
    assert "measuring test case" in en_markdown[:en_markdown.index("## 4 ")]


def test_c2_no_test_step_names_a_software_library(zh_markdown, en_markdown):
    """The class of c2: no test case's steps take a software library as the authority of a check; SC-TILE-011
    decodes the S2 token as annex E gives it."""
    for markdown, head, word in ((zh_markdown, "测试步骤", r"几何库|程序库|函数库"), (en_markdown, "Test steps", r"\blibrar")):
        for line in markdown.splitlines():
            if line.startswith(f"| {head} |"):
                assert not re.search(word, line), line[:160]
    step = _line(_case(zh_markdown, "SC-TILE-011"), "测试步骤")
    assert "按附录 E 中 S2 单元标记的规定将 `token` 解码" in step


def test_c3_the_iso_376_force_transducer_has_one_name(zh_markdown, en_markdown, note_md, note_md_en):
    """The class of c3: the force transducer calibrated as ISO 376 describes is 力传感器 (JJG 391-2009's name)
    throughout, never 测力传感器 or 称重传感器, and force transducer in English, never load cell or force sensor;
    the `force_sensor` stream keeps its code name."""
    for text in (zh_markdown, note_md):
        assert not re.search(r"测力传感器|称重传感器", text)
    for text in (en_markdown, note_md_en):
        assert not re.search(r"load cell|force sensor\b(?!`)", text)
    assert "按 ISO 376:2011 校准并分级的力传感器" in zh_markdown
    assert "`force_sensor`" in zh_markdown


def test_d11_the_reference_implementation_is_said_before_its_first_use(note_md, note_md_en):
    """d11: the note says what its reference implementation is in 一（二）, before the first other use (三（三）'s
    limit reasons), by one name; the English no longer calls it "the reference"."""
    first = note_md.index("参考实现")
    assert note_md[first - len("本说明所称"):first] == "本说明所称"
    assert first < note_md.index("## 三、")
    definition = note_md[first:note_md.index("\n", first)]
    assert "附录 D 的接口操作" in definition and "运行时测试接口" in definition
    first_en = note_md_en.lower().index("reference implementation")
    assert "The reference implementation this note speaks of" in note_md_en[first_en - 4:first_en + 60]
    assert not re.search(r"the reference's (stream|run)|below the reference's\b", note_md_en)


def test_ax2_no_en_dash_joins_chinese_characters(zh_markdown, note_md):
    """The class of ax2: no U+2013 stands between Chinese characters in either Chinese render; the
    vergence-accommodation conflict is written 辐辏调节冲突 throughout."""
    for text in (zh_markdown, note_md):
        assert not re.search(rf"{_CJK}\s?\u2013\s?{_CJK}", text)
        assert not re.search(r"辐辏[-‐‑–—]调节", text)
    assert "辐辏调节冲突" in zh_markdown and "挑战应答认证" in zh_markdown
