"""The forty-fourth reading's b2: IR-RES-002 judges the problem body's `error` member, which annex D's problem
details (D.5.4) did not define. The binding's problems now have their own schema, whose `error` enumeration is the
codes the check expects, and the check validates the body with it."""

from __future__ import annotations

from conformance.areas.identifiers import resolution


def test_the_schema_enumerates_the_codes_the_check_expects(catalog):
    schema = catalog.schemas.get(resolution.PROBLEM_SCHEMA)
    assert sorted(schema["properties"]["error"]["enum"]) == sorted(resolution.ERRORS.values())


def test_a_code_outside_the_binding_is_a_schema_finding(catalog):
    body = {"type": "about:blank", "title": "Bad Request", "status": 400, "error": "invalidDid"}
    assert list(catalog.schemas.findings(body, resolution.PROBLEM_SCHEMA))
    assert not list(catalog.schemas.findings({**body, "error": "invalidIdentifier"}, resolution.PROBLEM_SCHEMA))
