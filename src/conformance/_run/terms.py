"""A run's terms as its first event: what the report says it judged under, from the plan.

:func:`run_started` turns the plan (profiles with their resolved parameters and who set them,
each planned requirement with its cases or the verdict no test decides) into
:class:`~conformance._run.events.RunStarted`, redacted. Everything the report holds that is not a
test's outcome comes from here, so the report can be folded from the events alone.
"""

from __future__ import annotations

import platform

import pytest

from .._catalog.model import Verdict
from .._catalog.parameters import overrides
from .._record.redaction import Redactor
from .._version import __version__
from ..messages import text_of
from .events import Decided, PlannedCase, PlannedProfile, PlannedRequirement, RunStarted
from .plan import Case, RunPlan
from .requirementitems import untested_verdict

HARNESS_NAME = "metaverse-conformance"


def _planned_case(case: Case, redactor: Redactor) -> PlannedCase:
    """A case as the run's terms hold it: a not-applicable one with its verdict and reason."""
    decided = None
    if case.not_applicable:
        decided = Decided(verdict=Verdict.NOT_APPLICABLE, message=redactor.text(case.not_applicable),
                          text=redactor.value(text_of(case.not_applicable)))
    return PlannedCase(profiles=list(case.profiles), parameters=dict(case.parameters), decided=decided)


def environment(plan: RunPlan) -> dict[str, object]:
    """Where the run ran: Python, the platform, pytest, and under ``areas`` the facts each
    claimed area gives about its tools (``conformance_environment``: a validator's version
    and what it checks with), asked only of the areas whose requirements the run judges; under
    ``trust_anchors``, when the run verifies an https target given no ``ca_bundle``, the default
    anchors it verified with (their list, certifi's version, the bundle's SHA-256)."""
    from .. import _areas

    catalog = plan.catalog
    selected = set(plan.selected)
    by_area: dict[str, tuple[list[str], list[str]]] = {}
    for p in plan.profiles:
        for req_id in p.profile.all_requirements():
            if req_id in selected:
                profiles, requirements = by_area.setdefault(catalog.requirements[req_id].area, ([], []))
                if p.profile.id not in profiles:
                    profiles.append(p.profile.id)
                if req_id not in requirements:
                    requirements.append(req_id)
    found: dict[str, object] = {
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "pytest": pytest.__version__,
    }
    if _default_anchored(plan):  # the trust anchors of an https target given no ca_bundle: which list, which version
        from ..adapters.auth import default_anchors

        found["trust_anchors"] = default_anchors()
    facts = _areas.environment(by_area)
    if facts:
        found["areas"] = facts
    return found


def _default_anchored(plan: RunPlan) -> bool:
    """Whether the run reaches an https target that it verifies with the default anchors (no ``ca_bundle``)."""
    return any(str(config.get("base_url", "")).lower().startswith("https:") and "ca_bundle" not in config
               and config.get("verify_tls", True) is not False for config in plan.manifest.targets.values())


def run_started(plan: RunPlan, redactor: Redactor, started: str, budget: tuple[float, str] | None) -> RunStarted:
    """The first event of a run: its terms, and every planned requirement with its cases."""
    catalog = plan.catalog
    requirements = []
    for req_id in [*plan.selected, *plan.not_applicable]:
        req = catalog.requirements[req_id]
        decided = untested_verdict(plan, req_id)
        requirements.append(PlannedRequirement(
            id=req_id, level=req.level.value, title=req.title.model_dump(),
            profiles=[p.profile.id for p in plan.profiles if req_id in p.profile.all_requirements()],
            cases=[_planned_case(c, redactor) for c in plan.all_cases(req_id)]
            if req.parameters or req_id in plan.not_applicable_to or len(plan.cases(req_id)) > 1 else [],
            # several cases without parameters: its profiles reach it at different targets
            decided=None if decided is None else Decided(
                verdict=decided[0], message=redactor.text(decided[1]), text=redactor.value(text_of(decided[1]))),
            assessment=plan.assessments[req_id].summary() if req_id in plan.assessments else None,
        ))
    profiles = [
        PlannedProfile(
            id=p.profile.id, version=p.profile.version, title=p.profile.title.model_dump(), features=p.features,
            parameters=dict(p.parameters), overrides=overrides(p.profile, p.parameters, p.set_by),
            require=[level.value for level in p.profile.pass_rule.require], requirements=p.profile.all_requirements(),
            promoted=list(p.promoted),
            declared=[r for r in p.profile.all_requirements()
                      if r in catalog.requirements and catalog.requirements[r].measures == "declared"],
        )
        for p in plan.profiles
    ]
    return RunStarted(
        harness={"name": HARNESS_NAME, "version": __version__},
        catalog_digest=catalog.digest,
        manifest=redactor.value(plan.raw_manifest),
        environment=environment(plan),
        started=started, scope=plan.scope, selection=plan.selection or {},
        certification_plan=plan.certification.summary() if plan.certification else None,
        budget=None if budget is None else {"seconds": budget[0], "basis": budget[1]},
        profiles=profiles, requirements=requirements,
    )
