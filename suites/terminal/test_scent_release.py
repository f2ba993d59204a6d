"""Olfactory simulation (气味模拟): the scents an olfactory device releases, measured on a bench by a calibrated
photoionization detector against the commands it received (TD-OLF-003) and against the scents sent through the
runtime test interface in the same run (TD-OLF-005)."""

import math

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal import scent_interface
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.scent_release import SENSOR, Bench, Release, intensity_pairs, measure
from conformance.areas.terminal.suite import BenchTexts, benches, past_bound

import pytest

# A gas_sensor on the olfactory stream naming no calibrated detector or no rate, or whose commands are
# missing or outside its trace, is a stream the case measures and cannot judge (its 不确定 line): unjudged.
# One annotating no olfactory stream measures something else and stays a note.
_UNMEASURED = frozenset({"terminal.scent-release-no-instrument", "terminal.bench-trace-no-rate",
                         "terminal.scent-release-no-commands", "terminal.scent-release-none-measured"})
_TEXTS = BenchTexts("terminal.scent-release-unjudged", "terminal.scent-release-capped",
                    "terminal.scent-release-none-judged", "terminal.no-gas-sensor", _UNMEASURED, bounded=True)


def _commands_within(evidence: Evidence, name: str, analysis, bench: Bench) -> None:
    """Commands past 5.1's bound 「保留的指令数」 are never measured: unjudged, as a command the record does not
    cover is (sixty-eighth reading, c3: they were left out silently)."""
    past_bound(evidence, name, bench.olfactory, analysis.streams[bench.olfactory].scent_commands,
               "terminal.bench-commands-capped")


def _command(m: Release) -> dict[str, object]:
    return {"scent": repr(m.scent), "intensity": m.intensity, "duration": m.duration_s}


def _judge(evidence: Evidence, judge: Judge, sid: str, bench: Bench, limits: tuple[float, float, float],
           uncovered: str) -> None:
    """``limits``: the latency (s), the duration error (a share of the commanded duration), the least ratio of
    the concentrations of two commands at least twice apart in intensity. ``uncovered``: the message naming the
    commands the case measures whose window the detector's record covers too little, unjudged (their R1 and R2
    cannot be judged: the 不确定 line of both cases)."""
    latency_limit, duration_limit, ratio_limit = limits
    name = judge.file
    if bench.uncovered:
        evidence.unjudged(name, msg(uncovered, file=name, sid=repr(sid), count=bench.uncovered))
    u_timing = bench.period_s / math.sqrt(12)  # a sample period as a uniform distribution (GUM 4.3.7)
    u_detector = bench.t90_s / math.sqrt(3) if bench.t90_s else 0.0  # its response: a delay within t90
    for m in bench.measured:
        at = {"stream": bench.olfactory, "line": m.line, "t": m.t}
        subject = f"{sid}@{m.t}"
        if m.latency_s is None:
            finding(evidence, msg("terminal.scent-release-nothing", sid=repr(bench.olfactory), rise=m.rise_ppm,
                                  floor=m.floor_ppm, **_command(m)),
                    file=name, **at, pointer="/intensity", rule="R1", actual=round(m.rise_ppm, 4),
                    expected="a release above the detector's noise")
            continue
        if judge("R1", msg("terminal.quantity-scent-latency"), subject, m.latency_s, "s", latency_limit, "max",
                 u_a=u_timing, u_b=u_detector, instrument=bench.t90_s is not None,
                 where={**at, "pointer": ""}) == "fail":
            finding(evidence, msg("terminal.scent-release-late", sid=repr(bench.olfactory), latency=m.latency_s,
                                  limit=latency_limit, **_command(m)),
                    file=name, **at, pointer="", rule="R1", actual=round(m.latency_s, 3),
                    expected=f"<= {latency_limit:g} s")
        assert m.released_s is not None  # measured with the latency
        error = abs(m.released_s - m.duration_s) / m.duration_s
        if judge("R2", msg("terminal.quantity-scent-duration-error"), subject, error, "1", duration_limit, "max",
                 u_a=math.sqrt(2) * u_timing / m.duration_s, where={**at, "pointer": "/duration_ns"}) == "fail":
            finding(evidence, msg("terminal.scent-release-duration", sid=repr(bench.olfactory),
                                  released=m.released_s, error=100 * error, limit=100 * duration_limit, **_command(m)),
                    file=name, **at, pointer="/duration_ns", rule="R2", actual=round(m.released_s, 3),
                    expected=f"{m.duration_s:g} s +- {100 * duration_limit:g} %")
    pairs = intensity_pairs(bench.measured)
    for low, high, ratio in pairs:
        at = {"stream": bench.olfactory, "line": high.line, "t": high.t}
        u = ratio * math.hypot(low.floor_ppm / low.rise_ppm, high.floor_ppm / high.rise_ppm)
        if judge("R3", msg("terminal.quantity-scent-intensity-ratio"), f"{sid}@{low.t}-{high.t}", ratio, "1",
                 ratio_limit, "min", u_a=u, where={**at, "pointer": "/intensity"}) == "fail":
            finding(evidence, msg("terminal.scent-release-intensity", sid=repr(bench.olfactory), scent=repr(high.scent),
                                  low=low.intensity, high=high.intensity, ratio=ratio, limit=ratio_limit),
                    file=name, **at, pointer="/intensity", rule="R3", actual=round(ratio, 3),
                    expected=f">= {ratio_limit:g}")
    if not pairs:
        evidence.unjudged(name, msg("terminal.scent-release-no-pairs", sid=repr(bench.olfactory)))
    evidence.note(msg("terminal.scent-release-measured", file=name, sid=repr(sid), model=bench.model,
                      olfactory=repr(bench.olfactory), count=len(bench.measured),
                      released=sum(m.latency_s is not None for m in bench.measured), pairs=len(pairs),
                      skipped=bench.skipped))
    judge.close()


