"""The forty-third reading of issue 76, part h95-front (docs/drafting.md, "Forty-third reading, part h95-front"):
JSON-RPC 2.0 and the published JSON Schema 2020-12 as dated normative references (a1, a2); 数据流 defined and every
term of a kind of data annex E defines pointing to it (a3, ax1); the runtime cases' format line citing annex D's
schemas of the answers they read (c2); 七's adoption rows saying where the document lists the national standard
(d10). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conformance.drafting.xmlformats import xml_formats
from tests.drafting.test_spec_leftovers_fortyfirst_front import _clause
from tests.drafting.test_spec_nineteenth_reading import _field
from tests.drafting.test_spec_sixteenth_reading import _cases

_SUITES = Path(__file__).resolve().parents[2] / "suites"


def _clause_2(zh_markdown: str) -> str:
    return _clause(zh_markdown, "\n## 2 ", "\n## 3 ")


def _bibliography(zh_markdown: str) -> str:
    return zh_markdown[zh_markdown.index("\n## 参考文献"):]


def test_a1_json_rpc_is_a_dated_normative_reference(zh_markdown):
    """a1: annex D's session socket and runtime test interface carry JSON-RPC 2.0 messages, whose `id` pairing and
    `error` object the cases rely on; the specification was listed only in the bibliography, undated."""
    assert "\nJSON-RPC 2.0 Specification (2013-01-04)\n" in _clause_2(zh_markdown)
    assert "JSON-RPC 2.0 Specification" not in _bibliography(zh_markdown)


def test_a2_json_schema_is_cited_by_its_published_release(zh_markdown, note_md):
    """a2: clause 2 cited JSON Schema 2020-12 by two IETF Internet-Drafts, expired on 2022-12-12; json-schema.org
    published the release on 2022-06-16. The drafts stay in the bibliography, and 编制说明 三 says why."""
    clause_2 = _clause_2(zh_markdown)
    assert "draft-bhutton" not in clause_2
    for title in ("JSON Schema 2020-12 Core: A Media Type for Describing JSON Documents",
                  "JSON Schema 2020-12 Validation: A Vocabulary for Structural Validation of JSON"):
        assert f"\n{title} (2022-06-16)\n" in clause_2
    assert _bibliography(zh_markdown).count("(draft-bhutton-json-schema") == 2
    assert "故只列于参考文献" in note_md and "本文件仍引用它" not in note_md


def _terms(zh_markdown: str) -> dict[str, str]:
    """Clause 3's definitions by term."""
    clause_3 = _clause(zh_markdown, "\n## 3 ", "\n## 4 ")
    return {m.group(1): m.group(2) for m in re.finditer(r"^### 3\.\d+\n\n(\S+)  .*\n\n(.*)$", clause_3, re.M)}


def test_a3_ax1_terms_of_a_kind_of_data_annex_e_defines_point_to_it(zh_markdown):
    """a3: 数据流 (over a hundred terminal cases, annex A, 6.2, 3.33 and 3.34) was not defined; ax1: 3.37 (the
    joint-state record, E.12) did not point to annex E as their siblings do. Every term a
    format of annex E is read as (its ``read_as``) but the manifest, and 数据流, ends 「格式见附录 E。」."""
    terms = _terms(zh_markdown)
    formats = yaml.safe_load((_SUITES / "specification.yaml").read_text(encoding="utf-8"))["formats"]
    # 声明文件 (E.9 to E.11) is defined before 测试身份 first cites annex D: a pointer to annex E there would cite the
    # annexes out of their letters' order (GB/T 1.1-2020); the cases reading its members cite E.9
    kinds = {entry["read_as"]["zh"] for entry in formats} - {"声明文件"} | {"数据流"}
    # forty-fourth reading, a1: and the XML formats of the areas' ``conformance_xml_formats`` (3.37 机器人描述, E.22)
    kinds |= {entry["read_as"]["zh"] for _, entry in xml_formats()}
    defined = kinds & set(terms)
    assert {"数据流", "采集文件", "设备描述", "关节状态记录", "关节轨迹控制器状态记录", "机器人描述"} <= defined
    assert [term for term in sorted(defined) if not terms[term].endswith("格式见附录 E。")] == []
    assert "帧" in terms["数据流"]


#: what a case reads the runtime test interface by: its path, its term, a method of its own
_RUNTIME = re.compile(r"`GET /xr/runtime`|运行时测试接口|`test\.[A-Za-z]+`")
_ANNEX_D_LINE = "运行时测试接口的消息与应答的格式见附录 D（D.5."


def test_c2_runtime_cases_cite_annex_d_for_the_answers_they_read(zh_markdown):
    """c2: TD-TACT-003 and TD-OLF-004 read `test.readTactile`'s and `test.getScentOutput`'s answers (D.5.91,
    D.5.90) and their format line cited only E.5; every case reading the interface cites annex D's message schema
    and the result of each own method it names."""
    conditions = _field(zh_markdown, "前置条件")
    reading = {rid: case for rid, case in _cases(zh_markdown).items() if _RUNTIME.search(case)}
    assert {"TD-TACT-003", "TD-OLF-004", "TD-RUN-002", "TD-RUN-006"} <= set(reading)
    for rid, case in reading.items():
        line = next((s for s in conditions[rid].split("<br>") if _ANNEX_D_LINE in s), "")
        assert line, rid
        for method in set(re.findall(r"`(test\.[A-Za-z]+)`", case)):
            assert re.search(rf"`{re.escape(method)}` 的结果：D\.5\.\d+", line), (rid, method)
    line = next(s for s in conditions["TD-TACT-003"].split("<br>") if "附录 D" in s)
    assert "`test.readTactile` 的结果：D.5." in line


def test_d10_adoption_rows_say_where_the_national_standard_is_listed(zh_markdown):
    """d10: 七's row for ISO 2631-1 said 「本文件引用该国家标准」 of GB/T 13441.1—2007, which only the bibliography
    lists. A row saying the document cites the national standard finds it in clause 2; one saying the bibliography
    lists it finds it there and not in clause 2."""
    rows = yaml.safe_load((_SUITES / "explanatory.yaml").read_text(encoding="utf-8"))["adoptions"]["rows"]
    clause_2, bibliography = _clause_2(zh_markdown), _bibliography(zh_markdown)
    for row in rows:
        national, basis = row["national"], row["basis"]["zh"]
        if "本文件引用该国家标准" in basis:
            assert national in clause_2, national
        if "本文件在参考文献中列出该国家标准" in basis:
            assert national in bibliography and national not in clause_2, national


def test_d8_the_3d_tiles_disagreements_are_given_in_the_note(note_md):
    """d8: 四（二） sent the reader to a project file for the own checks' twelve disagreements besides `NGA_gpm`;
    the note gives each cause, and their counts add up to the disagreements less the `NGA_gpm` ones."""
    sentence = next(line for line in note_md.splitlines() if "OGC 3D Tiles：" in line)
    assert "docs/scenes.md" not in sentence
    found = re.search(r"其 (\d+) 个不一致中 (\d+) 个为该校验器对供应商扩展", sentence)
    assert found
    causes = sentence[sentence.index("其余的原因如下："):sentence.index("含 SC-TILE-006 时仍不一致")]
    counts = [int(n) for n in re.findall(r"(?<![\d.])(\d+) 个(?!位)", causes)]
    assert sum(counts) == int(found.group(1)) - int(found.group(2)), counts
