"""TD-GAZE-002 is judged by guarded acceptance (its catalog entry): a mean accuracy inside R1's 1.0 degree but
within the guard band of a target apparatus stating its uncertainty (fixation_targets.instrument) does not pass;
the same gaze without the stated uncertainty cannot pass on type A alone (seventy-sixth reading, h142-gaze: R1's
criterion combines the apparatus's type B), so it is inconclusive: the apparatus's type B is what the band rests on."""

from __future__ import annotations

import gzip
import json

from conformance.areas.terminal.generate.capture import write
from tests.conftest import captures_verdict


def test_a_mean_accuracy_within_the_guard_band_does_not_pass(tmp_path, catalog, run_manifest):
    assert catalog.requirement("TD-GAZE-002").decision_rule.kind == "guarded"
    near = tmp_path / "near.ndjson.gz"
    write(near, "gaze_validation", 5.0, ["gaze-near-limit"])
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-002", [near],
                                     features=["fixation-targets"])
    assert verdict == "fail", text
    assert "R1 mean accuracy" in text and "within the guard band" in text, text
    assert "'outcome': 'guard_band'" in text and "'basis': 'type A and B'" in text

    lines = gzip.decompress(near.read_bytes()).decode().splitlines()
    header = json.loads(lines[0])
    for stream in header["streams"]:
        stream.get("fixation_targets", {}).pop("instrument", None)
    unstated = tmp_path / "unstated.ndjson.gz"
    unstated.write_bytes(gzip.compress(("\n".join([json.dumps(header), *lines[1:]]) + "\n").encode(), mtime=0))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-002", [unstated],
                                     features=["fixation-targets"])
    assert verdict == "inconclusive", text
    assert "the instrument declares no uncertainty" in text, text
