"""A luminance meter at each eyepiece (TD-DISP-011): the nine field points the catalog fixes are found in any order,
the uniformity is the least of them over the greatest, the reference rig passes, and a stream missing a point is not
judged. The known-bad fixtures (a dim display, a lens dark at its edge) fail in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import io

import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.eyepiece_luminance import POINTS, declaration, field_of_view, measure, shown
from conformance.areas.terminal.generate.capture import generate
from tests.conftest import captures_verdict


@pytest.fixture(scope="module")
def rig() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "luminance_rig", 6.0)
    return buffer.getvalue()


def _edited(rig: bytes, header_change=None, reading=None) -> bytes:
    header, rest = rig.split(b"\n", 1)
    head = orjson.loads(header)
    if header_change:
        for stream in head["streams"]:
            header_change(stream["eyepiece_luminance"])
    frames = []
    for raw in rest.splitlines():
        frame = orjson.loads(raw)
        if reading is not None and "luminance_cd_m2" in frame:
            frame["luminance_cd_m2"] = reading
        frames.append(orjson.dumps(frame))
    return orjson.dumps(head) + b"\n" + b"\n".join(frames) + b"\n"


def test_the_nine_points_are_found_in_any_order_within_half_a_degree():
    shuffled = [[15.2, 15.0]] + [list(p) for p in reversed(POINTS[:-1])] + [[40.0, 0.0]]
    instrument = {"model": "LM", "calibration": "2024"}
    columns, eye, _ = declaration({"eyepiece_luminance": {"eye": "left", "points_deg": shuffled,
                                                          "instrument": instrument}})
    assert eye == "left" and columns[0] == 8 and columns[-1] == 0  # the centre last but one, (15, 15) first
    assert declaration({"eyepiece_luminance": {"eye": "left", "points_deg": shuffled[1:],
                                               "instrument": instrument}}) is None  # (15, 15) missing


def test_the_uniformity_is_the_least_over_the_greatest(rig):
    # every reading: 200 at the centre, 50 at the dimmest point: a uniformity of 0.25 and a centre of 200
    reading = [200.0, 150.0, 150.0, 120.0, 120.0, 50.0, 80.0, 90.0, 100.0]
    analysis = analyse(io.BytesIO(_edited(rig, reading=reading)))
    got = measure(analysis, analysis.streams["lmd_left"])
    assert got.centre == pytest.approx(200.0) and got.uniformity == pytest.approx(0.25)
    assert got.u_uniformity == 0.0  # identical readings: no type A, and no type B in a ratio of one meter's readings


def test_the_reference_rig_passes_and_a_missing_point_is_not_judged(rig, tmp_path, catalog, run_manifest):
    analysis = analyse(io.BytesIO(rig))
    got = measure(analysis, analysis.streams["lmd_right"])
    assert got.frames == 6 and got.unusable == 0 and 100 < got.centre < 130 and 0.7 < got.uniformity < 0.8

    def verdict(capture: bytes, name: str):
        path = tmp_path / name
        path.write_bytes(capture)
        return captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-011", [path],
                                features=["eyepiece-luminance"])
    passed, text = verdict(rig, "rig.ndjson")
    assert passed == "pass", text
    # the header's eyepiece_luminance streams are ones the capture header's schema knows (TD-CAP-001)
    well_formed, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-CAP-001", [tmp_path / "rig.ndjson"])
    assert well_formed == "pass", text

    def drop_corner(held):
        held["points_deg"] = held["points_deg"][:-1]
    none, text = verdict(_edited(rig, header_change=drop_corner), "eight.ndjson")
    assert none == "inconclusive" and "the eight points at 15 degrees" in text


def test_a_reading_short_of_a_point_or_not_positive_is_unusable(rig):
    # the readings of one chunk differ in width (one cut to three values), and one holds a zero
    header, rest = rig.split(b"\n", 1)
    frames = [orjson.loads(raw) for raw in rest.splitlines()]
    left = [f for f in frames if f["stream"] == "lmd_left"]
    left[0]["luminance_cd_m2"] = left[0]["luminance_cd_m2"][:3]
    left[1]["luminance_cd_m2"][4] = 0.0
    capture = header + b"\n" + b"\n".join(map(orjson.dumps, frames)) + b"\n"
    analysis = analyse(io.BytesIO(capture))
    got = measure(analysis, analysis.streams["lmd_left"])
    # two of the six readings left out: four, fewer than the five a meter needs to be judged
    assert got == ("terminal.eyepiece-luminance-too-few", {"count": 4, "minimum": 5, "unusable": 2})


def test_a_stream_not_judged_beside_a_judged_one_makes_the_run_inconclusive(rig, tmp_path, catalog, run_manifest):
    """The thirty-fifth reading's leftovers, part o2 (row c11's rest): beside the passing reference rig, a
    capture whose streams declare only eight of the nine field points is a declared stream the case cannot judge;
    the run cannot pass (it passed before, the stream only noted)."""
    def drop_corner(held):
        held["points_deg"] = held["points_deg"][:-1]
    paths = [tmp_path / "rig.ndjson", tmp_path / "eight.ndjson"]
    paths[0].write_bytes(rig)
    paths[1].write_bytes(_edited(rig, header_change=drop_corner))
    got, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-011", paths,
                                 features=["eyepiece-luminance"])
    assert got == "inconclusive", text
    assert "the eight points at 15 degrees" in text, text


def test_two_meters_at_the_left_eyepiece_leave_the_right_unjudged(rig, tmp_path, catalog, run_manifest):
    """The thirty-eighth reading's c10: both streams declare the left eye, so the limit "at each eyepiece" is never
    judged at the right; the run is inconclusive (it passed on the left eyepiece's streams)."""
    path = tmp_path / "left-only.ndjson"
    path.write_bytes(_edited(rig, header_change=lambda held: held.update(eye="left")))
    got, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-011", [path],
                                 features=["eyepiece-luminance"])
    assert got == "inconclusive" and "at one eyepiece only (left)" in text, text


