"""From a manifest to a run plan: which profiles, requirements, parameters and targets.

Everything here is pre-flight: any problem is the user's input and becomes one clear line
(:class:`HarnessInputError`, exit 2) before a single test runs.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson

from .._catalog.catalog import MANIFEST_SCHEMA, Catalog, hint, load_yaml
from .._catalog.features import claimed_features
from .._catalog.model import Manifest, Profile, ProfileClaim, Requirement, Testing
from .._catalog.parameters import Parameters, resolve
from .._io.inputs import check_input_file, check_numbers
from ..adapters import adapter_class, adapters_of_kind
from ..errors import HarnessInputError, Location
from ..messages import Message, msg

if TYPE_CHECKING:
    from ..certification.plans import CertificationPlan


@dataclass(frozen=True)
class PlannedProfile:
    profile: Profile
    features: list[str]
    parameters: Parameters
    #: parameter name -> who set its value: profile, plan or manifest
    set_by: dict[str, str] = field(default_factory=dict)
    #: requirements the certification plan made blocking for this profile (SHOULDs, MAYs)
    promoted: tuple[str, ...] = ()
    #: role -> the manifest's target serving it for this profile, where the claim names one
    #: other than the role's own name (its ``targets``)
    targets: dict[str, str] = field(default_factory=dict)

    def target_of(self, role: str) -> str:
        """The name of the manifest's target serving ``role`` for this profile."""
        return self.targets.get(role, role)

    @property
    def target_names(self) -> set[str]:
        """The manifest's targets this profile reaches (its roles, each as bound)."""
        return {self.target_of(role) for role in self.profile.targets}

    @property
    def requirement_ids(self) -> list[str]:
        ids = list(self.profile.requirements)
        for name in self.features:
            ids.extend(r for r in self.profile.features[name].requirements if r not in ids)
        return ids


@dataclass(frozen=True)
class Case:
    """One requirement under one resolved parameter set and the claimed features: what runs
    and gets a verdict.

    The claimed profiles whose parameters resolve to the same values (of the parameters the
    requirement takes) share a case; a profile's verdict on the requirement is its case's.
    A claimed profile that lists the requirement under a feature it does not claim, while
    another claimed profile selects it, has a not-applicable case: nothing runs for it, and
    its verdict is ``not_applicable`` with the reason."""

    requirement: str
    #: the claimed profiles judged by this case, sorted (never in the order they were claimed)
    profiles: tuple[str, ...]
    #: the values of the requirement's own parameters (requirements.yaml ``parameters:``);
    #: none for a not-applicable case (it does not run)
    parameters: Parameters
    #: why the requirement does not apply to these profiles (a feature they do not claim);
    #: "" for a case its tests judge
    not_applicable: str = ""
    #: (role, target name) for each role its profiles serve with a target of another name
    #: (their claims' ``targets``); profiles binding roles differently never share a case
    targets: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """The case's name in a test's node ID when its requirement has several cases."""
        return "+".join(self.profiles)


def expand_cases(requirement: Requirement, selecting: Iterable[PlannedProfile]) -> list[Case]:
    """The cases of one requirement: one per distinct set of its parameters' values among the
    profiles selecting it (identical sets merge), in the order of their profiles' IDs."""
    groups: dict[bytes, list[PlannedProfile]] = {}
    for planned in selecting:
        values = {name: planned.parameters[name] for name in requirement.parameters if name in planned.parameters}
        key = orjson.dumps(values, option=orjson.OPT_SORT_KEYS)
        bound = getattr(planned, "targets", None)  # (a planned profile of before: none)
        if bound:  # a profile reaching other targets is judged apart
            key += orjson.dumps(bound, option=orjson.OPT_SORT_KEYS)
        groups.setdefault(key, []).append(planned)
    cases = []
    for members in groups.values():
        ids = tuple(sorted(p.profile.id for p in members))
        values = {name: members[0].parameters[name] for name in requirement.parameters
                  if name in members[0].parameters}
        cases.append(Case(requirement.id, ids, Parameters(ids[0], values, requirement=requirement.id),
                          targets=tuple(sorted((getattr(members[0], "targets", None) or {}).items()))))
    return sorted(cases, key=lambda case: case.profiles)


