"""Typed views of the catalog, the manifest and the report.

The JSON Schemas in ``schemas/`` are the contract and are checked first (their errors
carry the JSON path a user needs). These pydantic models are what the code works with
once a document has passed its schema.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Level(StrEnum):
    MUST = "MUST"
    SHOULD = "SHOULD"
    MAY = "MAY"


class Testing(StrEnum):
    __test__ = False  # not a pytest test class, despite the name
    AUTOMATED = "automated"
    MANUAL = "manual"
    UNTESTABLE = "untestable"


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    INCONCLUSIVE = "inconclusive"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"

    @property
    def weight(self) -> int:
        """Dominance when several tests judge one requirement: fail beats everything."""
        return _VERDICT_WEIGHT[self]


_VERDICT_WEIGHT = {
    Verdict.NOT_APPLICABLE: 0,
    Verdict.PASS: 1,
    Verdict.INCONCLUSIVE: 2,
    Verdict.ERROR: 3,
    Verdict.FAIL: 4,
}


class Outcome(StrEnum):
    CONFORMANT = "conformant"
    NOT_CONFORMANT = "not_conformant"
    INCOMPLETE = "incomplete"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Text(_Model):
    """A bilingual text: every requirement and profile speaks English and Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class StandardRef(_Model):
    name: str
    section: str | None = None
    url: str | None = None


class Source(_Model):
    policy: list[str]
    standards: list[StandardRef] = Field(default_factory=list)
    #: why the requirement follows no external standard (only its policy clauses): said instead of citing one
    no_standard: str | None = None


class Rule(_Model):
    """One obligation of a requirement whose statement lists several: its known-bad cases name it."""

    id: str
    en: str
    zh: str


class DecisionRule(_Model):
    """How a measured value is judged against its limit, given its expanded uncertainty U (k = 2):
    ILAC-G8:09/2019 4.2 and ISO/IEC Guide 98-4. ``simple``: simple acceptance, guard band zero;
    ``guarded``: guarded acceptance, the acceptance limit the tolerance limit moved inward by the
    guard band (``U``: the measurement's own expanded uncertainty)."""

    kind: Literal["simple", "guarded"]
    guard_band: Literal["U"] | None = None
    #: where U's type B component comes from: the instrument's stated uncertainty, or ``none`` when the case reads no
    #: instrument (it counts recognised gestures or correct decisions; forty-first reading, c28); ``clock``: times the
    #: test equipment reads on its own monotonic clock, U of type A alone (sixty-third reading, a3/d1); ``resolution``:
    #: moments read on an instrument's frames or samples, U from that grid's interval alone (a rectangular
    #: distribution), the instrument's stated uncertainty being of another quantity (seventy-fourth reading, c3)
    type_b: Literal["instrument", "none", "clock", "resolution"] = "instrument"
    #: when set, the only rules whose U takes the instrument's type B; the others' U is of type A alone, the
    #: instrument's stated uncertainty being of another quantity than the one they judge (a marker position, not
    #: an expression weight or a time); empty: no rule's (fifty-ninth reading, cx3)
    type_b_rules: list[str] | None = None
    #: the rules whose U is (or, with ``type_b_rules``, adds) the resolution of the reading: an interval of frames,
    #: samples, messages or a search's steps, a rectangular distribution (seventy-fifth reading, c1/c2)
    resolution_rules: list[str] | None = None
    #: of ``resolution_rules``, those whose U also takes type A of the sample's statistic (TD-DISP-009's medians)
    statistic_rules: list[str] | None = None
    #: where one rule judges quantities of both kinds, the quantities whose U takes the instrument's type B and those
    #: whose U is of type A alone, named with their rules, the criterion naming them in place of the rules (sixty-seventh
    #: reading, c3: TD-PERF-005's R1 judges the position drift with the tracker's stated uncertainty, the orientation
    #: drift without it, the tracker stating positions' uncertainty only)
    type_b_of: Text | None = None
    type_a_of: Text | None = None
    #: a value whose U takes a type B its instrument does not declare: ``unjudged`` (the drafting's 不确定 clause says
    #: so), ``named`` (its own line says so) or ``type-a`` (judged on type A alone; seventy-sixth reading, h142-gaze)
    undeclared_b: Literal["unjudged", "named", "type-a"] = "unjudged"

    @model_validator(mode="after")
    def _band_matches_kind(self) -> DecisionRule:
        if (self.kind == "guarded") != (self.guard_band is not None):
            raise ValueError("a guarded rule names its guard_band (U); a simple one has none")
        if (self.type_b_of is None) != (self.type_a_of is None) or (self.type_b_of and self.type_b != "instrument"):
            raise ValueError("type_b_of and type_a_of name the quantities together, with type_b instrument")
        if self.statistic_rules and not set(self.statistic_rules) <= set(self.resolution_rules or ()) - set(
                self.type_b_rules or ()):
            raise ValueError("statistic_rules names rules of resolution_rules that take no type B (type_b_rules)")
        return self


