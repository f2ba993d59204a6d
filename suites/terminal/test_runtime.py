"""The terminal's runtime test interface (profile terminal-runtime, TD-RUN-001..007, TD-OLF-004, TD-TACT-003,
TD-BODY-004).

The harness drives the test application on the device, or the bridge its vendor supplies, over
the binding annex D gives it (``GET /xr/runtime`` upgraded to a WebSocket, JSON-RPC 2.0, methods
named after OpenXR 1.1's functions), and judges the answers against the device descriptor whose
``system.name`` is the system the runtime reports (conformance.areas.terminal.runtime). One
dialogue per run serves every requirement: it is held once per target.
"""

from __future__ import annotations

import weakref
from typing import Any, NoReturn

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Targets, msg
from conformance.areas._shared.jsonrpc_ws import Dialogue, ask, ws_url
from conformance.areas.terminal import runtime, runtime_session
from conformance.areas.terminal.runtime import Claims, Issue
from conformance.areas.terminal.runtime_haptics import ignored_vibrations
from conformance.areas.terminal.runtime_scents import ignored_scents, unlisted

#: frames waited for, each display time a gaze location and two conversions
FRAMES = 8
#: runtime target adapter -> (the dialogue, the claims judged, where) or the reason none was held
_HELD: weakref.WeakKeyDictionary[Any, tuple[Dialogue, Claims, str] | str] = weakref.WeakKeyDictionary()


def _held(targets: Targets) -> tuple[Dialogue, Claims, str]:
    """The dialogue held once per target. Every runtime test reads the descriptors first, so a descriptor that does
    not parse is a finding of each and one the test equipment refuses is left unjudged on each, not only on the first
    one's evidence (the fortieth reading's c14; the sixty-sixth reading's b4)."""
    bridge = targets["runtime"]
    descriptors = list(targets["descriptors"].documents())
    if bridge not in _HELD:
        _HELD[bridge] = _hold(bridge, descriptors)
    held = _HELD[bridge]
    if isinstance(held, str):
        raise Inconclusive(held)
    return held


def _hold(bridge: Any, descriptors: list[Any]) -> tuple[Dialogue, Claims, str] | str:
    url = ws_url(str(bridge.base_url), runtime.PATH)
    tls, timeout = bridge.tls_context(), float(getattr(bridge, "timeout_s", 10.0))
    first = ask(url, runtime.plan(None, 0), tls, timeout)
    if first.failure:
        return _unreached(url, first)
    system = runtime.system_name(first)
    found = [c for doc in descriptors if isinstance(doc.data, dict)
             and (c := runtime.claims(doc.name, doc.data)) is not None and c.system == system]
    if not found:
        return msg("terminal.runtime-no-descriptor", system=repr(system))
    dialogue = ask(url, runtime.plan(found[0], FRAMES), tls, timeout)
    if dialogue.failure:
        return _unreached(url, dialogue)
    return dialogue, found[0], f"GET {url}"


def _unreached(url: str, dialogue: Dialogue) -> str:
    """Why a dialogue broke off: a message past 5.1's bound 「会话消息的大小」 (the dialogue unjudged, named as such), or
    the interface not held."""
    if dialogue.over_bound:
        return msg("terminal.runtime-over-bound", url=url)
    return msg("terminal.runtime-not-reached", url=url, detail=dialogue.failure)


def _report(evidence: Evidence, where: str, issues: list[Issue] | Any) -> None:
    for issue in issues:
        evidence.finding(msg(issue.key, where=issue.where, **issue.values), file=where,
                         pointer=issue.where, rule=issue.rule)


def _ignored(evidence: Evidence, where: str, entries: tuple[int, ...]) -> None:
    """The report's entries holding none of the commands (seventy-third reading, c2): a correct runtime's earlier
    entries, ignored and noted."""
    if entries:
        shown = ", ".join(str(i) for i in entries[:20]) + (", ..." if len(entries) > 20 else "")
        evidence.note(msg("terminal.runtime-report-ignored", where=where, count=len(entries), entries=shown))


def _asked(evidence: Evidence, dialogue: Dialogue, claimed: Claims, where: str) -> None:
    evidence.note(msg("terminal.runtime-asked", count=len(dialogue.exchanges), where=where, file=claimed.document,
                      system=claimed.system))


def _nothing_judged(dialogue: Dialogue, tracked: str) -> NoReturn:
    """Inconclusive with the true reason: the trackers are asked only at the predicted display times
    xrWaitFrame answers, so with none answered nothing was asked and no tracker is to blame."""
    if not runtime.display_times(dialogue):
        raise Inconclusive(msg("terminal.runtime-no-times"))
    raise Inconclusive(tracked)


