"""Shared scenes (IF-SCN-*): the reference keeps a scene's bytes and reports its interactive
nodes; the harness's node comparison names each difference and survives hostile reports."""

from __future__ import annotations

import hashlib

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.adapters.deadline import verifying_context
from conformance.areas.interfaces import scenes

ALL = list(scenes.PROBE_EXTENSIONS)


def _token(client: httpx.Client) -> dict[str, str]:
    return {"Authorization": f"Bearer {client.post('/test-identities', json={}).json()['token']}",
            "Content-Type": scenes.GLTF_JSON}


def test_a_scene_moves_byte_for_byte_between_two_instances(serve_reference):
    a, b = (httpx.Client(verify=verifying_context(), base_url=serve_reference([])),
            httpx.Client(verify=verifying_context(), base_url=serve_reference([])))
    probe = scenes.probe_scene("unit", ALL)
    published = a.post("/scenes", content=probe, headers=_token(a))
    assert published.status_code == 201 and published.json()["sha256"] == hashlib.sha256(probe).hexdigest()
    there = a.get(f"/scenes/{published.json()['scene_id']}").content
    assert there == probe
    again = b.post("/scenes", content=there, headers=_token(b)).json()
    assert b.get(f"/scenes/{again['scene_id']}").content == probe
    report = b.get(f"/scenes/{again['scene_id']}/interactive").json()
    assert scenes.node_differences(report["nodes"], scenes.expected_nodes(probe, ALL)) == []
    assert b.post("/scenes", content=probe, headers={"Content-Type": scenes.GLTF_JSON}).status_code == 401
    assert b.post("/scenes", content=b"{not json", headers=_token(b)).status_code == 400
    assert b.post("/scenes", content=b'{"asset": {"version": "1.0"}}', headers=_token(b)).status_code == 422


def test_a_dropped_seat_is_named():
    expected = scenes.expected_nodes(scenes.probe_scene("n", ALL), ALL)
    without_seat = [node for node in expected if "OMI_seat" not in node["extensions"]]
    (problem,) = scenes.node_differences(without_seat, expected)
    assert "OMI_seat" in problem and "node 1" in problem
    renamed = [{**node, "name": "other"} if node["node"] == 0 else node for node in expected]
    assert len(scenes.node_differences(renamed, expected)) == 1
    assert len(scenes.node_differences([*expected, {"node": 3, "extensions": {"X_y": {}}}], expected)) == 1


def test_only_extensions_both_platforms_declare_are_used():
    assert scenes.shared_extensions({"extensions": ALL}, {"extensions": ["OMI_seat", "KHR_x"]}) == ["OMI_seat"]
    assert scenes.shared_extensions({"extensions": "OMI_seat"}, {"extensions": ALL}) == []


_item = st.dictionaries(st.sampled_from(["node", "name", "extensions"]),
                        st.one_of(st.integers(), st.booleans(), st.text(), st.none()))
_report = st.one_of(st.none(), st.text(), st.lists(st.one_of(st.none(), st.integers(), st.booleans(), _item)))


@settings(max_examples=80, deadline=None)
@given(_report)
def test_hostile_reports_are_differences_not_crashes(reported):
    expected = scenes.expected_nodes(scenes.probe_scene("h", ALL), ALL)
    assert scenes.node_differences(reported, expected)  # nothing random is the probe's three nodes
