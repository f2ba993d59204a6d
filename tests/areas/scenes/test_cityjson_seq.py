"""CityJSON Text Sequences (CityJSONSeq, ``.city.jsonl``) in the city_models role (issue 48,
:mod:`conformance.areas.scenes.cityjson_seq`): read line by line into the model a ``.city.json``
gives, so every SC-CITY check judges it alike; what only a sequence can get wrong is a finding
naming its line."""

from __future__ import annotations

import io

import orjson
import pytest

from conformance.areas.scenes import cityjson, cityjson_schema, cityjson_seq, synthetic
from tests.conftest import manifest_for, verdicts
from tests.paths import ROOT

from .test_cityjson_lean import findings

CITY = ROOT / "suites" / "scenes" / "fixtures" / "city"
SAMPLES = sorted((ROOT / "src" / "conformance" / "reference" / "samples" / "city_models").glob("*.city.json"))
TERRACE = ROOT / "src" / "conformance" / "reference" / "samples" / "city_models" / "terrace.city.json"
#: the .city.json fixtures a sequence can carry (an index out of range has no vertex to carry)
CONVERTIBLE = [p for p in sorted(CITY.glob("*.city.json")) if "index" not in p.name and "template" not in p.name]


class LinesOnly(io.RawIOBase):
    """A file that can only be iterated line by line: reading it whole fails the test."""

    def __init__(self, body: bytes) -> None:
        self._lines = io.BytesIO(body).readlines()

    def __iter__(self):
        return iter(self._lines)

    def read(self, *args):  # pragma: no cover - the reader must never call it
        raise AssertionError("the CityJSONSeq was read whole")

    readall = read


def _sequence(data) -> bytes:
    return b"\n".join(cityjson_seq.lines(data)) + b"\n"


@pytest.mark.parametrize("path", SAMPLES + CONVERTIBLE, ids=lambda p: p.name)
def test_a_model_as_cityjson_and_as_cityjsonseq_gets_the_same_findings(path):
    data = orjson.loads(path.read_bytes())
    model = cityjson_seq.read(LinesOnly(_sequence(data)))
    assert model.findings == {}
    assert findings(model) == findings(orjson.loads(path.read_bytes()))


#: every planted defect but an index past the last vertex (a sequence cannot carry a missing vertex)
CARRIED = sorted(set(synthetic.CITY_DEFECTS) - {"vertex-index"})


@pytest.mark.parametrize("defects", [[], CARRIED], ids=["clean", "defects"])
def test_a_generated_model_with_planted_defects_gets_the_same_findings_as_a_sequence(defects):
    data, _ = synthetic.city_model(30, defects)
    model = cityjson_seq.read(io.BytesIO(_sequence(data)))
    assert findings(model) == findings(data)


def test_features_vertices_are_appended_and_their_indices_shifted():
    data, _ = synthetic.city_model(12, [])
    lines = list(cityjson_seq.lines(data))
    assert len(lines) > 2 and orjson.loads(lines[0])["CityObjects"] == {}
    model = cityjson_seq.read(io.BytesIO(b"\r\n".join(lines)))  # CR LF line ends are allowed
    assert model.findings == {} and model["vertices"].shape[1] == 3
    for key, obj in data["CityObjects"].items():
        for mine, theirs in zip(model["CityObjects"][key].get("geometry", []), obj.get("geometry", []), strict=True):
            flat = cityjson.int_leaves(mine["boundaries"])
            assert model["vertices"][flat].tolist() == [data["vertices"][i] for i in cityjson.int_leaves(
                theirs["boundaries"]).tolist()]


@pytest.mark.parametrize(("name", "kind", "line", "text"), [
    ("seq-header-not-empty", "schema", 1, "is not a CityJSON header"),
    ("seq-line-not-feature", "schema", 3, 'has type "CityJSON"'),
    ("seq-id-not-object", "schema", 2, 'id "no-such-object" is not one of its top-level City Objects'),
    ("seq-line-not-json", "schema", 3, "is not JSON"),
    ("seq-vertex-out-of-range", "vertices", 2, "index 15 outside the 15 vertices"),
])
def test_each_sequence_fixture_is_a_finding_naming_its_line(name, kind, line, text):
    model = cityjson_seq.read(io.BytesIO((CITY / f"{name}.city.jsonl").read_bytes()))
    found = cityjson_seq.findings(model, kind)
    assert len(found) == 1 and found[0].line == line and text in found[0].message
    assert [f for f in cityjson_seq.findings(model, "schema" if kind == "vertices" else "vertices")] == []
    check = cityjson_schema.schema_findings if kind == "schema" else cityjson.vertex_indices
    assert found[0] in check(model)


def test_findings_of_many_bad_lines_are_capped():
    body = b'{"type":"CityJSON","CityObjects":{},"vertices":[]}\n' + b"nope\n" * 80
    found = cityjson_seq.findings(cityjson_seq.read(io.BytesIO(body)), "schema")
    assert len(found) == cityjson_seq.MAX_FINDINGS + 1 and "30 further" in found[-1].message


def test_a_run_gives_the_sequence_the_verdicts_of_the_cityjson_file(catalog, run_manifest, tmp_path):
    results = {}
    for name in ("terrace.city.json", "seq-good.city.jsonl"):
        folder = tmp_path / name.replace(".", "-")
        folder.mkdir()
        source = TERRACE if name.endswith(".json") else CITY / name
        (folder / name).write_bytes(source.read_bytes())
        manifest = manifest_for(catalog, "scene-cityjson", files={"city_models": [str(folder / name)]})
        results[name] = verdicts(run_manifest(manifest))
    assert results["seq-good.city.jsonl"] == results["terrace.city.json"]
    assert results["terrace.city.json"]["SC-CITY-001"] == "pass"


def test_the_committed_good_sequence_is_the_reference_sample_as_written_by_the_fixture_script():
    data = orjson.loads(TERRACE.read_bytes())
    model = cityjson_seq.read(io.BytesIO((CITY / "seq-good.city.jsonl").read_bytes()))
    assert findings(model) == findings(data)


def test_generate_city_format_jsonl_writes_a_sequence_with_every_defect_found(tmp_path):
    out = tmp_path / "model.city.jsonl"
    with out.open("wb") as handle:
        planted = synthetic.write_city(handle, 30, list(synthetic.CITY_DEFECTS), sequence=True)
    with out.open("rb") as handle:
        model = cityjson_seq.read(handle)
    assert all(orjson.loads(line)["type"] == "CityJSONFeature" for line in out.read_bytes().splitlines()[1:])
    found = findings(model)
    # the index past the last vertex stays past its feature's own vertices: SC-CITY-002, with its line
    assert [f.rule for f in cityjson_seq.findings(model, "vertices")] == ["R1"]
    assert all(found[req] not in ("[]", "([], 0)") for _, req, _ in planted if req in found)


def test_generate_city_format_jsonl_from_the_command_line(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "model.city.jsonl"
    done = subprocess.run([sys.executable, "-m", "conformance.cli", "generate", "city", "--objects", "4",
                           "--format", "jsonl", "--out", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert len(out.read_bytes().splitlines()) >= 2
    with out.open("rb") as handle:
        assert findings(cityjson_seq.read(handle)) == findings(synthetic.city_model(4, [])[0])