@pytest.mark.requirement("TD-RUN-001")
def test_each_interface_the_descriptor_claims_is_offered(targets: Targets, evidence: Evidence):
    dialogue, claimed, where = _held(targets)
    if not claimed.types and not claimed.haptics:
        raise NotApplicable(msg("terminal.runtime-claims-nothing", file=claimed.document))
    _report(evidence, where, runtime.offered(dialogue, claimed))
    for face in claimed.faces_unbound:
        evidence.unjudged(claimed.document, msg("terminal.runtime-face-unbound", sid=repr(face)))
    _asked(evidence, dialogue, claimed, where)


@pytest.mark.requirement("TD-RUN-002")
def test_the_eye_gaze_is_located_as_openxr_says(targets: Targets, evidence: Evidence):
    dialogue, claimed, where = _held(targets)
    if "eye_gaze" not in claimed.types:
        raise NotApplicable(msg("terminal.runtime-not-claimed", file=claimed.document, what="eye_gaze"))
    issues, valid = runtime.gaze(dialogue)
    _report(evidence, where, issues)
    if not valid and not issues:
        _nothing_judged(dialogue, msg("terminal.runtime-gaze-never-valid", count=len(dialogue.answered("xrLocateSpace"))))
    _asked(evidence, dialogue, claimed, where)


@pytest.mark.requirement("TD-RUN-003")
def test_the_hand_joints_are_located_as_openxr_says(targets: Targets, evidence: Evidence):
    dialogue, claimed, where = _held(targets)
    if not claimed.hands:
        raise NotApplicable(msg("terminal.runtime-not-claimed", file=claimed.document, what="hand"))
    issues = list(runtime.hands(dialogue))
    _report(evidence, where, issues)
    if not issues and not runtime.hands_active(dialogue):  # no hand tracked: R2's tracked-hand conditions unseen
        _nothing_judged(dialogue, msg("terminal.runtime-hand-never-active",
                                      count=len(dialogue.answered("xrLocateHandJointsEXT"))))
    _asked(evidence, dialogue, claimed, where)


@pytest.mark.requirement("TD-RUN-006")
def test_the_face_expression_weights_are_answered_as_openxr_says(targets: Targets, evidence: Evidence):
    dialogue, claimed, where = _held(targets)
    if "face" not in claimed.types:
        raise NotApplicable(msg("terminal.runtime-not-claimed", file=claimed.document, what="face (fb2_70)"))
    issues = list(runtime.faces(dialogue))
    _report(evidence, where, issues)
    if not issues and not runtime.faces_valid(dialogue):  # no answer valid: R2 never judged
        _nothing_judged(dialogue, msg("terminal.runtime-face-never-valid",
                                      count=len(dialogue.answered("xrGetFaceExpressionWeights2FB"))))
    _asked(evidence, dialogue, claimed, where)


@pytest.mark.requirement("TD-BODY-004")
def test_the_body_joints_are_located_as_openxr_says(targets: Targets, evidence: Evidence):
    """XR_FB_body_tracking's xrLocateBodyJointsFB at each predicted display time, with the tester standing in view."""
    dialogue, claimed, where = _held(targets)
    if "body" not in claimed.types:
        raise NotApplicable(msg("terminal.runtime-not-claimed", file=claimed.document, what="body"))
    issues, active = runtime.bodies(dialogue)
    _report(evidence, where, issues)
    if not active and not issues:
        _nothing_judged(dialogue, msg("terminal.runtime-body-never-active",
                                      count=len(dialogue.answered("xrLocateBodyJointsFB"))))
    _asked(evidence, dialogue, claimed, where)


@pytest.mark.requirement("TD-RUN-004")
def test_haptic_feedback_is_driven_as_commanded(targets: Targets, evidence: Evidence):
    dialogue, claimed, where = _held(targets)
    if not claimed.haptics:
        raise NotApplicable(msg("terminal.runtime-not-claimed", file=claimed.document, what="haptic"))
    _report(evidence, where, runtime.haptics(dialogue, claimed))
    _ignored(evidence, "test.getHapticOutput/vibrations", ignored_vibrations(dialogue, runtime.haptic_limits(claimed)))
    _asked(evidence, dialogue, claimed, where)


