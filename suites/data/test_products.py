"""Data products offered for trade (W3C DCAT 3 descriptions with their terms, price and
checksums), labelled data sets (COCO annotation files and their provenance) and the quality of
the records they serve (GB/T 36344-2018's completeness, accuracy and timeliness)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rfc3339_validator import validate_rfc3339

from conformance import Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.area import readable
from conformance.areas.data import coco, dcat, pricing, quality

if TYPE_CHECKING:
    from conformance import FileTarget
    from conformance.area import JsonObject


def _download(description: dcat.Description, distribution: JsonObject, declared: dict[str, Path]) -> Path | None:
    return _reference(description, distribution, declared)[0]


def _reference(description: dcat.Description, distribution: JsonObject,
               declared: dict[str, Path]) -> tuple[Path | None, str | None]:
    """The declared file a distribution's downloadURL names, and the reference when it is a
    relative one naming no declared file (not read: the harness reads only the target's files)."""
    for value in dcat.values(distribution, dcat.DCAT + "downloadURL"):
        url = dcat.iri(value) or (value.get("@value") if isinstance(value, dict) else None)
        if isinstance(url, str):
            resolved = url if dcat.iri(value) else _relative(url)
            path = dcat.local_file(description, resolved, declared)
            return path, dcat.relative_reference(resolved) if path is None else None
    return None, None


def _relative(text: str) -> str:
    from conformance.areas._shared.jsonld import NO_BASE

    return text if "://" in text else NO_BASE + text


def _declared(files: FileTarget) -> dict[str, Path]:
    return {os.path.normpath(os.path.abspath(p)): p for p in files.files()}


@pytest.mark.requirement("DP-DESC-001")
def test_data_products_are_described_with_their_terms(targets: Targets, evidence: Evidence):
    count = 0
    for description, dataset in dcat.datasets(dcat.descriptions(targets["data_products"], evidence, judged=True)):
        count += 1
        evidence.findings_from(dcat.terms(description, dataset), file=description.name)
    evidence.note(msg("data.datasets-checked", count=count))


@pytest.mark.requirement("DP-PRICE-001")
def test_the_policy_and_the_offer_state_one_price(targets: Targets, evidence: Evidence):
    compared = 0
    for description, dataset in dcat.datasets(dcat.descriptions(targets["data_products"], evidence)):
        amounts = pricing.amounts(description, dataset)
        if not amounts:
            continue
        compared += 1
        prices = pricing.offered(description, dataset)
        for node, amount in amounts:
            if not any(pricing.same(amount, price) for price in prices):
                evidence.finding(msg("data.price-disagrees", amount=amount), file=description.name, pointer=node,
                                 expected=amount, actual=", ".join(prices) or None)
    if compared == 0:
        raise NotApplicable(msg("data.no-pay-amount"))
    evidence.note(msg("data.prices-compared", count=compared))


@pytest.mark.requirement("DP-DIST-001")
def test_distribution_files_match_their_checksums(targets: Targets, evidence: Evidence):
    files = targets["data_products"]
    declared = _declared(files)
    judged = other = 0
    undeclared: list[str] = []
    for description, dataset in dcat.datasets(dcat.descriptions(files, evidence)):
        for distribution in dcat.distributions(description, dataset):
            if not dcat.values(distribution, dcat.DCAT + "downloadURL"):
                continue
            path, relative = _reference(description, distribution, declared)
            if path is None:
                other += 1
                if relative is not None:
                    undeclared.append(relative)
                continue
            judged += 1
            _checksum(files, description, distribution, path, evidence)
    evidence.note(msg("data.files-judged", judged=judged, other=other))
    if undeclared and not evidence.findings_count:
        # a file the harness did not read because the target does not declare it: not judged
        raise Inconclusive(msg("data.relative-undeclared", count=len(undeclared), first=undeclared[0]))
    if judged == 0:
        raise NotApplicable(msg("data.no-local-distribution"))


def _checksum(files: FileTarget, description: dcat.Description, distribution: JsonObject, path: Path,
              evidence: Evidence) -> None:
    name = files.display_name(path)
    where = {"file": description.name, "pointer": dcat.pointer(distribution)}
    content: list[bytes | None] = []

    def read() -> bytes | None:
        """The file's bytes, read once and only when a checksum or a size needs them; None once a file the test
        equipment refuses is left unjudged, named (the other distributions are still judged)."""
        if not content:
            content.append(readable(files, path))
        return content[0]

    checksums = [description.node(v) for v in dcat.values(distribution, dcat.SPDX + "checksum")]
    if not checksums:
        evidence.finding(msg("data.no-checksum", file=name), **where, rule="R1")
    for checksum in checksums:
        named = next((dcat.iri(v) for v in dcat.values(checksum, dcat.SPDX + "algorithm")), None)
        algorithm = dcat.ALGORITHMS.get(named or "")
        expected = dcat.literal(checksum, dcat.SPDX + "checksumValue")
        if named in dcat.UNCOMPUTED and expected is not None:
            evidence.unjudged(name, msg("data.checksum-uncomputed", algorithm=dcat.algorithm_name(named)))
            continue
        if algorithm is None or expected is None:
            evidence.finding(msg("data.checksum-incomplete"), **where, rule="R1")
            continue
        body = read()
        if body is None:
            continue
        actual = dcat.digest(algorithm, body)
        if actual != expected.strip().lower():
            evidence.finding(msg("data.checksum-mismatch", algorithm=dcat.algorithm_name(named), file=name), **where,
                             expected=expected, actual=actual, rule="R2")
    declared_size = dcat.literal(distribution, dcat.DCAT + "byteSize")
    if declared_size is not None and (body := read()) is not None and declared_size.strip() != str(len(body)):
        evidence.finding(msg("data.size-mismatch", file=name), **where, expected=declared_size, actual=len(body),
                         rule="R3")


@pytest.mark.requirement("DP-LABEL-001")
def test_labels_match_their_images_and_categories(targets: Targets, evidence: Evidence, params: Parameters):
    files = targets["data_products"]
    found = coco.coco_files(files)
    if not found:
        raise NotApplicable(msg("data.no-coco"))
    boxes = 0
    unsized: list[str] = []
    for path, data in found.items():
        name = files.display_name(path)
        evidence.findings_from(coco.duplicate_ids(data), file=name)
        evidence.findings_from(coco.dangling(data), file=name)
        findings, judged = coco.boxes_outside(data, params.number("box_tolerance_px"))
        evidence.findings_from(findings, file=name)
        boxes += judged
        unsized += [f"{name}#{pointer}" for pointer in coco.unsized_boxes(data)]
    evidence.note(msg("data.coco-checked", files=len(found), boxes=boxes))
    if unsized and not evidence.findings_count:
        # annex E lets an image omit its size: where its boxes end cannot be judged (R3 unjudged)
        raise Inconclusive(msg("data.coco-box-unsized", count=len(unsized), first=unsized[0]))


@pytest.mark.requirement("DP-LABEL-002")
def test_labelled_data_sets_record_their_provenance(targets: Targets, evidence: Evidence):
    files = targets["data_products"]
    declared = _declared(files)
    labels = {os.path.normpath(os.path.abspath(p)) for p in coco.coco_files(files)}
    labelled = 0
    for description, dataset in dcat.datasets(dcat.descriptions(files, evidence)):
        annotations = [d for d in dcat.distributions(description, dataset)
                       if (p := _download(description, d, declared)) is not None
                       and os.path.normpath(os.path.abspath(p)) in labels]
        if not annotations:
            continue
        labelled += 1
        at = {"file": description.name, "pointer": dcat.pointer(dataset)}
        activities = [description.node(v) for v in dcat.values(dataset, dcat.PROV + "wasGeneratedBy")]
        if not any(dcat.values(a, dcat.PROV + "wasAssociatedWith") for a in activities):
            evidence.finding(msg("data.no-activity"), **at, rule="R1")
        ends = [dcat.literal(a, dcat.PROV + "endedAtTime") for a in activities]
        if not any(isinstance(end, str) and validate_rfc3339(end.upper()) for end in ends):
            evidence.finding(msg("data.no-end"), **at, rule="R2")
        for distribution in annotations:
            if not dcat.values(distribution, dcat.DCT + "conformsTo"):
                evidence.finding(msg("data.no-label-format"), file=description.name, pointer=dcat.pointer(distribution),
                                 rule="R3")
    if labelled == 0:
        raise NotApplicable(msg("data.no-labelled-dataset"))


@pytest.mark.requirement("DP-QUAL-001")
def test_the_records_a_data_product_serves_are_complete_accurate_consistent_and_timely(targets: Targets,
                                                                                      evidence: Evidence):
    files = targets["data_products"]
    declared = _declared(files)
    found = {os.path.normpath(os.path.abspath(p)): data for p, data in coco.coco_files(files).items()}
    products = images = rows_read = 0
    for description, dataset in dcat.datasets(dcat.descriptions(files, evidence)):
        served = [(d, p) for d in dcat.distributions(description, dataset)
                  if (p := _download(description, d, declared)) is not None]
        labels = [(p, found[key]) for _, p in served if (key := os.path.normpath(os.path.abspath(p))) in found]
        if not labels:
            continue
        products += 1
        listing_path, rows = _listing(files, served)
        listing_name = files.display_name(listing_path) if listing_path is not None else "-"
        activities = [description.node(v) for v in dcat.values(dataset, dcat.PROV + "wasGeneratedBy")]
        ended = next((end for a in activities if (end := dcat.literal(a, dcat.PROV + "endedAtTime"))), None)
        records = sum(len(data["images"]) for _, data in labels) + len(rows or [])
        if records and not quality.timely_judged(ended):
            # R3 needs the activity's end; its absence is DP-LABEL-002's to judge, so R3 is left unjudged here
            evidence.unjudged(description.name, msg("data.quality-no-end", ended=repr(ended)[:80]))
        for path, data in labels:
            name = files.display_name(path)
            evidence.findings_from(quality.completeness(data["images"], rows, listing_name), file=name)
            evidence.findings_from(quality.accuracy(data["images"], rows, listing_name), file=name)
            late, unordered = quality.timeliness(data["images"], rows, ended, listing_name)
            evidence.findings_from(late, file=name)
            # a date_captured without an offset within 14 h of the end: its order unknown, its R3 not judged (named)
            for where, captured in unordered[:quality.SHOWN]:
                evidence.unjudged(name, msg("data.quality-captured-unordered", where=where, captured=captured,
                                            ended=ended))
            evidence.findings_from(quality.consistency(data["images"], rows, listing_name), file=name)
            images += len(data["images"])
        rows_read += len(rows or [])
    if images + rows_read == 0:  # no product, or products whose files hold no record: nothing judged (3.24)
        raise NotApplicable(msg("data.no-quality-records"))
    evidence.note(msg("data.quality-checked", products=products, images=images, rows=rows_read))


def _listing(files: FileTarget, served: list[tuple[JsonObject, Path]]
             ) -> tuple[Path | None, list[dict[str, str]] | None]:
    """The first image listing a product distributes (a CSV file whose header names file_name) and its rows."""
    for distribution, path in served:
        media = [dcat.iri(v) or (v.get("@value") if isinstance(v, dict) else None)
                 for v in dcat.values(distribution, dcat.DCAT + "mediaType")]
        if path.suffix.lower() != ".csv" and not any(isinstance(m, str) and m.endswith("text/csv") for m in media):
            continue
        data = readable(files, path)  # a listing refused is left unjudged, named; the next one is looked at
        parsed = quality.listing(data) if data is not None else None
        if parsed is not None:
            return path, parsed[1]
    return None, None
