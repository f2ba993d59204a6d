"""COSE-secured credentials and presentations (VC-JOSE-COSE 3.3, COSE_Sign1 of RFC 9052):
the W3C VC-JOSE-COSE test suite's vectors give the outcome its mapping expects, each
verifying one altered after signing does not verify, and whatever the bytes, the answer is a
verdict (hypothesis), never an exception."""

from __future__ import annotations

import base64
import json

import cbor2
import pytest
import yaml
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.identity import envelopes, proofs, vccose
from tests.conftest import load_module
from tests.paths import ROOT

VECTORS = ROOT / "tests" / "corpora" / "identity" / "proof-vectors" / "vc-cose"
ITEMS = {item["file"]: item for item in
         yaml.safe_load((VECTORS / "sources.yaml").read_text(encoding="utf-8"))["items"]}
OUTCOMES = (proofs.VERIFIED, proofs.FAILED, proofs.NOT_VERIFIED)


BENCH = load_module("fidelity_identity", ROOT / "bench" / "fidelity_identity.py")
DOCUMENTS = BENCH.cose_documents()
KEY_OF = proofs.offline_resolver(DOCUMENTS)


def _raw(name: str) -> bytes:
    return base64.b64decode((VECTORS / name).read_text(encoding="ascii").strip() + "==")


def _url(form: str, raw: bytes) -> str:
    return f"data:application/{form}+cose;base64," + base64.b64encode(raw).decode("ascii")


@pytest.mark.parametrize("name", sorted(ITEMS))
def test_each_published_vector_gives_its_outcome_and_its_altered_copies_do_not_verify(name):
    """As published (the not-base64 one is hex text: no COSE_Sign1), and, for a verifying
    one, a payload byte and a signature byte changed."""
    cases = BENCH.cose_cases(ITEMS[name])
    if ITEMS[name]["expected"] == proofs.VERIFIED:
        assert [wanted for _, _, wanted in cases] == [proofs.VERIFIED, proofs.FAILED, proofs.FAILED]
    for case, url, wanted in cases:
        outcome, why = envelopes.verify_enveloped(url, KEY_OF, DOCUMENTS)
        assert outcome == wanted, f"{case}: {why}"
        if case.endswith(("+altered-payload", "+altered-signature")):
            assert "does not verify" in str(why)


def test_the_published_verifying_vectors_are_decided_by_their_signature_and_key():
    outcome, why = envelopes.verify_enveloped(_url("vc", _raw("credential-cose-minimal.txt")), KEY_OF, DOCUMENTS)
    assert (outcome, why) == (proofs.VERIFIED, "the COSE_Sign1 signature (ES256) verifies")
    # without the controller document, the thumbprint names no key the run has
    alone = proofs.offline_resolver()
    outcome, why = envelopes.verify_enveloped(_url("vc", _raw("credential-cose-minimal.txt")), alone)
    assert outcome == proofs.NOT_VERIFIED and "https://example.issuer/vc-jose-cose" in why


def test_the_kid_is_the_rfc_7638_thumbprint_of_the_published_keys():
    for method in DOCUMENTS["https://example.issuer/vc-jose-cose"]["verificationMethod"]:
        assert vccose.jwk_thumbprint(method["publicKeyJwk"]) == method["publicKeyJwk"]["kid"]


# --- envelopes made here, each wrong in one way -----------------------------------------

KEY = ec.derive_private_key(0x5EC1, ec.SECP256R1())
DID = "did:jwk:" + base64.urlsafe_b64encode(json.dumps({
    "kty": "EC", "crv": "P-256",
    "x": base64.urlsafe_b64encode(KEY.public_key().public_numbers().x.to_bytes(32, "big")).rstrip(b"=").decode(),
    "y": base64.urlsafe_b64encode(KEY.public_key().public_numbers().y.to_bytes(32, "big")).rstrip(b"=").decode(),
}).encode()).rstrip(b"=").decode()
CREDENTIAL = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
              "issuer": DID, "credentialSubject": {"id": "did:example:subject", "name": "Example"}}


