"""Sensor performance (智能传感器的性能评定), visual sensors: a camera's calibration-board corners against its declared
image (TD-CAM-001), and the reprojection error of its declared intrinsics against a board at known places
(TD-CAM-002)."""

import math

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import declared
from conformance.areas.terminal.camera import REFERENCE, Reprojection, board_points, measure
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.radar import MIN_FRAMES
from conformance.areas.terminal.suite import BenchTexts, benches, check_rule, past_bound

# A board on a camera stream naming no calibrated distance meter and stage, whose camera declares no usable
# intrinsics, or in which no place is held long enough to measure, is a stream the case measures and cannot judge
# (its 不确定 line): unjudged; so is a place whose hold too few camera frames cover (`_judge`). One on no camera
# stream stays a note.
_TEXTS = BenchTexts("terminal.board-unjudged", "terminal.board-capped", "terminal.no-board-judged",
                    "terminal.no-board",
                    frozenset({"terminal.reflector-no-instrument", "terminal.camera-no-intrinsics",
                               "terminal.board-no-hold"}), bounded=True)


@pytest.mark.requirement("TD-CAM-001")
def test_each_frame_holds_the_boards_corners_within_the_image(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "camera_corners", ("camera",), msg("terminal.what-camera-frames"), "R1",
               unparsed=True)


def _u_px(spec: dict, fx: float, distance: float) -> float:
    """The standard uncertainty (px) the board's place gives a corner: the stage's azimuth moves the whole board
    (fx per radian), the distance meter's range scales it about its centre (the outermost corner's share)."""
    held = spec.get(REFERENCE) if isinstance(spec.get(REFERENCE), dict) else {}
    meter, stage = declared(held.get("instrument")), declared(held.get("stage"))
    u_az = math.radians(stage.standard(0.0)) if stage is not None and stage.unit in ("deg", "degree") else 0.0
    u_d = meter.standard(distance) if meter is not None and meter.unit == "m" else 0.0
    reach = fx * float(max(abs(board_points()).max(axis=0))) / distance
    return math.hypot(fx * u_az, reach * u_d / distance)


def _judge(evidence: Evidence, judge: Judge, sid: str, got: Reprojection, spec: dict, camera: dict,
           limits: tuple) -> None:
    """``limits``: the root mean square reprojection error (px), the share of frames missing the board."""
    error_limit, missed_limit = limits
    for h in got.holds:
        at = {"stream": sid, "line": h.line, "t": h.t}
        place = {"sid": repr(sid), "distance": h.distance, "azimuth": h.azimuth}
        subject = f"{sid}@{h.t}"
        u_b = _u_px(spec, float(camera["fx"]), h.distance)
        if judge("R1", msg("terminal.quantity-reprojection-error"), subject, h.rms_px, "px", error_limit, "max",
                 u_b=u_b, instrument=u_b > 0, where={**at, "pointer": "/corners_px"}) == "fail":
            finding(evidence, msg("terminal.camera-reprojection", **place, error=h.rms_px, limit=error_limit),
                    file=judge.file, **at, pointer="/corners_px", rule="R1", actual=round(h.rms_px, 3),
                    expected=f"<= {error_limit:g} px")
        share = h.missed / h.frames
        if judge("R2", msg("terminal.quantity-board-missed"), subject, share, "1", missed_limit, "max",
                 where={**at, "pointer": "/corners_px"}) == "fail":
            finding(evidence, msg("terminal.camera-missed", **place, missed=h.missed, frames=h.frames,
                                  share=100 * share, limit=100 * missed_limit),
                    file=judge.file, **at, pointer="/corners_px", rule="R2", actual=round(share, 4),
                    expected=f"<= {100 * missed_limit:g} % of the frames")
    if got.uncovered:  # a place of the plan left unmeasured: R1/R2 never judged there, no pass (as TD-DEPTH-002)
        evidence.unjudged(judge.file, msg("terminal.camera-holds-uncovered", sid=repr(sid), count=got.uncovered,
                                          minimum=MIN_FRAMES))
    evidence.note(msg("terminal.camera-measured", file=judge.file, sid=repr(sid), sensor=repr(got.sensor),
                      model=got.meter, count=len(got.holds), uncovered=got.uncovered, minimum=MIN_FRAMES))
    judge.close()


@pytest.mark.requirement("TD-CAM-002")
def test_the_declared_intrinsics_project_the_board_where_the_camera_sees_it(
        targets: Targets, evidence: Evidence, params: Parameters, catalog: Catalog):
    """Per still place of the calibration board: the root mean square distance between the corners found and the
    corners the declared intrinsics project (R1), and the share of frames where the board was not found (R2)."""
    limits = (params.max_reprojection_error_px, params.max_board_missed)
    decision = rule_of(catalog, "TD-CAM-002")
    for name, analysis, stats, got in benches(targets["captures"], evidence, REFERENCE, measure,
                                              lambda s: s.board, _TEXTS):
        camera = analysis.streams[got.sensor].spec["camera"]
        past_bound(evidence, name, got.sensor, analysis.streams[got.sensor].camera, "terminal.camera-frames-capped")
        _judge(evidence, Judge(evidence, "TD-CAM-002", decision, name), stats.id, got, stats.spec, camera, limits)
