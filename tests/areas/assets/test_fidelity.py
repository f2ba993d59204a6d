"""The assets area's agreement on public artefacts stays at its recorded level
(bench/fidelity_assets.py; corpus and sources in tests/corpora/assets/)."""

from __future__ import annotations

import pytest

from tests.conftest import corpora_measured_once
from tests.paths import CORPORA

#: corpus name prefix -> the agreement recorded in docs/assets.md (all items)
RECORDED = {"validator-tests": 1.0, "sample-models": 1.0, "erc-metadata": 1.0}

# Whole public corpora through the checks, end to end (seconds of CPU): with the slow
# tests (.ci/run), as bench/fidelity_*.py measure them; not in the fast layer.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every corpus measured once a test session, not once in each xdist worker that runs one
    of this module's tests: the tests only read the counts."""
    return corpora_measured_once(tmp_path_factory, "fidelity_assets", 0)


@pytest.mark.parametrize("corpus", sorted(RECORDED))
def test_agreement_holds_at_its_recorded_level(measured, corpus):
    result = measured[corpus]
    assert result["total"] >= {"validator-tests": 300, "sample-models": 30, "erc-metadata": 14}[corpus]
    assert result["agree"] / result["total"] >= RECORDED[corpus], result["disagreements"]


def test_the_corpus_covers_what_the_issue_names(measured):
    models = CORPORA / "assets" / "models"
    expected = (models / "expected.json").read_text(encoding="utf-8")
    for extension in ("KHR_draco_mesh_compression", "EXT_meshopt_compression", "KHR_texture_transform",
                      "KHR_materials_pbrSpecularGlossiness", "KHR_mesh_quantization", "EXT_mesh_features",
                      '"VRM"', "VRMC_vrm"):
        assert extension in expected, extension
