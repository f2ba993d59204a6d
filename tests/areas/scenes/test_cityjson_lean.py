"""The lean reading of large CityJSON files (issue 48, :mod:`conformance.areas.scenes.cityjson_lean`):
City Objects decoded one at a time from their byte spans, vertices as one NumPy array. Every
SC-CITY check gives the same findings (rule, pointer, message, values) on the lean document as
on the reference parse, on every shipped fixture and on generated models with planted defects;
what the lean reader cannot hold exactly goes to the reference parse."""

from __future__ import annotations

import numpy as np
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance._io.parsing import parse_json
from conformance.areas.scenes import (
    building_parts,
    cityjson,
    cityjson_lean,
    cityjson_schema,
    formed,
    solids,
    solids_fast,
    synthetic,
    vertex_space,
)
from conformance.errors import NonConformance
from tests.paths import ROOT

FIXTURES = sorted((ROOT / "suites" / "scenes" / "fixtures" / "city").glob("*.json"))
TOL = solids.Tolerances()


def findings(data) -> dict[str, list]:
    """Requirement -> every finding (as a dict) of each SC-CITY check, and what each counted."""
    report = solids.validate(data, TOL)
    parts = building_parts.validate(data, TOL, solid_report=report)
    found = {
        "SC-CITY-001": cityjson_schema.schema_findings(data),
        "SC-CITY-002": cityjson.vertex_indices(data),
        "SC-CITY-003": cityjson.links(data),
        "SC-CITY-004": cityjson.extents(data),
        "SC-CITY-005": cityjson.reference_system(data),
        "SC-CITY-006": cityjson.lods(data),
        "solids": [report.findings(level) for level in (2, 3, 4, 5)] + [report.judged, report.skipped,
                                                                       report.geometries],
        "SC-CITY-013": [parts.findings(), parts.judged, parts.skipped, parts.no_geometry],
        "geometries": [pointer for _, pointer, _ in cityjson.geometries(data)],
    }
    return {key: repr(value) for key, value in found.items()}  # Findings are dataclasses: every field shows


def both(body: bytes):
    lean = cityjson_lean.read(body)
    assert lean is not None and cityjson_lean.is_lean(lean)
    return parse_json(body, what="x"), lean


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_gives_the_same_findings_lean_and_whole(path):
    reference, lean = both(path.read_bytes())
    assert findings(lean) == findings(reference)


@pytest.mark.parametrize("defects", [[], list(synthetic.CITY_DEFECTS)])
def test_a_generated_model_with_planted_defects_gives_the_same_findings(defects, tmp_path):
    data, planted = synthetic.city_model(60, defects)
    data["CityObjects"]["b3"]["geometry"][0]["lod"] = 7  # a second schema error, not a string
    body = orjson.dumps(data)
    reference, lean = both(body)
    path = tmp_path / "city.json"
    path.write_bytes(body)
    lean["CityObjects"].detach(path)  # read back from the file, as a run does
    expected = findings(reference)
    assert findings(lean) == expected
    assert all(expected[req] for _, req, _ in planted if req in expected)


def test_the_lean_document_holds_the_same_values():
    data, _ = synthetic.city_model(40, ["vertex-index", "schema"])
    body = orjson.dumps(data, option=orjson.OPT_INDENT_2)  # whitespace everywhere
    lean = cityjson_lean.read(body)
    assert list(lean) == list(data) and list(lean["CityObjects"]) == list(data["CityObjects"])
    assert all(lean["CityObjects"][key] == value for key, value in data["CityObjects"].items())
    assert lean["vertices"].dtype == np.int64 and lean["vertices"].tolist() == data["vertices"]
    assert "b1" in lean["CityObjects"] and "nope" not in lean["CityObjects"]


def test_vertices_are_read_a_slice_at_a_time(monkeypatch):
    monkeypatch.setattr(cityjson_lean, "SLICE", 7)  # a cut after nearly every triple
    data, _ = synthetic.city_model(12, [])
    lean = cityjson_lean.read(orjson.dumps(data))
    assert lean["vertices"].tolist() == data["vertices"]


