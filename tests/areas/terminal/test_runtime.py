"""The runtime test interface (TD-RUN-001..006, annex D's GET /xr/runtime): the reference device's
bridge passes the profile; the descriptor judged is the one naming the runtime's system, and a
bridge no descriptor names leaves every requirement inconclusive, and one not answering is an error. One bridge
(the reference app on 127.0.0.1, a free port) serves the module; each planted defect is a
known-bad case of suites/terminal/known_bad.yaml, run by tests/e2e/test_known_bad.py."""

from __future__ import annotations

import dataclasses
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.areas._shared.jsonrpc_ws import ask, ws_url
from conformance.areas.terminal import runtime
from conformance.reference.app import create_app
from conformance.reference.server import serve
from tests.conftest import manifest_for, verdicts

SAMPLES = Path(__file__).parents[3] / "src" / "conformance" / "reference" / "samples" / "descriptors"
IDS = [f"TD-RUN-00{n}" for n in range(1, 8)]
#: the reference headset's descriptor claiming an olfactory output too (suites/terminal/fixtures/generate.py)
SCENTED = Path(__file__).parents[3] / "suites" / "terminal" / "fixtures" / "runtime-scent" / "vr-headset-scent.json"
#: and a tactile array as well (TD-TACT-003)
TOUCHED = SCENTED.with_name("vr-headset-tactile.json")
#: the reference headset's descriptor claiming the Khronos simple controller interaction profile (TD-RUN-007 R4)
CONTROLLERS = SCENTED.parents[1] / "runtime-session" / "vr-headset-controllers.json"
#: the reference headset's descriptor claiming a body tracker (TD-BODY-004)
BODIED = SCENTED.parents[1] / "runtime-body" / "vr-headset-body.json"


@pytest.fixture(scope="module")
def bridge() -> Iterator[str]:
    with serve(create_app()) as url:
        yield url


def _messages(result) -> list[str]:
    return [r.message for r in result.report.requirements]


def test_the_reference_bridge_passes(catalog, bridge, run_manifest):
    result = run_manifest(manifest_for(catalog, "terminal-runtime", base_urls={"runtime": bridge}))
    assert verdicts(result) == {**dict.fromkeys(IDS, "pass"), "TD-OLF-004": "not_applicable",
                                "TD-TACT-003": "not_applicable", "TD-BODY-004": "not_applicable"}, _messages(result)
    assert result.exit_code == 0


def test_the_reference_bridge_locates_the_body_joints_as_openxr_says(catalog, bridge, run_manifest):
    """TD-BODY-004: a descriptor of the reference system claiming a body tracker; xrLocateBodyJointsFB is asked at
    each predicted display time and the reference passes, as does TD-RUN-001 (XR_FB_body_tracking offered)."""
    manifest = manifest_for(catalog, "terminal-runtime", base_urls={"runtime": bridge})
    manifest["targets"]["descriptors"] = {"adapter": "file", "paths": [str(BODIED)]}
    result = run_manifest(manifest, requirements=["TD-BODY-004", "TD-RUN-001"])
    assert verdicts(result) == {"TD-BODY-004": "pass", "TD-RUN-001": "pass"}, _messages(result)


def test_the_reference_bridge_releases_scents_as_commanded(catalog, bridge, run_manifest):
    """TD-OLF-004: a descriptor of the reference system claiming an olfactory output; the scent methods annex D
    adds (OpenXR has none) are asked and the reference passes."""
    manifest = manifest_for(catalog, "terminal-runtime", base_urls={"runtime": bridge})
    manifest["targets"]["descriptors"] = {"adapter": "file", "paths": [str(SCENTED)]}
    result = run_manifest(manifest, requirements=["TD-OLF-004"])
    assert verdicts(result) == {"TD-OLF-004": "pass"}, _messages(result)


