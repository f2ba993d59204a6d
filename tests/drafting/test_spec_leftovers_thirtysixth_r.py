"""The leftovers of the thirty-sixth reading of issue 76, part r (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part r"): one rule for captures whose header cannot be read, stated once in 5.9 (the check is
``suite.analyses``, held by tests/areas/terminal/test_unread_captures_every_check.py); TD-OLF-003 leaves a command
whose window the detector's record covers too little unjudged, as TD-OLF-005; TD-HAPT-001's haptic frame that is
there but does not parse is a fail, not 不确定. Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def _clause_5_9(markdown: str) -> str:
    start = markdown.index("### 5.9 ")
    return markdown[start:markdown.index("\n## 6 ", start)]


def test_the_rule_for_unreadable_captures_is_stated_once_in_5_9(zh_markdown, en_markdown):
    # a refused capture joined the sentence in the fortieth reading's part cREF
    zh, en = _clause_5_9(zh_markdown), _clause_5_9(en_markdown)
    assert "文件头无法读取或无法解析的采集文件，以及测试设备拒绝读取的采集文件（不是普通文件，或是指向其所声明目录之外的链接），其数据流无法作出判定" in zh
    assert "除非有规则被违反（不通过），该测试用例判定为不确定（即使另有采集文件得到判定）" in zh
    assert "A capture whose header cannot be read or parsed, or one the test equipment refuses to read" in en
    assert "inconclusive unless a rule is broken (a fail), even beside captures judged" in en
    assert zh_markdown.count("文件头无法读取或无法解析的采集文件，以及测试设备拒绝读取的采集文件（不是普通文件，或是指向其所声明目录之外的链接），其数据流无法作出判定") == 1


def test_td_olf_003_leaves_an_uncovered_command_unjudged(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["TD-OLF-003"], _cases(en_markdown)["TD-OLF-003"]
    assert "记录覆盖不足该窗口的 90% 时不予测量，该指令记为未判定" in zh
    assert "is not measured, and that command is recorded unjudged" in en
    # the reading bounds of the sixty-eighth reading (h131-tbound) come between it and the closing parenthesis
    assert re.search(r"或某条所测指令的窗口被其记录覆盖不足 90%、[^（]*（即使另有数据流得到判定）", _verdict_lines(zh, "zh")["不确定"])
    assert re.search(r"a command it measures has a window its trace covers less than 90 % of, [^(]*\(even beside a "
                     r"stream judged\)", _verdict_lines(en, "en")["Inconclusive"])


def test_td_hapt_001_fails_a_haptic_frame_that_does_not_parse(zh_markdown, en_markdown):
    zh = _verdict_lines(_cases(zh_markdown)["TD-HAPT-001"], "zh")
    en = _verdict_lines(_cases(en_markdown)["TD-HAPT-001"], "en")
    assert "触觉帧无法解析" not in zh["不确定"] and "cannot be parsed, or a capture's" not in en["Inconclusive"]
    assert "或某个触觉数据流的帧存在而无法解析（成员缺失或类型不符" in zh["不通过"]
    assert "or a frame of a `haptic` stream is there but does not parse" in en["Fail"]
