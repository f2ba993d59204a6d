"""A visual sensor facing a calibration board at known places (TD-CAM-001, -002): the projection puts the board
where the declared intrinsics see it, the holds do not depend on the chunks, the reference bench passes with its
error well inside the limit, and a board whose stage is not named as calibrated is not judged. The known-bad
fixtures fail in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import io

import numpy as np
import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.camera import Intrinsics, board_points, measure, project
from conformance.areas.terminal.generate.capture import generate
from tests.areas.terminal.captures import side_by_side, with_header
from tests.conftest import captures_verdict


@pytest.fixture(scope="module")
def bench() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "camera_bench", 6.5)
    return buffer.getvalue()


def _reprojection(capture: bytes, **options):
    analysis = analyse(io.BytesIO(capture), **options)
    return measure(analysis, analysis.streams["calibration_board"])


def test_the_projection_is_the_pinhole_model():
    k = Intrinsics(640, 480, 600.0, 500.0, 320.0, 240.0, (0.0, 0.0, 0.0, 0.0, 0.0))
    ahead = project(k, 1.0, 0.0)
    # straight ahead at 1 m a corner x m right and y m down lands at (cx + fx x, cy + fy y)
    assert np.allclose(ahead, board_points() * [600.0, 500.0] + [320.0, 240.0])
    # turned 10 degrees to the camera's left the board lands left of cx by about fx tan(10 deg) (its corners' mean
    # is not its centre's image: the board's nearer half is drawn larger)
    left = project(k, 1.0, 10.0).mean(axis=0)
    assert left[0] == pytest.approx(320.0 - 600.0 * np.tan(np.radians(10.0)), abs=1.0) and left[1] == pytest.approx(240.0)
    # barrel distortion (k1 < 0) draws the corners towards the centre
    barrel = project(Intrinsics(640, 480, 600.0, 500.0, 320.0, 240.0, (-0.2, 0.0, 0.0, 0.0, 0.0)), 1.0, 0.0)
    assert np.all(np.abs(barrel - [320.0, 240.0]) <= np.abs(ahead - [320.0, 240.0]) + 1e-9)


def test_the_holds_do_not_depend_on_the_chunks(bench):
    whole, chunked = _reprojection(bench), _reprojection(bench, chunk_lines=37)
    assert [(round(h.distance, 2), h.azimuth) for h in whole.holds] == [(0.6, 0.0), (0.8, -15.0), (1.0, 12.0),
                                                                         (0.7, 20.0)]
    assert whole.holds == chunked.holds and whole.uncovered == 0
    # the bench finds its corners with a 0.15 px ripple
    assert all(h.rms_px < 0.2 and h.missed == 0 for h in whole.holds)


def test_the_reference_bench_passes_and_an_unnamed_stage_is_not_judged(bench, tmp_path, catalog, run_manifest):
    def verdict(requirement, *captures):
        return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", requirement, captures,
                                features=["camera-calibration"])
    good = tmp_path / "bench.ndjson"
    good.write_bytes(bench)
    assert verdict("TD-CAM-001", good)[0] == "pass"
    passed, text = verdict("TD-CAM-002", good)
    assert passed == "pass", text
    assert "4 board places measured" in text
    bare = tmp_path / "unnamed.ndjson"
    bare.write_bytes(_uncalibrated(bench))
    none, text = verdict("TD-CAM-002", bare)
    assert none == "inconclusive" and "names no calibrated distance meter and rotary stage" in text


def _uncalibrated(bench: bytes) -> bytes:
    """The bench with its board's stage naming no calibration: a declared stream the case cannot judge."""
    return with_header(bench, lambda header: header["streams"][1]["calibration_board"]["stage"].pop("calibration"))


def test_a_board_not_judged_beside_a_judged_one_makes_the_run_inconclusive(bench, tmp_path, catalog, run_manifest):
    """The thirty-fifth reading's leftovers, part o2 (row c11's rest): beside the passing reference bench, a
    second one whose stage names no calibration is a declared stream TD-CAM-002 cannot judge; the run cannot
    pass (it passed before, the stream only noted)."""
    paths = side_by_side(tmp_path, bench, _uncalibrated(bench))
    got, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-CAM-002", paths,
                                 features=["camera-calibration"])
    assert got == "inconclusive", text
    assert "names no calibrated distance meter and rotary stage" in text, text


def test_a_board_place_the_camera_does_not_cover_leaves_the_run_inconclusive(bench, tmp_path, catalog,
                                                                            run_manifest):
    """The seventy-third reading's c3 (part h137-cam): the camera's frames during the first hold are dropped, so
    that place of the plan is never measured; it is recorded unjudged and the run cannot pass on the other three
    (it passed, the place only counted in a note), as TD-DEPTH-002 and TD-RADAR-002 record theirs."""
    header, *frames = bench.strip().split(b"\n")
    second = _reprojection(bench).holds[1].t  # the second hold's start: the first lies before it
    kept = [line for line in frames
            if not (orjson.loads(line)["stream"] == "rgb_camera" and orjson.loads(line)["t"] < second)]
    path = tmp_path / "uncovered.ndjson"
    path.write_bytes(b"\n".join([header, *kept]) + b"\n")
    got = _reprojection(path.read_bytes())
    assert got.uncovered == 1 and len(got.holds) == 3
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-CAM-002", [path],
                                     features=["camera-calibration"])
    assert verdict == "inconclusive", text
    assert "1 board place(s) covered by fewer than 10 of the camera's frames" in text, text
