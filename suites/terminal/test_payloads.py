"""Face, haptic, olfactory, motion-platform and body frames; body tracking against a reference motion capture; a
motion platform's acceleration and jerk, its response to the motion it was commanded, and the corners of its rated
envelope reached on a test bench."""

import pytest

from conformance import Catalog, Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import ONE_READING, Declared, declared
from conformance.areas.terminal import face_accuracy
from conformance.areas.terminal.body_accuracy import PCK_MM, Measured, measure, pairs
from conformance.areas.terminal.measured import Judge, judge_comfort, rule_of, type_b
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.payloads import displacement_only, measured_by_instrument, underived
from conformance.areas.terminal.platform_corners import MIN_CYCLES, QUANTITY_KEYS, corners_of, unjudged_corner
from conformance.areas.terminal.platform_response import (
    LATENCY_MAX_FREQUENCY_HZ,
    U_DELAY_MS,
    commanded_of,
    record_unusable_command,
)
from conformance.areas.terminal.shifts import U_SHIFT_MS
from conformance.areas.terminal.suite import analyses, check_rule, note_capped, nothing_judged, record, unparsed_frames


@pytest.mark.requirement("TD-FACE-001")
def test_face_weight_count_matches_set(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "face_count", ("face",), msg("terminal.what-face-frames"),
               unparsed=True)


@pytest.mark.requirement("TD-FACE-002")
def test_face_weights_in_range(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "face_weights", ("face",), msg("terminal.what-face-frames"), unparsed=True)


@pytest.mark.requirement("TD-FACE-003")
def test_face_weights_zero_when_not_valid(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "face_invalid", ("face",), msg("terminal.what-face-frames"))


@pytest.mark.requirement("TD-FACE-004")
def test_face_tracking_follows_a_reference_facial_capture(targets: Targets, evidence: Evidence, params: Parameters,
                                                         catalog: Catalog):
    """R1: each performed expression's mean absolute weight error against the reference, while the reference
    makes it, at most max_face_weight_error; R2: each expression's mean weight while the reference is at rest at
    most max_face_rest_weight; R3: the tracking latency at most max_face_latency_ms late and max_face_lead_ms
    early. The reference stream, from the declared reference system on the same clock during the test's
    expression sequence, is the ground truth; the errors are taken at the latency (face_accuracy.py)."""
    fewest, judged = params.min_face_reference_frames, 0
    limits = (params.max_face_weight_error, params.max_face_rest_weight, params.max_face_latency_ms,
              params.max_face_lead_ms)
    decision = rule_of(catalog, "TD-FACE-004")
    for name, analysis in analyses(targets["captures"]):
        for reference, tracked in face_accuracy.pairs(analysis):
            if tracked is None:
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
                    "terminal.face-no-tracked", ref=repr(reference.id), target=repr(reference.spec["annotates"]))))
                continue
            got = face_accuracy.measure(tracked, reference, fewest)
            note_capped(evidence, name, (tracked, tracked.face_track), (reference, reference.face_track))
            if not isinstance(got, face_accuracy.Measured):
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=got))
                continue
            judged += 1
            judge = Judge(evidence, "TD-FACE-004", decision, name)
            _judge_face(evidence, judge, tracked.id, reference.id, got, limits)
            _judge_rate(evidence, judge, "R4", tracked, got.rate_hz, got.rate_u, params.rate_tolerance)
            judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-face-reference"))


