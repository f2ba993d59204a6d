"""OpenUSD assets (.usd, .usda, .usdc, .usdz) judged by OpenUSD's own validators.

OpenUSD is the optional extra ``usd`` (conformance.areas._shared.openusd); without it these
requirements are ``inconclusive`` naming the extra, never a pass. Which validator decides which
requirement: conformance.areas.assets.usd.GROUPS."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conformance import Evidence, Finding, Inconclusive, NonConformance, NotApplicable, Parameters, Targets, msg, reason
from conformance.area import SchemaRegistry, opened, readable
from conformance.areas._shared import openusd
from conformance.areas.assets import generated, gltf, metadata, usd


def _usd_files(files: Any, evidence: Any, *, packages_only: bool = False) -> list[Path]:
    found = []
    for path in files.files():
        name = files.display_name(path)
        suffix = path.suffix.lower()
        if suffix not in usd.SUFFIXES:
            evidence.note(msg("assets.usd-not-a-stage", name=name))
            continue
        if packages_only and suffix != ".usdz":
            continue
        handle = opened(files, path)  # a regular file inside its declared folder; one refused is unjudged
        if handle is None:
            continue
        handle.close()
        found.append(path)
    return found


def _folder(files: Any, path: Path) -> Path:
    folder_of = getattr(files, "folder_of", None)  # an adapter of another kind: the file's own folder
    return folder_of(path) if folder_of is not None else path.resolve().parent


def _judged(files: Any, evidence: Any, *,
            packages_only: bool = False) -> Iterator[tuple[str, Path, openusd.Judgement]]:
    paths = _usd_files(files, evidence, packages_only=packages_only)
    if not paths:
        if packages_only and not evidence.unjudged_inputs:  # a package refused is unjudged, not absent
            raise NotApplicable(msg("assets.usd-no-package"))
        raise Inconclusive(msg("assets.usd-no-stage"))
    try:
        # asset paths stay inside the folder the manifest declared (a glob's or a folder's)
        judged = [(files.display_name(p), p, openusd.check(p, _folder(files, p))) for p in paths]
    except openusd.Unavailable as exc:
        raise Inconclusive(exc.args[0]) from None  # the message as its template wrote it
    versions = sorted({j.version for _, _, j in judged if j.version})
    validators = max((j.validators for _, _, j in judged), key=len)
    yield from judged
    evidence.note(msg("assets.usd-validated", count=len(paths), version=", ".join(versions) or "?",
                      validators=len(validators)))
    extra = usd.unmapped(validators)
    if extra:
        evidence.note(msg("assets.usd-unmapped", validators=", ".join(extra)))


def _not_judged(name: str, judgement: openusd.Judgement, evidence: Any, undecided: list[str]) -> None:
    """A file whose stage was not composed, as a note; its reason kept for an inconclusive."""
    assert judgement.refused is not None and judgement.refusal is not None
    text = usd.declined(name, judgement.refusal, judgement.refused["code"])
    evidence.note(text, file=name, check=judgement.refused["code"])
    undecided.append(text)


def _settle(evidence: Any, undecided: list[str]) -> None:
    """A file the harness could not judge leaves the requirement inconclusive, unless another failed."""
    if undecided and not evidence.findings_count:
        raise Inconclusive(usd.undecided(undecided))


def _judge(requirement: str, targets: Any, evidence: Any, *, packages_only: bool = False,
           more: Callable[[openusd.Judgement], list[Finding]] | None = None) -> None:
    """``more``: the requirement's own findings on a composed stage, beside its validators'."""
    undecided: list[str] = []
    for name, _, judgement in _judged(targets["usd_assets"], evidence, packages_only=packages_only):
        refused = judgement.refused
        if refused is not None:
            if usd.defect(requirement, refused["code"]):
                evidence.finding(judgement.refusal, file=name, check=refused["code"])
            else:  # declined for the harness's safety, or another requirement's defect
                _not_judged(name, judgement, evidence, undecided)
            continue
        evidence.findings_from(usd.findings(requirement, judgement.errors), file=name)
        evidence.findings_from(usd.absolute_findings(requirement, judgement.absolute_paths()), file=name)
        if more is not None:
            evidence.findings_from(more(judgement), file=name)
    _settle(evidence, undecided)


@pytest.mark.requirement("AS-USD-001")
def test_usd_composes(targets: Targets, evidence: Evidence):
    _judge("AS-USD-001", targets, evidence)


@pytest.mark.requirement("AS-USD-002")
def test_usd_stage_metadata(targets: Targets, evidence: Evidence):
    _judge("AS-USD-002", targets, evidence, more=lambda judgement: usd.default_prim_findings(judgement.facts))


@pytest.mark.requirement("AS-USD-003")
def test_usd_attribute_types(targets: Targets, evidence: Evidence):
    _judge("AS-USD-003", targets, evidence)


@pytest.mark.requirement("AS-USD-004")
def test_usdz_packaging(targets: Targets, evidence: Evidence):
    _judge("AS-USD-004", targets, evidence, packages_only=True)


@pytest.mark.requirement("AS-USD-005")
def test_usd_shading(targets: Targets, evidence: Evidence):
    _judge("AS-USD-005", targets, evidence)


@pytest.mark.requirement("AS-USD-006")
def test_usd_skeletons(targets: Targets, evidence: Evidence):
    _judge("AS-USD-006", targets, evidence)


@pytest.mark.requirement("AS-USD-007")
def test_usd_physics(targets: Targets, evidence: Evidence):
    _judge("AS-USD-007", targets, evidence)


@pytest.mark.requirement("AS-USD-008")
def test_usd_geometry_and_lights(targets: Targets, evidence: Evidence):
    _judge("AS-USD-008", targets, evidence)


@pytest.mark.requirement("AS-USD-009")
def test_usd_no_validator_warnings(targets: Targets, evidence: Evidence):
    _judge("AS-USD-009", targets, evidence)



def _composed(targets: Any, evidence: Any) -> Iterator[tuple[str, Path, openusd.Judgement]]:
    """The stages that composed; one that did not leaves the requirement inconclusive unless
    another file fails (a defect of its own is AS-USD-001's finding)."""
    undecided: list[str] = []
    for name, path, judgement in _judged(targets["usd_assets"], evidence):
        if judgement.refused is not None:
            _not_judged(name, judgement, evidence, undecided)
            continue
        yield name, path, judgement
    _settle(evidence, undecided)


@pytest.mark.requirement("AS-USD-010")
def test_usd_carries_the_asset_metadata(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    files = targets["usd_assets"]
    count = hashed = 0
    escaped: list[str] = []
    for name, path, judgement in _composed(targets, evidence):
        count += 1
        value, where = usd.embedded(judgement.facts, usd.METADATA_KEY)
        if where is None:
            evidence.finding(msg("assets.usd-metadata-missing"), file=name)
            continue
        data, issues = usd.metadata_document(value, where)
        evidence.findings_from(issues, file=name)
        if data is None:
            continue
        found = schemas.findings(data, metadata.PLATFORM_SCHEMA)
        members = metadata.IDENTITY + metadata.RIGHTS
        evidence.findings_from([replace(f, pointer=f"{where}{f.pointer or ''}") for f in metadata.platform_findings(
            data, found, members, "AS-USD-010", required=members)], file=name)
        for index, item in usd.content_items(data):
            digest, why = usd.content_digest(path, item["uri"], _folder(files, path), openusd.LIMITS.max_entry_bytes)
            if why == msg("assets.content-escapes"):  # declined for the harness's safety: not judged
                text = usd.declined(name, msg("assets.content-not-followed", uri=item["uri"], reason=why),
                                    "usd-path-outside")
                evidence.note(text, file=name, pointer=f"{where}/content/{index}/uri")
                escaped.append(text)
            elif why is not None:
                evidence.finding(msg("assets.content-not-followed", uri=item["uri"], reason=why), file=name,
                                 pointer=f"{where}/content/{index}/uri")
            elif digest is not None:
                hashed += 1
                if digest != item["sha256"].lower():
                    evidence.finding(msg("assets.content-sha256-differs", file=item["uri"]), file=name,
                                     pointer=f"{where}/content/{index}/sha256", expected=item["sha256"],
                                     actual=digest)
    evidence.note(msg("assets.usd-metadata-checked", count=count, hashed=hashed))
    _settle(evidence, escaped)


@pytest.mark.requirement("AS-USD-011")
def test_usd_of_generated_assets_carries_the_label(targets: Targets, evidence: Evidence):
    count = 0
    for name, _, judgement in _composed(targets, evidence):
        count += 1
        label, where = usd.embedded(judgement.facts, usd.LABEL_KEY)
        if where is None:
            evidence.finding(msg("assets.usd-label-missing"), file=name, expected=msg("assets.usd-expect-label"),
                             actual=None)
            continue
        value, at = usd.embedded(judgement.facts, usd.METADATA_KEY)
        data = usd.metadata_document(value, at)[0] if at is not None else None
        evidence.findings_from(generated.carried_findings(data if isinstance(data, dict) else {}, label, where,
                                                          "AS-USD-011"), file=name)
    evidence.note(msg("assets.usd-labels-checked", count=count))


@pytest.mark.requirement("AS-USD-012")
def test_gltf_and_usd_exports_of_one_asset_agree(targets: Targets, evidence: Evidence, params: Parameters):
    # imported here: pairs brings NumPy (0.12 s), which no other requirement of this module needs,
    # and hypothesis saves and restores NumPy's random state around every example once it is loaded
    from conformance.areas.assets import pairs

    files = targets["asset_pairs"]
    by_stem: dict[str, dict[str, Path]] = {}
    for path in files.files():
        suffix = path.suffix.lower()
        kind = "gltf" if suffix in pairs.GLTF_SUFFIXES else "usd" if suffix in pairs.USD_SUFFIXES else None
        if kind is None:
            evidence.note(msg("assets.pair-not-a-model", name=files.display_name(path)))
            continue
        by_stem.setdefault(path.stem, {})[kind] = path
    compared = 0
    undecided: list[str] = []
    for _, found in sorted(by_stem.items()):
        if set(found) != {"gltf", "usd"}:
            evidence.note(msg("assets.pair-alone", name=files.display_name(next(iter(found.values())))))
            continue
        name = f"{files.display_name(found['gltf'])} / {files.display_name(found['usd'])}"
        data = readable(files, found["gltf"])  # a model refused is left unjudged, named: the pair is not compared
        handle = opened(files, found["usd"]) if data is not None else None
        if handle is None:
            continue
        handle.close()
        try:
            model = gltf.read(data, files.display_name(found["gltf"]))
        except NonConformance as exc:
            evidence.finding(reason(exc), **{**exc.evidence, "file": name})
            continue
        if not model.parsed:
            evidence.findings_from(model.issues, file=name)
            continue
        try:
            judgement = openusd.check(found["usd"], _folder(files, found["usd"]))
        except NonConformance as exc:
            evidence.finding(reason(exc), **{**exc.evidence, "file": name})
            continue
        except openusd.Unavailable as exc:
            raise Inconclusive(exc.args[0]) from None
        if judgement.refused is not None:
            if usd.defect("AS-USD-001", judgement.refused["code"]):
                evidence.finding(judgement.refusal, file=name, check=judgement.refused["code"])
            else:
                _not_judged(name, judgement, evidence, undecided)
            continue
        compared += 1
        evidence.findings_from(pairs.compare(judgement.facts, pairs.gltf_summary(model.document),
                                             params.pair_bbox_tolerance), file=name)
    _settle(evidence, undecided)
    if not compared and not evidence.findings_count:
        raise Inconclusive(msg("assets.pair-none"))
    evidence.note(msg("assets.pairs-compared", count=compared, tolerance=params.pair_bbox_tolerance))
