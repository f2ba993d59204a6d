"""The sixty-sixth reading of issue 76, part h129-files: what a case's verdict lines say of a supplied file that does
not parse or that the test equipment refuses, as its check does.

b3 (read66b): AS-META-004's 不确定 line named no file the test equipment refuses to read, though its check reads
through ``FileAdapter.documents()``, which leaves one unjudged. b4 (read66b): ``documents()`` records a supplied file
that does not parse as a finding of the running case, yet the hand-written 不通过 lines of AS-CONT-001, AS-META-004,
AS-META-006, DP-LABEL-005 and ID-PRIV-001 did not say so, and ID-PRIV-001's 不确定 line called an unreadable file
inconclusive; a procedures key, ``unparsed_fails``, now names the files on the fail line. c1 (read66c): SC-CITY-011's
不通过 line failed a CityGML 3.0 file that does not parse, while its check and its 不确定 line leave one unjudged. Each
test fails on the branch's base (5f7a2b291)."""

from __future__ import annotations

import re

from conformance.drafting.unparsed import refused
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

#: the cases with hand-written criteria whose check reads the supplied files through ``FileAdapter.documents()`` with
#: a reader raising a finding for a file that does not parse (a call graph of suites/ and areas/ read once, by script,
#: at the sixty-sixth reading), among them the five b4 names and those whose own words said so already
READ_THROUGH_DOCUMENTS = ("AS-CONT-001", "AS-META-001", "AS-META-003", "AS-META-004", "AS-META-006", "AS-HIST-002",
                          "DP-LABEL-005", "ID-DOC-001", "ID-PRIV-001")
_UNPARSED_ZH = re.compile(r"无法按其格式解析|无法以 JSON 读取|无法解析|不能按 RFC 8259 解析")
_UNPARSED_EN = re.compile(r"cannot be parsed in its format|cannot be read as JSON|does not parse|cannot be parsed")


def test_a_case_failing_an_unparsable_file_says_so_on_its_fail_line(zh_markdown, en_markdown):
    """b4: every case reading through ``documents()`` names on 不通过 a supplied file that does not parse, and none
    calls such a file inconclusive (ID-PRIV-001's 「所提供的文件无法读取」)."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid in READ_THROUGH_DOCUMENTS:
        zh, en = _verdict_lines(zh_cases[rid], "zh"), _verdict_lines(en_cases[rid], "en")
        assert _UNPARSED_ZH.search(zh["不通过"]), rid
        assert _UNPARSED_EN.search(en["Fail"]), rid
        assert "无法读取；" not in zh["不确定"] and "cannot be read;" not in en["Inconclusive"], rid
    assert "或所提供的 DID 文档与凭证文件中有文件无法按其格式解析；记录指明" in \
        _verdict_lines(zh_cases["ID-PRIV-001"], "zh")["不通过"]


def test_the_key_joins_the_clause_to_a_hand_written_fail_line():
    """``unparsed_fails`` names the files before the record's clause, once, in either language."""
    files = {"unparsed_fails": {"zh": "元数据文档", "en": "metadata documents"}}
    zh = refused(["不通过：成员不符合模式；记录指明文档。", "不确定：无文档。"], "zh", files)
    assert zh[0] == "不通过：成员不符合模式，或所提供的元数据文档中有文件无法按其格式解析；记录指明文档。"
    assert refused(zh, "zh", files) == zh and zh[1] == "不确定：无文档。"
    en = refused(["Fail: a member is not valid; the record names it."], "en", files)
    assert en == ["Fail: a member is not valid, or a file of the metadata documents supplied cannot be parsed in its "
                  "format; the record names it."]


def test_as_meta_004_names_a_refused_file(zh_markdown, en_markdown):
    """b3: the fifth asset-metadata case names a file over ``max_file_bytes`` or refused, as its four siblings do."""
    zh = _verdict_lines(_cases(zh_markdown)["AS-META-004"], "zh")["不确定"]
    assert "大于测试设备读取文件的上限 `max_file_bytes`，或被拒绝读取：不是普通文件" in zh
    en = _verdict_lines(_cases(en_markdown)["AS-META-004"], "en")["Inconclusive"]
    assert "larger than the test equipment reads, `max_file_bytes`, or refused: not a regular file" in en


def test_sc_city_011_leaves_an_unparsable_file_unjudged(zh_markdown, en_markdown):
    """c1: 不通过 no longer fails the file its 不确定 line (and its check) leave unjudged."""
    lines = _verdict_lines(_cases(zh_markdown)["SC-CITY-011"], "zh")
    assert "无法按其格式解析" not in lines["不通过"] and "不是格式良好的 XML" in lines["不确定"]
    assert "cannot be parsed" not in _verdict_lines(_cases(en_markdown)["SC-CITY-011"], "en")["Fail"]
