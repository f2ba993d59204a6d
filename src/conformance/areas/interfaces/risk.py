"""The measures a declared risk grade claims are in force (IF-RISK-001; docs/interfaces.md,
"Risk grade").

The discovery document's ``risk_grade`` names the grading scheme the platform follows, its grade
there (IF-DISC-004), and the measures the scheme requires at that grade (``measures``). The
harness knows a vocabulary of measures it can exercise through the platform's own endpoints
(:data:`MEASURES`); each claimed measure of that vocabulary is put to work, and a measure that
does not hold is a finding named after it. Claimed measures outside the vocabulary are noted as
not checked.

- ``misconduct-reporting``: a report filed at the declared reporting endpoint is acknowledged
  with its ID and can be read back;
- ``content-review``: a rated item issued through the registry has a review record with a
  publishing outcome at the declared reviews path;
- ``minors-age-gate``: an item rated 16+ is refused (403) to an identity of the age band 12-15;
- ``minors-trading-refused``: an order by an identity of the age band 12-15 is refused (403);
- ``playtime-limits``: with the declared request time (``minors.playtime.request_time``), a play session a minor asks for outside the
  declared windows is refused (403);
- ``ai-labels``: every AI agent the platform lists carries the explicit and the implicit label.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeGuard
from urllib.parse import quote, urlsplit

from conformance import Finding, Message, NonConformance, msg

from .._shared.dependent import served_body
from .._shared.minors import MINOR_BAND, PLAY_SESSIONS, minor_identity, play_probes
from .._shared.registry import Identity, Session, metadata
from .._shared.trading import Market, declared_probe_price
from .agents import label_findings
from .requestbodies import report_request

if TYPE_CHECKING:
    from conformance import HttpTarget, Targets
    from conformance.area import JsonObject, Response

    from .._shared.minors import PlaytimeTerms


class Unchecked(Exception):  # noqa: N818 (a reason, not an error)
    """The claimed measure cannot be exercised on this platform (the reason is its argument)."""


class JudgedElsewhere(Exception):  # noqa: N818 (a reason, not an error)
    """A step of a measure's check got an answer that says nothing of the measure: a server error
    (5xx) or a set-up step refused (an item not issued). The requirement that judges that answer
    (the measure's own, or AS-REG-001 for issuance) is named; the measure is left unjudged.
    Arguments: (the request, its status, the requirement)."""


def judged_elsewhere(response: Response, requirement: str) -> None:
    """JudgedElsewhere when ``response`` is a server error: its own requirement judges it, and whether the
    measure holds was not seen (a 4xx or a 2xx is an answer about the measure, judged here)."""
    if response.status >= 500:
        raise JudgedElsewhere(response.requested, response.status, requirement)


def judged_body(response: Response, requirement: str, ok: int | tuple[int, ...] = 200) -> object | None:
    """The JSON body of a step's answer whose status is ``ok`` (None for another status: an answer about
    the measure, judged here); JudgedElsewhere, as for a server error, when that body does not parse: how
    it is served is ``requirement``'s finding, and the measure was not seen."""
    judged_elsewhere(response, requirement)
    body, state = served_body(response, ok=ok)
    if body is None and state != response.status:  # the state then names the body that does not parse
        raise JudgedElsewhere(response.requested, state, requirement)
    return body


@dataclass
class Platform:
    """What a measure's check needs: the API, the discovery document, the provisioning path."""

    api: HttpTarget
    targets: Targets
    discovery: JsonObject
    identity_path: str
    _session: Session | None = None

    def declared(self, member: str) -> JsonObject | None:
        value = self.discovery.get(member)
        return value if isinstance(value, dict) else None

    def session(self) -> Session:
        if self._session is None:
            self._session = Session(self.targets, self.identity_path)
        return self._session

    def issue(self, label: str, rating: str | None = None, age: int = 0) -> str:
        """A probe item held by the first identity, rated ``rating`` (CADPA) for ages ``age`` and over
        when a rating is given: its ID (JudgedElsewhere when it is not issued)."""
        s = self.session()
        asset_id = s.new_id(label)
        data = metadata(asset_id, s.ids[0].did)
        if rating is not None:
            data["content_rating"] = {"system": "CADPA", "rating": rating, "min_age": age}
        response = s.registry.issue(s.ids[0], data)
        if response.status != 201:  # a set-up step: issuance is AS-REG-001's
            raise JudgedElsewhere(response.requested, response.status, "AS-REG-001")
        return asset_id


