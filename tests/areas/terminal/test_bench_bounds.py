"""The bench cases' reading bounds (sixty-eighth reading of issue 76, part h131-tbound, c3): what the test equipment
keeps of a bench record (``bench_trace.MAX_TRACE_SAMPLES``, ``tactile.MAX_READINGS``: 5.1's 「试验台记录保留的样本数」)
and of the commands it measures (``bench_trace.MAX_COMMANDS``: 「保留的指令数」). Past either a stream is unjudged, so
a bench case passes on no part of a record: a trace cut short was a note, commands past their cap were left out
silently, and TD-FORCE-004 only counted a held step its trace did not cover. Each test fails on the branch's base
(ffa3fd452): the reference benches passed with the caps lowered, naming no bound."""

from __future__ import annotations

import pytest

from conformance.areas.terminal import bench_trace, force_output, haptic_output, scent_release, tactile
from tests.conftest import captures_verdicts

#: the bench cases, by profile, with the feature each claims; the profile's reference samples hold a bench for each
CASES = {
    "terminal-force-feedback": ({"TD-FORCE-004", "TD-FORCE-005"}, ["rendered-force", "output-stop"]),
    "terminal-haptics": ({"TD-HAPT-003", "TD-HAPT-004", "TD-OLF-003", "TD-OLF-005"},
                         ["actuator-output", "interface-actuator-output", "olfactory", "interface-olfactory-output"]),
    "terminal-sensor-performance": ({"TD-TACT-002", "TD-TACT-005"}, ["tactile-sensing"]),
}
SAMPLES = '"samples held of a bench record"'
COMMANDS = '"commands held"'


def test_the_caps_are_the_bounds_5_1_states():
    """One value a bound (drafting/boundtable.py states them; tests/drafting/test_reading_sixtyeighth_tbound.py
    holds the table to these)."""
    assert bench_trace.MAX_TRACE_SAMPLES == tactile.MAX_READINGS == 2_000_000
    assert bench_trace.MAX_COMMANDS == force_output.MAX_COMMANDS == haptic_output.MAX_COMMANDS \
        == scent_release.MAX_COMMANDS == 200_000


def _verdicts(catalog, run_manifest) -> dict[str, tuple[str, str]]:
    found = {}
    for profile, (requirements, features) in CASES.items():
        found |= captures_verdicts(catalog, run_manifest, profile, sorted(requirements), features=features)
    return found


@pytest.mark.slow
def test_a_record_past_the_samples_bound_leaves_every_bench_case_unjudged(monkeypatch, catalog, run_manifest):
    """Each reference record cut a little short (force 3 400 samples, accelerometers 8 000, detectors about 1 000,
    indenter and array 1 300 frames): what was kept is judged, no finding, and every case is inconclusive naming
    the bound."""
    monkeypatch.setattr(bench_trace, "MAX_TRACE_SAMPLES", 900)
    monkeypatch.setattr(tactile, "MAX_READINGS", 1200)
    for rid, (verdict, text) in _verdicts(catalog, run_manifest).items():
        assert verdict == "inconclusive" and SAMPLES in text, (rid, verdict, text)


@pytest.mark.slow
def test_commands_past_their_bound_leave_the_commanded_cases_unjudged(monkeypatch, catalog, run_manifest):
    """The commands cut short (force 560 kept to 500, vibrations 9 to 8, scents 4 to 3): no case passes on the
    commands kept. TD-HAPT-004's and TD-OLF-005's logs are then no longer their test schedules (their count), so
    they are unjudged for that; the others name the bound (TD-FORCE-005: its last command unknown)."""
    monkeypatch.setattr(force_output, "MAX_COMMANDS", 500)
    monkeypatch.setattr(haptic_output, "MAX_COMMANDS", 8)
    monkeypatch.setattr(scent_release, "MAX_COMMANDS", 3)
    found = _verdicts(catalog, run_manifest)
    for rid in ("TD-FORCE-004", "TD-FORCE-005", "TD-HAPT-003", "TD-OLF-003"):
        verdict, text = found[rid]
        assert verdict == "inconclusive" and COMMANDS in text, (rid, verdict, text)
    for rid in ("TD-HAPT-004", "TD-OLF-005"):
        assert found[rid][0] == "inconclusive", (rid, found[rid])


@pytest.mark.slow
def test_a_held_step_the_trace_does_not_cover_leaves_td_force_004_unjudged(monkeypatch, catalog, run_manifest):
    """One held step of the reference staircase left unmeasured (as a gap in the force sensor's record leaves it): the
    run is inconclusive, naming it, where it passed on the steps measured."""
    measure_step = force_output.measure_step
    seen: list[int] = []

    def one_uncovered(times, samples, rate_hz, step):
        seen.append(step.t)
        return None if len(seen) == 3 else measure_step(times, samples, rate_hz, step)

    monkeypatch.setattr(force_output, "measure_step", one_uncovered)
    found = captures_verdicts(catalog, run_manifest, "terminal-force-feedback", ["TD-FORCE-004"],
                              features=["rendered-force"])
    verdict, text = found["TD-FORCE-004"]
    assert verdict == "inconclusive" and "1 held step(s) whose window" in text, text
