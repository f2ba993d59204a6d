"""References inside a DID document (DID Core 3.2.2, 5.2, 5.3, 5.4): verification method
ids and service ids are unique, and relationship entries that name a method of the
document's own DID resolve."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Message, msg
from conformance.area import clipped

if TYPE_CHECKING:
    from conformance.area import JsonObject

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


def reference_problems(document: JsonObject) -> tuple[list[tuple[str, Message]], list[str]]:
    """(pointer, message) findings for duplicate method ids and same-DID references that
    resolve to no method; plus the references to other DIDs, which are not judged."""
    did = document.get("id")
    if not isinstance(did, str):
        return [], []  # no DID to resolve against: ID-DOC-001 reports the missing id
    declared: dict[str, str] = {}  # absolute method id -> pointer of its declaration
    content: JsonObject = {}  # absolute method id -> the method as first declared
    findings: list[tuple[str, Message]] = []

    def declare(method: object, pointer: str) -> None:
        if not isinstance(method, dict) or not isinstance(method.get("id"), str):
            return
        method_id = _absolute(method["id"], did)
        if method_id is None:
            return
        if method_id in declared and content[method_id] == method:
            return  # the same method embedded again: references to it still mean one thing
        if method_id in declared:
            findings.append((f"{pointer}/id", msg("identity.duplicate-method", method=clipped(str(method_id)),
                                                  at=declared[method_id])))
        else:
            declared[method_id] = pointer
            content[method_id] = method

    methods = document.get("verificationMethod")
    for i, method in enumerate(methods if isinstance(methods, list) else []):
        declare(method, f"/verificationMethod/{i}")
    for name in RELATIONSHIPS:
        entries = document.get(name)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            declare(entry, f"/{name}/{i}")

    services = document.get("service")
    seen_services: dict[str, int] = {}
    for i, service in enumerate(services if isinstance(services, list) else []):
        service_id = service.get("id") if isinstance(service, dict) else None
        absolute = _absolute(service_id, did) or service_id if isinstance(service_id, str) else None
        if absolute is None:
            continue
        if absolute in seen_services:
            findings.append((f"/service/{i}/id", msg("identity.duplicate-service", service=clipped(str(absolute)),
                                                     at=f"/service/{seen_services[absolute]}")))
        else:
            seen_services[absolute] = i

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
                findings.append((f"/{name}/{i}", msg("identity.dangling-reference", reference=clipped(repr(entry)))))
    return findings, external