def _judge_face(evidence: Evidence, judge: Judge, sid: str, ref: str, got: face_accuracy.Measured,
                limits: tuple[float, float, float, float]) -> None:
    """R1-R3 against ``limits`` (weight error, rest weight, ms late, ms early). Type A alone: each value is a
    mean over frames (s / sqrt(n)), the latency a shift on a 1 ms grid; a reference system states its
    uncertainty in its own units (markers in mm), not in weights, so no type B."""
    error_limit, rest_limit, late, early = limits
    where = {"file": judge.file, "stream": sid}
    for k, value in got.error.items():
        if judge("R1", msg("terminal.quantity-face-error"), f"{sid}@{k}", value, "1", error_limit, "max",
                 u_a=got.error_u.get(k, 0.0), where={"stream": sid, "pointer": f"/weights/{k}"}) == "fail":
            finding(evidence, msg("terminal.face-expression-off", sid=repr(sid), index=k, value=value,
                                  frames=got.error_n.get(k, 0), latency=got.latency_ms, limit=error_limit),
                    **where, pointer=f"/weights/{k}", rule="R1", actual=round(value, 4), expected=f"<= {error_limit:g}")
    for k, value in got.rest.items():
        if judge("R2", msg("terminal.quantity-face-rest"), f"{sid}@{k}", value, "1", rest_limit, "max",
                 u_a=got.rest_u.get(k, 0.0), where={"stream": sid, "pointer": f"/weights/{k}"}) == "fail":
            finding(evidence, msg("terminal.face-expression-at-rest", sid=repr(sid), index=k, value=value,
                                  rest=face_accuracy.AT_REST, frames=got.rest_n.get(k, 0), limit=rest_limit),
                    **where, pointer=f"/weights/{k}", rule="R2", actual=round(value, 4), expected=f"<= {rest_limit:g}")
    lagging = got.latency_ms >= 0
    quantity, value, limit = (("terminal.quantity-face-late", got.latency_ms, late) if lagging
                              else ("terminal.quantity-face-early", -got.latency_ms, early))
    if judge("R3", msg(quantity), sid, value, "ms", limit, "max", u_a=U_SHIFT_MS, where={"stream": sid}) == "fail":
        key = "terminal.face-latency-beyond" if got.at_edge else "terminal.face-latency"
        finding(evidence, msg(key, sid=repr(sid), value=got.latency_ms, count=got.frames, late=late, early=early),
                **where, rule="R3", actual=got.latency_ms, expected=f"from -{early:g} to {late:g} ms")
    worst = max(got.error, key=got.error.__getitem__) if got.error else 0
    evidence.note(msg("terminal.face-accuracy-measured", file=judge.file, sid=repr(sid), ref=repr(ref),
                      performed=len(got.error), worst=got.error.get(worst, 0.0), index=worst,
                      rest=max(got.rest.values(), default=0.0), latency=got.latency_ms, count=got.frames))


@pytest.mark.requirement("TD-HAPT-001")
def test_haptic_vibrations_in_range(targets: Targets, evidence: Evidence):
    """A haptic frame that is there but does not parse (a member missing or of the wrong type) is the product's
    fail (the thirty-fifth reading's a2), as TD-CAP-001 finds it: its finding, kept by the reader with the haptic
    stream it names, is this case's too; the frames that parse are judged on their ranges."""
    for name, analysis in analyses(targets["captures"]):
        evidence.findings_from(unparsed_frames(analysis, "haptic", None), file=name)  # TD-HAPT-001 defines no rules
    check_rule(targets, evidence, "haptic", ("haptic",), msg("terminal.what-haptic-frames"))


@pytest.mark.requirement("TD-HAPT-002")
def test_haptic_vibrations_within_the_offer(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "haptic_offer", ("haptic",), msg("terminal.what-haptic-frames"))


@pytest.mark.requirement("TD-OLF-001")
def test_olfactory_output_in_range(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "olfactory", ("olfactory",), msg("terminal.what-olfactory-frames"),
               unparsed=True)


@pytest.mark.requirement("TD-OLF-002")
def test_olfactory_output_within_the_offer(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "olfactory_offer", ("olfactory",), msg("terminal.what-olfactory-frames"))


