"""The forty-fourth reading of issue 76, part h96-terms (docs/drafting.md, "Forty-fourth reading, part h96-terms"):
ISO 16684-1's full title (a2); annex E's pointers to the 参考文献 naming their entries' numbers (a3); CityJSON cited by
one publisher's record (ax3); 服务发现文档 defined (b1); one name, 提供项, for an element of the device descriptor's
`offers` (c4). The 机器人描述 pointer of a1 is checked by test_reading_fortythird_h95front's test of the terms a format
is read as, the abbreviations of ax2 by test_spec_twelfth_reading's of clause 4. Each test fails on the draft as it was
before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_reading_fortythird_h95front import _bibliography, _clause_2, _terms

#: a bibliography entry's line in the draft, and its number
_ENTRY = re.compile(r"^\[(\d+)\] (.*)$", re.M)


def _number(zh_markdown: str, title: str) -> str:
    """The number the 参考文献 gives the entry that starts with ``title``."""
    return next(m.group(1) for m in _ENTRY.finditer(_bibliography(zh_markdown)) if title in m.group(2))


def test_a2_iso_16684_1_is_cited_by_its_full_title(zh_markdown):
    """a2: clause 2 dropped the title's introductory element (GB/T 1.1-2020 8.6: the full title, as ISO's record
    iso.org/standard/75163 gives it)."""
    assert ("ISO 16684-1:2019 Graphic technology — Extensible metadata platform (XMP) — Part 1: Data model, "
            "serialization and core properties") in _clause_2(zh_markdown)


def test_a3_every_pointer_to_the_bibliography_names_its_entries(zh_markdown, en_markdown):
    """a3: E.19, E.20 and E.22 said 「（见参考文献）」 of a list of some 170 entries; each pointer now gives the numbers the
    list itself gives the documents (computed, never typed)."""
    assert re.findall(r"见参考文献(?!\[)", zh_markdown) == []
    assert re.findall(r"see the bibliography", en_markdown) == []
    urdf, rep = _number(zh_markdown, "ROS URDF XML specification"), _number(zh_markdown, "REP 103")
    assert f"ROS 的 URDF XML 规范（见参考文献[{urdf}]）" in zh_markdown
    assert f"（REP 103，见参考文献[{rep}]）" in zh_markdown
    key, jwk = _number(zh_markdown, "The did:key Method"), _number(zh_markdown, "did:jwk Method Specification")
    assert f"未正式发布（见参考文献[{min(key, jwk, key=int)}]、[{max(key, jwk, key=int)}]）" in zh_markdown
    assert f"该扩展的说明（见参考文献[{_number(zh_markdown, '3DTILES_bounding_volume_S2')}]）" in zh_markdown


def test_ax3_cityjson_is_cited_by_one_publishers_record(zh_markdown):
    """ax3: 「CityJSON Specifications 2.0.2 (OGC Community Standard) (2024-03)」 gave cityjson.org's release OGC's name
    and neither's date: OGC's Community Standard is 2.0 (OGC 20-072r5); cityjson.org released 2.0.2, whose schemas
    the scene checks apply, on 2026-03-27 (its changelog)."""
    clause_2 = _clause_2(zh_markdown)
    assert "\nCityJSON Specifications 2.0.2 (2026-03-27)\n" in clause_2
    assert "OGC Community Standard" not in zh_markdown


def test_b1_the_core_objects_annex_d_and_e_define_are_terms(zh_markdown):
    """b1: 服务发现文档, read by about a hundred cases from 7.31 on, was first explained in D.6; every object a clause of
    annex D or E is titled by (a name of four characters or more) that the draft uses twenty times or more is defined
    in clause 3, as 声明文件 and 设备描述 are."""
    terms = _terms(zh_markdown)
    titles = set(re.findall(r"^#+ [DE]\.\d+ ([^\s（(`]{4,})$", zh_markdown, re.M))
    assert "服务发现文档" in titles
    assert [t for t in sorted(titles) if zh_markdown.count(t) >= 20 and t not in terms] == []
    # 「格式见附录」 is kept for annex E's data formats (test_spec_review): the document's members are in D.6
    assert terms["服务发现文档"].endswith("其成员见附录 D（D.6）。")
    assert "`GET /.well-known/metaverse-interop`" in terms["服务发现文档"]


def test_c4_an_element_of_offers_has_one_name(zh_markdown, note_md):
    """c4: the terminal cases said 「提供项」 (25 times) and 「`offers` 项」 (38 times) of one thing, which five cases'
    不适用 lines turn on; 提供项 is defined in clause 3 and named in annex E's `offers[]` row, the other form gone."""
    terms = _terms(zh_markdown)
    assert "提供项" in terms and terms["提供项"].endswith("格式见附录 E。")
    assert "`offers` 项" not in zh_markdown and "`offers` 项" not in note_md
    assert re.search(r"\| `offers\[\]` \| `object` \|[^\n]*即一个提供项", zh_markdown)
