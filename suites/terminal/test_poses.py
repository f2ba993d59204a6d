"""Poses in captures (OpenXR XrPosef, XrSpaceLocationFlags): unit quaternions, tracking
volume, eye-gaze flags, and the gaze against the fixation targets of a validation sequence."""

from typing import NamedTuple

import pytest

from conformance import Catalog, Evidence, Inconclusive, Parameters, Targets, msg, undeclared
from conformance.areas.terminal import gaze_interface, gaze_steps
from conformance.areas.terminal.gaze import LONGEST_TARGET_MS, measured_targets
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.poses import VOLUME_SPACES
from conformance.areas.terminal.series import record_positions
from conformance.areas.terminal.suite import analyses, check_rule, nothing_judged

POSED = ("pose", "eye_gaze", "hand", "body")


@pytest.mark.requirement("TD-POSE-001")
def test_orientations_are_unit_quaternions(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "norm", POSED, msg("terminal.what-orientations"), unparsed=True)


@pytest.mark.requirement("TD-POSE-002")
def test_positions_within_tracking_volume(targets: Targets, evidence: Evidence):
    # The tracking volume is a permission of the device descriptor (TD-POSE-002 is a MAY): a capture
    # without one has no volume to hold its positions to and is not applicable; no profile makes it a
    # duty (1.3: the parameter that did was an obligation added to a permission).
    captures = [(name, a) for name, a in analyses(targets["captures"]) if a.header_usable]
    without = [name for name, a in captures if a.volume is None]
    for name in without:
        undeclared(msg("terminal.tracking-volume"), mandatory=False,
                   evidence=evidence, every=len(without) == len(captures), file=name,
                   pointer="/device/system/tracking/volume")
    staged = [s for _, a in captures if a.volume is not None for s in a.streams_of(*POSED)
              if s.spec.get("space") in VOLUME_SPACES]
    if captures and not staged and not evidence.findings_count:
        undeclared(msg("terminal.stage-space-stream"), mandatory=False, evidence=evidence)
    record_positions(targets["captures"], evidence)  # the charts, passing or not
    check_rule(targets, evidence, "volume", POSED, msg("terminal.what-staged-positions"))


@pytest.mark.requirement("TD-GAZE-001")
def test_eye_gaze_tracked_bits_agree(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "gaze_flags", ("eye_gaze",), msg("terminal.what-gaze-frames"), unparsed=True)


@pytest.mark.requirement("TD-GAZE-002")
def test_eye_gaze_meets_the_fixation_targets_of_a_validation_sequence(targets: Targets, evidence: Evidence,
                                                                      params: Parameters, catalog: Catalog):
    """R1: on each fixation target the gaze's mean angular offset from it at most max_gaze_target_accuracy_deg,
    and the mean over a stream's targets at most max_gaze_accuracy_deg; R2: the root mean square of the angular
    distances between successive valid samples at most max_gaze_precision_deg. The declared targets are the
    ground truth; a target with too few valid samples is named and left unjudged. Each value is judged by the
    catalog's decision rule with its expanded uncertainty (measured.py)."""
    judged = streams = 0
    decision = rule_of(catalog, "TD-GAZE-002")
    limits = GazeLimits(params.max_gaze_target_accuracy_deg, params.max_gaze_accuracy_deg,
                        params.max_gaze_precision_deg)
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("eye_gaze"):
            streams += 1
            if stats.gaze is not None:  # recorded during a validation sequence
                judge = Judge(evidence, "TD-GAZE-002", decision, name)
                judged += _judge_targets(evidence, judge, stats, limits)
                judge.close()
    if judged or evidence.findings_count:
        return
    if not streams and all(a.header_usable for _, a in analyses(targets["captures"])):
        # the profile's own stream missing is a required input missing (3.23), not a product the case spares
        raise Inconclusive(msg("terminal.no-stream", type="eye_gaze"))
    nothing_judged(targets, evidence, msg("terminal.no-fixation-targets"))


