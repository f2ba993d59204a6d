"""Every body the scenes area's tests send a twin feed passes the area's own checks of the
SensorThings entity it is (a Task's values against its capability's description, an
Observation's times and result type), and each check fails a bad body (issue 59, item 3)."""

from __future__ import annotations

import pytest

from conformance.areas.scenes.requestbodies import (OM, REQUESTS, observation_request, render_request, task_request,
                                                  update_request)
from tests.areas.request_bodies import cases, findings


@pytest.mark.parametrize(("name", "index", "body"), cases(REQUESTS), ids=lambda v: v if isinstance(v, str) else "")
def test_every_body_the_area_sends_passes_its_own_checks(name, index, body, contract, catalog):
    assert findings(REQUESTS[name], body, contract, catalog.schemas) == []


@pytest.mark.parametrize(("name", "body"), [
    ("sta_tasks", task_request({"mode": "turbo", "duration": 10, "repeat": 1, "on": True}, 1)),
    ("sta_tasks", task_request({"mode": "low", "duration": 10, "repeat": 1.5, "on": True}, 1)),
    ("sta_tasks", {"taskingParameters": {"mode": "low", "duration": 1, "repeat": 1, "on": True}}),
    ("sta_observations", (observation_request("21.5", 7), OM + "OM_Measurement")),
    ("sta_observations", ({**observation_request(1, 7), "resultTime": "yesterday"}, OM + "OM_CountObservation")),
    ("sta_thing_update", update_request("@iot.id", 2)),
])
def test_a_body_the_check_does_not_allow_fails(name, body, contract, catalog):
    assert findings(REQUESTS[name], body, contract, catalog.schemas)


@pytest.mark.parametrize("body", [render_request(161, 96, 10, 10), render_request(160, 96, 0, 10),
                                  {"width": 160, "height": 96, "frames": 10}])
def test_a_render_request_the_contract_does_not_allow_fails(body, contract, catalog):
    assert findings(REQUESTS["render_stream"], body, contract, catalog.schemas)
