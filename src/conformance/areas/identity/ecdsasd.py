"""``ecdsa-sd-2023`` (W3C Data Integrity ECDSA Cryptosuites v1.0, 3.4 and 3.5): selective disclosure
with ECDSA, verified offline as the base proof an issuer gives a holder and as the derived
proof a holder gives a verifier.

Both carry, in ``proofValue`` (multibase ``u``, base64url), a CBOR array after a three-byte
header. The issuer's key signs the proof configuration's hash, the ephemeral P-256 public
key (a Multikey) and the hash of the *mandatory* N-Quads; the ephemeral key signs every
other N-Quad on its own. Blank nodes are relabelled so that labels reveal nothing:

* base proof (``d9 5d 00``: baseSignature, publicKey, hmacKey, signatures,
  mandatoryPointers): each canonical label ``c14nN`` becomes ``u`` + base64url(HMAC-SHA-256
  (hmacKey, "c14nN")); the mandatory quads are those of the document's selection by the JSON
  pointers (3.5.x "Base Proof Transformation", "canonicalizeAndGroup", "selectJsonLd").
* derived proof (``d9 5d 01``: baseSignature, publicKey, signatures, labelMap,
  mandatoryIndexes): the label map (``{N: hmac bytes}``) gives each canonical label of the
  revealed document its label, and the mandatory quads are those at the indexes
  ("parseDerivedProofValue", "createVerifyData").

This module reads the proof value and groups the statements; ``proofs`` checks the
signatures. The specification defines verification for the derived proof ("Verify Derived Proof");
a base proof is checked by recomputing its "Base Proof Transformation" and "Base Proof
Hashing" with the HMAC key it carries and verifying its signatures, as a holder does before
deriving. The proof configuration is hashed as ``ecdsa-rdfc-2019`` hashes it (SHA-256 with a P-256
issuer key, SHA-384 with P-384) and every signature is checked by the same routine as every
other suite's (``jwa.signature_ok``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from conformance import msg

from .._shared import jsonld

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject, JsonValue

    from .unchecked import RdfProcessed

BASE, DERIVED = b"\xd9\x5d\x00", b"\xd9\x5d\x01"
_LABEL = re.compile(r"_:([^\s]+)")
_SKOLEM = "urn:bnid:"


def groups(document: JsonObject, value: object, canonical: Callable[[JsonObject], bytes],
           processed: RdfProcessed) -> tuple[bytes, bytes, list[bytes], list[str], list[str]]:
    """(baseSignature, publicKey, signatures, mandatory statements, other statements) of an
    ecdsa-sd-2023 base or derived ``proofValue`` over ``document`` (without the proof), the
    statements HMAC- or label-map-relabelled and sorted. ``canonical`` is RDFC-1.0 over a
    document, ``processed`` runs a pyld call turning its failures into the caller's; ValueError
    names what is malformed."""
    if not isinstance(value, str) or not value.startswith("u"):
        raise ValueError(msg("identity.sd-members"))
    if len(value) > 200_000:
        raise ValueError(msg("identity.proof-value-too-long", length=len(value)))
    try:
        raw = base64.urlsafe_b64decode(value[1:] + "=" * (-len(value[1:]) % 4))
    except ValueError:
        raise ValueError(msg("identity.sd-encoding")) from None
    header, fields = raw[:3], _cbor(raw[3:])
    base = _base_fields(fields) if header == BASE else None
    derived = _derived_fields(fields) if header == DERIVED else None
    if base is not None:
        base_signature, public, hmac_key, signatures, pointers = base
        mandatory, others = _base_groups(document, hmac_key, pointers, processed)
    elif derived is not None:
        base_signature, public, signatures, label_map, indexes = derived
        mandatory, others = _derived_groups(document, label_map, indexes, canonical)
    else:
        raise ValueError(msg("identity.sd-header", header=raw[:3].hex()))
    if len(signatures) != len(others):
        raise ValueError(msg("identity.sd-signature-count", signatures=len(signatures), quads=len(others)))
    signed = [s for s in signatures if isinstance(s, bytes)]
    if len(signed) != len(signatures):
        raise ValueError(msg("identity.sd-encoding"))
    return base_signature, public, signed, mandatory, others


def _cbor(data: bytes) -> object:
    import cbor2

    try:
        return cbor2.loads(data)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError, RecursionError):
        raise ValueError(msg("identity.sd-encoding")) from None


def _base_fields(fields: object) -> tuple[bytes, bytes, bytes, list[object], list[object]] | None:
    """A base proof's CBOR array (baseSignature, publicKey, hmacKey, signatures, mandatory
    pointers), or None when it is not that shape."""
    if isinstance(fields, list) and len(fields) == 5:
        signature, public, hmac_key, signatures, pointers = fields
        if isinstance(signature, bytes) and isinstance(public, bytes) and isinstance(hmac_key, bytes) \
                and isinstance(signatures, list) and isinstance(pointers, list):
            return signature, public, hmac_key, signatures, pointers
    return None


def _derived_fields(fields: object) -> tuple[bytes, bytes, list[object], dict[object, object], list[object]] | None:
    """A derived proof's CBOR array (baseSignature, publicKey, signatures, labelMap, mandatory
    indexes), or None when it is not that shape."""
    if isinstance(fields, list) and len(fields) == 5:
        signature, public, signatures, label_map, indexes = fields
        if isinstance(signature, bytes) and isinstance(public, bytes) and isinstance(signatures, list) \
                and isinstance(label_map, dict) and isinstance(indexes, list):
            return signature, public, signatures, label_map, indexes
    return None


def _relabelled(quads: str, label_of: Callable[[str], str]) -> list[str]:
    """Canonical N-Quads with each blank node label replaced, sorted (labelReplacementCanonicalize)."""
    lines = [_LABEL.sub(lambda m: "_:" + label_of(m.group(1)), line) + "\n" for line in quads.splitlines() if line]
    return sorted(lines)


def _derived_groups(document: JsonObject, label_map: dict[object, object], indexes: list[object],
                    canonical: Callable[[JsonObject], bytes]) -> tuple[list[str], list[str]]:
    labels: dict[str, str] = {}
    for n, value in label_map.items():
        if not isinstance(n, int) or not isinstance(value, bytes):
            raise ValueError(msg("identity.sd-label-map"))
        labels[f"c14n{n}"] = "u" + base64.urlsafe_b64encode(value).rstrip(b"=").decode("ascii")

    def label_of(c14n: str) -> str:
        if c14n not in labels:
            raise ValueError(msg("identity.sd-label-missing", label=c14n))
        return labels[c14n]

    quads = _relabelled(canonical(document).decode("utf-8"), label_of)
    valid = [i for i in indexes if isinstance(i, int) and 0 <= i < len(quads)]
    if len(valid) != len(indexes):
        raise ValueError(msg("identity.sd-indexes", count=len(quads)))
    chosen = set(valid)
    return [quads[i] for i in sorted(chosen)], [q for i, q in enumerate(quads) if i not in chosen]


def _base_groups(document: JsonObject, hmac_key: bytes, pointers: list[object],
                 processed: RdfProcessed) -> tuple[list[str], list[str]]:
    """The document's HMAC-relabelled canonical quads, split into those the mandatory
    pointers select and the others. Blank nodes are skolemised first (each node without an
    IRI gets ``urn:bnid:bN``), so a node keeps its identity in the selection; the labels of
    the full document's canonicalisation then relabel the selection's quads."""
    from pyld.jsonld import JsonLdProcessor

    from .._shared.jsonld_processor import Processor  # pyld's, reusing its scoped contexts' processing

    try:
        from pyld.canon import URDNA2015
    except ImportError:  # PyLD before 3 keeps it in pyld.jsonld
        from pyld.jsonld import URDNA2015

    options = {"documentLoader": jsonld._loader}
    # pyld is untyped; compact returns a JSON object
    skolemised: JsonObject = processed(lambda: Processor().compact(_skolemise(Processor().expand(document, options)),
                                                    {"@context": document.get("@context")}, options))

    def deskolemised(node: JsonObject) -> str:
        text = processed(lambda: Processor().to_rdf(node, {**options, "format": "application/n-quads"}))
        return re.sub(r"<urn:bnid:([^>\s]+)>", r"_:\1", str(text))

    canon = URDNA2015()
    canonical = processed(lambda: canon.main(JsonLdProcessor.parse_nquads(deskolemised(skolemised)),
                                                       {"format": "application/n-quads"}))
    c14n_of = {old.removeprefix("_:"): new.removeprefix("_:") for old, new in canon.canonical_issuer.existing.items()}

    def hmac_label(c14n: str) -> str:
        mac = hmac.new(hmac_key, c14n.encode("utf-8"), hashlib.sha256).digest()
        return "u" + base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")

    quads = _relabelled(str(canonical), hmac_label)
    if not pointers:
        return [], quads
    selection = _select(skolemised, pointers)

    def selected_label(label: str) -> str:
        if label not in c14n_of:
            raise ValueError(msg("identity.sd-label-missing", label=label))
        return hmac_label(c14n_of[label])

    selected = set(_relabelled(deskolemised(selection), selected_label))
    return [q for q in quads if q in selected], [q for q in quads if q not in selected]


def _skolemise(node: JsonValue, counter: list[int] | None = None) -> JsonValue:
    """Expanded JSON-LD with an IRI on every node object: ``urn:bnid:<label>`` for a blank
    node (its label kept) or a node without an id."""
    counter = counter if counter is not None else [0]
    if isinstance(node, list):
        return [_skolemise(n, counter) for n in node]
    if not isinstance(node, dict) or "@value" in node:
        return node
    out: JsonObject = {k: (v if k in ("@id", "@type", "@context") else _skolemise(v, counter)) for k, v in node.items()}
    if "@list" in node or "@set" in node:
        return out
    current = node.get("@id")
    if current is None:
        out["@id"] = f"{_SKOLEM}b{counter[0]}"
        counter[0] += 1
    elif isinstance(current, str) and current.startswith("_:"):
        out["@id"] = _SKOLEM + current[2:]
    return out


def _select(document: JsonObject, pointers: list[object]) -> JsonObject:
    """The selection of a (skolemised, compact) document by JSON pointers (RFC 6901): each
    pointed value whole, the objects on the way with their id and type, and the document's
    @context ("selectJsonLd")."""
    import copy

    selection = _initial(document)
    arrays: list[JsonArray] = []
    for pointer in pointers:
        if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
            raise ValueError(msg("identity.sd-pointer", pointer=repr(pointer)[:80]))
        paths: list[str | int] = []
        for part in pointer.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            paths.append(int(part) if part.isdigit() else part)
        value: JsonValue = document
        parent_value: JsonValue = document
        selected: JsonValue = selection
        selected_parent: JsonValue = selection
        for path in paths:
            selected_parent, parent_value = selected, value
            value = _step(parent_value, path, pointer)
            selected = _step(selected_parent, path, None)
            if selected is None:
                selected = [] if isinstance(value, list) else _initial(value) if isinstance(value, dict) else None
                if isinstance(selected, list):
                    arrays.append(selected)
                _put(selected_parent, path, selected)
        if paths:
            _put(selected_parent, paths[-1], copy.deepcopy(value))
    for array in arrays:  # sparse arrays made dense
        array[:] = [v for v in array if v is not None]
    selection["@context"] = copy.deepcopy(document.get("@context"))
    return selection


def _initial(source: JsonObject) -> JsonObject:
    selection: JsonObject = {}
    node_id = source.get("id")
    if isinstance(node_id, str) and not node_id.startswith("_:"):
        selection["id"] = node_id
    if "type" in source:
        selection["type"] = source["type"]
    return selection


def _step(node: JsonValue, path: str | int, pointer: str | None) -> JsonValue:
    found: JsonValue = None
    if isinstance(node, list) and isinstance(path, int) and path < len(node):
        found = node[path]
    elif isinstance(node, dict) and str(path) in node:
        found = node[str(path)]
    if found is None and pointer is not None:
        raise ValueError(msg("identity.sd-pointer-unmatched", pointer=pointer[:200]))
    return found


def _put(node: JsonValue, path: str | int, value: JsonValue) -> None:
    """Sets ``node[path]`` (a list grown with nulls up to it); ``node`` is the container the
    pointer stepped into (``_step`` refused any other)."""
    if isinstance(node, list) and isinstance(path, int):
        node.extend([None] * (path + 1 - len(node)))
        node[path] = value
    elif isinstance(node, dict):
        node[str(path)] = value
