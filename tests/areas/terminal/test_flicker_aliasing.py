"""TD-DISP-005 2.2 (the fifty-first reading's row cx1): the trace resolves the whole band IEEE Std 1789-2015
judges (to 1250 Hz) and nothing above its Nyquist frequency folds into it. Before 2.2 a 2 kHz trace with no
anti-alias filter read a 2.4 kHz PWM dimming (no limit there) as 400 Hz and failed it, and read an 1100 Hz
flicker as 900 Hz, so two conforming laboratories could reach different verdicts; each test fails on 2.1.3."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conformance import load_catalog
from conformance.areas.terminal.flicker import LOW_RISK_TOP_HZ, MIN_BANDWIDTH_HZ, low_risk_limit, measure, unusable
from conformance.areas.terminal.model import StreamStats

OLD_RATE, RATE = 2000.0, 5000.0


def pwm(hz: float, modulation: float, rate: float, duty: float = 0.5) -> np.ndarray:
    """One second of a display's light switched at ``hz`` (square, ``duty`` on) giving ``modulation``."""
    phase = (np.arange(round(rate)) / rate * hz) % 1.0
    return 100.0 * (1 + modulation * np.where(phase < duty, 1.0, -1.0))


def _over(frequency: float, modulation: float) -> bool:
    limit = low_risk_limit(frequency)
    return limit is not None and modulation > limit


def test_pwm_dimming_above_the_band_no_longer_fails():
    """2.4 kHz PWM at 100 %: IEEE 1789 sets no limit above 1250 Hz. At 2 kHz it folded to 400 Hz (limit 32 %)."""
    old = measure(pwm(2400, 1.0, OLD_RATE), OLD_RATE)
    assert old[0] == pytest.approx(400) and _over(*old)  # the defect the row names
    new = measure(pwm(2400, 1.0, RATE), RATE)
    assert new[0] == pytest.approx(2400) and not _over(*new)


def test_deep_flicker_between_1000_and_1250_hz_is_resolved_and_fails():
    """1100 Hz at 95 % (limit 88 % there): a 2 kHz trace read it at 900 Hz, not its own frequency."""
    old = measure(pwm(1100, 0.95, OLD_RATE), OLD_RATE)
    assert old[0] == pytest.approx(900)
    new = measure(pwm(1100, 0.95, RATE), RATE)
    assert new[0] == pytest.approx(1100) and _over(*new)


def _floor():
    return load_catalog().profiles["terminal-comfort"].parameters["min_luminance_rate_hz"]


def _stats(rate: float, bandwidth: object) -> StreamStats:
    instrument = {"kind": "photodiode", "model": "PD", **({} if bandwidth is None else {"bandwidth_hz": bandwidth})}
    return StreamStats("pd", "luminance", None, {"id": "pd", "type": "luminance",
                                                     "luminance": {"sample_rate_hz": rate, "instrument": instrument}})


@pytest.mark.parametrize(("rate", "bandwidth", "judged"), [
    (5000, 2500, True), (20000, 2500, True), (20000, 10000, True),
    (5000, None, False),  # no anti-alias low-pass declared
    (5000, 100000, False),  # the old apparatus: a bandwidth above the Nyquist frequency
    (5000, 2000, False),  # the judged band not passed an octave above its top
    (4000, 2000, False), (2000, 1000, False)])  # under the floor
def test_a_trace_is_judged_only_with_an_anti_alias_low_pass_passing_the_band(rate, bandwidth, judged):
    floor = _floor().default
    why = unusable(_stats(rate, bandwidth), floor)
    assert (why is None) == judged
    if not judged and rate >= floor:
        assert why[0] == "terminal.luminance-bandwidth"


def test_the_floor_is_fixed_an_octave_above_the_band():
    """min_luminance_rate_hz: 5000 Hz, no IXIT below it; the least bandwidth, twice 1250 Hz, fits under Nyquist."""
    parameter = _floor()
    assert parameter.default == parameter.bounds.min == 5000 and parameter.direction == "higher"
    assert MIN_BANDWIDTH_HZ == 2 * LOW_RISK_TOP_HZ == parameter.default / 2
    assert math.isclose(low_risk_limit(LOW_RISK_TOP_HZ), 100.0)
