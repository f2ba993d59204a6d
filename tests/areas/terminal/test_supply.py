"""The battery life a power analyser measures (TD-PWR-003): the energy and the cut-off read from readings
chunk by chunk, and the verdicts (the reference battery bench passes; a record that ends before 2 hours
without a cut-off, and a power stream whose readings are the device's own, are not judged). The known-bad
fixture fails in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import io

import numpy as np
import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate, write
from conformance.areas.terminal.power import Supply
from tests.conftest import captures_verdict

T0 = 10**12


@pytest.mark.parametrize("chunks", [1, 3, 7])
def test_the_energy_and_the_cut_off_do_not_depend_on_the_chunks(chunks):
    t = T0 + np.arange(0, 20) * 5 * 10**9  # a reading every 5 s
    watts = np.array([6.0] * 12 + [0.002] * 3 + [0.5] + [0.002] * 4)  # off at 60 s, a blip at 75 s, off for good
    supply = Supply()
    for part_t, part_w in zip(np.array_split(t, chunks), np.array_split(watts, chunks), strict=True):
        supply.add(part_t, part_w)
    assert supply.first_t == T0 and supply.last_t == T0 + 95 * 10**9
    assert supply.on_t == T0 + 75 * 10**9 and supply.cut_t == T0 + 80 * 10**9  # the blip counts: off after it
    # 11 intervals at 6 W (the first reading has none), 3 at 2 mW, one at 0.5 W
    assert supply.energy_j == pytest.approx(11 * 5 * 6.0 + 3 * 5 * 0.002 + 5 * 0.5)


def test_a_device_still_on_has_no_cut_off_and_one_never_on_has_no_on():
    running = Supply()
    running.add(T0 + np.arange(3) * 10**9, np.array([5.0, 5.0, 5.0]))
    assert running.cut_t is None and running.on_t == T0 + 2 * 10**9
    never = Supply()
    never.add(T0 + np.arange(3) * 10**9, np.array([0.0, 0.01, 0.0]))
    assert never.on_t is None and never.cut_t is None


def test_only_a_stream_declaring_its_analyser_is_measured():
    buffer = io.BytesIO()
    generate(buffer, "battery_bench", 60.0)
    (stats,) = analyse(io.BytesIO(buffer.getvalue())).streams_of("power")
    assert stats.supply is not None and stats.supply.readings == 12
    header, *frames = buffer.getvalue().split(b"\n")
    undeclared = orjson.loads(header)
    del undeclared["streams"][0]["power_analyser"]
    (stats,) = analyse(io.BytesIO(b"\n".join([orjson.dumps(undeclared), *frames]))).streams_of("power")
    assert stats.supply is None


def test_the_battery_bench_passes_and_a_short_record_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PWR-003", captures,
                                features=["battery-life"])
    good, text = verdict()  # the reference samples: battery-bench.ndjson.gz runs 2.40 h to its cut-off
    assert good == "pass", text
    assert "cut off 2.40 h into the test workload" in text and "15.64 Wh drawn" in text
    short = tmp_path / "short.ndjson.gz"  # 30 minutes of the workload, the battery still on
    write(short, "battery_bench", 1800.0)
    short_verdict, text = verdict(short)
    assert short_verdict == "inconclusive" and "the battery life is not judged" in text
    headset = tmp_path / "headset.ndjson.gz"  # the device's own power report: no analyser
    write(headset, "power_session", 60.0)
    none, text = verdict(headset)
    assert none == "inconclusive" and "no power stream declaring the calibrated power analyser" in text
