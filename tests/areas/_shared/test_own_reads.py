"""Part h94-own: a case's own read whose body does not parse is a finding under the caller's rule, naming
the request and the status it was answered with (``_shared/ownread.own_json``); a set-up read of such a body
leaves the step to the requirement judging it (IF-RISK-*'s ``judged_body``); RFC 3339 times are read in
RFC 3339's own form (``_shared/times.rfc3339_instant``)."""

from __future__ import annotations

import httpx
import pytest

from conformance import NonConformance
from conformance.adapters.response import Response
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.times import rfc3339_instant
from conformance.areas.interfaces.risk import JudgedElsewhere, judged_body


def _answer(status: int, body: bytes, method: str = "POST") -> Response:
    return Response(method, "https://api.example/reports", status, httpx.Headers({"content-type": "application/json"}),
                    body, 0.0)


def test_an_own_body_that_does_not_parse_is_a_finding_under_the_callers_rule():
    with pytest.raises(NonConformance) as raised:
        own_json(_answer(201, b"<html>"), "R1")
    assert raised.value.evidence["rule"] == "R1"
    assert raised.value.evidence["file"] == "POST https://api.example/reports"
    assert "POST https://api.example/reports answered 201" in str(raised.value)


def test_an_own_body_that_parses_is_returned_and_a_rule_less_read_names_no_rule():
    assert own_json(_answer(200, b'{"a": 1}'), "R1") == {"a": 1}
    with pytest.raises(NonConformance) as raised:
        own_json(_answer(200, b"{", "GET"), None)
    assert "rule" not in raised.value.evidence


def test_a_risk_step_whose_body_does_not_parse_is_judged_elsewhere():
    with pytest.raises(JudgedElsewhere) as raised:
        judged_body(_answer(201, b"<html>"), "IF-REPORT-001", ok=(200, 201, 202))
    where, state, requirement = raised.value.args
    assert where == "POST https://api.example/reports" and requirement == "IF-REPORT-001" and "201" in state
    assert judged_body(_answer(404, b"<html>"), "IF-REPORT-001") is None  # an answer about the measure


@pytest.mark.parametrize("text", ["20261129T080000Z", "2026-W48-7T08:00+08:00", "2026-11-29T08:00:00+0800",
                                  "2026-11-29T08:00:00", None])
def test_a_time_outside_rfc_3339_is_not_read(text):
    assert rfc3339_instant(text) is None


def test_an_rfc_3339_time_is_read():
    assert rfc3339_instant("2026-11-29t08:00:00z").isoformat() == "2026-11-29T08:00:00+00:00"