def _with(edit) -> bytes:
    data, _ = synthetic.city_model(6, [])
    text = orjson.dumps(data).decode()
    return edit(text).encode()


@pytest.mark.parametrize("edit", [
    lambda t: t.replace('"vertices":[[', '"vertices":[[0.5,0,0],[', 1),         # a float vertex
    lambda t: t.replace('"vertices":[[', '"vertices":[[99999999999999999999,0,0],[', 1),  # past int64
    lambda t: t.replace('"vertices":[[', '"vertices":[[1,2],[', 1),             # a pair
    lambda t: t.replace('"vertices":[[', '"vertices":[[[1,2,3]],[', 1),         # nested
    lambda t: t.replace('"vertices":[[', '"vertices":[[true,0,0],[', 1),        # a literal
    lambda t: t.replace('{"type":"Building"', '{"type":"Building","type":"Building"', 1),  # a name twice
    lambda t: t.replace('"CityObjects":{', '"CityObjects":{"b0":{},', 1),       # an ID twice
    lambda t: t.replace('"type":"CityJSON"', '"type":"CityJSON","type":"CityJSON"', 1),
    lambda t: t.replace('"attributes":{', '"attributes":{"deep":' + "[" * 80 + "]" * 80 + ",", 1),
    lambda t: t.replace('"type":"CityJSON"', '"type":"CityJSONFeature"', 1),   # not a city model
    lambda t: t[:-1],                                                          # not JSON
    lambda t: "[" + t + "]",                                                   # not an object
], ids=["float", "int64", "pair", "nested", "literal", "member-twice", "id-twice", "top-twice", "deep",
        "not-city", "truncated", "array"])
def test_what_the_lean_reader_cannot_hold_exactly_goes_to_the_reference_parse(edit, request):
    body = _with(edit)
    assert cityjson_lean.read(body) is None
    refused = request.node.callspec.id in ("member-twice", "id-twice", "top-twice", "deep", "truncated")
    if refused:  # the reference parse's finding (duplicate member, depth, not JSON) stays the verdict
        with pytest.raises(NonConformance):
            parse_json(body, what="x")
    else:
        parse_json(body, what="x")


def test_a_run_reads_large_models_lean_and_small_ones_whole(monkeypatch):
    body = orjson.dumps(synthetic.city_model(8, [])[0])
    assert not cityjson_lean.is_lean(cityjson._parse(body, what="x"))
    monkeypatch.setattr(cityjson_lean, "LEAN_BYTES", 0)
    assert cityjson_lean.is_lean(cityjson._parse(body, what="x"))


def test_a_model_changed_on_disk_after_it_was_read_is_a_finding(tmp_path):
    body = orjson.dumps(synthetic.city_model(8, [])[0])
    path = tmp_path / "city.json"
    path.write_bytes(body)
    lean = cityjson_lean.read(body)
    lean["CityObjects"].detach(path)
    path.write_bytes(b" " * len(body))
    with pytest.raises(NonConformance, match="changed on disk"):
        lean["CityObjects"]["b1"]


@pytest.mark.parametrize("scale", [1, 1000, 2 ** 40])
def test_snapped_identities_are_those_of_sorting_rows(scale):
    """vertex_space.row_ids (one int64 a row) ranks rows as np.unique(axis=0) does, and falls back to
    it where the ranges do not fit one int64."""
    rng = np.random.default_rng(scale)
    keys = rng.integers(0, 50, size=(2000, 3)) * scale
    keys[::7] = keys[3]  # repeated rows
    expected = np.unique(keys, axis=0, return_inverse=True)[1].reshape(-1)
    assert np.array_equal(vertex_space.row_ids(keys), expected)
    assert np.array_equal(vertex_space.row_ids(keys.astype(np.float64)), expected)  # as snapped_space gives them