def test_an_olfactory_offer_listing_no_scent_is_not_judged(catalog, bridge, run_manifest, tmp_path):
    """TD-OLF-004 (sixtieth reading, cx1): annex E's `scents` is optional; an offer listing none has no scent of its
    own to apply, so nothing is applied on it (no name of the harness's own) and the run is inconclusive, naming it."""
    descriptor = json.loads(SCENTED.read_text(encoding="utf-8"))
    for offer in descriptor["offers"]:
        if offer.get("type") == "olfactory":
            offer.pop("scents", None)
    (tmp_path / "unlisted.json").write_text(json.dumps(descriptor), encoding="utf-8")
    manifest = manifest_for(catalog, "terminal-runtime", base_urls={"runtime": bridge})
    manifest["targets"]["descriptors"] = {"adapter": "file", "paths": [str(tmp_path / "unlisted.json")]}
    result = run_manifest(manifest, requirements=["TD-OLF-004"])
    assert verdicts(result) == {"TD-OLF-004": "inconclusive"}, _messages(result)
    assert any("lists no scent" in m for m in _messages(result)), _messages(result)


def test_the_reference_bridge_reads_its_tactile_array_as_declared(catalog, bridge, run_manifest):
    """TD-TACT-003: a descriptor of the reference system claiming a 6 x 6 tactile array; the method annex D adds
    (OpenXR has none) is asked four times and the reference passes."""
    manifest = manifest_for(catalog, "terminal-runtime", base_urls={"runtime": bridge})
    manifest["targets"]["descriptors"] = {"adapter": "file", "paths": [str(TOUCHED)]}
    result = run_manifest(manifest, requirements=["TD-TACT-003"])
    assert verdicts(result) == {"TD-TACT-003": "pass"}, _messages(result)


def test_a_bridge_no_descriptor_names_is_inconclusive(catalog, bridge, run_manifest, tmp_path):
    other = json.loads((SAMPLES / "vr-headset.json").read_text(encoding="utf-8"))
    other["system"]["name"] = "Another headset"
    (tmp_path / "other.json").write_text(json.dumps(other), encoding="utf-8")
    manifest = manifest_for(catalog, "terminal-runtime", base_urls={"runtime": bridge})
    manifest["targets"]["descriptors"] = {"adapter": "file", "paths": [str(tmp_path / "other.json")]}
    result = run_manifest(manifest)
    assert verdicts(result) == dict.fromkeys([*IDS, "TD-OLF-004", "TD-TACT-003", "TD-BODY-004"], "inconclusive")
    assert all("Reference XR vr_headset" in m for m in _messages(result)), _messages(result)


def test_a_bridge_not_answering_is_an_error_not_a_failure(catalog, run_manifest):
    """Nothing listening: the run's pre-flight finds the target unreachable, and the requirement is an
    error of the set-up (exit 3), never a failure of the device."""
    with socket.socket() as closed:  # a free port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = run_manifest(manifest_for(catalog, "terminal-runtime", base_urls={"runtime": f"http://127.0.0.1:{port}"}),
                          requirements=["TD-RUN-001"])
    assert verdicts(result) == {"TD-RUN-001": "error"}
    assert result.exit_code == 3


def test_claims_are_read_from_the_descriptor_offers():
    headset = runtime.claims("vr-headset.json", json.loads((SAMPLES / "vr-headset.json").read_text(encoding="utf-8")))
    assert headset is not None and headset.system == "Reference XR vr_headset"
    assert headset.types == {"eye_gaze", "hand", "face"}
    assert headset.hands == ("XR_HAND_LEFT_EXT", "XR_HAND_RIGHT_EXT")
    assert headset.haptics == (("/user/hand/right", 500.0, 2_000_000_000),)
    arkit = {"system": {"name": "S"}, "offers": [{"id": "f", "type": "face", "sets": ["arkit52"]}]}
    assert runtime.claims("a.json", arkit) == runtime.Claims("a.json", "S", frozenset(), (), (), ("f",))
    assert runtime.claims("n.json", {"offers": []}) is None  # no system.name: nothing binds it to a runtime


