"""The reference resolver of device, product and asset identifiers against the harness's own
reading of them: for any string, the binding's status follows the syntax checker's verdict
(hypothesis), and every listed identifier's result is valid against its schema."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.adapters.deadline import verifying_context
from conformance.areas.identifiers import resolution, syntax


@pytest.fixture(scope="module")
def client(reference_url):
    with httpx.Client(verify=verifying_context(), base_url=reference_url) as http:
        yield http


def _status(client, identifier: str) -> tuple[int, dict]:
    response = client.get(f"{resolution.RESOLVE_PATH}?{urlencode({'identifier': identifier})}")
    return response.status_code, response.json()


identifiers = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.builds(lambda p, s: f"{p}/{s}", st.sampled_from(["88.100.1", "88..1", "", "20.500"]), st.text(max_size=10)),
    st.builds(lambda g, q: f"https://id.example.com/01/{g}{q}", st.text("0123456789", min_size=7, max_size=15),
              st.sampled_from(["", "/21/X1", "/10/L/21/S", "/21/S/10/L"])),
    st.sampled_from(["urn:isbn:0451450523", "did:web:example.com", "mailto:a@example.com"]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(identifier=identifiers)
def test_the_status_follows_the_syntax(client, identifier):
    status, body = _status(client, identifier)
    if syntax.scheme(identifier) is None:
        assert (status, body.get("error")) == (501, "schemeNotSupported")
    elif syntax.problems(identifier):
        # the checker is stricter than the reference on GS1 qualifiers and character sets:
        # anything it refuses is never resolved
        assert status in (400, 404), (identifier, status)
    else:
        assert status in (200, 404), (identifier, status)
        if status == 404:
            assert body.get("error") == "notFound"


def test_every_listed_identifier_resolves_to_a_valid_result(client, catalog):
    listed = client.get(resolution.LIST_PATH).json()["identifiers"]
    assert {item["kind"] for item in listed} == {"device", "product", "asset"}
    for item in listed:
        assert syntax.problems(item["identifier"]) == []
        status, result = _status(client, item["identifier"])
        assert status == 200
        assert catalog.schemas.findings(result, resolution.RESULT_SCHEMA) == []
        assert resolution.value_of(result, "URL").startswith("http")
