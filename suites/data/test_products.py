"""Data products offered for trade (W3C DCAT 3 descriptions with their terms, price and
checksums) and labelled data sets (COCO annotation files and their provenance)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rfc3339_validator import validate_rfc3339

from conformance import Inconclusive, NonConformance, NotApplicable, msg
from conformance.adapters.parsing import parse_json
from conformance.areas.assets.trading import is_iso4217
from conformance.areas.data import coco
from conformance.areas.data.dcat import (
    ALGORITHMS,
    DCAT,
    DCT,
    ODRL,
    PROV,
    SCHEMA,
    SPDX,
    Description,
    descriptions,
    digest,
    iri,
    literal,
    local_file,
    pointer,
    values,
)
from conformance.messages import reason


def _datasets(found: list[Description]) -> Iterator[tuple[Description, dict[str, Any]]]:
    return ((d, node) for d in found for node in d.of_type(DCAT + "Dataset"))


def _distributions(description: Description, dataset: dict[str, Any]) -> list[dict[str, Any]]:
    return [description.node(v) for v in values(dataset, DCAT + "distribution")]


def _download(description: Description, distribution: dict[str, Any], declared: dict[str, Path]) -> Path | None:
    for value in values(distribution, DCAT + "downloadURL"):
        url = iri(value) or (value.get("@value") if isinstance(value, dict) else None)
        if isinstance(url, str):
            return local_file(description, url if iri(value) else _relative(url), declared)
    return None


def _relative(text: str) -> str:
    from conformance.areas.identity.jsonld import NO_BASE

    return text if "://" in text else NO_BASE + text


def _declared(files: Any) -> dict[str, Path]:
    return {os.path.normpath(os.path.abspath(p)): p for p in files.files()}


@pytest.mark.requirement("DP-DESC-001")
def test_data_products_are_described_with_their_terms(targets, evidence):
    found = descriptions(targets["data_products"], evidence)
    count = 0
    for description, dataset in _datasets(found):
        count += 1
        at = {"file": description.name, "pointer": pointer(dataset)}
        if literal(dataset, DCT + "title") is None:
            evidence.finding(msg("data.no-title"), **at, rule="R1")
        if not values(dataset, DCT + "publisher"):
            evidence.finding(msg("data.no-publisher"), **at, rule="R2")
        distributions = _distributions(description, dataset)
        licensed = bool(distributions) and all(values(d, DCT + "license") for d in distributions)
        if not (values(dataset, ODRL + "hasPolicy") or values(dataset, DCT + "license") or licensed):
            evidence.finding(msg("data.no-terms"), **at, rule="R3")
        if not distributions:
            evidence.finding(msg("data.no-distribution"), **at, rule="R4")
        for distribution in distributions:
            where = {"file": description.name, "pointer": pointer(distribution), "rule": "R4"}
            if not values(distribution, DCAT + "downloadURL", DCAT + "accessURL"):
                evidence.finding(msg("data.distribution-no-url"), **where)
            if not values(distribution, DCAT + "mediaType", DCT + "format"):
                evidence.finding(msg("data.distribution-no-type"), **where)
        _offer(description, dataset, evidence)
    evidence.note(msg("data.datasets-checked", count=count))


def _offer(description: Description, dataset: dict[str, Any], evidence: Any) -> None:
    offers = [description.node(v) for v in values(dataset, *(s + "offers" for s in SCHEMA))]
    priced = [o for o in offers if literal(o, *(s + "price" for s in SCHEMA)) is not None]
    if not priced:
        evidence.finding(msg("data.no-offer"), file=description.name, pointer=pointer(dataset), rule="R5")
    for offer in priced:
        where = {"file": description.name, "pointer": pointer(offer), "rule": "R5"}
        price = literal(offer, *(s + "price" for s in SCHEMA))
        try:
            ok = float(price) >= 0 and float(price) != float("inf")  # type: ignore[arg-type]
        except ValueError:
            ok = False
        if not ok:
            evidence.finding(msg("data.bad-price"), **where, actual=price)
        currency = literal(offer, *(s + "priceCurrency" for s in SCHEMA))
        if not is_iso4217(currency):
            evidence.finding(msg("data.bad-currency"), **where, actual=currency)


@pytest.mark.requirement("DP-DIST-001")
def test_distribution_files_match_their_checksums(targets, evidence):
    files = targets["data_products"]
    declared = _declared(files)
    judged = other = 0
    for description, dataset in _datasets(descriptions(files, evidence)):
        for distribution in _distributions(description, dataset):
            if not values(distribution, DCAT + "downloadURL"):
                continue
            path = _download(description, distribution, declared)
            if path is None:
                other += 1
                continue
            judged += 1
            _checksum(files, description, distribution, path, evidence)
    evidence.note(msg("data.files-judged", judged=judged, other=other))
    if judged == 0:
        raise NotApplicable(msg("data.no-local-distribution"))


def _checksum(files: Any, description: Description, distribution: dict[str, Any], path: Path,
              evidence: Any) -> None:
    name = files.display_name(path)
    where = {"file": description.name, "pointer": pointer(distribution)}
    checksums = [description.node(v) for v in values(distribution, SPDX + "checksum")]
    if not checksums:
        evidence.finding(msg("data.no-checksum", file=name), **where, rule="R1")
    size = None
    for checksum in checksums:
        algorithm = ALGORITHMS.get(next((iri(v) for v in values(checksum, SPDX + "algorithm")), None) or "")
        expected = literal(checksum, SPDX + "checksumValue")
        if algorithm is None or expected is None:
            evidence.finding(msg("data.checksum-incomplete"), **where, rule="R1")
            continue
        try:
            actual, size = digest(files, path, algorithm)
        except NonConformance as exc:
            raise Inconclusive(reason(exc)) from None
        if actual != expected.strip().lower():
            evidence.finding(msg("data.checksum-mismatch", algorithm=algorithm, file=name), **where,
                             expected=expected, actual=actual, rule="R2")
    declared_size = literal(distribution, DCAT + "byteSize")
    if declared_size is not None:
        if size is None:
            try:
                size = digest(files, path, "sha256")[1]
            except NonConformance as exc:
                raise Inconclusive(reason(exc)) from None
        if declared_size.strip() != str(size):
            evidence.finding(msg("data.size-mismatch", file=name), **where, expected=declared_size, actual=size,
                             rule="R3")


def _coco_files(files: Any, evidence: Any) -> dict[Path, dict[str, Any]]:
    found = {}
    for path in files.files():
        if path.suffix.lower() != ".json":
            continue
        try:
            data = parse_json(files.read_bytes(path), what=files.display_name(path))
        except NonConformance as exc:
            evidence.finding(reason(exc), **{**exc.evidence, "file": files.display_name(path)})
            continue
        if coco.is_coco(data):
            found[path] = data
    return found


@pytest.mark.requirement("DP-LABEL-001")
def test_labels_match_their_images_and_categories(targets, evidence, params):
    files = targets["data_products"]
    found = _coco_files(files, evidence)
    if not found:
        raise NotApplicable(msg("data.no-coco"))
    boxes = 0
    for path, data in found.items():
        name = files.display_name(path)
        evidence.findings_from(coco.duplicate_ids(data), file=name)
        evidence.findings_from(coco.dangling(data), file=name)
        findings, judged = coco.boxes_outside(data, params.box_tolerance_px)
        evidence.findings_from(findings, file=name)
        boxes += judged
    evidence.note(msg("data.coco-checked", files=len(found), boxes=boxes))


@pytest.mark.requirement("DP-LABEL-002")
def test_labelled_data_sets_record_their_provenance(targets, evidence):
    files = targets["data_products"]
    declared = _declared(files)
    labels = {os.path.normpath(os.path.abspath(p)) for p in _coco_files(files, evidence)}
    labelled = 0
    for description, dataset in _datasets(descriptions(files, evidence)):
        annotations = [d for d in _distributions(description, dataset)
                       if (p := _download(description, d, declared)) is not None
                       and os.path.normpath(os.path.abspath(p)) in labels]
        if not annotations:
            continue
        labelled += 1
        at = {"file": description.name, "pointer": pointer(dataset)}
        activities = [description.node(v) for v in values(dataset, PROV + "wasGeneratedBy")]
        if not any(values(a, PROV + "wasAssociatedWith") for a in activities):
            evidence.finding(msg("data.no-activity"), **at, rule="R1")
        ends = [literal(a, PROV + "endedAtTime") for a in activities]
        if not any(isinstance(end, str) and validate_rfc3339(end.upper()) for end in ends):
            evidence.finding(msg("data.no-end"), **at, rule="R2")
        for distribution in annotations:
            if not values(distribution, DCT + "conformsTo"):
                evidence.finding(msg("data.no-label-format"), file=description.name, pointer=pointer(distribution),
                                 rule="R3")
    if labelled == 0:
        raise NotApplicable(msg("data.no-labelled-dataset"))