#: each method -> the $defs entry of its result in schemas/terminal/runtime-message.json
RESULTS = {"xrEnumerateInstanceExtensionProperties": "extensionProperties", "xrGetSystemProperties": "systemProperties",
           "xrWaitFrame": "frameState", "xrLocateSpace": "spaceLocation", "xrLocateHandJointsEXT": "handJointLocations",
           "xrGetFaceExpressionWeights2FB": "faceExpressionWeights", "xrApplyHapticFeedback": "hapticResult",
           "test.getHapticOutput": "hapticOutput", "xrConvertTimeToTimespecTimeKHR": "timespec",
           "test.applyScent": "scentResult", "test.getScentOutput": "scentOutput", "test.readTactile": "tactileFrame",
           "xrLocateBodyJointsFB": "bodyJointLocations", "xrEnumerateReferenceSpaces": "referenceSpaces"}


def test_the_reference_answers_are_what_annex_d_says(catalog, bridge):
    """Every answer of the reference bridge to the harness's dialogue is of the message schema annex D
    carries, its result of the method's $defs entry: the annex describes what passes."""
    uri = "https://metaverse-conformance.org/schemas/terminal/runtime-message.json"
    claimed = runtime.claims("vr-headset-tactile.json", json.loads(TOUCHED.read_text(encoding="utf-8")))
    assert claimed is not None
    claimed = dataclasses.replace(claimed, types=claimed.types | {"body"})  # and a body tracker (TD-BODY-004)
    dialogue = ask(ws_url(bridge, runtime.PATH), runtime.plan(claimed, 2))
    assert dialogue.failure is None and {e.method for e in dialogue.exchanges} >= set(RESULTS)
    for number, e in enumerate(dialogue.exchanges, 1):
        assert catalog.schemas.findings({"jsonrpc": "2.0", "id": number, "result": e.result}, uri) == [], e.method
        if e.method in RESULTS:
            assert catalog.schemas.findings(e.result, f"{uri}#/$defs/{RESULTS[e.method]}") == [], e.method


def test_the_reference_bridge_binds_actions_to_a_claimed_profile(catalog, bridge, run_manifest):
    """TD-RUN-007 R4: a descriptor of the reference system claiming /interaction_profiles/khr/simple_controller;
    the action, its bindings (one the profile does not list, refused) and the current profile are asked, and the
    reference passes. Without the claim (the sample descriptor, test_the_reference_bridge_passes) R4 is unasked."""
    manifest = manifest_for(catalog, "terminal-runtime", base_urls={"runtime": bridge})
    manifest["targets"]["descriptors"] = {"adapter": "file", "paths": [str(CONTROLLERS)]}
    result = run_manifest(manifest, requirements=["TD-RUN-007"])
    assert verdicts(result) == {"TD-RUN-007": "pass"}, _messages(result)


def test_the_session_lifecycle_is_judged_by_its_transitions():
    """TD-RUN-007 R1 on dialogues made by hand: OpenXR's order passes; a state skipped, or one never reached
    after the call that asks for it, fails (the planted defect skips VISIBLE only after READY)."""
    from conformance.areas._shared.jsonrpc_ws import Dialogue, Exchange
    from conformance.areas.terminal import runtime_session

    def dialogue(*steps: str) -> Dialogue:
        held = Dialogue("ws://x")
        for step in steps:
            result = ({"type": "XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED", "state": f"XR_SESSION_STATE_{step}"}
                      if step.isupper() else {"result": "XR_SUCCESS"})
            held.exchanges.append(Exchange("xrPollEvent" if step.isupper() else step, {}, result, None, 0, 0))
        return held

    good = ("xrCreateSession", "IDLE", "READY", "xrBeginSession", "SYNCHRONIZED", "VISIBLE", "FOCUSED",
            "xrRequestExitSession", "VISIBLE", "SYNCHRONIZED", "STOPPING", "xrEndSession", "IDLE", "EXITING")
    assert list(runtime_session.lifecycle(dialogue(*good))) == []
    skipped = [s for s in good if s != "SYNCHRONIZED"]
    assert [i[1] for i in runtime_session.lifecycle(dialogue(*skipped))] == ["terminal.runtime-state-order"]
    unfocused = good[:6] + good[7:]
    assert [i[1] for i in runtime_session.lifecycle(dialogue(*unfocused))] == ["terminal.runtime-state-order"]
    stuck = good[:-1]
    assert [(i[1], i[2]) for i in runtime_session.lifecycle(dialogue(*stuck))] == [
        ("terminal.runtime-state-not-reached", "xrEndSession")]


