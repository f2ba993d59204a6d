"""The reference implementation's store of DIDs: documents with their DID document metadata.

One :class:`Registry` per app instance (the demo serves one instance per HTTP role, so two
platforms never share state). It is seeded with ``samples/did_documents/`` and grows
through the registrar; ``did:key`` DIDs need no storage: their document is derived from
the key, as the did:key method specifies.
"""

from __future__ import annotations

import copy
import json
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ...codecs import keys
from .. import clock as reference_clock

SEED_DIR = Path(__file__).parents[1] / "samples" / "did_documents"
DID_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
#: DID methods this implementation resolves; others are answered 501 (methodNotSupported).
SUPPORTED_METHODS = ("web", "key")


def utc_now() -> str:
    """DID Core 7.1.3: UTC, no sub-second precision."""
    return reference_clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")


@cache
def seed_documents() -> dict[str, dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = {}
    for path in sorted(SEED_DIR.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        documents[document["id"]] = document
    return documents


def did_key_document(did: str) -> dict[str, Any] | None:
    """The document of a did:key DID, or None when the key part does not decode."""
    value = did.removeprefix("did:key:")
    try:
        keys.key_from_multibase(value)
    except ValueError:
        return None
    method_id = f"{did}#{value}"
    return {
        "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": [{"id": method_id, "type": "Multikey", "controller": did, "publicKeyMultibase": value}],
        **{name: [method_id] for name in ("authentication", "assertionMethod", "capabilityInvocation",
                                          "capabilityDelegation")},
    }


@dataclass
class Record:
    document: dict[str, Any]
    created: str
    updated: str
    version: int = 1
    deactivated: bool = False

    def metadata(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"created": self.created, "updated": self.updated, "versionId": str(self.version)}
        if self.deactivated:
            meta["deactivated"] = True
        return meta


@dataclass
class Registry:
    records: dict[str, Record] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def seeded(cls) -> Registry:
        stamp = "2024-01-01T00:00:00Z"
        return cls({did: Record(copy.deepcopy(doc), stamp, stamp) for did, doc in seed_documents().items()})

    def get(self, did: str) -> Record | None:
        record = self.records.get(did)
        if record is None and did.startswith("did:key:"):
            document = did_key_document(did)
            if document is not None:
                return Record(document, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")
        return record

    def add(self, document: dict[str, Any]) -> Record:
        now = utc_now()
        record = Record(copy.deepcopy(document), now, now)
        self.records[document["id"]] = record
        return record
