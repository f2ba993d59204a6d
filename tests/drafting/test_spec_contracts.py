"""Annex E of the specification (issue 47): a statement naming an HTTP operation ("GET /path")
refers to a part of the document, the operation as its interface contract defines it; and the
annex is self-contained (issue 63): every schema an operation carries is summarised in the
annex itself, member by member, so nothing it points to lies outside the document."""

from __future__ import annotations

import re

import pytest

from conformance._catalog.model import Requirement
from conformance.areas.interfaces import screening
from conformance.drafting.contracts import named, named_operations
from conformance.drafting.schema_summary import Row, summary
from conformance.drafting.writer import normative


def test_every_operation_a_normative_statement_names_is_in_a_contract(catalog):
    used, missing = named_operations(catalog, [r for r in catalog.requirements.values() if normative(r)])
    assert missing == {}
    by_path = {(op.method, op.path): op for op in used}
    assert by_path[("GET", "/1.0/resolve")].operation_id == "resolveIdentifier"
    assert by_path[("GET", "/1.0/resolve")].response.endswith("/identifiers/resolution-result.json")
    assert "IR-SYN-001" in by_path[("GET", "/identifiers")].requirements
    # a literal path, a placeholder of another name and a query are the template's operation
    assert {"AS-REG-001", "AS-API-001"} <= set(by_path[("GET", "/assets")].requirements)
    assert "ID-RES-001" in by_path[("GET", "/1.0/identifiers/{did}")].requirements


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_annex_e_lists_the_operations_with_their_schemas(request, lang):
    blocks = request.getfixturevalue(lang)  # the session's draft in that language (tests/drafting/conftest.py)
    start = next(i for i, b in enumerate(blocks) if b.anchor == "annex-contracts")
    annex = blocks[start:next(i for i, b in enumerate(blocks) if b.anchor == "bibliography")]
    assert annex[0].normative and annex[0].page
    rows = [row for b in annex if b.kind == "table" for row in b.rows[1:]]
    resolve = next(row for row in rows if row[0] == "`GET /1.0/resolve`")
    assert resolve[1].startswith("`resolveIdentifier`")
    # IR-SEC-001: resolved on a secure channel; IR-RES-002: its case's steps send it (twenty-seventh reading, row 5);
    # IR-RES-003: its step 1 resolves every identifier the platform lists (twenty-ninth reading b9)
    assert re.split(r"、|, ", resolve[3]) == ["IR-RES-001", "IR-RES-002", "IR-RES-003", "IR-SEC-001"]
    assert resolve[2].split("\n")[0].endswith("—") and "`identifiers/resolution-result.json`" in resolve[2].split(
        "\n")[1]
    operations = [row for row in rows if row[0].startswith("`") and " /" in row[0]]
    assert len({row[0] for row in operations}) == len(operations) >= 20
    assert not [b for b in annex if "不见于任何接口契约" in b.text or "defined by no contract" in b.text]
    assert unsummarised(annex) == []
    # the interfaces this session's requirements use are the contract's (issue 74), a binary
    # answer shown by its media type
    by_path = {row[0]: row for row in operations}
    for operation, requirements in GENERATION_AND_RENDERING.items():
        assert set(requirements) <= set(re.split(r"、|, ", by_path[f"`{operation}`"][3])), operation
    assert by_path["`POST /render/stream`"][2].split("\n")[1].endswith("`video/mp4`")
    assert "`audio/wav`" in by_path["`GET /generate/prompt`"][2]
    # the session binding is named by its messages too; the test clock, by the notes of the
    # requirements that move it, and marked as a test deployment's
    assert {"IF-SES-001", "IF-SES-003", "IF-SES-005"} <= set(re.split(r"、|, ", by_path["`GET /sessions/{space}`"][3]))
    assert "AS-MINOR-003" in by_path["`POST /test/clock`"][3]
    assert ("仅用于测试部署" if lang == "zh" else "test deployments only") in by_path["`POST /test/clock`"][1]
    # violating test content (IF-MOD-001) is defined in the annex, in words, from the contract
    marker = next(b.text for b in annex if b.kind == "para" and screening.MARKER in b.text)
    assert "IF-MOD-001" in marker and "AS-REG-001" not in marker
    assert all(f"`{name}`" in marker for name in (*screening.FIELDS, screening.CATEGORY))


#: the operations of the generation interface and of cloud rendering, and requirements naming each
GENERATION_AND_RENDERING = {
    "POST /generate": ["AS-AIGC-012", "AS-AIGC-013", "AS-AIGC-014", "AS-AIGC-015", "AS-AIGC-016"],
    "GET /generate/label": ["AS-AIGC-013", "AS-AIGC-014"],
    "GET /generate/prompt": ["AS-AIGC-015"],
    "POST /render/stream": ["SC-RENDER-001", "SC-RENDER-002", "SC-RENDER-003", "SC-RENDER-004"],
}


#: a body given by its media types only ("`image/png`, `image/jpeg`"): nothing to summarise
MEDIA_TYPE = r"`(application|audio|image|model|text|video)/[a-z0-9.+-]+`"
MEDIA_ONLY = re.compile(f"{MEDIA_TYPE}((, |、){MEDIA_TYPE})*")


