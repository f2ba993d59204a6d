"""Spatial audio: ambisonic scenes after AmbiX, positioned sound objects, the audio clock, and the
binaural rendering of test sources measured at the ears, on a fixed listener and while the head turns."""

import math

import pytest

from conformance import Catalog, Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import ONE_READING, u_std_of
from conformance.areas.terminal.access_observed import mono_audio
from conformance.areas.terminal.audio import declaration
from conformance.areas.terminal.binaural import declaration_finding, head_tracked
from conformance.areas.terminal.distance import compare, declared_model, distance_scene, heard_signals, silenced
from conformance.areas.terminal.headtracking import Alignment, align, head_turn_where
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.soundfield import PLANE_WAVE_DB, angle_between, field_unjudged
from conformance.areas.terminal.shifts import U_SHIFT_MS
from conformance.areas.terminal.suite import analyses, check_rule, nothing_judged

#: Streams whose first frame marks when the capture's poses begin.
POSED = ("pose", "eye_gaze", "hand", "body")
#: TD-AUD-004: a source this far off the median plane is lateralised (R2); each ear at least this
#: loud (R3), the quieter within this many dB of the louder (R3); the blocks' clock (R4)
SIDE_FROM_DEG, QUIETEST_DBFS, MAX_EAR_GAP_DB, MAX_CLOCK_DRIFT = 15.0, -60.0, 40.0, 0.001
#: TD-AUD-006: the sources measured for a field to be judged, of which one at least this far above and
#: one below the horizontal plane (an elevation's sign is then tested); azimuth judged up to this elevation
FEWEST_SOURCES, ELEVATED_DEG, AZIMUTH_UP_TO_DEG = 4, 15.0, 60.0
#: TD-AUD-007: a source is judged when the model's level changes at least this much across its
#: distances within the model's range (three times the 1 dB tolerance: a renderer ignoring distance fails)
FEWEST_SPAN_DB = 3.0
#: TD-AUD-007: where the model's gain is 0 (the linear model, rolloff factor 1 or more, at and beyond the maximum
#: distance) the level at the ears is at least this far below the reference distance's: a correct renderer is silent
#: there, measured -inf dB at a digital output and the room's noise at the ears, which the case's environment puts at
#: least 30 dB below every signal the model does not silence; 10 dB under that floor, so a silent renderer passes
SILENT_BELOW_DB = 20.0


@pytest.mark.requirement("TD-AUD-001")
def test_audio_is_declared_as_ambix_or_a_staged_object(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "audio_format", ("audio",), msg("terminal.what-audio-streams"))


@pytest.mark.requirement("TD-AUD-002")
def test_audio_timestamps_follow_the_pose_clock(targets: Targets, evidence: Evidence, params: Parameters):
    drift_limit, offset_limit = params.max_audio_clock_drift, params.max_audio_offset_ms
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        posed = [s for s in analysis.streams_of(*POSED) if s.first_t is not None]
        first_pose = min(posed, key=lambda s: s.first_t) if posed else None
        for stats in analysis.streams_of("audio"):
            state, rate = stats.audio, declaration(stats).get("sample_rate_hz")
            if state is None or state.blocks < 2 or not isinstance(rate, int | float) or rate <= 0 \
                    or stats.first_t is None or stats.last_t is None:
                # a stream of the set whose clock cannot be measured: the set is not judged whole
                evidence.unjudged(name, msg("terminal.audio-unmeasured", file=name, sid=repr(stats.id),
                                            blocks=state.blocks if state is not None else 0))
                continue
            judged += 1
            before = evidence.findings_count
            span_ms = (stats.last_t - stats.first_t) / 1e6  # from the first block's first sample to the last's
            audio_ms = (state.samples - state.last_samples) / rate * 1e3
            drift = abs(span_ms - audio_ms) / audio_ms if audio_ms > 0 else float("inf")
            if drift > drift_limit:
                finding(evidence, msg("terminal.audio-drift", sid=repr(stats.id), span_ms=span_ms, audio_ms=audio_ms,
                                      drift=drift, limit=drift_limit),
                                  file=name, stream=stats.id, actual=round(drift, 6), expected=f"<= {drift_limit:g}")
            if first_pose is not None and first_pose.first_t is not None:
                offset_ms = (stats.first_t - first_pose.first_t) / 1e6
                if abs(offset_ms) > offset_limit:
                    finding(evidence, msg("terminal.audio-offset", sid=repr(stats.id), offset_ms=offset_ms,
                                          pose=repr(first_pose.id), limit=offset_limit),
                                      file=name, stream=stats.id, t=stats.first_t, actual=round(offset_ms, 3),
                                      expected=f"|offset| <= {offset_limit:g} ms")
            if evidence.findings_count == before:
                evidence.note(msg("terminal.audio-aligned", file=name, sid=repr(stats.id), drift=drift,
                                  blocks=state.blocks))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-audio"))


