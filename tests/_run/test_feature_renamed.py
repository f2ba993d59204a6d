"""A feature renamed in the catalog keeps its former identifier (the profile's ``formerly``): a
supplier's ICS or a certification plan written before the rename still claims it, under the
present identifier, with one warning line naming that identifier, never a traceback (issue 76:
``official-validator``, which named a program, became ``whole-specification``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conformance._catalog.catalog import Catalog
from conformance._run.plan import make_plan
from conformance.certification.plans import load_plan
from conformance.errors import HarnessInputError
from tests.paths import ROOT

TILESET = ROOT / "suites" / "scenes" / "fixtures" / "uri-unresolved" / "tileset.json"


def _manifest(folder: Path, features: list[str]) -> Path:
    manifest = folder / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "t", "version": "1"},
        "profiles": [{"id": "scene-3d-tiles", "features": features}],
        "targets": {"tilesets": {"adapter": "file", "paths": [str(TILESET)]}}}), encoding="utf-8")
    return manifest


def test_the_former_identifier_claims_the_renamed_feature_with_one_warning(tmp_path, catalog: Catalog, capsys):
    assert catalog.profiles["scene-3d-tiles"].renamed_feature("official-validator") == "whole-specification"
    plan = make_plan(_manifest(tmp_path, ["official-validator"]), catalog)
    assert plan.features == {"whole-specification"}
    assert "SC-TILE-006" in plan.selected
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"warning: {tmp_path / 'm.yaml'} at $.profiles[0]: feature 'official-validator'")
    assert "now named 'whole-specification'" in line


def test_the_present_identifier_warns_nothing_and_both_claim_it_once(tmp_path, catalog: Catalog, capsys):
    plan = make_plan(_manifest(tmp_path, ["whole-specification"]), catalog)
    assert plan.features == {"whole-specification"} and capsys.readouterr().err == ""
    plan = make_plan(_manifest(tmp_path, ["whole-specification", "official-validator"]), catalog)
    assert plan.profiles[0].features == ["whole-specification"]


def test_an_identifier_the_profile_never_had_stays_bad_input(tmp_path, catalog: Catalog):
    with pytest.raises(HarnessInputError, match="has no feature 'official-checker'.*known: georeferenced"):
        make_plan(_manifest(tmp_path, ["official-checker"]), catalog)


def test_a_certification_plan_naming_the_former_identifier_requires_the_feature(tmp_path, catalog: Catalog, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump({
        "id": "pilot-1", "version": "1", "program": "Pilot", "catalog_digest": catalog.digest,
        "profiles": {"scene-3d-tiles": {"features": ["official-validator"]}}}), encoding="utf-8")
    assert load_plan(path, catalog).features == {"scene-3d-tiles": ["whole-specification"]}
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"warning: {path} at $.profiles.scene-3d-tiles.features: feature 'official-validator'")
