"""Recorded DID resolution results in the ``did_documents`` role (DID Core 7.1 and W3C DID
Resolution: a result holds ``didResolutionMetadata``, ``didDocument`` and
``didDocumentMetadata``). A successful result stands for its ``didDocument``; an unsuccessful
one (``didResolutionMetadata.error``, e.g. ``notFound``) records that the DID does not
resolve, so a proof whose verification method is under that DID fails with that reason
instead of staying undecided offline. The DID a result is about is its document's ``id``, or,
without a document, the one its resolution metadata names (``did.didString``, as the DIF
Universal Resolver and its drivers answer) or a top-level ``did``; a failed result naming no
DID (DID Core 7.1 puts no DID in the result) is well formed and stands for no DID."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeGuard

from conformance import Finding, msg

if TYPE_CHECKING:
    from conformance.area import Document, JsonObject, JsonValue


@dataclass(frozen=True)
class Unresolved:
    """A DID a recorded resolution result says does not resolve, and the error it names."""

    did: str
    error: str


def is_result(data: object) -> TypeGuard[JsonObject]:
    """A DID resolution result rather than a DID document (which has no such member): an
    object without ``id`` holding ``didResolutionMetadata`` or ``didDocument``."""
    return isinstance(data, dict) and "id" not in data and ("didResolutionMetadata" in data or "didDocument" in data)


def _error(data: JsonObject) -> str | None:
    meta = data.get("didResolutionMetadata")
    error = meta.get("error") if isinstance(meta, dict) else None
    return error if isinstance(error, str) and error else None


def resolved_did(data: JsonObject) -> str | None:
    document = data.get("didDocument")
    if isinstance(document, dict) and isinstance(document.get("id"), str):
        return str(document["id"])
    meta = data.get("didResolutionMetadata")
    did = meta.get("did") if isinstance(meta, dict) else None
    did = did.get("didString") if isinstance(did, dict) else did
    did = did if isinstance(did, str) else data.get("did")
    return did if isinstance(did, str) and did.startswith("did:") else None


def result_problem(data: JsonObject) -> Finding | None:
    """Why a resolution result is not one (DID Core 7.1, 7.1.2): it carries
    ``didResolutionMetadata``; ``didDocumentMetadata``, where present, is a map, empty when
    resolution failed; a successful result a DID document and no error, an unsuccessful one an
    error and no document. That a failed one names its DID is not asked
    (DID Core 7.1 gives the result no DID member)."""
    if not isinstance(data.get("didResolutionMetadata"), dict):
        # DID Core 7.1: "didResolutionMetadata ... This structure is REQUIRED"
        return Finding(msg("identity.did-result-no-metadata"), pointer="/didResolutionMetadata")
    error, document = _error(data), data.get("didDocument")
    metadata = data.get("didDocumentMetadata", {})
    if not isinstance(metadata, dict) or error is not None and metadata:
        # DID Core 7.1: a metadata structure (7.3: a map), empty when resolution failed
        return Finding(msg("identity.did-result-document-metadata"), pointer="/didDocumentMetadata")
    if error is None and not isinstance(document, dict):
        return Finding(msg("identity.did-result-no-document"), pointer="/didDocument")
    if error is not None and document not in (None, {}):
        return Finding(msg("identity.did-result-error-with-document", error=error[:80]), pointer="/didDocument")
    return None


def unnamed_failure(data: object) -> str | None:
    """The error of a well-formed unsuccessful result that names no DID (it stands for none)."""
    if not is_result(data) or result_problem(data) is not None or resolved_did(data) is not None:
        return None
    return _error(data)


def unresolved(data: object) -> Unresolved | None:
    """What a well-formed unsuccessful resolution result records, else None."""
    if not is_result(data) or result_problem(data) is not None:
        return None
    error, did = _error(data), resolved_did(data)
    return Unresolved(did, error) if error is not None and did is not None else None


def by_did(datas: Iterable[object]) -> dict[str, JsonValue | Unresolved]:
    """The given DID documents by their id, and each DID a recorded result says does not
    resolve as :class:`Unresolved`; a malformed result stands for nothing."""
    known: dict[str, JsonValue | Unresolved] = {}
    for data in datas:
        if is_result(data):
            failed, did = unresolved(data), resolved_did(data)
            if failed is not None:
                known[failed.did] = failed
            elif did is not None and result_problem(data) is None:
                known[did] = data["didDocument"]
        elif isinstance(data, dict) and isinstance(did := data.get("id"), str):
            known[did] = data
    return known


def published(documents: Iterable[Document]) -> Iterator[tuple[Document, Finding | None]]:
    """(document, problem) of each file of the role as the DID Core tests judge it: a DID
    document as it is; a successful resolution result as its ``didDocument`` (named
    ``<file>#/didDocument``); an unsuccessful one is not yielded (no document to judge), a
    malformed one with its problem."""
    for doc in documents:
        if not is_result(doc.data):
            yield doc, None
            continue
        problem = result_problem(doc.data)
        if problem is not None:
            yield doc, problem
        elif _error(doc.data) is None:
            yield dataclasses.replace(doc, name=f"{doc.name}#/didDocument", data=doc.data["didDocument"]), None
