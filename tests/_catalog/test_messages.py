"""Messages a vendor reads: schema violations in words, not jsonschema's dump of the subschema."""

from __future__ import annotations

from conformance._catalog.schemas import SchemaRegistry

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://example.org/test/jwk.json",
    "type": "object",
    "properties": {
        "kty": {"type": "string"},
        "alg": {"oneOf": [{"const": "EdDSA"}, {"const": "ES256"}], "title": "a JOSE algorithm"},
    },
    "propertyNames": {"not": {"enum": ["d", "p", "q"]}},
}


def _findings(instance):
    registry = SchemaRegistry({SCHEMA["$id"]: SCHEMA})
    return [(f.pointer, f.message) for f in registry.findings(instance, SCHEMA["$id"])]


def test_a_forbidden_member_is_named_without_the_subschema():
    messages = [m for _, m in _findings({"kty": "OKP", "d": "secret"})]
    assert messages == ["'d' is not allowed here (forbidden: 'd', 'p', 'q')"]
    assert "should not be valid under" not in messages[0]


def test_none_of_the_allowed_forms_says_what_was_expected():
    assert _findings({"kty": "OKP", "alg": "none"}) == [
        ("/alg", "'none' matches none of the allowed forms (a JOSE algorithm)")]
