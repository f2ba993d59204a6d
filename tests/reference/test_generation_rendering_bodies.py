"""The reference's generation interface and cloud rendering refuse, with a 4xx problem, every body
the contract's robustness probe (IF-ROB-001) derives from the operation's example, now that both are
operations of the contract (issue 74): a prompt that is not a string was once generated from."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from conformance import load_catalog
from conformance.areas.interfaces.mutations import mutations
from conformance.areas.interfaces.openapi import Contract
from conformance.areas.interfaces.robustness import body_operations
from conformance.reference import cloudrender
from conformance.reference.assets import generation
from tests.conftest import serve

OPERATIONS = ("generateContent", "renderStream")


@pytest.fixture(scope="module")
def probes() -> list[tuple[str, str, bytes]]:
    contract = Contract(load_catalog().schemas)
    return [(bop.op.path, mutation.description, mutation.content())
            for bop in body_operations(contract) if bop.op.operation_id in OPERATIONS
            for mutation in mutations(bop.example, bop.schema)]


def test_every_mutation_of_the_examples_is_refused_with_a_problem(probes):
    assert {path for path, _, _ in probes} == {"/generate", "/render/stream"}
    app = Starlette(routes=[*generation.routes(frozenset()), *cloudrender.routes(frozenset())])
    with serve(app) as url, httpx.Client(base_url=url) as client:
        answers = [(path, str(description), client.post(path, content=content,
                                                         headers={"Content-Type": "application/json"}))
                   for path, description, content in probes]
    assert [(path, description, answer.status_code) for path, description, answer in answers
            if not (400 <= answer.status_code < 500
                    and answer.headers["content-type"].startswith("application/problem+json"))] == []


def test_a_rate_past_the_contracts_bound_is_refused_not_a_server_error():
    app = Starlette(routes=cloudrender.routes(frozenset()))
    with serve(app) as url, httpx.Client(base_url=url) as client:
        answer = client.post("/render/stream", json={"width": 160, "height": 96, "frames": 3, "fps": 2 ** 31})
    assert answer.status_code == 422, answer.text
