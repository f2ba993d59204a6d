"""A pinch recogniser against a reference capture of the same hand (TD-HAND-006): continuous gestures judged as
intervals, the recognition's latency from the moment the hand pinches, and what is recognised held to the hand
data it was recognised from (pinches.py)."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal import hand_accuracy
from conformance.areas.terminal.decoding import MarkerEvents
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.pinches import PinchResult, Tips, judge_pinches
from conformance.areas.terminal.suite import analyses, nothing_judged


@pytest.mark.requirement("TD-HAND-006")
def test_recognised_pinches_follow_the_reference_hand(targets: Targets, evidence: Evidence, params: Parameters,
                                                      catalog: Catalog):
    """R1: every reference pinch recognised and every recognised pinch a reference pinch; R2: the onset latency
    at most max_pinch_onset_ms either way; R3: the release latency at most max_pinch_release_ms either way; R4:
    each pinch one unbroken interval; R5: each recognised begin supported by the device's own joints (the tips
    within pinch_contact_mm). R2 and R3 are judged with their expanded uncertainty: the reference's frame interval read
    as a rectangular distribution of the moment it shows (its crossings are interpolated, so an upper bound)."""
    decision = rule_of(catalog, "TD-HAND-006")
    contact_m, fewest = params.pinch_contact_mm / 1000, params.min_reference_pinches
    onset_limit, release_limit = params.max_pinch_onset_ms, params.max_pinch_release_ms
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        for reference, tracked in hand_accuracy.pairs(analysis):
            if tracked is None:  # a reference in scope whose device stream is missing: unjudged, as TD-HAND-005
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
                    "terminal.hand-ref-no-tracked", ref=repr(reference.id), target=repr(reference.spec["annotates"]))))
                continue
            for stream in analysis.streams_of("gesture"):
                # a recogniser cued by a declared gesture_schedule is TD-HAND-004's subject (step 1 says so)
                if stream.spec.get("annotates") != tracked.id or "gesture_schedule" in stream.spec:
                    continue
                truth, mine = Tips.of(reference.hand_track), Tips.of(tracked.hand_track)
                got = judge_pinches(truth, mine, stream.markers or MarkerEvents(), contact_m, release_limit)
                said = {"sid": repr(stream.id), "ref": repr(reference.id)}
                if got.pinches < fewest:
                    evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
                        "terminal.pinch-too-few", **said, count=got.pinches, fewest=fewest,
                        contact=params.pinch_contact_mm)))
                    continue
                judged += 1
                period_ms = 1000 / float(reference.spec.get("rate_hz") or 60)
                judge = Judge(evidence, "TD-HAND-006", decision, name)
                _judge(evidence, judge, stream.id, got, (onset_limit, release_limit, params.pinch_contact_mm), period_ms / 12 ** 0.5, said)
                judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-pinch-reference"))


def _judge(evidence: Evidence, judge: Judge, sid, got: PinchResult, limits: tuple[float, float, float], u_ms: float,
           said: dict[str, str]) -> None:
    onset_limit, release_limit, contact_mm = limits
    where = {"file": judge.file, "stream": sid}
    for touch in got.missed:
        finding(evidence, msg("terminal.pinch-missed", **said, at=touch / 1e9), **where, rule="R1",
                actual="no recognised pinch", expected="index_pinch/begin .. index_pinch/end over the pinch")
    for begin in got.phantom:
        finding(evidence, msg("terminal.pinch-phantom", **said, at=begin / 1e9), **where, rule="R1",
                actual="a recognised pinch", expected="no pinch without the reference's")
    onset, release = PinchResult.worst(got.onset_ms), PinchResult.worst(got.release_ms)
    if got.onset_ms and judge("R2", msg("terminal.quantity-pinch-onset"), sid, abs(onset), "ms", onset_limit, "max",
                              u_a=u_ms, where={"stream": sid}) == "fail":
        finding(evidence, msg("terminal.pinch-onset", **said, value=onset, count=len(got.onset_ms),
                              limit=onset_limit), **where, rule="R2", actual=round(onset, 1),
                expected=f"within {onset_limit:g} ms either way")
    if got.release_ms and judge("R3", msg("terminal.quantity-pinch-release"), sid, abs(release), "ms", release_limit,
                                "max", u_a=u_ms, where={"stream": sid}) == "fail":
        finding(evidence, msg("terminal.pinch-release", **said, value=release, count=len(got.release_ms),
                              limit=release_limit), **where, rule="R3", actual=round(release, 1),
                expected=f"within {release_limit:g} ms either way")
    for touch in got.broken:
        finding(evidence, msg("terminal.pinch-broken", **said, at=touch / 1e9), **where, rule="R4",
                actual="more than one recognised interval", expected="one interval while the pinch is held")
    for begin, distance in got.unsupported:
        finding(evidence, msg("terminal.pinch-unsupported", **said, at=begin / 1e9, mm=distance * 1000,
                              limit=contact_mm), **where, rule="R5", actual=round(distance * 1000, 1),
                expected=f"<= {contact_mm:g} mm")
    evidence.note(msg("terminal.pinch-measured", file=judge.file, **said, pinches=got.pinches, onset=onset,
                      release=release, missed=len(got.missed), phantom=len(got.phantom), broken=len(got.broken),
                      unsupported=len(got.unsupported)))