class GazeLimits(NamedTuple):
    """TD-GAZE-002's limits, in degrees: on each target, on a stream's mean, of precision."""

    max_gaze_target_accuracy_deg: float
    max_gaze_accuracy_deg: float
    max_gaze_precision_deg: float


def _judge_targets(evidence: Evidence, judge: Judge, stats, limits: GazeLimits) -> int:
    """Judge one stream's targets; how many were measured. Type A: a target's accuracy is a mean of offsets
    (s / sqrt(n)), its precision an RMS of successive distances (delta method), the stream's accuracy a mean of
    the targets' (their own u combined: sqrt(sum u**2) / m); type B: the target apparatus's stated uncertainty
    of a target direction (fixation_targets.instrument), when stated in degrees."""
    name = judge.file
    sid, pointer = repr(stats.id), f"/streams/{stats.index}/fixation_targets"
    stated = instrument_of(stats.spec, "fixation_targets")
    if not stats.gaze.targets:
        evidence.unjudged(name, msg("terminal.gaze-targets-unusable", file=name, sid=sid))
        return 0
    declared = (stats.spec.get("fixation_targets") or {}).get("targets")
    usable = {target.index for target in stats.gaze.targets}
    for index in (i for i in range(len(declared) if isinstance(declared, list) else 0) if i not in usable):
        # a declared target the case cannot use is never looked at: unjudged, no pass (the 38th reading's c8)
        evidence.unjudged(name, msg("terminal.gaze-target-unusable", file=name, sid=sid, index=index,
                                    longest=LONGEST_TARGET_MS))
    accuracies, spreads = [], []
    for got in measured_targets(stats):
        said = {"sid": sid, "index": got.target.index}
        if got.accuracy_deg is None:
            evidence.unjudged(name, msg("terminal.gaze-target-unmeasured", file=name, **said, valid=got.valid,
                                        total=got.total, fewest=got.fewest))
            continue
        accuracies.append(got.accuracy_deg)
        spreads.append(got.accuracy_u)
        where = {"file": name, "stream": stats.id, **got.where, "pointer": f"{pointer}/targets/{got.target.index}"}
        subject, at = f"{stats.id}@target {got.target.index}", {k: v for k, v in where.items() if k != "file"}
        off = judge("R1", msg("terminal.quantity-target-accuracy"), subject, got.accuracy_deg, "deg", limits.max_gaze_target_accuracy_deg,
                    "max", u_a=got.accuracy_u, stated=stated, where=at)
        noisy = judge("R2", msg("terminal.quantity-precision-s2s"), subject, got.rms_s2s_deg, "deg", limits.max_gaze_precision_deg,
                      "max", u_a=got.rms_s2s_u, where=at)
        if off == "fail":
            finding(evidence, msg("terminal.gaze-target-off", **said, accuracy=got.accuracy_deg, valid=got.valid,
                                  limit=limits.max_gaze_target_accuracy_deg),
                    **where, rule="R1", actual=round(got.accuracy_deg, 3),
                    expected=f"<= {limits.max_gaze_target_accuracy_deg:g} deg")
        if noisy == "fail":
            finding(evidence, msg("terminal.gaze-imprecise", **said, rms=got.rms_s2s_deg, pairs=got.pairs,
                                  std=got.std_deg, limit=limits.max_gaze_precision_deg),
                    **where, rule="R2", actual=round(got.rms_s2s_deg, 3),
                    expected=f"<= {limits.max_gaze_precision_deg:g} deg")
        if off == noisy == "pass":
            evidence.note(msg("terminal.gaze-measured", file=name, **said, accuracy=got.accuracy_deg,
                              rms=got.rms_s2s_deg, std=got.std_deg, valid=got.valid, total=got.total))
    mean = sum(accuracies) / len(accuracies) if accuracies else 0.0
    u_of_mean = sum(u * u for u in spreads) ** 0.5 / len(spreads) if spreads else 0.0
    if accuracies and judge("R1", msg("terminal.quantity-mean-accuracy"), stats.id, mean, "deg", limits.max_gaze_accuracy_deg, "max",
                            u_a=u_of_mean, stated=stated, where={"stream": stats.id, "line": 1,
                                                                  "pointer": pointer}) == "fail":
        finding(evidence, msg("terminal.gaze-off-on-average", sid=sid, count=len(accuracies), accuracy=mean,
                              limit=limits.max_gaze_accuracy_deg),
                file=name, stream=stats.id, line=1, pointer=pointer, rule="R1", actual=round(mean, 3),
                expected=f"<= {limits.max_gaze_accuracy_deg:g} deg")
    return len(accuracies)


