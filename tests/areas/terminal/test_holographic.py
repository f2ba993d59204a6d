"""Multiview displays (TD-HOLO-*): the quilt reader and the sweep parser on planted and hostile
input, and the holographic-display profile on the reference's samples."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from conformance.areas.terminal.lightfield import eye_angle_deg, inconsistencies, parse_sweep, zone_problems, zones
from conformance.areas.terminal.multiview import (
    MAX_PIXELS,
    Layout,
    metadata_layout,
    named_layout,
    order,
    read_quilt,
    view_steps,
)
from conformance.reference import SAMPLES
from tests.conftest import manifest_for, verdicts

LAYOUT = Layout(4, 2, "bottom_left", 128, 96)


def _texture(seed: int, shape: tuple[int, int]) -> np.ndarray:
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal(shape)
    fy, fx = np.fft.fftfreq(shape[0])[:, None], np.fft.fftfreq(shape[1])[None, :]
    return np.fft.ifft2(np.fft.fft2(noise) * np.exp(-(fx**2 + fy**2) * 200)).real


@pytest.mark.parametrize("step", [-3.0, -1.0, 0.5, 2.0])
def test_phase_correlation_finds_the_planted_shift(step):
    wall = _texture(3, (96, 400))
    planted = [round(step * (v - 4)) for v in range(8)]  # whole pixels: np.roll moves the content right
    steps = view_steps([np.roll(wall, shift, axis=1)[:, 100:228] for shift in planted])
    assert np.allclose(steps, np.diff(planted), atol=0.1), steps


def test_order_flags_a_step_back_and_a_jump():
    assert order(np.full(7, 2.0)).out_of_order == []
    # views 0..7 at 0, 2, 4, 8, 6, 10, 12, 14: view 4 steps back
    assert [v for v, _ in order(np.diff([0, 2, 4, 8, 6, 10, 12, 14.0])).out_of_order] == [4]
    # view 4 at 20 instead of 8: a jump there and a step back after it
    assert [v for v, _ in order(np.diff([0, 2, 4, 6, 20, 10, 12, 14.0])).out_of_order] == [4, 5]
    # a full-parallax quilt of two rows of four viewpoints: no step from view 3 to view 4
    two_rows = np.array([2.0, 2, 2, np.nan, 2, 2, 2])
    assert order(two_rows).out_of_order == [] and order(two_rows).step == 2.0
    assert order(np.zeros(7)).flat and not order(np.array([0.3, -0.3, 0.3, -0.3, 0.3, -0.3, 0.3])).flat


def test_steps_stop_at_the_end_of_a_row_of_viewpoints():
    wall = _texture(5, (96, 400))
    views = [np.roll(wall, 2 * (v % 4), axis=1)[:, 100:228] for v in range(8)]  # two rows of four
    steps = view_steps(views, row_views=4)
    assert np.isnan(steps[3]) and np.allclose(np.delete(steps, 3), 2.0, atol=0.1)


def test_quilt_file_name_states_the_layout():
    assert named_layout("scene_qs8x6a0.75.png") == (8, 6, 0.75)
    assert named_layout("scene.png") is None
    # annex E: the suffix ends the stem (forty-first reading, a13); one inside the name states nothing
    assert named_layout("scene_qs8x6a0.75") == (8, 6, 0.75) and named_layout("SCENE_QS8X6A1.JPG") == (8, 6, 1.0)
    assert named_layout("scene_qs8x6a0.75_copy.png") is None


def test_a_quilt_in_a_format_annex_e_does_not_define_is_not_judged(tmp_path):
    """Forty-first reading, a13: a quilt is a PNG or JPEG file; a GIF or WebP was judged as one before."""
    quilt = _quilt_of([np.roll(_texture(5, (96, 400)), 2 * v, axis=1)[:, 100:228] for v in range(8)],
                      tmp_path / "q.png")
    for kind in ("GIF", "WEBP", "TIFF"):
        buffer = io.BytesIO()
        Image.open(quilt).save(buffer, kind)
        report = read_quilt(buffer.getvalue(), f"scene_qs9x9a1.{kind.lower()}", LAYOUT, 0.02)
        assert report.unjudged is not None and kind in str(report.unjudged) and not report.problems
        assert report.steps is None
    for kind in ("PNG", "JPEG"):
        buffer = io.BytesIO()
        Image.open(quilt).save(buffer, kind)
        assert read_quilt(buffer.getvalue(), "q", LAYOUT, 0.02).unjudged is None


def _png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` but holds almost nothing (a bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def test_hostile_quilts_are_findings_not_crashes():
    # past the reading bound 「拼图的像素数」 on its header, before decoding: not judged, no finding (sixty-eighth
    # reading, c5), whether the harness or Pillow itself (a decompression bomb) refuses the size
    for width in (9000, 20000):
        huge = read_quilt(_png(width, width), "bomb.png", LAYOUT, 0.02)
        assert huge.steps is None and not huge.problems and huge.unjudged is not None
        assert str(MAX_PIXELS) in str(huge.unjudged) and "pixels of a quilt" in str(huge.unjudged)
    for data in (b"not an image", _png(512, 192), b"\x89PNG\r\n\x1a\n"):
        report = read_quilt(data, "x.png", LAYOUT, 0.02)
        assert report.steps is None and report.problems
    buffer = io.BytesIO()
    Image.new("L", (16, 8)).save(buffer, "PNG")
    assert "under 8 pixels" in str(read_quilt(buffer.getvalue(), "tiny.png", LAYOUT, 0.02).problems[-1])


GOOD = {"technology": "lenticular", "views": {"horizontal": 8, "vertical": 1},
        "view_cone_deg": {"horizontal": 40, "vertical": 0}, "view_resolution": {"width": 128, "height": 96},
        "optimal_viewing_distance_m": 0.6, "max_crosstalk_percent": 20,
        "quilt": {"columns": 4, "rows": 2, "origin": "bottom_left"}}


def test_declaration_consistency():
    assert inconsistencies(GOOD) == []
    # 40 degrees over 8 views is 5 degrees a view; at 0.75 m two eyes subtend 4.96 degrees
    assert eye_angle_deg(0.75) < 5 < eye_angle_deg(0.7)
    assert [r for r, _, _ in inconsistencies({**GOOD, "optimal_viewing_distance_m": 0.75})] == ["R3"]


def _sweep(rows: list[str]) -> bytes:
    return ("angle_deg,black,view_0,view_1\n" + "\n".join(rows) + "\n").encode()


def test_sweep_parser_judges_what_it_cannot_read():
    assert "UTF-8" in str(parse_sweep(b"\xff\xfe\x00", 2).problems[0][0])
    assert parse_sweep(b"", 2).problems
    assert "2 numbers" not in str(parse_sweep(_sweep(["0,1,2"]), 2).problems[0][0])
    assert parse_sweep(_sweep(["0,1,2,x"]), 2).problems[0][1] == {"line": 2}
    assert "finite" in str(parse_sweep(_sweep(["-1,0,1,1", "0,0,nan,1", "1,0,1,1"]), 2).problems[0][0])
    assert "too" not in str(parse_sweep(_sweep(["-1,0,1,1", "0,0,1,1", "1,0,1,1"]), 2).problems)


def test_crosstalk_is_leak_over_own_light_above_black():
    # two views peaking at -10 and +10 degrees; at each peak the other view leaks 10 cd/m² over
    # 100 cd/m² of its own (both above a black level of 1): 10 %
    rows = ["-20,1,51,1", "-10,1,101,11", "0,1,51,51", "10,1,11,101", "20,1,1,51"]
    found = zones(parse_sweep(_sweep(rows), 2))
    assert list(found.peaks_deg) == [-10, 10]
    assert np.allclose(found.crosstalk_percent, 10.0)
    assert zone_problems(found, 40, 0.15) == []  # 20 degrees between peaks, two views: 40
    assert "span" in str(zone_problems(found, 32, 0.15)[0])  # 40 against 32: 25 % over
    assert "covers" in str(zone_problems(found, 60, 0.15)[0])


def test_samples_pass_the_profile(catalog, run_manifest):
    manifest = manifest_for(catalog, "holographic-display")
    result = run_manifest(manifest)
    assert verdicts(result) == {"TD-HOLO-001": "pass", "TD-HOLO-002": "pass", "TD-HOLO-003": "pass"}


def test_content_and_sweeps_wait_for_one_valid_declaration(catalog, run_manifest, tmp_path):
    """An invalid declaration fails TD-HOLO-001 alone: quilts and sweeps are not judged against
    it (inconclusive), nor against two declarations at once."""
    invalid = manifest_for(catalog, "holographic-display", files={"displays": ["holo-rules/display-no-stereo.json"]})
    found = verdicts(run_manifest(invalid))
    assert found == {"TD-HOLO-001": "fail", "TD-HOLO-002": "inconclusive", "TD-HOLO-003": "inconclusive"}
    two = manifest_for(catalog, "holographic-display")
    sample = two["targets"]["displays"]["paths"][0]
    copy = tmp_path / "second-display.json"
    copy.write_bytes((SAMPLES / "displays" / "lightfield-display.json").read_bytes())
    two["targets"]["displays"]["paths"] = [sample, str(copy)]
    found = verdicts(run_manifest(two))
    assert found == {"TD-HOLO-001": "pass", "TD-HOLO-002": "inconclusive", "TD-HOLO-003": "inconclusive"}


def _jpeg_with_comment(comment: bytes) -> Image.Image:
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = comment
    buffer = io.BytesIO()
    Image.new("L", (64, 32)).save(buffer, "JPEG", exif=exif)
    return Image.open(io.BytesIO(buffer.getvalue()))


def test_looking_glass_metadata_states_a_layout_or_nothing():
    stated = b'{"LKGNumViews": 48, "LKGRows": 6, "LKGColumns": 8, "LKGAspect": 0.75}'
    assert metadata_layout(_jpeg_with_comment(b"ASCII\0\0\0" + stated)) == (8, 6, 48)
    assert metadata_layout(_jpeg_with_comment(b"UNICODE\0" + stated.decode().encode("utf-16"))) == (8, 6, 48)
    for comment in (b"ASCII\0\0\0not json {", b'ASCII\0\0\0{"LKGRows": true, "LKGColumns": 8}', b"\xff" * 20,
                    b"ASCII\0\0\0[1, 2]"):
        assert metadata_layout(_jpeg_with_comment(comment)) is None
    buffer = io.BytesIO()
    Image.new("L", (64, 32)).save(buffer, "JPEG")
    assert metadata_layout(Image.open(buffer)) is None


def test_a_view_that_never_lights_has_no_zone_and_a_finite_crosstalk():
    rows = ["-20,1,51,1", "-10,1,101,1", "0,1,51,1", "10,1,11,1", "20,1,1,1"]
    found = zones(parse_sweep(_sweep(rows), 2))
    assert found.unlit == [1] and np.isfinite(found.crosstalk_percent).all()
    assert "never rise above the black level" in str(zone_problems(found, 40, 0.15)[0])


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
@example(b"\r\x00")  # a bare carriage return: the csv module raised on it (found by this test)
@example(b'angle_deg,black\n"' + b"x" * 200_000 + b'"\n')  # a field past the csv module's limit
def test_any_bytes_are_judged_never_raised(data):
    sweep = parse_sweep(data, 2)
    assert sweep.problems or len(sweep.angles) >= 3
    report = read_quilt(data, "any_qs4x2a1.33.png", LAYOUT, 0.02)
    assert report.problems or report.steps is not None or report.unjudged is not None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=4, max_size=4),
                min_size=0, max_size=12))
def test_any_sweep_table_gives_findings_or_finite_figures(rows):
    text = "angle_deg,black,view_0,view_1\n" + "\n".join(",".join(repr(v) for v in row) for row in rows)
    sweep = parse_sweep(text.encode(), 2)
    if not sweep.problems:
        found = zones(sweep)
        assert np.isfinite(found.crosstalk_percent).all()
        zone_problems(found, 40, 0.15)


def _quilt_of(tiles: list[np.ndarray], path) -> str:
    """The tiles as a 4 x 2 quilt, view 0 bottom left (the layout of the reference's display)."""
    canvas = np.zeros((96 * 2, 128 * 4), np.uint8)
    for view, tile in enumerate(tiles):
        row, column = divmod(view, 4)
        canvas[(1 - row) * 96:(2 - row) * 96, column * 128:(column + 1) * 128] = tile
    Image.fromarray(canvas, "L").save(path, format="PNG")
    return str(path)


@pytest.mark.slow
def test_a_flat_quilt_beside_a_good_one_leaves_the_set_undecided(catalog, run_manifest, tmp_path):
    """A quilt whose views show no parallax cannot be judged for order (R2): beside a good quilt
    the set is inconclusive, naming it, where it used to pass (issue 59)."""
    flat = _quilt_of([_texture(5, (96, 128))] * 8, tmp_path / "flat_qs4x2a1.3333.png")
    good = str(SAMPLES / "quilts" / "scene_qs4x2a1.3333.png")
    manifest = manifest_for(catalog, "holographic-display", files={"quilts": [good, flat]})
    result = run_manifest(manifest, requirements=["TD-HOLO-002"])
    record = next(r for r in result.report.requirements if r.requirement == "TD-HOLO-002")
    assert record.verdict.value == "inconclusive" and "flat_qs4x2a1.3333.png" in record.message


def test_one_pair_of_adjacent_views_too_far_apart_breaks_r3_though_the_median_step_is_small():
    from tests.paths import ROOT

    quilt = (ROOT / "suites" / "terminal" / "fixtures" / "holo-rules" / "quilt-one-step-large.png").read_bytes()
    report = read_quilt(quilt, "quilt-one-step-large.png", LAYOUT, 0.02)
    ordered = order(report.steps)
    assert not ordered.out_of_order  # R2 holds: 7 px is under three times the median
    assert abs(ordered.step) / report.tile_width < 0.05 < np.nanmax(np.abs(report.steps)) / report.tile_width
