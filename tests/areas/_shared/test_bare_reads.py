"""Part h94-reads (issue 76): the bare ``.json()`` reads left after part h94-own, each class with a fake answer
whose body does not parse. A case's own read is a finding under the rule stating the answer, naming the request
and the status it was answered with; a set-up read names the state, never a finding of the reader's."""

from __future__ import annotations

import httpx
import pytest

from conformance import NonConformance
from conformance.adapters.response import Response
from conformance.areas._shared.ownread import UNPARSED, own_json_or_finding
from conformance.areas._shared.problems import check_problem
from conformance.areas._shared.registry import Identity, provision, provision_linked
from conformance.areas.assets.trading import flagged_order
from conformance.areas.identifiers.resolution import listed
from tests.drafting.test_spec_leftovers_fortieth_cREF import _suite

URL = "https://api.example/things"


def _answer(status: int, body: bytes, method: str = "GET", media_type: str = "application/json") -> Response:
    return Response(method, URL, status, httpx.Headers({"content-type": media_type}), body, 0.0)


class _Evidence:
    def __init__(self) -> None:
        self.found: list[tuple[str, dict]] = []

    def finding(self, message: str, **members: object) -> None:
        self.found.append((message, members))

    def findings_from(self, findings, **location) -> int:
        return 0


class _Api:
    def __init__(self, answer: Response) -> None:
        self.answer = answer

    def get(self, path, **_):
        return self.answer

    def post(self, path, **_):
        return self.answer


def test_an_own_read_that_goes_on_records_its_finding_under_the_rule():
    evidence = _Evidence()
    assert own_json_or_finding(_answer(200, b"<html>"), "R1", evidence) is UNPARSED
    (message, members), = evidence.found
    assert members["rule"] == "R1" and members["file"] == f"GET {URL}" and "200" in message
    assert own_json_or_finding(_answer(200, b"null"), "R1", evidence) is None  # JSON null is a body
    assert len(evidence.found) == 1


def test_a_problem_that_does_not_parse_names_the_request_under_the_rule():
    with pytest.raises(NonConformance) as raised:
        check_problem(_answer(404, b"<html>", media_type="application/problem+json"), None, _Evidence(), rule="R3")
    assert raised.value.evidence["rule"] == "R3" and raised.value.evidence["file"] == f"GET {URL}"
    assert f"GET {URL} answered 404" in str(raised.value)


def test_a_held_order_that_does_not_parse_is_the_rules_finding():
    with pytest.raises(NonConformance) as raised:
        flagged_order(_answer(201, b"{", "POST"), "wash-trade", "R2")
    assert raised.value.evidence["rule"] == "R2" and "201" in str(raised.value)


def test_a_provisioning_whose_body_does_not_parse_names_its_state():
    with pytest.raises(NonConformance) as raised:
        provision(_Api(_answer(201, b"<html>", "POST")), "/test/identities", 1)
    assert "201" in str(raised.value) and "<html>" not in str(raised.value)
    state = provision_linked(_Api(_answer(201, b"<html>", "POST")), "/test/identities", Identity("A", "did:x:a", "t"))
    assert not isinstance(state, Identity) and "201" in str(state) and state != 201


def test_the_identifier_list_ir_syn_001_judges_names_the_request():
    with pytest.raises(NonConformance) as raised:
        listed(_Api(_answer(200, b"<html>")), None, _Evidence(), judged=True)
    assert raised.value.evidence["file"] == f"GET {URL}" and f"GET {URL} answered 200" in str(raised.value)


def test_an_accepted_login_whose_body_does_not_parse_is_a_finding_under_the_callers_rule():
    portability = _suite("suite_portability_reads", "suites/identity/test_portability.py")
    with pytest.raises(NonConformance) as raised:
        portability.token_in(_answer(200, b"<html>", "POST"), "R2")
    assert raised.value.evidence["rule"] == "R2"


def test_a_resolution_result_that_does_not_parse_is_r1s_finding_and_the_case_goes_on():
    resolution = _suite("suite_resolution_reads", "suites/identity/test_resolution.py")
    evidence = _Evidence()
    resolution.check_resolution_result(_answer(200, b"<html>", media_type="application/did-resolution"),
                                       "did:example:1", None, evidence)
    (_, members), = evidence.found
    assert members["rule"] == "R1" and members["file"] == f"GET {URL}"
