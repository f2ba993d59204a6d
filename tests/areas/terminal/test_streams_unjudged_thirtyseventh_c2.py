"""The thirty-seventh reading's rows c9, c11, c14, c15 and c16 (part c2): a declared stream or item in scope that the check
cannot judge, or passed over, now gets the verdict its lines give. Each capture here is a reference sample edited in
one way; each test failed against the check before the fix."""

from __future__ import annotations

import gzip

import orjson

from conformance.areas._shared.jsonrpc_ws import Dialogue, Exchange
from conformance.areas.terminal import runtime
from tests.areas.terminal.captures import without_offer
from tests.areas.terminal.test_streams_unjudged import SAMPLES, _edited
from tests.conftest import captures_verdict

#: a claimed trueness (mm) just above what the generated rig measures
TRUENESS_CLAIM = 0.7


def test_td_force_003_a_stream_its_descriptor_does_not_offer_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c9: the device descriptor offers no force_feedback type, so the stream's safety force is unknown: unjudged,
    alone (it was not applicable) or beside the passing bench sample (it passed)."""
    unoffered = without_offer(SAMPLES / "force-bench.ndjson.gz", "force_feedback", tmp_path)
    for captures in ([unoffered], [SAMPLES / "force-bench.ndjson.gz", unoffered]):
        verdict, text = captures_verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-003", captures)
        assert verdict == "inconclusive" and "unoffered.ndjson" in text and "holds no offer" in text, text


def test_td_hand_004_a_schedule_it_cannot_use_beside_passing_streams_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c11: a declared gesture_schedule whose vocabulary holds one name is not usable; the recogniser it belongs
    to is in scope and unjudged, so beside the passing samples the run is inconclusive (it was passed over)."""
    def one_name(streams: dict) -> None:
        streams["gestures"]["gesture_schedule"]["vocabulary"] = streams["gestures"]["gesture_schedule"]["vocabulary"][:1]
    lone = _edited("hand-gestures.ndjson.gz", tmp_path / "lone.ndjson", one_name)
    good = [SAMPLES / "hand-gestures.ndjson.gz", SAMPLES / "hand-gestures-left.ndjson.gz"]
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-004", [*good, lone],
                                     features=["gesture-recognition"])
    assert verdict == "inconclusive" and "lone.ndjson" in text and "cannot be used" in text, text


def test_td_tact_004_a_touch_the_device_never_recognises_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c15: a 30 ms press of the indenter in an idle gap that the device reports with no contact has fewer than
    three frames of the right count: its place and force (R2, R3) are never judged, so the run is inconclusive
    (it passed, the touch only noted)."""
    def blip(frame: dict) -> dict:
        if frame["stream"] == "touch_indenter" and 1001_000_000_000 <= frame["t"] < 1001_030_000_000:
            frame["load_n"] = 2.0
        return frame
    unseen = _edited("touch-bench.ndjson.gz", tmp_path / "unseen.ndjson", frame=blip)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-004", [unseen],
                                     features=["tactile-sensing"])
    assert verdict == "inconclusive" and "unseen.ndjson" in text and "fewer than 3" in text, text


def _without_answers(*spans: tuple[int, int]):
    """Drop the interface's logged answers (skin_read) whose frame time falls in any of ``spans`` (ns)."""
    def keep(frame: dict) -> dict | None:
        inside = any(a <= frame["t"] < b for a, b in spans)
        return None if frame["stream"] == "skin_read" and inside else frame
    return keep


def test_td_tact_005_a_hold_the_answers_do_not_cover_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c16 (1): no answer during the 1 N hold at the first place: that hold is not measured, so R1 and R2 are
    judged on fewer holds than the schedule's and the run is inconclusive (it passed, the hold only dropped)."""
    gap = _edited("tactile-interface-bench.ndjson.gz", tmp_path / "gap.ndjson",
                  frame=_without_answers((1000_300_000_000, 1000_600_000_000)))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-005", [gap],
                                     features=["tactile-sensing"])
    assert verdict == "inconclusive" and "gap.ndjson" in text and "hold(s) covered by fewer than three" in text, text