#: TD-RUN-007's methods -> the $defs entry of their result (the session dialogue, runtime_session.plan)
SESSION_RESULTS = {"xrEnumerateReferenceSpaces": "referenceSpaces", "xrEnumerateSwapchainFormats": "swapchainFormats",
                   "xrEnumerateViewConfigurations": "viewConfigurations",
                   "xrEnumerateViewConfigurationViews": "viewConfigurationViews", "xrLocateViews": "views",
                   "xrLocateSpace": "spaceLocation", "xrPollEvent": "event", "xrWaitFrame": "frameState",
                   "xrGetCurrentInteractionProfile": "interactionProfileState"}


def test_the_reference_session_answers_are_what_annex_d_says(catalog, bridge):
    """The session dialogue of TD-RUN-007 (with a claimed interaction profile, so every method is asked): each
    answer of the reference is of the message schema, its result of its method's $defs entry (callResult for
    the calls that fill no structure)."""
    from conformance.areas.terminal import runtime_session

    uri = "https://metaverse-conformance.org/schemas/terminal/runtime-message.json"
    claimed = runtime_session.interaction_profiles(json.loads(CONTROLLERS.read_text(encoding="utf-8")))
    dialogue = ask(ws_url(bridge, runtime.PATH), runtime_session.plan(claimed))
    assert dialogue.failure is None and {e.method for e in dialogue.exchanges} >= set(SESSION_RESULTS)
    for e in dialogue.exchanges:
        if e.result is None:  # only the binding the profile does not list is refused, an error named as OpenXR's
            assert e.params["suggestedBindings"] == [{"action": "grip_pose", "binding": runtime_session.UNLISTED}]
            assert e.error == {"code": -1, "message": "XR_ERROR_PATH_UNSUPPORTED"}
            continue
        entry = SESSION_RESULTS.get(e.method, "callResult")
        assert catalog.schemas.findings(e.result, f"{uri}#/$defs/{entry}") == [], e.method


def test_hands_never_active_are_inconclusive_not_passed(catalog, run_manifest):
    """TD-RUN-003 (twenty-ninth reading, row a23): a runtime answering every xrLocateHandJointsEXT with isActive false
    and no bit set breaks no rule, yet located no hand; as TD-BODY-004's never-active body, nothing was judged of
    R2's tracked hand, so the verdict is inconclusive (it passed before)."""
    with serve(create_app(["runtime-hand-never-active"])) as url:
        result = run_manifest(manifest_for(catalog, "terminal-runtime", base_urls={"runtime": url}),
                              requirements=["TD-RUN-003"])
    assert verdicts(result) == {"TD-RUN-003": "inconclusive"}, _messages(result)
    assert "located no hand" in _messages(result)[0]


def test_faces_never_valid_are_inconclusive_not_passed(catalog, run_manifest):
    """TD-RUN-006 (thirty-fourth reading, row c9): a runtime answering every xrGetFaceExpressionWeights2FB with isValid
    false breaks no rule, yet R2 (judged only where isValid is true) was never judged; as TD-RUN-002's gaze never
    valid, the verdict is inconclusive (it passed before)."""
    with serve(create_app(["runtime-face-never-valid"])) as url:
        result = run_manifest(manifest_for(catalog, "terminal-runtime", base_urls={"runtime": url}),
                              requirements=["TD-RUN-006"])
    assert verdicts(result) == {"TD-RUN-006": "inconclusive"}, _messages(result)
    assert "R2 not judged" in _messages(result)[0]


