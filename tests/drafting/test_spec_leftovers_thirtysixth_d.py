"""The leftovers of the thirty-sixth reading of issue 76, part d (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part d"): c1, the four requirements `check_rule` serves whose texts part i2 left (TD-TACT-001, TD-CAM-001,
TD-HAPT-001/-002); c2, TD-FORCE-001, TD-FORCE-003 and TD-BIO-004, which now record an unreadable capture unjudged
as check_rule does; c19, TD-TACT-003's read answered with an error or not at all. Each test fails on the catalog as
it was before; the checks' change is tested in tests/areas/terminal/test_check_rule_unread.py."""

from __future__ import annotations

import re

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

#: c1 (check_rule's, with a case of their own) and c2
WITH_CASE = ["TD-TACT-001", "TD-CAM-001", "TD-HAPT-001", "TD-FORCE-001", "TD-FORCE-003", "TD-BIO-004"]
#: each changed check's requirement (TD-HAPT-002's case is the generated one)
CHANGED = [*WITH_CASE, "TD-HAPT-002"]


@pytest.mark.parametrize("rid", WITH_CASE)
def test_a_pass_needs_every_capture_header_read(rid, zh_markdown, en_markdown):
    """c1, c2: beside a capture judged and passing, a capture whose header cannot be read left the lines passing."""
    zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
    en = _verdict_lines(_cases(en_markdown)[rid], "en")
    assert "每个采集文件的文件头均能读取" in zh["通过"], zh
    assert "every capture's header can be read" in en["Pass"], en
    assert "任一采集文件的文件头无法" in zh["不确定"], zh
    assert "a capture's header cannot be" in en["Inconclusive"], en


@pytest.mark.parametrize("rid", CHANGED)
def test_the_changed_check_has_its_note_line(rid, catalog):
    """c1, c2: the changed check is a minor step, with its note line in both languages."""
    requirement = catalog.requirement(rid)
    en, zh = requirement.notes.en, requirement.notes.zh
    # the step part d made (a later part may step the requirement again, its own line after this one)
    version = re.search(r"(\d+\.\d+(?:\.\d+)?) \(issue 76, thirty-sixth reading's leftovers, parts? (?:f and )?d\): ",
                        en).group(1)
    assert version.endswith(".0") or version.count(".") == 1, version
    # TD-TACT-001's step joins part f's note and this one (the lead's merge)
    joined = f"{version} (issue 76, thirty-sixth reading's leftovers, parts f and d): " in en
    said = "besides (part d), a capture whose header" if joined else (
        f"{version} (issue 76, thirty-sixth reading's leftovers, part d): a capture whose header")
    assert said in en, en
    said = "此外（第 d 部分），文件头无法读取或无法解析的采集文件记为未判定" if joined else (
        f"{version} 版（议题 76，第三十六次审读遗留问题，第 d 部分）：文件头无法读取或无法解析的采集文件记为未判定")
    assert said in zh and "（检查变更" in zh


def test_an_error_answer_fails_r1(zh_markdown, en_markdown):
    """c19: a test.readTactile answered with an error or not at all fails R1; the fail line and step 3 said not."""
    zh_case, en_case = _cases(zh_markdown)["TD-TACT-003"], _cases(en_markdown)["TD-TACT-003"]
    assert "任一读取以错误应答或未获应答" in _verdict_lines(zh_case, "zh")["不通过"]
    assert "a read is answered with an error or not at all" in _verdict_lines(en_case, "en")["Fail"]
    assert "以错误应答或未获应答的读取不含读数，不满足 R1" in zh_case
    assert "a read answered with an error or not at all holds no readings and does not meet R1" in en_case
