"""Touch recognition under the reference indenter (TD-TACT-004): what the reader keeps does not depend on the
chunks; the reference bench passes, its touches split into four presses and a slide, the settling frames after
each change of contact left out; two contacts listed in the other order than the tips are paired by place; an
indenter naming no calibrated instruments is not judged. The known-bad fixtures (one per rule) fail in
tests/e2e/test_known_bad.py."""

from __future__ import annotations

import io

import numpy as np
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.generate.touch import DURATION_S
from conformance.areas.terminal.touch import matched, measure
from tests.areas.terminal.captures import side_by_side, with_header
from tests.conftest import captures_verdict


@pytest.fixture(scope="module")
def bench() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "touch_bench", DURATION_S)
    return buffer.getvalue()


def _recognised(capture: bytes, **options):
    analysis = analyse(io.BytesIO(capture), **options)
    return measure(analysis, analysis.streams["touch_indenter"], 50.0)


def test_the_touches_do_not_depend_on_the_chunks(bench):
    whole, chunked = _recognised(bench), _recognised(bench, chunk_lines=97)
    assert whole == chunked
    assert [(t.tips, t.slide) for t in whole.touches] == [(1, False)] * 3 + [(2, False), (1, True)]
    # 10 changes of contact (5 touch-downs, 5 lift-offs), about 5 device frames each within 50 ms
    assert 40 <= whole.settling <= 60 and whole.share == 1.0 and not whole.ghosts


def test_two_contacts_are_paired_with_the_nearer_tips():
    tips = np.array([[[0.0, 0.0], [20.0, 0.0]]])
    listed_the_other_way = np.array([[[20.5, 0.0], [0.0, 1.0]]])
    assert matched(2, tips, listed_the_other_way) == pytest.approx([1.0])


def test_the_reference_bench_passes_and_an_unnamed_indenter_is_not_judged(bench, tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-004", captures,
                                features=["tactile-sensing"])
    good = tmp_path / "bench.ndjson"
    good.write_bytes(bench)
    passed, text = verdict(good)
    assert passed == "pass" and "5 touches" in text, text
    bare = tmp_path / "unnamed.ndjson"
    bare.write_bytes(_uncalibrated(bench))
    none, text = verdict(bare)
    assert none == "inconclusive" and "names no calibrated load cell and positioning stage" in text, text


def _uncalibrated(bench: bytes) -> bytes:
    """The bench with its indenter's instrument naming no calibration: a declared stream the case cannot judge."""
    return with_header(bench, lambda header: header["streams"][1]["indenter"]["instrument"].pop("calibration"))


def test_an_indenter_not_judged_beside_a_judged_one_makes_the_run_inconclusive(bench, tmp_path, catalog,
                                                                               run_manifest):
    """The thirty-fourth reading, row c11 (part o): beside the passing reference bench, a second one whose
    indenter names no calibration is a declared stream the case cannot judge; the run cannot pass (it passed
    before, the stream only noted)."""
    paths = side_by_side(tmp_path, bench, _uncalibrated(bench))
    got, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-004", paths,
                                 features=["tactile-sensing"])
    assert got == "inconclusive", text
    assert "names no calibrated load cell and positioning stage" in text, text
