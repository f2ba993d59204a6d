"""The leftovers of the thirty-sixth reading of issue 76, part q (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part q"): DP-DIST-001's inconclusive states (row a4) and SPDX 2.3's checksum algorithms (row a5; the check
itself: tests/areas/data/test_products.py), DP-LABEL-002's not-applicable state (a6), the rule tags findings carry
(a9), AS-TRADE-007's set-up states (a11) and AS-HIST-002's lines as its check gives them (a12). Each test fails on
the draft or the suites as they were before these fixes."""

from __future__ import annotations

import ast
from pathlib import Path

from conformance.areas.data import dcat
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT


def test_dp_dist_001_names_the_states_it_is_inconclusive_in(zh_markdown, en_markdown):
    """Row a4: no dataset, an unreadable description, a file the harness does not read and an uncomputed
    algorithm are inconclusive; the line named only a relative URL naming no file."""
    zh = _verdict_lines(_cases(zh_markdown)["DP-DIST-001"], "zh")["不确定"]
    for state in ("`dcat:Dataset`", "（未作判定，由 DP", "`max_file_bytes`", "本文件不判定的 SPDX 2.3 算法",
                  "未指向所提供的文件"):
        assert state in zh, state
    en = _verdict_lines(_cases(en_markdown)["DP-DIST-001"], "en")["Inconclusive"]
    for state in ("`dcat:Dataset`", "DESC\u2011001 judges it", "`max_file_bytes`", "SPDX 2.3 algorithm this document does not judge",
                  "names no file supplied"):
        assert state in en, state


def test_every_spdx_2_3_algorithm_is_computed_or_named_uncomputed():
    """Row a5: SPDX 2.3's ChecksumAlgorithm vocabulary (7.10) has 17 algorithms; seven were computed and the
    other ten failed R1."""
    names = {"sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_384", "sha3_512", "blake2b256",
             "blake2b384", "blake2b512", "blake3", "md2", "md4", "md5", "md6", "adler32"}
    known = {dcat.algorithm_name(iri) for iri in (*dcat.ALGORITHMS, *dcat.UNCOMPUTED)}
    assert known == names and not set(dcat.ALGORITHMS) & dcat.UNCOMPUTED


def test_dp_dist_001_r1_and_steps_name_spdx_2_3(zh_markdown, en_markdown):
    """Row a5: R1 asked for "an SPDX algorithm" and step 3 did not say what an uncomputed one gives."""
    zh = _cases(zh_markdown)["DP-DIST-001"]
    assert "SPDX 2.3 所定义的算法" in zh and "记录该校验和未作判定" in zh
    en = _cases(en_markdown)["DP-DIST-001"]
    assert "an algorithm SPDX 2.3 defines" in en and "record the checksum as not judged" in en


def test_dp_label_002_names_the_labelled_dataset_it_lacks(zh_markdown, en_markdown):
    """Row a6: the check is not applicable when no dataset's relative download URL names a COCO file supplied
    (nothing to judge, 3.24); the line named only the ICS."""
    zh = _verdict_lines(_cases(zh_markdown)["DP-LABEL-002"], "zh")["不适用"]
    assert "没有数据集的分发以相对下载 URL 指向所提供的 COCO 标注文件" in zh
    en = _verdict_lines(_cases(en_markdown)["DP-LABEL-002"], "en")["Not applicable"]
    assert "no dataset has a distribution whose relative download URL names a COCO annotation file supplied" in en


def test_as_trade_007_names_its_set_up_states(zh_markdown, en_markdown):
    """Row a11: identities not provisioned and a discovery document not answered 200 are inconclusive."""
    zh = _verdict_lines(_cases(zh_markdown)["AS-TRADE-007"], "zh")["不确定"]
    assert "服务发现文档未以 200 应答或不是 JSON，或无法取得测试身份" in zh
    en = _verdict_lines(_cases(en_markdown)["AS-TRADE-007"], "en")["Inconclusive"]
    assert "not answered 200 or is not JSON, or the test identities cannot be obtained" in en


