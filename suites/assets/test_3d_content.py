"""3D content files: glTF 2.0 validity as the Khronos glTF-Validator judges it, and VRM avatars
(0.x and 1.0). Files are recognised by their suffix: .gltf, .glb, .vrm.

The validator ships with the harness (conformance.areas._shared.khronos); where it cannot start, the
glTF requirements are ``error`` with the reason, never a pass."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conformance import Evidence, FileRefused, Inconclusive, NonConformance, Parameters, Targets, msg, reason
from conformance.area import SchemaRegistry
from conformance.areas._shared import gltf_reports, khronos
from conformance.areas.assets import budget, gltf, vrm

SUFFIXES = {".gltf", ".glb", ".vrm"}


def _model_files(files: Any, evidence: Any) -> list[Path]:
    """The .gltf/.glb/.vrm files the adapter reads (one it refuses, over its size cap or access
    refused, is left unjudged; other files are notes)."""
    found = []
    for path in files.files():
        name = files.display_name(path)
        if path.suffix.lower() not in SUFFIXES:
            evidence.note(msg("assets.not-a-model", name=name))
            continue
        try:
            files.read_bytes(path)
        except FileRefused as exc:  # the test equipment's refusal (its cap, access): cannot be obtained
            evidence.unjudged(name, reason(exc), **{k: v for k, v in exc.evidence.items() if k != "file"})
            continue
        except NonConformance as exc:  # the adapter's own message (from its template, where it has one)
            evidence.finding(reason(exc), **{**exc.evidence, "file": name})
            continue
        found.append(path)
    return found


def _validated(files: Any, evidence: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    paths = _model_files(files, evidence)
    if not paths:
        raise Inconclusive(msg("assets.no-model"))
    folder_of = getattr(files, "folder_of", None)  # where the manifest declared references may lead
    roots = {p: folder_of(p) for p in paths} if folder_of is not None else {}
    reports = khronos.validate(paths, roots=roots)  # khronos.Unavailable: an error verdict with its reason
    for path in paths:
        yield files.display_name(path), reports[path]
    evidence.note(msg("assets.validated", count=len(paths), version=khronos.version()))


def _declined(name: str, report: dict[str, Any], evidence: Any, undecided: list[str]) -> None:
    """The resources the validator declined to read for the harness's safety: no defect of the
    asset, but the asset is not wholly judged (a note each; the first kept for an inconclusive)."""
    for item in gltf_reports.declined(report):
        text = msg("assets.gltf-declined", file=name, pointer=item.get("pointer", ""),
                   reason=item.get("message", ""))
        evidence.note(text, file=name, pointer=item.get("pointer"))
        undecided.append(text)


def _over_bound(name: str, report: dict[str, Any], evidence: Any, undecided: list[str]) -> None:
    """A model not validated because a bound of the harness ran out (its size, the validator's
    heap): no defect of the model, which is not judged (a note; kept for an inconclusive)."""
    text = msg("assets.gltf-over-bound", file=name, reason=report["error"])
    evidence.note(text, file=name)
    undecided.append(text)


def _unreadable(name: str, report: dict[str, Any], evidence: Any) -> None:
    """A model the validator could not read (it raised on it, it gave no report) though the adapter read it: what
    the Khronos project's own recorded reports call an error of the file (an empty GLB), so AS-GLTF-001's finding;
    AS-GLTF-002, which judges the warnings of a report, leaves the file unjudged naming AS-GLTF-001."""
    evidence.unjudged(name, msg("assets.validator-unreadable", reason=str(report["error"])[:300]))


def _departs(name: str, report: dict[str, Any], evidence: Any, schemas: SchemaRegistry) -> bool:
    """A report that does not conform to the glTF validation report of annex E (the validator's published format, the
    members the cases read): the file is not judged, the record naming where the report departs (no verdict drawn
    from a report read otherwise than the cases state)."""
    if (why := gltf_reports.departure(report, schemas)) is None:
        return False
    evidence.unjudged(name, why, check="gltf-report")
    return True


def _settle(evidence: Any, undecided: list[str]) -> None:
    if undecided and not evidence.findings_count:
        raise Inconclusive(undecided[0] if len(undecided) == 1 else msg(
            "assets.gltf-declined-many", count=len(undecided), first=undecided[0]))


@pytest.mark.requirement("AS-GLTF-001")
def test_gltf_valid_per_khronos_validator(targets: Targets, evidence: Evidence, schemas: SchemaRegistry):
    undecided: list[str] = []
    for name, report in _validated(targets["models"], evidence):
        if gltf_reports.over_bound(report):  # a bound of the harness ran out: not judged, no defect
            _over_bound(name, report, evidence, undecided)
            continue
        if "error" in report:
            evidence.finding(msg("assets.validator-cannot-read", reason=str(report["error"])[:300]), file=name,
                             actual=report["error"])
            continue
        if _departs(name, report, evidence, schemas):
            continue
        _declined(name, report, evidence, undecided)
        shown = 0
        for message in gltf_reports.messages(report):
            if message.severity == "error":
                shown += 1
                evidence.finding(msg("assets.validator-issue", code=message.code, message=message.message), file=name,
                                 pointer=message.pointer, check=message.code)
        total = gltf_reports.counts(report)["numErrors"]
        if total > shown:
            evidence.finding(msg("assets.validator-more-errors", count=total - shown), file=name,
                             expected=0, actual=total)
    _settle(evidence, undecided)


@pytest.mark.requirement("AS-GLTF-002")
def test_gltf_no_validator_warnings(targets: Targets, evidence: Evidence, schemas: SchemaRegistry):
    undecided: list[str] = []
    for name, report in _validated(targets["models"], evidence):
        if gltf_reports.over_bound(report):
            _over_bound(name, report, evidence, undecided)
            continue
        if "error" in report:
            _unreadable(name, report, evidence)
            continue
        if _departs(name, report, evidence, schemas):
            continue
        _declined(name, report, evidence, undecided)
        for message in gltf_reports.messages(report):
            if message.severity == "warning":
                evidence.finding(msg("assets.validator-issue", code=message.code, message=message.message), file=name,
                                 pointer=message.pointer, check=message.code)
            elif message.severity != "error":
                key = "assets.validator-info" if message.severity == "info" else "assets.validator-hint"
                evidence.note(msg(key, code=message.code, message=message.message), file=name,
                              pointer=message.pointer)
    _settle(evidence, undecided)


#: parameter -> (the member of budget.Cost it bounds, what it counts); the file size is measured here
BUDGETS = {"max_triangles": ("triangles", msg("assets.triangles")),
           "max_vertices": ("vertices", msg("assets.vertices")),
           "max_draw_calls": ("draw_calls", msg("assets.draw-calls"))}


@pytest.mark.requirement("AS-GLTF-003")
def test_models_within_budgets(targets: Targets, evidence: Evidence, params: Parameters):
    limits = {"max_model_bytes": params.max_model_bytes, "max_triangles": params.max_triangles,
              "max_vertices": params.max_vertices, "max_draw_calls": params.max_draw_calls}
    # each a number of the standard (bounds >= 1); a plan or manifest may only lower it
    files = targets["models"]
    paths = _model_files(files, evidence)
    if not paths:
        raise Inconclusive(msg("assets.no-model"))
    uncounted: list[str] = []
    for path in paths:
        name = files.display_name(path)
        data = files.read_bytes(path)
        if len(data) > limits["max_model_bytes"]:
            evidence.finding(msg("assets.budget-bytes", size=len(data)), file=name,
                             expected=f"<= {limits['max_model_bytes']}", actual=len(data), check="max_model_bytes")
        cost = budget.model_cost(data, name)  # only what the counts read: memory by structure, not by parts
        if cost.unknown is not None:  # nothing counted is no defect of the budget (AS-GLTF-001 judges validity)
            text = msg("assets.budget-not-counted", file=name, pointer=cost.unknown)
            evidence.note(text, file=name, pointer=cost.unknown or None)
            uncounted.append(text)
            continue
        for parameter, (member, what) in BUDGETS.items():
            count = getattr(cost, member)
            if count > limits[parameter]:
                evidence.finding(msg("assets.budget-over", count=count, what=what, parameter=parameter), file=name,
                                 expected=f"<= {limits[parameter]}", actual=count, check=parameter)
    evidence.note(msg("assets.budgets", budgets=", ".join(f"{k} {v}" for k, v in limits.items())))
    if uncounted and not evidence.findings_count:
        raise Inconclusive(uncounted[0] if len(uncounted) == 1 else msg(
            "assets.budget-not-counted-many", count=len(uncounted), first=uncounted[0]))


@pytest.mark.requirement("AS-VRM-001")
def test_vrm_avatars(targets: Targets, evidence: Evidence, params: Parameters):
    files = targets["models"]
    avatars: dict[str, int] = {}
    for path in _model_files(files, evidence):
        name = files.display_name(path)
        asset = gltf.read(files.read_bytes(path), name)
        found = vrm.version_of(asset.document)
        if path.suffix.lower() != ".vrm" and found is None:
            continue
        avatars[found or "none"] = avatars.get(found or "none", 0) + 1
        if not asset.is_glb:
            evidence.finding(msg("assets.vrm-not-glb"), file=name, rule="R1",
                             expected=msg("assets.expect-glb"), actual=msg("assets.actual-not-glb"))
        if not asset.parsed:
            evidence.findings_from(asset.issues, file=name)
            continue
        if found is not None:
            evidence.note(msg("assets.vrm-found", version=found), file=name)
        evidence.findings_from(vrm.check(asset.document, params.vrm_min_version), file=name)
    if not avatars:
        raise Inconclusive(msg("assets.no-vrm"))
    plain = avatars.pop("none", 0)  # .vrm files without a VRM extension (each a finding)
    versions = ", ".join(f"{version} × {count}" for version, count in sorted(avatars.items()))
    if not versions:
        evidence.note(msg("assets.vrm-checked-none", plain=plain))
    else:
        evidence.note(msg("assets.vrm-checked-with-plain", versions=versions, plain=plain) if plain
                      else msg("assets.vrm-checked", versions=versions))
