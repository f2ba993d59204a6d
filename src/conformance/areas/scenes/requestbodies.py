"""Every JSON body the scenes area's tests send a twin feed (OGC SensorThings API 1.1 and its
Tasking part) or a cloud rendering binding (annex D's ``POST /render/stream``), built here and listed in :data:`REQUESTS` (see
:mod:`conformance.areas._shared.outgoing`): a Task with the values a TaskingCapability's
description allows, an Observation of a Datastream, a Thing's update.
``tests/areas/scenes/test_request_bodies.py`` judges each sample by the area's own checks of a
feed's entities (:func:`.tasking.value_problems`, :func:`.feed.time_problem`,
:func:`.feed.result_problem`). A test also sends a Task whose values break the description on
purpose (SC-FEED tasking R3), built by :func:`task_request` from
:func:`.tasking.disallowed_values`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .._shared.outgoing import CONTRACT_ONLY, RequestBody

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: the kinds of SensorThings bodies, each judged by the area's check of that entity
STA_TASK = "sensorthings-task"
STA_OBSERVATION = "sensorthings-observation"
STA_UPDATE = "sensorthings-update"


def task_request(values: JsonObject, capability_id: JsonValue) -> JsonObject:
    """A Task of the TaskingCapability ``capability_id`` (SensorThings Tasking 1.0, 8.3)."""
    return {"taskingParameters": values, "TaskingCapability": {"@iot.id": capability_id}}


def observation_request(result: JsonValue, datastream_id: JsonValue = None, when: datetime | None = None) -> JsonObject:
    """An Observation made and stated now (SensorThings 8.2.7), linked to the Datastream
    ``datastream_id`` (None: the MQTT topic it is published to names the Datastream, 14.2.4)."""
    now = (when or datetime.now(UTC)).isoformat(timespec="seconds").replace("+00:00", "Z")
    body: JsonObject = {"phenomenonTime": now, "resultTime": now, "result": result}
    if datastream_id is not None:
        body["Datastream"] = {"@iot.id": datastream_id}
    return body


def update_request(member: str, value: JsonValue) -> JsonObject:
    """A PATCH of one member of an entity (SensorThings 10.3: the members given change)."""
    return {member: value}


def render_request(width: int, height: int, frames: int, fps: int, box: float | None = None) -> JsonObject:
    """The cloud rendering binding's request (annex D's ``POST /render/stream``, the contract's
    RenderRequest): the test scene at this size, frame count and rate (SC-RENDER-001/002), and
    a user's input placing the box at ``box`` of its track (SC-RENDER-003)."""
    body: JsonObject = {"width": width, "height": height, "frames": frames, "fps": fps}
    return body if box is None else {**body, "input": {"box": box}}


#: a TaskingCapability's description, as a SWE Common 2.0 DataRecord in its JSON encoding
SAMPLE_DESCRIPTION: JsonObject = {"type": "DataRecord", "field": [
    {"name": "mode", "type": "Category", "definition": "http://example.org/def/fan-mode",
     "constraint": {"type": "AllowedTokens", "value": ["off", "low", "high"]}},
    {"name": "duration", "type": "Quantity", "definition": "http://example.org/def/duration", "uom": {"code": "s"},
     "constraint": {"type": "AllowedValues", "interval": [[0, 3600]]}},
    {"name": "repeat", "type": "Count", "definition": "http://example.org/def/repeat"},
    {"name": "on", "type": "Boolean", "definition": "http://example.org/def/on"},
]}
OM = "http://www.opengis.net/def/observationType/OGC-OM/2.0/"


def _tasks() -> list[JsonObject]:
    from .tasking import allowed_values

    return [task_request(allowed_values(SAMPLE_DESCRIPTION), 1)]


def _observations() -> list[tuple[JsonObject, str]]:
    return [(observation_request(21.5, 7), OM + "OM_Measurement"),
            (observation_request(3, 7), OM + "OM_CountObservation"),
            (observation_request("http://example.org/category/1", 7), OM + "OM_CategoryObservation"),
            (observation_request(True), OM + "OM_TruthObservation")]


def _renders() -> list[JsonObject]:

    from .cloudrender import DISPLAY_RUN, SCENE

    return [render_request(**SCENE), render_request(**DISPLAY_RUN), render_request(**{**SCENE, "frames": 1}),
            render_request(**{**SCENE, "frames": 1}, box=0.5)]


REQUESTS: dict[str, RequestBody] = {
    "sta_tasks": RequestBody("POST", "/sta/v1.1/Tasks", STA_TASK, _tasks, ("task_request",)),
    # each sample with the observationType of the Datastream it is made for
    "sta_observations": RequestBody("POST", "/sta/v1.1/Observations", STA_OBSERVATION, _observations,
                                    ("observation_request",)),
    "sta_thing_update": RequestBody("PATCH", "/sta/v1.1/Things(1)", STA_UPDATE,
                                    lambda: [update_request("description", "updated by the conformance harness")],
                                    ("update_request",)),
    # the test scene as SC-RENDER-001 asks for it, the one-frame stream SC-RENDER-002 times, and
    # a one-frame stream answering an input (SC-RENDER-003)
    "render_stream": RequestBody("POST", "/render/stream", CONTRACT_ONLY, _renders, ("render_request",)),
}
