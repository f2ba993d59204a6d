"""The fifteenth reading's leftovers (issue 76; docs/drafting.md, "Leftovers of the fifteenth reading"): annex D's
Chinese table of operations gives each operation its summary as the English does, from the contracts'
``x-summary-zh``, and the lint finds an operation without one. Each test fails on the draft before the fix; the
lint's also on a planted defect."""

from __future__ import annotations

import copy
import dataclasses
import re

from conformance import Catalog
from conformance.drafting.conditions import with_unit
from conformance.drafting.contracts import contracts, operations, summary_problems
from conformance.drafting.lawtitles import full_law_titles
from conformance.drafting.lint import lint
from conformance.drafting.onename import the_tester
from conformance.drafting.writer import Block, Writer
from conformance.messages import CJK

from .blocks import between, text_of

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
        said = full_law_titles(writer.fix("：" + the_tester(by_id[op_id].summary_zh, "zh")))  # 43rd, b4
        # an operation reached through a discovery member its summary does not name says which (issue 76), and one
        # reached through an answer's URL says which member (thirty-eighth reading, b4)
        # seventy-second reading, h136-offered: an operation of an optional service says which claims offer it
        rest = re.sub(r"（由服务发现文档列出[^（）]*的平台提供）$", "", rest)
        suffix = by_id[op_id].source.get("x-discovery-suffix") if isinstance(by_id[op_id].source, dict) else None
        assert rest in (said, said + "（仅用于测试部署）", said + f"（经服务发现文档的 `{by_id[op_id].discovery}`）",
                        said + f"（经服务发现文档的 `{by_id[op_id].discovery}` 后接 `{suffix}`）",
                        said + f"（经应答所载 `{by_id[op_id].link}` 的 URL）"), op_id
        assert rest.count("仅用于测试部署") == by_id[op_id].test_only, op_id
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


#: a unit an English parameter description names in words ("in milliseconds", "(metres)", "in rad/s or m/s")
_UNIT_WORDS = re.compile(r"\b(?:in|\()\s*(?:milli|micro)?(?:seconds|metres|degrees|radians|minutes|hours|decibels|newtons"
                         r"|per cent|bytes)\b|\bin (?:rad|m|deg)/s\b|\bin rad or m\b|\bin cd/m\^2\b|\bin W m\^-2|CPU seconds")
_SET = re.compile(r"`([a-z][a-z0-9_]*)` = (-?\d[\d ]*\d|-?\d)(\.\d+)?")


def _units(catalog: Catalog) -> dict[str, object]:
    """Parameter name -> its unit, over every profile (a name means one quantity wherever it is declared)."""
    found: dict[str, object] = {}
    for profile in catalog.profiles.values():
        for name, spec in profile.parameters.items():
            if spec.unit:
                assert found.setdefault(name, spec.unit) == spec.unit, name
    return found


def test_a_parameter_whose_description_names_a_unit_declares_it(catalog: Catalog):
    missing = [f"{profile.id}: {name}" for profile in catalog.profiles.values()
               for name, spec in profile.parameters.items()
               if isinstance(spec.default, int | float) and not isinstance(spec.default, bool) and spec.description
               and _UNIT_WORDS.search(spec.description.en) and not spec.unit]
    assert missing == []
    units = _units(catalog)
    assert units["position_tolerance"] == ["rad", "m"] and units["velocity_agreement"] == ["rad/s", "m/s"]
    assert len(units) >= 100


def test_every_parameter_with_a_unit_is_printed_with_it(catalog: Catalog, zh, en):
    units = _units(catalog)
    for blocks, lang in ((zh, "zh"), (en, "en")):
        text = text_of(blocks)
        seen = 0
        for m in _SET.finditer(text):
            if m.group(1) in units:
                expected = f"`{m.group(1)}` = " + with_unit(m.group(2) + (m.group(3) or ""), units[m.group(1)], lang)
                assert text[m.start():].startswith(expected), (lang, text[m.start():m.start() + 80])
                seen += 1
        assert seen >= 50, lang
    # the reading's example, in the 前置条件 of RB-JOINT-002, -003 and RB-TRACK-001
    assert "`position_tolerance` = 0.01 rad 或 0.01 m" in text_of(zh)
    assert "`velocity_agreement` = 0.1 rad/s or 0.1 m/s" in text_of(en)
    # the plane angle's degree and % join the number, °C does not
    assert with_unit("1.0", "°", "zh") == "1.0°" and with_unit("43", "°C", "en") == "43 °C"
    assert with_unit("43", "°C", "zh") == "43 ℃"  # the Chinese text's one way (seventh reading)
    assert with_unit("25", "%", "zh") == "25%" and with_unit("7", None, "en") == "7"