@pytest.mark.requirement("TD-OLF-004")
def test_scents_are_released_as_commanded(targets: Targets, evidence: Evidence):
    """Annex D's own methods (OpenXR defines no scent function): test.applyScent on each claimed olfactory
    output, then the runtime's report of what it released (test.getScentOutput)."""
    dialogue, claimed, where = _held(targets)
    if not claimed.scents:
        raise NotApplicable(msg("terminal.runtime-not-claimed", file=claimed.document, what="olfactory"))
    _report(evidence, where, runtime.scents(dialogue))
    _ignored(evidence, "test.getScentOutput/scents", ignored_scents(dialogue))
    for output in unlisted(claimed.scents):  # no scent of its offer's to apply: not judged (sixtieth reading, cx1)
        evidence.unjudged(f"{claimed.document}#{output}", msg("terminal.runtime-scent-unlisted", output=output,
                                                              file=claimed.document))
    _asked(evidence, dialogue, claimed, where)


@pytest.mark.requirement("TD-TACT-003")
def test_the_tactile_array_is_read_as_its_layout_says(targets: Targets, evidence: Evidence):
    """Annex D's own method (OpenXR defines no tactile sensor function): test.readTactile four times on each
    claimed tactile array."""
    dialogue, claimed, where = _held(targets)
    if not claimed.tactile:
        raise NotApplicable(msg("terminal.runtime-not-claimed", file=claimed.document, what="tactile (with taxels)"))
    _report(evidence, where, runtime.tactile(dialogue, claimed))
    _asked(evidence, dialogue, claimed, where)


@pytest.mark.requirement("TD-RUN-005")
def test_the_runtime_clock_runs_forward_and_converts_back(targets: Targets, evidence: Evidence):
    dialogue, claimed, where = _held(targets)
    if not claimed.types and not claimed.haptics:
        raise NotApplicable(msg("terminal.runtime-claims-nothing", file=claimed.document))
    _report(evidence, where, runtime.times(dialogue))
    _asked(evidence, dialogue, claimed, where)
    if evidence.findings_count:
        return
    # a rule with nothing to compare is never judged: no pass (as TD-RUN-002's gaze never valid)
    if len(runtime.display_times(dialogue)) < 2:
        raise Inconclusive(msg("terminal.runtime-too-few-times", count=len(runtime.display_times(dialogue))))
    if "eye_gaze" in claimed.types and not runtime.gaze_sample_times(dialogue):
        raise Inconclusive(msg("terminal.runtime-gaze-no-sample-time", count=len(dialogue.answered("xrLocateSpace"))))


#: runtime target adapter -> the session dialogue of TD-RUN-007 (its own: a session is begun and ended in it)
_SESSIONS: weakref.WeakKeyDictionary[Any, Dialogue | str] = weakref.WeakKeyDictionary()


@pytest.mark.requirement("TD-RUN-007")
def test_the_session_spaces_swapchains_and_actions_answer_as_openxr_says(targets: Targets, evidence: Evidence):
    """A session run through OpenXR's lifecycle in a dialogue of its own (R1), the VIEW and LOCAL spaces
    located against the STAGE (R2), a projection layer submitted from a swapchain (R3), and, for each
    interaction profile the descriptor claims, an action bound to it (R4): runtime_session."""
    _, claimed, where = _held(targets)
    descriptor = next((d.data for d in targets["descriptors"].documents() if d.name == claimed.document), {})
    system = descriptor.get("system") if isinstance(descriptor, dict) else None
    tracking = system.get("tracking") if isinstance(system, dict) else None
    stage = isinstance(tracking, dict) and "volume" in tracking
    profiles = runtime_session.interaction_profiles(descriptor) if isinstance(descriptor, dict) else ()
    bridge = targets["runtime"]
    if bridge not in _SESSIONS:
        url = ws_url(str(bridge.base_url), runtime.PATH)
        asked = ask(url, runtime_session.plan(profiles), bridge.tls_context(), float(getattr(bridge, "timeout_s", 10.0)))
        _SESSIONS[bridge] = _unreached(url, asked) if asked.failure else asked
    dialogue = _SESSIONS[bridge]
    if isinstance(dialogue, str):
        raise Inconclusive(dialogue)
    issues = [*runtime_session.lifecycle(dialogue), *runtime_session.spaces(dialogue, stage),
              *runtime_session.frames(dialogue), *runtime_session.bindings(dialogue, profiles)]
    for rule, key, at, values in issues:
        evidence.finding(msg(key, where=at, **values), file=where, pointer=at, rule=rule)
    if not profiles:
        evidence.note(msg("terminal.runtime-no-interaction-profile", file=claimed.document))
    _asked(evidence, dialogue, claimed, where)
