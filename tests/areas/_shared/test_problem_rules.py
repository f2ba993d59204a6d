"""The problem checks record the caller's rule (issue 76, the thirty-seventh reading's a4): a
refusal the text states in a rule (ID-REG-002 R1, ID-AUTH-002 R3...) names that R-number in the
report's 规则 column; without one, none; the registrar's answer likewise (ID-REG-001 R1/R2)."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest

from conformance._record.evidence import Evidence
from conformance.adapters.response import Response
from conformance.areas._shared.problems import check_problem, check_refused
from conformance.areas.identity.registration import registrar_state
from conformance.errors import NonConformance
from conformance.messages import msg


@pytest.fixture(scope="module")
def schemas(catalog):
    return catalog.schemas


def _response(status: int, body: bytes, media_type: str) -> Response:
    return Response(method="POST", url="https://platform.example/1.0/create", status=status,
                    headers=httpx.Headers({"content-type": media_type}), content=body, elapsed_s=0.0)


def _rules(evidence: Evidence) -> list[str | None]:
    return [item.get("rule") for item in evidence.export() if item["kind"] == "finding"]


@pytest.mark.parametrize("rule", ["R1", "R3", None])
def test_a_request_not_refused_names_the_caller_s_rule(rule):
    evidence = Evidence()
    check_refused(SimpleNamespace(method="POST", url="/1.0/create", status=201), None, evidence,
                  msg("engine.none"), rule=rule)
    assert _rules(evidence) == [rule]


def test_a_refusal_that_is_no_problem_names_the_caller_s_rule_in_every_finding(schemas):
    evidence = Evidence()
    check_refused(_response(400, b'{"title": 7}', "application/json"), schemas, evidence, msg("engine.none"),
                  rule="R2")
    found = _rules(evidence)
    assert len(found) >= 2 and set(found) == {"R2"}  # the media type and the body's members


def test_a_wrong_status_names_the_caller_s_rule(schemas):
    evidence = Evidence()
    check_problem(_response(200, b"{}", "application/json"), schemas, evidence, expected_status=410, rule="R1")
    assert _rules(evidence) == ["R1"]


def test_the_registrar_s_answer_names_the_rules_its_caller_gives():
    with pytest.raises(NonConformance) as raised:
        registrar_state(SimpleNamespace(method="POST", url="/1.0/create", status=500), Evidence(), None,
                        ok=(201,), rule="R1")
    assert raised.value.evidence["rule"] == "R1"
    evidence = Evidence()
    body = b'{"didState": {"state": "finished", "did": "did:web:a.example", "key": {"kty": "OKP", "d": "AAAA"}}}'
    registrar_state(_response(201, body, "application/json"), evidence, _NoSchema(), ok=(201,),
                    rule="R1", private_rule="R2")
    assert _rules(evidence) == ["R2"]


class _NoSchema:
    def findings(self, *_: object) -> list:
        return []


def test_a_refusal_whose_body_is_no_json_fails_under_the_caller_s_rule(schemas):
    with pytest.raises(NonConformance) as raised:
        check_refused(_response(406, b"<html>no</html>", "application/problem+json"), schemas, Evidence(),
                      msg("engine.none"), rule="R3")
    assert raised.value.evidence.get("rule") == "R3"


def test_a_challenge_not_issued_fails_under_the_caller_s_rule():
    from conformance.areas.identity.keylogin import challenge_of

    api = SimpleNamespace(post=lambda *_, **__: _response(500, b"{}", "application/json"))
    with pytest.raises(NonConformance) as raised:
        challenge_of(api, "did:web:a.example", Evidence(), rule="R1")  # ID-AUTH-001 judges the issuance
    assert raised.value.evidence.get("rule") == "R1"