def _shells_of(data):
    count = len(data["vertices"])
    return [shell for geometry in formed.well_formed_geometries(data, count)
            for solid in geometry.solids for shell in solid]


def _all_shells():
    """Every shell of the shipped fixtures and of generated models with each defect, and each of
    those shells with one ring reversed, one polygon left out and one polygon twice."""
    found = []
    for path in FIXTURES:
        data = orjson.loads(path.read_bytes())
        if cityjson.real_vertices(data) is not None:
            found.append((data, _shells_of(data)))
    for defect in [None, *synthetic.CITY_DEFECTS]:
        data, _ = synthetic.city_model(24, [defect] if defect else [])
        shells = _shells_of(data)
        bent = [[[ring[::-1] for ring in rings] if i == 1 else rings for i, rings in enumerate(shell)]
                for shell in shells]
        found.append((data, shells + bent + [shell[1:] for shell in shells] + [shell + shell[:1] for shell in shells]))
    return found


def test_the_batched_shell_certificates_say_what_the_one_shell_ones_say():
    """solids_fast.closed_manifolds and separated_many (a batch of shells at once) give each shell
    the answer of closed_manifold and separated (one shell), and a shell shown closed has no
    topology error by the exact union-find."""
    shown = 0
    for data, shells in _all_shells():
        space = vertex_space.snapped_space(cityjson.real_vertices(data), TOL.snap)
        closed = solids_fast.closed_manifolds(shells, space.ids)
        assert closed.tolist() == [solids_fast.closed_manifold(shell, space.ids) for shell in shells]
        for shell, ok in zip(shells, closed, strict=True):
            if ok:
                shown += 1
                assert solids._topology_errors(shell, space, "") == []
        apart = solids_fast.separated_many(shells, space.snapped, space.ids, solids.CONTACT)
        assert apart.tolist() == [solids_fast.separated(shell, space.snapped, space.ids, solids.CONTACT)
                                  for shell in shells]
    assert shown > 100


def test_a_volume_sign_given_is_the_exact_sums():
    signs = []
    for data, shells in _all_shells():
        space = vertex_space.snapped_space(cityjson.real_vertices(data), TOL.snap)
        for shell in shells:
            sign = solids_fast.volume_sign(shell, space.points, space.centre)
            exact = solids.signed_volume(shell, space.points, space.centre)
            assert sign == 0 or sign == np.sign(exact), (sign, exact)
            signs.append(sign)
    assert signs.count(1) > 100 and signs.count(-1) > 0  # the generated "solid" defect: normals inwards


leaves = st.recursive(st.one_of(st.integers(-3, 12), st.booleans(), st.floats(0, 3), st.just("a")),
                      lambda inner: st.lists(inner, max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(node=leaves, depth=st.integers(1, 5))
def test_boundaries_read_from_their_text_as_walked(node, depth):
    """cityjson.int_leaves / int_lists (over the JSON text) agree with the Python walks."""
    flat = cityjson.int_leaves(node)
    walked = list(cityjson._indices(node))
    if flat is not None:
        assert flat.tolist() == walked and all(type(i) is int for i in walked)
    elif isinstance(node, list):
        assert not all(type(i) is int for i in walked)
    fast = cityjson.int_lists(node, depth, 10)
    if fast is not None:
        assert fast == formed._walked_int_lists(node, depth, 10)


def test_a_model_is_read_back_only_from_the_regular_file_of_the_length_read(tmp_path):
    body = orjson.dumps(synthetic.city_model(4, [])[0])
    lean = cityjson_lean.read(body)
    lean["CityObjects"].detach(tmp_path / "gone.json")  # vanished: the bytes stay
    path = tmp_path / "city.json"
    path.write_bytes(body + b" ")  # another length
    lean["CityObjects"].detach(path)
    assert lean["CityObjects"]["b1"] == synthetic.city_model(4, [])[0]["CityObjects"]["b1"]
    assert lean["CityObjects"]._body is not None
