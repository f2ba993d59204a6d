"""The forty-ninth reading, part h102-refsB (docs/drafting.md, "Forty-ninth reading, part h102-refsB"): clause 2 and
annex D cross-references. Clause 2 listed W3C ODRL Information Model 2.2 and Schema.org 30.0, which the text cited
nowhere (a3); table D.5 cited two clause 2 documents by translated titles, one without its date (a4); TD-ACC-001 and
TD-ACC-002 cited a sub-clause of annex E as 「附录 E.5」 (a6); table D.3's 「要求」 column left out the cases whose steps
call `transferAsset`, `burnAsset` or `lockAsset` in words only (b6). Each test fails on the draft as it was before
(c9ef4918)."""

from __future__ import annotations

import re

from conformance.drafting.contracts import named_operations, operations
from conformance.drafting.writer import load_data, normative
from tests.drafting.test_spec_leftovers_seventeenth_refs import _ENTRY, normative_text
from tests.drafting.test_spec_leftovers_thirtyfourth_b import _clause_2

#: the short forms by which the text cites a clause 2 entry that has no number, where it does not write the title up
#: to its version (「W3C DCAT 3」 for "W3C Data Catalog Vocabulary (DCAT) — Version 3"): a register of the forms in use
SHORT = {
    "buildingSMART IFC4 Reference View 1.2 (MVD)": ("IFC4 Reference View 1.2", "IFC4 参考视图 1.2", "IFC4 RV 1.2"),
    "CityJSON Specifications 2.0.2": ("CityJSON 2.0",),
    # fifty-eighth reading, a2: cited by its number and clause 2's date, 「ECMA-262（2020-06）」
    "ECMA-262 ECMAScript 2020 Language Specification": ("ECMA-262（2020-06）", "ECMA-262 (2020-06)"),
    "OASIS MQTT Version 3.1.1": ("MQTT 3.1.1",),
    "OGC SensorThings API Part 1: Sensing 1.1 (OGC 18-088)": ("SensorThings API 1.1",),
    "OGC SensorThings API Part 2: Tasking Core 1.0 (OGC 17-079r1)": ("SensorThings API Part 2", "SensorThings API 第 2 部分"),
    "OGC SWE Common Data Model Encoding Standard 2.0 (OGC 08-094r1)": ("SWE Common",),
    "OpenAPI Specification 3.1.0": ("OpenAPI 3.1",),
    "SPDX Specification 2.3": ("SPDX 2.3",),
    "W3C Data Catalog Vocabulary (DCAT) — Version 3": ("W3C DCAT 3", "DCAT 3"),
    "W3C Decentralized Identifiers (DIDs) v1.0": ("DID Core",),
    "W3C PROV-O The PROV Ontology": ("PROV-O",),
    "W3C Securing Verifiable Credentials using JOSE and COSE": ("VC-JOSE-COSE",),
    "W3C Verifiable Credentials Data Model v1.1": ("VC 1.1",),
    "W3C Verifiable Credentials Data Model v2.0": ("VC Data Model 2.0",),
    "W3C Web Annotation Data Model": ("W3C Web Annotation",),
    # sixty-first reading, h121-u3: ID-VC-002's step 2 cites the part and 3.3.7.1 (clause 2 since h120-note)
    "W3C XML Schema Definition Language (XSD) 1.1 Part 2: Datatypes": ("XML Schema 1.1 第 2 部分", "XML Schema 1.1 Part 2"),
}
#: entries the normative text still cites by no form with their version, by language: a list that only shrinks.
#: JSON-LD 1.1 is cited as 「JSON-LD」 alone, an undated form of a dated entry; the Chinese cites the VC Data Model
#: v2.0 as 「VC 数据模型 2.0」 (ID-VCAPI-002's rules R6 to R31 and its messages, ID-VP-001), a half-translated title:
#: neither is one of this part's rows
NOT_YET_CITED = {"zh": ("JSON-LD 1.1", "W3C Verifiable Credentials Data Model v2.0"), "en": ("JSON-LD 1.1",)}


def _title(entry: str) -> str:
    """A clause 2 entry without its bracketed date or edition at the end."""
    return re.sub(r"\s*[(（][^()（）]*[)）]$", "", entry)


def _forms(title: str) -> tuple[str, ...]:
    """The title, the title up to its version ("glTF 2.0" of "glTF 2.0 Specification"), its document number
    ("CIPA DC-008-2012", "OGC 21-006r2") and the short forms registered for it."""
    version = re.match(r"^(.*?\s(?:v|Version )?\d[\w.]*)", title)
    number = re.match(r"^([A-Z]+ [A-Z]*-?\d[\w-]*)", title)
    return (title, *(m.group(1) for m in (version, number) if m), *re.findall(r"\((OGC [\w-]+)\)", title),
            *SHORT.get(title, ()))


def _uncited(blocks: list) -> list[str]:
    text = normative_text(blocks)
    return [_title(entry) for entry in _clause_2(blocks) if not _ENTRY.match(entry)
            and not any(form in text for form in _forms(_title(entry)))]


def test_every_named_clause_2_entry_is_cited(zh, en):
    """The class of a3: every clause 2 entry without a number is cited in the normative text by its title (up to its
    version) or a registered short form; ODRL Information Model 2.2 and Schema.org 30.0 were cited nowhere (numbered
    entries: tests/drafting/test_spec_leftovers_seventeenth_refs.py)."""
    assert set(SHORT) <= {_title(entry) for entry in _clause_2(zh)}
    for blocks, lang in ((zh, "zh"), (en, "en")):
        assert _uncited(blocks) == list(NOT_YET_CITED[lang])