def _reporting(p: Platform) -> Message | None:
    declared = p.declared("reporting")
    endpoint = declared.get("endpoint") if declared else None
    if not isinstance(endpoint, str) or not endpoint:
        return msg("interfaces.risk-undeclared", member="reporting")
    path = urlsplit(endpoint).path or endpoint
    categories = declared.get("categories") if declared else None
    category = "other" if not isinstance(categories, list) or "other" in categories or not categories \
        else str(categories[0])
    filed = p.api.post(path, json=report_request(category=category))
    ack = judged_body(filed, "IF-REPORT-001", ok=(200, 201, 202))
    if not isinstance(ack, dict) or not isinstance(ack.get("report_id"), str):
        return msg("interfaces.risk-step", step=filed.requested, status=filed.status,
                   expected=msg("interfaces.expect-acknowledgement"))
    shown = p.api.get(f"{path.rstrip('/')}/{quote(ack['report_id'], safe='')}")
    judged_elsewhere(shown, "IF-REPORT-001")
    if shown.status != 200:
        return msg("interfaces.risk-step", step=shown.requested, status=shown.status,
                   expected=200)
    return None


def _review(p: Platform) -> Message | None:
    terms = p.declared("content_review")
    template = terms.get("reviews") if terms else None
    if not isinstance(template, str) or "{asset_id}" not in template:
        return msg("interfaces.risk-undeclared", member="content_review")
    asset_id = p.issue("risk-reviewed", "12+", 12)
    response = p.api.get(template.replace("{asset_id}", quote(asset_id, safe="")))
    body = judged_body(response, "AS-REVIEW-001")
    records = body.get("reviews") if isinstance(body, dict) else None
    outcomes = terms.get("publishing_outcomes") if terms else None
    publishing = {o for o in outcomes if isinstance(o, str)} if isinstance(outcomes, list) else set()
    if not isinstance(records, list) or not any(isinstance(r, dict) and r.get("outcome") in publishing
                                                for r in records):
        return msg("interfaces.risk-no-review", status=response.status)
    return None


def _minor(p: Platform) -> Identity | Message:
    """An identity of the age band 12-15, or why the platform gave none."""
    try:
        return minor_identity(p.api, p.identity_path)[0]
    except NonConformance as exc:
        return exc.args[0] if isinstance(exc.args[0], Message) else msg("interfaces.risk-undeclared",
                                                                        member="age_band")


def _age_gate(p: Platform) -> Message | None:
    minor = _minor(p)
    if not isinstance(minor, Identity):
        return minor
    asset_id = p.issue("risk-rated-16", "16+", 16)
    s = p.session()
    response = s.registry.call("GET", s.registry.path(asset_id), minor)
    judged_elsewhere(response, "AS-RATING-002")
    if response.status != 403:
        return msg("interfaces.risk-age-gate-open", band=MINOR_BAND, status=response.status)
    return None


def _minor_trading(p: Platform) -> Message | None:
    declared = p.declared("trading")
    if declared is None:
        return msg("interfaces.risk-undeclared", member="trading")
    minor = _minor(p)
    if not isinstance(minor, Identity):
        return minor
    asset_id = p.issue("risk-minor-order")
    try:
        price = declared_probe_price(declared)
    except NonConformance:
        return msg("interfaces.risk-undeclared", member="trading.currencies")
    response = Market(p.api).order(minor, asset_id, price)
    judged_elsewhere(response, "AS-MINOR-001")
    if response.status != 403:
        return msg("interfaces.risk-minor-order", band=MINOR_BAND, status=response.status)
    return None


