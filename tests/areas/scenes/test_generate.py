"""The scene generators (``conformance generate city|building``): a clean model passes every
check that judges it, each planted defect fails exactly its requirement, at the planted place;
and the compiled schema path of SC-CITY-001 agrees with python-jsonschema's on them."""

from __future__ import annotations

import io
import re
import time
from unittest import mock

import orjson
import pytest

from conformance.areas.scenes import building_parts, cityjson, cityjson_schema, formed, ifc, solids, synthetic
from conformance.cli import main
from tests.paths import ROOT

OBJECTS = 30  # parts at 0, 10, 20; CompositeSolids at 5, 15, 25: every defect has a place
TOL = solids.Tolerances()


def failing(data) -> dict[str, list[str]]:
    """Requirement -> pointers of its findings, over every SC-CITY check of a model."""
    report = solids.validate(data, TOL)
    found = {
        "SC-CITY-001": cityjson_schema.schema_findings(data),
        "SC-CITY-002": cityjson.vertex_indices(data),
        "SC-CITY-003": cityjson.links(data),
        "SC-CITY-004": cityjson.extents(data)[0],
        "SC-CITY-005": cityjson.reference_system(data)[0],
        "SC-CITY-006": cityjson.lods(data)[0],
        "SC-CITY-007": report.findings(2), "SC-CITY-008": report.findings(3),
        "SC-CITY-009": report.findings(4), "SC-CITY-012": report.findings(5),
        "SC-CITY-013": building_parts.validate(data, TOL, solid_report=report).findings(),
    }
    return {req: [f.pointer or "" for f in findings] for req, findings in found.items() if findings}


def test_a_clean_city_passes_every_check_and_each_level_is_judged():
    data, planted = synthetic.city_model(OBJECTS, [])
    assert planted == [] and failing(data) == {}
    report = solids.validate(data, TOL)
    assert all(report.judged[level] > 0 for level in (2, 3, 4, 5)), report.judged
    assert building_parts.validate(data, TOL, solid_report=report).judged == 3
    assert cityjson.extents(data)[1] == len(data["CityObjects"]) + 1


@pytest.mark.parametrize("defect", list(synthetic.CITY_DEFECTS))
def test_each_planted_city_defect_fails_exactly_its_requirement_at_its_place(defect):
    data, planted = synthetic.city_model(OBJECTS, [defect])
    [(name, requirement, pointer)] = planted
    assert (name, requirement) == (defect, synthetic.CITY_DEFECTS[defect].requirement)
    found = failing(data)
    assert set(found) == {requirement}, found
    obj = "/".join(pointer.split("/")[:3])  # /CityObjects/<id> or /metadata/...
    assert all(p.startswith(obj) or obj.startswith("/metadata") for p in found[requirement]), (obj, found)


def test_all_defects_at_once_fail_every_requirement_and_are_spread_through_the_file():
    data, planted = synthetic.city_model(OBJECTS, list(synthetic.CITY_DEFECTS))
    assert set(failing(data)) == {d.requirement for d in synthetic.CITY_DEFECTS.values()}
    objects = [p.split("/")[2] for _, _, p in planted if p.startswith("/CityObjects/b")]
    assert len(set(objects)) == len(objects)  # never two defects on one object


def test_the_generator_is_deterministic_and_its_size_grows_with_the_objects():
    one, two, big = io.BytesIO(), io.BytesIO(), io.BytesIO()
    synthetic.write_city(one, 50, ["shell"], seed=3)
    synthetic.write_city(two, 50, ["shell"], seed=3)
    synthetic.write_city(big, 500, ["shell"], seed=3)
    assert one.getvalue() == two.getvalue()
    assert 8 < len(big.getvalue()) / len(one.getvalue()) < 12


