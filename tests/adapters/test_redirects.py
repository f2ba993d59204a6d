"""Redirects in the evidence: each exchange recorded is the exchange made (issue 71).

A server that redirects its service root as an OGC SensorThings server does (``/sta/v1.1``
answers 301 to ``/sta/v1.1/``): the evidence holds the 301 with its Location, then the 200
of the URL it named, each with the command that reproduces that exchange; and each recorded
command, run by a POSIX shell with curl, gets the status recorded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from conformance._record.evidence import Evidence, recording
from conformance.adapters import AdapterContext
from conformance.adapters.http import HttpAdapter
from conformance.errors import NonConformance
from conformance.reference.server import serve


async def root(request: Request) -> Response:
    return RedirectResponse("/sta/v1.1/", status_code=301)


async def listing(request: Request) -> Response:
    return JSONResponse({"value": [{"name": "Datastreams", "url": "Datastreams"}]})


async def made(request: Request) -> Response:  # a POST answered with "see other"
    return RedirectResponse("/sta/v1.1/", status_code=303)


async def away(request: Request) -> Response:
    return RedirectResponse("http://198.51.100.7/sta/v1.1/", status_code=302)


app = Starlette(routes=[Route("/sta/v1.1", root), Route("/sta/v1.1/", listing),
                        Route("/sta/v1.1/made", made, methods=["POST"]), Route("/sta/v1.1/away", away)])


@pytest.fixture(scope="module")
def server_url():
    with serve(app) as url:
        yield url


def adapter(url: str, tmp_path: Path) -> HttpAdapter:
    return HttpAdapter("api", {"adapter": "http", "base_url": url}, AdapterContext(tmp_path / "m.yaml", {}))


def exchanges(record: Evidence) -> list[dict]:
    return [item for item in record.items if item["kind"] == "http"]


def test_a_redirect_is_recorded_as_its_own_exchange_before_the_one_it_led_to(server_url, tmp_path):
    record = Evidence()
    with recording(record):
        response = adapter(server_url, tmp_path).get(f"{server_url}/sta/v1.1")
    assert response.status == 200 and response.url == f"{server_url}/sta/v1.1/"
    first, final = exchanges(record)
    assert first["request"]["url"] == f"{server_url}/sta/v1.1"
    assert first["response"]["status"] == 301
    assert first["response"]["headers"]["location"] == "/sta/v1.1/"
    assert first["redirected_to"] == f"{server_url}/sta/v1.1/"
    # the 200 and its body are the answer of the URL that gave them, not of the first request
    assert final["request"]["url"] == f"{server_url}/sta/v1.1/"
    assert final["response"]["status"] == 200 and "Datastreams" in final["response"]["body"]
    assert final["response"]["redirects"] == [f"{server_url}/sta/v1.1/"]
    # the redirect is a step, not an answer a test judges: one exchange counted
    assert record.exchanges == 1


def test_after_a_303_the_next_exchange_is_recorded_as_the_get_it_was(server_url, tmp_path):
    record = Evidence()
    with recording(record):
        adapter(server_url, tmp_path).post("/sta/v1.1/made", json={"n": 1})
    posted, fetched = exchanges(record)
    assert posted["request"]["method"] == "POST" and posted["request"]["json"] == {"n": 1}
    assert posted["response"]["status"] == 303
    assert fetched["request"]["method"] == "GET" and "json" not in fetched["request"]
    assert "--data-binary" not in fetched["request"]["curl"] and "-X" not in fetched["request"]["curl"]


def test_a_redirect_to_another_origin_is_recorded_with_its_answer(server_url, tmp_path):
    record = Evidence()
    with recording(record), pytest.raises(NonConformance, match="another origin"):
        adapter(server_url, tmp_path).get("/sta/v1.1/away")
    (refused,) = exchanges(record)
    assert refused["response"]["status"] == 302
    assert refused["response"]["headers"]["location"] == "http://198.51.100.7/sta/v1.1/"
    assert refused["error"].startswith("redirect to another origin refused")


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_each_recorded_command_reproduces_the_status_recorded(server_url, tmp_path):
    record = Evidence()
    with recording(record):
        api = adapter(server_url, tmp_path)
        api.get(f"{server_url}/sta/v1.1")
        api.post("/sta/v1.1/made", json={"n": 1})
    recorded = exchanges(record)
    assert len(recorded) == 4
    for item in recorded:
        out = subprocess.run(["sh", "-c", item["request"]["curl"]], capture_output=True, text=True, timeout=30,
                             check=True).stdout
        assert out.split()[1] == str(item["response"]["status"]), item["request"]["curl"]
