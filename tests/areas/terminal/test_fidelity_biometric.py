"""Agreement of the biometric rules with real eye-tracking metadata stays at its recorded
level (bench/fidelity_terminal_biometric.py; tests/corpora/terminal/bids/)."""

from __future__ import annotations

from tests.conftest import measured_corpora

#: corpus -> (total, agreeing), as measured when the corpus was recorded.
RECORDED = {
    "bids-eyetracking TD-BIO-001": (8, 8),  # the EEG recording is an eeg stream, biometric by nature
    "bids-eyetracking TD-BIO-004": (8, 8),
}


def test_agreement_holds_at_its_recorded_level():
    measured = measured_corpora("fidelity_terminal_biometric")
    for corpus, (total, agree) in RECORDED.items():
        assert (measured[corpus]["total"], measured[corpus]["agree"]) == (total, agree), measured[corpus]
