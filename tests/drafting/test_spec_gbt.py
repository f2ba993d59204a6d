"""The specification as a committee circulates it (issue 47): the Chinese normative text in
the GB/T 1.1-2020 layout and its English translation with the same numbering. Its goals as
checks: no English in the Chinese normative body (no Latin-script word of three or more
letters outside code values, requirement IDs and the abbreviations and names clause 4
lists), no test node ID or command line in a test procedure, verdict criteria of its own for
at least 90 % of the test cases, only requirements whose status allows normative use in the
normative text. Each check is shown failing on a text made to fail it."""

from __future__ import annotations

import re

import pytest

from conformance import load_catalog
from conformance.cli import main
from conformance.drafting.spec import DRAFTING_RULE, PATENT, specification
from conformance.drafting.testcases import case_for
from conformance.drafting.wording import coded, english_words, program_names, tool_words
from conformance.drafting.writer import SPEC_SCHEMA, Block, load_data, normative
from conformance.errors import HarnessInputError
from tests.conftest import copy_catalog

#: the share of test cases whose verdict criteria no other case shares (the issue's goal)
DISTINCT = 0.9


def cases(items: list[Block]) -> dict[str, dict[str, str]]:
    """Requirement ID -> its test case (label -> text)."""
    return {b.anchor.removeprefix("test-"): dict(b.rows) for b in items
            if b.kind == "table" and b.anchor.startswith("test-")}


def distinct_share(criteria: list[str]) -> float:
    """The share of criteria no other test case shares."""
    counts: dict[str, int] = {}
    for text in criteria:
        counts[text] = counts.get(text, 0) + 1
    return sum(1 for text in criteria if counts[text] == 1) / len(criteria)


def test_the_chinese_normative_body_has_no_english(catalog, zh):
    allowed = load_data(catalog).allowed()
    checked = [b for b in zh if b.normative]
    assert len(checked) > 200
    found = {word for b in checked for text in (b.text, *(c for row in b.rows for c in row))
             for word in english_words(text, allowed)}
    assert found == set()


def test_the_english_check_finds_english_and_passes_codes_and_abbreviations(catalog):
    allowed = load_data(catalog).allowed()
    assert english_words("测试工具 reads the DID 文档", allowed) == ["reads", "the"]
    assert english_words("DID 文档的 `publicKeyJwk`、ID-DOC-001 与 JSON-LD、SHA-256、RFC 8785", allowed) == []
    assert english_words("未列出的缩略语 ABCD", allowed) == ["ABCD"]  # every abbreviation is in clause 4
    assert coded("字段 asset_id 为 true，方法 GET", allowed, frozenset({"GET"})) == (
        "字段 `asset_id` 为 `true`，方法 `GET`")
    assert coded("DID 与 glTF 与 JSON-LD", allowed) == "DID 与 glTF 与 JSON-LD"


def test_clause_4_lists_the_abbreviations_the_issue_names(zh):
    start = next(i for i, b in enumerate(zh) if b.kind == "heading" and b.anchor == "clause-4")
    end = next(i for i, b in enumerate(zh) if b.kind == "heading" and b.anchor == "clause-5")
    # one abbreviation a line: "DID：去中心化标识符（decentralized identifier）"
    listed = {b.text.split("：")[0] for b in zh[start:end] if b.kind == "para" and "：" in b.text}
    assert {"BIM", "IFC", "URDF", "MQTT", "EEG", "DCAT", "DID", "VC", "glTF", "VRM", "XR", "AR", "VR",
            "JSON-LD"} <= listed


def test_no_procedure_names_a_tool(zh, en):
    for items in (zh, en):
        found = {req: tool_words(case.get("测试步骤", case.get("Test procedure", "")))
                 for req, case in cases(items).items()}
        assert {req: words for req, words in found.items() if words} == {}
    assert tool_words("1. 执行 conformance run --profile p；2. tests/x/test_a.py::test_b[1]") == [
        "conformance run", "--profile", "tests/x/test_a.py::test_b[1]"]


def test_no_test_case_names_a_program(zh, en):
    """Issue 76: the steps of AS-GLTF-001..003, SC-TILE-005 and -009 said 「以 Khronos 官方
    glTF-Validator 校验」, the SC-CITY steps val3dity's error codes, SC-BIM-001's IfcOpenShell, and
    RB-URDF-001's statement (so its purpose and criteria) urdfdom: each now names the rule of the
    specification it checks. The last, SC-TILE-006 (third reading), states what of 3D Tiles 1.1 it
    checks; CesiumGS's 3d-tiles-validator is named in its notes, annex B and the 编制说明."""
    for items in (zh, en):
        found = {req: sorted({name.lower() for text in case.values() for name in program_names(text)})
                 for req, case in cases(items).items()}
        assert {req: names for req, names in found.items() if names} == {}
    assert program_names("2. 以 Khronos 官方 `glTF-Validator` 校验；按 val3dity 错误代码；IfcOpenShell") == [
        "glTF-Validator", "val3dity", "IfcOpenShell"]


