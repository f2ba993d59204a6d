"""OSCAL assessment plans and assessment results (OSCAL 1.0.6).

A pilot program's certification plan (:mod:`conformance.certification.plans`) is an OSCAL
assessment plan: its terms (the profiles a participant is judged against, the parameter
values the plan sets, the requirements it promotes) are ``terms-and-conditions`` parts (the parameter
values as props; the catalog's controls declare them as ``params``), the
requirements of those profiles its ``reviewed-controls`` with their assessment objectives
(the ``<ID>_obj`` parts of the exported catalog). A run's report is OSCAL assessment
results that import that plan (``import-ap``), one finding per requirement targeting the
requirement's objective. A report written without a plan imports the plan of the
manifest's own claims.

Both sources give the same plan UUID for the same plan (its ID and sha256), so the plan
``catalog export --oscal --plan FILE`` writes is the one a report of a run under that plan
points at. OSCAL assessment plans import a system security plan; a conformance assessment
has none, the manifest (the ISO/IEC 9646-7 implementation conformance statement) stands in
its place as a back-matter resource.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from ..errors import HarnessInputError
from .oscal import _metadata, _now, _prop, _uuid, _value, _write, objective_id

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog
    from ..certification.plans import CertificationPlan

#: a report verdict -> the OSCAL objective status it amounts to (others: not-satisfied with a reason)
STATE = {"pass": "satisfied", "fail": "not-satisfied"}
#: the assessment plan beside a report's assessment results (their ``import-ap``)
PLAN_FILE = "oscal-assessment-plan.json"
RESULTS_FILE = "oscal-assessment-results.json"


@dataclass(frozen=True)
class PlanTerms:
    """What an assessment plan states, read from a certification plan or from a report."""

    id: str
    title: str
    version: str
    program: str
    sha256: str
    catalog_digest: str
    #: profile ID -> the requirements it selects
    requirements: dict[str, list[str]]
    #: profile ID -> parameter name -> the value the plan (or run) sets
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: profile ID -> the requirements the plan makes blocking
    promoted: dict[str, list[str]] = field(default_factory=dict)

    @property
    def uuid(self) -> str:
        return _uuid("assessment-plan", self.id, self.sha256)


def terms_of_plan(catalog: Catalog, plan: CertificationPlan) -> PlanTerms:
    parameters = {}
    for profile_id, settings in plan.profiles.items():
        defaults = {name: spec.default for name, spec in catalog.profiles[profile_id].parameters.items()}
        parameters[profile_id] = {**defaults, **settings}
    return PlanTerms(
        id=plan.id, title=plan.title or plan.id, version=plan.version or "1", program=plan.program,
        sha256=plan.sha256, catalog_digest=plan.catalog_digest,
        requirements={p: catalog.profiles[p].all_requirements() for p in sorted(plan.profiles)},
        parameters=parameters, promoted={p: r for p, r in plan.promoted.items() if r})


def terms_of_report(report: dict[str, Any]) -> PlanTerms:
    """The plan a report's run followed (its ``certification_plan`` and the parameters it
    resolved), or without one the plan of the manifest's own claims."""
    plan = report.get("certification_plan") or {}
    requirements: dict[str, list[str]] = {}
    for result in report.get("requirements", []):
        for profile_id in result.get("profiles", []):
            requirements.setdefault(str(profile_id), []).append(str(result["requirement"]))
    parameters = {str(p["id"]): dict(p.get("parameters") or {}) for p in report.get("profiles", [])
                  if isinstance(p, dict) and "id" in p}
    digest = str(report.get("catalog_digest", ""))
    if plan:
        return PlanTerms(
            id=str(plan["id"]), title=str(plan.get("title") or plan["id"]), version=str(plan.get("version") or "1"),
            program=str(plan.get("program", "")), sha256=str(plan.get("sha256", "")), catalog_digest=digest,
            requirements=requirements, parameters=parameters, promoted=dict(plan.get("promoted") or {}))
    return PlanTerms(id="self-assessment", title="The manifest's own claims", version="1", program="",
                     sha256="", catalog_digest=digest, requirements=requirements, parameters=parameters)


def oscal_assessment_plan(terms: PlanTerms) -> dict[str, object]:
    ics = _uuid("assessment-plan", terms.id, terms.sha256, "ics")
    props = [_prop("catalog-digest", terms.catalog_digest or "unknown"), _prop("certification-plan", terms.id)]
    if terms.sha256:
        props.append(_prop("certification-plan-sha256", terms.sha256))
    metadata = _metadata(f"Assessment plan: {terms.title}", terms.version, props=props)
    if terms.program:
        metadata["remarks"] = f"Certification plan of {terms.program}"
    parts = []
    for profile_id, req_ids in terms.requirements.items():
        part: dict[str, object] = {"name": "assessment-inclusions", "class": "profile", "title": profile_id,
                                "prose": f"Profile {profile_id}: {len(req_ids)} requirement(s) judged."}
        settings = [_prop("parameter", f"{name}={_value(value)}")
                    for name, value in sorted(terms.parameters.get(profile_id, {}).items())]
        settings += [_prop("promoted", req_id) for req_id in terms.promoted.get(profile_id, [])]
        if settings:
            part["props"] = settings
        parts.append(part)
    req_ids = list(dict.fromkeys(r for ids in terms.requirements.values() for r in ids))
    reviewed: dict[str, object] = {"control-selections": [{"include-controls": [{"control-id": r} for r in req_ids]}]}
    if req_ids:
        reviewed["control-objective-selections"] = [{"include-objectives": [
            {"objective-id": objective_id(r)} for r in req_ids]}]
    else:  # OSCAL wants a non-empty list: a plan that names nothing reviews every control
        reviewed["control-selections"] = [{"include-all": {}}]
    document: dict[str, object] = {
        "uuid": terms.uuid, "metadata": metadata,
        "import-ssp": {"href": "#" + ics},
        "reviewed-controls": reviewed,
        "back-matter": {"resources": [{
            "uuid": ics, "title": "Implementation conformance statement (the participant's manifest)",
            "description": "ISO/IEC 9646-7 ICS: the product, its claimed profiles and features, its targets. "
                           "It stands for the system security plan an OSCAL assessment plan imports."}]},
    }
    if parts:
        document["terms-and-conditions"] = {"parts": parts}
    return {"assessment-plan": document}