@pytest.mark.requirement("TD-AUD-003")
def test_audio_objects_stay_within_the_tracking_volume(targets: Targets, evidence: Evidence, params: Parameters):
    margin = params.audio_object_margin_m
    judged = volumes = 0
    for name, analysis in analyses(targets["captures"]):
        if analysis.volume is None:
            continue  # a MAY (GB/T 1.1-2020, 可): a device declaring no tracking volume is not judged
        volumes += 1
        for stats in analysis.streams_of("audio"):
            if declaration(stats).get("format") != "object" or stats.audio is None:
                continue
            outside = stats.audio.outside
            if not outside.count:
                continue
            judged += 1
            if outside.value > margin and outside.where is not None:
                finding(evidence, msg("terminal.audio-outside", sid=repr(stats.id), distance=outside.value,
                                      margin=margin), file=name, **outside.where,
                                  expected=msg("terminal.expect-within-volume", low=str(analysis.volume[0].tolist()),
                                               high=str(analysis.volume[1].tolist())))
            else:
                evidence.note(msg("terminal.audio-inside", file=name, sid=repr(stats.id), count=outside.count,
                                  distance=outside.value))
    if not judged and not evidence.findings_count and all(a.header_usable for _, a in analyses(targets["captures"])):
        # the permitted declaration not made, or nothing it bounds: the case's 不适用
        raise NotApplicable(msg("terminal.no-tracking-volume") if not volumes else msg("terminal.no-audio-object"))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-audio-object"))


