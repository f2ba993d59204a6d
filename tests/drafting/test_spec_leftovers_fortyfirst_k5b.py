"""The forty-first reading of issue 76, part h94-k5b (docs/drafting.md, "Forty-first reading, part h94-k5b"): verdict
lines and criteria sentences that fit their case. Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance import Catalog
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: what a step reads when it reads the product's recorded data, not its declaration: samples, frames, blocks, states
_RECORDED = re.compile(r"音频块|关节状态记录|有效位置|电量|每一帧|每个样本|每个触觉帧")
_ONLY_DECLARED = {"zh": "只读取被测对象的自我声明", "en": "it reads only what the implementation under test declares"}
_AGAINST_RECORDS = {"zh": "将被测对象的自我声明与其记录的数据比对",
                    "en": "it holds what the implementation under test declares about itself against the data it recorded"}


def test_c27_a_declaration_check_says_it_reads_only_the_declaration_only_where_its_steps_do(
        catalog: Catalog, zh_markdown: str, en_markdown: str):
    """Row c27: RB-JOINT-002, TD-AUD-003, TD-POSE-002 and TD-PWR-001 compare recorded joint states, audio blocks,
    positions and battery levels with the declaration, yet their fail line said the check reads only the declaration."""
    declared = {rid: req for rid, req in catalog.requirements.items() if req.measures == "declared"}
    assert {rid for rid, req in declared.items() if req.declared_against == "records"} >= {
        "RB-JOINT-002", "TD-AUD-003", "TD-POSE-002", "TD-PWR-001"}
    for lang, markdown, fail in (("zh", zh_markdown, "不通过"), ("en", en_markdown, "Fail")):
        cases = _cases(markdown)
        for rid, req in declared.items():
            line = _verdict_lines(cases[rid], lang)[fail]
            said = _AGAINST_RECORDS[lang] if req.declared_against == "records" else _ONLY_DECLARED[lang]
            other = _ONLY_DECLARED[lang] if req.declared_against == "records" else _AGAINST_RECORDS[lang]
            assert said in line and other not in line, (rid, lang, line)
    # the class: no case saying it reads only the declaration has steps reading recorded data
    for rid, case in _cases(zh_markdown).items():
        if _ONLY_DECLARED["zh"] in _row(case, "判定准则"):
            assert not _RECORDED.search(_row(case, "测试步骤")), rid


def test_c28_no_type_b_component_where_the_case_reads_no_instrument(catalog: Catalog, zh_markdown: str,
                                                                     en_markdown: str):
    """Row c28: TD-AUD-006, TD-BCI-006 and TD-HAND-004 read no instrument (their 前置条件 says so) but their
    decision rule combined type A with an instrument's type B."""
    no_instrument = re.compile(r"不判定任何(?:声学)?仪器的读数")
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    found = set()
    for rid, case in zh_cases.items():
        criteria, en_criteria = _row(case, "判定准则"), _row(en_cases[rid], "Verdict criteria")
        if no_instrument.search(_row(case, "前置条件")):
            found.add(rid)
            assert "仪器声明的 B 类" not in criteria and "无 B 类分量" in criteria, rid
            assert "type B of the instrument" not in en_criteria and "no type B component" in en_criteria, rid
        else:  # a case reading an instrument keeps its type B
            assert "无 B 类分量" not in criteria, rid
    assert found >= {"TD-AUD-006", "TD-BCI-006", "TD-HAND-004"}
    assert {rid for rid, req in catalog.requirements.items()
            if req.decision_rule is not None and req.decision_rule.type_b == "none"} == found


def test_c11_c12_c13_a_profile_of_several_device_kinds_gates_what_one_kind_lacks(catalog: Catalog):
    """Rows c11 to c13: terminal-haptics covers olfactory and motion-platform devices, which have no haptic stream,
    and terminal-sensor-performance depth, radar and tactile sensors, which have no pose on a turntable, and
    mains-powered ones, which run no battery workload; TD-HAPT-001, TD-PERF-001/-002 and TD-PWR-002 were in their
    cores, so such a device was inconclusive on them for good. A profile with features keeps no measured case in its
    core, and the haptic frames' cases are a feature beside the olfactory and motion-platform ones."""
    for profile in catalog.profiles.values():
        if profile.features:
            core_measured = [r for r in profile.requirements if catalog.requirements[r].measures == "instrument"]
            assert not core_measured, (profile.id, core_measured)
    haptics = catalog.profile("terminal-haptics")
    kinds = {"haptic-vibration": {"TD-HAPT-001", "TD-HAPT-002"}, "olfactory": {"TD-OLF-001"},
             "motion-platform": {"TD-MPLAT-001"}}
    for feature, ids in kinds.items():
        assert ids <= set(haptics.features[feature].requirements), feature
    assert not {r for r in haptics.requirements if r.startswith(("TD-HAPT", "TD-OLF", "TD-MPLAT"))}


