"""Verifiable credentials as files: the W3C VC Data Model (1.1 and 2.0), a consistent
validity period, and (feature `categories`) the identity category of every subject."""

from __future__ import annotations

import pytest

from conformance.checks.identity.credentials import subjects, validity_problems

CREDENTIAL_SCHEMA = "https://metaverse-conformance.org/schemas/identity/verifiable-credential.json"
CATEGORY_SCHEMA = "https://metaverse-conformance.org/schemas/identity/identity-category.json"


@pytest.mark.requirement("ID-VC-001")
def test_credentials_follow_the_data_model(targets, schemas, evidence):
    for doc in targets["credentials"].documents():
        evidence.findings_from(schemas.findings(doc.data, CREDENTIAL_SCHEMA), file=doc.name)


@pytest.mark.requirement("ID-VC-002")
def test_validity_periods_do_not_end_before_they_start(targets, evidence):
    for doc in targets["credentials"].documents():
        evidence.findings_from(validity_problems(doc.data), file=doc.name)


@pytest.mark.requirement("ID-CAT-001")
def test_every_subject_declares_its_identity_category(targets, schemas, evidence):
    for doc in targets["credentials"].documents():
        found = subjects(doc.data)
        if not found:
            evidence.finding("the credential has no credentialSubject", file=doc.name, pointer="/credentialSubject")
        for pointer, subject in found:
            category = subject.get("identityCategory") if isinstance(subject, dict) else None
            if category is None or schemas.findings(category, CATEGORY_SCHEMA):
                evidence.finding("the subject does not declare one of the identity categories", file=doc.name,
                                 pointer=f"{pointer}/identityCategory",
                                 expected="NaturalPerson, Organization, DigitalHuman or DeviceOrAgent", actual=category)
