"""The reference's test-identity provisioning answers a body of the wrong shapes with 400, never a
500: schemathesis, reading the served contract, sent ``age_band`` as an object and the reference
crashed (``unhashable type: 'dict'``)."""

from __future__ import annotations

import httpx
import pytest

from conformance.reference import create_app
from tests.conftest import serve


@pytest.mark.parametrize("body", [{"age_band": {}}, {"age_band": ["minor"]}, {"age_band": 7},
                                  {"linked_to": {}}, {"linked_to": [1]}, {"birth_date": {"y": 1}}])
def test_a_body_of_the_wrong_shape_is_refused(body):
    with serve(create_app()) as url, httpx.Client(base_url=url) as client:
        answer = client.post("/test-identities", json=body)
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_a_well_formed_body_provisions():
    with serve(create_app()) as url, httpx.Client(base_url=url) as client:
        answer = client.post("/test-identities", json={"birth_date": "2010-01-03"})
    assert answer.status_code in (200, 201), answer.text and {"did", "token"} <= set(answer.json())
