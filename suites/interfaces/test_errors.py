"""Error responses: RFC 9457 problem details, so clients can handle every error one way."""

from __future__ import annotations

import pytest

from conformance import Inconclusive

PROBLEM_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/problem-details.json"
PROBLEM_MEDIA_TYPE = "application/problem+json"
#: A path no platform serves: the harness's own name keeps it from meaning anything real.
UNKNOWN_PATH = "/metaverse-conformance/no-such-resource"


@pytest.mark.requirement("IF-ERR-001")
def test_errors_are_problem_details(targets, schemas, evidence):
    response = targets["api"].get(UNKNOWN_PATH, headers={"Accept": f"{PROBLEM_MEDIA_TYPE}, application/json"})
    where = f"GET {UNKNOWN_PATH}"
    if response.status < 400:
        raise Inconclusive(f"{where} answered {response.status}, not an error: nothing to judge")
    # Read the body whatever the Content-Type says, so one run reports every departure.
    if response.media_type != PROBLEM_MEDIA_TYPE:
        evidence.finding("the error is not served as problem details", file=where,
                         expected=f"Content-Type {PROBLEM_MEDIA_TYPE}", actual=response.media_type or "(none)")
    body = response.json()
    evidence.findings_from(schemas.findings(body, PROBLEM_SCHEMA), file=where)
    # RFC 9457 3.1.3: status is the HTTP status code the origin server generated.
    if isinstance(body, dict) and "status" in body and body["status"] != response.status:
        evidence.finding("the problem's status differs from the HTTP status", file=where, pointer="/status",
                         expected=response.status, actual=body["status"])