class Requirement(_Model):
    id: str
    level: Level
    area: str
    title: Text
    statement: Text
    source: Source
    testing: Testing
    notes: Text | None = None
    #: the profile parameters its tests read: a case is the requirement under one set of their values
    parameters: list[str] = Field(default_factory=list)
    #: the rules of a statement that lists several (optional): each known-bad case names one
    rules: list[Rule] = Field(default_factory=list)
    #: the requirement's own version (its text's), its maturity and the catalog version that added it
    version: str | None = None
    status: Literal["draft", "candidate", "stable", "deprecated"] | None = None
    since: str | None = None
    #: what its check measures: ``behaviour`` (the default: the product's data or answers against
    #: the rule) or ``declared`` (only what the product declares about itself, such as limits its
    #: descriptor states or the issuer its metadata names); a ``declared`` requirement does not
    #: make a seed topic covered
    measures: Literal["behaviour", "declared", "instrument"] = "behaviour"
    #: what a ``declared`` requirement's check holds the declaration against: ``itself`` (its values and
    #: their agreement) or ``records`` (the product's recorded data, such as joint states or audio blocks):
    #: the test case's 声明检查 sentence says which (forty-first reading, c27)
    declared_against: Literal["itself", "records"] = "itself"
    #: the decision rule its measured values are judged by: stated by every ``instrument`` requirement (a
    #: laboratory's calibrated instrument measured the product's behaviour), and by a ``behaviour`` one whose
    #: check measures a value against a limit itself, reading no instrument (``type_b`` none or clock: the
    #: answer times of IF-LAT-001 and IF-SES-002); never by a ``declared`` one
    decision_rule: DecisionRule | None = None

    @model_validator(mode="after")
    def _measured_states_its_rule(self) -> Requirement:
        rule = self.decision_rule
        if (self.measures == "instrument" and rule is None) or (self.measures == "declared" and rule is not None):
            raise ValueError(f"{self.id}: a requirement with measures: instrument states its decision_rule "
                             "({kind: simple} or {kind: guarded, guard_band: U}), and a declared one none")
        if self.measures == "behaviour" and rule is not None and rule.type_b in ("instrument", "resolution"):
            raise ValueError(f"{self.id}: a behaviour requirement reads no instrument: its decision_rule states "
                             "type_b: none or clock")
        return self


class Bounds(_Model):
    """The range a number's value may take (inclusive). For a threshold (``stricter: lower`` or
    ``higher``) the loose end is the standard's value, its default, and the other end is the
    strictest value a plan or a manifest may tighten it to; an ``any`` number (a setting that
    decides nothing) stays within both ends whoever sets it; a ``none`` number has none."""

    min: float | None = None
    max: float | None = None


class ParameterSpec(_Model):
    #: the standard's value: for a threshold, finite and the loose end of ``bounds``
    default: Any
    #: the direction in which a value is stricter: a certification plan, then a manifest, may
    #: only move it that way from the standard's value (``lower``/``higher``); ``none``: fixed by
    #: the standard (a seed, a sample size, a procedure's number), nobody sets it; ``any``: a
    #: setting that decides nothing (where the product is), within ``bounds`` when a number.
    #: Absent: ``any`` when ``overridable`` (the older form), else ``none``.
    stricter: Literal["lower", "higher", "none", "any"] | None = None
    bounds: Bounds | None = None
    overridable: bool | None = None
    description: Text | None = None
    #: a JSON Schema every value set for it must satisfy (a DID, a list of DIDs...)
    values: dict[str, object] | None = None
    #: a number's unit by its SI symbol (``rad``, ``ms``), or alternatives by the item measured (``[rad, m]``)
    unit: str | list[str] | None = None
    #: for each pointer to the bibliography in ``description``, the documents it names (numbered by the draft)
    cites: list[list[str]] = Field(default_factory=list)
    #: why the strict end of ``bounds`` is where it is, for a threshold whose strict end follows none of the
    #: rules the 编制说明 states for them all (``drafting/strictest.py``)
    strictest_reason: Text | None = None

    @property
    def direction(self) -> str:
        if self.overridable is False:
            return "none"
        return self.stricter or ("any" if self.overridable else "none")


