"""Credentials secured as JWTs (ID-VC-004: VC 1.1 JWTs; ID-VC-006: SD-JWT key binding), ID-PRIV-001
about persons, and PEM keys checked against their method's type (issue 25)."""

from __future__ import annotations

import importlib.util
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.identity import jose, proofs, vcjwt
from conformance.areas.identity.didcore import material_problems
from conformance.areas.identity.privacy import issuer_dids, organisation_scopes, personal_data
from conformance.areas.identity.vcmodel import document_findings
from conformance.errors import NonConformance
from tests.conftest import manifest_for, verdicts
from tests.paths import ROOT

FIXTURES = ROOT / "suites/identity/fixtures"
_spec = importlib.util.spec_from_file_location("generate_jwt", FIXTURES / "generate_jwt.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)
KEY_OF = vcjwt.key_resolver({})


def _read(name: str):
    return vcjwt.parse((FIXTURES / name).read_bytes(), what=name)


def test_the_fixtures_are_what_the_generator_writes():
    for name, content in generate.files().items():
        assert (FIXTURES / name).read_text(encoding="utf-8") == content + "\n", name


def test_a_jwt_file_is_read_as_the_credential_it_carries():
    credential = _read("vc-jwt.jwt")
    assert credential.form == "vc"
    assert credential["issuer"].startswith("did:key:z6Mk")
    assert credential["id"] == "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5"
    assert credential["credentialSubject"]["id"] == "did:example:alice"
    assert credential["issuanceDate"] == "2025-01-01T00:00:00Z"
    assert credential["expirationDate"] == "2030-01-01T00:00:00Z"
    assert document_findings(credential) == []
    assert list(vcjwt.claim_findings(credential)) == []
    assert vcjwt.verify(credential, KEY_OF)[0] == proofs.VERIFIED


def test_a_json_string_holding_a_jwt_is_read_the_same_way():
    token = (FIXTURES / "vc-jwt.jwt").read_text().strip()
    assert vcjwt.parse(json.dumps(token).encode(), what="x") == _read("vc-jwt.jwt")


def test_a_token_that_does_not_decode_is_a_non_conformance():
    with pytest.raises(NonConformance, match="base64url"):
        vcjwt.parse(b"eyJub3QganNvbg.eyJhIjoxfQ.c2ln", what="bad.jwt")


def test_a_jwt_presentation_is_signed_by_its_holder_and_carries_a_jwt_credential():
    presentation = _read("vp-jwt.jwt")
    assert presentation.form == "vp"
    assert presentation["holder"] == generate._did(generate.HOLDER)
    assert document_findings(presentation) == []
    assert vcjwt.verify(presentation, KEY_OF)[0] == proofs.VERIFIED
    (_, token), = vcjwt.embedded_tokens(presentation)
    assert vcjwt.verify(vcjwt.decode(token), KEY_OF)[0] == proofs.VERIFIED


def test_a_presentation_with_jwt_and_embedded_credentials_judges_each_by_its_form():
    presentation = _read("vp-jwt-mixed.json")
    assert document_findings(presentation) == []
    (pointer, token), = vcjwt.embedded_tokens(presentation)
    assert pointer == "/verifiableCredential/0"
    broken = {**presentation, "verifiableCredential": ["not-a-jwt", token]}
    found = document_findings(broken)
    assert [(f.pointer, f.extra.get("check")) for f in found] == [
        ("/verifiableCredential/0", "presentation-credential-jwt")]


@pytest.mark.parametrize(("name", "rule"), [
    ("vc-jwt-no-vc-claim.jwt", "R1"),
    ("vc-jwt-nbf-string.jwt", "R2"),
    ("vc-jwt-issuer-disagrees.jwt", "R3"),
    ("vc-jwt-typ.jwt", "R5"),
])
def test_each_claim_rule_has_its_finding(name, rule):
    assert [f.rule for f in vcjwt.claim_findings(_read(name))] == [rule]


def test_a_payload_altered_after_signing_does_not_verify():
    assert vcjwt.verify(_read("vc-jwt-tampered.jwt"), KEY_OF)[0] == proofs.FAILED


def test_a_did_jwk_issuer_and_an_es256k_signature_verify():
    key = ec.generate_private_key(ec.SECP256K1())
    numbers = key.public_key().public_numbers()
    jwk = {"kty": "EC", "crv": "secp256k1", "x": generate.b64url(numbers.x.to_bytes(32, "big")),
           "y": generate.b64url(numbers.y.to_bytes(32, "big"))}
    did = "did:jwk:" + generate.b64url(json.dumps(jwk).encode())
    header = generate._part({"alg": "ES256K", "typ": "JWT", "kid": did + "#0"})
    payload = generate._part({"iss": did, "vc": {"@context": [generate.V1], "type": ["VerifiableCredential"],
                                                 "credentialSubject": {"id": "did:example:alice"}}, "nbf": 1})
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    r, s = decode_dss_signature(key.sign(f"{header}.{payload}".encode(), ec.ECDSA(hashes.SHA256())))
    token = f"{header}.{payload}.{generate.b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"
    assert vcjwt.verify(vcjwt.decode(token), KEY_OF)[0] == proofs.VERIFIED
    assert vcjwt.verify(vcjwt.decode(token[:-4] + "AAAA"), KEY_OF)[0] == proofs.FAILED


def test_a_kid_relative_to_the_issuer_and_no_kid_use_the_issuers_key():
    issuer = generate._did(generate.ISSUER)
    payload = {"iss": issuer, "vc": {"@context": [generate.V1], "type": ["VerifiableCredential"],
                                     "credentialSubject": {"id": "x:y"}}}
    for header in ({"alg": "EdDSA", "kid": "#" + issuer.removeprefix("did:key:")}, {"alg": "EdDSA"}):
        assert vcjwt.verify(vcjwt.decode(generate.jws(header, payload, generate.ISSUER)), KEY_OF)[0] == proofs.VERIFIED
    no_alg = vcjwt.decode(generate.jws({"kid": issuer}, payload, generate.ISSUER))
    assert vcjwt.verify(no_alg, KEY_OF)[0] == proofs.FAILED


@pytest.mark.parametrize(("name", "rule"), [
    ("sd-jwt-kb-typ.txt", "kb-typ"),
    ("sd-jwt-kb-wrong-key.txt", "kb-signature"),
    ("sd-jwt-kb-sd-hash.txt", "kb-sd-hash"),
    ("sd-jwt-kb-no-nonce.txt", "kb-claims"),
])
def test_each_key_binding_rule_has_its_finding(name, rule):
    document = _read(name)
    assert document.form == "sd-jwt"
    assert jose.verify_sd_jwt(document.token, KEY_OF)[0] == proofs.VERIFIED  # the issuer's part is fine
    found = list(vcjwt.key_binding_findings(document.token, KEY_OF, presented=True))
    assert [f.extra.get("check") for f in found] == [rule] and [f.rule for f in found] == [vcjwt.KB_RULES.get(rule)]


def test_a_bound_sd_jwt_passes_and_one_presented_without_binding_fails():
    bound = generate.sd_jwt({})
    assert list(vcjwt.key_binding_findings(bound, KEY_OF, presented=True)) == []
    unbound = generate.sd_jwt(None)
    assert [f.extra.get("check") for f in vcjwt.key_binding_findings(unbound, KEY_OF, presented=True)] == ["kb-present"]
    assert list(vcjwt.key_binding_findings(unbound, KEY_OF, presented=False)) == []  # issuance form
    assert list(vcjwt.key_binding_findings(generate.sd_jwt(None, cnf=False), KEY_OF, presented=True)) == []
    no_cnf = generate.sd_jwt({}, cnf=False)
    assert [f.extra.get("check") for f in vcjwt.key_binding_findings(no_cnf, KEY_OF, presented=True)] == [
        "kb-signature"]


# --- ID-PRIV-001 about persons ----------------------------------------------------------

def _fixture(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_organisations_published_contact_data_is_out_of_scope():
    credential = _fixture("vc-organisation-contacts.json")
    assert personal_data(credential, "credential") == []
    assert set(organisation_scopes(credential)) == {"/issuer", "/credentialSubject",
                                                    "/credentialSubject/consignee"}
    # the same data in a DID document counts: nothing there says whose it is
    assert {f.extra.get("check") for f in personal_data(credential, "did-document")} == {"did-document"}


@pytest.mark.parametrize(("name", "pointers", "rule"), [
    ("vc-phone-number.json", {"/credentialSubject/mobile", "/credentialSubject/idNumber"}, "credential-subject"),
    ("vp-holder-email.json", {"/holder/email"}, "holder"),
    ("vc-evidence-person-email.json", {"/evidence/0/verifier"}, "credential"),
])
def test_a_persons_data_is_a_finding_with_its_rule_and_pointer(name, pointers, rule):
    found = personal_data(_fixture(name), "credential")
    assert {f.pointer for f in found} == pointers
    assert {f.extra.get("check") for f in found} == {rule}


def test_an_issuing_organisations_did_document_service_is_out_of_scope():
    document = _fixture("did-doc-issuer-contact.json")
    issuers = frozenset(issuer_dids(_fixture("vc-organisation-contacts.json")))
    assert issuers == {"did:web:registrar.example.edu"}
    assert personal_data(document, "did-document", issuers=issuers) == []
    assert [f.pointer for f in personal_data(document, "did-document")] == ["/service/0/serviceEndpoint"]
    as_person = {"issuer": {"id": "did:web:registrar.example.edu", "type": "Person"}, "credentialSubject": {}}
    assert issuer_dids(as_person) == set()


def test_an_issuer_typed_as_a_person_and_a_subject_typed_as_both_stay_personal():
    credential = {"issuer": {"id": "did:example:bob", "type": "Person", "email": "bob@example.org"},
                  "credentialSubject": {"type": ["Organization", "Person"], "email": "a@example.org"}}
    assert {f.pointer for f in personal_data(credential, "credential")} == {"/issuer/email",
                                                                             "/credentialSubject/email"}


# --- PEM keys against their method's type -----------------------------------------------

def _pem(key) -> str:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def test_a_pem_key_of_another_kind_than_its_type_is_a_finding():
    p256 = _pem(ec.generate_private_key(ec.SECP256R1()).public_key())
    edkey = _pem(ed25519.Ed25519PrivateKey.generate().public_key())
    wrong = {"id": "#k", "type": "Ed25519VerificationKey2018", "controller": "did:example:a", "publicKeyPem": p256}
    found = [f for f in material_problems(wrong, "/verificationMethod/0")
             if f.extra.get("check") != "material-deprecated"]
    assert [f.extra.get("check") for f in found] == ["publicKeyPem-encoding"]
    assert "secp256r1" in str(found[0].message)
    for fine in ({**wrong, "publicKeyPem": edkey}, {**wrong, "type": "EcdsaSecp256r1VerificationKey2019"}):
        assert [f.extra.get("check") for f in material_problems(fine, "/v/0")] == ["material-deprecated"]


def test_the_reference_sample_jwt_is_what_the_generator_writes_and_passes():
    assert generate.SAMPLE.read_text(encoding="utf-8") == generate.sample() + "\n"
    credential = vcjwt.parse(generate.SAMPLE.read_bytes(), what="sample")
    assert document_findings(credential) == []
    assert list(vcjwt.claim_findings(credential)) == []
    assert vcjwt.verify(credential, KEY_OF)[0] == proofs.VERIFIED
    assert personal_data(credential, "credential") == []


@pytest.mark.slow
def test_a_run_over_good_jwt_forms_and_organisations_contacts_passes(catalog, run_manifest):


    good = ["vc-jwt.jwt", "vp-jwt.jwt", "vp-jwt-mixed.json", "vp-sd-jwt-bound.json", "vc-organisation-contacts.json"]
    # the issuer's DID document, whose service endpoint is the registrar's published e-mail
    manifest = manifest_for(catalog, "identity-credentials", features=[],
                            files={"credentials": good, "did_documents": ["did-doc-issuer-contact.json"]})
    found = verdicts(run_manifest(manifest))
    judged = ("ID-VC-001", "ID-VP-001", "ID-VC-004", "ID-VC-006", "ID-PRIV-001")  # ID-VC-006: the bound SD-JWT
    assert {r: found[r] for r in judged} == dict.fromkeys(judged, "pass")


@pytest.mark.slow
def test_the_reference_samples_pass_the_credentials_profile(catalog, run_manifest):


    found = verdicts(run_manifest(manifest_for(catalog, "identity-credentials")))
    assert found["ID-VC-004"] == "pass"
    assert {r: v for r, v in found.items() if v not in ("pass", "not_applicable")} == {}


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=8)
CLAIMS = st.fixed_dictionaries({}, optional={
    "vc": JSON, "vp": JSON, "iss": JSON, "sub": JSON, "jti": JSON, "nbf": JSON, "exp": JSON, "iat": JSON,
    "cnf": JSON, "_sd_alg": JSON, "_sd": JSON})
HEADERS = st.fixed_dictionaries({}, optional={"alg": st.sampled_from(["EdDSA", "ES256", "ES256K", "none"]) | JSON,
                                              "kid": st.sampled_from(["did:jwk:e30", "did:key:zQ3sX", "#0"]) | JSON,
                                              "typ": JSON})


@settings(max_examples=150, deadline=None)
@given(HEADERS, CLAIMS, HEADERS, CLAIMS, st.booleans())
def test_any_token_is_judged_never_crashed_on(header, payload, kb_header, kb_claims, with_kb):
    issuer = generate.jws(header, payload, generate.ISSUER)
    token = issuer + "~WyJzIiwibiIsInYiXQ~" + (generate.jws(kb_header, kb_claims, generate.HOLDER) if with_kb else "")
    for text in (issuer, token):
        document = vcjwt.parse(text.encode(), what="x")
        list(vcjwt.claim_findings(document))
        if document.form in ("vc", "vp"):
            vcjwt.verify(document, KEY_OF)
            document_findings(document)
        vcjwt.verify_sd_jwt(text, KEY_OF)
        list(vcjwt.key_binding_findings(text, KEY_OF, presented=True))
        personal_data(document, "credential")


@pytest.mark.parametrize("kid", [True, False])
def test_an_unsecured_vc_jwt_is_invalid_not_undecided(kid):
    # issue 62: alg "none" (RFC 7519 6) and no embedded proof: nothing secures it
    issuer = generate._did(generate.ISSUER)
    payload = {"iss": issuer, "vc": {"@context": [generate.V1], "type": ["VerifiableCredential"],
                                     "credentialSubject": {"id": "x:y"}}, "nbf": 1}
    header = {"alg": "none", **({"kid": issuer + "#" + issuer.removeprefix("did:key:")} if kid else {})}
    token = f"{generate._part(header)}.{generate._part(payload)}."
    outcome, why = vcjwt.verify(vcjwt.decode(token), KEY_OF)
    assert outcome == proofs.FAILED and "none" in why
    # an embedded proof is what would secure it: not judged invalid for the header alone
    proved = {**payload, "vc": {**payload["vc"], "proof": {"type": "DataIntegrityProof"}}}
    token = f"{generate._part(header)}.{generate._part(proved)}."
    assert vcjwt.verify(vcjwt.decode(token), KEY_OF)[0] == proofs.NOT_VERIFIED


def _with_issuer_payload(token: str, **members) -> str:
    """``token`` with members set in its issuer JWS's payload (its signature no longer matches:
    the key binding check reads the payload, ID-VC-003 judges the issuer's signature)."""
    issuer, _, rest = token.partition("~")
    head, payload, signature = issuer.split(".")
    claims = {**json.loads(vcjwt.unb64url(payload)), **members}
    return f"{head}.{generate.b64url(json.dumps(claims).encode())}.{signature}~{rest}"


def test_what_the_key_binding_check_cannot_compute_is_unjudged_not_failed():
    """ID-VC-006 1.1: an _sd_alg of the registry the harness does not compute, a JWS alg it does
    not verify, a cnf key it cannot find are not judged; "none" and a wrong sha3 digest fail."""
    unknown = _with_issuer_payload(generate.sd_jwt({}), _sd_alg="blake2b-256")
    assert [f.extra.get("check") for f in vcjwt.key_binding_findings(unknown, KEY_OF, presented=True)] == [
        vcjwt.UNJUDGED]
    sha3 = _with_issuer_payload(generate.sd_jwt(None), _sd_alg="sha3-256")
    digest = vcjwt.sd_hash(sha3 + "x", "sha3-256")  # over the SD-JWT up to its last "~"
    bound = sha3 + generate.jws({"alg": "EdDSA", "typ": "kb+jwt"}, {"iat": 1, "aud": "a", "nonce": "n",
                                                                      "sd_hash": digest}, generate.HOLDER)
    assert list(vcjwt.key_binding_findings(bound, KEY_OF, presented=True)) == []
    wrong = sha3 + generate.jws({"alg": "EdDSA", "typ": "kb+jwt"}, {"iat": 1, "aud": "a", "nonce": "n",
                                                                      "sd_hash": vcjwt.sd_hash(sha3 + "x", "sha-256")},
                                generate.HOLDER)
    assert [f.extra.get("check") for f in vcjwt.key_binding_findings(wrong, KEY_OF, presented=True)] == ["kb-sd-hash"]
    es512 = generate.sd_jwt({}, kb_header={"alg": "ES512", "typ": "kb+jwt"})
    assert [f.extra.get("check") for f in vcjwt.key_binding_findings(es512, KEY_OF, presented=True)] == [vcjwt.UNJUDGED]
    unsigned = generate.sd_jwt({}, kb_header={"alg": "none", "typ": "kb+jwt"})
    assert [f.extra.get("check") for f in vcjwt.key_binding_findings(unsigned, KEY_OF, presented=True)] == [
        "kb-signature"]
    by_kid = _with_issuer_payload(generate.sd_jwt(None), cnf={"kid": "did:example:holder#key-1"})
    by_kid += generate.jws({"alg": "EdDSA", "typ": "kb+jwt"}, {"iat": 1, "aud": "a", "nonce": "n",
                                                               "sd_hash": vcjwt.sd_hash(by_kid + "x", "sha-256")},
                           generate.HOLDER)
    assert [f.extra.get("check") for f in vcjwt.key_binding_findings(by_kid, KEY_OF, presented=True)] == [
        vcjwt.UNJUDGED]


def test_key_binding_applies_only_where_an_sd_jwt_is_or_must_be_bound():
    """ID-VC-006 1.2 (3.24): an issuance form without a KB-JWT, a presented SD-JWT whose issuer
    JWT has no cnf, and an issuer JWT that does not decode (ID-VC-003's) leave nothing to judge."""
    assert vcjwt.key_binding_applies(generate.sd_jwt({}), presented=False)
    assert vcjwt.key_binding_applies(generate.sd_jwt(None), presented=True)  # R5: must carry one
    assert not vcjwt.key_binding_applies(generate.sd_jwt(None), presented=False)
    assert not vcjwt.key_binding_applies(generate.sd_jwt(None, cnf=False), presented=True)
    assert not vcjwt.key_binding_applies("not-a-jws~kb.jwt.sig", presented=True)


@pytest.mark.slow
def test_id_vc_001_and_006_are_not_applicable_with_nothing_to_judge(catalog, run_manifest, tmp_path):
    """ID-VC-001 1.3 with presentations only and ID-VC-006 1.2 with an unbound issuance form:
    not applicable, no longer a pass on nothing judged."""
    (tmp_path / "issued.txt").write_text(generate.sd_jwt(None), encoding="utf-8")
    presentation = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
                    "holder": "did:example:holder"}
    (tmp_path / "vp.json").write_text(json.dumps(presentation), encoding="utf-8")
    manifest = manifest_for(catalog, "identity-credentials", features=[])
    manifest["targets"]["credentials"] = {"adapter": "file",
                                          "paths": [str(tmp_path / "issued.txt"), str(tmp_path / "vp.json")]}
    found = verdicts(run_manifest(manifest, requirements=["ID-VC-001", "ID-VC-006"]))
    assert found == {"ID-VC-001": "not_applicable", "ID-VC-006": "not_applicable"}
    (tmp_path / "issued.txt").write_text(generate.sd_jwt({}), encoding="utf-8")  # bound: judged
    assert verdicts(run_manifest(manifest, requirements=["ID-VC-006"]))["ID-VC-006"] == "pass"
