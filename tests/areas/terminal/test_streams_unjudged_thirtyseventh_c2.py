"""The thirty-seventh reading's rows c9, c11, c15 and c16 (part c2): a declared stream or item in scope that the check
cannot judge, or passed over, now gets the verdict its lines give. Each capture here is a reference sample edited in
one way; each test failed against the check before the fix."""

from __future__ import annotations

import gzip

import orjson

from tests.areas.terminal.test_streams_unjudged import SAMPLES, _edited
from tests.conftest import captures_verdict


def test_td_force_003_a_stream_its_descriptor_does_not_offer_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c9: the device descriptor offers no force_feedback type, so the stream's safety force is unknown: unjudged,
    alone (it was not applicable) or beside the passing bench sample (it passed)."""
    head, rest = gzip.decompress((SAMPLES / "force-bench.ndjson.gz").read_bytes()).split(b"\n", 1)
    header = orjson.loads(head)
    header["device"]["offers"] = [o for o in header["device"]["offers"] if o["type"] != "force_feedback"]
    unoffered = tmp_path / "unoffered.ndjson"
    unoffered.write_bytes(orjson.dumps(header) + b"\n" + rest)
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
