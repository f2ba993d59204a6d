"""The leftovers of the thirty-seventh reading of issue 76, part m2 (docs/drafting.md, "Leftovers of the
thirty-seventh reading, part m2"): a file the test equipment refuses to read through ``FileAdapter.documents``
(over ``max_file_bytes``, not a regular file, a link outside its declared folder) is left unjudged, no longer a
finding (the behaviour in tests/areas/identity/test_refused_documents.py), and the DID document cases' 不确定 lines
say so. Each test fails on the draft as it was before the fix."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

DID_DOCUMENT_CASES = ("ID-DOC-001", "ID-DOC-002", "ID-DOC-003")


def test_a_refused_did_document_is_inconclusive_in_each_did_document_case(zh_markdown, en_markdown):
    """A DID document file the adapter refuses was a finding (不通过) under no line of ID-DOC-001 to -003; it is now
    a file not judged, and each 不确定 line names the cap and the refusal, even beside a document judged."""
    for rid in DID_DOCUMENT_CASES:
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
        assert "大于测试设备读取文件的上限 `max_file_bytes`，或被拒绝读取" in zh["不确定"], rid
        assert "即使另有文档得到判定" in zh["不确定"], rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")
        assert "larger than the test equipment reads, `max_file_bytes`, or refused" in en["Inconclusive"], rid
        assert "even beside a document judged" in en["Inconclusive"], rid


DESCRIPTOR_CASES = ("TD-DESC-001", "TD-ACC-001", "TD-ACC-002")


def test_a_refused_device_descriptor_is_inconclusive_in_each_descriptor_case(zh_markdown, en_markdown):
    """A device descriptor file the adapter refuses was a finding (不通过) while TD-DESC-001 called an unreadable
    file 不确定 and TD-ACC-001/-002 named none; each 不确定 line now names the cap and the refusal."""
    for rid in DESCRIPTOR_CASES:
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
        assert "大于测试设备读取文件的上限 `max_file_bytes`，或被拒绝读取" in zh["不确定"], rid
        assert "即使另有设备描述得到判定" in zh["不确定"], rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")
        assert "larger than the test equipment reads, `max_file_bytes`, or refused" in en["Inconclusive"], rid
        assert "even beside a descriptor judged" in en["Inconclusive"], rid


ROBOT_CASES = ("RB-JOINT-001", "RB-JOINT-003", "RB-TRACK-001", "RB-TRACK-002")


def test_a_refused_robot_file_is_inconclusive_in_each_written_robot_case(zh_markdown, en_markdown):
    """The robots cases read their URDF and JSON Lines files through the adapter's documents; a refused one was a
    finding while their 不确定 lines named only files missing or access refused, never one beside a file judged."""
    for rid in ROBOT_CASES:
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
        assert "大于测试设备读取文件的上限 `max_file_bytes`，或被拒绝读取" in zh["不确定"], rid
        assert "即使另有文件得到判定" in zh["不确定"], rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")
        assert "larger than the test equipment reads, `max_file_bytes`, or refused" in en["Inconclusive"], rid
        assert "even beside a file judged" in en["Inconclusive"], rid
