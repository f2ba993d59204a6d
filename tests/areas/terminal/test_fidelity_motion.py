"""Agreement of the motion rules with real head traces stays at its recorded level
(bench/fidelity_terminal_motion.py; tests/corpora/terminal/headtracking/)."""

from __future__ import annotations

import importlib.util

from tests.paths import ROOT

#: corpus -> (total, agreeing), as measured when the corpus was recorded.
RECORDED = {"headtracking TD-MOT-001": (4, 4), "headtracking TD-MOT-002": (4, 4), "headtracking TD-MOT-003": (4, 4)}


def test_agreement_holds_at_its_recorded_level():
    spec = importlib.util.spec_from_file_location("fidelity_terminal_motion",
                                                  ROOT / "bench" / "fidelity_terminal_motion.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    measured = {c["corpus"]: (c["total"], c["agree"], c["disagreements"]) for c in module.measure()}
    assert set(measured) == set(RECORDED)
    for corpus, (total, agree) in RECORDED.items():
        got_total, got_agree, misses = measured[corpus]
        assert (got_total, got_agree) == (total, agree), (corpus, misses)
