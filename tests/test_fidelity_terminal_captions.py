"""Agreement of the caption rule with real WebVTT caption tracks stays at its recorded level
(bench/fidelity_terminal_captions.py; tests/corpora/terminal/webvtt/)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: corpus -> (total, agreeing), as measured when the corpus was recorded.
RECORDED = {
    "video.js WebVTT caption tracks TD-CAPT-001": (6, 6),
    "video.js WebVTT caption tracks, defects planted, TD-CAPT-001": (6, 6),
}


def test_agreement_holds_at_its_recorded_level():
    spec = importlib.util.spec_from_file_location("fidelity_terminal_captions",
                                                  ROOT / "bench" / "fidelity_terminal_captions.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    measured = {c["corpus"]: (c["total"], c["agree"], c["disagreements"]) for c in module.measure()}
    for corpus, (total, agree) in RECORDED.items():
        got_total, got_agree, misses = measured[corpus]
        assert (got_total, got_agree) == (total, agree), (corpus, misses)