@pytest.mark.requirement("TD-GAZE-003")
def test_eye_gaze_follows_an_artificial_eye_a_stage_steps(targets: Targets, evidence: Evidence, params: Parameters,
                                                          catalog: Catalog):
    """R1: the eye tracker's mean latency behind the steps of an artificial eye (each step's half-way crossing less
    the stage's encoder time) at most max_gaze_latency_ms, and every jump followed before the next step; R2: the
    frames it delivers between the first and last crossing over the stage's time between those steps within
    rate_tolerance of the declared rate. The declared steps are the ground truth (gaze_steps.py)."""
    judged = 0
    decision = rule_of(catalog, "TD-GAZE-003")
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("eye_gaze"):
            if stats.gaze_steps is None:
                continue
            got = gaze_steps.measure(stats, params.min_gaze_steps)
            if not isinstance(got, gaze_steps.Measured):
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=got))
                continue
            judged += 1
            judge = Judge(evidence, "TD-GAZE-003", decision, name)
            _judge_steps(evidence, judge, stats, got, (params.max_gaze_latency_ms, params.rate_tolerance))
            judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-gaze-steps"))


def _judge_steps(evidence: Evidence, judge: Judge, stats, got, limits: tuple[float, float]) -> None:
    """Type A: the latency is a mean over the jumps (s / sqrt(n); the steps staggered over a sample period make
    where a step falls between samples part of that scatter), the rate's from the crossings' scatter; type B: the
    stage's stated uncertainty of a step's time, for the latency."""
    name, sid = judge.file, repr(stats.id)
    limit, tolerance = limits
    pointer = f"/streams/{stats.index}/reference_eye"
    where = {"file": name, "stream": stats.id, "line": 1, "pointer": pointer}
    at = {"stream": stats.id, "line": 1, "pointer": pointer}
    for jump in got.jumps:
        if jump.missed:
            finding(evidence, msg("terminal.gaze-step-missed", sid=sid, index=jump.index, angle=jump.angle_deg),
                    **{**where, "pointer": f"{pointer}/steps/{jump.index}"}, rule="R1", actual=None,
                    expected="a crossing before the next step")
        elif jump.unjudged is not None:  # named, not failed: too few valid samples, or a crossing no pair shows
            if jump.unjudged == gaze_steps.SPARSE:
                evidence.note(msg("terminal.gaze-step-sparse", sid=sid, index=jump.index, angle=jump.angle_deg,
                                  expected=jump.window_samples))
            else:
                evidence.note(msg("terminal.gaze-step-unseen", sid=sid, index=jump.index, angle=jump.angle_deg))
    if got.followed and judge("R1", msg("terminal.quantity-gaze-latency"), stats.id, got.latency_ms, "ms", limit,
                              "max", u_a=got.latency_u, stated=instrument_of(stats.spec, "reference_eye"),
                              where=at) == "fail":
        finding(evidence, msg("terminal.gaze-steps-late", sid=sid, value=got.latency_ms, count=got.followed,
                              limit=limit), **where, rule="R1", actual=round(got.latency_ms, 2),
                expected=f"<= {limit:g} ms")
    if got.rate_hz is not None and stats.rate_hz:
        off = abs(got.rate_hz / stats.rate_hz - 1.0)
        if judge("R2", msg("terminal.quantity-gaze-rate-deviation"), stats.id, off, "1", tolerance, "max",
                 u_a=got.rate_u / stats.rate_hz, where=at) == "fail":
            finding(evidence, msg("terminal.gaze-steps-rate", sid=sid, rate=got.rate_hz, declared=stats.rate_hz,
                                  share=off, limit=tolerance), **where, rule="R2", actual=round(got.rate_hz, 3),
                    expected=f"{stats.rate_hz:g} Hz within {tolerance:.0%}")
    evidence.note(msg("terminal.gaze-steps-measured", file=name, sid=sid, latency=got.latency_ms,
                      count=got.followed, rate=got.rate_hz or 0.0, declared=stats.rate_hz or 0.0))


