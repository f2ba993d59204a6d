"""The leftovers of the thirty-fourth reading of issue 76, part q (docs/drafting.md, "Leftovers of the thirty-fourth
reading, part q"): the rest of row b1 (clause 2's named documents cited nowhere) and row c6's sibling TD-ACC-001. The
steps that verify or make a Data Integrity proof cite W3C Verifiable Credential Data Integrity 1.0 and the EdDSA and
ECDSA cryptosuite specifications by clause 2's names, with clause 2's date; the SI Brochure, which nothing normative
applies, is in the 参考文献 instead of clause 2; TD-ACC-001's 不确定 line says what its check decides. Each test fails
on the draft as it was at e2976102."""

from __future__ import annotations

from collections import Counter

from conformance.drafting.englishcode import english_coded
from conformance.drafting.wording import coded
from tests.conftest import manifest_for, verdicts
from tests.drafting.blocks import text_of
from tests.drafting.test_spec_leftovers_thirtyfourth_b import NAMED, _clause_2, _uncited_named
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

VCDI = "W3C Verifiable Credential Data Integrity 1.0"
EDDSA = "W3C Data Integrity EdDSA Cryptosuites v1.0"
ECDSA = "W3C Data Integrity ECDSA Cryptosuites v1.0"
# the title its 参考文献 entry and clause 2 would give it (sixty-third reading, d4: the entry is 「BIPM. The International
# System of Units (SI): SI Brochure, 9th edition[EB/OL]」, its publisher set off by 「. 」, no longer after a comma)
SI = "The International System of Units (SI)"


def _dated(name: str, lang: str) -> str:
    return f"{name}（2025-05-15）" if lang == "zh" else f"{name} (2025-05-15)"


def test_every_named_clause_2_entry_is_cited(zh, en):
    """b1: four named entries of clause 2 were cited nowhere in the text (part b's list of them is now empty)."""
    assert set(NAMED) >= {VCDI, EDDSA, ECDSA, "The International System of Units (SI)"}
    for blocks in (zh, en):
        assert _uncited_named(blocks) == []


def test_the_proof_steps_cite_the_data_integrity_documents(zh_markdown, en_markdown):
    """b1: the steps verifying a Data Integrity proof named the cryptosuites (`eddsa-rdfc-2022` …) and 「数据完整性证明
    验证器」 / "a Data Integrity verifier", never the documents that define them."""
    for markdown, lang, label in ((zh_markdown, "zh", "测试步骤"), (en_markdown, "en", "Test procedure")):
        cases = _cases(markdown)
        for rid, cited in (("ID-VC-003", (VCDI, EDDSA, ECDSA)), ("ID-VCAPI-001", (VCDI, EDDSA, ECDSA)),
                           ("ID-VCAPI-002", (EDDSA,)), ("AS-REG-007", (VCDI, EDDSA))):
            steps = _row(cases[rid], label)
            for name in cited:
                assert _dated(name, lang) in steps, (rid, name, lang)
            assert "`EdDSA`" not in steps  # a word of the title, not the JOSE algorithm value
        assert "数据完整性证明验证器" not in markdown and "using a Data Integrity verifier" not in markdown


def test_the_si_brochure_is_in_the_bibliography_not_clause_2(zh, en):
    """b1: clause 2 listed the SI Brochure, which no rule, step or clause of the text applies (the draft has no clause
    on quantities and units); GB/T 1.1-2020 8.6 lists in clause 2 only what the text cites normatively."""
    for blocks in (zh, en):
        assert not any(SI in entry for entry in _clause_2(blocks))
        start = next(i for i, b in enumerate(blocks) if b.anchor == "bibliography")
        assert any(SI in b.text for b in blocks[start:])
    assert "SI Brochure" not in text_of(zh).split("参考文献")[0].split("规范性引用文件")[-1]


def test_a_literal_inside_a_name_stays_a_word():
    """b1: `EdDSA`, a JOSE algorithm value the text marks as code, is also a word of the cryptosuite specification's
    title; marked there, the citation no longer matched clause 2's entry and took no date."""
    allowed, literals = {"W3C", "Data", "Integrity", "Cryptosuites"}, frozenset({"EdDSA"})
    assert coded("按 W3C Data Integrity EdDSA Cryptosuites v1.0 签名", allowed, literals) == \
        "按 W3C Data Integrity EdDSA Cryptosuites v1.0 签名"
    assert coded("`alg` 为 EdDSA、`kid` 为", allowed, literals) == "`alg` 为 `EdDSA`、`kid` 为"
    assert coded("按 X.Y EdDSA Cryptosuites", allowed | {"Y"}, literals) == "按 `X.Y` `EdDSA` Cryptosuites"
    marked = Counter({"EdDSA": 1})
    assert english_coded("as W3C Data Integrity EdDSA Cryptosuites v1.0 specifies", marked, allowed) == \
        "as W3C Data Integrity EdDSA Cryptosuites v1.0 specifies"
    assert english_coded("whose header names `alg` EdDSA and", marked, allowed) == "whose header names `alg` `EdDSA` and"


def test_the_accessibility_declaration_lines_say_what_an_unparsable_descriptor_gives(zh_markdown, en_markdown):
    """c6's sibling: TD-ACC-001's 不确定 line called an unreadable descriptor inconclusive; the file adapter records a
    file that does not parse as a finding, so the check fails it (part k wrote TD-ACC-002's line so)."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-ACC-001"], "zh")  # the fail now on 不通过 (forty-second reading, c4)
    assert "未提供设备描述文件" in zh["不确定"] and "无法读取" not in zh["不确定"]
    assert "设备描述文件无法解析或不是 JSON 对象" in zh["不通过"]
    en = _verdict_lines(_cases(en_markdown)["TD-ACC-001"], "en")
    assert "no device descriptor file is supplied" in en["Inconclusive"] and "does not parse" in en["Fail"]
    assert "unreadable" not in en["Inconclusive"]


def test_an_unparsable_descriptor_fails_the_accessibility_declaration(catalog, run_manifest, tmp_path):
    """c6's sibling: the verdict the new line states, as the check gives it."""
    broken = tmp_path / "device.json"
    broken.write_text('{"accessibility": ', encoding="utf-8")
    result = run_manifest(manifest_for(catalog, "terminal-accessibility", files={"descriptors": [str(broken)]}),
                          requirements=["TD-ACC-001"])
    assert verdicts(result) == {"TD-ACC-001": "fail"}
