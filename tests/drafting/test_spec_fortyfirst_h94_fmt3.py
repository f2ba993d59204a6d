"""The forty-first reading of issue 76, part h94-fmt3 (docs/drafting.md, "Forty-first reading, part h94-fmt3"): what
part h94-fmt left of K6, a format a test case reads defined in no normative annex. The token metadata AS-META-002 and
AS-META-006 read (rows a9, b17) and the COCO annotation files of the DP-LABEL and DP-QUAL cases (b17) were defined only
by documents of the bibliography: annex E now renders them, and the cases cite them. A test over every schema an area
check validates with keeps the class from coming back. Each test fails on the sources as they were before this part."""

from __future__ import annotations

import ast
import json
import re
from urllib.parse import urljoin

import yaml

from conformance.areas._shared.privacy import objects
from tests.drafting.blocks import section
from tests.drafting.test_spec_fortyfirst_h94_fmt import BASE, _annex_e_formats, _schemas_named_by
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

#: the schemas area checks validate with that a requirement of annex C alone reads (no test case of the normative
#: text reads them, so no normative annex defines them): schema -> the requirements whose checks validate with it
READ_BY_CANDIDATES = {
    "assets/content-reviews.json": {"AS-REVIEW-001", "AS-REVIEW-002"},
    "interfaces/ai-agents.json": {"IF-AGENT-001", "IF-AGENT-002"},
    "interfaces/agent-message.json": {"IF-AGENT-001", "IF-AGENT-002"},
    "interfaces/standing.json": {"IF-CODE-002", "IF-CODE-003", "IF-CODE-007"},
}
#: the schemas that transcribe a format a document of clause 2 defines: schema -> the document as clause 2 lists it
IN_CLAUSE_2 = {"scenes/tileset.json": "OGC 3D Tiles Specification 1.1"}


def _references(name: str) -> set[str]:
    """The schemas of this catalog a schema (or the contract) refers to, by name, and theirs in turn."""
    found: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        path = ROOT / "schemas" / current
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.suffix == ".yaml" else json.loads(
            path.read_text(encoding="utf-8"))
        refs = [node["$ref"] for _, node in objects(data) if isinstance(node.get("$ref"), str)]
        for ref in refs:
            target = urljoin(BASE + current, ref).split("#")[0]
            if target.startswith(BASE) and (named := target.removeprefix(BASE)) not in found | {name}:
                found.add(named)
                todo.append(named)
    return found


def _area_packages() -> list[str]:
    areas = (ROOT / "src/conformance/areas").iterdir()
    return sorted(p.name for p in areas if p.is_dir() and not p.name.startswith("_")) + ["_shared"]


def test_every_schema_an_area_check_validates_with_is_defined_in_a_normative_annex(zh, zh_markdown, catalog):
    """The class of a9 and b17 (and the nine schemas part h94-fmt found): a schema a check validates with is a format
    of annex E, a body of annex D's contract or a schema annex D's tables refer to, or transcribes a document clause 2
    lists; else only requirements of annex C read it."""
    named = set().union(*(_schemas_named_by(p) for p in _area_packages()))
    annex_d = section(zh_markdown, 2, "附录 D")
    in_d = set(re.findall(r"`([a-z0-9-]+/[a-z0-9.-]+\.(?:json|yaml))`", annex_d))
    in_d |= set().union(*(_references(n) for n in set(in_d)))
    in_e = set(_annex_e_formats(zh))
    clause_2 = section(zh_markdown, 2, "2 规范性引用文件")
    requirements = catalog.requirements
    undefined = []
    for schema in sorted(named):
        if schema in in_e or schema in in_d:
            continue
        if schema in IN_CLAUSE_2:
            assert IN_CLAUSE_2[schema] in clause_2, schema
            continue
        readers = READ_BY_CANDIDATES.get(schema)
        if readers and all(requirements[r].status == "candidate" for r in readers):
            continue
        undefined.append(schema)
    assert not undefined, undefined


def test_the_candidate_schemas_are_read_by_those_requirements_alone():
    """READ_BY_CANDIDATES is the checks' truth: the suite modules that use each schema's constant mark only the
    requirements listed."""
    constants = {"assets/content-reviews.json": "REVIEWS_SCHEMA", "interfaces/ai-agents.json": "AGENTS_SCHEMA",
                 "interfaces/agent-message.json": "MESSAGE_SCHEMA", "interfaces/standing.json": "STANDING_SCHEMA"}
    modules = {"assets/content-reviews.json": "assets.review", "interfaces/ai-agents.json": "interfaces.agents",
               "interfaces/agent-message.json": "interfaces.agents", "interfaces/standing.json": "interfaces.reporting"}
    for schema, constant in constants.items():
        module = "conformance.areas." + modules[schema]
        marked: set[str] = set()
        for path in (ROOT / "suites").glob("*/test_*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            imported = any(isinstance(n, ast.ImportFrom) and n.module == module for n in ast.walk(tree))
            if not imported:
                continue
            for function in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
                uses = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)} | {
                    n.attr for n in ast.walk(function) if isinstance(n, ast.Attribute)}
                helpers = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)} & uses
                uses |= {x.id for h in tree.body if isinstance(h, ast.FunctionDef) and h.name in helpers
                         for x in ast.walk(h) if isinstance(x, ast.Name)}
                if constant in uses or "standing_findings" in uses and constant == "STANDING_SCHEMA":
                    marked |= {d.args[0].value for d in function.decorator_list
                               if isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)
                               and d.func.attr == "requirement" and d.args and isinstance(d.args[0], ast.Constant)}
        assert marked and marked <= READ_BY_CANDIDATES[schema], (schema, marked)


def test_the_token_metadata_is_a_format_of_annex_e_its_cases_cite(zh, zh_markdown):
    """Rows a9 and b17: AS-META-002's schema and AS-META-006's file names (ERC-1155's `{id}` substitution) were defined
    only by ERC-721 and ERC-1155 in the bibliography."""
    clause = _annex_e_formats(zh)["assets/erc-metadata.json"]
    cases = _cases(zh_markdown)
    for case in ("AS-META-002", "AS-META-006"):
        assert f"通证元数据：{clause}" in _row(cases[case], "前置条件"), case
    text = section(zh_markdown, 3, re.escape(clause) + " ")
    assert "`{id}` 替换" in text and "64 位小写十六进制数字" in text and "`localization.uri`" in text


def test_the_coco_members_the_data_cases_read_are_a_format_of_annex_e(zh, zh_markdown):
    """Row b17: the DP-LABEL and DP-QUAL cases read COCO annotation files, defined only by COCO's web page in the
    bibliography; annex E gives every member the data checks read, and the cases cite it."""
    clause = _annex_e_formats(zh)["data/coco-annotations.json"]
    cases = _cases(zh_markdown)
    for case in ("DP-LABEL-001", "DP-LABEL-003", "DP-LABEL-004", "DP-QUAL-001"):
        assert f"COCO 标注文件：{clause}" in _row(cases[case], "前置条件"), case
    schema = json.loads((ROOT / "schemas/data/coco-annotations.json").read_text(encoding="utf-8"))
    members = {member for _, node in objects(schema) for member in node.get("properties", {})}
    read = set()
    for name in ("coco", "coco_keypoints", "coco_masks", "quality"):
        source = (ROOT / "src/conformance/areas/data" / f"{name}.py").read_text(encoding="utf-8")
        read |= set(re.findall(r"""(?:get\(|\[)"([a-z_]+)\"""", source))
    read |= {"file_name"}  # quality.KEY
    assert read - {"captured"} <= members, sorted(read - members)  # `captured`: the CSV listing's column
