"""A spectroradiometer at each eyepiece (TD-DISP-010): the weighting is IEC 62471's blue-light hazard function, the
reference rig passes far inside the exempt group, and readings not spanning 380 to 700 nm are not judged. The
known-bad fixture fails in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import io

import numpy as np
import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.blue_light import hazard, measure
from conformance.areas.terminal.generate.capture import generate
from tests.areas.terminal.captures import side_by_side, with_header
from tests.conftest import captures_verdict


@pytest.fixture(scope="module")
def rig() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "spectro_rig", 8.0)
    return buffer.getvalue()


def test_the_weighting_is_the_blue_light_hazard_function():
    # its tabulated values, 1 at 435 to 440 nm; 10^((450 - nm) / 50) from 500 to 600 nm; 0.001 beyond
    assert hazard(np.array([437.5, 450.0, 500.0, 550.0, 650.0])) == pytest.approx([1.0, 0.94, 0.1, 0.01, 0.001])
    # below 380 nm the function is 0.01, the ultraviolet the span leaves out
    assert hazard(np.array([300.0, 379.0])) == pytest.approx([0.01, 0.01])


def test_a_blue_line_weighs_what_the_function_says(rig):
    # the rig's left eyepiece with its readings replaced by 2 W m^-2 sr^-1 nm^-1 in the 450 nm bin alone:
    # L_B = 2 x B(450) x 5 nm = 9.4
    header, rest = rig.split(b"\n", 1)
    line = [0.0] * 81
    line[(450 - 380) // 5] = 2.0
    frames = []
    for raw in rest.splitlines():
        frame = orjson.loads(raw)
        if frame.get("stream") == "spectro_left" or "radiance" in frame:
            frame["radiance"] = line
        frames.append(orjson.dumps(frame))
    analysis = analyse(io.BytesIO(header + b"\n" + b"\n".join(frames) + b"\n"))
    assert measure(analysis, analysis.streams["spectro_left"]).l_b == pytest.approx(9.4)


def _short_span(rig: bytes) -> bytes:
    """The rig with its readings starting at 400 nm: 380 nm to 400 nm not covered, a span the case cannot judge."""
    def shifted(header: dict) -> None:
        for stream in header["streams"]:
            stream["spectrum"]["start_nm"] = 400
    return with_header(rig, shifted)


def test_the_reference_rig_passes_and_a_short_span_is_not_judged(rig, tmp_path, catalog, run_manifest):
    analysis = analyse(io.BytesIO(rig))
    got = measure(analysis, analysis.streams["spectro_left"])
    assert got.frames == 8 and got.unusable == 0 and 0.05 < got.l_b < 0.5

    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-010", captures,
                                features=["blue-light"])
    good = tmp_path / "rig.ndjson"
    good.write_bytes(rig)
    passed, text = verdict(good)
    assert passed == "pass", text
    short = tmp_path / "short.ndjson"
    short.write_bytes(_short_span(rig))
    none, text = verdict(short)
    assert none == "inconclusive" and "usable readings, fewer than 5" in text


def test_a_spectrum_not_judged_beside_a_judged_one_makes_the_run_inconclusive(rig, tmp_path, catalog,
                                                                              run_manifest):
    """The thirty-fourth reading, row c11 (part o): beside the passing reference rig, a capture whose readings
    leave 380 nm to 400 nm uncovered is a declared stream the case cannot judge; the run cannot pass (it passed
    before, the stream only noted)."""
    paths = side_by_side(tmp_path, rig, _short_span(rig), "short.ndjson")
    got, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-010", paths,
                                 features=["blue-light"])
    assert got == "inconclusive", text
    assert "usable readings, fewer than 5" in text, text


def test_two_spectroradiometers_at_the_left_eyepiece_leave_the_right_unjudged(rig, tmp_path, catalog,
                                                                             run_manifest):
    """The thirty-eighth reading's c10: both streams declare the left eye, so the limit "at each eyepiece" is never
    judged at the right; the run is inconclusive (it passed on the left eyepiece's streams)."""
    def left(header: dict) -> None:
        for stream in header["streams"]:
            if "spectrum" in stream:
                stream["spectrum"]["eye"] = "left"
    path = tmp_path / "left-only.ndjson"
    path.write_bytes(with_header(rig, left))
    got, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-010", [path],
                                 features=["blue-light"])
    assert got == "inconclusive" and "at one eyepiece only (left)" in text, text
