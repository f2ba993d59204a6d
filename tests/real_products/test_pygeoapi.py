"""pygeoapi (on PyPI, OSGeo's server of OGC API - Features, Processes and more), configured as an
operator configures it (tests/real_products/pygeoapi_site/: one CSV collection, the HelloWorld
process), its OpenAPI document generated with its own ``pygeoapi openapi generate``, served as
its documentation serves it under ASGI (``uvicorn pygeoapi.starlette_app:APP``: its ``serve
--starlette`` runs the same app with uvicorn's reloader on, which a test has no use for), and
described in one manifest as a vendor would describe it when claiming interfaces-core: its
landing page is its discovery document, its features its listing. The verdict of every
requirement interfaces-core selects is written down below with the evidence that decides it and
the clause it rests on (docs/real-products.md, "pygeoapi"). The pinned version is
scripts/install-real-products.sh's."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.real_products.products import (
    Run,
    differences,
    free_port,
    installed,
    reproduce_commands_read_by_sh,
    run_harness,
    started,
)

pytestmark = [pytest.mark.real_products, pytest.mark.slow]

#: the operator's configuration and data: tests/real_products/pygeoapi_site/
SITE = Path(__file__).parent / "pygeoapi_site"
#: the path IF-ERR-001 asks for, which no platform serves (suites/interfaces/test_errors.py)
UNKNOWN_PATH = "/metaverse-conformance/no-such-resource"

#: requirement -> (verdict, why): the evidence that decides it and the clause it rests on
EXPECTED: dict[str, tuple[str, str]] = {
    "IF-DISC-001": ("inconclusive", "nothing answers at the origin's /.well-known/metaverse-interop (404): "
                                    "IF-DISC-001 asks the well-known URI whatever the manifest moves (RFC 8615 3; "
                                    "the thirty-seventh reading's a10), and an answer of 404 only is an endpoint "
                                    "not seen (the engine's nothing-answers rule)"),
    "IF-DISC-002": ("not_applicable", "the landing page declares no endpoints, nothing IF-DISC-002 checks "
                                      "(clause 3.24; IF-DISC-001 judges the document)"),
    "IF-DISC-003": ("inconclusive", "the landing page declares no profiles (IF-DISC-001 judges the document)"),
    "IF-DISC-004": ("fail", "the landing page declares no risk_grade"),
    "IF-ERR-001": ("fail", "the unknown path is answered 404 text/plain 'Not Found' (Starlette's own page) "
                           "while the base URL serves: a judged answer since IF-ERR-001 1.1 (issue 72), not "
                           "problem details (RFC 9457 3 wants application/problem+json)"),
    "IF-TLS-001": ("fail", "the base URL is http:// (BCP 195; pygeoapi serves no TLS of its own)"),
    "IF-CON-001": ("fail", "every route the contract names and pygeoapi does not serve (/1.0/identifiers/..., "
                           "/assets/{id}/state, /orders/{id}, /scenes/{id}, /agents...) is answered 404 "
                           "text/plain, a media type the contract does not document for a 4XX (its "
                           "application/problem+json)"),
    "IF-REQ-001": ("fail", "X-Request-ID is not echoed on / nor on the 404"),
    "IF-LAT-001": ("pass", "under 16 concurrent clients the landing page and the items answer with a p95 well "
                           "under 2 s and no 5xx"),
    "IF-PAGE-001": ("fail", "the stations' items are a GeoJSON FeatureCollection (features, numberMatched, "
                            "links with rel next), not the contract's listing object with items"),
    "IF-RATE-001": ("not_applicable", "no answer to a burst of 20 requests is 429: no rate limit to judge"),
    "IF-DISC-005": ("not_applicable", "feature product-identity not claimed"),
}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """pygeoapi on a free port with the site's configuration: the base URL the manifest names."""
    pygeoapi = installed("pygeoapi", "pygeoapi")
    folder = tmp_path_factory.mktemp("pygeoapi")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYGEOAPI_CONFIG": str(SITE / "config.yml"), "PYGEOAPI_OPENAPI": str(folder / "openapi.yml"),
           "PYGEOAPI_PORT": str(port), "PYGEOAPI_SERVER_URL": base_url, "PYGEOAPI_SITE": str(SITE)}
    generated = subprocess.run([str(pygeoapi), "openapi", "generate", env["PYGEOAPI_CONFIG"], "--output-file",
                                env["PYGEOAPI_OPENAPI"]], capture_output=True, text=True, env=env, cwd=folder,
                               timeout=300)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    argv = [str(pygeoapi.parent / "uvicorn"), "pygeoapi.starlette_app:APP", "--host", "127.0.0.1", "--port", str(port)]
    with started(argv, ready=f"{base_url}/collections/stations/items", headers={}, env=env,
                 log=folder / "server.log"):
        yield base_url


def manifest(base_url: str) -> dict[str, Any]:
    return {
        "product": {"name": "pygeoapi", "version": "0.24.0", "vendor": "OSGeo"},
        "profiles": [{"id": "interfaces-core"}],
        "targets": {"api": {"adapter": "http", "base_url": base_url, "paths": {
            "discovery": "/", "assets": "/collections/stations/items",
            "asset": "/collections/stations/items/{asset_id}"}}},
    }


@pytest.fixture(scope="module")
def run(service: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One run of the harness on the service, for every test here."""
    return run_harness(manifest(service), tmp_path_factory.mktemp("pygeoapi-run"), {})


def _exchanges(run: Run, requirement: str) -> list[dict[str, Any]]:
    entry = next(e for e in run.report["requirements"] if e["requirement"] == requirement)
    return [item for item in entry["evidence"] if item.get("kind") == "http"]


def test_every_verdict_is_the_one_written_down(run: Run, service: str):
    assert not differences(EXPECTED, run), "\n".join(differences(EXPECTED, run))
    assert run.returncode == 1, run.console  # not conformant: the fails are the product's
    tls = json.loads(run.evidence("IF-TLS-001"))["evidence"]
    assert any(item.get("kind") == "finding" and item.get("actual", "").startswith("http://") for item in tls), tls
    unknown = [x for x in _exchanges(run, "IF-ERR-001") if x["request"]["url"] == service + UNKNOWN_PATH]
    assert unknown and unknown[0]["response"]["status"] == 404, unknown
    assert unknown[0]["response"]["headers"]["content-type"].startswith("text/plain"), unknown
    contract = [x for x in _exchanges(run, "IF-CON-001") if x["response"]["status"] == 404]
    assert contract and all("/collections/" in x["request"]["url"] or
                            x["response"]["headers"]["content-type"].startswith("text/plain") for x in contract)


def test_its_own_errors_are_json_but_not_problem_details(service: str):
    """What pygeoapi answers to a request it refuses on a route it serves: 400 (and 404 for an
    unknown feature) application/json ``{"code", "type", "description"}``, OGC API's exception
    shape, not RFC 9457's ``type``/``title``/``status`` in application/problem+json."""
    refused = httpx.get(f"{service}/collections/stations/items?limit=abc", timeout=30)
    unknown = httpx.get(f"{service}/collections/stations/items/nope", timeout=30)
    for answer, status in ((refused, 400), (unknown, 404)):
        assert answer.status_code == status and answer.headers["content-type"] == "application/json", answer.text
        assert set(answer.json()) == {"code", "type", "description"}, answer.text


def test_every_reproduce_command_is_read_by_sh_as_recorded(run: Run):
    """Each recorded ``curl`` is read by sh with the URL requested as one word."""
    assert reproduce_commands_read_by_sh(run) > 10
