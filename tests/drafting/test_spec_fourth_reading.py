"""The fourth reading of issue 76 (docs/drafting.md, "Fourth reading"): a reader who wrote none of the
draft read the rendered Chinese 征求意见稿 and 编制说明 against GB/T 1.1-2020 and the issue's defect kinds.
Each test fails on the draft as it was before the fix it names."""

from __future__ import annotations

import re


from tests.drafting.blocks import between, text_of


def test_no_law_stands_among_the_normative_references(zh, catalog):
    """The Civil Code, newly cited by AS-TRADE-003, stood in clause 2 as "Civil Code of the PRC (2020)": a law
    under an English name among the standards. A law of the People's Republic is bibliography whether or not
    the specification's list names it, cited by its Chinese title, issuer and 主席令."""
    from conformance.drafting.spec import _in_bibliography
    from conformance.drafting.tables import Standard
    from conformance.drafting.writer import load_data

    clause_2 = text_of(between(zh, "clause-2", "clause-3"))
    assert "PRC" not in clause_2 and "Civil Code" not in clause_2
    bibliography = text_of(between(zh, "bibliography"))
    assert "全国人民代表大会. 中华人民共和国民法典：中华人民共和国主席令第四十五号[Z/OL]. 2020-05-28" in bibliography
    assert _in_bibliography(Standard("Some Law of the PRC (2030)", ""), load_data(catalog))


def test_every_law_a_requirement_cites_is_analysed_in_the_note(catalog, note):
    """编制说明 八 analyses each law the requirements rest on; the Civil Code (AS-TRADE-003) had no entry."""
    cited = {ref.name for req in catalog.requirements.values() for ref in req.source.standards
             if re.search(r"\bof the PRC\b", ref.name)}
    assert "Civil Code of the PRC (2020)" in cited
    headings = [b.text for b in between(note, "note-8") if b.kind == "heading"]
    assert any("《中华人民共和国民法典》" in h and "主席令第四十五号" in h for h in headings)
    from conformance.drafting.explanatory_data import load_note_data

    data = load_note_data(catalog)
    assert data is not None
    analysed = {str(entry.get("name")) for entry in data.get("relations") or []}
    assert cited <= analysed, cited - analysed


def test_the_normative_annexes_list_every_allowed_value(zh):
    """Annexes D and E are normative, yet 9 enumerations stopped after eight values 「…（40）」: the device
    classes, stream kinds and units a capture may carry were not all defined by the document."""
    from conformance.drafting.schema_summary import summary

    annexes = text_of(between(zh, "annex-contracts", "bibliography"))
    assert "…（" not in annexes
    values = [f"v{i}" for i in range(12)]
    rows = summary({"properties": {"kind": {"enum": values}}}, "https://example.org/s", lambda b, r: ({}, b))
    assert rows[0].constraints == (("enum", "、".join(f"`{v}`" for v in values)),)


def test_units_are_written_as_the_si_writes_their_symbols(zh, en, note):
    """TD-MOT-002 and -003 read 「1000 deg/s」, 「700 m/s^2」, 「600000 deg/s^2」 (13 times in the Chinese draft, and
    in the 编制说明's limits table); the SI writes the degree as ° and a power as a superscript."""
    from conformance.drafting.wording import si_symbols

    for items in (zh, en, note):
        outside_code = re.sub(r"`[^`]*`", "", text_of(items))
        assert not re.search(r"\d\s?deg/s|/s\^[23]", outside_code)
    assert si_symbols("不应超过 700 m/s^2 与 600000 deg/s^2，1000 deg/s；单位 `deg/s`") == (
        "不应超过 700 m/s² 与 600000 °/s²，1000 °/s；单位 `deg/s`")


def test_one_name_for_the_provider_and_for_the_laboratory(zh, note):
    """The party submitting the object under test was 被测对象的提供者 (3.20, clause 16), 申请者 (annex A, twice
    in TD-SAFE-001's case) and 实现的提供者 (3.22); the laboratory 测试实验室 (37 uses) and 测试机构 (the 引言,
    the 编制说明)."""
    for items in (zh, note):
        text = text_of(items)
        assert [w for w in ("申请者", "实现的提供者", "测试机构") if w in text] == []
    assert "被测对象的提供者填写" in text_of(between(zh, "annex-a", "annex-b"))