def not_applicable_cases(requirement: Requirement, excluded: Mapping[str, str]) -> list[Case]:
    """The not-applicable cases of one requirement: the claimed profiles (ID -> reason) whose
    claimed features exclude it, one case per reason, in the order of their profiles' IDs."""
    groups: dict[str, list[str]] = {}
    for profile_id, why in excluded.items():
        groups.setdefault(why, []).append(profile_id)
    cases = [Case(requirement.id, tuple(sorted(ids)), Parameters(min(ids), {}, requirement=requirement.id), why)
             for why, ids in groups.items()]
    return sorted(cases, key=lambda case: case.profiles)


@dataclass
class RunPlan:
    catalog: Catalog
    manifest: Manifest
    manifest_path: Path
    raw_manifest: dict[str, Any]
    profiles: list[PlannedProfile]
    #: requirement ID -> IDs of the claimed profiles that select it (and will run it)
    selected: dict[str, list[str]] = field(default_factory=dict)
    #: requirement ID -> why it does not apply (an optional feature not claimed)
    not_applicable: dict[str, str] = field(default_factory=dict)
    #: selected requirement ID -> claimed profile ID -> why it does not apply to that profile:
    #: it lists the requirement under an optional feature it does not claim, while another
    #: claimed profile selects it (and runs it)
    not_applicable_to: dict[str, dict[str, str]] = field(default_factory=dict)
    #: requirements a --requirement filter left out (outcomes are judged without them)
    filtered_out: set[str] = field(default_factory=set)
    #: the pilot program's certification plan, when the run has one
    certification: CertificationPlan | None = None
    #: what --profile / --requirement selected; None: the whole manifest (a full run)
    selection: dict[str, list[str]] | None = None
    #: manual requirement ID -> the assessment record deciding it (conformance.certification.assessments.Assessment)
    assessments: dict[str, Any] = field(default_factory=dict)
    #: context URL -> (local file, parsed context document) from the manifest's jsonld_contexts
    contexts: dict[str, tuple[Path, Any]] = field(default_factory=dict)
    _cases: dict[str, list[Case]] = field(default_factory=dict, repr=False)

    @property
    def scope(self) -> Literal["full", "partial"]:
        return "full" if self.selection is None else "partial"

    @property
    def features(self) -> set[str]:
        return {f for p in self.profiles for f in p.features}

    def cases(self, requirement_id: str) -> list[Case]:
        """The cases of a selected requirement (none for one the run does not select)."""
        if requirement_id not in self.selected:
            return []
        cached = self._cases.get(requirement_id)
        if cached is None:
            chosen = set(self.selected[requirement_id])
            cached = expand_cases(self.catalog.requirements[requirement_id],
                                  (p for p in self.profiles if p.profile.id in chosen))
            self._cases[requirement_id] = cached
        return cached

    def all_cases(self, requirement_id: str) -> list[Case]:
        """Every case of a selected requirement, each claimed profile that lists it in one of
        them: the judged cases (:meth:`cases`), then the not-applicable ones of the profiles
        whose claimed features exclude it (:attr:`not_applicable_to`)."""
        excluded = self.not_applicable_to.get(requirement_id)
        cases = self.cases(requirement_id)
        if not excluded or not cases:
            return cases
        return [*cases, *not_applicable_cases(self.catalog.requirements[requirement_id], excluded)]

    def case_for(self, requirement_id: str, profile_id: str) -> Case | None:
        """The case that gives one claimed profile its verdict on a selected requirement."""
        return next((c for c in self.all_cases(requirement_id) if profile_id in c.profiles), None)

    def case_parameters(self, requirement_ids: Iterable[str]) -> Parameters:
        """The parameters of a test of these requirements when they have one case between them
        (a test of a requirement with several cases runs once per case, see the session)."""
        cases = [case for r in requirement_ids for case in self.cases(r)]
        if not cases:
            return Parameters(None, {})
        if len({c.profiles for c in cases}) > 1:
            raise RuntimeError(f"{', '.join(requirement_ids)} has {len(cases)} cases; its test runs once per case")
        return cases[0].parameters

    def narrow(self, ran: Iterable[str], partly: Iterable[str] = ()) -> None:
        """Keep only the requirements in ``ran`` (what pytest's ``-k``, ``--lf`` or path
        arguments left of a pytest-driven run): the run becomes partial, judged over them.
        ``partly``: requirements of which only some tests run (judged, never conformant)."""
        ran = set(ran)
        planned = [*self.selected, *self.not_applicable]
        partly = [r for r in planned if r in set(partly)]
        if partly:
            self.selection = {**(self.selection or {}), "partly_run": partly}
        if all(r in ran for r in planned):
            if partly:
                self.selection = {**(self.selection or {}), "requirements": [r for r in planned if r in ran]}
            return
        self.filtered_out |= set(self.selected) - ran
        self.selected = {r: p for r, p in self.selected.items() if r in ran}
        self.not_applicable = {r: why for r, why in self.not_applicable.items() if r in ran}
        self.not_applicable_to = {r: why for r, why in self.not_applicable_to.items() if r in self.selected}
        self.selection = {**(self.selection or {}), "requirements": [r for r in planned if r in ran]}

    def own_files(self) -> list[tuple[Path, dict[str, str]]]:
        """The files the run itself read, with what each was: the manifest, the certification
        plan, assessment records and their evidence, declared JSON-LD contexts."""
        wanted: list[tuple[Path, dict[str, str]]] = [(self.manifest_path, {"kind": "manifest"})]
        if self.certification is not None:
            wanted.append((self.certification.path, {"kind": "certification-plan"}))
        for assessment in self.assessments.values():
            wanted.append((assessment.path, {"kind": "assessment", "requirement": assessment.requirement}))
            wanted += [(p, {"kind": "assessment-evidence", "requirement": assessment.requirement})
                       for p, _ in assessment.files]
        wanted += [(path, {"kind": "jsonld-context", "url": url}) for url, (path, _) in self.contexts.items()]
        return wanted

    def automated(self) -> list[str]:
        return [r for r in self.selected if self.catalog.requirements[r].testing is Testing.AUTOMATED]