def _sign(protected: dict, payload: bytes, tag: int | None = 18) -> bytes:
    protected_bytes = cbor2.dumps(protected)
    der = KEY.sign(cbor2.dumps(["Signature1", protected_bytes, b"", payload]), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    body = [protected_bytes, {}, payload, r.to_bytes(32, "big") + s.to_bytes(32, "big")]
    return cbor2.dumps(cbor2.CBORTag(tag, body) if tag is not None else body)


def _header(**extra) -> dict:
    return {1: -7, 3: "application/vc", 4: (DID + "#0").encode(), 16: "application/vc+cose", **extra}


def _verify(raw: bytes, form: str = "vc"):
    from conformance.areas.identity import vcjwt

    return envelopes.verify_enveloped(_url(form, raw), vcjwt.key_resolver())


def test_an_envelope_made_with_a_did_jwk_key_verifies_tagged_or_untagged():
    payload = json.dumps(CREDENTIAL).encode()
    assert _verify(_sign(_header(), payload))[0] == proofs.VERIFIED
    assert _verify(_sign(_header(), payload, tag=None))[0] == proofs.VERIFIED
    assert _verify(_sign(_with(3, "application/vc+ld+json"), payload))[0] == proofs.VERIFIED  # more specific
    # typ (16, RFC 9596) SHOULD be application/vc+cose: absent, or in its short form, is no finding
    assert _verify(_sign(_without(16), payload))[0] == proofs.VERIFIED
    assert _verify(_sign(_with(16, "vc+cose"), payload))[0] == proofs.VERIFIED


def _without(label: int) -> dict:
    return {k: v for k, v in _header().items() if k != label}


def _with(label: int, value) -> dict:
    return {**_header(), label: value}


BODY = json.dumps(CREDENTIAL).encode()
#: case: (the envelope's bytes, its form, the outcome, what the reason says); built in the
#: test (an ECDSA signature differs each time), named here (parameter IDs stay the same).
WRONG = {
    "wrong tag": (lambda: _sign(_header(), BODY, tag=98), "vc", proofs.FAILED, "tag 98"),
    "no alg": (lambda: _sign(_without(1), BODY), "vc", proofs.NOT_VERIFIED, "COSE alg None"),
    "no kid": (lambda: _sign(_without(4), BODY), "vc", proofs.NOT_VERIFIED, "no kid"),
    "payload not JSON": (lambda: _sign(_header(), b"\xa1\x01\x02"), "vc", proofs.FAILED, "not JSON"),
    "content type": (lambda: _sign(_with(3, "text/plain"), BODY), "vc", proofs.FAILED, "content type"),
    "content type vcx": (lambda: _sign(_with(3, "application/vcx"), BODY), "vc", proofs.FAILED, "content type"),
    "alg a list": (lambda: _sign(_with(1, [-7]), BODY), "vc", proofs.NOT_VERIFIED, "COSE alg [-7]"),
    "a credential as vp+cose": (lambda: _sign({**_with(3, "application/vp"), 16: "application/vp+cose"}, BODY), "vp",
                                proofs.FAILED, "VerifiablePresentation"),
    "typ of the other form": (lambda: _sign(_with(16, "application/vp+cose"), BODY), "vc", proofs.FAILED,
                              "typ (16) is 'application/vp+cose'"),
    "typ a CoAP number": (lambda: _sign(_with(16, 96), BODY), "vc", proofs.FAILED, "typ (16) is 96"),
    "a credential without subject": (lambda: _sign(_header(), json.dumps({**CREDENTIAL, "type": 3}).encode()),
                                     "vc", proofs.FAILED, "VerifiableCredential"),
    "an issuer that is no URL": (lambda: _sign(_with(4, b"#0"), json.dumps({**CREDENTIAL, "issuer": 7}).encode()),
                                 "vc", proofs.NOT_VERIFIED, "names no issuer"),
    "malformed CBOR": (lambda: b"\xd2\x84\x43", "vc", proofs.FAILED, "not well-formed CBOR"),
    "not an array": (lambda: cbor2.dumps(cbor2.CBORTag(18, {"a": 1})), "vc", proofs.FAILED, "not a COSE_Sign1"),
}


@pytest.mark.parametrize("case", sorted(WRONG))
def test_an_envelope_wrong_in_one_way_is_named(case):
    build, form, wanted, says = WRONG[case]
    outcome, why = _verify(build(), form)
    assert outcome == wanted and says in str(why), why


def test_a_signed_payload_that_is_no_conforming_credential_does_not_verify():
    subjectless = {k: v for k, v in CREDENTIAL.items() if k != "credentialSubject"}
    outcome, why = _verify(_sign(_header(), json.dumps(subjectless).encode()))
    assert outcome == proofs.FAILED and "no conforming credential" in str(why) and "credentialSubject" in str(why)


def test_a_url_that_is_not_base64_is_a_finding():
    outcome, why = envelopes.verify_enveloped("data:application/vc+cose;base64,!!!", proofs.offline_resolver())
    assert outcome == proofs.FAILED and "base64" in why


@pytest.mark.parametrize("case", ["huge array", "huge byte string", "huge map", "deep arrays", "deep tags"])
def test_hostile_cbor_is_a_finding(case):
    raw = {"huge array": b"\x9b" + b"\xff" * 8, "huge byte string": b"\x5b\x7f" + b"\xff" * 7,
           "huge map": b"\xbb" + b"\xff" * 8, "deep arrays": b"\x81" * 100_000, "deep tags": b"\xd2" * 100_000}[case]
    assert vccose.verify(raw, "vc", KEY_OF, DOCUMENTS) == (proofs.FAILED, "the COSE envelope (or its protected header) "
                                                                          "is not well-formed CBOR")


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=300), form=st.sampled_from(["vc", "vp"]))
def test_any_bytes_give_a_verdict_never_an_exception(raw, form):
    outcome, why = vccose.verify(raw, form, KEY_OF, DOCUMENTS)
    assert outcome in OUTCOMES and str(why)