def _playtime_shaped(terms: JsonObject) -> TypeGuard[PlaytimeTerms]:
    """Whether declared terms have the members :func:`play_probes` reads, of their JSON types
    (what is inside them it reads as it goes: a malformed window raises, and is undeclared)."""
    return (isinstance(terms.get("utc_offset"), str) and isinstance(terms.get("days"), list)
            and isinstance(terms.get("windows"), list) and isinstance(terms.get("daily_limit_s"), int)
            and isinstance(terms.get("holidays", []), list))


def _playtime(p: Platform) -> Message | None:
    minors = p.declared("minors")
    terms = minors.get("playtime") if minors else None
    if not isinstance(terms, dict):
        return msg("interfaces.risk-undeclared", member="minors.playtime")
    if terms.get("request_time") is not True:
        raise Unchecked(msg("interfaces.risk-no-request-time"))
    try:
        if not _playtime_shaped(terms):
            raise TypeError("not play-time terms")
        outside = play_probes(terms).other_hour
    except (KeyError, ValueError, TypeError, IndexError, AttributeError):
        return msg("interfaces.risk-undeclared", member="minors.playtime.windows")
    if outside is None:
        raise Unchecked(msg("interfaces.risk-no-hour-outside"))
    minor = _minor(p)
    if not isinstance(minor, Identity):
        return minor
    response = p.session().registry.call("POST", PLAY_SESSIONS, minor, {"at": outside.isoformat()})
    judged_elsewhere(response, "AS-MINOR-002")
    if response.status != 403:
        return msg("interfaces.risk-play-outside", band=MINOR_BAND, at=outside.isoformat(), status=response.status)
    return None


def _ai_labels(p: Platform) -> Message | None:
    declared = p.declared("ai_agents")
    path = declared.get("agents") if declared else None
    if not isinstance(path, str):
        return msg("interfaces.risk-undeclared", member="ai_agents")
    response = p.api.get(path)
    body = judged_body(response, "IF-AGENT-001")
    agents = body.get("agents") if isinstance(body, dict) else None
    if not isinstance(agents, list):
        return msg("interfaces.risk-step", step=response.requested, status=response.status, expected=200)
    unlabelled = [a.get("agent_id") for a in agents if isinstance(a, dict) and label_findings(a, "", "agent")]
    if unlabelled:
        return msg("interfaces.risk-agents-unlabelled", agents=", ".join(map(str, unlabelled[:5])))
    return None


#: The measures the harness exercises, by name -> the check (None: in force, else why not;
#: raises Unchecked when the platform offers no way to exercise it, JudgedElsewhere when an answer another
#: requirement judges left it unseen).
MEASURES: dict[str, Callable[[Platform], Message | None]] = {
    "misconduct-reporting": _reporting,
    "content-review": _review,
    "minors-age-gate": _age_gate,
    "minors-trading-refused": _minor_trading,
    "playtime-limits": _playtime,
    "ai-labels": _ai_labels,
}
#: IF-RISK-001's rule for each measure (its R1-R6 name one measure each): a finding names the text's R-number
MEASURE_RULES = {"misconduct-reporting": "R1", "content-review": "R2", "minors-age-gate": "R3", "ai-labels": "R4",
                 "minors-trading-refused": "R5", "playtime-limits": "R6"}


def required_findings(grade: JsonObject, required: dict[str, list[str]], file: str) -> list[Finding]:
    """IF-RISK-002: the declared grade is one the programme's ``required`` (grade -> measures)
    names (R1), and the declared measures include every measure it requires
    there (R2, one finding per missing measure)."""
    name = grade.get("grade")
    if not isinstance(name, str) or name not in required:
        return [Finding.of(msg("interfaces.risk-grade-unknown", grade=repr(name), grades=", ".join(sorted(required))),
                           file=file, pointer="/risk_grade/grade", expected=sorted(required), actual=name,
                           rule="R1")]
    claimed = grade.get("measures")
    listed = {str(m) for m in claimed} if isinstance(claimed, list) else set()
    return [Finding.of(msg("interfaces.risk-measure-required", grade=repr(name), measure=repr(measure)), file=file,
                       pointer="/risk_grade/measures", expected=measure, actual=claimed, rule="R2")
            for measure in required[name] if measure not in listed]
