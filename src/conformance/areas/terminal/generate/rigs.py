"""The tracking rigs' streams and devices: a hand tracker beside an optical motion capture of the same hand
(TD-HAND-005, :mod:`.handref`), an eye tracker in front of an artificial eye a stage steps (TD-GAZE-003,
:mod:`.gazesteps`), a tracked device a robot arm moves through the motion programme beside the arm's own record
(TD-PERF-004, :mod:`.programme`). :mod:`.device` takes them into its tables. The touch bench beside
them: a device recognising touches on its tactile array under the reference indenter (TD-TACT-004, :mod:`.touch`)."""

from __future__ import annotations

from . import (biosignal_read, bodyedge, bodylive, exprlive, exprref, faceref, facelive, gazeread, gazeselect,
               gazesession, gazesteps, handref, pinchref, programme, sentbench, session, touch)
from .apparatus import declared
from .faultkit import Spec

#: stream id -> its declaration
STREAMS: dict[str, Spec] = {
    handref.TRACKED_ID: handref.tracked_spec(), handref.REFERENCE_ID: handref.reference_spec(),
    gazesteps.STEPPED_ID: gazesteps.stepped_spec(),
    programme.TRACKED_ID: programme.tracked_spec(), programme.REFERENCE_ID: programme.reference_spec(),
    # TD-GAZE-004: a validation at the start of a session, after it, and after a slip (:mod:`.gazesession`)
    **{sid: gazesession.session_spec(phase) for phase, sid in gazesession.PHASE_IDS.items()},
    touch.SENSOR_ID: touch.sensor_spec(), touch.INDENTER_ID: touch.indenter_spec(),
    # TD-HAND-006: a pinch recogniser beside a reference capture of the same hand
    pinchref.TRACKED_ID: pinchref.tracked_spec(), pinchref.REFERENCE_ID: pinchref.reference_spec(),
    pinchref.GESTURES_ID: pinchref.gestures_spec(),
    # TD-GAZE-005: selections by gaze while the artificial eye fixates a menu's targets (:mod:`.gazeselect`)
    gazeselect.GAZE_ID: gazeselect.gaze_spec(), gazeselect.SELECTIONS_ID: gazeselect.selection_spec(),
    # TD-PERF-005: a session's returns to a marked pose and the volume's faces, beside a reference tracker
    **session.specs(),
}
#: device -> its streams
DEVICES: dict[str, list[str]] = {
    "hand_reference_rig": [handref.TRACKED_ID, handref.REFERENCE_ID],
    "artificial_eye_rig": [gazesteps.STEPPED_ID],
    "programme_rig": [programme.TRACKED_ID, programme.REFERENCE_ID],
    "gaze_session_rig": list(gazesession.PHASE_IDS.values()),
    "touch_bench": [touch.SENSOR_ID, touch.INDENTER_ID],
    "pinch_reference_rig": [pinchref.TRACKED_ID, pinchref.REFERENCE_ID, pinchref.GESTURES_ID],
    "gaze_select_rig": [gazeselect.GAZE_ID, gazeselect.SELECTIONS_ID],
    session.DEVICE: list(session.WINDOW_OF),
}
#: device -> its class in the descriptor schema
CLASSES = {"hand_reference_rig": "hand_tracker", "artificial_eye_rig": "eye_tracker", "programme_rig": "controller",
           "gaze_session_rig": "eye_tracker", "touch_bench": "other",
           "pinch_reference_rig": "hand_tracker", "gaze_select_rig": "eye_tracker",
           session.DEVICE: "controller"}

# TD-FACE-005 (issue 75, h75-faceRec): an expression recogniser beside a reference facial capture (:mod:`.exprref`)
STREAMS.update({exprref.TRACKED_ID: exprref.tracked_spec(), exprref.REFERENCE_ID: exprref.reference_spec(),
                exprref.EVENTS_ID: exprref.events_spec()})
DEVICES["face_expression_rig"] = [exprref.TRACKED_ID, exprref.REFERENCE_ID, exprref.EVENTS_ID]
CLASSES["face_expression_rig"] = "face_tracker"
#: device -> the expression set its face streams carry (device.FACE_SET)
FACE_SETS = {"face_reference_rig": faceref.SET, "face_expression_rig": faceref.SET}

# TD-HAPT-004 (issue 75, h75-haptOlf): the haptic bench driven through the runtime test interface
STREAMS.update(sentbench.STREAMS)
DEVICES.update(sentbench.DEVICES)
CLASSES.update(sentbench.CLASSES)

# TD-BODY-005 (issue 75, h75-mocapEdge): a body tracker beside a reference motion capture, under occlusion and at
# the tracking volume's faces (:mod:`.bodyedge`)
STREAMS.update({bodyedge.TRACKED_ID: bodyedge.tracked_spec(), bodyedge.REFERENCE_ID: bodyedge.reference_spec()})
DEVICES["body_edge_rig"] = [bodyedge.TRACKED_ID, bodyedge.REFERENCE_ID]
CLASSES["body_edge_rig"] = "mocap_suit"

# TD-FACE-006 (issue 75, h75-faceLive): TD-FACE-004's reference facial capture read through the runtime test interface
STREAMS.update(facelive.STREAMS)
DEVICES.update(facelive.DEVICES)
CLASSES.update(facelive.CLASSES)
FACE_SETS.update(facelive.FACE_SETS)

# TD-GAZE-006 (issue 75, h75-gazeLive): TD-GAZE-003's artificial eye while the gaze is read through annex D
STREAMS.update(gazeread.STREAMS)
DEVICES.update(gazeread.DEVICES)
CLASSES.update(gazeread.CLASSES)

# TD-BCI-008 (issue 75, h75-bciLive): TD-BCI-007's amplifier read through the runtime test interface
STREAMS.update(biosignal_read.STREAMS)
DEVICES.update(biosignal_read.DEVICES)
CLASSES.update(biosignal_read.CLASSES)

# TD-BODY-006 (issue 75, h75-bodyLive): TD-BODY-003's person's joints located through the runtime test interface
STREAMS.update(bodylive.STREAMS)
DEVICES.update(bodylive.DEVICES)
CLASSES.update(bodylive.CLASSES)

# TD-FACE-007 (issue 75, h75-exprIf): TD-FACE-005's recognitions read through annex D's test.getRecognizedExpression
STREAMS.update(exprlive.STREAMS)
DEVICES.update(exprlive.DEVICES)
CLASSES.update(exprlive.CLASSES)
FACE_SETS.update(exprlive.FACE_SETS)

# TD-MPLAT-001 (issue 76, seventy-fourth reading, c4): the ride's platform measured by its inertial unit, beside an
# optical tracker on the same moving base declaring 50 frames a second, too few to derive a velocity from: its
# displacement is judged (R1), its velocity is not (R2), so the run is at most inconclusive
SLOW_TRACKED_ID = "platform_tracked_slow"
STREAMS[SLOW_TRACKED_ID] = {
    "id": SLOW_TRACKED_ID, "type": "motion_platform", "rate_hz": 50,
    "measured_by": {"kind": "optical_tracker", "quantities": ["displacement"],
                    "model": "four-camera optical tracker, 0.1 mm RMS", **declared("OPT-0001"),
                    "placement": "marker cluster on the moving base's top plate",
                    "calibration": "wand calibration of the tracked volume, before the session"}}
DEVICES["slow_tracked_platform"] = ["platform", SLOW_TRACKED_ID]
CLASSES["slow_tracked_platform"] = "motion_platform"
