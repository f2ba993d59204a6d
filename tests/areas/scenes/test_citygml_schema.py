"""SC-CITY-011's vendored CityGML 3.0 schemas: the files are those SOURCES.md lists (by SHA-256),
the schema compiles from them alone, and it tells a valid model from planted defects."""

from __future__ import annotations

import hashlib
import re

import pytest
from lxml import etree

from conformance.areas.scenes import citygml, citygml_schema
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "citygml_models" / "district.gml"
FIXTURES = ROOT / "suites" / "scenes" / "fixtures" / "citygml"


def test_vendored_files_match_sources_table():
    table = dict(re.findall(r"^\| (\S+\.xsd) \| ([0-9a-f]{64}) \|$", (citygml_schema.XSD / "SOURCES.md").read_text(),
                            re.M))
    present = {str(p.relative_to(citygml_schema.XSD)) for p in citygml_schema.XSD.rglob("*.xsd")}
    assert set(table) == present
    for name, digest in table.items():
        assert hashlib.sha256((citygml_schema.XSD / name).read_bytes()).hexdigest() == digest, name


def test_every_import_resolves_to_a_vendored_file():
    resolver = citygml_schema._Local()
    for path in citygml_schema.XSD.rglob("*.xsd"):
        for location in re.findall(r'schemaLocation="(http[^"]+)"', path.read_text(encoding="utf-8")):
            if location.startswith("http://www.w3.org/2009/") or path.name == "xml.xsd":
                continue  # xml.xsd names other versions in its documentation, not in an import
            assert any(location.startswith(prefix) and (folder / location[len(prefix):]).is_file()
                       for prefix, folder in citygml_schema.LOCATIONS.items()), (path.name, location)
    with pytest.raises(citygml_schema.OutsideVendoredSchemas):
        resolver.resolve("http://example.org/other.xsd", None, None)


def test_reference_sample_is_valid():
    tree = citygml.citygml_3_tree(SAMPLE.read_bytes())
    assert tree is not None
    assert citygml_schema.errors(tree) == []


def test_planted_schema_defect_is_found_with_line_and_path():
    tree = citygml.citygml_3_tree((FIXTURES / "schema-invalid.gml").read_bytes())
    assert tree is not None
    found = citygml_schema.errors(tree)
    assert found and "not expected" in found[0].message
    assert found[0].line > 1 and "WallSurface" in found[0].path


@pytest.mark.parametrize("edit", [
    ('<gml:posList>', '<gml:posList>x '),                                # a coordinate that is no double
    ('<gml:name>Building A</gml:name>', '<gml:name>Building A</gml:name><unknown/>'),  # an undeclared element
    ('srsDimension="3"', 'srsDimension="three"'),                        # an attribute of the wrong type
])
def test_other_defects_are_found(edit):
    text = SAMPLE.read_text(encoding="utf-8").replace(*edit, 1)
    tree = citygml.citygml_3_tree(text.encode())
    assert tree is not None and citygml_schema.findings(tree)


def test_not_citygml_3_is_left_to_sc_city_010():
    assert citygml.citygml_3_tree((FIXTURES / "citygml-2-root.gml").read_bytes()) is None
    assert citygml.citygml_3_tree((FIXTURES / "doctype-entities.gml").read_bytes()) is None
    assert citygml.citygml_3_tree(b"<not") is None
    assert isinstance(etree.QName(citygml.citygml_3_tree(SAMPLE.read_bytes()).getroot()).localname, str)


def test_why_a_file_is_not_validated():
    assert citygml.citygml_3_read(b"<not")[1] == "syntax"
    assert citygml.citygml_3_read((FIXTURES / "doctype-entities.gml").read_bytes())[1] == "doctype"
    assert citygml.citygml_3_read((FIXTURES / "citygml-2-root.gml").read_bytes())[1] == "other"
    assert citygml.citygml_3_read(SAMPLE.read_bytes())[1] == ""


def _schema_verdict(run_manifest, *paths):
    result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-citygml"],
                           "targets": {"citygml_models": {"adapter": "file", "paths": [str(p) for p in paths]}}},
                          requirements=["SC-CITY-011"])
    record = next(r for r in result.report.requirements if r.requirement == "SC-CITY-011")
    return record.verdict.value, record.message


@pytest.mark.parametrize(("fixture", "verdict"), [
    ("not-well-formed.gml", "inconclusive"),   # it may be a CityGML 3.0 file: a member not judged
    ("doctype-entities.gml", "inconclusive"),
    ("citygml-2-root.gml", "pass"),            # not a CityGML 3.0 file: outside the statement
])
def test_a_set_with_a_file_that_could_not_be_validated_does_not_pass(run_manifest, fixture, verdict):
    found, message = _schema_verdict(run_manifest, SAMPLE, FIXTURES / fixture)
    assert found == verdict, message
    if verdict == "inconclusive":
        assert fixture in message and "not judged" in message


def test_only_files_that_could_not_be_validated_are_inconclusive_and_only_other_kinds_not_applicable(
        run_manifest):
    assert _schema_verdict(run_manifest, FIXTURES / "not-well-formed.gml")[0] == "inconclusive"
    assert _schema_verdict(run_manifest, FIXTURES / "citygml-2-root.gml")[0] == "not_applicable"


def test_the_files_own_schema_location_is_not_followed():
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'gml:id="example-district">',
        'gml:id="example-district" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.opengis.net/citygml/3.0 http://127.0.0.1:9/never.xsd">', 1)
    tree = citygml.citygml_3_tree(text.encode())
    assert tree is not None and citygml_schema.errors(tree) == []  # judged by the vendored schema alone