@settings(max_examples=200, deadline=None)
@given(protected=st.dictionaries(st.integers(-70, 20), st.one_of(
    st.integers(), st.binary(max_size=8), st.text(max_size=8), st.none(), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.integers(), st.integers(), max_size=2), st.sampled_from([-7, -8, b"#0", "application/vc"])),
    max_size=4),
       payload=st.one_of(st.none(), st.binary(max_size=40)), signature=st.binary(max_size=70))
def test_any_cose_sign1_shape_gives_a_verdict_never_an_exception(protected, payload, signature):
    raw = cbor2.dumps(cbor2.CBORTag(18, [cbor2.dumps(protected), {}, payload, signature]))
    outcome, why = vccose.verify(raw, "vc", KEY_OF, DOCUMENTS)
    assert outcome in OUTCOMES and str(why)


@pytest.mark.slow
def test_a_run_passes_an_enveloped_cose_credential_with_its_issuers_controller_document(tmp_path, run_manifest):
    """ID-VC-007 in a run: the test suite's credential-cose-minimal as an
    EnvelopedVerifiableCredential file passes with the controller document given as
    did_documents, and is inconclusive without it (the thumbprint names no key the run has)."""
    envelope = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "EnvelopedVerifiableCredential",
                "id": _url("vc", _raw("credential-cose-minimal.txt"))}
    (tmp_path / "vc.json").write_text(json.dumps(envelope), encoding="utf-8")

    def run(with_keys: bool, out: str):
        targets = {"credentials": {"adapter": "file", "paths": [str(tmp_path / "vc.json")]}}
        if with_keys:
            targets["did_documents"] = {"adapter": "file", "paths": [str(VECTORS / "controller.json")]}
        manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-credentials"],
                    "targets": targets}
        report = run_manifest(manifest, out_dir=tmp_path / out).report
        return next(r for r in report.requirements if r.requirement == "ID-VC-007").verdict.value

    assert run(True, "keys") == "pass"
    assert run(False, "none") == "inconclusive"


def test_a_cose_presentation_names_its_enveloped_credentials_to_be_verified_on_their_own():
    """VC-JOSE-COSE 3.3.2: the presentation's signature covers the envelope, not the secured
    credential inside it, so the credentials it carries are verified as their own forms (the
    test suite's dummy vc+jwt here does not verify, a credential with no data: URL is none)."""
    single = _url("vp", _raw("presentation-cose-single.txt"))
    ((pointer, inner),) = vccose.carried(single)
    assert pointer == "/verifiableCredential/0/id" and inner.startswith("data:application/vc+jwt,")
    assert envelopes.verify_enveloped(inner, KEY_OF, DOCUMENTS)[0] == proofs.FAILED
    assert vccose.carried(_url("vp", _raw("presentation-cose-bad-credential.txt"))) == []
    assert vccose.carried(_url("vc", _raw("credential-cose-minimal.txt"))) == []
    assert vccose.carried("data:application/vp+cose;base64,!!") == []
    assert vccose.carried("data:application/vp+cose;base64,AAAA") == []


@pytest.mark.slow
def test_a_run_fails_a_cose_presentation_whose_credential_is_not_secured(tmp_path, run_manifest):
    envelope = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "EnvelopedVerifiablePresentation",
                "id": _url("vp", _raw("presentation-cose-single.txt"))}
    (tmp_path / "vp.json").write_text(json.dumps(envelope), encoding="utf-8")
    targets = {"credentials": {"adapter": "file", "paths": [str(tmp_path / "vp.json")]},
               "did_documents": {"adapter": "file", "paths": [str(VECTORS / "controller.json")]}}
    manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-credentials"], "targets": targets}
    report = run_manifest(manifest, out_dir=tmp_path / "out").report
    result = next(r for r in report.requirements if r.requirement == "ID-VC-007")
    assert result.verdict.value == "fail"
    assert "/id/verifiableCredential/0/id" in json.dumps(result.model_dump(mode="json"))