def test_the_limits_table_reads_the_statements_limit_and_what_the_notes_say_of_it(note):
    """编制说明 3.2 read 「604800 秒」 for 7 days (AS-TRADE-004, -008, -010) and 「2592000 秒」 for IF-UDP-006's 30
    days, gave the consumer protection law as AS-TRADE-004's basis under 「所引标准：」 though its notes say the
    seven days are the catalog's own and the law does not oblige the platform, and cut its quotes at a 「；」."""
    start = next(i for i, b in enumerate(note) if b.anchor == "note-3-2")
    table = next(b for b in note[start:] if b.kind == "table")
    rows = {row[0].replace("\u2011", "-"): row for row in table.rows[1:]}
    for req in ("AS-TRADE-004", "AS-TRADE-008", "AS-TRADE-010"):
        # the period as its statement writes it (thirtieth, a6), then a margin the steps set (forty-eighth, b1)
        assert rows[req][1].split("，")[0] == "604 800 s", req
    # IF-UDP-006's period as its statement writes it (thirty-first, a17)
    assert rows["IF-UDP-006"][1] == "2 592 000 s" and "GB/T 35273—2020 的 8.7 c)" in rows["IF-UDP-006"][2]
    assert "本文件自己的规定" in rows["AS-TRADE-004"][2]
    for req, _limits, basis in rows.values():
        assert not basis.endswith("；"), req
        assert not (basis.startswith("所引标准：") and "[Z]" in basis), req  # a law is no standard


def test_the_bibliography_types_each_entry_and_links_laws_at_their_issuers(zh):
    """GB/T 7714-2015's type codes: Khronos glTF-Validator stood as a standard [S] beside W3C Working Drafts,
    Community Group reports and IEEE P3079.1 (a project); a program is [CP/OL], a draft or report [EB/OL].
    Laws and regulations were linked at chinalawtranslate.com, zh.wikisource.org and a mirror of npc.gov.cn,
    the CADPA group standard at a news site: a Chinese document is linked only at a gov.cn site."""
    entries = [b.text for b in between(zh, "bibliography") if b.kind == "para"]
    by_title = {re.sub(r"^\[\d+\] ", "", e).split("[")[0]: e for e in entries}
    assert "[CP/OL]" in by_title["Khronos glTF-Validator"] and "[CP/OL]" in by_title["CesiumGS 3d-tiles-validator"]
    for title in ("W3C CCG Ed25519 Signature 2020", "W3C Web Audio API 1.1",
                  "IEEE P3079.1 Motion to Photon (MTP) Latency in Virtual Environments"):
        assert "[EB/OL]" in by_title[title], title
    assert "[S]" in by_title["ISO/IEC 30173:2023 Digital twin — Concepts and terminology"]  # a term's source
    chinese = [e for e in entries if re.match(r"\[\d+\] [\u4e00-\u9fff]", e)]
    assert len(chinese) > 10
    for entry in chinese:
        urls = re.findall(r"https?://\S+", entry)
        assert all(re.match(r"https?://(?:[\w-]+\.)*gov\.cn/", u) for u in urls), entry


def test_clause_5_states_a_capability_with_neng(zh):
    """GB/T 1.1-2020 Annex C states a capability with 能 (可 is the permission form): clause 5's equipment read
    「可向被测平台发送 HTTP(S) 请求的网络客户端」 (4 times) and its conditions 「被测平台可经网络访问」 (3 times). Table 7 names
    two more such clients since the twenty-fifth reading (row 23: the SC-FEED and SC-RENDER cases)."""
    clause_5 = text_of(between(zh, "clause-5", "clause-6"))
    assert "可向" not in clause_5 and "可经" not in clause_5
    assert clause_5.count("能向被测平台") == 6 and clause_5.count("能经网络访问") == 3


def test_the_data_formats_annex_defines_every_member_a_test_case_reads(zh):
    """Annex E gave members nested deeper than three levels by their type alone: 82 closed objects of the
    capture and descriptor formats listed no member, `device.system.display` among them, whose
    `refresh_rates_hz` TD-DISP-001 reads. A closed object is followed by its members."""
    formats = [b for b in between(zh, "annex-formats", "bibliography")
               if b.kind == "table" and b.rows[0][0] == "成员"]  # the members' tables (not E.8's stream types)
    assert formats
    for table in formats:
        paths = [(row[0].strip("`"), row[1], row[3]) for row in table.rows[1:]]
        for i, (path, kind, said) in enumerate(paths):
            # the object itself (its first row) and a member whose format has a table of its own (表 E.1's `device`,
            # `streams[]`: thirty-first reading, b11) are followed by no members here
            if kind == "`object`" and "封闭" in said and path != "（对象本身）" and "见表" not in said:
                following = paths[i + 1][0] if i + 1 < len(paths) else ""
                assert following.startswith((path + ".", path + "[", path + "〔")), path
    rows = [row[0] for table in formats for row in table.rows[1:]]
    assert "`system.display.refresh_rates_hz`" in rows  # 表 E.4's
