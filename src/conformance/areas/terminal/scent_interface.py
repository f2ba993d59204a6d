"""Scents commanded through the runtime test interface, measured on the bench in the same run (TD-OLF-005).

TD-OLF-003 holds a photoionization detector's trace to the commands the device's own olfactory stream says it
received; here the commands are the ones the sender itself sent through annex D's runtime test interface
(``test.applyScent``, the interface's own method, OpenXR having no scent function), so a runtime that drops,
delays or alters a scent between the interface and the outlet is measured too. The bench record carries them
as an ``olfactory`` stream that declares ``sent_through`` (``method`` ``test.applyScent``, ``clock`` ``XrTime``:
the runtime's clock, which the capture's clock is), one frame per scent as sent, ``t`` when it was sent. The
detector's ``gas_sensor`` stream ``annotates`` that stream; the measurement is :func:`scent_release.measure`'s.

The schedule is the standard's: :func:`schedule_difference` holds the log to four scents, the first scent of
the offer at intensities 0.25, 0.5 and 1.0 for 2 s each, then a second scent at 1.0 for 4 s, each sent at least
:data:`MIN_GAP_S` after the previous one ended. A log that is not that schedule is not judged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import scent_release
from .interface_log import declared_log
from .model import CaptureAnalysis, StreamStats
from .scent_release import Bench, Commands

if TYPE_CHECKING:
    from conformance.area import JsonObject

METHOD = "test.applyScent"
#: (intensity, duration in s) of each scent sent, in order: the first three of one scent, the last of another
SCHEDULE: tuple[tuple[float, float], ...] = ((0.25, 2.0), (0.5, 2.0), (1.0, 2.0), (1.0, 4.0))
#: the clean air, in seconds, between one scent's end and the next one's send: the air returns to its baseline
#: (the fall and TD-OLF-003's 6 s of search after a release) before the next command
MIN_GAP_S = 8.0


def sent_through(spec: JsonObject) -> JsonObject | None:
    """An olfactory stream's declaration that it logs the scents sent through the runtime test interface
    (method test.applyScent, on the runtime's clock); None when it declares none or another."""
    return declared_log(spec, "sent_through", METHOD)


def schedule_difference(kept: Commands | None) -> tuple[str, dict[str, object]] | None:
    """Where the scents sent differ from SCHEDULE, as (message key, values), or None when they are it."""
    if kept is None or not kept.kept:
        return "terminal.scent-interface-schedule-count", {"count": 0, "expected": len(SCHEDULE)}
    t, scent, intensity, duration = (np.concatenate(c) for c in (kept.t, kept.scent, kept.intensity,
                                                                  kept.duration_ns))
    order = np.argsort(t, kind="stable")
    if len(order) != len(SCHEDULE):
        return "terminal.scent-interface-schedule-count", {"count": len(order), "expected": len(SCHEDULE)}
    first = str(scent[order[0]])
    for k, (i, (want_intensity, want_s)) in enumerate(zip(order, SCHEDULE, strict=True), 1):
        same = str(scent[i]) == first
        if float(intensity[i]) != want_intensity or int(duration[i]) != round(want_s * 1e9) \
                or same != (k < len(SCHEDULE)):
            return "terminal.scent-interface-schedule-command", {
                "k": k, "scent": repr(str(scent[i])), "intensity": float(intensity[i]), "s": int(duration[i]) / 1e9,
                "want_intensity": want_intensity, "want_s": want_s}
        if k > 1:
            previous = order[k - 2]
            gap = (int(t[i]) - int(t[previous]) - int(duration[previous])) / 1e9
            if gap < MIN_GAP_S:
                return "terminal.scent-interface-schedule-gap", {"k": k, "s": gap}
    return None


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Bench | tuple[str, dict[str, object]]:
    """A gas_sensor stream's trace against the scents sent through the interface; or why it is not judged, as
    (message key, values)."""
    target = analysis.annotated(stats)
    if target is None or target.type != "olfactory" or sent_through(target.spec) is None:
        return "terminal.scent-interface-not-sent", {"annotates": repr(stats.spec.get("annotates"))}
    difference = schedule_difference(target.scent_commands)
    if difference is not None:
        return difference
    return scent_release.measure(analysis, stats)
