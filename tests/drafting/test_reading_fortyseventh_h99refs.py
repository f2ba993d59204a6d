"""The forty-seventh reading, part h99-refs (docs/drafting.md, "Forty-seventh reading, part h99-refs"): the cases read
PEM files and bodies while no normative reference defined PEM (a1); E.17 restated ECMA-262's rules, a document clause
2 does not list (a2), and named `assets/trade.json`, a schema annex D names nowhere (a3); AS-META-001 validated against
「接口契约中的资产元数据模式」, naming no schema file (ax1). Each test fails on the draft as it was before (d208fd70)."""

from __future__ import annotations

import re

#: a schema file as the draft names it, `assets/trade.json`
_FILE = re.compile(r"`([a-z-]+/[A-Za-z0-9_.-]+\.json)`")
#: a test case's clause, from its heading to the next heading
_CASE = re.compile(r"^### \d+\.\d+ [A-Z]+[-‑][A-Z]+[-‑]\d+ .*?(?=^#)", re.M | re.S)


def _annex(markdown: str, letter: str) -> str:
    return re.split(r"\n## 附录 [A-Z]", markdown.split(f"\n## 附录 {letter}", 1)[1], maxsplit=1)[0]


def test_a1_clause_2_lists_rfc_7468_and_every_text_naming_pem_cites_it(zh_markdown):
    """The class: a text from clause 5 on that names PEM (a file, a request, a certificate) names the document defining
    it; clause 4 only spells the abbreviation out."""
    references = zh_markdown.split("\n## 2 ", 1)[1].split("\n## 3 ", 1)[0]
    assert "RFC 7468 Textual Encodings of PKIX, PKCS, and CMS Structures (2015-04)" in references
    body = zh_markdown.split("\n## 5 ", 1)[1]
    named = [line for line in body.splitlines() if "PEM" in line]
    assert len(named) > 20  # 5.1, the IXIT rows, the cases, the operations, the manifest
    assert [line[:80] for line in named if "RFC 7468" not in line] == []


def test_a2_annexes_d_and_e_name_ecma_262_only_as_json_schemas_pattern_dialect(zh_markdown):
    """ECMA-262 enters annexes D and E by way of JSON Schema 2020-12 (its regular expressions; clause 2 lists it since
    the fifty-eighth reading, a2); a rule of its own that a case applies (E.17's escaping and number forms) is RFC
    8785's to give."""
    annexes = zh_markdown.split("\n## 附录 D", 1)[1]
    assert [line[:80] for line in annexes.splitlines() if "ECMA-262" in line and "JSON Schema 2020-12" not in line] == []
    assert "RFC 8785" in _annex(zh_markdown, "E")


def test_a3_every_schema_file_annex_e_names_is_in_annex_d_or_heads_an_annex_e_clause(zh_markdown):
    """The forty-fifth reading's b1 class over annex E's own text: its mention alone does not define a schema."""
    annex_d, annex_e = _annex(zh_markdown, "D"), _annex(zh_markdown, "E")
    headings = "\n".join(line for line in annex_e.splitlines() if line.startswith("#"))
    named = set(_FILE.findall(annex_e))
    assert "assets/lifecycle-event.json" in named
    assert sorted(name for name in named if f"`{name}`" not in annex_d and f"`{name}`" not in headings) == []


def test_ax1_no_case_validates_against_a_schema_it_names_only_as_one_of_the_contracts(zh_markdown):
    """「接口契约中的资产元数据模式」 named neither the file nor annex D; AS-META-001 now names both."""
    cases = _CASE.findall(zh_markdown)
    assert [case[:40] for case in cases if re.search(r"接口契约中的[^。；`]{0,20}模式", case)] == []
    meta = next(case for case in cases if re.match(r"### [\d.]+ AS[-‑]META[-‑]001 ", case))
    assert re.search(r"附录 D 所列 `assets/asset-metadata\.json`", meta)
    assert re.search(r"^#### D\.5\.\d+ `assets/asset-metadata\.json`$", zh_markdown, re.M)
