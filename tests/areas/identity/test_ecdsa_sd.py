"""ecdsa-sd-2023 (W3C Data Integrity ECDSA Cryptosuites 3.4): base and derived proofs verified
offline, checked against the specification's published vectors and intermediate results
(tests/corpora/identity/proof-vectors/ecdsa-sd-2023/, sources.yaml) and against malformed
and altered copies of them. The vectors as published and with a claim or a signature byte
altered are in tests/areas/identity/test_proof_suites.py."""

from __future__ import annotations

import base64
import copy
import json

import cbor2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.identity import ecdsasd, proofs
from tests.paths import CORPORA

FOLDER = CORPORA / "identity" / "proof-vectors" / "ecdsa-sd-2023"


def _load(name: str) -> dict:
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


def _fields(document: dict) -> tuple[bytes, list]:
    value = document["proof"]["proofValue"][1:]
    raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    return raw[:3], cbor2.loads(raw[3:])


def _with_fields(document: dict, header: bytes, fields: list) -> dict:
    altered = copy.deepcopy(document)
    encoded = base64.urlsafe_b64encode(header + cbor2.dumps(fields)).rstrip(b"=").decode("ascii")
    altered["proof"]["proofValue"] = "u" + encoded
    return altered


def _verify(document: dict) -> tuple[str, str]:
    return proofs.verify(document, proofs.offline_resolver())


def test_the_base_proofs_mandatory_and_other_statements_are_the_published_ones():
    """Base Proof Transformation: the HMAC-relabelled canonical statements, grouped by the
    mandatory pointer /issuer, index by index as the specification's intermediate result."""
    document = _load("employ-base.json")
    _, (_, _, hmac_key, signatures, pointers) = _fields(document)
    published = _load("employ-base-transform.json")
    assert pointers == published["mandatoryPointers"] == ["/issuer"]
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    mandatory, others = ecdsasd._base_groups(unsecured, hmac_key, pointers, proofs.rdf_processed)
    assert mandatory == [quad for _, quad in published["mandatory"]["value"]]
    assert others == [quad for _, quad in published["nonMandatory"]["value"]]
    assert len(others) == len(signatures) == 20


def test_the_derived_proofs_verify_data_is_the_published_one():
    """createVerifyData: the disclosed document's statements relabelled by the label map,
    grouped by the mandatory indexes; the proof hash and the mandatory hash, as published."""
    import hashlib

    from conformance.areas.identity.proofs import _canonical, proof_config

    document = _load("employ-derived.json")
    published = _load("employ-derived-verify-data.json")
    _, (base_signature, _, signatures, label_map, indexes) = _fields(document)
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    rdfc = lambda node: _canonical(node, "ecdsa-sd-2023")  # noqa: E731
    mandatory, others = ecdsasd._derived_groups(unsecured, label_map, indexes, rdfc)
    assert others == published["nonMandatory"]
    assert hashlib.sha256("".join(mandatory).encode()).hexdigest() == published["mandatoryHash"]
    config_hash = hashlib.sha256(_canonical(proof_config(document, document["proof"]), "ecdsa-sd-2023")).hexdigest()
    assert config_hash == published["proofHash"]
    assert base_signature.hex() == published["baseSignature"]
    assert [s.hex() for s in signatures] == published["signatures"]


@pytest.mark.parametrize("name", ["employ-base.json", "employ-derived.json", "prc-base.json", "prc-derived.json"])
def test_a_mandatory_statement_altered_fails_the_base_signature(name):
    """The issuer is mandatory: changing it changes the mandatory hash the issuer key signed."""
    document = _load(name)
    assert _verify(document)[0] == proofs.VERIFIED
    document["issuer"]["image"] = "data:image/png;base64,AAAA"
    assert _verify(document) == (proofs.FAILED, "proof 0 (ecdsa-sd-2023): the signature does not verify")


def test_a_derived_document_with_an_undisclosed_claim_added_does_not_verify():
    document = _load("employ-derived.json")
    document["credentialSubject"]["givenName"] = "JOHN"  # in the base credential, not disclosed here
    outcome, why = _verify(document)
    assert outcome == proofs.FAILED
    assert why == "proof 0: the ecdsa-sd-2023 proof carries 6 signatures for 7 non-mandatory statements"


