"""Agreement of the caption rule with real WebVTT caption tracks stays at its recorded level
(bench/fidelity_terminal_captions.py; tests/corpora/terminal/webvtt/)."""

from __future__ import annotations

import pytest

from tests.conftest import measured_corpora

#: corpus -> (total, agreeing), as measured when the corpus was recorded.
RECORDED = {
    "video.js WebVTT caption tracks TD-CAPT-001": (6, 6),
    "video.js WebVTT caption tracks, defects planted, TD-CAPT-001": (6, 6),
}


@pytest.mark.slow  # a corpus measured whole, as the other fidelity tests are
def test_agreement_holds_at_its_recorded_level():
    measured = measured_corpora("fidelity_terminal_captions")
    for corpus, (total, agree) in RECORDED.items():
        assert (measured[corpus]["total"], measured[corpus]["agree"]) == (total, agree), measured[corpus]
