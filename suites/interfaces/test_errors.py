"""Error responses: RFC 9457 problem details, so clients can handle every error one way."""

from __future__ import annotations

import pytest

from conformance import Evidence, Inconclusive, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.answers import require_route_serves, route_serves
from conformance.areas._shared.discovery import DISCOVERY
from conformance.areas._shared.problems import PROBLEM_MEDIA_TYPE, check_problem

#: A path no platform serves: the harness's own name keeps it from meaning anything real.
UNKNOWN_PATH = "/metaverse-conformance/no-such-resource"


@pytest.mark.requirement("IF-ERR-001")
def test_errors_are_problem_details(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    api = targets["api"]
    response = api.get(UNKNOWN_PATH, headers={"Accept": f"{PROBLEM_MEDIA_TYPE}, application/json"})
    where = response.requested
    if response.status < 400:
        raise Inconclusive(msg("interfaces.not-an-error", where=where, status=response.status))
    # A plain 404 here while the API serves (its base URL or its discovery document answers) is
    # the product's own error answer, judged; only an API answering nothing leaves it unjudged.
    require_route_serves([response], lambda: served(api))
    check_problem(response, schemas, evidence)


def served(api):
    """The base URL's answer when it serves, else the discovery document's: what shows the API
    the manifest names is there at all (judging either is another requirement's)."""
    base = api.get("")
    return base if route_serves(base) else api.get(DISCOVERY)