@pytest.mark.requirement("TD-MPLAT-001")
def test_motion_platform_within_its_rated_envelope(targets: Targets, evidence: Evidence, catalog: Catalog):
    """R1: the measured displacement, R2: the measured velocity (derived from the displacement for an
    instrument that measures displacement only) within the rated envelope of the device's offer. Only
    frames a declared, calibrated instrument on the moving base measured are judged; the platform's own
    reports are not, and without such frames the requirement is inconclusive, naming the precondition. Each
    frame beyond the envelope is a finding; each axis's largest measured magnitude is judged once more by the
    catalog's decision rule with its expanded uncertainty (measured.py), so one within the envelope but within
    the guard band does not pass."""
    judged = 0
    decision = rule_of(catalog, "TD-MPLAT-001")
    for name, analysis in analyses(targets["captures"]):
        record(evidence, name, analysis.log("motion_platform"))
        judge = Judge(evidence, "TD-MPLAT-001", decision, name)
        for stats in analysis.streams_of("motion_platform"):
            if not measured_by_instrument(stats.spec):
                evidence.note(msg("terminal.platform-unmeasured", file=name, sid=repr(stats.id)))
                continue
            state = stats.platform
            velocity = state is not None and (state.derived > 0 or not displacement_only(stats.spec))
            if state is not None and not velocity:  # R2 unjudged: the run cannot pass; R1 is judged below
                evidence.unjudged(name, underived(name, stats))
            elif state is not None and displacement_only(stats.spec):
                evidence.note(msg("terminal.platform-derived", file=name, sid=repr(stats.id), count=state.derived,
                                  skipped=state.underived))
            judged += stats.checked.get("motion_platform", 0) > 0
            if state is not None:
                _judge_peaks(judge, stats, state, velocity)
        judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-measured-platform"))
    elif not evidence.findings_count:
        evidence.note(msg("terminal.platform-within-envelope", streams=judged))


def _judge_peaks(judge: Judge, stats, state, velocity: bool) -> None:
    """A peak is one reading: no type A (ONE_READING); type B the instrument's stated uncertainty of one
    reading (measured_by.uncertainty) in the axis's unit (m, rad; m/s, rad/s). A velocity derived from two
    displacements 1 / rate apart carries sqrt(2) u(x) * rate; none derived (``velocity`` false), R2 is not
    judged, R1 still is. A frame beyond the envelope has its finding already (the frame check); only the
    guard band adds one here."""
    stated = declared(stats.spec.get("measured_by"))
    derived = displacement_only(stats.spec)
    for (member, axis), (bound, peak) in state.peaks.items():
        if not peak.count or peak.where is None or (member == "velocity" and not velocity):
            continue
        unit = ("m" if axis in ("surge", "sway", "heave") else "rad") + ("/s" if member == "velocity" else "")
        if member == "velocity" and derived:
            u_x, known = type_b(stated, 0.0, unit.removesuffix("/s"))
            u_b = 2 ** 0.5 * u_x * (stats.rate_hz or 0.0)
        else:
            u_b, known = type_b(stated, peak.value, unit)
        judge("R1" if member == "displacement" else "R2", msg("terminal.quantity-peak", member=msg(QUANTITY_KEYS[member]), axis=axis), stats.id, peak.value, unit,
              bound, "max", u_a=ONE_READING, u_b=u_b, instrument=known, b_from=stated,
              where={"stream": stats.id, **peak.where})


@pytest.mark.requirement("TD-BODY-001")
def test_body_uses_vrm_humanoid_bones(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "body", ("body",), msg("terminal.what-body-frames"), unparsed=True)


@pytest.mark.requirement("TD-BODY-002")
def test_body_carries_the_required_bones(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "body_required", ("body",), msg("terminal.what-body-frames"))