@pytest.mark.parametrize("defects", [[], ["schema"], list(synthetic.CITY_DEFECTS)])
def test_the_compiled_schema_path_gives_python_jsonschemas_findings(defects):
    data, _ = synthetic.city_model(OBJECTS, defects)
    data["CityObjects"]["b3"]["geometry"][0]["lod"] = 7  # a second object in error: not a string
    fast = cityjson_schema.schema_findings(data)
    with mock.patch.object(cityjson_schema, "_compiled_errors", lambda _: None):
        slow = cityjson_schema.schema_findings(data)
    assert fast == slow and any(f.pointer.startswith("/CityObjects/b3") for f in fast)


def test_a_model_is_parsed_once_per_run_and_its_solids_validated_once():
    class Files:
        derived: dict = {}

        def documents(self, parse, suffixes):
            from conformance.adapters.file import Document

            body = orjson.dumps(synthetic.city_model(12, [])[0])
            for _ in range(2):
                yield Document(None, "city.json", parse(body, what="city.json"))

        def files(self):  # no CityJSONSeq (.jsonl) among them
            return []

    files = Files()
    first, second = cityjson.city_models(files)
    assert first.data is second.data
    with mock.patch.object(solids, "validate", wraps=solids.validate) as validate:
        reports = {id(solids.shared_report(files, first.path, first.data, TOL)) for _ in range(4)}
    assert len(reports) == 1 and validate.call_count == 1


@pytest.mark.parametrize("defect", [None, *synthetic.BUILDING_DEFECTS])
def test_each_planted_building_defect_fails_exactly_its_requirement(tmp_path, defect):
    pytest.importorskip("ifcopenshell")
    path = tmp_path / "b.ifc"
    with path.open("wb") as out:
        planted = synthetic.write_building(out, 20, [defect] if defect else [])
    header, schema = ifc.header(path.read_bytes())
    found = {"SC-BIM-001": header}
    if schema is not None:
        model = ifc.model_of(path.read_bytes())
        found["SC-BIM-002"] = ifc.schema_issues(model)
        found["SC-BIM-003"] = ifc.georeference(model)[0]
    failed = {req for req, findings in found.items() if findings}
    assert failed == ({synthetic.BUILDING_DEFECTS[defect].requirement} if defect else set()), found
    assert [p[1] for p in planted] == sorted(failed)


