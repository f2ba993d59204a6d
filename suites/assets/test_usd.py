"""OpenUSD assets (.usd, .usda, .usdc, .usdz) judged by OpenUSD's own validators.

OpenUSD is the optional extra ``usd`` (conformance.areas._shared.openusd); without it these
requirements are ``inconclusive`` naming the extra, never a pass. Which validator decides which
requirement: conformance.areas.assets.usd.GROUPS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conformance import Inconclusive, NonConformance, NotApplicable, msg, reason
from conformance.areas._shared import openusd
from conformance.areas.assets import usd


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
        try:  # a regular file inside its declared folder, within the adapter's size cap
            files.open(path).close()
        except NonConformance as exc:  # the adapter's own message (from its template)
            evidence.finding(reason(exc), **{**exc.evidence, "file": name})
            continue
        found.append(path)
    return found


def _folder(files: Any, path: Path) -> Path:
    folder_of = getattr(files, "folder_of", None)  # an adapter of another kind: the file's own folder
    return folder_of(path) if folder_of is not None else path.resolve().parent


def _judged(files: Any, evidence: Any, *, packages_only: bool = False) -> Iterator[tuple[str, openusd.Judgement]]:
    paths = _usd_files(files, evidence, packages_only=packages_only)
    if not paths:
        if packages_only:
            raise NotApplicable(msg("assets.usd-no-package"))
        raise Inconclusive(msg("assets.usd-no-stage"))
    try:
        # asset paths stay inside the folder the manifest declared (a glob's or a folder's)
        judged = [(files.display_name(p), openusd.check(p, _folder(files, p))) for p in paths]
    except openusd.Unavailable as exc:
        raise Inconclusive(exc.args[0]) from None  # the message as its template wrote it
    versions = sorted({j.version for _, j in judged if j.version})
    validators = max((j.validators for _, j in judged), key=len)
    yield from judged
    evidence.note(msg("assets.usd-validated", count=len(paths), version=", ".join(versions) or "?",
                      validators=len(validators)))
    extra = usd.unmapped(validators)
    if extra:
        evidence.note(msg("assets.usd-unmapped", validators=", ".join(extra)))


def _judge(requirement: str, targets: Any, evidence: Any, *, packages_only: bool = False) -> None:
    for name, judgement in _judged(targets["usd_assets"], evidence, packages_only=packages_only):
        refused = judgement.refused
        if refused is not None:
            if requirement == "AS-USD-001" or (requirement == "AS-USD-004" and refused["code"] in usd.PACKAGE_GUARDS):
                evidence.finding(judgement.refusal, file=name, rule=refused["code"])
            else:
                evidence.note(msg("assets.usd-not-judged", reason=judgement.refusal), file=name)
            continue
        evidence.findings_from(usd.findings(requirement, judgement.errors), file=name)


@pytest.mark.requirement("AS-USD-001")
def test_usd_composes(targets, evidence):
    _judge("AS-USD-001", targets, evidence)


@pytest.mark.requirement("AS-USD-002")
def test_usd_stage_metadata(targets, evidence):
    _judge("AS-USD-002", targets, evidence)


@pytest.mark.requirement("AS-USD-003")
def test_usd_attribute_types(targets, evidence):
    _judge("AS-USD-003", targets, evidence)


@pytest.mark.requirement("AS-USD-004")
def test_usdz_packaging(targets, evidence):
    _judge("AS-USD-004", targets, evidence, packages_only=True)


@pytest.mark.requirement("AS-USD-005")
def test_usd_shading(targets, evidence):
    _judge("AS-USD-005", targets, evidence)


@pytest.mark.requirement("AS-USD-006")
def test_usd_skeletons(targets, evidence):
    _judge("AS-USD-006", targets, evidence)


@pytest.mark.requirement("AS-USD-007")
def test_usd_physics(targets, evidence):
    _judge("AS-USD-007", targets, evidence)


@pytest.mark.requirement("AS-USD-008")
def test_usd_geometry_and_lights(targets, evidence):
    _judge("AS-USD-008", targets, evidence)


@pytest.mark.requirement("AS-USD-009")
def test_usd_no_validator_warnings(targets, evidence):
    _judge("AS-USD-009", targets, evidence)

