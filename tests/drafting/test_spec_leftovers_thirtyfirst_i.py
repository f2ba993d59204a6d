"""The leftovers of the thirty-first reading of issue 76, part i (docs/drafting.md, "Leftovers of the thirty-first
reading, part i"): the siblings of rows a1-a4 in the assets cases. Every order the checks place through
`Trade.order` is answered 201 with an `order` valid against `assets/trade-order.json`, every set-up settlement
(cancellation, refund, read) 200, AS-TRADE-010's held order is refused settlement with 409 problem details, and
AS-REG-003/-006 leave an unserved state inconclusive; the steps and verdict lines now say so. Each test fails on
the draft as it was before these fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_thirtyfirst_a import _fail, _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

_SCHEMA = "assets/trade-order.json"
#: the step (as rendered) where each case's check places an order through `Trade.order`; AS-TRADE-010's steps are one
#: later since its first step checks the ICS for the feature linked-identities (part h94-k5b, forty-first reading)
_ORDER_STEP = {"AS-TRADE-001": 2, "AS-TRADE-002": 1, "AS-TRADE-003": 1, "AS-TRADE-004": 1, "AS-TRADE-005": 1,
               "AS-TRADE-008": 1, "AS-TRADE-010": 3}  # AS-TRADE-010's step 1 the ICS feature (forty-first reading, b12)


def test_orders_name_their_status_and_schema(zh_markdown, en_markdown):
    """The check validates the `order` each order's answer carries against trade-order.json (a finding
    otherwise) and requires 201; the step placing the order said neither, and no fail line named it."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        cases = _cases(markdown)
        for rid, number in _ORDER_STEP.items():
            step = _steps(cases[rid], lang)[number - 1]
            assert "201" in step and _SCHEMA in step, (rid, number, lang, step)
            if rid != "AS-TRADE-001":  # its fail line names an order answer not valid against its schema
                assert _SCHEMA in _fail(cases[rid], lang), (rid, lang)


def test_set_up_settlements_and_orders_name_their_statuses(zh_markdown, en_markdown):
    """The checks require the settlement (and AS-TRADE-003's read, AS-TRADE-005's cancellation and refund)
    answered 200 and every order 201, findings otherwise; the steps and fail lines named none of them."""
    steps_with = {"AS-TRADE-003": {2: "200", 3: "200"}, "AS-TRADE-005": {1: "200"}, "AS-TRADE-008": {1: "200"},
                  "AS-TRADE-010": {3: "200", 6: "201"}, "AS-TRADE-011": {2: "201", 3: "200"}}
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        cases = _cases(markdown)
        for rid, wanted in steps_with.items():
            steps = _steps(cases[rid], lang)
            for number, status in wanted.items():
                assert status in steps[number - 1], (rid, number, lang)
            fail = _fail(cases[rid], lang)
            assert "201" in fail and "200" in fail, (rid, lang)
    assert "售予买方，结算订单" not in _steps(_cases(zh_markdown)["AS-TRADE-008"], "zh")[0]


def test_held_order_settlement_names_problem_details(zh_markdown, en_markdown):
    """AS-TRADE-010 refuses a held order's settlement through `expect`, so the 409 is an RFC 9457 problem."""
    step = {"zh": "409 及问题详情", "en": "409 with problem details"}
    fail = {"zh": "409 及问题详情", "en": "409 and problem details"}
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        case = _cases(markdown)["AS-TRADE-010"]
        assert step[lang] in _steps(case, lang)[4], lang  # step 5 since the ICS feature took step 1
        assert fail[lang] in _fail(case, lang), lang


def test_unserved_state_is_named_inconclusive(zh_markdown, en_markdown):
    """AS-REG-003 and AS-REG-006 read the state (and AS-REG-006 the history) judged by AS-REG-001: a state not
    answered 200 leaves them unjudged, as AS-REG-002's inconclusive line already says."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        cases = _cases(markdown)
        label = "不确定" if lang == "zh" else "Inconclusive"
        for rid in ("AS-REG-003", "AS-REG-006"):
            line = _verdict_lines(cases[rid], lang)[label].replace("\u2011", "-")  # IDs render non-breaking
            assert "`GET /assets/{asset_id}/state`" in line and "AS-REG-001" in line, (rid, lang)
        line = _verdict_lines(cases["AS-REG-006"], lang)[label]
        assert "`GET /assets/{asset_id}/history`" in line, lang
