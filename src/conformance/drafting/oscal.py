"""OSCAL export: the catalog as an OSCAL catalog, each profile as an OSCAL profile, and a run's
report as OSCAL assessment-results (OSCAL 1.0.6, NIST's JSON format, which certification
bodies already use for control catalogs and assessment results).

A requirement is a control (its ID the control ID), grouped by area; its English and Chinese
statements are ``statement`` parts, its level, testing mode, status and policy clauses
``props`` in this project's namespace, its external standards ``links`` to back-matter
resources. UUIDs are version 5, derived from the catalog digest and the ID, so the same
catalog exports the same document. tests/test_catalog_oscal.py validates all three kinds
against NIST's published JSON schema.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .._version import __version__
from ..catalog import Catalog
from ..errors import HarnessInputError
from ..model import Requirement
from ..vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from .facts import ordered
from .spec import AREA_TITLES
from .tables import load_tables

OSCAL_VERSION = "1.0.6"
NS = "https://metaverse-conformance.org/ns/oscal"
#: a report verdict -> the OSCAL objective status it amounts to (None: no finding status)
STATE = {"pass": "satisfied", "fail": "not-satisfied"}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, NS + "/" + "/".join(parts)))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _metadata(title: str, version: str, **extra: Any) -> dict[str, Any]:
    return {"title": title, "last-modified": _now(), "version": version, "oscal-version": OSCAL_VERSION, **extra}


def _prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": value}


def oscal_catalog(catalog: Catalog) -> dict[str, Any]:
    tables = load_tables(catalog)
    resources: dict[str, dict[str, Any]] = {}
    for standard in tables.standards.values():
        resources[standard.name] = {"uuid": _uuid(catalog.digest, "standard", standard.name), "title": standard.name,
                                    "rlinks": [{"href": standard.url}]}
    groups: dict[str, dict[str, Any]] = {}
    for req in ordered(catalog):
        zh, en = AREA_TITLES.get(req.area, (req.area, req.area))
        group = groups.setdefault(req.area, {"id": req.area, "class": "area", "title": f"{en} / {zh}",
                                             "controls": []})
        group["controls"].append(_control(req, resources, _params(catalog, req)))
    cited = {link["href"][1:] for g in groups.values() for c in g["controls"] for link in c.get("links", [])}
    return {"catalog": {
        "uuid": _uuid(catalog.digest, "catalog"),
        "metadata": _metadata("Metaverse interoperability requirements catalog", __version__,
                              props=[_prop("catalog-digest", catalog.digest)]),
        "groups": list(groups.values()),
        "back-matter": {"resources": [r for r in resources.values() if r["uuid"] in cited]},
    }}


def objective_id(req_id: str, rule: str = "") -> str:
    """The assessment objective of a requirement (or of one of its rules): what a finding targets."""
    return f"{req_id}_obj" + (f".{rule}" if rule else "")


def param_id(req_id: str, name: str) -> str:
    """The OSCAL parameter of a requirement's profile parameter (unique in the catalog)."""
    return f"{req_id.lower()}_prm_{name}"