@pytest.mark.requirement("TD-AUD-004")
def test_binaural_rendering_places_test_sources_where_they_are(targets: Targets, evidence: Evidence,
                                                               params: Parameters, catalog: Catalog):
    """R1: the measured ITD within 100 us of Woodworth's for the source's direction; R2: a source 15
    degrees or more off the median plane lateralised to its side by both ITD and ILD; R3: each ear
    carries the signal; R4: the blocks timed at the declared sample rate. The test signals the capture
    declares (positions in stage space, the listener's pose) are the ground truth; the frames carry
    what reached the ears. R1 and R4 are judged by the catalog's decision rule with their expanded
    uncertainty (measured.py): the ITD a cross-correlation peak refined between samples, carrying at most one
    sample's resolution (rectangular, 1 / (rate sqrt(12))); the clock drift counts samples exactly against
    timestamps read to 1 ns (no material type A). R2 (a sign) and R3 (a presence) are conditions, not limits."""
    tolerance, fewest = params.max_itd_error_us, params.min_test_signals
    judged = 0
    decision = rule_of(catalog, "TD-AUD-004")
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-AUD-004", decision, name)
        for stats in analysis.streams_of("binaural"):
            state = stats.binaural
            if head_tracked(stats) or mono_audio(stats):  # the head turning: TD-AUD-005's; mono audio: TD-ACC-004's
                continue
            if state is None:  # a stream of the set with no usable declaration: the set is not judged whole
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=declaration_finding(stats)))
                continue
            where = {"file": name, "stream": stats.id}
            if state.uneven and state.uneven_where is not None:
                finding(evidence, msg("terminal.binaural-uneven", sid=repr(stats.id), count=state.uneven),
                        file=name, **state.uneven_where, rule="R4")
            if state.blocks >= 2 and stats.first_t is not None and stats.last_t is not None:
                span_ms = (stats.last_t - stats.first_t) / 1e6
                audio_ms = (state.samples - state.last_samples) / state.rate_hz * 1e3
                drift = abs(span_ms - audio_ms) / audio_ms if audio_ms > 0 else math.inf
                if judge("R4", msg("terminal.quantity-clock-drift"), stats.id, drift, "1", MAX_CLOCK_DRIFT, "max", where={
                        "stream": stats.id, "line": 1,
                        "pointer": f"/streams/{stats.index}/binaural/sample_rate_hz"}) == "fail":
                    finding(evidence, msg("terminal.binaural-clock", sid=repr(stats.id), span_ms=span_ms,
                                          audio_ms=audio_ms, rate=state.rate_hz, drift=drift, limit=MAX_CLOCK_DRIFT),
                            **where, line=1, pointer=f"/streams/{stats.index}/binaural/sample_rate_hz", rule="R4",
                            actual=round(drift, 6), expected=f"<= {MAX_CLOCK_DRIFT:g}")
            for source in state.unmeasured():
                evidence.note(msg("terminal.binaural-unmeasured", file=name, sid=repr(stats.id), index=source.index,
                                  overlaps=source.overlaps))
            measured = _heard_where_the_model_sounds(evidence, name, stats, state.measured)
            if len(measured) < fewest:
                evidence.unjudged(name, msg("terminal.binaural-too-few", file=name, sid=repr(stats.id),
                                            count=len(measured), fewest=fewest))
                continue
            judged += 1
            for got in measured:
                _judge_source(evidence, judge, stats.id, got, (tolerance, 1e6 / state.rate_hz / 12 ** 0.5),
                              {**where, **got.where,
                               "pointer": f"/streams/{stats.index}/binaural/test_signals/{got.signal.index}"})
        judge.close()
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-binaural", fewest=fewest))


def _heard_where_the_model_sounds(evidence: Evidence, name, stats, measured):
    """The measured signals less those the stream's declared distance model silences (a linear model with a
    rolloff factor of 1 or more, at and beyond its maximum distance: TD-AUD-007's scene), noted: a correct
    renderer sends nothing there, so no ear carries them and no ITD is there to measure (TD-AUD-007 holds
    their level below the reference distance's)."""
    silent = silenced(stats.spec)
    model = declared_model(stats.spec)
    if not silent or model is None:
        return measured
    evidence.note(msg("terminal.binaural-silenced", file=name, sid=repr(stats.id), model=model.model, max=model.max_m,
                      signals=", ".join(str(index) for index in sorted(silent)),
                      distances=", ".join(f"{silent[index]:.2f}" for index in sorted(silent))))
    return [got for got in measured if got.signal.index not in silent]


