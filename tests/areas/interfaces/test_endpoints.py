"""The interfaces area names every path of its platform contract as an endpoint a target's
``paths`` can move (issue 59, item 1), as the identity area does for its own."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import yaml

from conformance._areas import endpoints
from conformance.adapters import AdapterContext
from conformance.adapters.endpoints import PARAM, moved_endpoints, rewritten
from conformance.adapters.http import HttpAdapter
from conformance.areas import interfaces
from conformance.errors import HarnessInputError
from tests.conftest import ROOT

CONTRACT = ROOT / "schemas" / "interfaces" / "platform.openapi.yaml"


def _where(name: str) -> str:
    return f"m.yaml at $.targets.api.paths.{name}"


def test_every_path_of_the_contract_is_one_named_endpoint():
    contract_paths = set(yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))["paths"])
    known = endpoints()
    named = {template for template in known.values()}
    assert contract_paths <= named, sorted(contract_paths - named)
    # one name a default path: a path two names give could not be moved by either alone
    assert len(named) == len(known), sorted(t for t in named if list(known.values()).count(t) > 1)
    ours = interfaces.conformance_endpoints()
    assert set(ours.values()) <= contract_paths  # nothing the contract does not define


def test_a_moved_interfaces_endpoint_is_requested_where_the_product_serves_it(tmp_path: Path):
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})
    paths = {"discovery": "/meta/interop.json", "asset": "/v2/items/{asset_id}", "reports": "/moderation/reports"}
    config = {"adapter": "http", "base_url": "http://platform.test/api", "paths": paths}
    adapter = HttpAdapter("api", config, AdapterContext(tmp_path / "m.yaml", {}), transport=httpx.MockTransport(handle))
    try:
        adapter.get("/.well-known/metaverse-interop")
        adapter.get("/assets/a-1")
        adapter.post("/assets/import", json={})  # its own endpoint, not an asset named "import"
        adapter.get("/assets/a-1/history")       # not moved
        adapter.post("/reports", json={})
    finally:
        adapter.close()
    assert [str(r.url) for r in seen] == [
        "http://platform.test/api/meta/interop.json",
        "http://platform.test/api/v2/items/a-1",
        "http://platform.test/api/assets/import",
        "http://platform.test/api/assets/a-1/history",
        "http://platform.test/api/moderation/reports",
    ]


def test_the_most_specific_endpoint_decides_whichever_is_moved():
    known = interfaces.conformance_endpoints()
    moved = moved_endpoints({"asset_import": "/bulk/import"}, known, _where)
    assert rewritten("/assets/import", moved) == "/bulk/import"
    assert rewritten("/assets/x-9?full=1", moved) == "/assets/x-9?full=1"


@pytest.mark.parametrize(("paths", "words"), [
    ({"discovery_document": "/d"}, "did you mean discovery"),
    ({"asset": "/v2/items"}, "lacks {asset_id}"),
    ({"user_profile": "/people/{user}/profile"}, "lacks {did}"),
    ({"reports": "/reports/{report_id}"}, "does not fill in once"),
])
def test_a_bad_interfaces_path_is_one_line_naming_its_place(paths, words):
    with pytest.raises(HarnessInputError) as raised:
        moved_endpoints(paths, endpoints(), _where)
    line = str(raised.value)
    assert "\n" not in line and f"$.targets.api.paths.{next(iter(paths))}" in line and words in line


def test_each_template_names_its_segments_once():
    for name, template in interfaces.conformance_endpoints().items():
        segments = PARAM.findall(template)
        assert len(segments) == len(set(segments)), name
