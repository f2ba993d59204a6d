"""A user's data export signed by its platform (IF-TDX-001): the harness's judge
(conformance.areas.interfaces.signedexport) against the reference's signer and verifier, without
a server. The reference passing on HTTP and each planted defect failing its rule are the known-bad
cases' (suites/interfaces/known_bad.yaml) and tests/areas/interfaces/test_user_data.py's."""

from __future__ import annotations

import copy

import pytest

from conformance.areas.interfaces import signedexport, userdata
from conformance.reference.interfaces import exportsigning
from conformance.reference.interfaces.userpackage import seal

PACKAGE = {"type": "UserDataExport", "subject": "did:example:ann", "exported_at": "2026-11-26T00:00:00Z",
           "profile": {"display_name": "Ann", "locale": "zh-CN", "avatars": [], "settings": {"ratio": 0.5}},
           "holdings": [{"metadata": {"asset_id": "a-1"}}], "activity": []}


@pytest.fixture(scope="module")
def signed() -> dict:
    return exportsigning.signed(seal(copy.deepcopy(PACKAGE)), frozenset())


def test_a_signed_export_verifies_with_the_published_key_and_keeps_its_digest(signed):
    assert signedexport.signature_problem(signed, exportsigning.signature_key()) is None
    assert userdata.integrity_problem(signed, "sha-256-jcs") is None  # the signature sits outside the digest
    assert exportsigning.signature_errors(signed, frozenset()) == []


def test_an_altered_export_keeps_a_valid_digest_and_fails_its_signature(signed):
    altered = signedexport.tampered(signed)
    assert altered["holdings"] == [] and altered["profile"]["display_name"] == signedexport.TAMPERED_NAME
    assert userdata.integrity_problem(altered, "sha-256-jcs") is None  # the keyless seal cannot tell
    assert signedexport.signature_problem(altered, exportsigning.signature_key()) is not None
    assert exportsigning.signature_errors(altered, frozenset())  # the reference refuses it at import
    assert exportsigning.signature_errors(altered, frozenset({"user-import-signature-unchecked"})) == []


@pytest.mark.parametrize(("defects", "declared", "says"), [
    ({"user-export-unsigned"}, None, "carries no JWS"),
    ({"user-export-signed-undeclared-key"}, None, "not EdDSA and the published key"),
    (set(), "did:web:platform.example#key-1", "not the did:key verification method"),
    (set(), 42, "publishes no key"),
    ({"user-export-signed-undeclared-key"}, None, "another kid"),
])
def test_an_export_not_signed_with_the_published_key_is_named(defects, declared, says):
    package = exportsigning.signed(seal(copy.deepcopy(PACKAGE)), frozenset(defects))
    problem = signedexport.signature_problem(package, declared or exportsigning.signature_key())
    assert problem is not None and says in problem


def test_a_signature_over_other_bytes_is_invalid(signed):
    protected, _, signature = signed["integrity"]["signature"].split(".")
    forged = copy.deepcopy(signed)
    forged["integrity"]["signature"] = f"{protected}..{signature[:-4]}AAAA"
    assert "does not verify" in signedexport.signature_problem(forged, exportsigning.signature_key())
