"""OSCAL export: the catalog as an OSCAL catalog and each profile as an OSCAL profile (OSCAL
1.0.6, NIST's JSON format, which certification bodies already use for control catalogs and
assessment results; assessment plans and results: :mod:`.oscal_assessment`).

A requirement is a control (its ID the control ID), grouped by area; its English and Chinese
statements are ``statement`` parts, its level, testing mode, status and policy clauses
``props`` in this project's namespace, its external standards ``links`` to back-matter
resources. UUIDs are version 5, derived from the catalog digest and the ID, so the same
catalog exports the same document. tests/drafting/test_oscal.py validates every kind against NIST's
released JSON schema and loads it with compliance-trestle.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .._catalog.catalog import Catalog
from .._catalog.designations import resolved
from .._catalog.model import Requirement
from .._version import __version__
from .facts import ordered
from .tables import load_tables
from .writer import area_title

OSCAL_VERSION = "1.0.6"
NS = "https://metaverse-conformance.org/ns/oscal"
#: a report verdict -> the OSCAL objective status it amounts to (None: no finding status)
STATE = {"pass": "satisfied", "fail": "not-satisfied"}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, NS + "/" + "/".join(parts)))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _metadata(title: str, version: str, **extra: object) -> dict[str, object]:
    return {"title": title, "last-modified": _now(), "version": version, "oscal-version": OSCAL_VERSION, **extra}


def _prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": value}


def oscal_catalog(catalog: Catalog) -> dict[str, object]:
    """The catalog as an OSCAL catalog, each keyed reference of its texts printed as its number."""
    return resolved(_oscal_catalog(catalog), catalog.root)


def _oscal_catalog(catalog: Catalog) -> dict[str, object]:
    tables = load_tables(catalog)
    resources: dict[str, dict[str, object]] = {}
    for standard in tables.standards.values():
        resources[standard.name] = {"uuid": _uuid(catalog.digest, "standard", standard.name), "title": standard.name,
                                    "rlinks": [{"href": standard.url}]}
    groups: dict[str, dict[str, Any]] = {}
    for req in ordered(catalog):
        zh, en = area_title(req.area)
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


def _params(catalog: Catalog, req: Requirement) -> list[dict[str, object]]:
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
        param: dict[str, object] = {"id": param_id(req.id, name), "label": name}
        if spec.description:
            param["usage"] = spec.description.en
        props = [_prop("stricter", spec.stricter)] if spec.stricter else []
        if props:
            param["props"] = props
        if spec.bounds and (spec.bounds.min is not None or spec.bounds.max is not None):
            low, high = spec.bounds.min, spec.bounds.max
            expression = " and ".join(x for x in (f"value >= {low}" if low is not None else "",
                                                    f"value <= {high}" if high is not None else "") if x)
            param["constraints"] = [{"description": f"the values {name} may take: a plan or a manifest tightens it "
                                                    f"from the standard's value, never looser, within these bounds",
                                     "tests": [{"expression": expression}]}]
        param["values"] = [_value(spec.default)]
        params.append(param)
    return params


def _value(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _control(req: Requirement, resources: dict[str, dict[str, Any]],
             params: list[dict[str, Any]] | None = None) -> dict[str, object]:
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
    control: dict[str, object] = {"id": req.id, "class": "requirement", "title": f"{req.title.en} / {req.title.zh}"}
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


def oscal_profile(catalog: Catalog, profile_id: str, catalog_href: str) -> dict[str, object]:
    profile = catalog.profile(profile_id)
    metadata = _metadata(f"{profile.title.en} / {profile.title.zh}", profile.version)
    settings = [{"param-id": param_id(req_id, name), "values": [_value(profile.parameters[name].default)]}
                for req_id in profile.all_requirements() if req_id in catalog.requirements
                for name in catalog.requirements[req_id].parameters if name in profile.parameters]
    document: dict[str, object] = {
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


def _write(path: Path, document: dict[str, object]) -> Path:
    from .._io.outputs import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path