@pytest.mark.requirement("TD-BODY-003")
def test_body_tracking_follows_a_reference_motion_capture(targets: Targets, evidence: Evidence, params: Parameters,
                                                          catalog: Catalog):
    """R1: each bone's mean root-relative position error against the reference at most max_bone_position_error_mm;
    R2: the mean per joint position error over all bones at most max_mpjpe_mm; R3: the tracking latency (the shift
    of the reference that best aligns it) at most max_tracking_latency_ms either way; R4: each bone's mean angle from
    the reference's orientation, both relative to the root, at most max_bone_orientation_error_deg. The reference stream, from the
    declared reference system on the same clock, is the ground truth; the errors are taken at the latency. Each
    value is judged by the catalog's decision rule with its expanded uncertainty (measured.py)."""
    fewest, judged = params.min_reference_frames, 0
    decision = rule_of(catalog, "TD-BODY-003")
    bone_limit, mpjpe_limit = params.max_bone_position_error_mm, params.max_mpjpe_mm
    latency_limit = params.max_tracking_latency_ms
    for name, analysis in analyses(targets["captures"]):
        for reference, tracked in pairs(analysis):
            if tracked is None:
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
                    "terminal.body-no-tracked", ref=repr(reference.id), target=repr(reference.spec["annotates"]))))
                continue
            got = measure(tracked, reference, fewest)
            note_capped(evidence, name, (tracked, tracked.body_track), (reference, reference.body_track))
            if not isinstance(got, Measured):
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=got))
                continue
            judged += 1
            judge = Judge(evidence, "TD-BODY-003", decision, name)
            _judge_body(evidence, judge, tracked.id, reference.id, got,
                        (bone_limit, mpjpe_limit, latency_limit, params.max_bone_orientation_error_deg),
                        declared(reference.spec.get("reference_system")))
            _judge_rate(evidence, judge, "R5", tracked, got.rate_hz, got.rate_u, params.rate_tolerance)
            judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-body-reference"))


def _judge_body(evidence: Evidence, judge: Judge, sid, ref, got, limits, stated: Declared | None) -> None:
    """Type A: each bone's error and the MPJPE are means over the frames (s / sqrt(n), body_accuracy.py), the
    latency a shift found on a 1 ms grid (shifts.U_SHIFT_MS); type B: the reference system's stated uncertainty
    of one position, when stated (a root-relative position is two readings of it, hence sqrt(2))."""
    bone_limit, mpjpe_limit, latency_limit, turn_limit = limits
    name = judge.file
    where, said = {"file": name, "stream": sid}, {"sid": repr(sid), "count": got.frames, "latency": got.latency_ms}
    u_b, known = type_b(stated, 0.0, "mm")
    b = {"u_b": 2 ** 0.5 * u_b, "instrument": known, "b_from": stated}
    for bone, value in got.per_bone_mm.items():
        if judge("R1", msg("terminal.quantity-bone-error"), f"{sid}@{bone}", value, "mm", bone_limit, "max",
                 u_a=got.per_bone_u.get(bone, 0.0), **b, where={"stream": sid, "pointer": f"/bones/{bone}"}) == "fail":
            finding(evidence, msg("terminal.body-bone-off", **said, bone=bone, value=value, limit=bone_limit),
                    **where, pointer=f"/bones/{bone}", rule="R1", actual=round(value, 2),
                    expected=f"<= {bone_limit:g} mm")
    if judge("R2", msg("terminal.quantity-mpjpe"), sid, got.mpjpe_mm, "mm", mpjpe_limit, "max", u_a=got.mpjpe_u, **b,
             where={"stream": sid}) == "fail":
        finding(evidence, msg("terminal.body-mpjpe-over", **said, value=got.mpjpe_mm, bones=len(got.per_bone_mm),
                              limit=mpjpe_limit),
                **where, rule="R2", actual=round(got.mpjpe_mm, 2), expected=f"<= {mpjpe_limit:g} mm")
    for bone, value in got.per_bone_deg.items():  # R4: type A alone (the reference states millimetres, not degrees)
        if judge("R4", msg("terminal.quantity-bone-orientation-error"), f"{sid}@{bone}", value, "deg", turn_limit,
                 "max", u_a=got.per_bone_deg_u.get(bone, 0.0),
                 where={"stream": sid, "pointer": f"/bones/{bone}/orientation"}) == "fail":
            finding(evidence, msg("terminal.body-bone-turned", **said, bone=bone, value=value, limit=turn_limit),
                    **where, pointer=f"/bones/{bone}/orientation", rule="R4", actual=round(value, 2),
                    expected=f"<= {turn_limit:g} deg")
    if judge("R3", msg("terminal.quantity-tracking-latency"), sid, abs(got.latency_ms), "ms", latency_limit, "max", u_a=U_SHIFT_MS,
             where={"stream": sid}) == "fail":
        key = "terminal.body-latency-beyond" if got.at_edge else "terminal.body-latency"
        finding(evidence, msg(key, sid=repr(sid), value=got.latency_ms, count=got.frames, limit=latency_limit),
                **where, rule="R3", actual=got.latency_ms, expected=f"within {latency_limit:g} ms either way")
    worst = max(got.per_bone_mm, key=got.per_bone_mm.__getitem__)
    evidence.note(msg("terminal.body-accuracy-measured", file=name, sid=repr(sid), ref=repr(ref), mpjpe=got.mpjpe_mm,
                      bone=worst, worst=got.per_bone_mm[worst], pck=got.pck, within=PCK_MM, latency=got.latency_ms,
                      count=got.frames))