def _with_field(capture: bytes, horizontal: float, vertical: float, dark_outside: bool = False) -> bytes:
    """``capture`` whose header's device description declares a field of view of ``horizontal`` by ``vertical``
    degrees (system.display.fov_deg); ``dark_outside``: each reading at a point outside that field reads the black
    the display shows there (0.2 cd/m^2), as a meter aimed past the field of AR glasses does."""
    header, rest = capture.split(b"\n", 1)
    head = orjson.loads(header)
    system = head["device"].setdefault("system", {"name": "Reference AR glasses",
                                                  "tracking": {"orientation": True, "position": True}})
    system.setdefault("display", {})["fov_deg"] = {"horizontal": horizontal, "vertical": vertical}
    frames = []
    for raw in rest.splitlines():
        frame = orjson.loads(raw)
        if dark_outside and "luminance_cd_m2" in frame:
            frame["luminance_cd_m2"] = [0.2 if abs(h) > horizontal / 2 or abs(v) > vertical / 2 else value
                                        for (h, v), value in zip(POINTS, frame["luminance_cd_m2"], strict=True)]
        frames.append(orjson.dumps(frame))
    return orjson.dumps(head) + b"\n" + b"\n".join(frames) + b"\n"


def test_the_declared_field_of_view_decides_the_points_read():
    """The sixtieth reading, part h119-disp: a point within half the horizontal and half the vertical field of view
    is shown (a 30 degree field reaches 15 degrees); the header's device description is read, none meaning all nine."""
    def header(h, v):
        return {"device": {"system": {"display": {"fov_deg": {"horizontal": h, "vertical": v}}}}}
    assert shown(field_of_view(header(52, 29))) == ((0.0, 0.0), (-15.0, 0.0), (15.0, 0.0))
    assert shown(field_of_view(header(30, 30))) == POINTS
    assert field_of_view({"device": {}}) is None and shown(None) == POINTS
    assert field_of_view(header(True, 29)) is None and field_of_view(header(0, 29)) is None


def test_ar_glasses_with_a_29_degree_vertical_field_are_not_failed_at_points_they_cannot_show(
        rig, tmp_path, catalog, run_manifest):
    """The sixtieth reading, part h119-disp: AR glasses declaring a field of view of 52 by 29 degrees show black at
    (0, ±15) and the diagonal points; the check does not read them, judges the centre (R1, which passes) and leaves the
    uniformity over the nine unjudged: inconclusive, naming the points, where it failed R2 before (a uniformity near
    0.002). A meter declaring only the three points the glasses show is judged the same way."""
    glasses = _with_field(rig, 52, 29, dark_outside=True)
    analysis = analyse(io.BytesIO(glasses))
    got = measure(analysis, analysis.streams["lmd_left"])
    assert got.outside == ((0.0, -15.0), (0.0, 15.0), (-15.0, -15.0), (15.0, -15.0), (-15.0, 15.0), (15.0, 15.0))
    assert got.frames == 6 and got.unusable == 0 and 0.85 < got.uniformity < 0.9  # cos^4 15 degrees, over the three points shown
    path = tmp_path / "glasses.ndjson"
    path.write_bytes(glasses)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-011", [path],
                                     features=["eyepiece-luminance"])
    assert verdict == "inconclusive", text
    assert "does not hold (0, -15), (0, 15)" in text and "52 by 29 degrees" in text, text

    def three_points(held):
        held["points_deg"] = [[0, 0], [-15, 0], [15, 0]]
    header, rest = glasses.split(b"\n", 1)
    head = orjson.loads(header)
    for stream in head["streams"]:
        three_points(stream["eyepiece_luminance"])
    frames = [orjson.loads(raw) for raw in rest.splitlines()]
    for frame in frames:
        if "luminance_cd_m2" in frame:
            frame["luminance_cd_m2"] = frame["luminance_cd_m2"][:3]
    path.write_bytes(orjson.dumps(head) + b"\n" + b"\n".join(map(orjson.dumps, frames)) + b"\n")
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-011", [path],
                                     features=["eyepiece-luminance"])
    assert verdict == "inconclusive" and "does not hold (0, -15)" in text, text


def test_a_field_of_view_wide_enough_is_judged_at_all_nine_and_can_still_fail(rig, tmp_path, catalog, run_manifest):
    """The sixtieth reading, part h119-disp: a headset declaring 104 by 96 degrees is read at the nine points: the
    reference rig passes, and a lens dark at its edge (half the centre at every point off the centre) fails R2."""
    wide = _with_field(rig, 104, 96)
    analysis = analyse(io.BytesIO(wide))
    assert measure(analysis, analysis.streams["lmd_left"]).outside == ()
    path = tmp_path / "wide.ndjson"
    path.write_bytes(wide)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-011", [path],
                                     features=["eyepiece-luminance"])
    assert verdict == "pass", text
    dark = [120.0, 40.0, 40.0, 40.0, 40.0, 40.0, 40.0, 40.0, 40.0]
    path.write_bytes(_with_field(_edited(rig, reading=dark), 104, 96))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-011", [path],
                                     features=["eyepiece-luminance"])
    assert verdict == "fail" and "over the nine field points (at least 0.5)" in text, text
