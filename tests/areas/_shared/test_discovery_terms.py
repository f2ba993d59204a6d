"""The declared terms several areas judge against (areas/_shared/discovery.py): a discovery
document that is not served or not JSON leaves them nothing to judge (inconclusive: IF-DISC-001's
verdict), a document that declares no such terms is a non-conformance (issue 59)."""

from __future__ import annotations

import pytest

from conformance import Inconclusive, NonConformance
from conformance.areas._shared.discovery import declared_terms
from tests.areas.fake_api import Answer, Api


def test_the_declared_terms_are_returned():
    api = Api(Answer(200, {"ai_agents": {"agents": "/agents"}}))
    assert declared_terms(api, ("ai_agents",), "interfaces.agents-no-declaration") == {"agents": "/agents"}


@pytest.mark.parametrize("status, body", [(404, {}), (200, b"<html>not json</html>")])
def test_a_document_not_served_or_not_json_leaves_nothing_to_judge(status, body):
    with pytest.raises(Inconclusive) as raised:
        declared_terms(Api(Answer(status, body)), ("ai_agents",), "interfaces.agents-no-declaration")
    # issue 71: what could not be read, the request, and the requirement that judges it
    assert "GET /.well-known/metaverse-interop" in str(raised.value) and "IF-DISC-001" in str(raised.value)


def test_a_document_without_the_terms_is_a_non_conformance():
    with pytest.raises(NonConformance):
        declared_terms(Api(Answer(200, {"endpoints": {}})), ("ai_agents",), "interfaces.agents-no-declaration")