def _judge_rate(evidence: Evidence, judge: Judge, rule: str, tracked, rate_hz: float | None, rate_u: float,
                tolerance: float) -> None:
    """TD-BODY-003 R5 (1.3) and TD-FACE-004 R4 (1.1): the device's frames counted on the reference's clock
    (body_accuracy and face_accuracy ``_rate_on_reference_clock``), judged as their relative deviation from the
    declared rate_hz; type A alone (each end's latency to the search's grid). No declared rate: nothing to hold the
    stream to, the rule is not judged, named. A declared rate with no latency on a third of the frames is a
    declared rule the check could not judge, so the stream is unjudged (TD-BODY-003 1.4, TD-FACE-004 1.3: a rule
    never judged cannot pass)."""
    sid, declared_hz = tracked.id, tracked.spec.get("rate_hz")
    if not isinstance(declared_hz, int | float) or isinstance(declared_hz, bool) or declared_hz <= 0:
        evidence.note(msg("terminal.reference-rate-unjudged", sid=repr(sid)))
        return
    if rate_hz is None:
        evidence.unjudged(judge.file, msg("terminal.reference-rate-unmeasured", sid=repr(sid), declared=declared_hz))
        return
    off = abs(rate_hz / declared_hz - 1) * 100
    if judge(rule, msg("terminal.quantity-reference-clock-rate"), sid, off, "%", tolerance * 100, "max",
             u_a=rate_u / declared_hz * 100, where={"stream": sid}) == "fail":
        finding(evidence, msg("terminal.reference-rate-off", sid=repr(sid), rate=rate_hz, declared=declared_hz,
                              off=off, limit=tolerance * 100),
                file=judge.file, stream=sid, pointer="/rate_hz", rule=rule, actual=round(rate_hz, 2),
                expected=f"within {tolerance * 100:g} % of {declared_hz:g} Hz")


@pytest.mark.requirement("TD-MPLAT-002")
def test_motion_platform_acceleration_and_jerk_are_bounded(targets: Targets, evidence: Evidence, params: Parameters,
                                                          catalog: Catalog):
    """The frames' velocities are the moving base's motion as a declared, calibrated instrument measured it
    (measured_by); a stream that declares none is not judged (a precondition of the test method, not a fail).
    Each stream's largest acceleration and jerk are also reported by the catalog's decision rule with their
    expanded uncertainty (measured.py; a value beyond its limit has its finding here already)."""
    acceleration_limit, jerk_limit = params.max_platform_acceleration_m_s2, params.max_platform_jerk_m_s3
    judged = 0
    decision = rule_of(catalog, "TD-MPLAT-002")
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-MPLAT-002", decision, name)
        for stats in analysis.streams_of("motion_platform"):
            state = stats.platform
            if displacement_only(stats.spec):  # third differences of positions: the instrument's noise, not motion
                evidence.note(msg("terminal.platform-positions-only", file=name, sid=repr(stats.id)))
                continue
            if state is None or not state.jerk.count:
                continue
            if not measured_by_instrument(stats.spec):
                evidence.note(msg("terminal.platform-unmeasured", file=name, sid=repr(stats.id)))
                continue
            judged += 1
            before = evidence.findings_count
            for extreme, limit, key in ((state.acceleration, acceleration_limit, "terminal.platform-acceleration"),
                                        (state.jerk, jerk_limit, "terminal.platform-jerk")):
                if extreme.value > limit and extreme.where is not None:
                    finding(evidence, msg(key, sid=repr(stats.id), value=extreme.value, limit=limit),
                                      file=name, **{**extreme.where, "expected": f"<= {limit:g}"})
            judge_comfort(judge, stats, state, acceleration_limit, jerk_limit)
            if evidence.findings_count == before:
                evidence.note(msg("terminal.platform-smooth", file=name, sid=repr(stats.id),
                                  acceleration=state.acceleration.value, jerk=state.jerk.value,
                                  count=state.acceleration.count + 1))
        judge.close()
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-platform"))


