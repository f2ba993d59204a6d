"""Agreement of the measured-flicker rule with a public flicker tool's readings of its own
photodiode traces stays at its recorded level (bench/fidelity_terminal_flicker.py;
tests/corpora/terminal/flicker/)."""

from __future__ import annotations

from tests.conftest import measured_corpora

#: corpus -> (total, agreeing), as measured when the corpus was recorded.
RECORDED = {
    "beautiful-flicker lamp traces, TD-DISP-005 against the source's IEEE 1789 class": (8, 7),
    "beautiful-flicker lamp traces, dominant frequency within 2 Hz": (7, 6),
}


def test_agreement_holds_at_its_recorded_level():
    measured = measured_corpora("fidelity_terminal_flicker")
    for corpus, (total, agree) in RECORDED.items():
        assert (measured[corpus]["total"], measured[corpus]["agree"]) == (total, agree), measured[corpus]
