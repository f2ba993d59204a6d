"""Issue 76, seventy-ninth reading, part h145-scenes: every case whose check reads the Datastreams set
through `_datastreams` names, in its 不确定 line, a set that is read and holds no Datastream, which
that helper ends inconclusive (c1); an S2 token is valid only when its cell's face is 0..5 and its
lowest set bit lies at an even position of the low 61 bits, 0..60, as annex E's table and the S2
library's own test of a cell ID have it, so bit 62 (token `4`) is refused by SC-TILE-011 and places
no root for SC-GEO-001 (c2)."""

from __future__ import annotations

import ast
import importlib.util
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conformance._record.evidence import Evidence
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from conformance.areas.scenes import s2
from tests.paths import ROOT

SUITE = ROOT / "suites" / "scenes"
_SPEC = importlib.util.spec_from_file_location("suite_test_tilesets_79", SUITE / "test_tilesets.py")
TILESETS = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(TILESETS)


def _callers(helper: str) -> dict[str, str]:
    """{requirement ID: check name} of every check of the scenes suite that calls ``helper``, directly or
    through another function of its module."""
    found: dict[str, str] = {}
    for path in sorted(SUITE.glob("test_*.py")):
        functions = {node.name: node for node in ast.parse(path.read_text(encoding="utf-8")).body
                     if isinstance(node, ast.FunctionDef)}
        calls = {name: {n.func.id for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
                 for name, node in functions.items()}
        reaching = {helper}
        while True:
            more = {name for name, called in calls.items() if called & reaching} - reaching
            if not more:
                break
            reaching |= more
        for name, node in functions.items():
            if name == helper or name not in reaching:
                continue
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "pytest.mark.requirement":
                    found[decorator.args[0].value] = name
    return found


def test_every_case_reading_the_datastreams_set_names_an_empty_set_in_its_inconclusive_line():
    """c1: `_datastreams` raises Inconclusive (scenes.feed-no-datastreams) on a set read and empty; each case
    whose check calls it says so where its verdict is stated, in both languages."""
    cases = _callers("_datastreams")
    assert len(cases) >= 2, cases  # SC-FEED-002 and -003 today: the class is not empty
    procedures = yaml.safe_load((SUITE / "procedures.yaml").read_text(encoding="utf-8"))["procedures"]
    for rid in cases:
        line = procedures[rid]["inconclusive"]
        assert "没有任何 `Datastream`" in line["zh"], rid
        assert "holds no `Datastream`" in line["en"], rid


def _token(cell: int) -> str:
    return f"{cell:016x}".rstrip("0")


def _s2_valid(cell: int) -> bool:
    """An S2 cell ID's validity as the S2 geometry library states it: a face 0..5 in the top 3 bits and the
    lowest set bit at an even position no higher than 60 (the face's 61 position bits)."""
    lowest = (cell & -cell).bit_length() - 1
    return cell >> 61 < 6 and lowest % 2 == 0 and lowest <= 60


@given(st.integers(1, (1 << 64) - 1))
def test_a_token_is_valid_exactly_when_its_cell_id_is(cell):
    assert s2.valid_token(_token(cell)) == _s2_valid(cell)


@given(st.integers(0, 7), st.sampled_from([61, 62, 63]))
def test_a_lowest_set_bit_among_the_face_bits_is_refused(face, bit):
    cell = (face << 61) | (1 << bit)
    assert not s2.valid_token(_token(cell))


@pytest.mark.parametrize("token", ["4", "c", "e", "f", "d", "8"])
def test_the_tokens_with_a_face_of_six_or_seven_or_a_level_past_the_face_are_refused(token):
    assert not s2.valid_token(token)


def test_the_fixture_of_a_level_past_the_face_breaks_r2_only():
    data = json.loads((SUITE / "fixtures" / "s2-token-past-level" / "tileset.json").read_text(encoding="utf-8"))
    found, count = s2.findings(data)
    assert count == 1 and {f.rule for f in found} == {"R2"}


def _files(tmp_path: Path, body: dict) -> dict:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "tileset.json").write_text(json.dumps(body))
    context = AdapterContext(tmp_path / "m.yaml", {})
    return {"tilesets": FileAdapter("tilesets", {"adapter": "file", "paths": ["data/tileset.json"]}, context)}


@pytest.mark.parametrize("token", ["4", "c"])
def test_an_s2_root_whose_token_is_no_valid_cell_is_not_placed(tmp_path, token):
    """SC-GEO-001 reads the root's heights only from a valid cell: such a root is unjudged, neither passed nor
    failed by its heights."""
    cell = {s2.EXTENSION: {"token": token, "minimumHeight": 0, "maximumHeight": 100}}
    body = {"asset": {"version": "1.1"}, "geometricError": 100, "extensionsUsed": [s2.EXTENSION],
            "extensionsRequired": [s2.EXTENSION],
            "root": {"geometricError": 10, "refine": "ADD", "boundingVolume": {"extensions": cell}}}
    assert s2.root_height(body) is None
    evidence = Evidence()
    TILESETS.test_tilesets_are_placed_on_the_earth(_files(tmp_path, body), evidence)
    assert evidence.findings_count == 0 and list(evidence.unjudged_inputs) == ["data/tileset.json"]