def _judge_source(evidence: Evidence, judge, sid, got, tolerance_and_u, where):
    """``tolerance_and_u``: R1's ITD tolerance and the ITD's standard uncertainty (us)."""
    tolerance, u_itd = tolerance_and_u
    source = got.signal
    said = {"sid": repr(sid), "index": source.index, "azimuth": source.azimuth_deg, "elevation": source.elevation_deg}
    louder, quieter = max(got.left_dbfs, got.right_dbfs), min(got.left_dbfs, got.right_dbfs)
    if louder < QUIETEST_DBFS or louder - quieter > MAX_EAR_GAP_DB:
        ear = "left" if got.left_dbfs < got.right_dbfs else "right"
        finding(evidence, msg("terminal.binaural-silent", **said, ear=ear, level=quieter, other=louder,
                              floor=QUIETEST_DBFS, gap=MAX_EAR_GAP_DB),
                **where, rule="R3", actual=[round(got.left_dbfs, 1), round(got.right_dbfs, 1)],
                expected=f">= {QUIETEST_DBFS:g} dB FS, within {MAX_EAR_GAP_DB:g} dB of each other")
        return
    if got.itd_us is None:
        return
    error = got.itd_us - source.predicted_itd_us
    if judge("R1", msg("terminal.quantity-itd-error"), f"{sid}@signal {source.index}", abs(error), "us", tolerance, "max", u_a=u_itd,
             where={k: v for k, v in where.items() if k != "file"}) == "fail":
        finding(evidence, msg("terminal.binaural-itd", **said, itd=got.itd_us, predicted=source.predicted_itd_us,
                              limit=tolerance), **where, rule="R1", actual=round(got.itd_us, 1),
                expected=f"{source.predicted_itd_us:.1f} +- {tolerance:g} us")
    side = 1 if source.lateral_deg > 0 else -1
    if abs(source.lateral_deg) >= SIDE_FROM_DEG and (got.itd_us * side <= 0 or got.ild_db * side <= 0):
        finding(evidence, msg("terminal.binaural-side", **said, side="left" if side > 0 else "right",
                              itd=got.itd_us, ild=got.ild_db), **where, rule="R2",
                actual={"itd_us": round(got.itd_us, 1), "ild_db": round(got.ild_db, 2)},
                expected="ITD and ILD of the source's side (positive: left)")
    evidence.note(msg("terminal.binaural-measured", **said, itd=got.itd_us, predicted=source.predicted_itd_us,
                      ild=got.ild_db))


@pytest.mark.requirement("TD-AUD-005")
def test_head_tracked_rendering_keeps_a_world_fixed_source_in_place(targets: Targets, evidence: Evidence,
                                                                    params: Parameters, catalog: Catalog):
    """R1: once the ITD track is aligned with the head's turn, within 100 us (root mean square) of
    Woodworth's for the source's direction at each moment; R2: the shift that aligns them, the
    motion-to-sound latency, at most 60 ms. The declared source position and the head's pose stream
    are the ground truth; the frames carry what reached the ears. Each value is judged by the catalog's decision
    rule with its expanded uncertainty (measured.py): the residual an RMS over the windows (s / sqrt(2 (n - 1))),
    the latency a shift found on a 1 ms grid (shifts.U_SHIFT_MS)."""
    tolerance, latency_limit = params.max_itd_error_us, params.max_motion_to_sound_ms
    judged = 0
    decision = rule_of(catalog, "TD-AUD-005")
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-AUD-005", decision, name)
        for stats in analysis.streams_of("binaural"):
            if not head_tracked(stats):
                continue
            outcome = align(analysis, stats)
            if not isinstance(outcome, Alignment):  # no turn, too little track, no usable declaration
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=outcome))
                continue
            judged += 1
            where = {"file": name, **head_turn_where(stats)}
            said = {"sid": repr(stats.id), "latency": outcome.latency_ms, "residual": outcome.residual_us}
            at = {k: v for k, v in where.items() if k != "file"}
            if judge("R1", msg("terminal.quantity-itd-residual"), stats.id, outcome.residual_us, "us", tolerance, "max",
                     u_a=u_std_of(outcome.residual_us, outcome.windows), where=at) == "fail":
                finding(evidence, msg("terminal.head-turn-moved", **said, limit=tolerance, swing=outcome.swing_us,
                                      turn=outcome.turn_deg, predicted=outcome.predicted_swing_us),
                        **where, rule="R1", actual=round(outcome.residual_us, 1), expected=f"<= {tolerance:g} us")
            elif judge("R2", msg("terminal.quantity-motion-to-sound"), stats.id, outcome.latency_ms, "ms", latency_limit, "max",
                       u_a=U_SHIFT_MS, where=at) == "fail":
                edge = msg("terminal.head-turn-edge") if outcome.at_edge else ""
                finding(evidence, msg("terminal.head-turn-late", **said, edge=edge, limit=latency_limit),
                        **where, rule="R2", actual=outcome.latency_ms, expected=f"<= {latency_limit:g} ms")
            else:
                evidence.note(msg("terminal.head-turn-followed", **said, windows=outcome.windows,
                                  turn=outcome.turn_deg, unshifted=outcome.unshifted_us))
        judge.close()
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-head-turn"))


