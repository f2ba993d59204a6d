"""Property tests of the identity schemas' boundaries: generated DIDs and DID documents,
valid and mutated (DID Core 3.1 ABNF, 5.2 verification methods, 5.3 relationships)."""

from __future__ import annotations

import base64
import importlib.util
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.areas.identity.didcore import data_model_findings
from conformance.areas.identity.privacy import private_key_material
from conformance.codecs.keys import base58_encode
from conformance.reference.identity import routes as identity
from tests.paths import ROOT

DID = "https://metaverse-conformance.org/schemas/identity/did.json"
DID_DOCUMENT = "https://metaverse-conformance.org/schemas/identity/did-document.json"
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_spec = importlib.util.spec_from_file_location("suite_did_documents", ROOT / "suites/identity/test_did_documents.py")
documents_suite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(documents_suite)

method_names = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
pct_encoded = st.builds(lambda a, b: f"%{a}{b}", st.sampled_from(string.hexdigits), st.sampled_from(string.hexdigits))
idchar = st.one_of(st.sampled_from(string.ascii_letters + string.digits + "._-"), pct_encoded)
segment = st.lists(idchar, min_size=1, max_size=12).map("".join)
method_specific_ids = st.builds(
    lambda head, last: ":".join([*head, last]),
    st.lists(st.one_of(segment, st.just("")), max_size=3), segment,
)
dids = st.builds(lambda m, i: f"did:{m}:{i}", method_names, method_specific_ids)


@SETTINGS
@given(dids)
def test_generated_dids_are_accepted(catalog, did):
    assert not catalog.schemas.findings(did, DID)
    assert identity.is_did(did)


def _mutations(did: str) -> list[str]:
    _, method, rest = did.split(":", 2)
    return [
        f"did:{method.upper()}X:{rest}",     # uppercase in the method name
        f"did:{method}:",                    # empty method-specific id
        f"did:{method}:{rest}:",             # empty last segment
        f"did:{method}:{rest}%G0",           # bad percent-encoding
        f"did:{method}:{rest}%4",            # truncated percent-encoding
        f"did:{method}:{rest} x",            # a space is not an idchar
        f"did:{method}:{rest}#frag",         # a DID URL, not a DID
        f"DID:{method}:{rest}",              # the scheme is lower case
        f"did::{rest}",                      # empty method name
        f"did:{method}-x:{rest}",            # '-' is not allowed in method names
        f"{did}\n",                          # trailing newline
    ]


@SETTINGS
@given(dids)
def test_mutated_dids_are_refused(catalog, did):
    for mutated in _mutations(did):
        assert catalog.schemas.findings(mutated, DID), mutated
        assert not identity.is_did(mutated), mutated


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@st.composite
def did_documents(draw):
    did = draw(dids)
    count = draw(st.integers(1, 3))
    methods = []
    for index in range(count):
        method_id = draw(st.sampled_from([f"#key-{index}", f"{did}#key-{index}"]))
        method = {"id": method_id, "controller": did}
        raw = draw(st.binary(min_size=32, max_size=32))
        # The material is the one the type defines (DID Specification Registries).
        if draw(st.booleans()):
            method["type"] = draw(st.sampled_from(["JsonWebKey2020", "JsonWebKey"]))
            method["publicKeyJwk"] = {"kty": "OKP", "crv": "Ed25519", "x": _b64(raw)}
        else:
            method["type"] = "Multikey"
            method["publicKeyMultibase"] = "z" + base58_encode(b"\xed\x01" + raw)
        methods.append(method)
    document = {"id": did, "verificationMethod": methods}
    if draw(st.booleans()):
        document = {"@context": ["https://www.w3.org/ns/did/v1"], **document}
    ids = [m["id"] for m in methods]
    document["authentication"] = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    return document


@SETTINGS
@given(did_documents())
def test_generated_documents_pass_every_check(catalog, document):
    assert not data_model_findings(document, catalog.schemas)[0]
    assert not private_key_material(document)
    assert documents_suite.reference_problems(document)[0] == []


@SETTINGS
@given(did_documents(), st.sampled_from(["d", "p", "k"]))
def test_a_private_jwk_member_is_refused(catalog, document, member):
    jwk_methods = [m for m in document["verificationMethod"] if "publicKeyJwk" in m]
    method = jwk_methods[0] if jwk_methods else document["verificationMethod"][0]
    method.pop("publicKeyMultibase", None)
    method["publicKeyJwk"] = {"kty": "OKP", "crv": "Ed25519", "x": "AAAA", member: "c2VjcmV0"}
    assert data_model_findings(document, catalog.schemas)[0]
    assert private_key_material(document)


@SETTINGS
@given(did_documents(), st.sampled_from(["no-type", "two-materials", "no-material", "empty-relationship",
                                         "bad-context", "uppercase-method", "bad-controller"]))
def test_mutated_documents_are_refused(catalog, document, mutation):
    method = document["verificationMethod"][0]
    if mutation == "no-type":
        del method["type"]
    elif mutation == "two-materials":
        method["publicKeyJwk"] = {"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}
        method["publicKeyMultibase"] = "zAAAA"
    elif mutation == "no-material":
        method.pop("publicKeyJwk", None)
        method.pop("publicKeyMultibase", None)
    elif mutation == "empty-relationship":
        document["authentication"] = []
    elif mutation == "bad-context":
        document["@context"] = ["https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/did/v1"]
    elif mutation == "uppercase-method":
        document["id"] = document["id"].replace("did:", "did:X", 1)
    elif mutation == "bad-controller":
        method["controller"] = "https://example.com/not-a-did"
    assert data_model_findings(document, catalog.schemas)[0], mutation


@SETTINGS
@given(did_documents())
def test_a_dangling_reference_is_found(document):
    document["authentication"] = [*document["authentication"], "#no-such-key"]
    findings, _ = documents_suite.reference_problems(document)
    assert [p for p, _ in findings] == [f"/authentication/{len(document['authentication']) - 1}"]
