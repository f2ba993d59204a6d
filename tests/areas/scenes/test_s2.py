"""S2 bounding volumes (conformance.areas.scenes.s2, SC-TILE-011): the extension README's example
tokens are valid cells; any valid cell ID's token is accepted and a face above 5, a lowest set
bit at an odd position, upper case or trailing zeros are not."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.areas.scenes import s2
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "scenes" / "fixtures"


@pytest.mark.parametrize("token", ["1", "3", "2c", "2f", "2ec", "89c6c7", "04"])
def test_the_readme_tokens_are_valid(token):
    assert s2.valid_token(token)


def _token(cell: int) -> str:
    return f"{cell:016x}".rstrip("0")


@given(st.integers(0, 5), st.integers(0, 30), st.integers(0, (1 << 60) - 1))
def test_every_valid_cell_id_has_a_valid_token(face, level, bits):
    position = 2 * (30 - level)  # the lowest set bit of a cell at this level
    cell = (face << 61) | ((bits << (position + 1)) & ((1 << 61) - 1)) | (1 << position)
    token = _token(cell)
    assert s2.valid_token(token)
    assert not s2.valid_token(token.upper()) or token == token.upper()
    assert not s2.valid_token(token + "0")
    if level > 0:  # the same cell with its lowest set bit moved to the odd position above
        odd = (cell & ~(1 << position)) | (1 << (position + 1))
        assert not s2.valid_token(_token(odd))


@pytest.mark.parametrize("token", ["c", "f", "", "0", "89c6c7 ", "1" * 17])
def test_faces_above_five_and_malformed_tokens_are_refused(token):
    assert not s2.valid_token(token)


@pytest.mark.parametrize(("fixture", "rule"), [("s2-height-missing", "R1"), ("s2-token-invalid", "R2"),
                                               ("s2-heights-reversed", "R3")])
def test_each_fixture_breaks_its_rule_only(fixture, rule):
    found, count = s2.findings(json.loads((FIXTURES / fixture / "tileset.json").read_text(encoding="utf-8")))
    assert count == 1 and {f.rule for f in found} == {rule}
