"""Data product descriptions: W3C DCAT 3 datasets read as JSON-LD.

A description is any JSON-LD file of the target (``.jsonld``, or ``.json`` with an
``@context``). It is expanded offline by the identity area's processor (bundled contexts and
the manifest's ``jsonld_contexts``), then flattened, so that the checks read IRIs and never
depend on the terms a publisher's context chose. A relative ``dcat:downloadURL`` names a
file beside the description; it is judged only when that file is one of the target's files
(nothing outside the declared inputs is read).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from conformance import Finding, Inconclusive, msg

from .._shared import jsonld
from .._shared.trading import is_iso4217
from . import text_labels

if TYPE_CHECKING:
    from conformance import Evidence, FileTarget
    from conformance.area import JsonArray, JsonObject, JsonValue

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
ODRL = "http://www.w3.org/ns/odrl/2/"
PROV = "http://www.w3.org/ns/prov#"
SPDX = "http://spdx.org/rdf/terms#"
#: schema.org as publishers write it (http and https both occur in deployed JSON-LD)
SCHEMA = ("http://schema.org/", "https://schema.org/")
#: SPDX 2.3 checksum algorithms (§7.10's ChecksumAlgorithm vocabulary, the IRIs DCAT 3 §6.8.5
#: uses) that hashlib computes everywhere -> (hashlib name, digest size in bytes or None)
ALGORITHMS: dict[str, tuple[str, int | None]] = {
    SPDX + "checksumAlgorithm_" + name: (name, None)
    for name in ("sha1", "sha224", "sha256", "sha384", "sha512", "md5", "sha3_256", "sha3_384", "sha3_512")
} | {SPDX + f"checksumAlgorithm_blake2b{bits}": ("blake2b", bits // 8) for bits in (256, 384, 512)}
#: the rest of SPDX 2.3's vocabulary: valid declarations this harness cannot compute (a bound of
#: the test equipment, so the checksum is left unjudged, never a fail of the product)
UNCOMPUTED = {SPDX + "checksumAlgorithm_" + name for name in ("blake3", "md2", "md4", "md6", "adler32")}


def algorithm_name(iri: str) -> str:
    """An SPDX checksum algorithm's name as SPDX 2.3 spells it in its IRI (``sha3_256``)."""
    return iri.removeprefix(SPDX + "checksumAlgorithm_")


def digest(algorithm: tuple[str, int | None], data: bytes) -> str:
    """The hex digest of ``data`` by one of :data:`ALGORITHMS`' entries."""
    name, size = algorithm
    return hashlib.blake2b(data, digest_size=size).hexdigest() if size else hashlib.new(name, data).hexdigest()


@dataclass(frozen=True)
class Description:
    path: Path
    name: str
    #: @id -> flattened node object
    nodes: dict[str, JsonObject]

    def of_type(self, iri: str) -> Iterator[JsonObject]:
        return (n for n in self.nodes.values() if iri in _listed(n.get("@type")))

    def node(self, ref: JsonValue) -> JsonObject:
        """The node a value refers to (an embedded node was flattened to its @id)."""
        return self.nodes.get(pointer(ref), {}) if isinstance(ref, dict) else {}


def _listed(value: JsonValue) -> JsonArray:
    """A member of expanded JSON-LD: an array (anything else holds nothing here)."""
    return value if isinstance(value, list) else []


def values(node: JsonObject, *iris: str) -> JsonArray:
    return [v for iri in iris for v in _listed(node.get(iri))]


def literal(node: JsonObject, *iris: str) -> str | None:
    for v in values(node, *iris):
        value = v.get("@value") if isinstance(v, dict) else None
        if isinstance(value, (str, int, float)):
            return str(value)
    return None


def iri(value: JsonValue) -> str | None:
    found = value.get("@id") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def pointer(node: JsonObject) -> str:
    return iri(node) or ""


def descriptions(files: FileTarget, evidence: Evidence, judged: bool = False) -> list[Description]:
    """The JSON-LD files of the target, expanded and flattened; none that holds a dcat:Dataset
    makes the test inconclusive. One that cannot be processed is a finding when the caller judges
    the descriptions' JSON-LD (``judged``: DP-DESC-001); for the others it is an input left
    unjudged, naming DP-DESC-001."""
    found = []
    for doc in files.documents(suffixes=(".jsonld", ".json")):
        data, name = doc.data, doc.name
        if not isinstance(data, dict) or not ({"@context", "@graph"} & data.keys()):
            continue  # not JSON-LD: an annotation file or another distribution
        if text_labels.is_annotation_document(data):
            continue  # Web Annotations (text labels), read by DP-LABEL-005, not descriptions
        try:
            nodes = _flattened_once(files, doc.path, data)
        except jsonld.UnknownContext as exc:
            problem = msg("data.unknown-context", url=exc.url)
        except (jsonld.ExpansionError, jsonld.Unprocessable) as exc:
            problem = msg("data.not-jsonld", error=str(exc))
        else:
            found.append(Description(doc.path, name, nodes))
            continue
        if judged:
            # not JSON-LD that expands: R6 (no dataset in it to hold to R1-R5)
            evidence.finding(problem, file=name, rule="R6")
        else:
            evidence.unjudged(name, msg("data.description-unread", problem=problem, requirement="DP-DESC-001"))
    if not any(any(d.of_type(DCAT + "Dataset")) for d in found):
        raise Inconclusive(msg("data.no-dataset"))
    return found


