"""Sixty-first reading, part h124-fix.

Row 1: texts merged with h122-fmt broke older rules of the Chinese draft: annex D's note on `issueCredential` named
the VC API's section by its English title (「Issue Credential 一节」), annex E's glTF validation report named the
program (「Khronos glTF-Validator」) in a normative annex and called its issues 「发现的问题」 (the draft's word for a
non-conformity is 不符合项, 发现 a verb only).

Row 2: since h123-annexref a catalog text may name a clause or a table by key (``{clause:<key>}``,
``{table:<key>}``); every output showing the texts outside the rendered documents (``conformance show``, the OSCAL
export) printed the raw placeholder. They now print the number, from ``suites/designations.json``, which
``catalog docs`` writes from the rendered specification.
"""

from __future__ import annotations

import json
import re

import orjson
import pytest

from conformance import cli
from conformance._catalog.catalog import Catalog
from conformance._catalog.designations import KEYED, designations_path, resolve_text, resolved
from conformance.drafting.designations import catalog_placeholders, computed, designations_text
from conformance.drafting.oscal import oscal_catalog
from conformance.drafting.wording import program_names
from tests.drafting.blocks import section
from tests.drafting.test_spec_leftovers_twentieth_d import _finding_nouns

#: what no output outside the documents may print: a placeholder, or the private-use marks the drafting code numbers
_LEAK = re.compile(r"\{(?:clause|table):|[\ue000-\ue1ff]")


# ---- row 1


def test_r1_the_issue_operation_note_names_the_vc_api_section_in_chinese(zh_markdown):
    note = next(line for line in section(zh_markdown, 2, "附录 D").splitlines()
                if line.startswith("| `issueCredential` |"))
    assert "Issue Credential" not in note and "VC API 签发凭证一节（`POST /credentials/issue`）" in note, note


def test_r1_the_gltf_report_clause_names_no_program_and_no_finding(zh_markdown):
    clause = section(zh_markdown, 3, r"E\.\d+ glTF 校验报告")
    assert program_names(clause) == [] and _finding_nouns(clause) == [], clause[:300]
    assert "glTF 工作组的参考校验器" in clause and "见参考文献[" in clause


def test_r1_no_schema_description_in_chinese_names_a_program_or_a_finding(catalog: Catalog):
    """Class: every Chinese description of a schema (what annexes D and E print) names no third-party program and
    calls no issue 发现."""
    found = []
    for path in sorted((catalog.root / "schemas").rglob("*.json")):
        for text in re.findall(r'"x-description-zh":\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")):
            if program_names(text) or _finding_nouns(text):
                found.append((path.name, text[:60]))
    assert found == []


# ---- row 2


def test_r2_the_designations_are_those_the_draft_gives(catalog: Catalog):
    """suites/designations.json is what the rendered specification numbers (`catalog docs` keeps it so), and it holds
    every placeholder the catalog writes."""
    path = designations_path(catalog.root)
    numbers = computed(catalog)
    assert path.read_text(encoding="utf-8") == designations_text(numbers)
    assert set(numbers) == catalog_placeholders(catalog.root) and numbers
    assert numbers["{table:operations-interfaces/platform.openapi.yaml}"] == "D.3"


def test_r2_resolving_replaces_known_keys_only():
    numbers = {"{table:a}": "D.3"}
    assert resolve_text("表 {table:a} 与 {clause:b}", numbers) == "表 D.3 与 {clause:b}"
    assert KEYED.search("{clause:terminal/device-descriptor.json}")


def _show(capsys: pytest.CaptureFixture[str], key: str) -> str:
    assert cli.main(["show", key]) == 0
    return capsys.readouterr().out


def test_r2_show_prints_numbers_for_every_requirement_and_schema(catalog: Catalog, capsys):
    """Class: `conformance show` of every requirement and every schema whose texts hold a placeholder prints the
    numbers; IF-AUTH-001's statement reads 「表 D.3」 / "Table D.3"."""
    keyed = [rid for rid, req in catalog.requirements.items()
             if KEYED.search(json.dumps(req.model_dump(mode="json"), ensure_ascii=False))]
    schemas = [key for key in catalog.schemas.ids() if KEYED.search(json.dumps(catalog.schemas.get(key), ensure_ascii=False))]
    assert "IF-AUTH-001" in keyed
    for key in (*keyed, *schemas):
        out = _show(capsys, key)
        assert not _LEAK.search(out), (key, _LEAK.search(out))
    statement = orjson.loads(_show(capsys, "IF-AUTH-001"))["statement"]
    assert statement["zh"].startswith("表 D.3 中") and statement["en"].startswith("Every operation Table D.3 ")


def test_r2_every_requirement_text_resolves(catalog: Catalog):
    """Class: every requirement's texts, as the outputs outside the documents take them, hold no placeholder."""
    for rid, req in catalog.requirements.items():
        text = json.dumps(resolved(req.model_dump(mode="json"), catalog.root), ensure_ascii=False)
        assert not _LEAK.search(text), rid


def test_r2_the_oscal_export_prints_numbers(catalog: Catalog):
    text = json.dumps(oscal_catalog(catalog), ensure_ascii=False)
    assert not _LEAK.search(text)
    assert "表 D.3 中标为" in text
