"""The sixty-first reading of issue 76, part h123-annexref (docs/drafting.md, "Sixty-first reading, part
h123-annexref"): a catalog text names a clause or table of an annex by a stable key, never by a typed number.

Row 1: test procedures and notes typed annex numbers by hand (「附录 E.20」, E.3, E.5, E.31, 表 D.3, D.56...), so a
clause inserted before them moved them silently (h122-fmt renumbered E.19 -> E.20 and E.30 -> E.31 by hand). They now
write 「{clause:<key>}」 / 「{table:<key>}」 (crossrefs.KEYED: the code a clause's heading shows, a schema's key, or an
anchor), numbered by the same marks tablenumbers resolves for the generated texts; lint's ``annex-number`` refuses a
typed number, and a placeholder for the number a statement typed needs no version step.

Row 2: SC-TILE-005 and SC-TILE-009 validate the glTF validation report against annex E's schema, and their steps and
不确定 lines now name the report and its clause (by the placeholder), as AS-GLTF-001 and AS-GLTF-002 do."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conformance._catalog.schemas import BASE_URI
from conformance._catalog.versions import digest, parts
from conformance.drafting.annexnumbers import typed_findings, typed_in, typed_numbers
from conformance.drafting.crossrefs import KEYED, schema_anchor
from conformance.drafting.writer import Block
from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line
from tests.paths import ROOT

#: what the heading or title of a clause or table cited by its anchor holds (a key shown in code needs none: the
#: heading shows it)
_ANCHOR_WORDS = {"clause-5-general": "5.1 通则", "decision-rules-table": "测量类测试用例的判定规则",
                 "traceability": "政策主题的追溯", "held-jsonld-contexts": "测试设备持有的 JSON-LD 上下文",
                 "annex-contracts-general": "D.1 通则",
                 "annex-discovery": "服务发现文档", "annex-a-general": "A.1 通则",
                 "operations-interfaces/platform.openapi.yaml": "`interfaces/platform.openapi.yaml`",
                 "provisions-interfaces/platform.openapi.yaml":
                     "`interfaces/platform.openapi.yaml` 的操作在其模式之外的规定"}


def _catalog_files() -> list[Path]:
    suites = ROOT / "suites"
    return sorted([*suites.glob("*/requirements.yaml"), *suites.glob("*/procedures.yaml"), *suites.glob("*.yaml")])


def _keys_in(value: object) -> list[tuple[str, str]]:
    return [(m[1], m[2]) for m in KEYED.finditer(json.dumps(value, ensure_ascii=False, default=str))]


def _target(zh: list[Block], kind: str, key: str) -> tuple[str, str]:
    """The number and the heading (or title) of the clause or table ``key`` names, found in the rendered blocks."""
    if kind == "clause":
        found = [b for b in zh if b.kind == "heading" and (b.anchor == key or b.text.endswith(f"（`{key}`）"))]
        assert len(found) == 1, (key, [b.text for b in found])
        return found[0].text.split()[0], found[0].text
    # a schema's key with or without the common prefix annex D's headings leave out (sixty-second reading, h125-terms)
    anchors = (key, schema_anchor(key) + "-members", schema_anchor(BASE_URI + key) + "-members")
    found = [b for b in zh if b.kind == "table" and b.anchor in anchors]
    assert len(found) == 1 and found[0].number, (key, [b.title for b in found])
    return found[0].number, found[0].title


def _holds(kind: str, key: str, heading: str) -> bool:
    """Whether the heading or title holds what the key names."""
    if key in _ANCHOR_WORDS:
        return _ANCHOR_WORDS[key] in heading
    if kind == "table" and ":" in key and not key.endswith((".json", ".yaml")):  # 「operationId:role」, an inline body
        op, role = key.split(":", 1)
        role_zh = "成功响应" if "response" in role else "请求体"
        return f"`{op}`" in heading and heading.endswith("的成员") and role_zh in heading
    return f"`{key}`" in heading


def test_r1_no_catalog_text_types_an_annex_number(catalog):
    assert list(typed_findings(catalog)) == []
    for path in _catalog_files():
        if path.name in ("standards.yaml", "policy-clauses.yaml"):
            continue  # other documents' titles and clauses
        found = list(typed_in(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert found == [], (path.name, found[:5])


def test_r1_every_key_names_the_clause_or_table_it_is_rendered_as(zh):
    keys = {k for path in _catalog_files() for k in _keys_in(yaml.safe_load(path.read_text(encoding="utf-8")))}
    assert len(keys) >= 12, keys  # E.3, E.5, E.6, E.13, E.20, E.31, E.18, D.1, D.6, A.1 and tables D.3, D.5, D.56
    for kind, key in sorted(keys):
        number, heading = _target(zh, kind, key)
        assert re.fullmatch(r"(?:[A-Z]\.)?\d+(?:\.\d+)*", number), (key, number)
        assert _holds(kind, key, heading), (kind, key, heading)


def test_r1_each_case_prints_the_number_its_keys_resolve_to(zh, zh_markdown):
    procedures = {rid: written for path in sorted((ROOT / "suites").glob("*/procedures.yaml"))
                  for rid, written in yaml.safe_load(path.read_text(encoding="utf-8"))["procedures"].items()}
    keyed = {rid: _keys_in({k: v for k, v in written.items()}) for rid, written in procedures.items()}
    keyed = {rid: keys for rid, keys in keyed.items() if keys}
    assert {"TD-VOICE-004", "TD-CAPT-004", "TD-ACC-001", "TD-RATE-001", "IF-AUTH-001", "SC-TILE-005"} <= set(keyed)
    for rid, keys in keyed.items():
        case = _case(zh_markdown, rid)
        assert not re.search(r"\{`?(?:clause|table):", case), rid
        for kind, key in keys:
            number = _target(zh, kind, key)[0]
            cited = f"表 {number}" if kind == "table" else number
            assert re.search(rf"{re.escape(cited)}(?![.\d])", case), (rid, key, cited)
    assert "语料为 E.20 的 `mvx-voice-1`" not in zh_markdown or _target(zh, "clause", "mvx-voice-1")[0] == "E.20"


def test_r1_no_rendered_text_keeps_a_placeholder_or_its_mark(zh_markdown, en_markdown, note_md, note_md_en):
    for markdown in (zh_markdown, en_markdown, note_md, note_md_en):
        assert not re.search(r"\{`?(?:clause|table):", markdown)
        assert not re.search("[\ue003-\ue006\ue100-\ue17f]", markdown)


@pytest.mark.parametrize("text, numbers", [
    ("语料为附录 E.20 的 `mvx-voice-1`", ["E.20"]),
    ("表 D.3 中标为“保护：不记名令牌”的操作", ["D.3"]),
    ("the device descriptor breaks annex E.5 and fails", ["E.5"]),
    ("语料为 {clause:mvx-voice-1} 的 `mvx-voice-1`", []),
    ("ITU-T G.114 与 H.264、RFC 9457 的 3.1 节", []),
    ("GB/T 35273-2020 (annex A, table A.1; annex B, table B.1)", []),
    ("(GUM G.1.2, Table E.1)", []),
    ("`terminal/capture-header.json#/$defs/stream` 1.2.3 版", []),
])
def test_r1_the_lint_rule_fires_on_a_typed_number_only(text, numbers):
    assert typed_numbers(text) == numbers


def test_r1_lint_reports_a_typed_number_in_a_requirement(catalog):
    req = catalog.requirements["TD-RATE-001"]
    bad = req.model_copy(update={"notes": req.notes.model_copy(update={"zh": req.notes.zh + "E.3 要求声明 rate_hz。"})})
    assert ("notes.zh", "E.3") in list(typed_in(bad.model_dump(mode="json")))


def test_r1_a_key_for_the_number_a_statement_typed_needs_no_step(catalog):
    req = catalog.requirements["IF-AUTH-001"]
    assert "{table:" in req.statement.zh
    typed = req.model_copy(update={"statement": req.statement.model_copy(update={
        "zh": KEYED.sub("D.3", req.statement.zh), "en": KEYED.sub("D.3", req.statement.en)})})
    assert digest(catalog, typed) == digest(catalog, req)
    assert parts(catalog, typed) == parts(catalog, req)


@pytest.mark.parametrize("rid", ["SC-TILE-005", "SC-TILE-009"])
def test_r2_the_tiles_cases_name_the_report_and_its_clause(zh, zh_markdown, en_markdown, rid):
    number = _target(zh, "clause", "assets/gltf-validation-report.json")[0]
    for markdown, heads, word, cut in ((zh_markdown, ("测试步骤", "判定准则"), "glTF 校验报告", "不确定："),
                                       (en_markdown, ("Test procedure", "Verdict criteria"), "glTF validation report",
                                        "Inconclusive: ")):
        case = _case(markdown, rid)
        steps, criteria = (_line(case, head) for head in heads)
        inconclusive = criteria.rsplit(cut, 1)[1]
        for text in (steps, inconclusive):
            assert word in text and re.search(rf"{re.escape(number)}(?![.\d])", text), (rid, text[-300:])
