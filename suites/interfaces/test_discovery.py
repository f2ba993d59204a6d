"""Discovery: the document every other interface test starts from."""

import pytest

DISCOVERY = "/.well-known/metaverse-interop"
DISCOVERY_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/discovery.json"


@pytest.mark.requirement("IF-DISC-001")
def test_discovery_document_is_valid(targets, schemas, evidence):
    response = targets["api"].get(DISCOVERY)
    assert response.status == 200, f"GET {DISCOVERY} answered {response.status}, expected 200"
    assert response.media_type == "application/json", (
        f"Content-Type is {response.media_type!r}, expected 'application/json'"
    )
    evidence.findings_from(schemas.findings(response.json(), DISCOVERY_SCHEMA), file=DISCOVERY)