def test_cli_writes_a_city_and_says_where_each_defect_is(tmp_path, capsys):
    out = tmp_path / "city.city.json"
    assert main(["generate", "city", "--objects", "12", "--defect", "all", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert re.search(r"planted overlap\s+SC-CITY-013\s+/CityObjects/b\d+", said) and "wrote 12 buildings" in said
    assert cityjson.is_city_model(orjson.loads(out.read_bytes()))


@pytest.mark.parametrize("argv", [["city", "--objects", "0", "--out", "x.json"],
                                  ["city", "--objects", "3", "--defect", "nope", "--out", "x.json"],
                                  ["city", "--objects", "3", "--defect", "composite", "--out", "x.json"],
                                  ["building", "--objects", "3"],
                                  ["city", "--objects", "3", "--out", "no/such/folder/x.json"]])
def test_bad_generator_arguments_are_one_line_and_exit_2(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["generate", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err and err
    assert not (tmp_path / "x.json").exists()


def _reports(data, tol):
    report = solids.validate(data, tol)
    return repr(report), repr(building_parts.validate(data, tol, solid_report=report))


def test_the_certificates_change_no_report_on_any_fixture_or_generated_model(monkeypatch):
    """solids_fast spares the exact tests only where they would find nothing: every known-bad
    city fixture, the sample and generated models with each defect give the same report with
    the certificates as without them, at the default and at other tolerances."""

    root = ROOT
    models = [orjson.loads(path.read_bytes()) for path in sorted((root / "suites/scenes/fixtures/city").glob("*.json"))]
    models += [orjson.loads(path.read_bytes())
               for path in (root / "src/conformance/reference/samples/city_models").glob("*.json")]
    models += [synthetic.city_model(20, [defect])[0] for defect in synthetic.CITY_DEFECTS]
    models = [data for data in models if cityjson.is_city_model(data)]
    assert len(models) > 40
    for tol in (TOL, solids.Tolerances(snap=0.01, planarity=0.05, normals=5.0)):
        fast = [_reports(data, tol) for data in models]
        monkeypatch.setattr(solids, "FAST", False)
        exact = [_reports(data, tol) for data in models]
        monkeypatch.setattr(solids, "FAST", True)
        assert fast == exact


def _judged(report) -> tuple[int, int, str, int]:
    return report.geometries_judged, report.geometries, report.last, report.polygons


def test_a_spent_budget_stops_the_geometric_validation_and_says_how_far():
    data, _ = synthetic.city_model(60, [])
    whole = solids.validate(data, TOL, budget_polygons=10_000_000)
    assert not whole.stopped and whole.geometries_judged == whole.geometries == 60 + 6
    cut = solids.validate(data, TOL, budget_polygons=0)
    assert cut.stopped and cut.geometries_judged == 0 and cut.judged[2] == 0 and cut.last == ""
    half = solids.validate(data, TOL, budget_polygons=whole.polygons // 2)
    assert half.stopped and 0 < half.geometries_judged < half.geometries
    assert 0 < half.judged[2] < whole.judged[2] and half.last.startswith("/CityObjects/")


def test_the_judged_geometries_are_the_first_within_the_count_whatever_the_processor_time(monkeypatch):
    """The budget is a count of the model (issue 76): the geometries judged are the longest prefix
    of the file's order whose polygons stay within it, and the processor time, made to jump by an
    hour at every reading, changes nothing."""
    data, _ = synthetic.city_model(60, list(synthetic.CITY_DEFECTS))
    geometries = list(formed.well_formed_geometries(data, len(data["vertices"])))
    sizes = [sum(1 for _ in g.polygons()) for g in geometries]  # counted by walking them, the oracle of the count
    assert sizes == [g.polygon_count() for g in geometries]
    for budget in (0, sizes[0] - 1, sizes[0], sum(sizes[:7]), sum(sizes[:7]) + sizes[7] - 1, sum(sizes) - 1):
        prefix = next(n for n in range(len(sizes) + 1) if n == len(sizes) or sum(sizes[:n + 1]) > budget)
        calm = solids.validate(data, TOL, budget_polygons=budget)
        assert calm.geometries_judged == prefix and calm.polygons == sum(sizes[:prefix]), budget
        clock = iter(range(0, 10**9, 3600))
        with monkeypatch.context() as patched:
            patched.setattr(time, "process_time", lambda clock=clock: float(next(clock)))
            patched.setattr(time, "perf_counter", lambda clock=clock: float(next(clock)))
            jumping = solids.validate(data, TOL, budget_polygons=budget)
        assert repr(jumping) == repr(calm), budget
    assert solids.validate(data, TOL, budget_polygons=sum(sizes)).geometries_judged == len(sizes)


def test_a_geometry_past_the_count_leaves_every_later_one_unjudged():
    """The judged set stays a prefix: a smaller geometry after the first one left is not judged
    either, though its polygons would fit in what is left of the count."""
    data, _ = synthetic.city_model(60, [])
    geometries = list(formed.well_formed_geometries(data, len(data["vertices"])))
    sizes = [sum(1 for _ in g.polygons()) for g in geometries]  # counted by walking them, the oracle of the count
    assert sizes == [g.polygon_count() for g in geometries]
    big = next(i for i in range(1, len(sizes) - 1) if sizes[i] > sizes[i + 1])
    report = solids.validate(data, TOL, budget_polygons=sum(sizes[:big]) + sizes[big + 1])
    assert report.geometries_judged == big and report.polygons == sum(sizes[:big])


def test_a_city_is_written_piecewise_as_one_dump_would_write_it(monkeypatch):
    monkeypatch.setattr(synthetic, "VERTEX_SLICE", 7)
    for objects, defects in ((3, []), (120, list(synthetic.CITY_DEFECTS))):
        out = io.BytesIO()
        synthetic.write_city(out, objects, defects)
        assert out.getvalue() == orjson.dumps(synthetic.city_model(objects, defects)[0])
