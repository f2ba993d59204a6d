"""Vibrations commanded through the runtime test interface, measured on the bench in the same run
(TD-HAPT-004).

TD-HAPT-003 holds an accelerometer's trace to the commands the device's own haptic stream says it
received; here the commands are the ones the sender itself sent through annex D's runtime test
interface (``xrApplyHapticFeedback``), so a runtime that drops, delays or alters a command between the
interface and the actuator is measured too. The bench record carries them as a ``haptic`` stream
that declares ``sent_through``: the ``method`` (``xrApplyHapticFeedback``), the ``binding`` (``GET
/xr/runtime``) and the ``clock`` its ``t`` is read on (``XrTime``: the runtime's own clock, which the
capture's clock is, so the accelerometer's samples and the send times are on one clock). Each frame
is one XrHapticVibration as sent, ``t`` the time it was sent. The accelerometer's ``acceleration``
stream ``annotates`` that stream; the measurement is :func:`haptic_output.measure`'s.

The schedule is the standard's, not the sender's choice: :data:`SCHEDULE`, nine commands of 150 ms
(80, 170 and 250 Hz at amplitudes 0.25, 0.5 and 1.0, in that order), each sent at least
:data:`MIN_GAP_S` after the previous one ended. A log that is not that schedule is not judged
(the requirement is inconclusive, naming where it differs).
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from . import haptic_output
from .haptic_output import Bench, Commands, commands_of
from .interface_log import declared_log
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

METHOD = "xrApplyHapticFeedback"
DURATION_NS = 150_000_000
#: (frequency in Hz, amplitude) of each command, in the order sent
SCHEDULE: tuple[tuple[float, float], ...] = tuple((f, a) for a in (0.25, 0.5, 1.0) for f in (80.0, 170.0, 250.0))
#: the quiet, in seconds, between one command's end and the next one's send: the decay and the
#: accelerometer's noise floor before the next command (haptic_output.PRE_S) fit in it
MIN_GAP_S = 0.2


def sent_through(spec: JsonObject) -> JsonObject | None:
    """A haptic stream's declaration that it logs the commands sent through the runtime test interface
    (method xrApplyHapticFeedback, on the runtime's clock); None when it declares none or another."""
    return declared_log(spec, "sent_through", METHOD)


def schedule_difference(kept: Commands | None) -> tuple[str, dict[str, object]] | None:
    """Where the sent commands differ from SCHEDULE, as (message key, values), or None when they are it."""
    sent = sorted(commands_of(kept), key=attrgetter("t")) if kept is not None else []
    if len(sent) != len(SCHEDULE):
        return "terminal.haptic-interface-schedule-count", {"count": len(sent), "expected": len(SCHEDULE)}
    for k, (command, (frequency, amplitude)) in enumerate(zip(sent, SCHEDULE, strict=True), 1):
        if (command.frequency_hz, command.amplitude) != (frequency, amplitude) \
                or round(command.duration_s * 1e9) != DURATION_NS:
            return "terminal.haptic-interface-schedule-command", {
                "k": k, "frequency": command.frequency_hz, "amplitude": command.amplitude,
                "ms": command.duration_s * 1e3, "want_frequency": frequency, "want_amplitude": amplitude}
        if k > 1 and (command.t - sent[k - 2].t) / 1e9 < DURATION_NS / 1e9 + MIN_GAP_S:
            return "terminal.haptic-interface-schedule-gap", {"k": k, "ms": (command.t - sent[k - 2].t) / 1e6}
    return None


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Bench | tuple[str, dict[str, object]]:
    """An acceleration stream's trace against the commands sent through the interface; or why it is not
    judged, as (message key, values)."""
    target = analysis.annotated(stats)
    if target is None or target.type != "haptic" or sent_through(target.spec) is None:
        return "terminal.haptic-interface-not-sent", {"annotates": repr(stats.spec.get("annotates"))}
    difference = schedule_difference(target.haptic_commands)
    if difference is not None:
        return difference
    return haptic_output.measure(analysis, stats)
