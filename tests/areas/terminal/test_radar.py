"""A millimetre-wave radar facing a corner reflector at known places (TD-RADAR-001, -002): the holds do not depend on
the chunks and ignore the clutter, the reference bench passes with each rule's value well inside its limit, and a
reflector whose stage is not named as calibrated is not judged. The known-bad fixtures fail in
tests/e2e/test_known_bad.py."""

from __future__ import annotations

import io

import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.radar import measure
from tests.areas.terminal.captures import side_by_side, with_header
from tests.conftest import captures_verdict


@pytest.fixture(scope="module")
def bench() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "radar_bench", 6.5)
    return buffer.getvalue()


def _ranging(capture: bytes, **options):
    analysis = analyse(io.BytesIO(capture), **options)
    return measure(analysis, analysis.streams["corner_reflector"])


def test_the_holds_do_not_depend_on_the_chunks(bench):
    whole, chunked = _ranging(bench), _ranging(bench, chunk_lines=37)
    assert [(round(h.distance, 2), h.azimuth) for h in whole.holds] == [(1.0, 0.0), (2.0, -20.0), (3.0, 15.0),
                                                                         (4.0, 30.0)]
    assert whole.holds == chunked.holds and whole.uncovered == 0
    # the clutter at 6 m is never taken for the reflector; the bench reads 1 cm far with a 1 cm ripple
    assert all(h.range_error < 0.02 and h.azimuth_error < 0.5 and h.missed == 0 for h in whole.holds)


def _uncalibrated(bench: bytes) -> bytes:
    """The bench with its rotary stage naming no calibration: a declared stream the case cannot judge."""
    return with_header(bench, lambda header: header["streams"][1]["reflector"]["stage"].pop("calibration"))


def test_the_reference_bench_passes_and_an_unnamed_stage_is_not_judged(bench, tmp_path, catalog, run_manifest):
    def verdict(requirement, *captures):
        return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", requirement, captures,
                                features=["radar-sensing"])
    good = tmp_path / "bench.ndjson"
    good.write_bytes(bench)
    assert verdict("TD-RADAR-001", good)[0] == "pass"
    passed, text = verdict("TD-RADAR-002", good)
    assert passed == "pass", text
    assert "4 reflector places measured" in text
    bare = tmp_path / "unnamed.ndjson"
    bare.write_bytes(_uncalibrated(bench))
    none, text = verdict("TD-RADAR-002", bare)
    assert none == "inconclusive" and "names no calibrated distance meter and rotary stage" in text


def test_a_stage_not_judged_beside_a_judged_one_makes_the_run_inconclusive(bench, tmp_path, catalog, run_manifest):
    """The thirty-fourth reading, row c11 (part o): beside the passing reference bench, a second one whose
    rotary stage names no calibration is a declared stream the case cannot judge; the run cannot pass (it
    passed before, the stream only noted)."""
    paths = side_by_side(tmp_path, bench, _uncalibrated(bench))
    got, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-RADAR-002", paths,
                                 features=["radar-sensing"])
    assert got == "inconclusive", text
    assert "names no calibrated distance meter and rotary stage" in text, text
