"""The assets area's agreement on public artefacts stays at its recorded level
(bench/fidelity_assets.py; corpus and sources in tests/corpora/assets/)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.paths import CORPORA, ROOT

BENCH = ROOT / "bench" / "fidelity_assets.py"
#: corpus name prefix -> the agreement recorded in docs/assets.md (all items)
RECORDED = {"validator-tests": 1.0, "sample-models": 1.0, "erc-metadata": 1.0}

# Whole public corpora through the checks, end to end (seconds of CPU): with the slow
# tests (.ci/run), as bench/fidelity_*.py measure them; not in the fast layer.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def measured() -> dict[str, dict]:
    spec = importlib.util.spec_from_file_location("bench_fidelity_assets", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {corpus["corpus"].split(" ")[0]: corpus for corpus in module.measure()}


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