#: the parts a program may be named in: annex B (the tools), annex C (drafts), the 参考文献
INFORMATIVE = ("foreword", "introduction", "annex-b", "annex-candidates", "bibliography")


def test_the_normative_text_names_no_program(zh):
    """Issue 76: annex A's parameters were described as val3dity's options (overlap_tol,
    planarity_d2p_tol...); the normative text names the rule, annex B the program."""
    clause, found = "", set()
    for block in zh:
        if block.kind == "heading" and block.level == 1:
            clause = block.anchor
        if clause in INFORMATIVE:
            continue
        found |= {(clause, name) for text in (block.text, *(c for row in block.rows for c in row))
                  for name in program_names(str(text))}
    assert found == set()


def test_verdict_criteria_are_the_requirements_own(zh, en):
    for items, label in ((zh, "判定准则"), (en, "Verdict criteria")):
        criteria = [case[label] for case in cases(items).values()]
        assert len(criteria) > 150 and distinct_share(criteria) >= DISTINCT
        for text in criteria:  # pass, fail, not applicable and inconclusive, each said
            assert len(text.split("\n")) == 4
    assert distinct_share(["通过：满足陈述。"] * 9 + ["通过：满足另一陈述。"]) == 0.1  # boilerplate fails the goal


def test_only_stable_requirements_are_normative_and_the_others_are_marked(catalog, zh):
    found = cases(zh)
    withdrawn = {r.id for r in catalog.requirements.values() if r.status == "deprecated"}
    assert withdrawn and set(found) == {r.id for r in catalog.requirements.values() if normative(r)}
    # the others are listed in an informative annex by number, title and status, without a test case
    listed = next(b for b in zh if b.anchor == "candidates")
    informative = {row[0].replace("\u2011", "-") for row in listed.rows[1:]}
    assert informative == {r.id for r in catalog.requirements.values() if not normative(r)} - withdrawn != set()
    assert {row[2] for row in listed.rows[1:]} <= {"草案", "候选"} and not listed.normative
    body = zh[:next(i for i, b in enumerate(zh) if b.anchor == "annex-a")]
    kept = {b.anchor.removeprefix("req-") for b in body if b.kind == "heading" and b.anchor.startswith("req-")}
    assert kept == {r.id for r in catalog.requirements.values() if normative(r)}


def test_the_translation_has_the_same_numbering(zh, en):
    def numbers(items: list[Block]) -> list[str]:
        return [b.text.split(" ")[0] for b in items if b.kind == "heading" and re.match(r"[\dA-D]\b|\d", b.text)]

    assert numbers(zh) == numbers(en) and len(numbers(zh)) > 300
    assert [b.anchor for b in zh if b.anchor] == [b.anchor for b in en if b.anchor]


def test_cover_and_foreword_are_those_of_a_draft_for_comments(zh):
    cover = dict(zh[0].rows)
    assert zh[0].kind == "cover" and cover["number"] == "GB/T XXXXX—XXXX"
    assert cover["ics"] == "ICS 35.240" and cover["ccs"] == "CCS L 60" and cover["status"] == "（征求意见稿）"
    assert cover["issued"].endswith("发布") and cover["effective"].endswith("实施") and cover["issuer"]
    assert zh[1].kind == "toc" and [r[1] for r in zh[1].rows][:3] == ["前言", "引言", "1 范围"]
    text = render_markdown_text(zh)
    foreword = text[text.index("## 前言"):text.index("## 引言")].replace("`", "")
    assert DRAFTING_RULE in foreword and PATENT in foreword
    for placeholder in ("提出。", "归口。", "本文件起草单位：", "本文件主要起草人："):
        assert placeholder in foreword
    terms = text[text.index("## 3 术语和定义"):text.index("## 4 缩略语")]
    assert "下列术语和定义适用于本文件。" in terms
    for term in ("元宇宙", "数字身份", "去中心化标识符", "可验证凭证", "数字资产", "数字孪生", "近眼显示"):
        assert f"\n{term}  " in terms
    assert "来源：" in terms


def render_markdown_text(items: list[Block]) -> str:
    return "\n".join(("#" * (b.level + 1) + " " + b.text) if b.kind == "heading" else b.text for b in items)


def test_every_area_has_its_equipment_calibration_and_conditions(catalog, zh):
    areas = list(dict.fromkeys(r.area for r in catalog.requirements.values()))
    clause = zh[next(i for i, b in enumerate(zh) if b.anchor == "clause-5"):
                next(i for i, b in enumerate(zh) if b.anchor == "clause-6")]
    # 5.1 also holds the table of the test equipment's reading bounds (part equip); every other table is an area's
    tables = [b for b in clause if b.kind == "table" and b.rows[0][0] != "读取界限"]
    assert len(tables) == len(areas)
    # fifty-eighth reading, part h114-terms (a6): what the supplier provides has a row of its own, where an area has it
    assert all([row[0] for row in t.rows if row[0] != "被测对象提供"] == ["测试设备", "校准", "环境条件"] for t in tables)
    terminal = dict(next(t for t in tables if "光度计" in t.rows[0][1]).rows)
    assert "检定或校准" in terminal["校准"] and "暗室" in terminal["环境条件"]