def _params(catalog: Catalog, req: Requirement) -> list[dict[str, Any]]:
    """The profile parameters a requirement reads as OSCAL ``params``: a label, the bounds a
    certification plan may set as a constraint, and the default as the value (profiles that
    differ set theirs in ``set-parameters``)."""
    params = []
    for name in req.parameters:
        specs = [p.parameters[name] for p in sorted(catalog.profiles.values(), key=lambda p: p.id)
                 if req.id in p.all_requirements() and name in p.parameters]
        if not specs:
            continue
        spec = specs[0]
        param: dict[str, Any] = {"id": param_id(req.id, name), "label": name}
        if spec.description:
            param["usage"] = spec.description.en
        props = [_prop("stricter", spec.stricter)] if spec.stricter else []
        if props:
            param["props"] = props
        if spec.bounds and (spec.bounds.min is not None or spec.bounds.max is not None):
            low, high = spec.bounds.min, spec.bounds.max
            expression = " and ".join(x for x in (f"value >= {low}" if low is not None else "",
                                                    f"value <= {high}" if high is not None else "") if x)
            param["constraints"] = [{"description": f"bounds a certification plan may set {name} within",
                                     "tests": [{"expression": expression}]}]
        param["values"] = [_value(spec.default)]
        params.append(param)
    return params


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _control(req: Requirement, resources: dict[str, dict[str, Any]],
             params: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    props = [_prop("label", req.id), _prop("level", req.level.value), _prop("testing", req.testing.value)]
    props += [_prop(k, str(getattr(req, k))) for k in ("status", "version", "since") if getattr(req, k)]
    props += [_prop("policy-clause", key) for key in req.source.policy]
    parts: list[dict[str, Any]] = [
        {"id": f"{req.id}_smt", "name": "statement", "prose": req.statement.en},
        {"id": f"{req.id}_smt.zh", "name": "statement", "class": "zh", "prose": req.statement.zh},
    ]
    objective: dict[str, Any] = {"id": objective_id(req.id), "name": "assessment-objective",
                                 "prose": f"Determine that {req.statement.en}"}
    if req.rules:  # one objective per rule: its known-bad cases name it
        objective["parts"] = [{"id": objective_id(req.id, rule.id), "name": "assessment-objective",
                               "props": [_prop("rule", rule.id)], "prose": f"Determine that {rule.en}"}
                              for rule in req.rules]
    parts.append(objective)
    if req.notes:
        parts += [{"id": f"{req.id}_gdn", "name": "guidance", "prose": req.notes.en},
                  {"id": f"{req.id}_gdn.zh", "name": "guidance", "class": "zh", "prose": req.notes.zh}]
    control: dict[str, Any] = {"id": req.id, "class": "requirement", "title": f"{req.title.en} / {req.title.zh}"}
    if params:
        control["params"] = params
    control.update(props=props, parts=parts)
    links = []
    for ref in req.source.standards:
        resource = resources.get(ref.name)
        if resource is not None:
            text = f"{ref.name}, {ref.section}" if ref.section else ref.name
            links.append({"href": "#" + resource["uuid"], "rel": "reference", "text": text})
    if links:
        control["links"] = links
    return control


def oscal_profile(catalog: Catalog, profile_id: str, catalog_href: str) -> dict[str, Any]:
    profile = catalog.profile(profile_id)
    props = [_prop("parameter", f"{name}={json.dumps(spec.default)}") for name, spec in profile.parameters.items()]
    metadata = _metadata(f"{profile.title.en} / {profile.title.zh}", profile.version)
    if props:
        metadata["props"] = props
    settings = [{"param-id": param_id(req_id, name), "values": [_value(profile.parameters[name].default)]}
                for req_id in profile.all_requirements() if req_id in catalog.requirements
                for name in catalog.requirements[req_id].parameters if name in profile.parameters]
    document: dict[str, Any] = {
        "uuid": _uuid(catalog.digest, "profile", profile_id),
        "metadata": metadata,
        "imports": [{"href": catalog_href, "include-controls": [{"with-ids": profile.all_requirements()}]}],
    }
    if settings:
        document["modify"] = {"set-parameters": settings}
    return {"profile": document}


def export_catalog(catalog: Catalog, out: Path) -> list[Path]:
    """catalog.json and profiles/<id>.json in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = [_write(out / "catalog.json", oscal_catalog(catalog))]
    for profile_id in sorted(catalog.profiles):
        written.append(_write(out / "profiles" / f"{profile_id}.json",
                              oscal_profile(catalog, profile_id, "../catalog.json")))
    return written


def oscal_assessment_results(report: dict[str, Any]) -> dict[str, Any]:
    """A run's report.json as OSCAL assessment-results: one result, one finding per
    requirement (its verdict as the objective status, its message as the description),
    the evidence as observations."""
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
    results: dict[str, Any] = {
        "uuid": _uuid(digest, started, "result"), "title": f"Conformance run of {name}",
        "description": f"{len(findings)} requirement(s) judged by the conformance harness", "start": started,
        "reviewed-controls": {"control-selections": [{"include-controls": [
            {"control-id": str(r["requirement"])} for r in report.get("requirements", [])]}]}}
    if report.get("finished"):
        results["end"] = report["finished"]
    if findings:
        results["findings"] = findings
    if observations:
        results["observations"] = observations
    return {"assessment-results": {
        "uuid": _uuid(digest, started, "assessment-results"),
        "metadata": _metadata(f"Conformance assessment of {name}", str(report.get("report_format", "")),
                              props=[_prop("catalog-digest", digest or "unknown")]),
        "import-ap": {"href": "report.json"},
        "results": [results],
    }}


def export_report(report_dir: Path, out: Path | None) -> Path:
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
    return _write(out or report_dir / "oscal-assessment-results.json", oscal_assessment_results(report))


def _write(path: Path, document: dict[str, Any]) -> Path:
    from ..outputs import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path
