"""The sixty-second reading (issue 76), part h125-note (docs/drafting.md, "Sixty-second reading, part h125-note"):
claims of the 编制说明 its own draft or the repository contradicted. 三（一）'s table promised the external standards the
most test cases cite but counted clause 2's documents only (d1); 七 pointed to 四（二） for the W3C suites' inputs, which
四（二） never reported, and counted two exceptions where the record holds more (d2); 五 said the test data are open
source while tests/corpora holds others' data under their own licences (d3); 十三's Chinese said table B.2 leaves two
items untested, the English rightly "the items" (d4); 三（三） gave no row to the reading bound 1 000 页 that IF-UDP-001,
-003 and -009 cite in their 不确定 lines, while AS-CONT-001's 1 GiB had one (b3). Each test fails on the note as it
was before (64869e926)."""

from __future__ import annotations

import re
from collections import Counter

from conformance._catalog.catalog import Catalog
from conformance.drafting.boundtable import BOUNDS
from conformance.drafting.corpusrights import CORPORA, corpus_folders, recorded
from conformance.drafting.limitnumbers import deciding_text
from conformance.drafting.readingbounds import named_bounds
from conformance.drafting.spec import _in_bibliography, _ref_text
from conformance.drafting.tables import load_tables
from conformance.drafting.writer import Block, Writer, area_title, normative
from tests.drafting.blocks import limit_rows
from tests.paths import ROOT


def _paras(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kind == "para"]


def _after(blocks: list[Block], anchor: str) -> list[Block]:
    """The blocks from the heading with ``anchor`` up to the next heading of its level or a higher one."""
    start = next(i for i, b in enumerate(blocks) if b.kind == "heading" and b.anchor == anchor)
    level = blocks[start].level
    end = next((i for i in range(start + 1, len(blocks)) if blocks[i].kind == "heading"
                and blocks[i].level <= level), len(blocks))
    return blocks[start:end]


# d1 ---------------------------------------------------------------------------------------------------------------

def test_d1_each_area_row_shows_the_documents_its_cases_cite_most_with_their_counts(catalog: Catalog, note, note_en):
    """Class: every area's row, in both languages, shows the clause-2 documents most of its test cases cite (at most
    three, none left out that more cases cite than one shown), each with the count the catalog gives; the sentence
    says that is what is counted."""
    tables = load_tables(catalog)
    kept = [r for r in catalog.requirements.values() if normative(r)]
    for blocks, lang, said in ((note, "zh", "第 2 章所列规范性引用文件中被该领域最多测试用例引用的至多 3 项"),
                               (note_en, "en", "of the normative references of clause 2, at most three cited by the most")):
        w = Writer(catalog, lang)
        part = _after(blocks, "note-3-areas")
        assert any(said in text for text in _paras(part)), lang
        table = next(b for b in part if b.kind == "table")
        for area in dict.fromkeys(r.area for r in kept):
            reqs = [r for r in kept if r.area == area]
            counts = Counter(name for r in reqs for name in dict.fromkeys(s.name for s in r.source.standards)
                             if name in tables.standards and not _in_bibliography(tables.standards[name], w.data))
            row = next(row for row in table.rows[1:] if row[0] == w.t(*area_title(area)))
            unit = r"（(\d+) 项）" if lang == "zh" else r" \((\d+) cases?\)"
            shown = {name: int(m.group(1)) for name in counts
                     if (m := re.search(re.escape(_ref_text(w, tables.standards[name])) + unit, row[-1]))}
            assert len(shown) == min(3, len(counts)) and all(shown[n] == counts[n] for n in shown), (area, row[-1])
            assert all(c <= min(shown.values()) for n, c in counts.items() if n not in shown), area


# d2 ---------------------------------------------------------------------------------------------------------------

def _recorded() -> dict[str, tuple[int, int]]:
    """tests/areas/identity/test_fidelity.py's RECORDED, read as text (the module is a slow test's)."""
    text = (ROOT / "tests/areas/identity/test_fidelity.py").read_text(encoding="utf-8")
    return {m.group(1): (int(m.group(2)), int(m.group(3)))
            for m in re.finditer(r'^    "([\w.-]+)": \((\d+), (\d+)\)', text, re.M)}


#: how 四（二） and 七 name each identity corpus the record holds (did-planted: the project's own planted defects)
_NAMED = {"vc-2.0-inputs": "数据模型 2.0 测试套件的输入", "vc-1.1-inputs": "1.1 测试套件的输入",
          "vc-2.0-spec-examples": "虚构地址", "vc-cose": "VC-JOSE-COSE", "jwt-forms": "JWT",
          "bip340-did-btc1": "did:btc1", "did-documents": "DID 测试套件", "proof-vectors": "签名测试向量",
          "jws-test-suite": "DIF `JsonWebSignature2020`", "deployed-proofs": "DCC"}