def test_the_data_product_cases_cite_the_odrl_model_and_the_schema_org_release(zh_markdown, en_markdown):
    """a3: DP-PRICE-001's step 2 reads payment duties and constraints, which the ODRL Information Model defines (the
    vocabulary gives their terms); DP-DESC-001's step 5 and DP-PRICE-001's step 3 read a Schema.org `Offer`."""
    zh, en = zh_markdown.replace("\u2011", "-"), en_markdown.replace("\u2011", "-")
    assert "其义务与约束按 W3C ODRL Information Model 2.2（2018-02-15）的定义" in zh
    assert "as W3C ODRL Information Model 2.2 (2018-02-15) defines them" in en
    assert zh.count("Schema.org 30.0（2026-03-19）的 `Offer`") == 2
    assert "该报价为 Schema.org 30.0（2026-03-19）的 `Offer`" in zh  # no dated citation inside a bracket
    assert en.count("Schema.org 30.0 (2026-03-19) `Offer`") == 2
    # the vocabulary is still cited as before (part b of the thirty-fourth reading's leftovers)
    assert "按 W3C ODRL Vocabulary & Expression 2.2（2018-02-15）的术语" in zh


#: translated titles of clause 2 documents the Chinese text used beside their listed titles (a4): one document, one
#: name, the one clause 2 lists
TRANSLATED = ("Web 认证", "位串状态列表", "《去中心化标识符", "《可验证凭证数据模型")


def test_no_clause_2_document_goes_by_a_translated_title(zh_markdown, note_md):
    """The class of a4: table D.5 cited 「W3C Web 认证第 2 级（第 5.4 节）」 and 「W3C 位串状态列表 v1.0 第 2.2 节」;
    the descriptions come from the contract's ``x-description-zh``."""
    assert [name for name in TRANSLATED if name in zh_markdown or name in note_md] == []
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+) \|$", zh_markdown, re.M))
    assert "W3C Web Authentication Level 2（2021-04-08）第 5.4 节所定义的 `PublicKeyCredentialCreationOptions`" \
        in rows["deviceRegistrationOptions"]
    assert "W3C Bitstring Status List v1.0（2025-05-15）第 2.2 节所定义的 `BitstringStatusListCredential`" \
        in rows["getStatusList"]


def test_an_annex_sub_clause_is_cited_by_its_number(zh_markdown):
    """The class of a6: a sub-clause of an annex is cited by its number alone (GB/T 1.1-2020 9.5.3); TD-ACC-001 and
    TD-ACC-002 wrote 「（附录 E.5）」."""
    assert re.findall(r"附录 ?[A-Z]\.\d", zh_markdown) == []
    assert zh_markdown.count("所提供的设备描述文件无法解析或不是 JSON 对象（E.5）") == 2


#: the words a Chinese step uses for a call of an asset lifecycle operation without its path (b6)
CALLS_ZH = {
    "transferAsset": r"转让给",
    "burnAsset": r"销毁(?:第 \d+ 步的|该)资产",
    "lockAsset": r"请求锁定|锁定其所持",
    # fiftieth reading, b6: a key login's two calls, asked in words or taken over from ID-AUTH-001, and the export
    "createAuthChallenge": r"申请挑战|按 ID-AUTH-001 ?(?:以[^，；。]{0,40})?登录",
    "proveKeyControl": r"提交(?:有效的)?(?:密钥)?证明|按 ID-AUTH-001 ?(?:以[^，；。]{0,40})?登录",
    "exportUserData": r"(?:读取|请求)(?:其|该用户的|用户的)(?:数据)?导出",
}


def test_every_case_calling_a_lifecycle_operation_in_words_is_listed_in_d3(catalog):
    """The class of b6: a case whose Chinese steps call `transferAsset`, `burnAsset` or `lockAsset` in words is
    listed with the operation in table D.3 (and 编制说明 三（四）, the same list); the English steps reach it through
    the operation's ``x-step-phrases``."""
    kept = [req for req in catalog.requirements.values() if normative(req)]
    procedures = load_data(catalog).procedures
    listed, _ = named_operations(catalog, kept, procedures)
    by_id = {op.operation_id: op.requirements for op in listed}
    missing: dict[str, list[str]] = {}
    for operation, words in CALLS_ZH.items():
        calling = [req.id for req in kept if any(re.search(words, str(step)) for step in
                   ((procedures.get(req.id) or {}).get("steps") or {}).get("zh") or ())]
        missing[operation] = [rid for rid in calling if rid not in by_id.get(operation, ())]
    assert missing == {operation: [] for operation in CALLS_ZH}
    assert {"AS-REG-003", "AS-REG-004", "AS-REG-006", "IF-IOP-002"} <= set(by_id["transferAsset"])
    assert {"AS-REG-002", "AS-REG-006"} <= set(by_id["burnAsset"])
    assert "IF-CODE-006" in by_id["lockAsset"]
    assert {"ID-AUTH-003", "ID-MFA-001", "ID-PORT-005"} <= set(by_id["proveKeyControl"])
    assert {"IF-BIO-001", "IF-UDP-009", "IF-UDP-013"} <= set(by_id["exportUserData"])
    assert {op.operation_id for op in operations(catalog) if op.step_phrases} >= set(CALLS_ZH)

