"""Tracking performance: accuracy and precision against the known motion of a test rig."""

import pytest

from conformance import Inconclusive, msg
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.performance import claimed, reference_of
from conformance.areas.terminal.suite import analyses

CLAIMS = ("position_accuracy_mm", "position_precision_mm")


@pytest.mark.requirement("TD-PERF-001")
def test_tracking_meets_its_claimed_accuracy_on_a_reference_motion(targets, evidence, params):
    """R1, R2: trueness and precision within this document's limits; R3: the offer claims both;
    R4: both within the claims. The reference motion the capture declares is the ground truth."""
    fewest = params.min_reference_samples
    limits = {"trueness": params.max_position_trueness_mm, "precision": params.max_position_precision_mm}
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("pose"):
            if reference_of(stats) is None:
                continue
            claims = claimed(stats)
            missing = [c for c in CLAIMS if c not in claims]
            for claim in missing:
                where = "/device/offers" + (f"/{stats.offer_index}" if stats.offer_index is not None else "")
                finding(evidence, msg("terminal.perf-no-claim", sid=repr(stats.id), claim=claim), file=name,
                        stream=stats.id, line=1, pointer=f"{where}/performance/{claim}", rule="R3")
            sums = stats.reference
            count = 0 if sums is None else sums.count
            if count < fewest:
                evidence.unjudged(name, msg("terminal.perf-too-few", file=name, sid=repr(stats.id), count=count,
                                            fewest=fewest))
                continue
            judged += 1
            measured = {"trueness": sums.trueness_mm(), "precision": sums.precision_mm()}
            for (measure, value), rule in zip(measured.items(), ("R1", "R2"), strict=True):
                if value > limits[measure]:
                    finding(evidence, msg("terminal.perf-over-limit", sid=repr(stats.id), measure=measure,
                                          value=value, count=count, limit=limits[measure]),
                            file=name, stream=stats.id, rule=rule, actual=round(value, 4),
                            expected=f"<= {limits[measure]:g} mm")
            if missing:
                continue
            for measure, claim in (("trueness", "position_accuracy_mm"), ("precision", "position_precision_mm")):
                if measured[measure] > claims[claim]:
                    finding(evidence, msg("terminal.perf-worse", sid=repr(stats.id), measure=measure,
                                          value=measured[measure], count=count, claimed=claims[claim]),
                            file=name, stream=stats.id, rule="R4", actual=round(measured[measure], 4),
                            expected=f"<= {claims[claim]:g} mm")
            evidence.note(msg("terminal.perf-met", file=name, sid=repr(stats.id), trueness=measured["trueness"],
                              precision=measured["precision"], count=count, accuracy=claims["position_accuracy_mm"],
                              claimed_precision=claims["position_precision_mm"]))
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-reference"))