def flattened(data: object) -> dict[str, JsonObject]:
    """The node objects of a JSON-LD document by @id, expanded offline and flattened (raises
    the identity area's :mod:`jsonld` errors)."""
    from pyld import jsonld as pyld

    flat: JsonArray = pyld.flatten(jsonld.expand(data))  # pyld is untyped: a flattened array
    return {ident: n for n in flat if isinstance(n, dict) and (ident := iri(n)) is not None}


def _flattened_once(files: FileTarget, path: Path, data: object) -> dict[str, JsonObject]:
    """:func:`flattened` of a target file, computed once a run (JSON-LD expansion is the costly
    part, and three tests read the same descriptions); a failure is kept and raised again, so
    that every test reading the file records it as before."""
    done: dict[Path, dict[str, JsonObject] | Exception] = files.derived.setdefault("data.flattened", {})
    if path not in done:
        try:
            done[path] = flattened(data)
        except (jsonld.UnknownContext, jsonld.ExpansionError, jsonld.Unprocessable) as exc:
            done[path] = exc
    found = done[path]
    if isinstance(found, Exception):
        raise found
    return found


def datasets(found: list[Description]) -> Iterator[tuple[Description, JsonObject]]:
    return ((d, node) for d in found for node in d.of_type(DCAT + "Dataset"))


def distributions(description: Description, dataset: JsonObject) -> list[JsonObject]:
    return [description.node(v) for v in values(dataset, DCAT + "distribution")]


def terms(description: Description, dataset: JsonObject) -> Iterator[Finding]:
    """DP-DESC-001's findings on one dataset: title (R1), publisher (R2), terms of use (R3),
    distributions with a URL and a type (R4), a price in an ISO 4217 currency (R5)."""
    if literal(dataset, DCT + "title") is None:
        yield Finding(msg("data.no-title"), pointer=pointer(dataset), rule="R1")
    if not values(dataset, DCT + "publisher"):
        yield Finding(msg("data.no-publisher"), pointer=pointer(dataset), rule="R2")
    parts = distributions(description, dataset)
    licensed = bool(parts) and all(values(d, DCT + "license") for d in parts)
    if not (values(dataset, ODRL + "hasPolicy") or values(dataset, DCT + "license") or licensed):
        yield Finding(msg("data.no-terms"), pointer=pointer(dataset), rule="R3")
    if not parts:
        yield Finding(msg("data.no-distribution"), pointer=pointer(dataset), rule="R4")
    for distribution in parts:
        if not values(distribution, DCAT + "downloadURL", DCAT + "accessURL"):
            yield Finding(msg("data.distribution-no-url"), pointer=pointer(distribution), rule="R4")
        if not values(distribution, DCAT + "mediaType", DCT + "format"):
            yield Finding(msg("data.distribution-no-type"), pointer=pointer(distribution), rule="R4")
    yield from _offer(description, dataset)


def _offer(description: Description, dataset: JsonObject) -> Iterator[Finding]:
    offers = [description.node(v) for v in values(dataset, *(s + "offers" for s in SCHEMA))]
    priced = [(o, price) for o in offers if (price := literal(o, *(s + "price" for s in SCHEMA))) is not None]
    if not priced:
        yield Finding(msg("data.no-offer"), pointer=pointer(dataset), rule="R5")
    for offer, price in priced:
        try:
            ok = 0 <= float(price) < float("inf")
        except ValueError:
            ok = False
        if not ok:
            yield Finding(msg("data.bad-price"), pointer=pointer(offer), actual=price, rule="R5")
        currency = literal(offer, *(s + "priceCurrency" for s in SCHEMA))
        if not is_iso4217(currency):
            yield Finding(msg("data.bad-currency"), pointer=pointer(offer), actual=currency, rule="R5")


#: the origin of the base pyld resolves relative IRIs against: a reference that climbed above
#: the base ("../x" becomes http://example.org/x) was relative too (example.org is reserved for
#: examples, RFC 2606: no product serves its downloads there)
_BASE_ORIGIN = jsonld.NO_BASE[:jsonld.NO_BASE.index("/", len("http://"))]


def relative_reference(url: str) -> str | None:
    """The relative reference a downloadURL was in the document (``..`` kept), or None."""
    if jsonld.was_relative(url):
        return url[len(jsonld.NO_BASE):]
    if url.startswith(_BASE_ORIGIN + "/"):
        path = url[len(_BASE_ORIGIN):].split("#", 1)[0].split("?", 1)[0]
        return posixpath.relpath(path, jsonld.NO_BASE[len(_BASE_ORIGIN):])
    return None


def local_file(description: Description, url: str, declared: dict[str, Path]) -> Path | None:
    """The target file a relative downloadURL names (resolved against the description's
    folder, ``..`` included: only a file the target declares is ever read), or None when it
    names no declared file (an absolute URL, a path to a file the target does not declare)."""
    reference = relative_reference(url)
    if reference is None:
        return None
    relative = unquote(reference.split("#", 1)[0].split("?", 1)[0])
    if not relative or relative.startswith("/"):
        return None
    candidate = os.path.normpath(os.path.join(os.path.abspath(description.path.parent), relative))
    return declared.get(candidate)
