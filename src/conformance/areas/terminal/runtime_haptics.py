"""Vibrations through the runtime test interface (TD-RUN-004): each applied with ``xrApplyHapticFeedback`` on a
claimed haptic output, then read back from the runtime's report of what it handed the device's driver
(``test.getHapticOutput``: ``vibrations``, each one's subaction path, start as an XrTime, duration, frequency and
amplitude, oldest first). The commands are looked for in that report in order (runtime_report.align): an entry
holding none of them (a vibration from before them) is ignored. What the actuator then does is measured by
TD-HAPT-003, not here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .._shared.jsonrpc_ws import Dialogue
from .jsonread import finite
from .runtime_report import Alignment, Entry, align, entries_of

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: (subaction path, its offer's max_frequency_hz, max_duration_ns) of each claimed haptic output
Limits = dict[str, tuple[float | None, int | None]]
#: the vibrations applied on each haptic output: (duration ns, frequency Hz, amplitude); the last asks
#: for the runtime's own shortest duration and frequency (XR_MIN_HAPTIC_DURATION, XR_FREQUENCY_UNSPECIFIED)
VIBRATIONS = ((100_000_000, 160.0, 0.5), (200_000_000, 80.0, 1.0), (-1, 0.0, 0.25))
#: how closely a reported vibration matches its command: exactly (fifty-ninth reading, d10). The report is what the
#: runtime hands the device's driver, before any grading of the driver's or the actuator's (TD-HAPT-003 measures
#: that); durations are whole nanoseconds and the commanded frequencies and amplitudes are exact in binary32 and
#: binary64, so a runtime holding them in either reports them unchanged
DURATION_NS, FREQUENCY_RATIO, AMPLITUDE = 0, 0.0, 0.0


def _holds(limits: Limits, params: JsonObject, got: Entry) -> bool:
    """Whether a reported vibration is the one commanded: on its path, the commanded duration (the offer's largest
    at most; the runtime's own shortest, above 0, for XR_MIN_HAPTIC_DURATION), the commanded frequency (the
    offer's largest at most; any above 0 for XR_FREQUENCY_UNSPECIFIED) and amplitude."""
    command, path = params.get("hapticFeedback"), params.get("subactionPath")
    if not isinstance(command, dict) or got.get("subactionPath") != path:
        return False
    max_frequency, max_duration = limits.get(str(path), (None, None))
    duration, frequency, amplitude = (finite(command.get(k)) for k in ("duration", "frequency", "amplitude"))
    got_duration, got_frequency, got_amplitude = (finite(got.get(k)) for k in ("duration", "frequency", "amplitude"))
    if None in (duration, frequency, amplitude, got_duration, got_frequency, got_amplitude):
        return False
    assert duration is not None and frequency is not None and amplitude is not None
    assert got_duration is not None and got_frequency is not None and got_amplitude is not None
    want_duration = None if duration == -1 else min(duration, max_duration or duration)
    want_frequency = None if frequency == 0 else min(frequency, max_frequency or frequency)
    return not ((want_duration is None and not 0 < got_duration <= (max_duration or math.inf))
                or (want_duration is not None and abs(got_duration - want_duration) > DURATION_NS)
                or (want_frequency is None and not got_frequency > 0)
                or (want_frequency is not None and abs(got_frequency / want_frequency - 1) > FREQUENCY_RATIO)
                or abs(got_amplitude - amplitude) > AMPLITUDE)


def _aligned(dialogue: Dialogue, limits: Limits) -> tuple[list[JsonObject], list[Entry], Alignment]:
    """The vibrations applied, the report's entries, and where each vibration is among them (runtime_report)."""
    commands = [e.params for e in dialogue.answered("xrApplyHapticFeedback")]
    read = dialogue.answered("test.getHapticOutput")
    driven = entries_of(read[0].result if read else None, "vibrations")
    return commands, driven, align(commands, driven, lambda params, got: _holds(limits, params, got),
                                   lambda params, got: got.get("subactionPath") == params.get("subactionPath"))


def ignored_vibrations(dialogue: Dialogue, limits: Limits) -> tuple[int, ...]:
    """The report's entries holding no vibration applied (an earlier vibration, another output's): not judged."""
    return _aligned(dialogue, limits)[2].ignored


def judge_haptics(dialogue: Dialogue, limits: Limits) -> Iterator[tuple[str, str, str, dict[str, object]]]:
    """(rule, message key, where, values) of each departure: R1 a vibration applied not answered XR_SUCCESS; R2 the
    runtime's report not holding one, in order, on its output (entries holding no command are ignored), the entry
    on that output in its place giving another duration, frequency or amplitude."""
    for e in dialogue.answered("xrApplyHapticFeedback"):
        if e.result is None or e.result.get("result") != "XR_SUCCESS":
            yield ("R1", "terminal.runtime-haptic-refused", f"xrApplyHapticFeedback({e.params.get('subactionPath')})",
                   {"detail": str(e.error or e.result)[:200]})
    commands, driven, aligned = _aligned(dialogue, limits)
    for params, shown, got in aligned.misses(commands, driven):
        command = params.get("hapticFeedback")
        values: dict[str, object] = {"path": params.get("subactionPath"),
                                     **{k: command.get(k) if isinstance(command, dict) else None
                                        for k in ("duration", "frequency", "amplitude")}}
        if got is None:
            yield "R2", "terminal.runtime-haptic-not-driven", "test.getHapticOutput/vibrations", values
            continue
        yield ("R2", "terminal.runtime-haptic-not-as-commanded", f"test.getHapticOutput/vibrations/{shown}",
               {**values, "got": {k: got.get(k) for k in ("subactionPath", "duration", "frequency", "amplitude")}})