def test_as_hist_002_gives_its_states_as_the_check_does(zh_markdown, en_markdown):
    """Row a12: unreadable metadata is a finding and unreadable history not applicable; the check is never
    inconclusive, yet its 不确定 line named both."""
    zh = _verdict_lines(_cases(zh_markdown)["AS-HIST-002"], "zh")
    # part h92-na: a refused history file with nothing else judged is 不确定, so the line names lines that do not parse
    assert "元数据文档无法解析" in zh["不通过"] and "历史文件的行无法解析时亦然" in zh["不适用"]
    # The thirty-seventh reading's a2 (part a1): a history file the test equipment refuses is unjudged.
    assert "被拒绝读取" in zh["不确定"] and "其行无法解析的历史文件见“不适用”" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["AS-HIST-002"], "en")
    assert "a metadata document does not parse" in en["Fail"] and "lines of a history file do not parse" in en["Not applicable"]
    assert "is refused" in en["Inconclusive"] and "whose lines do not parse, see" in en["Inconclusive"]


#: (file, function) of each check and helper of row a9 -> the requirement whose rules its findings name
_RULED = {
    ("suites/assets/test_generated_perceived.py", "test_generated_images_show_the_explicit_label"): "AS-AIGC-011",
    ("suites/identity/test_credentials.py", "test_jwt_secured_credentials"): "ID-VC-004",
    ("suites/identity/test_credentials.py", "_jwts"): "ID-VC-004",
    ("src/conformance/areas/identity/vcjwt.py", "claim_findings"): "ID-VC-004",
    ("suites/interfaces/test_reporting.py", "test_reports_follow_the_published_code_of_conduct"): "IF-CODE-001",
    ("src/conformance/areas/interfaces/reporting.py", "code_findings"): "IF-CODE-001",
    ("src/conformance/areas/interfaces/reporting.py", "outcome_findings"): "IF-CODE-001",
    ("suites/interfaces/test_sanctions.py", "test_a_ban_refuses_everything_on_linked_identities_and_never_lapses"):
        "IF-CODE-006",
    ("suites/identifiers/test_resolution.py", "test_resolution_agrees_with_what_it_describes"): "IR-RES-003",
}


def _tags(function: ast.AST) -> set[str]:
    """The string literals a function gives as a finding's rule: ``rule="..."``, a ``(who, "R1")`` pair a loop
    passes on, the third argument of vcjwt's ``_f``."""
    found = set()
    for node in ast.walk(function):
        if isinstance(node, ast.keyword) and node.arg == "rule" and isinstance(node.value, ast.Constant):
            found.add(node.value.value)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_f", "rule_unchecked", "refused_check",
                                                                            "linked_identity"):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                      and (a.value.startswith("R") or "-" in a.value)}
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Constant) \
                and isinstance(node.elts[1].value, str) and "-" in node.elts[1].value:
            found.add(node.elts[1].value)
    return {t for t in found if isinstance(t, str)}


def _functions(path: Path) -> dict[str, ast.AST]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_findings_carry_the_rules_their_texts_define(catalog):
    """Row a9: the report's Rule column printed internal tags (`found`, `published`, `ban-linked`, `digest`…)
    where the texts define R1…; each tag recorded is now one of its requirement's rules."""
    named = 0
    for (file, function), rid in _RULED.items():
        functions = _functions(ROOT / file)
        assert function in functions, (file, function)
        rules = {r.id for r in catalog.requirement(rid).rules}
        tags = _tags(functions[function])
        assert tags <= rules, (rid, function, sorted(tags - rules))
        named += bool(tags)
    assert named >= 7


def _constants(path: str) -> dict[str, object]:
    """A suite module's constants by name (the suites are not a package to import)."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {t.id: ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
            for t in n.targets if isinstance(t, ast.Name) and t.id.isupper()
            and isinstance(n.value, (ast.Constant, ast.Dict, ast.Tuple))}


def test_the_generation_checks_map_every_tag_to_a_rule(catalog):
    """Row a9: AS-AIGC-011's label findings and AS-AIGC-012 to -016's refused and generation findings (the
    generation module's tags) are recorded under the cases' rules (since part u every assets check writes its
    R-number itself: the area's scan, tests/areas/assets/test_rule_tags.py, holds the rest)."""
    from tests.areas.rule_tags import offending

    perceived = _constants("suites/assets/test_generated_perceived.py")
    interface = _constants("suites/assets/test_generation_interface.py")
    assert set(perceived["AIGC_011_RULES"]) <= {r.id for r in catalog.requirement("AS-AIGC-011").rules}
    assert interface["FIRST_RULE"] == "R1"
    assert offending("assets") == []