"""Vibrations and scents sent through the runtime test interface, measured on the bench in the same run
(TD-HAPT-004, TD-OLF-005): the send log held to the test schedule, and the verdicts (pass, inconclusive). Each
known-bad fixture fails its rule in tests/e2e/test_known_bad.py (TD-HAPT-003's and TD-OLF-003's bench faults on
these benches)."""

from __future__ import annotations

import gzip
import io

import numpy as np
import orjson

from conformance.areas.terminal.generate.capture import generate, write
from conformance.areas.terminal.generate.sentbench import sent_spec
from conformance.areas.terminal.haptic_interface import SCHEDULE, schedule_difference, sent_through
from conformance.areas.terminal import scent_interface
from conformance.areas.terminal.haptic_output import Commands
from conformance.areas.terminal.scent_release import Commands as ScentCommands
from tests.conftest import captures_verdict
from tests.paths import ROOT


def _sent(rows: list[tuple[float, float, float, float]]) -> Commands:
    """Kept commands from (send time in s, duration in s, frequency, amplitude) rows."""
    kept = Commands()
    columns = np.array(rows, dtype=float).T
    kept.t.append(np.round(columns[0] * 1e9).astype(np.int64))
    kept.duration_ns.append(np.round(columns[1] * 1e9).astype(np.int64))
    kept.frequency_hz.append(columns[2])
    kept.amplitude.append(columns[3])
    kept.lines.append(np.arange(2, 2 + len(rows)))
    kept.kept = len(rows)
    return kept


SCHEDULED = [(0.2 + 0.4 * k, 0.15, f, a) for k, (f, a) in enumerate(SCHEDULE)]


def test_the_send_log_must_be_the_test_schedule():
    assert schedule_difference(_sent(SCHEDULED)) is None
    assert schedule_difference(_sent(SCHEDULED[:8]))[1] == {"count": 8, "expected": 9}
    gentler = [*SCHEDULED[:4], (SCHEDULED[4][0], 0.15, 170.0, 0.25), *SCHEDULED[5:]]  # the 5th at 0.25, not 0.5
    key, values = schedule_difference(_sent(gentler))
    assert key.endswith("schedule-command") and values["k"] == 5 and values["want_amplitude"] == 0.5
    crowded = [*SCHEDULED[:3], (SCHEDULED[2][0] + 0.3, 0.15, 80.0, 0.5), *SCHEDULED[4:]]  # 0.3 s after the 3rd
    key, values = schedule_difference(_sent(crowded))
    assert key.endswith("schedule-gap") and values["k"] == 4
    assert schedule_difference(None)[1]["count"] == 0


def test_only_a_log_of_xr_apply_haptic_feedback_on_the_runtime_clock_counts_as_sent():
    assert sent_through(sent_spec()) is not None
    assert sent_through({"sent_through": {"method": "xrApplyHapticFeedback", "clock": "capture"}}) is None
    assert sent_through({"type": "haptic"}) is None  # the device's record of what it received


def test_the_bench_passes_and_a_bench_of_received_commands_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-HAPT-004", captures,
                                features=["interface-actuator-output"])
    good, text = verdict()  # the reference samples: haptic-interface-bench.ndjson.gz is the bench
    assert good == "pass", text
    assert "9 command(s) measured" in text
    received = tmp_path / "haptic-bench.ndjson.gz"  # TD-HAPT-003's bench: the commands the device received
    write(received, "haptic_bench", 4.0)
    unsent, text = verdict(received)
    assert unsent == "inconclusive" and "sent through the runtime test interface" in text
    short = tmp_path / "short.ndjson.gz"  # the schedule cut short: 4 of its 9 vibrations
    write(short, "haptic_interface_bench", 1.6)
    partial, text = verdict(short)
    assert partial == "inconclusive" and "4 command(s) were sent" in text


def _scents(rows: list[tuple[float, str, float, float]]) -> ScentCommands:
    """Kept scents from (send time in s, scent, intensity, duration in s) rows."""
    kept = ScentCommands()
    kept.t.append(np.array([round(r[0] * 1e9) for r in rows], dtype=np.int64))
    kept.scent.append(np.array([r[1] for r in rows], dtype=object))
    kept.intensity.append(np.array([r[2] for r in rows]))
    kept.duration_ns.append(np.array([round(r[3] * 1e9) for r in rows], dtype=np.int64))
    kept.lines.append(np.arange(2, 2 + len(rows)))
    kept.kept = len(rows)
    return kept