def test_td_tact_005_no_answer_at_no_load_leaves_r4_unjudged(tmp_path, catalog, run_manifest):
    """Row c16 (2): no answer while the tip is lifted: R4 is never judged, so the run is inconclusive (it passed)."""
    lifted = _edited("tactile-interface-bench.ndjson.gz", tmp_path / "lifted.ndjson",
                     frame=_without_answers((1002_090_000_000, 1002_400_000_000), (1004_490_000_000, 1004_800_000_000),
                                            (1006_890_000_000, 1007_200_000_000), (1012_690_000_000, 1_100_000_000_000)))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-005", [lifted],
                                     features=["tactile-sensing"])
    assert verdict == "inconclusive" and "lifted.ndjson" in text and "R4 cannot be judged" in text, text


def test_td_tact_002_a_hold_the_array_does_not_cover_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c16, TD-TACT-002 likewise: no array frame from 60 % to 95 % of the 1 N hold at the first place, so that hold
    is not measured and the run is inconclusive (it passed, the hold only counted in a note)."""
    def gap(frame: dict) -> dict | None:
        inside = 1000_470_000_000 <= frame["t"] < 1000_590_000_000
        return None if frame["stream"] == "skin" and inside else frame
    holed = _edited("tactile-bench.ndjson.gz", tmp_path / "holed.ndjson", frame=gap)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-002", [holed],
                                     features=["tactile-sensing"])
    assert verdict == "inconclusive" and "holed.ndjson" in text and "hold(s) covered by fewer than three" in text, text


def test_td_run_005_an_xrwaitframe_answered_with_an_error_is_a_departure():
    """Row c14: eight xrWaitFrame calls answered with a JSON-RPC error left R1 to R3 with nothing to compare and the
    case passed; each is an R1 departure now (as TD-TACT-003's errored read)."""
    dialogue = Dialogue("ws://x")
    dialogue.exchanges += [Exchange("xrWaitFrame", {}, None, {"code": -32000, "message": "lost"}, 0, 0)
                           for _ in range(8)]
    issues = list(runtime.times(dialogue))
    assert len(issues) == 8 and {(i.rule, i.key) for i in issues} == {("R1", "terminal.runtime-call-failed")}


def _rig(tmp_path, name: str, edit) -> object:
    """The generated tracking rig's capture with its header changed in place by ``edit``."""
    from conformance.areas.terminal.generate.capture import write
    good = tmp_path / "rig.ndjson.gz"
    write(good, "tracking_rig", 5.0)
    first, _, rest = gzip.decompress(good.read_bytes()).decode().partition("\n")
    header = orjson.loads(first)
    edit(header)
    out = tmp_path / name
    out.write_bytes(gzip.compress(orjson.dumps(header) + b"\n" + rest.encode(), mtime=0))
    return out


def test_td_perf_001_r4_is_judged_by_the_case_s_guarded_acceptance(tmp_path, catalog, run_manifest):
    """Row c13 (1): a trueness just inside the device's own claim, with a rig stating its angle, is within R4's guard
    band: the case's one decision rule refuses it (R4 compared the bare value and passed)."""
    def near_claim(header: dict) -> None:
        for stream in header["streams"]:
            if "reference_motion" in stream:
                stream["reference_motion"]["instrument"] = {"uncertainty": {"value": 0.1, "unit": "deg", "k": 2}}
        for offer in header["device"]["offers"]:
            if isinstance(offer.get("performance"), dict):
                offer["performance"]["position_accuracy_mm"] = TRUENESS_CLAIM
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-001",
                                     [_rig(tmp_path, "near.ndjson.gz", near_claim)])
    assert verdict == "fail" and "R4 trueness" in text and "within the guard band" in text, text


def test_td_perf_001_an_unusable_reference_motion_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c13 (2): a reference motion that is not a circle is declared and unusable: beside the passing rig the
    stream is unjudged, so the run is inconclusive (it was passed over)."""
    def square(header: dict) -> None:
        for stream in header["streams"]:
            if "reference_motion" in stream:
                stream["reference_motion"]["kind"] = "square"
    from conformance.areas.terminal.generate.capture import write
    good = tmp_path / "good.ndjson.gz"
    write(good, "tracking_rig", 5.0)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-001",
                                     [good, _rig(tmp_path, "square.ndjson.gz", square)])
    assert verdict == "inconclusive" and "square.ndjson.gz" in text and "cannot be used" in text, text
