"""The reference registry's rights confirmation (确权, AS-REG-007): an asset whose metadata
names its creator by DID (``creator.did``, the rights holder) is issued only with a
``rights_record`` that the rights holder signed: the asset's ID, the sha256 of each content
reference and the rights granted, under a W3C Data Integrity proof (eddsa-jcs-2022) by a key of
that DID. The reference verifies did:key rights holders (the DID is the key); a rights holder of
another DID method it cannot resolve is refused as unconfirmed. The record is kept in the
metadata and served with it unchanged (routes.py), so that anyone can verify it.
"""

from __future__ import annotations

from typing import Any

from cryptography.exceptions import InvalidSignature

from ...codecs.bases import base58_decode
from ...codecs.dataintegrity import CRYPTOSUITE, hash_data, key_of_method
from .ledger import Refused

DEFECTS: dict[str, str] = {
    "rights-unconfirmed-issued": "an asset naming its creator's DID is issued without a rights record",
    "rights-any-signer": "a rights record whose proof another key made is accepted (the proof is not checked "
                         "against the rights holder's DID)",
    "rights-content-unbound": "a rights record over other content hashes than the asset's is accepted",
    "rights-record-not-served": "the rights record an asset was issued with is not served with its metadata",
}


def confirm(metadata: dict[str, Any], defects: frozenset[str]) -> None:
    """Refused (403) unless ``metadata`` naming a rights holder carries a rights record that
    verifies; metadata naming no creator DID claims no one's rights and passes unchanged."""
    creator = metadata.get("creator")
    holder = creator.get("did") if isinstance(creator, dict) else None
    if holder is None:
        return
    found = metadata.get("rights_record")
    if not isinstance(found, dict):
        if "rights-unconfirmed-issued" in defects:
            return
        raise Refused(403, "rights-unconfirmed", f"the asset names {holder} as its creator: a rights_record "
                      "signed by that DID's key is required")
    hashes = [item.get("sha256") for item in metadata.get("content", []) if isinstance(item, dict)]
    bound = {"rights_holder": holder, "asset_id": metadata.get("asset_id"), "rights": metadata.get("rights")}
    if "rights-content-unbound" not in defects:
        bound["content_sha256"] = hashes
    for member, want in bound.items():
        if found.get(member) != want:
            raise Refused(403, "rights-unconfirmed", f"the rights record's {member} is not the asset's")
    if "rights-any-signer" not in defects:
        _verify(found, holder)


def _verify(found: dict[str, Any], holder: str) -> None:
    proof = found.get("proof")
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    value = proof.get("proofValue") if isinstance(proof, dict) else None
    if (not isinstance(proof, dict) or proof.get("cryptosuite") != CRYPTOSUITE or not isinstance(method, str)
            or not isinstance(value, str) or method.partition("#")[0] != holder):
        raise Refused(403, "rights-unconfirmed", f"the rights record carries no {CRYPTOSUITE} proof by {holder}")
    try:
        key_of_method(method).verify(base58_decode(value.removeprefix("z")), hash_data(found, proof))
    except (InvalidSignature, ValueError):
        raise Refused(403, "rights-unconfirmed", f"the rights record's proof by {holder} does not verify") from None


def served(metadata: dict[str, Any], defects: frozenset[str]) -> None:
    """The metadata as served: the record kept, unless a planted defect drops it."""
    if "rights-record-not-served" in defects:
        metadata.pop("rights_record", None)