def test_d2_part_4_2_reports_each_recorded_identity_corpus_and_7_names_every_disagreement(note):
    record = _recorded()
    assert set(record) - {"did-planted"} == set(_NAMED), record
    part = " ".join(_paras(_after(note, "note-4")))
    identity = [t for t in _paras(_after(note, "note-4")) if "W3C" in t and "一致" in t and "VC API" not in t]
    for corpus, (total, agree) in record.items():
        if corpus == "did-planted":
            continue
        # the corpus named in a paragraph giving its total and its agreeing count
        assert any(_NAMED[corpus] in t and f"{total} 项" in t and f"一致 {agree} 项" in t for t in identity), corpus
    seven = next(t for t in _paras(_after(note, "note-7")) if t.startswith("本文件为自主制定"))
    assert "两处例外" not in seven and "例外均在该部分列出" in seven
    for corpus, (total, agree) in record.items():
        if agree < total:
            assert _NAMED[corpus] in seven, corpus
    assert "VC API" in part and "3D Tiles" in seven


def test_d2_the_w3c_row_of_7_points_to_a_comparison_4_2_reports(note):
    row = next(r for b in _after(note, "note-7") if b.kind == "table" for r in b.rows if "W3C DID" in r[0])
    assert "以这些套件的输入作为一致性比对语料（本说明第四部分）" in row[1]
    assert any("W3C 可验证凭证数据模型 2.0 测试套件的输入" in t for t in _paras(_after(note, "note-4")))


# d3 ---------------------------------------------------------------------------------------------------------------

def test_d3_the_ip_part_names_every_corpus_folder_as_others_data_under_their_licences(note, note_en):
    folders = corpus_folders(ROOT)
    assert folders and all(recorded(ROOT / CORPORA / name) for name in folders), folders
    for blocks, lang in ((note, "zh"), (note_en, "en")):
        text = " ".join(_paras(_after(blocks, "note-5")))
        assert all(f"`{CORPORA}/{name}`" in text for name in folders), lang
        assert "测试数据以开源许可证发布" not in text and "test data published with it are open source" not in text
    zh = " ".join(_paras(_after(note, "note-5")))
    assert "不在上述开源许可证之内，按各来源自己的许可证随项目分发" in zh


# d4 ---------------------------------------------------------------------------------------------------------------

def test_d4_part_13_says_in_both_languages_which_untested_items_it_explains(note, note_en):
    zh = next(t for t in _paras(_after(note, "note-13")) if "所列未作检验的" in t)
    en = next(t for t in _paras(_after(note_en, "note-13")) if "leaves untested" in t)
    # the English speaks of "the items" of table B.2, not of a number of them; the Chinese the same
    assert "所列未作检验的各项中" in zh and not re.search(r"所列未作检验的[两二三四五六七八九十\d]+项", zh)
    assert "Of the items table" in en and not re.search(r"Of the (?:two|\d+) items", en)


# b3 ---------------------------------------------------------------------------------------------------------------

def test_b3_every_reading_bound_a_case_cites_by_name_has_its_row(catalog: Catalog, note, note_en):
    """Class: each normative requirement whose statement, rules or 判定准则 cite a 5.1 reading bound by name
    (「读取界限“跟随的列表页数”」) has a row of 三（三） listing the bound's value, in both languages."""
    w = Writer(catalog, "zh")
    zh, en = limit_rows(note), limit_rows(note_en)
    cited = {r.id: named_bounds(deciding_text(w, r)) for r in catalog.requirements.values() if normative(r)}
    cited = {rid: bounds for rid, bounds in cited.items() if bounds}
    assert {"IF-UDP-001", "IF-UDP-003", "IF-UDP-009"} <= set(cited)
    for rid, bounds in cited.items():
        assert rid in zh and rid in en, rid
        assert all(value in zh[rid][0] for value in bounds), (rid, zh[rid][0])
        assert all(value in en[rid][0] for value in bounds.values()), (rid, en[rid][0])
    assert all(named_bounds(f"读取界限“{b.name[0]}”") for b in BOUNDS)  # every bound has a value to show


def test_b3_the_limits_intro_counts_the_rows_and_the_rows_of_bounds_alone(note):
    rows = limit_rows(note)
    intro = next(t for t in _paras(_after(note, "note-3-2")) if "共出现在" in t)
    assert f"共出现在 {len(rows)} 项要求中" in intro
    bounds_only = [rid for rid, (_, basis) in rows.items() if basis.startswith(tuple("0123456789"))
                   and "为 5.1 所列测试设备的读取界限" in basis and "附注" not in basis]
    assert f"{len(bounds_only)} 项的限值均为 5.1 所列测试设备的读取界限" in intro, (bounds_only, intro)
    assert {"IF-UDP-001", "IF-UDP-003", "IF-UDP-009", "AS-CONT-001"} <= set(bounds_only)
