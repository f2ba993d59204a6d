"""The forty-second reading, part h94-refs2 (issue 76, items 2 and 5: a format a case reads is defined by a dated
document of clause 2 the case cites; clause 2 lists only what the text cites normatively): a8, the cases that decode
the cloud-rendering stream cite ITU-T H.264 and the MP4 file format (ISO/IEC 14496-14), those that read its movie
fragments ISO/IEC 14496-12; a5, the IFC2x3 Coordination View 2.0, which no case applies, is in the 参考文献, not
clause 2; a6 and a16, SC-BIM-001 cites each IFC schema it accepts by the document that defines it: `IFC4` by
ISO 16739-1:2018, `IFC2X3` by buildingSMART IFC2x3 TC1 (2007-07), no longer by ISO/PAS 16739:2005, ISO's IFC2x
Platform. Each test fails on the draft as it was at e3cf35b3."""

from __future__ import annotations

import re

from tests.drafting.test_spec_sixteenth_reading import _cases, _row

H264 = {"zh": "ITU-T H.264（2021-08）", "en": "ITU-T H.264 (2021-08)"}
MP4, ISOBMFF = "ISO/IEC 14496-14:2020", "ISO/IEC 14496-12:2022"
#: the words of a step that decodes a video, and of one that reads the stream's movie fragments
DECODES = {"zh": "解码为视频", "en": "as video"}
FRAGMENTS = {"zh": "电影片段", "en": "movie fragments"}
STEPS = {"zh": "测试步骤", "en": "Test procedure"}


def _clause(markdown: str, start: str, end: str) -> str:
    return markdown[markdown.index(start):markdown.index(end, markdown.index(start))]


def _clause_2(markdown: str) -> str:
    return _clause(markdown, "## 2 ", "## 3 ")


def _video_steps(markdown: str, lang: str) -> dict[str, str]:
    """The steps of every test case that decodes a video, by requirement ID."""
    cases = {rid.replace("\u2011", "-"): _row(case, STEPS[lang]).replace("\u2011", "-")
             for rid, case in _cases(markdown).items()}
    return {rid: steps for rid, steps in cases.items() if DECODES[lang] in steps}


def test_every_case_decoding_a_video_cites_its_coding_and_file_format(zh_markdown, en_markdown):
    """a8: the four cases decoded 「H.264 MP4」 streams, neither document in clause 2 nor cited."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        decoding = _video_steps(markdown, lang)
        assert set(decoding) >= {f"SC-RENDER-00{n}" for n in range(1, 5)}, sorted(decoding)
        for rid, steps in decoding.items():
            assert H264[lang] in steps and MP4 in steps, (lang, rid)
            if FRAGMENTS[lang] in steps:
                assert f"{ISOBMFF} 第 8.8 节" in steps if lang == "zh" else f"{ISOBMFF}, 8.8" in steps, (lang, rid)
        clause_2 = _clause_2(markdown).replace("\u2011", "-")
        assert "ITU-T H.264 Advanced video coding for generic audiovisual services (2021-08)" in clause_2
        assert f"{MP4} Information technology — Coding of audio-visual objects — Part 14: MP4 file format" in clause_2
        assert f"{ISOBMFF} Information technology — Coding of audio-visual objects — Part 12: ISO base media file " \
               "format" in clause_2


def test_annex_d_defines_the_stream_by_the_same_documents(zh_markdown):
    """a8: annex D's `POST /render/stream` answered 「H.264 MP4 流」, naming no document."""
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| `POST /render/stream` |"))
    assert H264["zh"] in row.replace("\u2011", "-") and MP4 in row and "H.264 MP4 流" not in row


def test_the_coordination_view_is_listed_for_information(zh_markdown, en_markdown):
    """a5: clause 2 listed the IFC2x3 Coordination View 2.0, which no case or normative annex applies."""
    for markdown in (zh_markdown, en_markdown):
        assert "Coordination View 2.0 (MVD)" not in _clause_2(markdown)
        bibliography = markdown[markdown.index("## 参考文献" if markdown is zh_markdown else "## Bibliography"):]
        assert "buildingSMART IFC2x3 Coordination View 2.0 (MVD) (2010)[EB/OL]" in bibliography


#: each schema SC-BIM-001 accepts and the clause 2 entry defining it, as the statement cites it
SCHEMAS = {"IFC2X3": ("buildingSMART IFC2x3 TC1（2007-07）", "buildingSMART IFC2x3 TC1 (2007-07)"),
           "IFC4": ("ISO 16739-1:2018", "ISO 16739-1:2018 Industry Foundation Classes (IFC)"),
           "IFC4X3_ADD2": ("ISO 16739-1:2024", "ISO 16739-1:2024 Industry Foundation Classes (IFC)")}


def test_each_ifc_schema_is_cited_by_the_document_defining_it(zh_markdown):
    """a6: `IFC4` stood 「（buildingSMART 所发布者）」 with no document in clause 2; a16: `IFC2X3` stood
    「（ISO/PAS 16739:2005）」, ISO's IFC2x Platform, an earlier release than IFC2x3 TC1."""
    purpose = _row(_cases(zh_markdown)["SC-BIM-001"], "测试目的").replace("\u2011", "-")
    clause_2 = _clause_2(zh_markdown).replace("\u2011", "-")
    for schema, (cited, listed) in SCHEMAS.items():
        # outside a bracket, so that no two close at once (「…（2007-07）的」, 「ISO 16739-1:2018 的」)
        assert re.search(rf"{re.escape(cited)} ?的 `{schema}`", purpose), schema
        assert re.search(rf"^{re.escape(listed)}", clause_2, re.M), schema
    assert "ISO/PAS 16739" not in zh_markdown and "buildingSMART 所发布者" not in purpose
    steps = _row(_cases(zh_markdown)["SC-BIM-008"], "测试步骤")
    # the eighteenth reading's rule (no dated citation inside a round bracket) took it out of its bracket
    assert "IFC2X3 文件的属性集定义为 buildingSMART IFC2x3 TC1（2007-07）所定义者" in steps
