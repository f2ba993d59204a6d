"""A parameter's ``values``: the JSON Schema every value set for it must satisfy (a DID, a
list of DIDs), checked before the run; a value breaking it is one line at its place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conformance._catalog.model import Profile
from conformance._catalog.parameters import declaration_problems, values_problem
from conformance._run.plan import make_plan
from conformance.errors import HarnessInputError
from tests.conftest import manifest_for

DIDS = {"anyOf": [{"type": "string", "pattern": "^did:"}, {"type": "array", "items": {"type": "string",
                                                                                       "pattern": "^did:"}}]}


def _plan(catalog, tmp_path: Path, parameters: dict):
    manifest = manifest_for(catalog, "identity-credentials-api", base_urls={"api": "http://127.0.0.1:9"},
                            parameters=parameters)
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(manifest))
    return make_plan(path, catalog)


def test_values_within_the_schema_are_taken(catalog, tmp_path: Path):
    plan = _plan(catalog, tmp_path, {"issuer": ["did:web:a.example", "did:web:b.example"],
                                     "cryptosuite": "eddsa-jcs-2022"})
    assert plan.profiles[0].parameters["issuer"] == ["did:web:a.example", "did:web:b.example"]


@pytest.mark.parametrize(("parameters", "place"), [
    ({"issuer": "https://issuer.example"}, "parameters.issuer"),
    ({"issuer": ["did:web:a.example", 7]}, "parameters.issuer"),
    ({"issuer": []}, "parameters.issuer"),
    ({"cryptosuite": ""}, "parameters.cryptosuite"),
    ({"verification_method": "key-1"}, "parameters.verification_method"),
])
def test_a_value_breaking_the_schema_is_one_line_at_its_place(catalog, tmp_path: Path, parameters, place):
    with pytest.raises(HarnessInputError) as raised:
        _plan(catalog, tmp_path, parameters)
    line = str(raised.value)
    assert "\n" not in line and f"$.profiles[0].{place}" in line
    assert "conformance show identity-credentials-api" in line


def test_values_problem_names_the_item_that_breaks_it():
    assert values_problem(DIDS, ["did:a:b", "x"]) is not None
    assert values_problem(DIDS, "did:a:b") is None


def test_a_values_that_is_no_schema_is_a_declaration_problem():
    profile = Profile.model_validate({
        "id": "p", "version": "0.1.0", "title": {"en": "p", "zh": "p"}, "requirements": [], "targets": {},
        "parameters": {"x": {"default": None, "stricter": "any", "values": {"type": "no-such-type"}}},
    })
    assert [name for name, _ in declaration_problems(profile)] == ["x"]
