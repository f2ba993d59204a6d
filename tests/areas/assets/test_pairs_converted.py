"""AS-USD-012 on pairs a converter made (issue 49 item 5): a public glTF sample (Khronos "Box")
exported as OpenUSD, the reference's OpenUSD crate exported as glTF, and a round trip. Each
pair agrees; the same conversion with its unit or axis handling broken disagrees."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from conformance.areas._shared import openusd
from conformance.areas.assets import gltf, pairs
from tests.conftest import SUITES
from tests.paths import ROOT

FIXTURES = SUITES / "assets" / "fixtures"
FROM_GLTF = FIXTURES / "usd" / "pairs" / "converted-from-gltf"
REFERENCE_PAIR = ROOT / "src" / "conformance" / "reference" / "samples" / "asset_pairs"
pytestmark = pytest.mark.skipif(not openusd.available(), reason="needs the extra usd (usd-core)")


def _converter():
    spec = importlib.util.spec_from_file_location("convert_pair", FIXTURES / "convert_pair.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged(gltf_path: Path, usd_path: Path) -> list:
    model = gltf.read(gltf_path.read_bytes(), gltf_path.name)
    judgement = openusd.check(usd_path, usd_path.parent)
    assert judgement.refused is None
    return pairs.compare(judgement.facts, pairs.gltf_summary(model.document), 0.01)


def test_the_khronos_box_exported_as_openusd_agrees(tmp_path):
    shutil.copy(FROM_GLTF / "box.gltf", tmp_path / "box.gltf")
    _converter().gltf_to_usd(tmp_path / "box.gltf", tmp_path / "box.usda", root="Box")
    assert judged(tmp_path / "box.gltf", tmp_path / "box.usda") == []
    # the committed fixture is what the converter writes today
    assert (tmp_path / "box.usda").read_text() == (FROM_GLTF / "box.usda").read_text()


def test_the_reference_crate_exported_as_gltf_agrees(tmp_path):
    for name in ("crate.usda", "wood.png"):
        shutil.copy(REFERENCE_PAIR / name, tmp_path / name)
    _converter().usd_to_gltf(tmp_path / "crate.usda", tmp_path / "crate.gltf")
    assert judged(tmp_path / "crate.gltf", tmp_path / "crate.usda") == []
    assert json.loads((tmp_path / "crate.gltf").read_text()) == json.loads((REFERENCE_PAIR / "crate.gltf").read_text())


def test_a_round_trip_keeps_what_the_pair_compares(tmp_path):
    convert = _converter()
    shutil.copy(FROM_GLTF / "box.gltf", tmp_path / "box.gltf")
    convert.gltf_to_usd(tmp_path / "box.gltf", tmp_path / "box.usda", root="Box")
    (tmp_path / "back").mkdir()
    convert.usd_to_gltf(tmp_path / "box.usda", tmp_path / "back" / "box.gltf")
    assert judged(tmp_path / "back" / "box.gltf", tmp_path / "box.usda") == []
    before = pairs.gltf_summary(json.loads((tmp_path / "box.gltf").read_text()))
    after = pairs.gltf_summary(json.loads((tmp_path / "back" / "box.gltf").read_text()))
    assert (after["meshes"], after["materials"]) == (before["meshes"], before["materials"])
    assert sum(after["bounds"], []) == pytest.approx(sum(before["bounds"], []))


@pytest.mark.parametrize("broken, rule", [
    ("metersPerUnit = 1", "bounds"),  # centimetres declared, metres written: 100 times off
    ('upAxis = "Y"', "bounds"),  # declared Z up, the geometry left Y up
])
def test_a_conversion_that_mishandles_units_or_axes_disagrees(tmp_path, broken, rule):
    for name in ("crate.usda", "wood.png"):
        shutil.copy(REFERENCE_PAIR / name, tmp_path / name)
    _converter().usd_to_gltf(tmp_path / "crate.usda", tmp_path / "crate.gltf")
    text = (tmp_path / "crate.usda").read_text()
    wrong = "metersPerUnit = 0.01" if "meters" in broken else 'upAxis = "Z"'
    (tmp_path / "crate.usda").write_text(text.replace(broken, wrong))
    assert [finding.extra["check"] for finding in judged(tmp_path / "crate.gltf", tmp_path / "crate.usda")] == [rule]
