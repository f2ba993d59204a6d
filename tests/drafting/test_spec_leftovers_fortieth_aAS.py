"""The leftovers of the fortieth reading of issue 76, part aAS (docs/drafting.md, "Leftovers of the fortieth
reading, part aAS"): AS-META-003 failed a document that is not a JSON object under no rule, and AS-META-004's step 1
named AS-META-001 as judging it (row a1); rules narrower than the problem details their checks require (row a2);
AS-TRADE-004's order findings under no rule (row a3); AS-REG-004's own listing and history reads (row a4); the own
reads of AS-API-001, AS-REG-001 and AS-REG-007 raising under no rule (row a5, its assets sites). Each test fails
on the sources as they were before this part (checked once against those sources)."""

from __future__ import annotations

import ast
import importlib.util
import sys
from types import SimpleNamespace

import httpx
import pytest
import yaml

from conformance import NonConformance, NotApplicable
from conformance.adapters.response import Response
from conformance.areas._shared.registry import Identity
from conformance.areas.assets.registry import listed
from tests.drafting.test_spec_leftovers_thirtyninth_aTR import Caught
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT


def _requirements() -> dict:
    data = yaml.safe_load((ROOT / "suites/assets/requirements.yaml").read_text(encoding="utf-8"))
    return {r["id"]: r for r in data["requirements"]}


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"h93_aAS_{name}", ROOT / "suites/assets" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _function(path: str, name: str) -> ast.FunctionDef:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name)


def _json_reads(path: str, name: str) -> list[int]:
    return [call.lineno for call in ast.walk(_function(path, name)) if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute) and call.func.attr == "json"]


def test_rights_pass_over_a_document_that_is_not_an_object(catalog):
    """Row a1: AS-META-003 filed ``assets.metadata-not-object`` (no rule) for ``[]``, which carries no rights and
    which step 1 says is not judged; the finding also kept the verdict from being not applicable."""
    docs = [SimpleNamespace(name="a.json", data=[]), SimpleNamespace(name="b.json", data={"name": "b"})]
    targets = {"asset_metadata": SimpleNamespace(documents=lambda: iter(docs))}
    evidence = Caught()
    with pytest.raises(NotApplicable):
        _module("test_metadata").test_asset_rights(targets, catalog.schemas, evidence)
    assert evidence.caught == []


def test_the_transfer_rules_step_names_only_the_requirement_that_judges_a_non_object(zh_markdown, en_markdown):
    """Row a1: AS-META-001's check passes such a document over; only AS-META-002's ERC schema judges it."""
    zh = _row(_cases(zh_markdown)["AS-META-004"], "测试步骤")
    assert "其作为元数据由 AS‑META‑002 判定" in zh and "AS‑META‑001" not in zh
    en = _row(_cases(en_markdown)["AS-META-004"], "Test procedure")
    assert "which as metadata AS‑META‑002 judges" in en and "AS‑META‑001" not in en


def test_refusal_rules_state_the_problem_details_the_check_requires():
    """Row a2: each refusal goes through ``expect``, which also requires RFC 9457 problem details."""
    by_id = _requirements()
    rules = {(rid, r["id"]): r for rid in ("AS-MINOR-003", "AS-TRADE-004", "AS-TRADE-002")
             for r in by_id[rid]["rules"]}
    want = {("AS-MINOR-003", "R4"): ("refused with 403 problem details", "应以 403 问题详情被拒绝"),
            ("AS-TRADE-004", "R3"): ("refused with 403 problem details", "应以 403 问题详情拒绝"),
            ("AS-TRADE-004", "R4"): ("refused with 409 problem details", "应以 409 问题详情拒绝"),
            ("AS-TRADE-002", "R2"): ("refused with 409 problem details", "应以 409 问题详情拒绝")}
    for key, (en, zh) in want.items():
        assert en in rules[key]["en"] and zh in rules[key]["zh"], key


def test_the_refund_case_files_its_order_under_r1():
    """Row a3: ``_settled_at`` passed its rule to the settlement only, not to ``t.order``."""
    orders = [call for call in ast.walk(_function("suites/assets/test_trading.py", "_settled_at"))
              if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "order"]
    assert orders and all(any(k.arg == "rule" for k in call.keywords) for call in orders)


def test_the_replay_case_reads_its_listing_and_histories_as_set_ups(zh_markdown, en_markdown):
    """Row a4: ``history = response.json()`` and ``listing.json()`` raised uncaught on a body that does not parse;
    the inconclusive line names both reads."""
    assert _json_reads("suites/assets/test_registry_lifecycle.py", "test_state_equals_replayed_history") == []
    zh = _verdict_lines(_cases(zh_markdown)["AS-REG-004"], "zh")["不确定"]
    assert "或其应答体无法解析为 JSON（由 AS‑REG‑001 判定）" in zh and "（由 AS‑API‑001 判定）" in zh
    en = _verdict_lines(_cases(en_markdown)["AS-REG-004"], "en")["Inconclusive"]
    assert "or its body does not parse as JSON (AS‑REG‑001 judges it)" in en and "(AS‑API‑001 judges it)" in en


def test_the_cases_own_reads_go_through_the_shared_own_read():
    """Row a5: AS-API-001's listing, AS-REG-001's listings and history and AS-REG-007's anonymous read."""
    sites = (("suites/assets/test_registry.py", "test_registry_lists_and_serves_metadata"),
             ("suites/assets/test_registry_lifecycle.py", "_history"),
             ("suites/assets/test_registry_rights.py", "_confirmed"),
             ("src/conformance/areas/assets/registry.py", "listed"))
    assert {site: _json_reads(*site) for site in sites} == {site: [] for site in sites}


def test_a_listing_that_does_not_parse_is_a_finding_under_the_callers_rule():
    """Row a5: ``listed`` (AS-REG-001 R3) raised the adapter's error, under no rule."""
    answer = Response("GET", "https://api.example/assets?owner=x", 200,
                      httpx.Headers({"content-type": "application/json"}), b"<html>", 0.0)
    registry = SimpleNamespace(owned=lambda did: answer)
    with pytest.raises(NonConformance) as raised:  # the shared own read (part h94-own) raises the finding
        listed(Caught(), registry, Identity("A", "did:example:a", "t"), rule="R3")
    assert raised.value.evidence["rule"] == "R3"


def test_the_changed_cases_step_with_a_note():
    """A step each, its note line in both languages."""
    by_id = _requirements()
    # AS-META-004 3.1.1 (part h94-basisA's number basis), AS-API-001 1.3.1 (forty-second reading), AS-TRADE-004 1.7.0
    # and AS-TRADE-002 2.2.0 (part h97-trade's probe price) stepped since
    want = {"AS-META-003": "1.3.0", "AS-META-004": "3.1.1", "AS-MINOR-003": "1.3.1", "AS-TRADE-004": "1.7.0",
            "AS-TRADE-002": "2.2.0", "AS-REG-004": "1.1.0", "AS-API-001": "1.3.1", "AS-REG-001": "1.4.0",
            "AS-REG-007": "1.1.0"}
    for rid, version in want.items():
        notes = by_id[rid]["notes"]
        # at least that step: later readings step some of them again (AS-TRADE-004 1.7.1, AS-API-001 1.3.2)
        assert tuple(map(int, by_id[rid]["version"].split("."))) >= tuple(map(int, version.split("."))), rid
        assert "fortieth reading's leftovers, part aAS" in notes["en"], rid
        assert "第四十次审读遗留问题，第 aAS 部分" in notes["zh"], rid
