"""The layout of legacy tile formats (conformance.areas.scenes.legacy, SC-TILE-009): well-formed
b3dm, i3dm, pnts and cmpt tiles give no finding and hand their binary glTF over; each broken
layout is found under its rule; no byte string, however cut or changed, makes the reader raise."""

from __future__ import annotations

import importlib.util
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.scenes import legacy
from tests.paths import ROOT

GENERATE = ROOT / "suites" / "scenes" / "fixtures" / "generate.py"
_spec = importlib.util.spec_from_file_location("scenes_fixtures_generate", GENERATE)
assert _spec and _spec.loader
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)
TRIANGLE = gen.TRIANGLE.read_bytes()
B3DM = gen.legacy_tile(b"b3dm", {"BATCH_LENGTH": 0}, TRIANGLE)
I3DM = gen.legacy_tile(b"i3dm", {"INSTANCES_LENGTH": 1, "POSITION": {"byteOffset": 0}}, TRIANGLE)
PNTS = gen.legacy_tile(b"pnts", {"POINTS_LENGTH": 0})


def rules(data: bytes) -> list[str]:
    return sorted({str(f.rule) for f in legacy.inspect(data).findings})


@pytest.mark.parametrize("tile", [B3DM, I3DM, PNTS, gen.composite(B3DM, PNTS), gen.composite(gen.composite(I3DM))],
                         ids=["b3dm", "i3dm", "pnts", "cmpt", "cmpt-in-cmpt"])
def test_well_formed_tiles_give_no_finding(tile):
    assert legacy.inspect(tile).findings == []


def test_the_embedded_glb_is_handed_over_without_padding():
    [(where, glb)] = legacy.inspect(B3DM).glbs
    assert where == "/glTF" and glb == TRIANGLE
    assert [w for w, _ in legacy.inspect(gen.composite(B3DM, I3DM)).glbs] == ["/tiles/0/glTF", "/tiles/1/glTF"]
    assert legacy.inspect(gen.legacy_tile(b"i3dm", {"INSTANCES_LENGTH": 0}, b"model.glb", gltf_format=0)).glbs == []


@pytest.mark.parametrize(("tile", "rule"), [
    (gen.legacy_tile(b"b3dm", {}, TRIANGLE, version=2), "R1"),
    (b"gltf" + B3DM[4:], "R1"),
    (B3DM + b"\0" * 8, "R1"),  # byteLength no longer the file's length
    (B3DM[:20], "R1"),
    (gen.legacy_tile(b"b3dm", {}, TRIANGLE, lengths=(1 << 30, 0, 0, 0)), "R2"),
    (gen.legacy_tile(b"pnts", {}, lengths=(8, 0, 0, 8)), "R2"),  # a batch binary without its JSON
    (gen.legacy_tile(b"b3dm", {}, TRIANGLE, tail=b"\0\0\0\0"), "R3"),
    (gen.legacy_tile(b"pnts", "not an object"), "R4"),
    (gen.legacy_tile(b"i3dm", {}, TRIANGLE, gltf_format=7), "R5"),
], ids=["version", "magic", "byte-length", "short", "section", "batch-binary-alone", "alignment", "json",
        "gltf-format"])
def test_each_broken_layout_is_found_under_its_rule(tile, rule):
    assert rule in rules(tile)


def test_an_inner_tile_off_the_boundary_is_found():
    odd = gen.legacy_tile(b"pnts", {}) + b"\0\0\0\0"
    inner = struct.pack("<4sII", b"pnts", 1, len(odd)) + odd[12:]  # its own length, not a multiple of 8
    found = legacy.inspect(gen.composite(inner, PNTS)).findings
    assert {f.pointer for f in found if f.rule == "R3"} >= {"/tiles/0", "/tiles/1"}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([B3DM, I3DM, PNTS, gen.composite(B3DM, PNTS)]), st.integers(0, 4096), st.binary(max_size=16),
       st.integers(0, 64))
def test_no_bytes_make_the_reader_raise(tile, cut, junk, at):
    """Cut, overwritten or extended: a finding or none, never an exception."""
    data = bytearray(tile[:cut] if cut < len(tile) else tile)
    data[at:at + len(junk)] = junk
    result = legacy.inspect(bytes(data))
    assert all(f.rule for f in result.findings)
