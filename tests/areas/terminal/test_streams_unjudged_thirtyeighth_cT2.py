"""The thirty-eighth reading's row c9 (part cT2): a force_feedback stream whose offer the device descriptor does not
hold may declare a lower safety force (TD-FORCE-004 R3) or stop time (TD-FORCE-005) than the standard's; the limit
is unknown, so the stream is unjudged and the bench cannot pass. Each test failed against the check before the fix."""

from __future__ import annotations

import pytest

from tests.areas.terminal.captures import without_offer
from tests.areas.terminal.test_streams_unjudged import SAMPLES
from tests.conftest import captures_verdict


@pytest.mark.parametrize(("rid", "feature"), [("TD-FORCE-004", "rendered-force"), ("TD-FORCE-005", "output-stop")])
def test_a_bench_whose_offer_is_unknown_is_inconclusive(rid, feature, tmp_path, catalog, run_manifest):
    unoffered = without_offer(SAMPLES / "force-bench.ndjson.gz", "force_feedback", tmp_path)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-force-feedback", rid, [unoffered],
                                     features=[feature])
    assert verdict == "inconclusive" and "holds no offer" in text, text
