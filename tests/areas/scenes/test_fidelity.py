"""The scenes area's agreement with the official CesiumGS 3d-tiles-validator on public tilesets
stays at its recorded level (bench/fidelity_scenes.py; corpus and sources in tests/corpora/scenes/)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import corpora_measured_once
from tests.paths import ROOT

BENCH = ROOT / "bench" / "fidelity_scenes.py"
#: corpus -> (tilesets, agreeing) recorded in docs/scenes.md
RECORDED = {"samples": (23, 22), "validator-specs": (177, 170)}


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every corpus measured once a test session, not once in each xdist worker that runs one
    of this module's tests: the tests only read the counts."""
    return corpora_measured_once(tmp_path_factory, "fidelity_scenes", 0)


@pytest.mark.parametrize("corpus", sorted(RECORDED))
def test_agreement_holds_at_its_recorded_level(measured, corpus):
    total, agree = RECORDED[corpus]
    result = measured[corpus]
    assert result["total"] == total
    assert result["agree"] >= agree, result["disagreements"]


def test_no_tileset_the_validator_accepts_is_failed(measured):
    """Not even one whose schemaUri leads out of its own folder (``../schemas/``): inside the
    declared folder it resolves (SC-TILE-004 1.1; before, it was the one exception)."""
    wrongly = [d for r in measured.values() for d in r["disagreements"] if d["expected"] == "no-error"]
    assert wrongly == []


def test_the_twin_corpora_compare_each_file_with_its_label(tmp_path):
    """measure_twin on a two-file corpus: the reference city model (labelled valid) and a fixture
    breaking SC-CITY-003 (labelled invalid) agree; a wrong label is a disagreement with the reason."""
    import json
    import shutil

    spec = importlib.util.spec_from_file_location("bench_fidelity_scenes_twin", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = ROOT
    corpus = tmp_path / "cityjson"
    corpus.mkdir()
    shutil.copy(root / "src/conformance/reference/samples/city_models/district.city.json", corpus / "good.json")
    shutil.copy(root / "suites/scenes/fixtures/city/child-missing.city.json", corpus / "bad.json")
    labels = {"good.json": {"expected": "valid", "why": "t"}, "bad.json": {"expected": "invalid", "why": "t"}}
    (tmp_path / "labels.json").write_text(json.dumps({"cityjson": labels}), encoding="utf-8")
    assert module.measure_twin("cityjson", tmp_path)["agree"] == 2
    labels["bad.json"]["expected"] = "valid"
    (tmp_path / "labels.json").write_text(json.dumps({"cityjson": labels}), encoding="utf-8")
    [miss] = module.measure_twin("cityjson", tmp_path)["disagreements"]
    assert miss["item"] == "bad.json" and "SC-CITY-003 R1" in miss["reason"]


def test_the_external_corpus_bench_judges_each_tileset_as_an_entry(tmp_path):
    """bench/tiles_official.py: a tileset and the external tileset it references go to different
    runs (each is an entry tileset of its own run, as the validator takes each file); an official
    verdict the harness does not share is a disagreement with its reason."""
    import json
    import shutil

    spec = importlib.util.spec_from_file_location("bench_tiles_official", BENCH.with_name("tiles_official.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = ROOT
    corpus = tmp_path / "c"
    shutil.copytree(root / "src/conformance/reference/samples/tilesets", corpus)
    parent = json.loads((corpus / "tileset.json").read_text(encoding="utf-8"))
    parent["root"]["children"][0]["content"] = {"uri": "child.json"}
    (corpus / "parent.json").write_text(json.dumps(parent), encoding="utf-8")
    shutil.copy(corpus / "tileset.json", corpus / "child.json")
    groups = module.chunks(corpus, ["child.json", "parent.json", "tileset.json"])
    assert all(not ({"child.json", "parent.json"} <= set(members)) for members, _ in groups)
    official = {"validator": "3d-tiles-validator test", "tilesets": {
        "child.json": {"verdict": "no-error", "errors": []}, "parent.json": {"verdict": "no-error", "errors": []},
        "tileset.json": {"verdict": "error", "errors": ["SOME_ERROR"]}}}
    (corpus / "official.json").write_text(json.dumps(official), encoding="utf-8")
    result = module.measure_corpus("c", tmp_path, delegated=False)
    assert result["total"] == 3 and result["own"]["agree"] == 2
    [miss] = result["own"]["disagreements"]
    assert miss["item"] == "tileset.json" and "SOME_ERROR" in miss["reason"]