@pytest.mark.requirement("TD-MPLAT-003")
def test_motion_platform_follows_its_commanded_motion(targets: Targets, evidence: Evidence, params: Parameters,
                                                      catalog: Catalog):
    """R1: latency behind the command at most 100 ms; R2: tracking error at most 10 % of the commanded
    motion's root mean square. The commanded motion the capture declares is the ground truth; the
    frames carry the achieved displacement. Each value is judged by the catalog's decision rule with its
    expanded uncertainty (measured.py): the latency's type A its 1 ms search grid (U_DELAY_MS); the error
    ratio's from the instrument, whose stated uncertainty of one displacement reading, against the commanded
    motion's RMS (amplitude / sqrt(2)), is the share of the residual it can account for (the running sums keep no
    per-sample residuals for a type A of their own)."""
    fewest, latency_limit = params.min_reference_samples, params.max_platform_latency_ms
    error_limit = params.max_platform_tracking_error_ratio
    judged = 0
    decision = rule_of(catalog, "TD-MPLAT-003")
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-MPLAT-003", decision, name)
        for stats in analysis.streams_of("motion_platform"):
            stated = declared(stats.spec.get("measured_by"))
            command = commanded_of(stats.spec)
            sums = stats.response
            if command is None or sums is None:
                record_unusable_command(evidence, name, stats)
                continue
            if sums.count < fewest:  # a declared stream not judged: the run cannot pass (as TD-PERF-002's)
                evidence.unjudged(name, msg("terminal.bench-too-few", file=name, sid=repr(stats.id),
                                            count=sums.count, fewest=fewest))
                continue
            timed = {axis: wave for axis, wave in command[1].items() if wave.frequency_hz <= LATENCY_MAX_FREQUENCY_HZ}
            for axis in sorted(set(command[1]) - set(timed)):  # a velocity bound's bench (TD-MPLAT-004)
                evidence.note(msg("terminal.bench-axis-fast", file=name, sid=repr(stats.id), axis=axis,
                                  frequency=command[1][axis].frequency_hz, most=LATENCY_MAX_FREQUENCY_HZ))
            judged += bool(timed)
            for axis, wave in timed.items():
                latency, error = sums.response(axis, wave)
                where = {"file": name, "stream": stats.id, "line": 1, "pointer": f"/commanded_motion/axes/{axis}"}
                at, subject = {k: v for k, v in where.items() if k != "file"}, f"{stats.id}@{axis}"
                # the instrument's stated uncertainty: a share of each reading is that share of the ratio; one in
                # length or angle, against the commanded RMS (amplitude / sqrt(2))
                rms_command = abs(wave.amplitude) / 2 ** 0.5
                u_x, known = type_b(stated, rms_command, "m" if axis in ("surge", "sway", "heave") else "rad")
                if judge("R1", msg("terminal.quantity-platform-latency"), subject, latency, "ms", latency_limit, "max", u_a=U_DELAY_MS,
                         where=at) == "fail":
                    finding(evidence, msg("terminal.bench-late", sid=repr(stats.id), axis=axis, latency=latency,
                                          limit=latency_limit, count=sums.count),
                            **where, rule="R1", actual=latency, expected=f"<= {latency_limit:g} ms")
                if judge("R2", msg("terminal.quantity-tracking-error-ratio"), subject, error, "1", error_limit, "max",
                         u_b=u_x / rms_command if rms_command > 0 else 0.0, instrument=known, where=at) == "fail":
                    finding(evidence, msg("terminal.bench-off", sid=repr(stats.id), axis=axis, error=100 * error,
                                          limit=100 * error_limit, latency=latency, count=sums.count),
                            **where, rule="R2", actual=round(error, 4), expected=f"<= {error_limit:g}")
                evidence.note(msg("terminal.bench-measured", file=name, sid=repr(stats.id), axis=axis,
                                  latency=latency, error=100 * error, count=sums.count))
        judge.close()
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-bench", fewest=fewest))