def test_a_derived_proofs_label_map_and_indexes_must_fit_the_disclosed_document():
    document = _load("prc-derived.json")
    header, fields = _fields(document)
    assert header == ecdsasd.DERIVED
    base_signature, public, signatures, label_map, indexes = fields
    emptied = _with_fields(document, header, [base_signature, public, signatures, {}, indexes])
    outcome, why = _verify(emptied)
    assert outcome == proofs.FAILED and "has no label in the ecdsa-sd-2023 proof" in why
    outside = _with_fields(document, header, [base_signature, public, signatures, label_map, [*indexes, 999]])
    outcome, why = _verify(outside)
    assert outcome == proofs.FAILED and "mandatory index is not one of the" in why
    # a statement moved from the mandatory group to the signed ones: signature count differs
    fewer = _with_fields(document, header, [base_signature, public, signatures, label_map, indexes[1:]])
    assert _verify(fewer)[0] == proofs.FAILED


def test_a_base_proofs_pointers_must_match_and_its_ephemeral_key_must_be_p256():
    document = _load("employ-base.json")
    header, fields = _fields(document)
    assert header == ecdsasd.BASE
    base_signature, public, hmac_key, signatures, _ = fields
    unmatched = _with_fields(document, header, [base_signature, public, hmac_key, signatures, ["/nothing"]])
    assert _verify(unmatched) == (proofs.FAILED, "proof 0: the ecdsa-sd-2023 mandatory pointer /nothing "
                                                 "matches nothing in the document")
    not_pointer = _with_fields(document, header, [base_signature, public, hmac_key, signatures, ["issuer"]])
    assert "is not a JSON pointer" in _verify(not_pointer)[1]
    ed25519_key = b"\xed\x01" + bytes(32)
    wrong_key = _with_fields(document, header, [base_signature, ed25519_key, hmac_key, signatures, ["/issuer"]])
    outcome, why = _verify(wrong_key)
    assert outcome == proofs.FAILED
    # another HMAC key relabels every blank node: the statements signed are not these
    other_hmac = _with_fields(document, header, [base_signature, public, bytes(32), signatures, ["/issuer"]])
    assert _verify(other_hmac)[0] == proofs.FAILED


@pytest.mark.parametrize(("value", "needle"), [
    ("z3xyz", "needs a base64url (u...) proofValue"),
    ("u!!!!", "is not base64url-encoded CBOR"),
    ("u" + base64.urlsafe_b64encode(b"\xd9\x5d\x00" + b"\xff\xff").decode().rstrip("="), "base64url-encoded CBOR"),
    ("u" + base64.urlsafe_b64encode(b"\xd9\x5d\x02" + cbor2.dumps([])).decode().rstrip("="), "starts with d95d02"),
    ("u" + base64.urlsafe_b64encode(b"\xd9\x5d\x00" + cbor2.dumps([b"", b""])).decode().rstrip("="),
     "starts with d95d00, not a base proof"),
])
def test_a_malformed_proof_value_fails_with_its_cause(value, needle):
    document = _load("employ-base.json")
    document["proof"]["proofValue"] = value
    outcome, why = _verify(document)
    assert outcome == proofs.FAILED and needle in why, why


def test_a_context_not_available_offline_leaves_the_proof_unchecked():
    document = _load("employ-derived.json")
    document["@context"] = [*document["@context"], "https://unknown.example/context.jsonld"]
    outcome, why = _verify(document)
    assert outcome == proofs.NOT_VERIFIED and "https://unknown.example/context.jsonld" in why


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([ecdsasd.BASE, ecdsasd.DERIVED, b"\xd9\x5d\x02"]))
def test_any_proof_value_gets_an_outcome_and_never_verifies(payload, header):
    """Hostile proofValues (random CBOR bytes behind either header): an outcome with a reason,
    never an exception and never "verified"."""
    document = _load("employ-derived.json")
    document["proof"]["proofValue"] = "u" + base64.urlsafe_b64encode(header + payload).decode().rstrip("=")
    outcome, why = _verify(document)
    assert outcome in (proofs.FAILED, proofs.NOT_VERIFIED) and why


@pytest.mark.slow
def test_a_run_passes_a_derived_credential_and_fails_the_altered_one(tmp_path, run_manifest):
    """ID-VC-003 in a run: the W3C derived ecdsa-sd-2023 credential passes (its did:key decoded,
    the citizenship context bundled); suites/identity/known_bad.yaml has it altered, failing."""
    manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-credentials"],
                "targets": {"credentials": {"adapter": "file", "paths": [str(FOLDER / "prc-derived.json")]}}}
    report = run_manifest(manifest, out_dir=tmp_path / "out").report
    result = next(r for r in report.requirements if r.requirement == "ID-VC-003")
    assert result.verdict.value == "pass", result.model_dump(mode="json")
