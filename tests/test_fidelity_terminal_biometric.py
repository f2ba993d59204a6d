"""Agreement of the biometric rules with real eye-tracking metadata stays at its recorded
level (bench/fidelity_terminal_biometric.py; tests/corpora/terminal/bids/)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: corpus -> (total, agreeing), as measured when the corpus was recorded.
RECORDED = {
    "bids-eyetracking TD-BIO-001": (8, 8),  # the EEG recording is an eeg stream, biometric by nature
    "bids-eyetracking TD-BIO-004": (8, 8),
}


def test_agreement_holds_at_its_recorded_level():
    spec = importlib.util.spec_from_file_location("fidelity_terminal_biometric",
                                                  ROOT / "bench" / "fidelity_terminal_biometric.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    measured = {c["corpus"]: (c["total"], c["agree"], c["disagreements"]) for c in module.measure()}
    for corpus, (total, agree) in RECORDED.items():
        got_total, got_agree, misses = measured[corpus]
        assert (got_total, got_agree) == (total, agree), (corpus, misses)