@pytest.mark.requirement("TD-AUD-006")
def test_the_ambisonic_field_carries_each_test_source_from_its_direction(targets: Targets, evidence: Evidence,
                                                                         params: Parameters, catalog: Catalog):
    """R1: each source's direction of arrival (the first-order pseudo-intensity vector) within 10
    degrees of its declared azimuth; R2: within 17 degrees of its elevation; R3: the first order's
    energy over W's nearest the declared normalisation's for a plane wave; R4: W carries the source.
    The declared test sources and listener are the ground truth; the blocks' field what was exported. R1 and R2
    are judged by the catalog's decision rule (measured.py): each direction is one pseudo-intensity vector
    averaged over the source's whole window, one reading of an exported (digital) field with no instrument
    between, so it carries no type A from a sample of its own nor a type B (ONE_READING)."""
    azimuth_limit, elevation_limit = params.max_doa_azimuth_error_deg, params.max_doa_elevation_error_deg
    judged = 0
    decision = rule_of(catalog, "TD-AUD-006")
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-AUD-006", decision, name)
        for stats in analysis.streams_of("audio"):
            state = stats.sound_field
            if state is None or not state.blocks:  # no ambisonic export carrying its sound
                continue
            why = field_unjudged(stats, state, FEWEST_SOURCES, ELEVATED_DEG)
            if why is not None:
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=why))
                continue
            judged += 1
            for source in state.unmeasured():
                evidence.note(msg("terminal.field-unmeasured", file=name, sid=repr(stats.id), index=source.index,
                                  overlaps=source.overlaps))
            normalization = declaration(stats).get("normalization")
            for heard in state.heard:
                _judge_direction(evidence, judge, stats, heard, normalization, azimuth_limit, elevation_limit, {
                    "file": name, "stream": stats.id, **heard.where,
                    "pointer": f"/streams/{stats.index}/audio/test_sources/{heard.signal.index}"})
        judge.close()
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-field", fewest=FEWEST_SOURCES, elevated=ELEVATED_DEG))


def _judge_direction(evidence: Evidence, judge, stats, heard, normalization, azimuth_limit, elevation_limit, where):
    source = heard.signal
    said = {"sid": repr(stats.id), "index": source.index, "azimuth": source.azimuth_deg,
            "elevation": source.elevation_deg}
    if heard.w_dbfs < QUIETEST_DBFS:
        finding(evidence, msg("terminal.field-silent", **said, level=heard.w_dbfs, floor=QUIETEST_DBFS),
                **where, rule="R4", actual=round(heard.w_dbfs, 1), expected=f">= {QUIETEST_DBFS:g} dB FS")
        return
    azimuth_error = angle_between(heard.azimuth_deg, source.azimuth_deg)
    elevation_error = abs(heard.elevation_deg - source.elevation_deg)
    fits_fuma = angle_between(heard.fuma_azimuth_deg, source.azimuth_deg) <= azimuth_limit \
        and abs(heard.fuma_elevation_deg - source.elevation_deg) <= elevation_limit
    order = msg("terminal.field-fuma-order") if fits_fuma and (
        azimuth_error > azimuth_limit or elevation_error > elevation_limit) else ""
    measured = {**said, "got_azimuth": heard.azimuth_deg, "got_elevation": heard.elevation_deg, "order": order}
    at, subject = {k: v for k, v in where.items() if k != "file"}, f"{stats.id}@source {source.index}"
    if abs(source.elevation_deg) <= AZIMUTH_UP_TO_DEG and judge(
            "R1", msg("terminal.quantity-azimuth-error"), subject, azimuth_error, "deg", azimuth_limit, "max", u_a=ONE_READING,
            where=at) == "fail":
        finding(evidence, msg("terminal.field-azimuth", **measured, error=azimuth_error, limit=azimuth_limit),
                **where, rule="R1", actual=round(heard.azimuth_deg, 1),
                expected=f"{source.azimuth_deg:.1f} +- {azimuth_limit:g} deg")
    if judge("R2", msg("terminal.quantity-elevation-error"), subject, elevation_error, "deg", elevation_limit, "max", u_a=ONE_READING,
             where=at) == "fail":
        finding(evidence, msg("terminal.field-elevation", **measured, error=elevation_error, limit=elevation_limit),
                **where, rule="R2", actual=round(heard.elevation_deg, 1),
                expected=f"{source.elevation_deg:.1f} +- {elevation_limit:g} deg")
    nearest = min(PLANE_WAVE_DB, key=lambda k: abs(PLANE_WAVE_DB[k] - heard.first_order_db))
    if nearest != normalization:
        finding(evidence, msg("terminal.field-normalization", **said, ratio=heard.first_order_db, nearest=nearest,
                              value=PLANE_WAVE_DB[nearest], declared=repr(normalization),
                              expected=PLANE_WAVE_DB.get(normalization, math.nan), order=order),
                **where, rule="R3", actual=round(heard.first_order_db, 2),
                expected=msg("terminal.expect-field-normalization", declared=repr(normalization)))
    evidence.note(msg("terminal.field-measured", **measured, ratio=heard.first_order_db))