@pytest.mark.requirement("TD-MPLAT-004")
def test_motion_platform_reaches_the_corners_of_its_rated_envelope(targets: Targets, evidence: Evidence,
                                                                   params: Parameters, catalog: Catalog):
    """R1: the displacement, R2: the velocity the platform reaches in a typical commanded cycle, at most
    max_platform_corner_shortfall_ratio short of the rating, on each axis the bench commands to the rating.
    A corner the bench leaves uncommanded (or measures over too few cycles) is named and not judged: the set of
    rated corners is then not shown whole, and a passing verdict is inconclusive. Each shortfall is judged by the
    catalog's decision rule with its expanded uncertainty (measured.py): type A that of the median peak over the
    cycles (u_median) over the rating; type B the instrument's stated uncertainty of one reading over the rating."""
    limit = params.max_platform_corner_shortfall_ratio
    decision = rule_of(catalog, "TD-MPLAT-004")
    judged: set[tuple[str, str]] = set()
    unmet: dict[tuple[str, str], tuple[str, str]] = {}
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-MPLAT-004", decision, name)
        for stats in analysis.streams_of("motion_platform"):
            stated = declared(stats.spec.get("measured_by"))
            record_unusable_command(evidence, name, stats)  # no corner then: corners_of gives none
            for corner in corners_of(stats.spec, stats.offer, stats.corners):
                key = (corner.axis, corner.quantity)
                if not corner.commands_the_corner or corner.reached is None:
                    unmet.setdefault(key, (name, unjudged_corner(name, stats.id, corner)))
                    continue
                judged.add(key)
                quantity = msg(QUANTITY_KEYS[corner.quantity])
                short = corner.shortfall()
                unit = ("m" if corner.axis in ("surge", "sway", "heave") else "rad") \
                    + ("/s" if corner.quantity == "velocity" else "")
                u_b, known = type_b(stated, corner.reached, unit)
                if judge(corner.rule, msg("terminal.quantity-shortfall", quantity=quantity), f"{stats.id}@{corner.axis}", short, "1", limit,
                         "max", u_a=corner.reached_u / corner.rated, u_b=u_b / corner.rated, instrument=known,
                         where={"stream": stats.id, "line": 1,
                                "pointer": f"/commanded_motion/axes/{corner.axis}"}) == "fail":
                    finding(evidence, msg("terminal.corner-short", sid=repr(stats.id), axis=corner.axis,
                                          quantity=quantity, reached=corner.reached, cycles=corner.cycles,
                                          short=100 * short, rated=corner.rated, limit=100 * limit),
                            file=name, stream=stats.id, line=1, pointer=f"/commanded_motion/axes/{corner.axis}",
                            rule=corner.rule, actual=round(corner.reached, 6),
                            expected=f">= {corner.rated * (1 - limit):g}")
                else:
                    evidence.note(msg("terminal.corner-reached", file=name, sid=repr(stats.id), axis=corner.axis,
                                      quantity=quantity, reached=corner.reached, rated=corner.rated,
                                      cycles=corner.cycles))
        judge.close()
    if not judged and not evidence.findings_count:
        for _, why in unmet.values():
            evidence.note(why)
        if not unmet:
            raise Inconclusive(msg("terminal.no-corner-bench"))
        first = next(iter(unmet.values()))[1]
        raise Inconclusive(msg("terminal.corners-unjudged", count=len(unmet), fewest=MIN_CYCLES, reason=first))
    for key, (name, why) in unmet.items():
        if key not in judged:  # another stream of the run may have reached it
            evidence.unjudged(name, why)
