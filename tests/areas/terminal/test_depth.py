"""An infrared depth sensor facing a reference target at known distances (TD-DEPTH-001, -002): the holds do not
depend on the chunks, the reference bench passes with each rule's value well inside its limit, and a target
whose distance meter is not named as calibrated is not judged. The known-bad fixtures fail in
tests/e2e/test_known_bad.py."""

from __future__ import annotations

import io

import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.depth import measure
from conformance.areas.terminal.generate.capture import generate
from tests.areas.terminal.captures import side_by_side, with_header
from tests.conftest import captures_verdict


@pytest.fixture(scope="module")
def bench() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "depth_bench", 6.5)
    return buffer.getvalue()


def _ranging(capture: bytes, **options):
    analysis = analyse(io.BytesIO(capture), **options)
    return measure(analysis, analysis.streams["tof_target"])


def test_the_holds_do_not_depend_on_the_chunks(bench):
    whole, chunked = _ranging(bench), _ranging(bench, chunk_lines=37)
    assert [round(h.distance, 2) for h in whole.holds] == [0.5, 1.0, 2.0, 3.0] and whole.uncovered == 0
    assert whole.holds == chunked.holds
    assert all(abs(h.read - h.distance) / h.distance < 0.005 and h.noise / h.distance < 0.002 for h in whole.holds)


def _uncalibrated(bench: bytes) -> bytes:
    """The bench with its distance meter naming no calibration: a declared stream the case cannot judge."""
    return with_header(bench, lambda header: header["streams"][1]["range_target"]["instrument"].pop("calibration"))


def test_the_reference_bench_passes_and_an_unnamed_meter_is_not_judged(bench, tmp_path, catalog, run_manifest):
    def verdict(requirement, *captures):
        return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", requirement, captures,
                                features=["depth-sensing"])
    good = tmp_path / "bench.ndjson"
    good.write_bytes(bench)
    assert verdict("TD-DEPTH-001", good)[0] == "pass"
    passed, text = verdict("TD-DEPTH-002", good)
    assert passed == "pass", text
    assert "4 target positions measured" in text
    bare = tmp_path / "unnamed.ndjson"
    bare.write_bytes(_uncalibrated(bench))
    none, text = verdict("TD-DEPTH-002", bare)
    assert none == "inconclusive" and "names no calibrated distance meter" in text


def test_a_meter_not_judged_beside_a_judged_one_makes_the_run_inconclusive(bench, tmp_path, catalog, run_manifest):
    """The thirty-fourth reading, row c11 (part o): beside the passing reference bench, a second one whose
    distance meter names no calibration is a declared stream the case cannot judge; the run cannot pass (it
    passed before, the stream only noted)."""
    paths = side_by_side(tmp_path, bench, _uncalibrated(bench))
    got, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-DEPTH-002", paths,
                                 features=["depth-sensing"])
    assert got == "inconclusive", text
    assert "names no calibrated distance meter" in text, text


def test_a_target_position_the_sensor_does_not_cover_leaves_the_run_inconclusive(bench, tmp_path, catalog,
                                                                                  run_manifest):
    """The thirty-eighth reading's c11: the sensor's frames during the 0.5 m hold are dropped, so that position of
    the plan is never measured; it is recorded unjudged and the run cannot pass on the other three (it passed)."""
    header, *frames = bench.strip().split(b"\n")
    first = _ranging(bench).holds[1].t  # the 1 m hold's start: the 0.5 m hold lies before it
    kept = [line for line in frames
            if not (orjson.loads(line)["stream"] == "tof" and orjson.loads(line)["t"] < first)]
    path = tmp_path / "uncovered.ndjson"
    path.write_bytes(b"\n".join([header, *kept]) + b"\n")
    assert _ranging(path.read_bytes()).uncovered == 1
    got, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-DEPTH-002", [path],
                                 features=["depth-sensing"])
    assert got == "inconclusive" and "covered by fewer than 10 of the sensor's frames" in text, text
