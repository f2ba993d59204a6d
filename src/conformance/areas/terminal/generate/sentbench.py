"""Benches driven through the runtime test interface. A haptic actuator (TD-HAPT-004): the commands the
sender sent through annex D's interface (``xrApplyHapticFeedback``), logged with their send times on the
runtime's clock, and what the same accelerometer as TD-HAPT-003's (:mod:`.vibration`) records. An olfactory
device (TD-OLF-005): the scents sent with ``test.applyScent`` (the schedule of :mod:`.scent`, pine at 0.25,
0.5 and 1.0 for 2 s, then coffee at 1.0 for 4 s, 12 s apart), and the same photoionization detector.

The sent schedule is the standard's (haptic_interface.SCHEDULE: nine commands of 150 ms, 80, 170 and 250 Hz
at amplitudes 0.25, 0.5 and 1.0), sent one each 0.4 s from 0.2 s, :data:`.vibration.COMMANDS`; the actuator
follows each 8 ms after it is sent. The bench faults of TD-HAPT-003 (``haptic-late`` ..) reach this
accelerometer too. :mod:`.rigs` takes the tables into :mod:`.device`'s."""

from __future__ import annotations

from .faultkit import Spec
from . import scent, tactile
from .vibration import accelerometer_spec

SENT_ID = "actuator_sent"
SENT_ACCELEROMETER_ID = "accelerometer_sent"
SCENT_SENT_ID, PID_SENT_ID = "diffuser_sent", "pid_sent"


def sent_spec() -> Spec:
    return {"id": SENT_ID, "type": "haptic", "path": "/user/hand/right",
            "sent_through": {"method": "xrApplyHapticFeedback", "binding": "GET /xr/runtime", "clock": "XrTime",
                             "sender": "the laboratory's test application, logging each request as it sends it"}}


def sent_accelerometer_spec() -> Spec:
    return {**accelerometer_spec(), "id": SENT_ACCELEROMETER_ID, "annotates": SENT_ID}


def scent_sent_spec() -> Spec:
    return {"id": SCENT_SENT_ID, "type": "olfactory",
            "sent_through": {"method": "test.applyScent", "binding": "GET /xr/runtime", "clock": "XrTime",
                             "sender": "the laboratory's test application, logging each request as it sends it"}}


def pid_sent_spec() -> Spec:
    return {**scent.pid_spec(), "id": PID_SENT_ID, "annotates": SCENT_SENT_ID}


STREAMS: dict[str, Spec] = {SENT_ID: sent_spec(), SENT_ACCELEROMETER_ID: sent_accelerometer_spec(),
                            SCENT_SENT_ID: scent_sent_spec(), PID_SENT_ID: pid_sent_spec()}
DEVICES: dict[str, list[str]] = {"haptic_interface_bench": [SENT_ID, SENT_ACCELEROMETER_ID],
                                 "scent_interface_bench": [SCENT_SENT_ID, PID_SENT_ID]}
CLASSES = {"haptic_interface_bench": "controller", "scent_interface_bench": "olfactory_device"}


# TD-TACT-005 (issue 75, h75-tactLive): TD-TACT-002's array read through the runtime test interface
# (test.readTactile, each answer logged with its frame time on XrTime) while the same indenter presses the same
# schedule (:mod:`.tactile`)
TACTILE_READ_ID, INDENTER_READ_ID = "skin_read", "indenter_read"


def tactile_read_spec() -> Spec:
    return {**tactile.sensor_spec(), "id": TACTILE_READ_ID,
            "read_through": {"method": "test.readTactile", "binding": "GET /xr/runtime", "clock": "XrTime",
                             "reader": "the laboratory's test application, logging each answer as it receives it"}}


def indenter_read_spec() -> Spec:
    return {**tactile.indenter_spec(), "id": INDENTER_READ_ID, "annotates": TACTILE_READ_ID}


STREAMS.update({TACTILE_READ_ID: tactile_read_spec(), INDENTER_READ_ID: indenter_read_spec()})
DEVICES["tactile_interface_bench"] = [TACTILE_READ_ID, INDENTER_READ_ID]
CLASSES["tactile_interface_bench"] = "other"