@pytest.mark.requirement("TD-OLF-003")
def test_the_device_releases_the_scents_it_is_commanded(targets: Targets, evidence: Evidence, params: Parameters,
                                                        catalog: Catalog):
    """R1: each command released, beginning within max_scent_latency_s; R2: each release lasting its commanded
    duration within max_scent_duration_error; R3: of one scent and duration, a command at least twice as
    intense giving at least min_scent_intensity_ratio times the concentration. The declared, calibrated
    photoionization detector's trace is the ground truth; without one the requirement is inconclusive."""
    limits = (params.max_scent_latency_s, params.max_scent_duration_error, params.min_scent_intensity_ratio)
    decision = rule_of(catalog, "TD-OLF-003")
    for name, analysis, detector, bench in benches(targets["captures"], evidence, SENSOR, measure,
                                                   lambda s: s.release, _TEXTS):
        _commands_within(evidence, name, analysis, bench)
        _judge(evidence, Judge(evidence, "TD-OLF-003", decision, name), detector.id, bench, limits,
               "terminal.scent-release-uncovered")


@pytest.mark.requirement("TD-OLF-005")
def test_the_device_releases_the_scents_sent_through_the_interface(targets: Targets, evidence: Evidence,
                                                                   params: Parameters, catalog: Catalog):
    """TD-OLF-003's rules and limits, the commands being the scents the sender sent through the runtime test
    interface (test.applyScent) on the runtime's clock, logged in the bench record, not the device's record of
    what it received: R1's latency counts from the send. A log that is not the test schedule is not judged."""
    limits = (params.max_scent_latency_s, params.max_scent_duration_error, params.min_scent_intensity_ratio)
    decision = rule_of(catalog, "TD-OLF-005")
    # A log of the scents sent that is not the schedule is in scope and unjudged (its 不确定 line), as are
    # TD-OLF-003's reasons; a detector on no such log (scent-interface-not-sent) is TD-OLF-003's, a note.
    texts = BenchTexts("terminal.scent-release-unjudged", "terminal.scent-release-capped",
                       "terminal.scent-interface-none-judged", "terminal.no-scent-interface-detector",
                       _UNMEASURED | {"terminal.scent-interface-schedule-count",
                                      "terminal.scent-interface-schedule-command",
                                      "terminal.scent-interface-schedule-gap"}, bounded=True)
    for name, analysis, detector, bench in benches(targets["captures"], evidence, SENSOR, scent_interface.measure,
                                                   lambda s: s.release, texts):
        _commands_within(evidence, name, analysis, bench)
        # planned scents (the schedule admits no others) the record does not cover: unjudged (1.2)
        _judge(evidence, Judge(evidence, "TD-OLF-005", decision, name), detector.id, bench, limits,
               "terminal.scent-interface-skipped")
