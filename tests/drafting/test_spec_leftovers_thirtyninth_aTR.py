"""The leftovers of the thirty-ninth reading of issue 76, part aTR (docs/drafting.md, "Leftovers of the
thirty-ninth reading, part aTR"): the assets registry's set-up reads of a state or history (row a1) and the
trading helpers' findings under the rule their step names (row a6; part h92-ruleAS's open row 3b). Each
test fails on the suites or the draft as they were at c0dd8477 (checked once against those sources)."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import SimpleNamespace

import httpx
import pytest
import yaml

from conformance import Evidence, NonConformance
from conformance.adapters.response import Response
from conformance.areas.assets import accounts
from conformance.areas.assets.registry import check_state, history_read
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT

SUITES = ROOT / "suites"
GOOD_HISTORY = b'{"events": []}'


class Caught(Evidence):
    """Evidence keeping each finding it records, to read its rule."""

    def __init__(self) -> None:
        super().__init__()
        self.caught: list = []

    def record(self, finding) -> None:
        self.caught.append(finding)
        super().record(finding)


def _answer(status: int, body: bytes, method: str = "GET", url: str = "https://api.example/x") -> Response:
    return Response(method, url, status, httpx.Headers({"content-type": "application/json"}), body, 0.0)


class _Registry:
    """A registry client answering every read with the given answer."""

    def __init__(self, answer: Response) -> None:
        self.answer = answer

    def state(self, asset_id: str) -> Response:
        return self.answer

    def history(self, asset_id: str) -> Response:
        return self.answer

    def call(self, method: str, path: str, who: object) -> Response:
        return self.answer


def _lines(markdown: str, rid: str, lang: str) -> dict[str, str]:
    return {label: line.replace("\u2011", "-") for label, line in _verdict_lines(_cases(markdown)[rid], lang).items()}


def _trading_module():
    spec = importlib.util.spec_from_file_location("h92_aTR_trading", SUITES / "assets" / "test_trading.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_state_set_up_read_not_json_is_unjudged_naming_as_reg_001():
    """a1: `check_state(..., judged_by=...)` read `.json()` uncaught, failing the case under no rule."""
    evidence = Caught()
    registry = _Registry(_answer(200, b"<html>"))
    got = check_state(evidence, registry, "x", {"owner": "a"}, "after", judged_by="AS-REG-001")
    assert got is None and evidence.caught == []
    assert "AS-REG-001" in next(iter(evidence.unjudged_inputs.values()))


def test_a_history_set_up_read_not_json_or_off_schema_is_unjudged(catalog):
    """a1 / 3b: `history_read` read `.json()` uncaught and recorded an off-schema history as the caller's
    finding under no rule; both now leave it unjudged naming AS-REG-001."""
    for body in (b"not json", b'{"events": "none"}'):
        evidence = Caught()
        assert history_read(evidence, catalog.schemas, _Registry(_answer(200, body)), "x") is None
        assert evidence.caught == [], body
        assert "AS-REG-001" in next(iter(evidence.unjudged_inputs.values())), body
    evidence = Caught()
    assert history_read(evidence, catalog.schemas, _Registry(_answer(200, GOOD_HISTORY)), "x") is not None


def test_a_history_the_case_judges_itself_stays_its_finding(catalog):
    """AS-TRADE-001 (trade schema) and -005 (hash chain) judge the record: off its schema is their finding."""
    evidence = Caught()
    assert history_read(evidence, catalog.schemas, _Registry(_answer(200, b'{"events": "none"}')), "x",
                        own=True) is None
    assert evidence.caught and not evidence.unjudged_inputs


def _trade(answer: Response):
    trading = _trading_module()
    t = object.__new__(trading.Trade)
    t.session = SimpleNamespace(ids=(SimpleNamespace(did="did:web:a"), SimpleNamespace(did="did:web:b")))
    t.market = SimpleNamespace(order=lambda who, asset_id, price: answer)
    t.price = {"amount": "12.50", "currency": "CNY"}
    return t


def test_the_order_findings_carry_the_rule_the_step_names(catalog):
    """a6: `Trade.order` recorded a refused order, a 201 not JSON and an off-schema order under no rule."""
    for answer in (_answer(400, b'{"type": "about:blank", "title": "no", "status": 400}', "POST"),
                   _answer(201, b'{"order": {}}', "POST")):
        evidence = Caught()
        assert _trade(answer).order(evidence, catalog.schemas, "x", rule="R1") is None
        assert evidence.caught and {f.rule for f in evidence.caught} == {"R1"}, answer.content
    with pytest.raises(NonConformance) as raised:  # the shared own read (part h94-own) raises the finding
        _trade(_answer(201, b"<html>", "POST")).order(Caught(), catalog.schemas, "x", rule="R1")
    assert raised.value.evidence["rule"] == "R1"


def test_an_unreadable_balance_is_a_finding_under_the_rule_it_serves():
    """a6: `balances` recorded `GET /account` not 200 (or not JSON) as a finding under no rule."""
    for answer in (_answer(500, b"{}"), _answer(200, b"<html>")):
        evidence = Caught()
        assert accounts.balances(evidence, _Registry(answer), SimpleNamespace(name="B"), "R5") is None
        assert [f.rule for f in evidence.caught] == ["R5"]


def test_the_payment_case_passes_its_rules():
    """a6: AS-TRADE-011's own order, settlement and R5's refusal and holder are checked under their rules."""
    source = (SUITES / "assets" / "test_trading_payment.py").read_text(encoding="utf-8")
    assert 'msg("assets.step-order-unpaid"), "R5")' in source
    assert 'judged_by=SERVED, rule="R5")' in source
    assert 'msg("assets.step-settle"), "R1")' in source


def test_the_inconclusive_lines_name_a_state_or_history_not_json(zh_markdown, en_markdown):
    """a1: the lines named only a read not answered 200."""
    for rid in ("AS-TRADE-002", "AS-TRADE-011", "AS-REG-006"):
        assert "answered 200 with a body that parses as JSON, or the history is off the `assets/asset-history.json`" \
               in _lines(en_markdown, rid, "en")["Inconclusive"], rid
        assert "未以 200 及可解析的 JSON 应答，或历史不符合 `assets/asset-history.json` 模式（由 AS-REG-001 判定）" \
               in _lines(zh_markdown, rid, "zh")["不确定"], rid
    for rid in ("AS-REG-002", "AS-REG-003"):
        assert "is not answered 200 with a body that parses as JSON (AS-REG-001 judges it)" in _lines(
            en_markdown, rid, "en")["Inconclusive"], rid
        assert "未以 200 及可解析的 JSON 应答（由 AS-REG-001 判定）" in _lines(zh_markdown, rid, "zh")["不确定"], rid


def test_the_payment_fail_line_names_an_unreadable_balance(zh_markdown, en_markdown):
    """a6: `GET /account` not read as balances was a finding no fail line stated."""
    assert "`GET /account` is not answered 200 with `balances` a list of amounts and currencies" in _lines(
        en_markdown, "AS-TRADE-011", "en")["Fail"]
    assert "`GET /account` 未以 200 应答或其 `balances` 不是金额与币种的列表" in _lines(
        zh_markdown, "AS-TRADE-011", "zh")["不通过"]


def test_the_changed_checks_step_with_a_note():
    """Each changed check took a minor step with a note of part aTR in both languages."""
    catalog = {r["id"]: r for r in yaml.safe_load(
        (SUITES / "assets" / "requirements.yaml").read_text(encoding="utf-8"))["requirements"]}
    for rid in ("AS-REG-002", "AS-REG-003", "AS-REG-004", "AS-REG-006", "AS-TRADE-002", "AS-TRADE-003",
                "AS-TRADE-004", "AS-TRADE-006", "AS-TRADE-008", "AS-TRADE-009", "AS-TRADE-010", "AS-TRADE-011"):
        notes = catalog[rid]["notes"]
        assert "thirty-ninth reading's leftovers, part aTR" in notes["en"], rid
        assert "第 aTR 部分" in notes["zh"], rid
        # a minor step of part aTR's, or a later step on top of it (the fortieth reading's parts)
        assert re.search(r"\b\d+\.\d+\.0 \(issue 76, thirty-ninth reading's leftovers, part aTR", notes["en"]), rid
