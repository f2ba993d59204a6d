"""An olfactory device under a photoionization detector (TD-OLF-003): the reference bench passes with each
rule's value well inside its limit, the measurement does not depend on the chunks, a bench with no two
intensities of one scent leaves R3 unjudged, and a detector naming no calibration is not judged. The
known-bad fixtures fail in tests/e2e/test_known_bad.py; each fault's effect is held in test_generate.py."""

from __future__ import annotations

import io

import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.generate.scent import DURATION_S
from conformance.areas.terminal.scent_release import intensity_pairs, measure
from tests.conftest import captures_verdict


@pytest.fixture(scope="module")
def bench() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "scent_bench", DURATION_S)
    return buffer.getvalue()


def _bench(capture: bytes, **options):
    analysis = analyse(io.BytesIO(capture), **options)
    return measure(analysis, analysis.streams["pid"])


def test_each_command_s_release_is_measured_whatever_the_chunks(bench):
    """Four commands released 0.55 s after each (0.5 s to the outlet, a 0.3 s rise to 10 %), each lasting its
    2 or 4 s give or take a sample and the lags, three pairs of pine at intensities twice apart or more."""
    got = _bench(bench)
    assert [(m.scent, m.intensity, m.duration_s) for m in got.measured] == [
        ("pine", 0.25, 2.0), ("pine", 0.5, 2.0), ("pine", 1.0, 2.0), ("coffee", 1.0, 4.0)]
    assert all(0.5 < m.latency_s < 0.65 and abs(m.released_s / m.duration_s - 1) < 0.1 for m in got.measured)
    assert [round(ratio) for *_, ratio in intensity_pairs(got.measured)] == [2, 4, 2]
    assert _bench(bench, chunk_lines=7).measured == got.measured


def test_the_reference_bench_passes_and_what_is_missing_is_not_judged(bench, tmp_path, catalog, run_manifest):
    def verdict(capture: bytes, name: str):
        path = tmp_path / name
        path.write_bytes(capture)
        return captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-OLF-003", [path],
                                features=["olfactory"])
    passed, text = verdict(bench, "bench.ndjson")
    assert passed == "pass", text
    assert "4 commands measured, 4 released, 3 intensity pairs, 0 left out" in text
    header, *frames = bench.strip().split(b"\n")
    # one intensity only: no pair to order (R3 not judged), so the pass is inconclusive
    single = [f for f in frames if b'"intensity":0.25' not in f and b'"intensity":0.5' not in f]
    got, text = verdict(b"\n".join([header, *single]), "single.ndjson")
    assert got == "inconclusive" and "no two released commands of one scent and duration" in text, text
    unnamed = orjson.loads(header)
    del unnamed["streams"][1]["gas_sensor"]["instrument"]["calibration"]
    got, text = verdict(b"\n".join([orjson.dumps(unnamed), *frames]), "unnamed.ndjson")
    assert got == "inconclusive" and "names no calibrated photoionization detector" in text, text


def test_a_detector_not_judged_beside_a_judged_one_makes_the_run_inconclusive(bench, tmp_path, catalog,
                                                                               run_manifest):
    """The thirty-fourth reading, row c11 (part o): beside the passing reference bench, a second capture whose
    detector names no calibration is a declared stream the case cannot judge; the run cannot pass (it passed
    before, the stream only noted), as TD-MPLAT-003 and TD-PERF-002 record theirs."""
    header, *frames = bench.strip().split(b"\n")
    unnamed = orjson.loads(header)
    del unnamed["streams"][1]["gas_sensor"]["instrument"]["calibration"]
    paths = [tmp_path / "bench.ndjson", tmp_path / "unnamed.ndjson"]
    paths[0].write_bytes(bench)
    paths[1].write_bytes(b"\n".join([orjson.dumps(unnamed), *frames]))
    got, text = captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-OLF-003", paths,
                                 features=["olfactory"])
    assert got == "inconclusive", text
    assert "names no calibrated photoionization detector" in text, text


def test_a_command_whose_window_the_trace_covers_too_little_is_unjudged(bench, tmp_path, catalog, run_manifest):
    """The thirty-sixth reading's leftovers, part r: a command the case measures whose window the detector's record
    covers less than MIN_COVERAGE of was only counted in a note, so the run passed over it; it is unjudged now,
    as TD-OLF-005 records a planned scent (the 不确定 line and step 3)."""
    header, *frames = bench.strip().split(b"\n")
    # the coffee command (t 1038 s, 4 s) keeps under half of its window's trace
    cut = [f for f in frames if not (b'"stream":"pid"' in f and 1040e9 <= orjson.loads(f)["t"] < 1046e9)]
    capture = b"\n".join([header, *cut])
    got = _bench(capture)
    assert got.uncovered == 1 and [m.scent for m in got.measured] == ["pine", "pine", "pine"]
    path = tmp_path / "cut.ndjson"
    path.write_bytes(capture)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-OLF-003", [path],
                                     features=["olfactory"])
    assert verdict == "inconclusive" and "1 commanded scent(s) not measured" in text, text
