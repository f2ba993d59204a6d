"""DID documents as published: the DID Core data model, key hygiene and internal references.

The schema captures what DID Core says about each property; the checks here cover what a
schema cannot express: private key material anywhere in the document (extension properties
included) and whether the references between parts of the document resolve.
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance.checks.identity.privacy import private_key_material

DID_DOCUMENT_SCHEMA = "https://metaverse-conformance.org/schemas/identity/did-document.json"

RELATIONSHIPS = (
    "authentication", "assertionMethod", "keyAgreement", "capabilityInvocation", "capabilityDelegation",
)


def _absolute(reference: str, did: str) -> str | None:
    """A DID URL made absolute against the document's DID (DID Core 3.2.2); None if it is
    neither absolute nor a relative reference (the schema reports those)."""
    if reference.startswith("did:"):
        return reference
    if reference[:1] in ("#", "?", "/"):
        return did + reference
    return None


def _did_of(did_url: str) -> str:
    """The DID part of a DID URL: everything before the first path, query or fragment."""
    cut = [i for i in (did_url.find(c) for c in "/?#") if i >= 0]
    return did_url[: min(cut)] if cut else did_url


def reference_problems(document: dict[str, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    """(pointer, message) findings for duplicate method ids and same-DID references that
    resolve to no method; plus the references to other DIDs, which are not judged."""
    did = document.get("id")
    if not isinstance(did, str):
        return [], []  # no DID to resolve against: ID-DOC-001 reports the missing id
    declared: dict[str, str] = {}  # absolute method id -> pointer of its declaration
    findings: list[tuple[str, str]] = []

    def declare(method: Any, pointer: str) -> None:
        if not isinstance(method, dict) or not isinstance(method.get("id"), str):
            return
        method_id = _absolute(method["id"], did)
        if method_id is None:
            return
        if method_id in declared:
            findings.append((f"{pointer}/id", f"verification method {method_id} is also declared at "
                             f"{declared[method_id]}: references to it are ambiguous"))
        else:
            declared[method_id] = pointer

    methods = document.get("verificationMethod")
    for i, method in enumerate(methods if isinstance(methods, list) else []):
        declare(method, f"/verificationMethod/{i}")
    for name in RELATIONSHIPS:
        entries = document.get(name)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            declare(entry, f"/{name}/{i}")

    external: list[str] = []
    for name in RELATIONSHIPS:
        entries = document.get(name)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, str):
                continue
            target = _absolute(entry, did)
            if target is None:
                continue
            if _did_of(target) != did:
                external.append(entry)
            elif target not in declared:
                findings.append((f"/{name}/{i}", f"{entry!r} refers to no verification method of this document"))
    return findings, external


@pytest.mark.requirement("ID-DOC-001")
def test_did_documents_follow_the_data_model(targets, schemas, evidence):
    for doc in targets["did_documents"].documents():
        evidence.findings_from(schemas.findings(doc.data, DID_DOCUMENT_SCHEMA), file=doc.name)


@pytest.mark.requirement("ID-DOC-002")
def test_did_documents_carry_no_private_keys(targets, evidence):
    for doc in targets["did_documents"].documents():
        evidence.findings_from(private_key_material(doc.data), file=doc.name, expected="public key material only")


@pytest.mark.requirement("ID-DOC-003")
def test_verification_method_references_resolve(targets, evidence):
    for doc in targets["did_documents"].documents():
        if not isinstance(doc.data, dict):
            evidence.finding("a DID document is a JSON object", file=doc.name, pointer="",
                             actual=type(doc.data).__name__)
            continue
        findings, external = reference_problems(doc.data)
        for pointer, message in findings:
            evidence.finding(message, file=doc.name, pointer=pointer)
        if external:
            evidence.note("references to verification methods of other DIDs are not checked",
                          file=doc.name, references=external)
