"""Plausible motion of tracked devices: no frozen pose reported as tracked, speeds and
accelerations a human head or hand can reach (limits: profile parameters)."""

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.plausibility import is_head
from conformance.areas.terminal.suite import analyses

UNITS = {"frozen_ms": "ms", "linear_speed": "m/s", "angular_speed": "deg/s", "linear_acceleration": "m/s^2",
         "angular_acceleration": "deg/s^2"}
MESSAGES = {"frozen_ms": "terminal.motion-frozen", "linear_speed": "terminal.motion-speed",
            "angular_speed": "terminal.motion-angular-speed", "linear_acceleration": "terminal.motion-acceleration",
            "angular_acceleration": "terminal.motion-angular-acceleration"}


def _judge(targets: Targets, evidence: Evidence, limits):
    """For each pose stream, each measure's worst value against its limit: ``limits(stats)``
    maps measure -> limit. One finding per stream and measure over its limit, at its worst."""
    streams = measured = 0
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("pose"):
            streams += 1
            if stats.motion is None:
                continue
            for measure, limit in limits(stats).items():
                worst = stats.motion.extremes[measure]
                measured += worst.count
                if worst.value > limit and worst.where is not None:
                    finding(evidence, msg(MESSAGES[measure], sid=repr(stats.id), value=worst.value,
                                          limit=limit, **({"since": worst.where["since_t"]}
                                                          if "since_t" in worst.where else {})),
                                      file=name, **{k: v for k, v in worst.where.items() if k != "since_t"},
                                      actual=round(worst.value, 3), expected=f"<= {limit:g} {UNITS[measure]}")
                else:
                    evidence.note(msg("terminal.motion-worst", file=name, sid=repr(stats.id), measure=measure,
                                      value=worst.value, unit=UNITS[measure], limit=limit))
    if evidence.findings_count:
        return
    if not streams:
        raise Inconclusive(msg("terminal.no-stream", type="pose"))
    if not measured:
        raise Inconclusive(msg("terminal.nothing-checked", what=msg("terminal.what-pose-intervals"),
                               streams=streams))


@pytest.mark.requirement("TD-MOT-001")
def test_no_frozen_pose_is_reported_tracked(targets: Targets, evidence: Evidence, params: Parameters):
    _judge(targets, evidence, lambda stats: {"frozen_ms": params.max_frozen_pose_ms})


@pytest.mark.requirement("TD-MOT-002")
def test_speeds_are_humanly_possible(targets: Targets, evidence: Evidence, params: Parameters):
    def limits(stats):
        if is_head(stats):
            return {"linear_speed": params.max_head_speed_m_s, "angular_speed": params.max_head_angular_speed_deg_s}
        return {"linear_speed": params.max_device_speed_m_s,
                "angular_speed": params.max_device_angular_speed_deg_s}
    _judge(targets, evidence, limits)


@pytest.mark.requirement("TD-MOT-003")
def test_accelerations_are_humanly_possible(targets: Targets, evidence: Evidence, params: Parameters):
    def limits(stats):
        if is_head(stats):
            return {"linear_acceleration": params.max_head_acceleration_m_s2,
                    "angular_acceleration": params.max_head_angular_acceleration_deg_s2}
        # no published figure bounds a hand's angular acceleration: not judged (TD-MOT-003's notes)
        return {"linear_acceleration": params.max_device_acceleration_m_s2}
    _judge(targets, evidence, limits)