@pytest.mark.requirement("TD-AUD-007")
def test_the_level_at_the_ears_follows_the_declared_distance_model(targets: Targets, evidence: Evidence,
                                                                   params: Parameters, catalog: Catalog):
    """R1: each test source's level at the ears at each distance within the model's range, relative to
    its nearest such distance, within 1 dB of the declared Web Audio distance model's gain ratio;
    R2: nearer than refDistance (and beyond maxDistance for the linear model) the level is the one the
    model holds there. Where the model's gain is 0 (its level -inf dB: the linear model with a rolloff
    factor of 1 or more, at and beyond maxDistance) the level is at least SILENT_BELOW_DB below the
    reference distance's instead (R1 at maxDistance, R2 beyond). The declared distance model, test signals and listener are the ground truth; the
    ears' levels are TD-AUD-004's measurement of each signal's window. Each error is judged by the catalog's
    decision rule (measured.py): a level is one RMS over a whole window (one reading, ONE_READING), and a
    recorder's stated level uncertainty cancels in the relative levels at the same ear."""
    tolerance = params.max_distance_gain_error_db
    judged = 0
    decision = rule_of(catalog, "TD-AUD-007")
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-AUD-007", decision, name)
        for stats in analysis.streams_of("binaural"):
            if not distance_scene(stats) or head_tracked(stats):
                continue
            model, state = declared_model(stats.spec), stats.binaural
            if model is None or state is None:
                reason = declaration_finding(stats) or msg("terminal.distance-no-model", sid=repr(stats.id))
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=reason))
                continue
            # a declared signal not measured, or naming no source and position, leaves its distance unjudged:
            # recorded unjudged, so no pass (as every planned play the check cannot measure)
            for signal in state.unmeasured():
                evidence.unjudged(name, msg("terminal.binaural-unmeasured", file=name, sid=repr(stats.id),
                                            index=signal.index, overlaps=signal.overlaps))
            sources = heard_signals(stats.spec, state.measured)
            placed = {h.measured.signal.index for heard in sources.values() for h in heard}
            for got in state.measured:
                if got.signal.index not in placed:
                    evidence.unjudged(name, msg("terminal.distance-signal-unplaced", file=name, sid=repr(stats.id),
                                                index=got.signal.index))
            compared = 0
            for source, heard in sources.items():
                results = compare(model, heard, FEWEST_SPAN_DB)
                if results is None:
                    evidence.unjudged(name, msg("terminal.distance-source-unjudged", file=name, sid=repr(stats.id),
                                                source=source, span=FEWEST_SPAN_DB,
                                                distances=", ".join(f"{h.distance_m:.2f}" for h in heard)))
                    continue
                compared += 1
                for got in results:
                    _judge_distance(evidence, judge, stats, model, got, tolerance, {
                        "file": name, "stream": stats.id, **got.heard.measured.where,
                        "pointer": f"/streams/{stats.index}/binaural/test_signals/{got.heard.measured.signal.index}"})
            if not compared:
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
                    "terminal.distance-too-few", sid=repr(stats.id), span=FEWEST_SPAN_DB)))
                continue
            judged += 1
        judge.close()
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-distance", span=FEWEST_SPAN_DB))