def oscal_assessment_results(report: dict[str, Any], plan_href: str = PLAN_FILE) -> dict[str, object]:
    """A run's report.json as OSCAL assessment-results importing its assessment plan: one
    result, one finding per requirement (its verdict as the status of the requirement's
    objective, its message as the description), the evidence as observations."""
    digest = str(report.get("catalog_digest", ""))
    started = str(report.get("started") or _now())
    product = (report.get("manifest") or {}).get("product") or {}
    name = product.get("name", "product") if isinstance(product, dict) else str(product)
    findings, observations = [], []
    for result in report.get("requirements", []):
        req_id = result["requirement"]
        verdict = result["verdict"]
        related = []
        for index, item in enumerate(result.get("evidence", [])[:20]):
            obs_uuid = _uuid(digest, started, req_id, "evidence", str(index))
            where = " ".join(str(item[k]) for k in ("file", "pointer") if item.get(k))
            observations.append({"uuid": obs_uuid, "description": str(item.get("message") or item.get("kind")),
                                 "methods": ["TEST"], "collected": started,
                                 **({"remarks": where} if where else {})})
            related.append({"observation-uuid": obs_uuid})
        target: dict[str, Any] = {"type": "objective-id", "target-id": objective_id(req_id),
                                  "status": {"state": STATE.get(verdict, "not-satisfied")}}
        if verdict not in STATE:
            target["status"]["reason"] = verdict.replace("_", "-")
        finding = {"uuid": _uuid(digest, started, req_id), "title": f"{req_id}: {verdict}",
                   "description": result.get("message") or verdict, "props": [_prop("verdict", verdict)],
                   "target": target}
        if related:
            finding["related-observations"] = related
        findings.append(finding)
    judged = [str(r["requirement"]) for r in report.get("requirements", [])]
    reviewed: dict[str, object] = {"control-selections": [
        {"include-controls": [{"control-id": r} for r in judged]} if judged else {"include-all": {}}]}
    if judged:
        reviewed["control-objective-selections"] = [{"include-objectives": [
            {"objective-id": objective_id(r)} for r in judged]}]
    results: dict[str, object] = {
        "uuid": _uuid(digest, started, "result"), "title": f"Conformance run of {name}",
        "description": f"{len(findings)} requirement(s) judged by the conformance harness", "start": started,
        "reviewed-controls": reviewed}
    if report.get("finished"):
        results["end"] = report["finished"]
    if findings:
        results["findings"] = findings
    if observations:
        results["observations"] = observations
    harness = report.get("harness") or {}
    version = str(harness.get("version", "")) if isinstance(harness, dict) else ""
    return {"assessment-results": {
        "uuid": _uuid(digest, started, "assessment-results"),
        "metadata": _metadata(f"Conformance assessment of {name}", version or "unknown",
                              props=[_prop("catalog-digest", digest or "unknown"),
                                     _prop("report-format", str(report.get("report_format", "")) or "unknown")]),
        "import-ap": {"href": plan_href},
        "results": [results],
    }}


def export_plans(catalog: Catalog, plan_paths: list[Path], out: Path) -> list[Path]:
    """assessment-plans/<plan ID>.json in ``out``, one per certification plan."""
    from ..certification.plans import load_plan

    every = [terms_of_plan(catalog, load_plan(path, catalog)) for path in plan_paths]  # all checked, then written
    return [_write(out / "assessment-plans" / f"{terms.id}.json", oscal_assessment_plan(terms)) for terms in every]


def export_report(report_dir: Path, out: Path | None) -> list[Path]:
    """The report's assessment plan and its assessment results (which import the plan), in
    ``out`` (a folder; default: the report's)."""
    path = report_dir / "report.json"
    if not path.is_file():
        raise HarnessInputError(str(report_dir), "has no report.json", "give the folder a run wrote")
    try:
        report = json.loads(read_capped(path, MAX_DOCUMENT_BYTES).decode("utf-8"))
    except OSError as exc:  # not a regular file, or over the cap: never read
        raise HarnessInputError(str(path), getattr(exc, "problem", None) or f"cannot be read: {exc}") from None
    except ValueError as exc:
        raise HarnessInputError(str(path), f"cannot be read as JSON: {exc}") from None
    if not isinstance(report, dict) or not isinstance(report.get("requirements"), list):
        raise HarnessInputError(str(path), "is not a conformance report (no requirements list)")
    folder = out or report_dir
    return [_write(folder / PLAN_FILE, oscal_assessment_plan(terms_of_report(report))),
            _write(folder / RESULTS_FILE, oscal_assessment_results(report))]
