"""The sixty-first reading of issue 76, part h122-fmt (docs/drafting.md, "Sixty-first reading, part h122-fmt"): every
format a test case reads is defined in a normative annex, generated from what the harness validates with.

b1: AS-GLTF-001 and AS-GLTF-002 judged a "report" whose issues carry `severity` codes 0 to 3 (the Khronos
glTF-Validator's), which no normative annex defined. Annex E now renders the glTF validation report from the schema the
harness validates each report with (schemas/assets/gltf-validation-report.json, gltf_reports.REPORT_SCHEMA) before any
check reads it; a report that does not conform leaves its file unjudged, naming where, never a verdict drawn from a
report read otherwise (nor a traceback); the cases name the report and annex E.

b2: ID-VCAPI-001 and ID-VCAPI-003 send `proofType`, `cryptosuite`, `verificationMethod` and `credentialStatus` in the
issue request's `options`, which annex D's table listed as an object without members. The contract now lists them (the
table is generated from it), and no case names a member of `options` the table does not list (ID-VCAPI-003 no longer
says `credentialId`, which the harness never sent). Each test fails on the sources as they were before this part."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from conformance._record.evidence import Evidence
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from conformance.areas._shared import gltf_reports
from tests.drafting.blocks import section
from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line
from tests.drafting.test_spec_fortyfirst_h94_fmt import BASE, _annex_e_formats
from tests.paths import ROOT

REPORT = "assets/gltf-validation-report.json"


def _rows(markdown: str, caption: str) -> dict[str, tuple[str, str]]:
    """The rows of the table whose caption matches ``caption`` (a regular expression): member -> its type and
    constraint cells."""
    start = re.search(rf"^表 [A-Z]\.\d+　{caption}$", markdown, re.M)
    assert start, caption
    rows: dict[str, tuple[str, str]] = {}
    for line in markdown[start.end():].lstrip("\n").splitlines():
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        if m := re.fullmatch(r"`([^`]+)`", cells[0]):
            rows[m.group(1)] = (cells[1], cells[3])
    return rows


def _report_rows(zh_markdown: str) -> dict[str, tuple[str, str]]:
    return _rows(zh_markdown, r"glTF 校验报告（`assets/gltf-validation-report\.json`）的成员")


def _members_read() -> set[str]:
    """The members the harness's readers of a glTF-Validator report read (gltf_reports): each ``.get("…")`` key and
    the counts' names."""
    tree = ast.parse((ROOT / "src/conformance/areas/_shared/gltf_reports.py").read_text(encoding="utf-8"))
    read = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            read.add(node.args[0].value)
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple):
            read |= {e.value for e in node.iter.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return read


def test_b1_annex_e_renders_the_report_schema_the_checks_validate_with(zh, en):
    assert gltf_reports.REPORT_SCHEMA == BASE + REPORT
    for blocks in (zh, en):
        assert REPORT in _annex_e_formats(blocks), sorted(_annex_e_formats(blocks))


def test_b1_the_annex_table_lists_every_member_the_checks_read(zh_markdown, en_markdown):
    """Every member the report's readers take (all but the runner's own, HARNESS_MEMBERS) is a row of the table, the
    severity with its four codes, whose meanings the row states."""
    rows = _report_rows(zh_markdown)
    read = _members_read() - set(gltf_reports.HARNESS_MEMBERS)
    assert {"severity", "numErrors", "messages", "storage"} <= read, read
    leaves = {re.split(r"[.\[\]]+", member.rstrip("[]"))[-1] for member in rows}
    assert read <= leaves, sorted(read - leaves)
    severity = next(line for line in section(zh_markdown, 3, r"E\.\d+ glTF 校验报告").splitlines()
                    if line.startswith("| `issues.messages[].severity` |"))
    assert "`0`、`1`、`2`、`3`" in severity and all(word in severity for word in ("错误", "警告", "信息", "提示"))
    # the validator named as the normative text names it, its program in the bibliography (h124-fix)
    assert "glTF 工作组的参考校验器" in section(zh_markdown, 3, r"E\.\d+ glTF 校验报告") and "见参考文献[" in section(
        zh_markdown, 3, r"E\.\d+ glTF 校验报告")
    assert "see Bibliography [" in section(en_markdown, 3, r"E\.\d+ glTF validation report")


def _suite(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: reports the validator's published format does not allow: a severity not coded, no counts, no issues at all
_MALFORMED = [
    {"issues": {"numErrors": 0, "numWarnings": 1, "numInfos": 0, "numHints": 0,
                "messages": [{"code": "X", "severity": "warning", "message": "m", "pointer": "/"}]}},
    {"issues": {"messages": []}},
    {"info": {}},
]


@pytest.mark.parametrize("report", _MALFORMED)
@pytest.mark.parametrize("check", ["test_gltf_valid_per_khronos_validator", "test_gltf_no_validator_warnings"])
def test_b1_a_malformed_report_leaves_the_file_unjudged_with_evidence(tmp_path: Path, monkeypatch, catalog, check,
                                                                      report):
    content = _suite("suite_3d_content_h122", "suites/assets/test_3d_content.py")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "m.gltf").write_bytes(b'{"asset": {"version": "2.0"}}')
    monkeypatch.setattr(content.khronos, "validate", lambda paths, roots=None: {p: report for p in paths})
    monkeypatch.setattr(content.khronos, "version", lambda: "test")
    files = FileAdapter("models", {"adapter": "file", "paths": ["data/*"]}, AdapterContext(tmp_path / "m.yaml", {}))
    evidence = Evidence()
    getattr(content, check)({"models": files}, evidence, catalog.schemas)
    assert evidence.findings_count == 0
    assert list(evidence.unjudged_inputs) == ["data/m.gltf"]
    assert "glTF validation report" in evidence.unjudged_inputs["data/m.gltf"], evidence.unjudged_inputs


def test_b1_the_tiles_check_reading_the_same_report_leaves_it_unjudged_too(catalog):
    """SC-TILE-005 and SC-TILE-009 judge glTF content "as AS-GLTF-001 states it": the same report, the same reading."""
    tilesets = _suite("suite_tilesets_h122", "suites/scenes/test_tilesets.py")
    evidence = Evidence()
    tilesets._judge_gltf(_MALFORMED[0], "tile.glb", None, evidence, catalog.schemas)
    assert evidence.findings_count == 0 and list(evidence.unjudged_inputs) == ["tile.glb"]


def test_b1_every_real_report_shape_conforms(catalog):
    """The schema takes what the validator writes: reports with each severity, a GLB issue by its offset, no info."""
    report = {"uri": "m.glb", "issues": {"numErrors": 1, "numWarnings": 1, "numInfos": 1, "numHints": 1, "truncated":
                                         False, "messages": [
        {"code": "GLB_CHUNK_TOO_BIG", "severity": 0, "message": "m", "offset": 20},
        {"code": "UNUSED_OBJECT", "severity": 1, "message": "m", "pointer": "/meshes/0"},
        {"code": "UNSUPPORTED_EXTENSION", "severity": 2, "message": "m", "pointer": "/extensionsUsed/0"},
        {"code": "X", "severity": 3, "message": "m", "pointer": "/"}]},
        "info": {"resources": [{"pointer": "/buffers/0", "storage": "external", "uri": "m.bin", "byteLength": 4}]}}
    assert gltf_reports.departure(report, catalog.schemas) is None


@pytest.mark.parametrize("rid", ["AS-GLTF-001", "AS-GLTF-002"])
def test_b1_the_cases_name_the_report_and_its_annex(zh_markdown, en_markdown, rid):
    for markdown, heads, words in ((zh_markdown, ("前置条件", "测试步骤", "判定准则"), ("glTF 校验报告", "附录 E")),
                                   (en_markdown, ("Initial conditions", "Test procedure", "Verdict criteria"),
                                    ("glTF validation report", "annex E"))):
        case = _case(markdown, rid)
        conditions, steps, criteria = (_line(case, head) for head in heads)
        clause = _annex_e_formats_number(markdown, words[0])
        assert f"{words[0]}{'：' if markdown is zh_markdown else ': '}{clause}" in conditions, conditions
        assert all(word in steps for word in words), steps
        assert "`severity`" in steps, steps
        assert words[0] in criteria.rsplit("不确定：" if markdown is zh_markdown else "Inconclusive: ", 1)[1]


def _annex_e_formats_number(markdown: str, title: str) -> str:
    found = re.search(rf"^### (E\.\d+) {re.escape(title)}[（ ]", markdown, re.M)
    assert found, title
    return found.group(1)


# b2: the members of an object member annex D tables


def _contract_operations() -> dict[tuple[str, str], str]:
    contract = yaml.safe_load((ROOT / "schemas/interfaces/platform.openapi.yaml").read_text(encoding="utf-8"))
    return {(method.upper(), path): op["operationId"] for path, item in contract["paths"].items()
            for method, op in item.items() if isinstance(op, dict) and "operationId" in op}


def _sent_members(value: object, prefix: str = "") -> set[str]:
    """The member paths a body sends, as annex D's tables write them (`a.b`, `a[].b`)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for name, inner in value.items():
            path = f"{prefix}.{name}" if prefix else name
            found |= {path} | _sent_members(inner, path)
    elif isinstance(value, list):
        for inner in value:
            found |= _sent_members(inner, f"{prefix}[]")
    return found


def _request_bodies() -> list[tuple[str, str, object]]:
    found = []
    for area in ("assets", "identity", "interfaces", "scenes"):
        module = importlib.import_module(f"conformance.areas.{area}.requestbodies")
        for body in module.REQUESTS.values():
            for sample in body.samples():
                found.append((body.method, body.path, sample[0] if isinstance(sample, tuple) else sample))
    return found


#: object members of a request the tables give without members, since a document clause 2 lists defines them: the
#: DID document draft a registrar completes (W3C DID Core, the DIF Universal Registrar's didDocument)
EXTERNAL = {("createDid", "didDocument"): "W3C Decentralized Identifiers (DIDs) v1.0"}


def test_b2_every_member_the_harness_sends_in_an_object_member_without_listed_members_is_listed(zh_markdown):
    """The class of b2 over every request body the harness sends to an operation of the platform contract: a member
    sent inside an object member (`options`) is a row of the operation's request table, so that no table lists as an
    object without members one whose members the harness sends (the VC API's issue request among them); an object
    conforming to a schema another table gives (「符合 …（见表 D.n）」) has its members there."""
    operations = _contract_operations()
    annex_d = section(zh_markdown, 2, "附录 D")
    assert all(name in section(zh_markdown, 2, "2 规范性引用文件") for name in EXTERNAL.values())
    missing, checked = [], set()
    for method, path, sample in _request_bodies():
        if (op := operations.get((method, path))) is None or not isinstance(sample, dict):
            continue
        if not re.search(rf"^表 D\.\d+　`{op}` 请求体的成员$", annex_d, re.M):
            continue
        rows = _rows(annex_d, f"`{op}` 请求体的成员")
        for member in _sent_members(sample):
            parent = member.rsplit(".", 1)[0] if "." in member else None
            # an object row with no row under it: what the harness sends inside is listed nowhere
            bare = (parent in rows and rows[parent] == ("`object`", "无") and (op, parent) not in EXTERNAL
                    and not any(r.startswith(parent + ".") for r in rows))
            if (bare or (parent or "").split(".")[0] == "options") and member not in rows:
                missing.append((op, member))
            checked.add(op)
    assert "issueCredential" in checked, checked
    assert not missing, sorted(set(missing))


def _options_named(text: str) -> set[str]:
    """The members a case's text puts in (or reads from) an issue request's `options`: 「`options.x`」, and the members
    listed after 「`options` 中……填入」 / 「`options` 加」 up to the first bracket or clause end."""
    named = set(re.findall(r"`options\.([A-Za-z]+)", text))
    for m in re.finditer(r"`options` (?:中[^`（，；]*|加)((?:[^（，；。]*?`[A-Za-z]+`)+)", text):
        named |= set(re.findall(r"`([A-Za-z]+)`", m.group(1)))
    return named


def test_b2_every_member_a_vc_api_case_names_in_options_is_listed_in_annex_d(zh_markdown, catalog):
    rows = _rows(section(zh_markdown, 2, "附录 D"), "`issueCredential` 请求体的成员")
    named: dict[str, set[str]] = {}
    for rid in sorted(r for r in catalog.requirements if r.startswith("ID-VCAPI-")):
        case = _case(zh_markdown, rid)
        if found := _options_named(case):
            named[rid] = found
    assert {"proofType", "cryptosuite", "verificationMethod"} <= named.get("ID-VCAPI-001", set()), named
    assert "credentialStatus" in named.get("ID-VCAPI-003", set()), named
    unlisted = {rid: sorted(m for m in members if f"options.{m}" not in rows) for rid, members in named.items()}
    assert not any(unlisted.values()), unlisted
    assert {"options.credentialStatus.type", "options.credentialStatus.statusPurpose"} <= set(rows)


def test_b2_the_issue_operation_says_what_its_options_are_and_the_cases_point_at_the_table(zh_markdown, en_markdown):
    """Table D.3's note on `issueCredential` names the VC API's section and what each member of `options` asks; the
    cases' steps point at annex D's table of the issue request."""
    note = next(line for line in section(zh_markdown, 2, "附录 D").splitlines()
                if line.startswith("| `issueCredential` |"))
    # the section by its Chinese description and its operation (sixty-first reading, h124-fix: the English title
    # stood in the Chinese text)
    assert "VC API 签发凭证一节（`POST /credentials/issue`）" in note and all(f"`{m}`" in note for m in (
        "proofType", "cryptosuite", "verificationMethod", "credentialStatus", "credentialId")), note
    for rid in ("ID-VCAPI-001", "ID-VCAPI-003"):
        # the table by its number (h124-fix: a table is not cited by its description alone)
        assert re.search(r"附录 D 中签发请求 `issueCredential` 的表 D\.\d+", _line(_case(zh_markdown, rid), "测试步骤")), rid
        assert re.search(r"annex D's Table D\.\d+ of the issue request `issueCredential`",
                         _line(_case(en_markdown, rid), "Test procedure")), rid