@pytest.mark.requirement("TD-GAZE-006")
def test_the_gaze_read_through_the_interface_follows_the_artificial_eye(targets: Targets, evidence: Evidence,
                                                                         params: Parameters, catalog: Catalog):
    """R1: once each step settled, the mean angle between what xrLocateSpace answered (logged on XrTime, declaring
    read_through) and the stage's eye at most max_gaze_accuracy_deg; R2: each answer's time after the previous
    one's; R3: no valid answer in a step's transition further than TRANSITION_DEG from both ends."""
    judged, limit = 0, params.max_gaze_accuracy_deg
    decision = rule_of(catalog, "TD-GAZE-006")
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("eye_gaze"):
            got = gaze_interface.measure(stats)
            if got is None:
                continue
            if not isinstance(got, gaze_interface.Reads):  # past the reading bound: the stream is not judged
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=got))
                continue
            judged += 1
            judge = Judge(evidence, "TD-GAZE-006", decision, name)
            sid, pointer = repr(stats.id), f"/streams/{stats.index}/reference_eye"
            stage = instrument_of(stats.spec, "reference_eye")
            for step in got.settled:
                at = {"stream": stats.id, "t": step.t, "pointer": f"{pointer}/steps/{step.index}"}
                if judge("R1", msg("terminal.quantity-gaze-read-error"), f"{stats.id}@{step.t}", step.error_deg,
                         "deg", limit, "max", u_a=step.error_u, stated=stage, where=at) == "fail":
                    finding(evidence, msg("terminal.gaze-read-error", sid=sid, t=step.t, error=step.error_deg,
                                          count=step.answers, limit=limit),
                            file=name, **at, rule="R1", actual=round(step.error_deg, 3), expected=f"<= {limit:g} deg")
            at = {"stream": stats.id, "pointer": "/t"}
            if judge("R2", msg("terminal.quantity-interface-stale"), stats.id, len(got.stale), "1", 0, "max",
                     where=at) == "fail":
                t, before = got.stale[0]
                finding(evidence, msg("terminal.gaze-read-stale", sid=sid, count=len(got.stale), answers=got.answers,
                                      t=t, before=before), file=name, **at, t=t, rule="R2", actual=t,
                        expected=f"> {before}")
            at = {"stream": stats.id, "pointer": "/pose/orientation"}
            if judge("R3", msg("terminal.quantity-gaze-read-astray"), stats.id, len(got.astray), "1", 0, "max",
                     where=at) == "fail":
                first, bound = got.astray[0], gaze_interface.TRANSITION_DEG
                finding(evidence, msg("terminal.gaze-read-astray", sid=sid, count=len(got.astray), t=first.t,
                                      before=first.before_deg, after=first.after_deg, limit=bound),
                        file=name, **at, t=first.t, rule="R3", actual=len(got.astray), expected="0")
            evidence.note(msg("terminal.gaze-read-measured", file=name, sid=sid, steps=len(got.settled),
                              answers=got.answers))
            if not got.settled:  # R1 never judged for this stream: the run cannot pass (as TD-RUN-006's never-valid)
                evidence.unjudged(name, msg("terminal.gaze-read-unsettled", file=name, sid=sid,
                                            fewest=gaze_interface.MIN_SETTLED))
            judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-gaze-read"))
