"""The fifteenth reading's leftovers (issue 76; docs/drafting.md, "Leftovers of the fifteenth reading"): annex D's
Chinese table of operations gives each operation its summary as the English does, from the contracts'
``x-summary-zh``, and the lint finds an operation without one. Each test fails on the draft before the fix; the
lint's also on a planted defect."""

from __future__ import annotations

import copy
import dataclasses
import re

from conformance import Catalog
from conformance.drafting.contracts import contracts, operations, summary_problems
from conformance.drafting.lint import lint
from conformance.drafting.onename import the_tester
from conformance.drafting.writer import Block, Writer
from conformance.messages import CJK

from .blocks import between

_OPERATION = re.compile(r"`([A-Za-z0-9]+)`(.*)", re.S)


def _operation_rows(blocks: list[Block]) -> dict[str, str]:
    """Operation ID -> its cell of annex D's tables of operations (the ID and what follows it)."""
    annex = between(blocks, "annex-contracts", "bibliography")
    cells = [row[1] for b in annex if b.kind == "table" for row in b.rows[1:]
             if row[0].startswith("`") and " /" in row[0]]
    return {m.group(1): m.group(2) for cell in cells if (m := _OPERATION.fullmatch(cell))}


def test_every_operation_of_annex_d_has_its_summary_in_chinese(catalog: Catalog, zh, en):
    zh_rows, en_rows = _operation_rows(zh), _operation_rows(en)
    assert set(zh_rows) == set(en_rows) and len(zh_rows) >= 52
    by_id = {op.operation_id: op for op in operations(catalog)}
    # before: 「`generateContent`」 alone, where the English read 「`generateContent`: Generate content of a kind ...」
    bare = [op_id for op_id, rest in zh_rows.items() if not re.match(f"：.*[{CJK}]", rest)]
    assert bare == []
    # the contract's words as the writer sets every cell (code values in backticks, GB numbers with a dash, clause
    # 5's names), marked once as a test deployment's
    writer = Writer(catalog, "zh")
    for op_id, rest in zh_rows.items():
        said = writer.fix("：" + the_tester(by_id[op_id].summary_zh, "zh"))
        assert rest in (said, said + "（仅用于测试环境）"), op_id
        assert rest.count("仅用于测试环境") == by_id[op_id].test_only, op_id
    assert all(en_rows[op_id].startswith(": ") for op_id in zh_rows)
    # the same content: the requirements, standards and numbers the English summary cites, the Chinese cites too
    cited = re.compile(r"\b(?:[A-Z]{2}-[A-Z]+-\d{3}|GB \d+-\d{4}|RFC \d+|\d{3,})\b")
    for op_id, rest in zh_rows.items():
        assert set(cited.findall(en_rows[op_id])) <= set(cited.findall(rest.replace("—", "-"))), op_id


def test_every_contract_operation_carries_a_chinese_summary(catalog: Catalog):
    """All the contracts' operations, not only those annex D lists today: a requirement may name one tomorrow."""
    assert list(summary_problems(catalog)) == []
    assert all(op.summary_zh for op in operations(catalog))


def _planted(catalog: Catalog, operation_id: str) -> Catalog:
    """The catalog with one operation's ``x-summary-zh`` removed from its contract (a copy; the shipped one is
    shared by the session)."""
    documents = {uri: catalog.schemas.get(uri) for uri in catalog.schemas.ids()}
    for uri, document in contracts(catalog).items():
        planted = copy.deepcopy(document)
        for item in planted["paths"].values():
            for op in item.values():
                if isinstance(op, dict) and op.get("operationId") == operation_id:
                    del op["x-summary-zh"]
        documents[uri] = planted
    registry = type(catalog.schemas)(documents, dict(catalog.schemas.files))
    return dataclasses.replace(catalog, schemas=registry)


def test_the_lint_finds_an_operation_without_its_chinese_summary(catalog: Catalog):
    planted = _planted(catalog, "getStatusList")
    [finding] = [f for f in lint(planted) if f.rule == "contract-zh"]
    assert finding.where == "schemas/interfaces/platform.openapi.yaml at GET /credentials/status/1"
    assert "getStatusList has no x-summary-zh" in finding.problem and "x-summary-zh" in finding.fix