def unsummarised(annex: list) -> list[str]:
    """What annex E's operations tables point to that the annex does not summarise: a schema
    named without the clause of its summary, or a clause with no table of members."""
    headings = {b.text.split(" ")[0]: i for i, b in enumerate(annex) if b.kind == "heading"}
    problems = []
    for block in (b for b in annex if b.kind == "table" and b.rows[0][0] in ("方法与路径", "Method and path")):
        for row in block.rows[1:]:
            # the request's and the response's lines (the status codes and protection follow, twenty-ninth reading
            # b7); a response in several media types gives each schema after its media types (b8)
            for part in (p for line in row[2].split("\n")[:2] for p in re.split(r"；|; ", line)):
                schema = re.split(r"：|: ", part)[-1]
                if schema == "—" or MEDIA_ONLY.fullmatch(schema):
                    continue
                # a schema's clause of the schemas (D.6.3), or the discovery document's own clause (D.5), whose
                # table follows the paragraph saying what the document is
                clause = re.search(r"[（(]([A-Z]\.\d+(?:\.\d+)?)[）)]$", schema)
                if clause is None:
                    problems.append(f"{row[0]}: {schema} has no summary")
                elif clause[1] not in headings or not any(
                        b.kind == "table" and len(b.rows) >= 2 for b in annex[headings[clause[1]] + 1:headings[clause[1]] + 3]):
                    problems.append(f"{row[0]}: {clause[1]} holds no table of members")
    return problems


def test_a_schema_the_annex_only_points_to_fails_the_check(zh):
    blocks = zh
    start = next(i for i, b in enumerate(blocks) if b.anchor == "annex-contracts")
    annex = blocks[start:next(i for i, b in enumerate(blocks) if b.anchor == "bibliography")]
    table = next(b for b in annex if b.kind == "table")
    pointing = table.__class__(**{**table.__dict__, "rows": (table.rows[0], (
        "`GET /x`", "`x`", "请求体：—\n成功响应：`identifiers/x.json`", "IR-RES-001"), (
        "`GET /y`", "`y`", "请求体：—\n成功响应：`identifiers/y.json`（E.9.9）", "IR-RES-001"))})
    assert unsummarised([annex[0], pointing]) == ["`GET /x`: `identifiers/x.json` has no summary",
                                                  "`GET /y`: E.9.9 holds no table of members"]


def test_the_summary_of_a_referenced_schema_lists_every_required_member(catalog, zh):
    blocks = zh
    start = next(i for i, b in enumerate(blocks) if b.text.endswith("`assets/asset-metadata.json`"))
    members = {row[0].strip("`"): row for row in blocks[start + 1].rows[1:]}
    schema = catalog.schemas.get("https://metaverse-conformance.org/schemas/assets/asset-metadata.json")
    assert {name for name in schema["required"]} <= set(members)
    assert all(members[name][2] == "是" for name in schema["required"])
    assert "取值之一：`model_3d`" in members["asset_type"][3]


def test_a_schema_is_summarised_member_by_member():
    documents = {"https://x.example/a.json": {
        "type": "object", "required": ["id", "kind"], "additionalProperties": False,
        "properties": {"id": {"type": "string", "pattern": "^a"}, "kind": {"enum": ["p", "q"]},
                       "tags": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/tag"}},
                       "owner": {"oneOf": [{"type": "string", "format": "uri"}, {"type": "null"}]},
                       "parent": {"$ref": "#"},
                       "deep": {"type": "object", "properties": {"b": {"type": "object", "properties": {
                           "c": {"type": "object", "properties": {"d": {"type": "integer"}}}}}}}},
        "$defs": {"tag": {"type": "string", "maxLength": 8}}}}

    def resolve(base: str, ref: str) -> tuple[object, str]:
        document_uri, _, pointer = (base if ref.startswith("#") else ref).partition("#")[0], "#", ref.partition("#")[2]
        node = documents[document_uri or base]
        for key in [k for k in pointer.split("/") if k]:
            node = node[key]
        return node, document_uri or base

    rows = summary({"$ref": "https://x.example/a.json"}, "https://x.example/", resolve)
    by_path = {row.path: row for row in rows}
    assert list(by_path) == ["id", "kind", "tags", "tags[]", "owner", "parent", "deep", "deep.b", "deep.b.c"]
    assert by_path["id"] == Row("id", "`string`", True, (("pattern", "`^a`"),))
    assert by_path["kind"].constraints == (("enum", "`p`、`q`"),) and by_path["kind"].required
    assert by_path["tags[]"] == Row("tags[]", "`string`", None, (("maxLength", "`8`"),))  # through $defs
    assert by_path["owner"].constraints == (("oneOf", (("`string`", (("format", "`uri`"),)), ("`null`", ()))),)
    assert ("recursive", "#") in by_path["parent"].constraints  # a schema referring back is not expanded again
    assert "deep.b.c.d" not in by_path  # three levels of members, the fourth by its type


def test_an_operation_no_contract_defines_is_listed_apart(catalog):
    base = catalog.requirements["IR-RES-001"]
    statement = base.statement.model_copy(update={"en": "GET /1.0/lookup?identifier=x MUST answer 200."})
    req = Requirement.model_validate({**base.model_dump(), "id": "IR-RES-901", "statement": statement.model_dump()})
    used, missing = named_operations(catalog, [req])
    assert used == [] and missing == {("GET", "/1.0/lookup"): ["IR-RES-901"]}


def test_operations_are_read_from_a_statement():
    text = "`POST /assets/{asset_id}/burn`: then GET /assets?owner={DID}, and PATCH /x/y."
    assert list(named(text)) == [("POST", "/assets/{asset_id}/burn"), ("GET", "/assets"), ("PATCH", "/x/y")]
