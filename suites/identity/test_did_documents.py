"""DID documents as published: the DID Core data model, key hygiene and internal references.

The schema captures the shape DID Core gives each property; the checks
(:mod:`conformance.areas.identity.didcore`, :mod:`~conformance.areas.identity.didrefs`)
cover what a schema cannot express: verification material by method type (DID
Specification Registries), what a DID method derives from the DID (did:key), private key
material anywhere in the document, and whether references between its parts resolve. A
recorded DID resolution result in the role is judged by the DID document it carries
(:mod:`conformance.areas.identity.didresults`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance import Evidence, Inconclusive, Targets, msg
from conformance.area import Document, SchemaRegistry
from conformance.areas.identity import didresults
from conformance.areas.identity.didcore import data_model
from conformance.areas.identity.didrefs import reference_problems
from conformance.areas.identity.privacy import private_key_material


def _note_unsuccessful_results(targets: Targets, evidence: Evidence) -> None:
    """A note for each recorded resolution result that reports a failure. A function of its
    own so that no document outlives its turn: the loop's last one would otherwise be held
    while the next pass parses the files again (two copies of a large document at once)."""
    for doc in targets["did_documents"].documents():
        failed = didresults.unresolved(doc.data)
        if failed is not None:
            evidence.note(msg("identity.did-result-unsuccessful", did=failed.did, error=failed.error[:80]),
                          file=doc.name)
        unnamed = didresults.unnamed_failure(doc.data)
        if unnamed is not None:
            evidence.note(msg("identity.did-result-unnamed", error=unnamed[:80]), file=doc.name)


def _each(targets: Targets, read: list[str]) -> Iterator[Document]:
    """The role's documents one at a time (none held past its turn), each one's name added to ``read``."""
    for doc in targets["did_documents"].documents():
        read.append(doc.name)
        yield doc


def _some_read(read: list[str]) -> None:
    """No document read: the input the case needs is missing, an inconclusive (clause 3.23), never a pass
    on nothing. The manifest's check refuses a role whose paths match no file; this is a file gone when read."""
    if not read:
        raise Inconclusive(msg("identity.did-documents-none-read"))


@pytest.mark.requirement("ID-DOC-001")
def test_did_documents_follow_the_data_model(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    _note_unsuccessful_results(targets, evidence)
    judged, read = 0, []
    for doc, problem in didresults.published(_each(targets, read)):
        judged += 1
        if problem is not None:
            evidence.findings_from([problem], file=doc.name)
            continue
        findings, notes, unjudged = data_model(doc.data, schemas)
        evidence.findings_from(findings, file=doc.name)
        for part in unjudged:  # key text past 5.1's reading bound 「密钥文本的长度」
            evidence.unjudged(doc.name, part.message, pointer=part.pointer)
        for note in notes:
            evidence.note(note.message, file=doc.name, pointer=note.pointer, **note.extra)
    _some_read(read)
    if not judged:  # only unsuccessful resolution results: no document to pass
        raise Inconclusive(msg("identity.did-documents-none-judged"))


@pytest.mark.requirement("ID-DOC-002")
def test_did_documents_carry_no_private_keys(targets: Targets, evidence: Evidence):
    read: list[str] = []
    for doc in _each(targets, read):
        found = list(private_key_material(doc.data))
        if found:  # the expectation is rendered only for a finding (a clean run loads no templates)
            evidence.findings_from(found, file=doc.name, expected=msg("identity.expect-public-key-material"))
    _some_read(read)


@pytest.mark.requirement("ID-DOC-003")
def test_verification_method_references_resolve(targets: Targets, evidence: Evidence):
    judged, read = 0, []
    for doc, problem in didresults.published(_each(targets, read)):
        if problem is not None:  # ID-DOC-001's finding; its DID document is a member not judged here
            evidence.unjudged(doc.name, msg("identity.did-result-malformed-unjudged"))
            continue
        judged += 1
        if not isinstance(doc.data, dict):
            evidence.finding(msg("identity.did-document-object"), file=doc.name, pointer="",
                             actual=type(doc.data).__name__)
            continue
        findings, external = reference_problems(doc.data)
        for pointer, message in findings:
            evidence.finding(message, file=doc.name, pointer=pointer)
        if external:
            evidence.note(msg("identity.external-references"),
                          file=doc.name, references=external)
    _some_read(read)
    if not judged:
        raise Inconclusive(msg("identity.did-documents-none-judged"))