class TargetRole(_Model):
    #: the kind of target (``http``, ``file``, a plug-in's kind): any adapter of this kind serves it
    kind: str
    description: Text | None = None
    #: a role the manifest may leave out: the tests use it when it is there (e.g. issuers' DID
    #: documents, for the keys of credentials' proofs)
    optional: bool = False
    #: the role's files are the test laboratory's own records (its signed records, its scent analyses), not a part
    #: of the implementation under test: annex A lists them as 测试实验室的记录, not as 被测目标 (sixty-third reading, a2)
    laboratory: bool = False


class Feature(_Model):
    title: Text
    requirements: list[str]
    #: identifiers the feature had before (deprecated): a supplier's ICS claiming one still claims it
    formerly: list[str] = Field(default_factory=list)


class PassRule(_Model):
    # Levels whose failure makes a product not conformant; the rest are reported only.
    require: list[Level] = Field(default_factory=lambda: [Level.MUST])


def majority_area(areas: Iterable[str]) -> str:
    """The area most of these (requirements') areas are, the first by name of two as many;
    "" for none. How a profile is placed under one area (the console's and the site's groups)."""
    counts = Counter(areas)
    return min(counts, key=lambda area: (-counts[area], area)) if counts else ""


class Profile(_Model):
    id: str
    version: str
    title: Text
    description: Text | None = None
    targets: dict[str, TargetRole]
    requirements: list[str]
    #: discovery endpoint keys a platform claiming this profile must declare
    endpoints: list[str] = Field(default_factory=list)
    parameters: dict[str, ParameterSpec] = Field(default_factory=dict)
    features: dict[str, Feature] = Field(default_factory=dict)
    pass_rule: PassRule = Field(default_factory=PassRule)

    def all_requirements(self) -> list[str]:
        ids = list(self.requirements)
        for feature in self.features.values():
            ids.extend(r for r in feature.requirements if r not in ids)
        return ids

    def renamed_feature(self, name: str) -> str | None:
        """The feature now named for ``name``, a former identifier of it; None if none was."""
        return next((now for now, feature in self.features.items() if name in feature.formerly), None)

    def feature_of(self, requirement_id: str) -> str | None:
        if requirement_id in self.requirements:
            return None
        for name, feature in self.features.items():
            if requirement_id in feature.requirements:
                return name
        return None


class Product(_Model):
    name: str
    version: str
    vendor: str | None = None
    #: a device product's model, as its descriptors name it (TD-DESC-003)
    model: str | None = None
    #: the DID the product acts as, e.g. issues credentials as (ID-VC-005)
    did: str | None = None


class ProfileClaim(_Model):
    id: str
    features: list[str] = Field(default_factory=list)
    parameters: dict[str, object] = Field(default_factory=dict)
    #: role -> the manifest's target serving it for this profile (default: the role's own name)
    targets: dict[str, str] = Field(default_factory=dict)


class Manifest(_Model):
    product: Product
    catalog_digest: str | None = None
    profiles: list[ProfileClaim]
    targets: dict[str, dict[str, object]]
    #: target role -> the programme participant that owns it (a pair run's manifest): its
    #: adapter reads only that participant's credentials
    owners: dict[str, str] = Field(default_factory=dict)
    #: context URL -> local file (relative to the manifest), served by the JSON-LD loader
    jsonld_contexts: dict[str, str] = Field(default_factory=dict)


# --- the report ----------------------------------------------------------------------


class TestRecord(_Model):
    __test__ = False  # not a pytest test class, despite the name
    nodeid: str
    requirements: list[str]
    #: the claimed profiles whose verdicts this test decides (its case's), and the values of
    #: its requirement's parameters it ran under
    profiles: list[str] = Field(default_factory=list)
    parameters: dict[str, object] = Field(default_factory=dict)
    verdict: Verdict
    message: str = ""
    #: the message's template and arguments (see conformance.messages), to render it in any language
    text: dict[str, object] | None = None
    duration_s: float = 0.0
    evidence: list[dict[str, object]] = Field(default_factory=list)


