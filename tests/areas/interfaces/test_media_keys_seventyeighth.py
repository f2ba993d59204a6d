"""The contract check matches an answer's Content-Type to the most specific documented key of the response's
content map, parameters included (OpenAPI 3.1.0, 4.8.17; RFC 9110 8.3.1): seventy-eighth reading, part
h144-media. A key with parameters covers an answer carrying them, however spelled; a bare key covers any
parameters, as before."""

from __future__ import annotations

import httpx
import orjson
import pytest

from conformance.adapters.http import Response
from conformance.areas.interfaces import mediatypes
from conformance.areas.interfaces.openapi import Contract, escape
from conformance.messages import msg

RESOLVE = "http://h/1.0/identifiers/did:web:x"
PROFILE_KEY = 'application/ld+json;profile="https://w3id.org/did-resolution"'
RESULT = orjson.dumps({"didDocument": None, "didResolutionMetadata": {"error": "notFound"}, "didDocumentMetadata": {}})


@pytest.fixture(scope="module")
def contract(catalog):
    return Contract(catalog.schemas)


def answer(url: str, status: int, content_type: str, body: bytes = b"{}", method: str = "GET") -> Response:
    headers = httpx.Headers({"content-type": content_type} if content_type else {})
    return Response(method=method, url=url, status=status, headers=headers, content=body, elapsed_s=0.0)


def documented_keys(contract: Contract):
    """(operation, response key, its content map) of every response of the contract with a content map."""
    for op in contract.operations:
        for key, node in contract.operation_object(op)["responses"].items():
            response, _ = contract._resolve(node, "")
            if isinstance(response, dict) and isinstance(response.get("content"), dict):
                yield op, str(key), response["content"]


def status_of(key: str) -> int:
    return int(key.replace("XX", "00")) if key != "default" else 599


def url_of(path: str) -> str:
    return "http://h" + "/".join("x" if p.startswith("{") else p for p in path.split("/"))


def undocumented(contract: Contract, op, key: str, content_type: str):
    """The findings of an undocumented Content-Type for an answer of ``op`` that ``key`` documents; None when no
    status reaches ``key`` this way (another response of the operation answers it)."""
    status, responses = status_of(key), contract.operation_object(op)["responses"]
    if next(k for k in (str(status), f"{str(status)[0]}XX", "default") if k in responses) != key:
        return None
    found = contract.response_findings(answer(url_of(op.path), status, content_type, method=op.method), op=op)
    return [f for f in found if f.message == msg("interfaces.media-type-undocumented", operation=op.operation_id,
                                                 response=key)]


def respelled(written: str) -> str:
    """``written`` spelled another way RFC 9110 8.3.1 makes the same: type and names in upper case, a space
    after each ";", each token value quoted and each quoted one left so."""
    parsed = mediatypes.parse(written)
    assert parsed is not None
    return parsed.kind.upper() + "".join(f'; {name.upper()}="{value}"' for name, value in parsed.parameters)


def test_every_key_with_parameters_covers_its_media_type_however_spelled(contract):
    keys = [(op, key, media) for op, key, content in documented_keys(contract) for media in content if ";" in media]
    assert keys, "the contract has a key with parameters (resolveDid's earlier DID Resolution form)"
    for op, key, media in keys:
        assert undocumented(contract, op, key, respelled(media)) == [], (op.operation_id, key, media)
        assert undocumented(contract, op, key, media + "; charset=utf-8") == [], (op.operation_id, key, media)


def test_every_key_with_parameters_refuses_other_values_and_none(contract):
    for op, key, content in documented_keys(contract):
        for media in (m for m in content if ";" in m):
            parsed = mediatypes.parse(media)
            other = parsed.kind + "".join(f';{name}="{value}-other"' for name, value in parsed.parameters)
            assert undocumented(contract, op, key, other), (op.operation_id, key, other)
            bare_documented = any(mediatypes.parse(m).kind == parsed.kind and ";" not in m for m in content)
            if not bare_documented:
                found = undocumented(contract, op, key, parsed.kind)
                assert found and found[0].actual == parsed.kind, (op.operation_id, key)


def test_every_bare_key_covers_its_media_type_with_any_parameters(contract):
    for op, key, content in documented_keys(contract):
        for media in (m for m in content if ";" not in m):
            assert undocumented(contract, op, key, f"{media.upper()}; charset=UTF-8; x=1") in ([], None), \
                (op.operation_id, key, media)


def test_the_earlier_drafts_result_passes_for_resolve_did_and_is_judged_by_its_own_key(contract):
    profile = 'application/ld+json; profile="https://w3id.org/did-resolution"'
    for status in (200, 410):
        assert contract.response_findings(answer(RESOLVE, status, profile, RESULT)) == []
        found = contract.response_findings(answer(RESOLVE, status, profile, b"{}"))
        assert found and all(f.extra["schema"].endswith(f"/responses/{status}/content/{escape(PROFILE_KEY)}/schema")
                             for f in found)


def test_another_profile_or_none_is_undocumented_for_resolve_did(contract):
    for content_type in ('application/ld+json;profile="https://example.org/other"', "application/ld+json"):
        found = contract.response_findings(answer(RESOLVE, 200, content_type, RESULT))
        assert [f.message for f in found] == [msg("interfaces.media-type-undocumented", operation="resolveDid",
                                                  response="200")], content_type
        assert found[0].actual == str(mediatypes.parse(content_type))


def test_the_plan_remembered_for_one_parameter_set_is_not_another_s(catalog):
    fresh = Contract(catalog.schemas)
    plain = answer(RESOLVE, 200, "application/ld+json", RESULT)
    profiled = answer(RESOLVE, 200, 'application/ld+json;profile="https://w3id.org/did-resolution"', RESULT)
    assert fresh.response_findings(plain) and fresh.response_findings(profiled) == []
    assert fresh.response_findings(plain)


@pytest.mark.parametrize(("content_type", "keys", "expected"), [
    ("text/plain", ["text/*", "*/*"], "text/*"),
    ("text/plain;format=flowed", ["text/plain", "text/plain;format=flowed", "text/*"], "text/plain;format=flowed"),
    ("text/plain;format=fixed", ["text/plain", "text/plain;format=flowed", "text/*"], "text/plain"),
    ("image/png", ["text/*"], None),
    ("image/png", ["*/*", "image/*"], "image/*"),
    ("application/json", ["*/json"], None),
    ("", ["*/*"], None),
    ('application/ld+json;profile="a b"', ["application/ld+json;profile=b"], "application/ld+json;profile=b"),
    ("text/html;charset=UTF-8", ['text/html;charset="utf-8"'], 'text/html;charset="utf-8"'),
    ("text/html;level=A", ["text/html;level=a"], None),
    ('text/html;x="a;b"', ['text/html;x="a;b"'], 'text/html;x="a;b"'),
    ('text/html;x="a\\"b"', ['text/html;x="a\\"b"'], 'text/html;x="a\\"b"'),
])
def test_the_most_specific_covering_key_applies(content_type, keys, expected):
    assert mediatypes.applicable(content_type, keys) == expected
