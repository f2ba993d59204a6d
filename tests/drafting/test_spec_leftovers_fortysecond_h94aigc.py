"""The forty-second reading's leftovers, part h94-aigc (issue 76; row a12 of the forty-first reading): AS-AIGC-013 and
-015 read the implicit label in containers (PNG text chunks, JPEG APP1 and Exif, XMP, RIFF INFO, ID3v2, Vorbis
comments, MP4 items) that no document of clause 2 defined. Each case now names every container by its published
document, dated in clause 2; a layout only an informal document gives is cited for information, by the 参考文献; a
test case cites no ISO, IEC or RFC designation the document lists nowhere; clause 2 lists a document once however
many places cite it."""

from __future__ import annotations

import dataclasses
import re

from conformance.drafting.spec import normative_references
from conformance.drafting.tables import load_tables
from conformance.drafting.writer import Writer

#: each case's containers, by the dated documents clause 2 cites for them
FORMAL = {
    "AS-AIGC-013": {"PNG": ["ISO/IEC 15948:2004"], "JPEG": ["ISO/IEC 10918-1:1994"], "Exif": ["CIPA DC-008-2012"],
                    "XMP": ["ISO 16684-1:2019"]},
    "AS-AIGC-015": {"MP3": ["ISO/IEC 11172-3:1993", "ISO/IEC 13818-3:1998"], "MP4": ["ISO/IEC 14496-12:2022"],
                    "Ogg": ["RFC 3533"], "XMP": ["ISO 16684-1:2019"]},
}
#: the layouts only an informal document gives: the words the case names it by, the entry of the 参考文献
INFORMAL = {
    "AS-AIGC-013": {"XMP 规范第 3 部分": "XMP Specification Part 3: Storage in Files"},
    "AS-AIGC-015": {"多媒体编程接口与数据规范 1.0": "Multimedia Programming Interface and Data Specifications 1.0",
                    "ID3 标签 2.4.0 版": "ID3 tag version 2.4.0", "Vorbis I 规范": "Vorbis I specification",
                    "XMP 规范第 3 部分": "XMP Specification Part 3: Storage in Files",
                    "文件格式规范": "QuickTime File Format Specification"},
}


def _plain(markdown: str) -> str:
    return markdown.replace("\u2011", "-").replace("`", "")


def _clause(markdown: str, start: str, end: str) -> str:
    return markdown[markdown.index(start):markdown.index(end, markdown.index(start))]


def _case(markdown: str, rid: str) -> str:
    start = markdown.index(f"验证被测对象满足要求 {rid}（")
    return markdown[start:markdown.index("| 判定准则 |", start)]


def test_each_container_the_label_cases_read_is_cited_in_clause_2(zh_markdown):
    text = _plain(zh_markdown)
    clause_2 = _clause(text, "## 2 规范性引用文件", "## 3 术语和定义")
    for rid, containers in FORMAL.items():
        case = _case(text, rid)
        for container, documents in containers.items():
            assert container in case, (rid, container)
            for document in documents:
                assert f"{document}" in case, (rid, document)
                assert re.search(rf"^{re.escape(document)}[ :(]", clause_2, re.MULTILINE), (rid, document)
        # 「附录 E 及第 6 章」: the sixteenth reading's rule has annex E follow the standard's number
        assert "GB 45438—2025 附录 E 及第 6 章" in case, rid


def test_an_informal_layout_is_named_by_the_bibliography(zh_markdown):
    text = _plain(zh_markdown)
    bibliography = text[text.index("## 参考文献"):]
    clause_2 = _clause(text, "## 2 规范性引用文件", "## 3 术语和定义")
    for rid, documents in INFORMAL.items():
        case = _case(text, rid)
        for named, entry in documents.items():  # its entry's number (forty-fourth reading, part h96-refs2)
            assert re.search(rf"{re.escape(named)}（见参考文献\[\d+\]）", case), (rid, named)
            assert entry in bibliography and entry not in clause_2, (rid, named)


def test_the_audio_statement_names_annex_ds_media_types(catalog):
    statement = catalog.requirements["AS-AIGC-015"].statement
    assert "采用附录 D 为音频所列的媒体类型" in statement.zh and "压缩音频" not in statement.zh
    assert "in a media type annex D lists for audio" in statement.en


def test_no_case_cites_a_designation_the_document_lists_nowhere(zh_markdown):
    """The class: a test case citing an ISO, IEC or RFC document that neither clause 2 nor the 参考文献 lists."""
    text = _plain(zh_markdown)
    listed = _clause(text, "## 2 规范性引用文件", "## 3 术语和定义") + text[text.index("## 参考文献"):]
    cases = [_case(text, rid) for rid in sorted(set(re.findall(r"验证被测对象满足要求 ([A-Z]+-[A-Z0-9]+-\d+)（", text)))]
    designation = re.compile(r"\b(?:ISO/IEC|ISO|IEC) \d+(?:-\d+)*:\d{4}|\bRFC \d{3,4}\b")
    missing = {(d, case.split("（")[0][-12:]) for case in cases for d in designation.findall(case)
               if not re.search(rf"{re.escape(d)}(?![\d-])", listed)}
    assert not missing, sorted(missing)


def test_clause_2_lists_a_document_once(catalog):
    w = Writer(catalog, "zh")
    tables = load_tables(catalog)
    once = normative_references(w, tables, catalog)
    # the text citing a document a requirement cites too (as annex E's encodings cite PNG and JPEG)
    extra = [{"name": s.name, "normative": True} for s in once if s.name.startswith("ISO/IEC 15948")]
    assert extra
    w.data = dataclasses.replace(w.data, text_sources=[*w.data.text_sources, *extra])
    names = [s.name for s in normative_references(w, tables, catalog)]
    assert len(names) == len(set(names)) == len(once)
