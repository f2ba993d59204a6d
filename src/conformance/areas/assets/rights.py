"""The rights confirmation (确权) of an asset a registry issues (AS-REG-007, docs/assets.md,
"Rights confirmation"): the rights holder the metadata names as ``creator.did`` signs a rights
record (the asset's ID, the sha256 of each content reference, the rights granted) with a W3C
Data Integrity proof (eddsa-jcs-2022) by a key of that DID.

The harness holds its test rights holders' keys: each is a did:key (W3C CCG did:key 0.7), so
that the registry and anyone reading the record verifies it from the DID alone, with no
resolver to reach. The records built here are the probes (one that verifies, and the ones a
registry must refuse); :func:`defects` is what anyone reading a served record checks.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, cast

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.codecs.bases import base58_decode
from conformance.codecs.dataintegrity import CRYPTOSUITE, add_proof, hash_data, key_of_method
from conformance.codecs.keys import did_key

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: when the harness's records say they were signed (the proof's ``created``; not judged)
CREATED = "2026-01-01T00:00:00Z"
#: bytes whose hash a record made for other content binds (rule R4's probe)
OTHER_CONTENT = b"metaverse-conformance: content this asset does not reference\n"


class RightsHolder:
    """A test rights holder: an Ed25519 key and its did:key. The key is the harness's own test key,
    derived from ``name`` (published with the harness, as test vectors are), so that a record and
    its evidence read alike at every laboratory; what a proof binds changes with each run's asset
    IDs, so no registry can hold a signature ready."""

    def __init__(self, name: str) -> None:
        seed = hashlib.sha256(f"metaverse-conformance test rights holder {name}".encode()).digest()
        self.key = Ed25519PrivateKey.from_private_bytes(seed)
        self.did = did_key(self.key.public_key())


def claimed(metadata: JsonObject, holder: RightsHolder) -> JsonObject:
    """``metadata`` naming ``holder`` as its creator's DID: the asset claims that holder's rights."""
    creator = metadata.get("creator")
    return {**metadata, "creator": {**(creator if isinstance(creator, dict) else {}), "did": holder.did}}


def record(metadata: JsonObject, holder: RightsHolder, *, signer: RightsHolder | None = None,
           content: list[str] | None = None, method_of: RightsHolder | None = None) -> JsonObject:
    """The rights record of ``metadata`` naming ``holder``, signed by ``signer`` (default the
    holder) over ``content`` (default the metadata's hashes); ``method_of``: the key the proof's
    verificationMethod names, when it is not the signer's (a forged proof)."""
    hashes: list[JsonValue] = [*content] if content is not None else [item["sha256"] for item in _content(metadata)]
    unsigned: JsonObject = {"asset_id": metadata["asset_id"], "rights_holder": holder.did,
                            "content_sha256": hashes, "rights": metadata["rights"]}
    signed = cast("JsonObject", add_proof(unsigned, (signer or holder).key, CREATED))  # JSON in, JSON out
    if method_of is not None:
        proof = signed["proof"]
        assert isinstance(proof, dict)
        proof["verificationMethod"] = f"{method_of.did}#{method_of.did.removeprefix('did:key:')}"
    return signed


def other_content() -> list[str]:
    return [hashlib.sha256(OTHER_CONTENT).hexdigest()]


def defects(metadata: object) -> list[str]:
    """Why the rights record of served ``metadata`` does not confirm its creator's rights (in
    English, for the evidence; empty: it verifies). The checks a reader makes: a record is
    there, names the creator's DID as the rights holder, binds this asset's ID, the hashes of
    its content and its rights, and carries an eddsa-jcs-2022 proof by a key of that DID."""
    if not isinstance(metadata, dict):
        return ["the metadata is not a JSON object"]
    creator = metadata.get("creator")
    holder = creator.get("did") if isinstance(creator, dict) else None
    found = metadata.get("rights_record")
    if not isinstance(found, dict):
        return ["no rights_record is served with the asset"]
    wrong = [f"{member} is {found.get(member)!r}, not {want!r}" for member, want in (
        ("rights_holder", holder), ("asset_id", metadata.get("asset_id")),
        ("content_sha256", [item.get("sha256") for item in _content(metadata)]),
        ("rights", metadata.get("rights"))) if found.get(member) != want]
    return wrong + _proof_defects(found, holder)


def _proof_defects(found: JsonObject, holder: object) -> list[str]:
    proof = found.get("proof")
    if not isinstance(proof, dict):
        return ["the rights record has no proof"]
    if (proof.get("type"), proof.get("cryptosuite"), proof.get("proofPurpose")) != (
            "DataIntegrityProof", CRYPTOSUITE, "assertionMethod"):
        return [f"the proof is not a DataIntegrityProof/{CRYPTOSUITE} for assertionMethod"]
    method, value = proof.get("verificationMethod"), proof.get("proofValue")
    if not isinstance(method, str) or not isinstance(value, str) or not value.startswith("z"):
        return ["the proof lacks a verificationMethod or a base58btc proofValue"]
    if method.partition("#")[0] != holder:
        return [f"the proof is made by {method.partition('#')[0]}, not by the rights holder {holder!r}"]
    try:
        key_of_method(method).verify(base58_decode(value[1:]), hash_data(found, proof))
    except (InvalidSignature, ValueError):
        return [f"the proof by {method.partition('#')[0]} does not verify over the record"]
    return []


def _content(metadata: JsonObject) -> list[JsonObject]:
    items = metadata.get("content")
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