def read_manifest(path: Path, catalog: Catalog) -> tuple[Manifest, dict[str, object]]:
    raw = load_yaml(path)
    if raw is None:
        raise HarnessInputError(str(path), "the manifest is empty",
                                "write its product, profiles and targets; `conformance show manifest` shows how")
    check_numbers(raw, str(path))  # before the schema: NaN passes every range check
    catalog.schemas.require_valid(raw, MANIFEST_SCHEMA, str(path), "see `conformance show manifest`")
    raw["profiles"] = [{"id": p} if isinstance(p, str) else p for p in raw["profiles"]]
    return Manifest(**raw), raw


def _claim_parameters(
    path: Path, index: int, profile: Profile, claim: ProfileClaim, certification: CertificationPlan | None
) -> tuple[Parameters, dict[str, str]]:
    """The profile's defaults, set by the plan, tightened by the claim (each of its default's type)."""
    plan_values = certification.profiles.get(profile.id, {}) if certification else {}
    return resolve(
        profile, plan_values, claim.parameters,
        lambda name: certification.where(profile.id, name) if certification else name,
        lambda name: Location(str(path), ("profiles", index, "parameters", name)),
    )


def _claim_targets(manifest_path: Path, index: int, manifest: Manifest, profile: Profile,
                   claim: ProfileClaim) -> dict[str, str]:
    """The claim's ``targets``: each one of the profile's roles, bound to a target the
    manifest has (one line naming the place and the known names otherwise)."""
    bound: dict[str, str] = {}
    for role, name in claim.targets.items():
        where = Location(str(manifest_path), ("profiles", index, "targets", role))
        if role not in profile.targets:
            raise HarnessInputError(where, f"profile {profile.id} has no target role {role!r}",
                                    f"its roles: {', '.join(sorted(profile.targets))}")
        if name not in manifest.targets:
            close = difflib.get_close_matches(name, list(manifest.targets), n=1, cutoff=0.5)
            hint = f"did you mean {close[0]}? " if close else ""
            raise HarnessInputError(where, f"the manifest has no target {name!r}",
                                    f"{hint}its targets: {', '.join(sorted(manifest.targets))}")
        if name != role:
            bound[role] = name
    return bound