def test_annex_c_lists_changes_and_failure_rates(catalog):
    rates = [{"requirement": "ID-DOC-001", "judged": 4, "failed": 3}, {"requirement": "ID-DOC-002", "judged": 4,
                                                                       "failed": 0}]
    items = specification(catalog, rates=rates)
    annex = next(b for b in items if b.kind == "table" and b.anchor == "change-log")
    assert ("ID-DOC-001", "测评不通过率", "3/4 个参测方（75%）") in annex.rows
    assert not any(row[0] == "ID-DOC-002" for row in annex.rows)  # never failed: nothing to review


def test_render_of_a_missing_history_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["catalog", "render", "--history", str(tmp_path / "none.db"), "--out", str(tmp_path / "s.md")]) == 2
    err = capsys.readouterr().err
    assert "no such programme history" in err and "Traceback" not in err and not (tmp_path / "s.md").exists()


def test_the_english_translation_renders(en_markdown):
    text = en_markdown  # rendered once a process (conftest.py)
    assert text.index("## Foreword") < text.index("## 1 Scope") < text.index("## 2 Normative references")
    assert "This document is drafted in accordance with the rules given in GB/T 1.1-2020" in text
    assert "测试目的" not in text and "Test purpose" in text


def test_the_specification_data_is_checked_against_its_schema(catalog):
    with pytest.raises(HarnessInputError, match="ics"):
        catalog.schemas.require_valid({"cover": {"ics": "thirty-five"}}, SPEC_SCHEMA, "specification.yaml", "fix")
    with pytest.raises(HarnessInputError):
        catalog.schemas.require_valid({"procedures": {"not-an-id": {}}}, SPEC_SCHEMA, "specification.yaml", "fix")


def test_a_pass_criterion_states_what_the_tester_observes():
    from conformance.drafting.testcases import observed

    assert observed("响应应在 1 秒内返回", "zh") == "响应在 1 秒内返回"  # 响应 is a word, 应 the verb
    assert observed("第 95 百分位数不宜超过 500 毫秒", "zh") == "第 95 百分位数不超过 500 毫秒"
    assert observed("对应的文件应为 JSON，适宜的值不应为空", "zh") == "对应的文件为 JSON，适宜的值不为空"
    assert observed("It MUST be JSON.", "en") == "It MUST be JSON."


def test_an_area_writes_its_own_test_cases_beside_its_requirements(catalog):
    procedures = load_data(catalog).procedures
    assert "TD-SAFE-001" in procedures  # suites/terminal/procedures.yaml
    steps = case_for(catalog, catalog.requirements["TD-SAFE-001"], "zh", procedures["TD-SAFE-001"]).steps
    assert any("包装与说明书" in step for step in steps)


@pytest.mark.parametrize("entry, problem", [
    ("XX-NONE-001", "no requirement has this ID"),
    ("TD-SAFE-001", "also written in suites/"),
])
def test_a_wrong_procedures_entry_is_one_line_naming_the_file_and_the_id(tmp_path, entry, problem):
    root = copy_catalog(tmp_path / "catalog")
    (root / "suites" / "identity" / "procedures.yaml").write_text(
        f"procedures:\n  {entry}:\n    expected:\n      zh: 见上。\n      en: See above.\n", encoding="utf-8")
    with pytest.raises(HarnessInputError) as caught:
        load_data(load_catalog(root))
    line = str(caught.value)
    assert "suites/identity/procedures.yaml" in line and entry in line and problem in line


def test_paths_and_status_classes_are_code_as_a_whole():
    text = coded("返回 4xx 状态码，路径 /.well-known/did.json 与 /1.0/identifiers/{did}，1/60 秒，m/s", set())
    assert "`4xx`" in text and "`/.well-known/did.json`" in text and "`/1.0/identifiers/{did}`" in text
    assert "1/60 秒" in text and "`m/s`" not in text


def test_a_code_value_that_starts_with_a_digit_is_code_as_a_whole():
    text = coded("用 3d-tiles-validator 校验，噪声 10dB", set())
    assert "`3d-tiles-validator`" in text and "10dB" in text and "`" not in text.replace("`3d-tiles-validator`", "")


def test_a_cases_inputs_keep_names_mark_optional_ones_and_list_with_semicolons(catalog):
    cases_of = {lang: case_for(catalog, catalog.requirements["ID-VC-003"], lang) for lang in ("zh", "en")}
    assert cases_of["en"].conditions[-1].endswith(
        "as JSON files, or as JWTs; the issuers' DID documents, whose verification methods supply the keys of the "
        "credentials' proofs offline (optional).")
    assert "；签发者的 DID 文档" in cases_of["zh"].conditions[-1] and "（可选）" in cases_of["zh"].conditions[-1]
    city = case_for(catalog, catalog.requirements["SC-CITY-001"], "en")
    assert "CityJSON files" in city.conditions[-1]  # a name with capitals inside is not lowered
