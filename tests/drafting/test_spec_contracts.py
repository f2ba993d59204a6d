"""Annex E of the specification (issue 47): a statement naming an HTTP operation ("GET /path")
refers to a part of the document, the operation as its interface contract defines it."""

from __future__ import annotations

import pytest

from conformance import load_catalog
from conformance._catalog.model import Requirement
from conformance.drafting.contracts import named, named_operations
from conformance.drafting.spec import specification
from conformance.drafting.writer import normative


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


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
def test_annex_e_lists_the_operations_with_their_schemas(catalog, lang):
    blocks = specification(catalog, lang=lang)
    start = next(i for i, b in enumerate(blocks) if b.anchor == "annex-e")
    annex = blocks[start:next(i for i, b in enumerate(blocks) if b.anchor == "bibliography")]
    assert annex[0].normative and annex[0].page
    rows = [row for b in annex if b.kind == "table" for row in b.rows[1:]]
    resolve = next(row for row in rows if row[0] == "`GET /1.0/resolve`")
    assert resolve[1].startswith("`resolveIdentifier`") and resolve[3] == "IR-RES-001"
    assert resolve[2].split("\n")[0].endswith("—") and resolve[2].split("\n")[1].endswith(
        "`identifiers/resolution-result.json`")
    assert len({row[0] for row in rows}) == len(rows) >= 20
    assert not [b for b in annex if "不见于任何接口契约" in b.text or "defined by no contract" in b.text]


def test_an_operation_no_contract_defines_is_listed_apart(catalog):
    base = catalog.requirements["IR-RES-001"]
    statement = base.statement.model_copy(update={"en": "GET /1.0/lookup?identifier=x MUST answer 200."})
    req = Requirement.model_validate({**base.model_dump(), "id": "IR-RES-901", "statement": statement.model_dump()})
    used, missing = named_operations(catalog, [req])
    assert used == [] and missing == {("GET", "/1.0/lookup"): ["IR-RES-901"]}


def test_operations_are_read_from_a_statement():
    text = "`POST /assets/{asset_id}/burn`: then GET /assets?owner={DID}, and PATCH /x/y."
    assert list(named(text)) == [("POST", "/assets/{asset_id}/burn"), ("GET", "/assets"), ("PATCH", "/x/y")]