def _check_target(manifest_path: Path, manifest: Manifest, profile: Profile, role: str, kind: str,
                  name: str | None = None) -> None:
    """The manifest serves the profile's role (with its target ``name``, by default the
    role's own) with an adapter (built-in or plug-in) of its kind."""
    def fitting() -> str:  # named only in an error: listing the plug-ins reads every installed package's metadata
        return " or ".join(adapters_of_kind(kind)) or f"a plug-in adapter of kind {kind}"
    name = name or role
    target = manifest.targets.get(name)
    if target is None and profile.targets[role].optional:
        return
    if target is None:
        raise HarnessInputError.at(
            manifest_path, ("targets",), f"profile {profile.id} needs a target {role!r}",
            f"add targets.{role} with adapter {fitting()}",
        )
    where = Location(str(manifest_path), ("targets", name, "adapter"))
    cls = adapter_class(target.get("adapter"), where)
    if cls.kind != kind:
        raise HarnessInputError(
            where, f"profile {profile.id} needs a {kind} target here, adapter {target['adapter']!r} is {cls.kind}",
            f"use adapter {fitting()}",
        )


def make_plan(
    manifest_path: Path,
    catalog: Catalog,
    *,
    only_profiles: Iterable[str] = (),
    only_requirements: Iterable[str] = (),
    certification: CertificationPlan | None = None,
) -> RunPlan:
    manifest, raw = read_manifest(manifest_path, catalog)
    if certification is not None:
        from ..certification.plans import check_claims, check_verified

        check_claims(certification, [c.id for c in manifest.profiles], manifest_path)
        check_verified(manifest.targets, manifest_path)
    if manifest.catalog_digest and manifest.catalog_digest != catalog.digest:
        raise HarnessInputError.at(
            manifest_path, ("catalog_digest",),
            f"the manifest is pinned to catalog {manifest.catalog_digest[:19]}…, "
            f"this harness has {catalog.digest[:19]}…",
            "install the harness version the pin was made with, or update the pin",
        )
    only = list(only_profiles)
    claimed = [c.id for c in manifest.profiles]
    for profile_id in only:
        catalog.profile(profile_id)
        if profile_id not in claimed:
            raise HarnessInputError(
                f"--profile {profile_id}", f"not claimed by {manifest_path}", f"claimed: {', '.join(claimed)}"
            )

    planned: list[PlannedProfile] = []
    for index, claim in enumerate(manifest.profiles):
        if only and claim.id not in only:
            continue
        where = Location(str(manifest_path), ("profiles", index))
        if claim.id not in catalog.profiles:
            raise HarnessInputError(where, f"unknown profile {claim.id!r}",
                                    hint(claim.id, catalog.profiles, "conformance list profiles"))
        profile = catalog.profiles[claim.id]
        features = claimed_features(profile, claim.features, where)
        bound = _claim_targets(manifest_path, index, manifest, profile, claim)
        for role, spec in profile.targets.items():
            _check_target(manifest_path, manifest, profile, role, spec.kind, bound.get(role))
        parameters, set_by = _claim_parameters(manifest_path, index, profile, claim, certification)
        promoted: tuple[str, ...] = ()
        if certification is not None:  # the plan's features are claimed whether the manifest claims them or not
            features += [f for f in certification.features.get(profile.id, []) if f not in features]
            promoted = tuple(certification.promoted.get(profile.id, []))
        planned.append(PlannedProfile(profile, features, parameters, set_by, promoted, bound))

    plan = RunPlan(catalog, manifest, manifest_path, raw, planned, certification=certification,
                   contexts=read_contexts(manifest_path, manifest.jsonld_contexts))
    narrowed = [p for p in claimed if p not in only]
    if only and narrowed:
        plan.selection = {"profiles": [p for p in claimed if p in only]}
    excluded: dict[str, dict[str, str]] = {}  # requirement -> profile -> why not for it
    for entry in planned:
        chosen = set(entry.requirement_ids)  # its own and its claimed features' requirements
        for req_id in entry.profile.all_requirements():
            if req_id in chosen:
                plan.selected.setdefault(req_id, []).append(entry.profile.id)
            else:
                gate = entry.profile.feature_of(req_id)
                excluded.setdefault(req_id, {})[entry.profile.id] = msg("engine.feature-not-claimed", feature=gate)
    for req_id, why in excluded.items():
        if req_id in plan.selected:  # another profile runs it: not applicable to these alone
            plan.not_applicable_to[req_id] = why
        else:  # no claimed profile selects it: not applicable (the last such profile's reason)
            plan.not_applicable[req_id] = list(why.values())[-1]

    wanted = list(only_requirements)
    if wanted:
        for req_id in wanted:
            catalog.requirement(req_id)
            if req_id not in plan.selected:
                gated = {gating: why_not for gating, why_not in excluded.get(req_id, {}).items()
                         if isinstance(why_not, Message) and why_not.key == "engine.feature-not-claimed"}
                if gated:  # a claimed profile selects it with an optional feature the manifest did not claim
                    gating, why_not = next(iter(gated.items()))
                    needed = why_not.args["feature"]
                    raise HarnessInputError(f"--requirement {req_id}",
                                            f"not selected: it needs optional feature {needed!r} of {gating}",
                                            f"claim feature {needed} in the manifest: "
                                            f"profiles: [{{id: {gating}, features: [{needed}]}}]")
                raise HarnessInputError(f"--requirement {req_id}", "not selected by the claimed profiles")
        plan.filtered_out = set(plan.selected) - set(wanted)
        plan.selected = {r: p for r, p in plan.selected.items() if r in wanted}
        plan.not_applicable = {}
        plan.not_applicable_to = {r: why for r, why in plan.not_applicable_to.items() if r in plan.selected}
        if plan.filtered_out:
            plan.selection = {**(plan.selection or {}), "requirements": [r for r in plan.selected]}
    return plan



def read_contexts(manifest_path: Path, declared: dict[str, str]) -> dict[str, tuple[Path, object]]:
    """The manifest's own JSON-LD contexts, read and checked before the run: each a local
    file holding a JSON object with ``@context`` (a JSON-LD context document)."""
    read: dict[str, tuple[Path, object]] = {}
    for url, name in declared.items():
        where = Location(str(manifest_path), ("jsonld_contexts", url))
        path = manifest_path.parent / name
        try:
            check_input_file(path)
        except HarnessInputError as exc:
            raise HarnessInputError(where, f"{name}: {exc.problem}", "name a local copy of the context") from None
        try:
            document = orjson.loads(path.read_bytes())
        except orjson.JSONDecodeError as exc:
            raise HarnessInputError(where, f"{name} is not valid JSON ({exc})", "give the context document") from None
        if not isinstance(document, dict) or "@context" not in document:
            raise HarnessInputError(where, f"{name} is not a JSON-LD context document (an object with @context)",
                                    "give the context document as published")
        read[url] = (path, document)
    return read