def _judge_distance(evidence: Evidence, judge, stats, model, got, tolerance, where):
    said = {"sid": repr(stats.id), "source": got.heard.source, "distance": got.heard.distance_m,
            "reference": got.reference.distance_m, "measured": got.measured_db, "model": model.model,
            "expected": got.model_db}
    subject = f"{stats.id}@{got.heard.source} {got.heard.distance_m:.2f} m"
    if got.silent:  # the model's gain is 0 (-inf dB): no error in dB, the level held below the reference's instead
        _judge_silent(evidence, judge, model, got, said, subject, where)
        return
    if _judged_level(judge, got, subject, tolerance, {k: v for k, v in where.items() if k != "file"}) == "pass":
        evidence.note(msg("terminal.distance-measured", **said))
        return
    expected = f"{got.model_db:+.1f} +- {tolerance:g} dB"
    if got.rule == "R1":
        finding(evidence, msg("terminal.distance-gain", **said, error=got.error_db, limit=tolerance),
                **where, rule="R1", actual=round(got.measured_db, 2), expected=expected)
        return
    held = msg("terminal.distance-held-ref", ref=model.ref_m) if got.held == "ref" else msg(
        "terminal.distance-held-max", max=model.max_m)
    finding(evidence, msg("terminal.distance-held", **said, held=held, error=got.error_db, limit=tolerance),
            **where, rule="R2", actual=round(got.measured_db, 2), expected=expected)


def _judged_level(judge, got, subject, tolerance, where):
    """The outcome of a level error within the model's gain. A level of -inf dB (a digital output silent where
    the model's gain is not 0, or silent at the reference distance) is off by inf dB, no number a report can
    hold: that error is recorded instead as the amplitude ratio it stands for, the lesser of the measured and
    the model's relative amplitudes over the greater, 10^(-error / 20), 0 there, against 10^(-tolerance / 20)
    (about 0.89 for 1 dB) as the least it may be: the same judgement, its value a finite number."""
    if math.isfinite(got.error_db):
        return judge(got.rule, msg("terminal.quantity-level-error"), subject, got.error_db, "dB", tolerance, "max",
                     u_a=ONE_READING, where=where)
    return judge(got.rule, msg("terminal.quantity-amplitude-agreement"), subject, 0.0, "1", 10 ** (-tolerance / 20),
                 "min", u_a=ONE_READING, where=where)


def _judge_silent(evidence: Evidence, judge, model, got, said, subject, where):
    """A distance where the model's gain is 0: the level relative to the reference distance at least
    SILENT_BELOW_DB below it. Recorded as the amplitude ratio 10^(level / 20), at most 10^(-SILENT_BELOW_DB / 20)
    (0.1): a digital output's silence is -inf dB, no number a report can hold, and a ratio of 0."""
    at = msg("terminal.distance-silent-max", max=model.max_m) if got.held is None else msg(
        "terminal.distance-held-max", max=model.max_m)
    said = {**said, "at": at, "below": SILENT_BELOW_DB}
    ratio = 10 ** (got.measured_db / 20)
    if judge(got.rule, msg("terminal.quantity-amplitude-relative"), subject, ratio, "1", 10 ** (-SILENT_BELOW_DB / 20),
             "max", u_a=ONE_READING, where={k: v for k, v in where.items() if k != "file"}) == "pass":
        evidence.note(msg("terminal.distance-silent-measured", **said))
        return
    finding(evidence, msg("terminal.distance-silent", **said), **where, rule=got.rule,
            actual=round(got.measured_db, 2), expected=f"<= {-SILENT_BELOW_DB:g} dB")
