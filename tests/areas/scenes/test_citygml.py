"""CityGML 3.0 GML files (conformance.areas.scenes.citygml, SC-CITY-010): the reference sample
breaks no rule, each fixture breaks its rule, the files are the generator's output, nothing is
expanded or fetched, identifiers and links are judged exactly (hypothesis), and the bench's
CityGML section compares each file with its label."""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.scenes import citygml
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "scenes" / "fixtures"
DISTRICT = ROOT / "src" / "conformance" / "reference" / "samples" / "citygml_models" / "district.gml"


def test_the_reference_sample_breaks_no_rule():
    judged = citygml.judge(DISTRICT.read_bytes())
    assert judged.findings == [] and (judged.ids, judged.local_links, judged.other_links) == (15, 6, 0)


@pytest.mark.parametrize(("fixture", "rule"), [
    ("not-well-formed", "R1"), ("doctype-entities", "R1"), ("citygml-2-root", "R2"),
    ("id-repeated", "R3"), ("href-missing", "R4"),
])
def test_each_fixture_breaks_its_rule(fixture, rule):
    found = citygml.judge((FIXTURES / "citygml" / f"{fixture}.gml").read_bytes()).findings
    assert [f.rule for f in found] == [rule]


def test_the_files_are_the_generators_output():
    spec = importlib.util.spec_from_file_location("citygml_files", FIXTURES / "citygml_files.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.sample() == DISTRICT.read_text(encoding="utf-8")


def test_an_external_entity_is_neither_fetched_nor_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    text = (f'<?xml version="1.0"?><!DOCTYPE CityModel [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
            '<CityModel xmlns="http://www.opengis.net/citygml/3.0">&x;</CityModel>')
    [finding] = citygml.judge(text.encode()).findings
    assert finding.rule == "R1" and finding.extra["check"] == "no-doctype" and "TOP-SECRET" not in repr(finding)


def _model(ids: list[str], hrefs: list[str]) -> bytes:
    body = "".join(f'<gml:Polygon gml:id="{i}"/>' for i in ids)
    body += "".join(f'<gml:surfaceMember xlink:href="#{h}"/>' for h in hrefs)
    return ('<CityModel xmlns="http://www.opengis.net/citygml/3.0" xmlns:gml="http://www.opengis.net/gml/3.2" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink">{body}</CityModel>').encode()


NAMES = st.text("abcdef", min_size=1, max_size=3).map(lambda t: "id-" + t)


@settings(max_examples=100, deadline=None)
@given(st.lists(NAMES, max_size=8), st.lists(NAMES, max_size=8))
def test_ids_and_links_are_judged_exactly(ids, hrefs):
    found = citygml.judge(_model(ids, hrefs)).findings
    repeated = {i for i in ids if ids.count(i) > 1}
    dangling = [h for h in hrefs if h not in ids]
    assert sorted(f.actual for f in found if f.rule == "R3") == sorted(repeated)
    assert [f.actual for f in found if f.rule == "R4"] == ["#" + h for h in dangling]


def test_the_bench_compares_each_file_with_its_label(tmp_path):
    bench = ROOT / "bench" / "fidelity_scenes.py"
    spec = importlib.util.spec_from_file_location("bench_fidelity_scenes_citygml", bench)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = tmp_path / "citygml" / "files"
    files.mkdir(parents=True)
    shutil.copy(DISTRICT, files / "good.gml")
    shutil.copy(FIXTURES / "citygml" / "citygml-2-root.gml", files / "old.gml")
    labels = {"good.gml": {"expected": "valid", "why": "t"}, "old.gml": {"expected": "invalid", "why": "t"}}
    (tmp_path / "citygml" / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    assert module.measure_citygml(tmp_path)["agree"] == 2
    labels["old.gml"]["expected"] = "valid"
    (tmp_path / "citygml" / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    [miss] = module.measure_citygml(tmp_path)["disagreements"]
    assert miss["item"] == "old.gml" and "CityGML 2.0" in miss["reason"]
