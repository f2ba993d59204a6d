"""Robustness mutations: each breaks exactly one rule of the schema, and only that one."""

from __future__ import annotations

import orjson
import pytest
from jsonschema import Draft202012Validator

from conformance._catalog.formats import format_checker
from conformance.areas.interfaces.mutations import mutations

SCHEMA = {
    "type": "object",
    "required": ["name", "owner", "issued_at"],
    "properties": {
        "name": {"type": "string", "maxLength": 64},
        "owner": {"type": "string", "format": "uri"},
        "issued_at": {"type": "string", "format": "date-time"},
        "kind": {"enum": ["model_3d", "avatar"]},
        "rights": {
            "type": "object",
            "required": ["license_url"],
            "properties": {"license_url": {"type": "string"}, "locked": {"type": "boolean"}},
        },
        "count": {"type": "integer"},
    },
}
EXAMPLE = {
    "name": "Helmet", "owner": "did:web:a.example", "issued_at": "2026-01-01T00:00:00Z", "kind": "avatar",
    "rights": {"license_url": "https://l.example", "locked": False}, "count": 3,
}
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=format_checker())


def test_the_example_is_valid():
    assert not list(VALIDATOR.iter_errors(EXAMPLE))


def test_every_mutation_is_invalid_and_breaks_the_rule_it_names():
    found = mutations(EXAMPLE, SCHEMA)
    kinds = {(m.kind, m.pointer) for m in found}
    assert {
        ("missing_required", "/name"), ("missing_required", "/rights/license_url"),
        ("wrong_type", "/name"), ("wrong_type", "/rights"), ("wrong_type", "/rights/locked"), ("wrong_type", "/count"),
        ("oversized_string", "/name"), ("bad_format", "/owner"), ("bad_format", "/issued_at"),
        ("unknown_enum", "/kind"), ("malformed_json", "/"),
    } <= kinds
    for mutation in found:
        if mutation.kind == "malformed_json":
            with pytest.raises(orjson.JSONDecodeError):
                orjson.loads(mutation.content())
            continue
        errors = list(VALIDATOR.iter_errors(orjson.loads(mutation.content())))
        assert errors, f"{mutation.description} is still valid"


def test_each_mutation_is_described_in_both_languages():
    from conformance.messages import Message, localize

    for mutation in mutations(EXAMPLE, SCHEMA):
        assert isinstance(mutation.description, Message), mutation
        assert localize(mutation.description, mutation.description.text(), "zh") != mutation.description
    missing = next(m for m in mutations(EXAMPLE, SCHEMA) if m.kind == "missing_required")
    assert missing.description == f"required {missing.pointer.rsplit('/', 1)[1]!r} left out"  # the English as before


def test_mutations_leave_the_example_untouched():
    before = orjson.dumps(EXAMPLE)
    mutations(EXAMPLE, SCHEMA)
    assert orjson.dumps(EXAMPLE) == before


def test_references_are_followed_through_the_resolver():
    definitions = {"#/$defs/rights": SCHEMA["properties"]["rights"]}
    schema = {**SCHEMA, "properties": {**SCHEMA["properties"], "rights": {"$ref": "#/$defs/rights"}}}
    found = mutations(EXAMPLE, schema, resolve=lambda s: definitions.get(s.get("$ref"), s))
    assert ("missing_required", "/rights/license_url") in {(m.kind, m.pointer) for m in found}