def test_c13_no_core_case_runs_under_a_feature_cases_set_up(catalog: Catalog, zh_markdown: str):
    """Row c13: TD-PWR-002's 前置条件 runs TD-PWR-003's battery workload, while TD-PWR-003 is the feature
    「以功率分析仪测量的续航」: a core case's 前置条件 names no case its profile gates on a feature."""
    cases = _cases(zh_markdown)
    for profile in catalog.profiles.values():
        gated = {r for feature in profile.features.values() for r in feature.requirements}
        for rid in profile.requirements:
            if rid in cases:
                named = {n.replace("\u2011", "-") for n in
                         re.findall(r"[A-Z]{2}[\u2011-][A-Z0-9]+[\u2011-]\d{3}", _row(cases[rid], "前置条件"))}
                assert not named & gated, (profile.id, rid, named & gated)


def test_b12_every_case_linking_identities_is_the_feature_and_fails_a_refused_link(zh_markdown: str,
                                                                                  en_markdown: str):
    """Row b12: AS-TRADE-009 and AS-TRADE-010 asked for a linked identity in every platform and were inconclusive
    for good where the platform makes none, while IF-CODE-005 gates the same set-up on an ICS feature and fails a
    refused link. Every case whose steps ask for a linked identity (`linked_to`) is now behind a feature naming
    the linking, not applicable without it, and fails a refusal; none is inconclusive on it."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    linking = [rid for rid, case in zh_cases.items() if "linked_to" in _row(case, "测试步骤")]
    assert {"AS-TRADE-009", "AS-TRADE-010", "IF-CODE-005"} <= set(linking)
    for rid in linking:
        lines, en_lines = _verdict_lines(zh_cases[rid], "zh"), _verdict_lines(en_cases[rid], "en")
        assert re.search(r"ICS 声明支持特性“平台将多个身份关联为同一用户[^”]*”", _row(zh_cases[rid], "前置条件")), rid
        assert "ICS 未声明支持特性“平台将多个身份关联为同一用户" in lines["不适用"], rid
        assert "拒绝开通" in lines["不通过"] and "关联身份" in lines["不通过"], rid
        assert "关联身份" not in lines["不确定"] and "linked identity" not in en_lines["Inconclusive"], rid


def test_bx4_clause_5_1_and_if_tls_001_give_one_rule_for_a_missing_trust_anchor_file(zh_markdown: str,
                                                                                     en_markdown: str):
    """Row bx4: 5.1 verified every TLS chain against the Mozilla list where the IXIT gives no `ca_bundle`, while
    IF-TLS-001, the case judging the chain, judges no R6 and R7 then: 5.1 now states that case's rule."""
    for lang, markdown, default, rule in (
            ("zh", zh_markdown, "Mozilla CA 证书计划", ("判定证书链本身的测试用例只依据 IXIT 给出的信任锚文件",
                                                       "IXIT 未给出该文件时不评判证书链与主机名", "不确定")),
            ("en", en_markdown, "Mozilla CA Certificate Program", (
                "the test case that judges the chain itself judges the chain and the host name against the IXIT's "
                "trust-anchor file alone", "where the IXIT gives none it judges neither", "inconclusive"))):
        (clause,) = [p for p in markdown.split("\n") if default in p and "ca_bundle" in p]
        assert all(words in clause for words in rule), (lang, clause)
    case = _cases(zh_markdown)["IF-TLS-001"]
    assert "IXIT 未给出信任锚文件时，不评判 R6 与 R7" in _row(case, "测试步骤")
    assert "IXIT 未给出信任锚文件 `ca_bundle`，致使 R6 与 R7 无法评判" in _verdict_lines(case, "zh")["不确定"]