class CaseResult(_Model):
    """A requirement's verdict under one resolved parameter set, for the profiles that resolve to it."""

    profiles: list[str]
    parameters: dict[str, object]
    verdict: Verdict
    tests: list[str]
    message: str = ""
    text: dict[str, object] | None = None


class RequirementResult(_Model):
    requirement: str
    level: Level
    title: Text
    profiles: list[str]
    verdict: Verdict
    tests: list[str]
    message: str = ""
    text: dict[str, object] | None = None
    evidence: list[dict[str, object]] = Field(default_factory=list)
    #: a manual requirement's assessment record: who decided it, when, why, with what evidence
    assessment: dict[str, object] | None = None
    #: a requirement that takes parameters: its verdict under each resolved set of them (the
    #: requirement's verdict is the worst of these; each profile's is its own case's); a
    #: profile whose claimed features exclude a requirement other profiles run: its own
    #: not-applicable case
    cases: list[CaseResult] = Field(default_factory=list)

    def case_for(self, profile_id: str) -> CaseResult | None:
        """The case one profile resolved to, when the requirement takes parameters (or does not
        apply to that profile alone)."""
        return next((c for c in self.cases if profile_id in c.profiles), None)

    def verdict_for(self, profile_id: str) -> Verdict:
        """The verdict as one profile judged it: its own case's, when it has cases."""
        case = self.case_for(profile_id)
        return case.verdict if case else self.verdict


class ProfileResult(_Model):
    id: str
    version: str
    title: Text
    outcome: Outcome
    features: list[str]
    parameters: dict[str, object]
    counts: dict[str, int]
    blocking: list[str] = Field(default_factory=list)
    #: parameters whose value differs from the profile's default: name, value, default, set_by
    overrides: list[dict[str, object]] = Field(default_factory=list)
    #: requirements a certification plan made blocking for this profile, whatever their level
    promoted: list[str] = Field(default_factory=list)


class InteropCell(_Model):
    """One cell of the interoperability matrix: something made at one platform, used at another."""

    source: str
    target: str
    capability: str
    verdict: Verdict
    test: str
    detail: str = ""
    detail_text: dict[str, object] | None = None  # the detail's template (see conformance.messages)


class Harness(_Model):
    name: str
    version: str


class Budget(_Model):
    """The run's overall time budget: its seconds, how they were derived, whether it ran out."""

    seconds: float
    basis: str
    spent: bool = False


class Report(_Model):
    #: 2.0: evidence items are grouped by the input they are about and typed by kind (docs/running.md).
    report_format: Literal["2.0"] = "2.0"
    harness: Harness
    catalog_digest: str
    manifest: dict[str, object]
    environment: dict[str, object]
    started: str
    finished: str
    complete: bool
    exit_code: int
    #: full: every claimed profile and requirement ran; partial: --profile/--requirement narrowed it
    scope: Literal["full", "partial"] = "full"
    selection: dict[str, list[str]] = Field(default_factory=dict)
    #: the certification plan the run followed (id, program, file, sha256), if any
    certification_plan: dict[str, object] | None = None
    #: the files the run read, with their SHA-256 (name, sha256, kind, and role or requirement)
    inputs: list[dict[str, object]] = Field(default_factory=list)
    #: a run that judged a measured requirement: the laboratory records it read (each signed
    #: document whole), the captures they cover and why any cannot be certified
    laboratory: dict[str, object] | None = None
    notes: list[str] = Field(default_factory=list)
    #: each note's template and arguments, in the order of ``notes`` (None: written as is)
    note_texts: list[dict[str, object] | None] | None = None
    profiles: list[ProfileResult]
    requirements: list[RequirementResult]
    tests: list[TestRecord]
    interop: list[InteropCell] = Field(default_factory=list)
    budget: Budget | None = None

    def notes_in(self, lang: str) -> list[str]:
        """The notes in ``lang`` (a note without a template as written)."""
        from ..messages import localize

        texts = self.note_texts or [None] * len(self.notes)
        return [localize(note, text, lang) for note, text in zip(self.notes, texts, strict=False)]
