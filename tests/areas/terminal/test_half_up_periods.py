"""An interval over the period is rounded half up (四舍五入), as TD-RATE-002's, TD-DISP-001's and TD-DISP-009's steps
say: at 100 Hz a 25 ms interval is 2.5 periods, 3 when rounded half up, so two frames are missed; ``np.rint``
rounded it half to even, to 2, and counted one. Both counters (timing.py for a stream's timestamps, photon.py for
a photodiode's rises) take the one helper."""

from __future__ import annotations

import ast
import io

import numpy as np
import orjson

from conformance.areas.terminal import analyse, timings
from conformance.areas.terminal.timing import whole_periods
from tests.paths import ROOT


def test_half_a_period_rounds_up():
    assert whole_periods(np.array([1.49, 1.5, 2.5, 3.5, 2.4999])).tolist() == [1.0, 2.0, 3.0, 4.0, 2.0]


def test_a_100_hz_stream_with_a_25_ms_interval_misses_two_frames():
    header = {"format": "mvx-capture", "version": "1.0", "device": {},
              "streams": [{"id": "head", "type": "other", "rate_hz": 100}]}
    times = [1_000_000_000 + 10_000_000 * i for i in range(10)]
    times.append(times[-1] + 25_000_000)
    lines = [orjson.dumps(header), *(orjson.dumps({"stream": "head", "t": t}) for t in times)]
    (timing,), _ = timings(analyse(io.BytesIO(b"\n".join(lines) + b"\n")))
    assert timing.dropped == 2


def test_no_counter_rounds_half_to_even():
    for name in ("timing.py", "photon.py"):
        tree = ast.parse((ROOT / "src/conformance/areas/terminal" / name).read_text(encoding="utf-8"))
        calls = [n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)]
        assert "rint" not in calls and "round" not in calls, name
