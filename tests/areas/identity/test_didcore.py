"""DID Core verification material by type, duplicate member names, did:key agreement."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance._io.parsing import duplicate_members, parse_json
from conformance.areas.identity.didcore import Note, document_problems, material_problems
from conformance.areas.identity.multikey import multibase_decode
from conformance.errors import NonConformance

ED = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"  # did:key spec's Ed25519 example


def rules(method: dict) -> list[str]:
    return [f.extra.get("check") for f in material_problems(method, "/verificationMethod/0") if not isinstance(f, Note)]


def test_registered_material_of_every_kind_is_accepted():
    base = {"id": "#k", "controller": "did:example:a"}
    assert rules({**base, "type": "Multikey", "publicKeyMultibase": ED}) == []
    assert rules({**base, "type": "Ed25519VerificationKey2018",
                  "publicKeyBase58": "B12NYF8RrR3h41TDCTJojY59usg3mbtbjnFs7Eud1Y6u"}) == []
    assert rules({**base, "type": "EcdsaSecp256k1RecoveryMethod2020",
                  "blockchainAccountId": "eip155:1:0xF932e07B8ef841828E219D4F40eead9FAD115b6E"}) == []
    assert rules({**base, "type": "JsonWebKey2020", "publicKeyJwk": {
        "kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}) == []
    # An account id beside a key is not the same material twice (did:pkh).
    assert rules({**base, "type": "EcdsaSecp256k1RecoveryMethod2020", "blockchainAccountId": "eip155:1:0xab",
                  "publicKeyJwk": {"kty": "EC", "crv": "secp256k1", "x": "A" * 43, "y": "A" * 43}}) == []
    # Unregistered types are allowed (DID Core 4.1).
    assert rules({**base, "type": "SomeFutureKey2030", "publicKeyMultibase": ED}) == []


def test_deprecated_material_is_a_note_not_a_finding():
    found = list(material_problems({"id": "#k", "type": "Ed25519VerificationKey2018", "controller": "did:example:a",
                                    "publicKeyBase58": "B12NYF8RrR3h41TDCTJojY59usg3mbtbjnFs7Eud1Y6u"}, "/vm"))
    assert [type(f) for f in found] == [Note] and found[0].pointer == "/vm/publicKeyBase58"


@pytest.mark.parametrize(("method", "rule", "pointer"), [
    ({"type": "JsonWebKey2020", "publicKeyMultibase": ED}, "material-matches-type", "/publicKeyMultibase"),
    ({"type": "Ed25519VerificationKey2020", "publicKeyMultibase": "zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169"},
     "publicKeyMultibase-encoding", "/publicKeyMultibase"),
    ({"type": "JsonWebKey2020", "publicKeyJwk": {"kty": "EC", "crv": "P-256", "x": "A" * 43}},
     "jwk-required-member", "/publicKeyJwk/y"),
    ({"type": "JsonWebKey2020", "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": "A" * 43, "d": "A"}},
     "jwk-no-private-member", "/publicKeyJwk/d"),
    ({"type": "Multikey", "publicKeyMultibase": ED, "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": "A"}},
     "material-exactly-one", "/publicKeyMultibase"),
    ({"type": "Multikey"}, "material-present", ""),
    ({"type": "Multikey", "publicKeyMultibase": "z0OIl"}, "publicKeyMultibase-encoding", "/publicKeyMultibase"),
    ({"type": "EcdsaSecp256k1RecoveryMethod2020", "blockchainAccountId": "mainnet"}, "blockchainAccountId-encoding",
     "/blockchainAccountId"),
])
def test_each_material_rule_names_the_member(method, rule, pointer):
    found = [f for f in material_problems({"id": "#k", "controller": "did:example:a", **method}, "/vm")
             if not isinstance(f, Note)]
    assert any(f.extra.get("check") == rule and f.pointer == "/vm" + pointer for f in found), found
    assert all("{" not in f.message for f in found)  # a rule in words, never the object dumped


def test_multibase_bases():
    assert multibase_decode("f00ff") == b"\x00\xff"
    assert multibase_decode("uAP8") == b"\x00\xff"
    with pytest.raises(ValueError):
        multibase_decode("?abc")


def test_did_key_document_must_hold_the_key_of_its_did():
    did = f"did:key:{ED}"
    good = {"id": did, "verificationMethod": [{"id": f"{did}#{ED}", "type": "Multikey", "controller": did,
                                              "publicKeyMultibase": ED}]}
    assert document_problems(good) == []
    bad = {**good, "verificationMethod": [{**good["verificationMethod"][0],
                                           "publicKeyMultibase": "z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG"}]}
    assert [f.extra.get("check") for f in document_problems(bad)] == ["did-key-agreement"]


def test_duplicate_member_names_are_found_with_their_pointer():
    body = b'{"a": {"x": 1, "y": "\\" :", "x": 2}, "b": [{"k": 1}, {"k": 1, "k": 1}]}'
    assert duplicate_members(body, parse_json_lenient(body)) == [("/a", "x"), ("/b/1", "k")]
    with pytest.raises(NonConformance) as caught:
        parse_json(b'{"id": "did:web:a", "id": "did:web:b"}', what="doc.json")
    assert caught.value.evidence["pointer"] == "" and "'id'" in str(caught.value)


def test_no_duplicates_when_strings_look_like_members():
    body = b'{"a": "\\"b\\": 1", "c": ["d", ":", "e\\\\"], "f": {}}'
    assert parse_json(body, what="x") == {"a": '"b": 1', "c": ["d", ":", "e\\"], "f": {}}


def parse_json_lenient(body: bytes):
    import orjson

    return orjson.loads(body)


def test_did_jwk_document_must_hold_the_jwk_of_its_did():
    import base64
    import json as _json

    jwk = {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
    did = "did:jwk:" + base64.urlsafe_b64encode(_json.dumps(jwk).encode()).rstrip(b"=").decode()
    good = {"id": did, "verificationMethod": [{"id": "#0", "type": "JsonWebKey2020", "controller": did,
                                              "publicKeyJwk": jwk}]}
    assert document_problems(good) == []
    bad = {**good, "verificationMethod": [{**good["verificationMethod"][0], "publicKeyJwk": {**jwk, "x": "A" * 43}}]}
    assert [f.extra.get("check") for f in document_problems(bad)] == ["did-jwk-agreement"]



JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=6), children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_json_without_repeated_names_has_no_duplicates(value):
    body = json.dumps(value).encode()
    assert duplicate_members(body, parse_json_lenient(body)) == []


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=6), JSON, min_size=1, max_size=4), st.data())
def test_a_repeated_name_is_always_found(obj, data):
    name = data.draw(st.sampled_from(sorted(obj)))
    body = ("{" + json.dumps(name) + ": 0, " + json.dumps(obj)[1:]).encode()
    assert ("", name) in duplicate_members(body, parse_json_lenient(body))


def test_hex_with_a_prefix_and_a_pem_that_is_no_key_say_what_is_wrong():
    """publicKeyHex with 0x is named as such (not "an even number of digits"); a PEM block
    that does not decode as a public key is no key material; a real PEM key of the type's
    kind passes, one of another kind does not."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    from conformance.areas.identity.didcore import material_problems

    def problems(name, value):
        method = {"id": "#k", "type": "EcdsaSecp256k1VerificationKey2019", "controller": "did:example:a", name: value}
        return [str(f.message) for f in material_problems(method, "/verificationMethod/0")
                if f.extra.get("check") == f"{name}-encoding"]

    prefixed = problems("publicKeyHex", "0x" + "02" * 33)
    assert len(prefixed) == 1 and "has a 0x prefix" in prefixed[0]
    assert problems("publicKeyHex", "02" * 33) == []
    assert "does not decode as a public key" in problems("publicKeyPem", "-----BEGIN PUBLIC X...")[0]
    def pem(key):
        return key.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo).decode()

    assert problems("publicKeyPem", pem(ec.generate_private_key(ec.SECP256K1()))) == []
    # a key of another kind than the type's (issue 25): named with both kinds
    assert "takes a secp256k1 key, this PEM holds a Ed25519 key" in problems(
        "publicKeyPem", pem(ed25519.Ed25519PrivateKey.generate()))[0]
