"""The data area's agreement with the official DCAT-AP 3.0.1 SHACL shapes (run by pySHACL when
the corpus was recorded) on public DCAT descriptions stays at its recorded level
(bench/fidelity_data.py; corpus and sources in tests/corpora/data/)."""

from __future__ import annotations


import pytest

from tests.conftest import corpora_measured_once
from tests.paths import ROOT

BENCH = ROOT / "bench" / "fidelity_data.py"
#: corpus -> (files, agreeing) recorded in docs/data.md
RECORDED = {"dcat-ap": (15, 15), "w3c-dcat3": (27, 27), "altered": (84, 84)}


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every corpus measured once a test session, not once in each xdist worker that runs one
    of this module's tests: the tests only read the counts."""
    return corpora_measured_once(tmp_path_factory, "fidelity_data", 1)


@pytest.mark.parametrize("corpus", sorted(RECORDED))
def test_agreement_holds_at_its_recorded_level(measured, corpus):
    total, agree = RECORDED[corpus]
    assert measured[corpus]["total"] == total
    assert measured[corpus]["agree"] >= agree, measured[corpus]["disagreements"]


def test_the_altered_copies_break_what_they_were_altered_for(measured):
    """The altered copies are cases the shapes and the harness must both catch: 58 of the 84
    break an obligation (the other 26 alter examples with no dataset, or whose datasets name
    no typed distribution, so removing titles or URLs leaves nothing in scope)."""
    import json

    expected = json.loads((BENCH.parents[1] / "tests" / "corpora" / "data" / "dcat" / "expected.json").read_text())
    altered = {name: broken for name, broken in expected["files"].items() if name.startswith("altered/")}
    assert sum(1 for broken in altered.values() if broken["broken"]) == 58
