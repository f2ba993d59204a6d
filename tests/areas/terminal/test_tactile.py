"""A tactile array under a reference indenter (TD-TACT-001, -002): the columns the reader keeps do not depend
on the chunks, the reference bench passes with each rule's value well inside its limit, and an indenter that
names no calibrated instruments is not judged. The known-bad fixtures fail in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import io

import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.tactile import hysteresis, measure
from tests.conftest import captures_verdict


@pytest.fixture(scope="module")
def bench() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "tactile_bench", 7.5)
    return buffer.getvalue()


def _holds(capture: bytes, **options):
    analysis = analyse(io.BytesIO(capture), **options)
    return measure(analysis, analysis.streams["indenter"])


def test_the_holds_do_not_depend_on_the_chunks(bench):
    whole, chunked = _holds(bench), _holds(bench, chunk_lines=97)
    assert len(whole.holds) == 21 and whole.light == 3  # 3 points x 7 holds; the lift-offs are lighter
    assert whole.holds == chunked.holds
    assert len(hysteresis(whole.holds)) == 9  # 0.5, 1 and 2 N at each of the 3 points


def test_the_reference_bench_passes_and_an_unnamed_indenter_is_not_judged(bench, tmp_path, catalog, run_manifest):
    def verdict(requirement, *captures):
        return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", requirement, captures,
                                features=["tactile-sensing"])
    good = tmp_path / "bench.ndjson"
    good.write_bytes(bench)
    assert verdict("TD-TACT-001", good)[0] == "pass"
    passed, text = verdict("TD-TACT-002", good)
    assert passed == "pass", text
    assert "21 holds measured, 9 loading and unloading pairs" in text
    header, rest = bench.split(b"\n", 1)
    unnamed = orjson.loads(header)
    del unnamed["streams"][1]["indenter"]["stage"]["calibration"]
    bare = tmp_path / "unnamed.ndjson"
    bare.write_bytes(orjson.dumps(unnamed) + b"\n" + rest)
    none, text = verdict("TD-TACT-002", bare)
    assert none == "inconclusive" and "names no calibrated load cell and positioning stage" in text
