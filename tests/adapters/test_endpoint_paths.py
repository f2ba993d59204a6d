"""A target's ``paths``: the named endpoints the tests call, moved to where the product serves them."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from conformance._areas import endpoints
from conformance.adapters import AdapterContext
from conformance.adapters.endpoints import moved_endpoints, rewritten
from conformance.adapters.http import HttpAdapter
from conformance.errors import HarnessInputError

KNOWN = {"did_resolution": "/1.0/identifiers/{did}", "did_create": "/1.0/create",
         "credentials_issue": "/credentials/issue"}


def _where(name: str) -> str:
    return f"m.yaml at $.targets.api.paths.{name}"


def _adapter(tmp_path: Path, paths: dict[str, str], seen: list[httpx.Request]) -> HttpAdapter:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})
    config = {"adapter": "http", "base_url": "http://agent.test/api", "paths": paths}
    return HttpAdapter("api", config, AdapterContext(tmp_path / "m.yaml", {}), transport=httpx.MockTransport(handle))


def test_the_areas_name_the_endpoints_their_tests_call():
    known = endpoints()
    assert known["did_resolution"] == "/1.0/identifiers/{did}"
    assert known["credentials_issue"] == "/credentials/issue"
    assert known["identifier_resolution"] == "/1.0/resolve"


def test_a_moved_endpoint_is_requested_where_the_product_serves_it(tmp_path: Path):
    seen: list[httpx.Request] = []
    adapter = _adapter(tmp_path, {"did_resolution": "/resolver/resolve/{did}",
                                  "credentials_issue": "/vc/credentials/issue",
                                  "did_create": "/registrar/create"}, seen)
    try:
        adapter.get("/1.0/identifiers/did:web:agent.test%3A8080:alice")
        adapter.post("/credentials/issue", json={})
        adapter.post("/1.0/create?method=web", json={})
        adapter.post("/credentials/verify", json={})   # not moved: its default path
        adapter.get("/1.0/identifiers/did:web:x/more")  # not the endpoint's shape: as it is
    finally:
        adapter.close()
    assert [str(r.url) for r in seen] == [
        "http://agent.test/api/resolver/resolve/did:web:agent.test%3A8080:alice",
        "http://agent.test/api/vc/credentials/issue",
        "http://agent.test/api/registrar/create?method=web",
        "http://agent.test/api/credentials/verify",
        "http://agent.test/api/1.0/identifiers/did:web:x/more",
    ]


def test_without_paths_every_request_goes_to_its_default_path(tmp_path: Path):
    seen: list[httpx.Request] = []
    adapter = _adapter(tmp_path, {}, seen)
    try:
        adapter.get("/1.0/identifiers/did:example:1")
    finally:
        adapter.close()
    assert str(seen[0].url) == "http://agent.test/api/1.0/identifiers/did:example:1"


def test_an_absolute_url_is_never_rewritten():
    moved = moved_endpoints({"credentials_issue": "/vc/issue"}, KNOWN, _where)
    assert rewritten("http://agent.test/credentials/issue", moved) == "http://agent.test/credentials/issue"
    assert rewritten("credentials/issue", moved) == "/vc/issue"


def test_an_unknown_endpoint_is_one_line_naming_it_and_the_closest_names():
    with pytest.raises(HarnessInputError) as raised:
        moved_endpoints({"did_resolve": "/r/{did}"}, KNOWN, _where)
    line = str(raised.value)
    assert "\n" not in line
    assert "$.targets.api.paths.did_resolve" in line and "'did_resolve'" in line
    assert "did you mean did_resolution" in line
    assert "known endpoints: credentials_issue, did_create, did_resolution" in line


def test_a_template_without_the_segment_the_endpoint_fills_in_is_one_line():
    with pytest.raises(HarnessInputError) as raised:
        moved_endpoints({"did_resolution": "/resolver/resolve"}, KNOWN, _where)
    line = str(raised.value)
    assert "\n" not in line and "$.targets.api.paths.did_resolution" in line
    assert "lacks {did}" in line and "/1.0/identifiers/{did}" in line


@pytest.mark.parametrize("template", ["/create/{did}", "/r/{did}/{did}"])
def test_a_template_naming_a_segment_nobody_fills_in_is_one_line(template):
    paths = {"did_create": template} if "create" in template else {"did_resolution": template}
    with pytest.raises(HarnessInputError) as raised:
        moved_endpoints(paths, KNOWN, _where)
    assert "does not fill in once" in str(raised.value) and "\n" not in str(raised.value)


def test_the_adapter_refuses_a_bad_template_when_it_opens(tmp_path: Path):
    with pytest.raises(HarnessInputError) as raised:
        _adapter(tmp_path, {"did_resolutoin": "/r/{did}"}, [])
    assert "$.targets.api.paths.did_resolutoin" in str(raised.value)
    assert "did you mean did_resolution" in str(raised.value)