def test_the_scents_sent_must_be_the_test_schedule():
    sent = [(2.0, "pine", 0.25, 2.0), (14.0, "pine", 0.5, 2.0), (26.0, "pine", 1.0, 2.0), (38.0, "coffee", 1.0, 4.0)]
    assert scent_interface.schedule_difference(_scents(sent)) is None
    one_scent = [*sent[:3], (38.0, "pine", 1.0, 4.0)]  # the fourth must be another scent
    key, values = scent_interface.schedule_difference(_scents(one_scent))
    assert key.endswith("schedule-command") and values["k"] == 4
    crowded = [sent[0], (6.0, "pine", 0.5, 2.0), *sent[2:]]  # 2 s of clean air after the first, not 8
    key, values = scent_interface.schedule_difference(_scents(crowded))
    assert key.endswith("schedule-gap") and values["k"] == 2
    assert scent_interface.schedule_difference(None)[1]["count"] == 0


def test_the_scent_bench_passes_and_a_bench_of_received_commands_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-OLF-005", captures,
                                features=["interface-olfactory-output"])
    good, text = verdict()  # the reference samples: scent-interface-bench.ndjson.gz is the bench
    assert good == "pass", text
    received = tmp_path / "scent-bench.ndjson.gz"  # TD-OLF-003's bench: the commands the device received
    write(received, "scent_bench", 50.0)
    unsent, text = verdict(received)
    assert unsent == "inconclusive" and "sent through the runtime test interface" in text


def test_a_scent_detector_not_judged_beside_a_judged_one_makes_the_run_inconclusive(tmp_path, catalog,
                                                                                     run_manifest):
    """The thirty-fourth reading, row c11 (part o): beside the passing interface bench, a second one whose
    detector names no calibration is a declared stream the case cannot judge; the run cannot pass (it passed
    before, the stream only noted). A detector on TD-OLF-003's bench (no log of the scents sent) is outside
    this case and stays a note: that run still passes."""
    reference = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "scent-interface-bench.ndjson.gz"
    header, *frames = gzip.decompress(reference.read_bytes()).strip().split(b"\n")
    unnamed = orjson.loads(header)
    (detector,) = [s for s in unnamed["streams"] if "gas_sensor" in s]
    del detector["gas_sensor"]["instrument"]["calibration"]
    path = tmp_path / "unnamed.ndjson"
    path.write_bytes(b"\n".join([orjson.dumps(unnamed), *frames]))
    got, text = captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-OLF-005", [reference, path],
                                 features=["interface-olfactory-output"])
    assert got == "inconclusive", text
    assert "names no calibrated photoionization detector" in text, text
    received = io.BytesIO()
    generate(received, "scent_bench", 50.0)
    (tmp_path / "received.ndjson").write_bytes(received.getvalue())
    got, text = captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-OLF-005",
                                 [reference, tmp_path / "received.ndjson"], features=["interface-olfactory-output"])
    assert got == "pass", text


def test_an_accelerometer_not_judged_beside_a_judged_one_makes_the_interface_run_inconclusive(tmp_path, catalog,
                                                                                             run_manifest):
    """The thirty-fifth reading's leftovers, part o2 (row c11's rest): beside the passing interface bench, a
    second one whose log of the vibrations sent is not the test schedule is a declared stream the case cannot
    judge; the run cannot pass (it passed before, the stream only noted). An accelerometer on TD-HAPT-003's bench
    (no log of the vibrations sent) is outside this case and stays a note: that run still passes."""
    reference = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "haptic-interface-bench.ndjson.gz"
    short = tmp_path / "short.ndjson.gz"  # the schedule cut short: 4 of its 9 vibrations
    write(short, "haptic_interface_bench", 1.6)
    got, text = captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-HAPT-004", [reference, short],
                                 features=["interface-actuator-output"])
    assert got == "inconclusive", text
    assert "4 command(s) were sent" in text, text
    received = tmp_path / "haptic-bench.ndjson.gz"
    write(received, "haptic_bench", 4.0)
    got, text = captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-HAPT-004", [reference, received],
                                 features=["interface-actuator-output"])
    assert got == "pass", text