def test_no_predicted_display_time_is_named_not_blamed_on_a_tracker(catalog, run_manifest):
    """TD-RUN-002, -003, -006 and TD-BODY-004 (the thirty-eighth reading's c18): the trackers are asked only at the
    predicted display times; with every xrWaitFrame refused nothing is asked, and the reason said the tracker
    tracked nothing. It names the missing display times, as TD-RUN-005 does."""
    ids = ["TD-RUN-002", "TD-RUN-003", "TD-RUN-006", "TD-BODY-004"]
    with serve(create_app(["runtime-wait-refused"])) as url:
        manifest = manifest_for(catalog, "terminal-runtime", base_urls={"runtime": url})
        result = run_manifest(manifest, requirements=ids[:3])
        manifest["targets"]["descriptors"] = {"adapter": "file", "paths": [str(BODIED)]}
        bodied = run_manifest(manifest, requirements=ids[3:])
    assert {**verdicts(result), **verdicts(bodied)} == dict.fromkeys(ids, "inconclusive"), _messages(result)
    for message in _messages(result) + _messages(bodied):
        assert "no predicted display time" in message and "tracked no" not in message and "located no" not in message


def _in_process(plan, device):
    """A plan's dialogue with a reference runtime object answered in this process (no bridge)."""
    from conformance.areas._shared.jsonrpc_ws import Dialogue, Exchange

    held = Dialogue("in-process")
    while (call := plan(held)) is not None:
        method, params = call
        got = device.call(method, params)
        error = {"code": got[0], "message": got[1]} if isinstance(got, tuple) else None
        held.exchanges.append(Exchange(method, params, None if error else got, error, 0, 0))
    return held


def test_a_runtime_without_a_stage_space_is_located_in_local():
    """Issue 76, sixty-second reading, cx1: OpenXR 1.1 requires VIEW and LOCAL of every runtime, not STAGE. A
    seated-only runtime listing no STAGE (and refusing it) has its poses located in LOCAL by TD-RUN-007, TD-RUN-002,
    TD-RUN-003 and TD-BODY-004, and passes R2 of TD-RUN-007 with no tracking volume declared; the reference, which
    lists STAGE, is located in STAGE as before."""
    from conformance.areas.terminal import runtime_session
    from conformance.reference.terminal.runtime import Device

    view, local, stage = runtime_session.VIEW, runtime_session.LOCAL, runtime_session.STAGE

    class Seated(Device):
        def xrEnumerateReferenceSpaces(self, params):
            return {"spaces": [view, local]}

        def locate_reference(self, params):
            if stage in (params.get("space"), params.get("baseSpace")):
                return -1, "XR_ERROR_REFERENCE_SPACE_UNSUPPORTED"
            return super().locate_reference(params)

    claimed = runtime_session.interaction_profiles(json.loads(CONTROLLERS.read_text(encoding="utf-8")))
    bodied = runtime.claims("b.json", json.loads(BODIED.read_text(encoding="utf-8")))
    assert bodied is not None and bodied.hands and {"eye_gaze", "body"} <= bodied.types
    for device, base in ((Seated(frozenset()), local), (Device(frozenset()), stage)):
        session = _in_process(runtime_session.plan(claimed), device)
        bases = {e.params["baseSpace"] for e in session.answered("xrLocateSpace")}
        assert bases == {base, local}
        assert list(runtime_session.spaces(session, stage=False)) == []
        shared = _in_process(runtime.plan(bodied, 3), type(device)(frozenset()))
        asked = [e for e in shared.exchanges if e.method in ("xrLocateSpace", "xrLocateHandJointsEXT",
                                                             "xrLocateBodyJointsFB")]
        assert asked and {e.params["baseSpace"] for e in asked} == {base}
    assert [i[1] for i in runtime_session.spaces(_in_process(runtime_session.plan(claimed), Seated(frozenset())),
                                                 stage=True)] == ["terminal.runtime-space-missing"]
