"""How soon a force-feedback device lets go when its commands cease, measured with the force sensor on
the bench that TD-FORCE-004 reads (TD-FORCE-005).

The device declares in its offer's ``safety`` how soon its output stops when commands cease
(``stop_after_ms``). On the bench the test application stops commanding while the device holds a force:
the force_feedback stream's last frame (``t`` on the capture clock) is the moment the commands ceased,
and the force sensor records on for at least ``WATCH_S``. :func:`measure` takes:

- the force at the cease: the median of the trace in the ``PRE_S`` before the last command, its RMS
  about its mean the noise floor (as force_output's steps do);
- the stop threshold: ``STOP_SHARE`` of that force (the output counts as stopped below it);
- the stop time: from the last command to the first sample after which the measured force stays below
  the threshold for the rest of the ``WATCH_S`` window; None when it is still above at the window's end.

Not judged, each with its reason: commands kept only in part (the last one unknown), a last command of
no force (nothing to stop), a force at the cease not above ``NOISE_FACTOR`` times the floor, or a trace
covering less than ``MIN_COVERAGE`` of the ``WATCH_S`` after the cease (the capture ended with the
commands, so no cease was recorded).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .bench_trace import timed
from .force_output import MIN_COVERAGE, NOISE_FACTOR, PRE_S, Commands, force_bench, instrument
from .model import CaptureAnalysis, StreamStats

STOP_SHARE = 0.1
WATCH_S = 0.5


@dataclass
class Stop:
    """What a force sensor measured after the commands of the force_feedback stream it measures ceased."""

    feedback: str
    model: str
    t: int  # the last command's time, ns on the capture clock
    line: int
    commanded: float  # N, the force the last command held
    at_cease: float  # N, measured
    threshold: float  # N
    stop_ms: float | None  # None: still above the threshold WATCH_S after the cease


def _last_command(kept: Commands) -> tuple[int, int, float] | None:
    """(t, line, force) of the last command, or None when none was kept."""
    if not kept.kept:
        return None
    t, force, lines = (np.concatenate(c) for c in (kept.t, kept.force_n, kept.lines))
    last = int(np.argmax(t))
    return int(t[last]), int(lines[last]), float(force[last])


Timed = tuple[float, float, float | None]  # the force at the cease, the threshold, the stop time (ms)


def stop_of(times: np.ndarray, samples: np.ndarray, rate_hz: float, cease: int) -> Timed | str:
    """(force at the cease, threshold, stop time in ms or None) of a trace whose commands ceased at
    ``cease`` (ns); or the message key of why it cannot be measured."""
    first, at, end = np.searchsorted(times, [cease - PRE_S * 1e9, cease, cease + WATCH_S * 1e9])
    if at - first < 4:
        return "terminal.force-stop-no-trace"
    if end - at < MIN_COVERAGE * WATCH_S * rate_hz:
        return "terminal.force-stop-no-cease"
    pre = samples[first:at]
    force = float(np.median(pre))
    floor = float(np.sqrt(np.mean((pre - pre.mean()) ** 2)))
    if abs(force) <= NOISE_FACTOR * floor or force == 0:
        return "terminal.force-stop-no-force"
    threshold = STOP_SHARE * abs(force)
    above = np.flatnonzero(np.abs(samples[at:end]) >= threshold)
    if not len(above):
        return force, threshold, 0.0
    last = int(above[-1])
    if at + last + 1 >= end:
        return force, threshold, None  # still above when the window closes
    return force, threshold, (float(times[at + last + 1]) - cease) / 1e6


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Stop | tuple[str, dict[str, object]]:
    """A force_sensor stream's trace after its force_feedback stream's commands ceased; or why it is not
    judged, as (message key, values)."""
    model, trace = instrument(stats.spec), stats.rendering
    target = force_bench(analysis, stats)
    if not isinstance(target, StreamStats):
        return target
    kept = target.force_commands
    last = _last_command(kept) if kept is not None and not kept.dropped else None
    values = {"feedback": repr(target.id), "watch": 1000 * WATCH_S}
    if last is None:
        return "terminal.force-stop-no-commands", values
    t, line, commanded = last
    if not commanded > 0:  # NaN (no force) or zero: nothing to stop
        return "terminal.force-stop-nothing-held", values
    assert trace is not None  # force_bench gives a stream only when the sensor kept a trace
    times, samples = timed(trace)
    got = stop_of(times, samples, trace.rate_hz, t)
    if isinstance(got, str):
        return got, values
    force, threshold, stop_ms = got
    return Stop(target.id, str(model), t, line, commanded, force, threshold, stop_ms)


