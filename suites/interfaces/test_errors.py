"""Error responses: RFC 9457 problem details, so clients can handle every error one way."""

from __future__ import annotations

import pytest

from conformance import Inconclusive, msg
from conformance.areas._shared.problems import PROBLEM_MEDIA_TYPE, check_problem

#: A path no platform serves: the harness's own name keeps it from meaning anything real.
UNKNOWN_PATH = "/metaverse-conformance/no-such-resource"


@pytest.mark.requirement("IF-ERR-001")
def test_errors_are_problem_details(targets, schemas, evidence):
    response = targets["api"].get(UNKNOWN_PATH, headers={"Accept": f"{PROBLEM_MEDIA_TYPE}, application/json"})
    where = response.requested
    if response.status < 400:
        raise Inconclusive(msg("interfaces.not-an-error", where=where, status=response.status))
    check_problem(response, schemas, evidence)
