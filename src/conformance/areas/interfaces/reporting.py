"""Reporting misconduct (IF-REPORT-001): the discovery document's ``reporting`` declaration (where
reports go), and whether a report's acknowledgement and outcome keep the time limit the standard
fixes (the profile parameter report_response_s, never the platform's declared response time)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NotRequired, TypedDict
from urllib.parse import quote, urlsplit

from conformance import Finding, Inconclusive, msg

from .._shared.dependent import served_body
from .._shared.discovery import declared_member
from .requestbodies import PROBE_REPORT, report_request  # noqa: F401  (PROBE_REPORT is read from here too)

if TYPE_CHECKING:
    from conformance import HttpTarget
    from conformance.area import JsonObject, JsonValue

REPORT_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/misconduct-report.json"
#: The report the harness files to see the flow work (IF-REPORT-001, IF-CODE-001, IF-RISK-001).


def declaration(api: HttpTarget, rule: str | None = None) -> JsonObject:
    """The discovery document's ``reporting`` object; inconclusive when there is none. With ``rule`` (the first
    rule of the judging requirement that a report serves), a missing object or reporting endpoint is a
    non-conformance of that rule: a product claiming a profile whose reports the case files offers reporting,
    as one claiming the session profile offers sessions (leftovers of the twenty-second reading, part h)."""
    if rule is None:  # a case that reads another member of it (the code of conduct): IF-CODE-001 judges it
        return declared_member(api, ("reporting",), msg("interfaces.report-no-declaration"), undecided=True)
    return declared_member(api, ("reporting",), msg("interfaces.report-no-declaration"), holds=_takes_reports,
                           pointer="/reporting/endpoint", rule=rule)


def first_category(declared: JsonObject) -> str:
    """The first report category the discovery document declares (IF-CODE-001 R1 holds them equal to the
    published code's), which a probe report is filed under: one the code does not publish, such as the probe's
    own ``other``, is refused by IF-CODE-001 R3. Inconclusive when none is declared."""
    listed = declared.get("categories")
    if not isinstance(listed, list) or not listed or not isinstance(listed[0], str) or not listed[0]:
        raise Inconclusive(msg("interfaces.report-no-category"))
    return listed[0]


def _takes_reports(declared: JsonObject) -> bool:
    endpoint = declared.get("endpoint")
    return isinstance(endpoint, str) and bool(endpoint)


def when(value: JsonValue) -> datetime | None:
    """An RFC 3339 time with an offset, or None (the schema reports malformed times)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def deadline_findings(report: JsonObject, limit_s: int, file: str) -> list[Finding]:
    """respond_by is within ``limit_s`` (the standard's time limit, never the platform's declared
    one) of received_at (R2), and an outcome, once there, was decided within it (R4)."""
    found: list[Finding] = []
    received, respond_by = when(report.get("received_at")), when(report.get("respond_by"))
    if received is None or respond_by is None:
        return found
    limit = received + timedelta(seconds=limit_s)
    if respond_by > limit:
        found.append(Finding.of(msg("interfaces.report-deadline-beyond-limit", limit=limit_s), file=file,
                                pointer="/respond_by", expected=f"<= {limit.isoformat()}",
                                actual=report.get("respond_by"), rule="R2"))
    outcome = report.get("outcome")
    decided = when(outcome.get("decided_at")) if isinstance(outcome, dict) else None
    if decided is not None and decided > limit:
        found.append(Finding.of(msg("interfaces.report-outcome-late", limit=limit_s), file=file,
                                pointer="/outcome/decided_at", expected=f"<= {limit.isoformat()}",
                                actual=str(decided), rule="R4"))
    return found


def answer_due(report: JsonObject, limit_s: int) -> datetime | None:
    """The instant past which a report without an outcome is unanswered (None: no received_at)."""
    received = when(report.get("received_at"))
    return None if received is None else received + timedelta(seconds=limit_s)


# -- the published code of conduct (IF-CODE-001) ------------------------------------

CONDUCT_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/conduct-rules.json"


class ConductRule(TypedDict):
    """A published rule of a code of conduct :data:`CONDUCT_SCHEMA` found valid: the members read."""

    id: str
    category: str
    sanctions: list[str]


class ConductCode(TypedDict):
    """A code of conduct :data:`CONDUCT_SCHEMA` found valid: its rules (what else it declares is
    read as JSON, :func:`conformance.areas.interfaces.sanctions.declared_sanctions`)."""

    rules: list[ConductRule]


def code_findings(code: ConductCode, declared: JsonObject, file: str) -> list[Finding]:
    """Rule ``published``: rule IDs are unique, and the categories the discovery document declares
    for reports (reporting.categories, when given) are the published rules' categories."""
    found: list[Finding] = []
    seen: set[str] = set()
    for index, rule in enumerate(code["rules"]):
        if rule["id"] in seen:
            found.append(Finding.of(msg("interfaces.conduct-rule-twice", rule=repr(rule["id"])), file=file,
                                    pointer=f"/rules/{index}/id", actual=rule["id"], rule="R1"))
        seen.add(rule["id"])
    listed = declared.get("categories")
    published = categories(code)
    if isinstance(listed, list) and set(map(str, listed)) != published:
        found.append(Finding.of(msg("interfaces.conduct-categories-differ"), file=file, pointer="/rules",
                                expected=sorted(map(str, listed)), actual=sorted(published), rule="R1"))
    return found


def categories(code: ConductCode) -> set[str]:
    """The report categories a (schema-valid) code of conduct publishes."""
    return {rule["category"] for rule in code["rules"]}


#: The most published categories IF-CODE-001 files a report under (step 3), the first in alphabetical order: it bounds
#: the reports the test leaves on the platform (the 三（三） row of IF-CODE-001 gives the reason)
MAX_CATEGORIES = 20


def filed_categories(published: set[str]) -> list[str]:
    """The published categories IF-CODE-001 files a report under (step 3): the first :data:`MAX_CATEGORIES` in
    alphabetical order."""
    return sorted(published)[:MAX_CATEGORIES]


def unpublished_categories(published: set[str]) -> list[str]:
    """Categories the harness reports under to see them refused (IF-CODE-001 step 4): a made-up one, and near misses
    (other case, padded) of every category step 3 files under (:func:`filed_categories`), which a loose comparison
    would let through (sixty-eighth reading, b3: the first 3 only, a count the text did not state)."""
    probes = ["conformance-unpublished-category"]
    for category in filed_categories(published):
        probes += [category.upper() if category.upper() != category else category.lower(), f" {category} "]
    return [p for p in dict.fromkeys(probes) if p not in published]


def outcome_findings(report: JsonObject, code: ConductCode, file: str) -> list[Finding]:
    """Rule ``cites``: a decided report's outcome names a published rule by ID, of the report's
    category, and a sanction it imposes is one that rule carries."""
    outcome = report.get("outcome")
    if not isinstance(outcome, dict):
        return []
    rules = {rule["id"]: rule for rule in code["rules"]}
    cited = outcome.get("rule")
    rule = rules.get(cited) if isinstance(cited, str) else None
    if rule is None:
        return [Finding.of(msg("interfaces.conduct-rule-not-published", rule=repr(outcome.get("rule"))), file=file,
                           pointer="/outcome/rule", expected=sorted(rules), actual=outcome.get("rule"), rule="R4")]
    found: list[Finding] = []
    category = report.get("category")
    if isinstance(category, str) and rule["category"] != category:
        found.append(Finding.of(msg("interfaces.conduct-rule-other-category", rule=repr(rule["id"]),
                                    category=repr(category)), file=file, pointer="/outcome/rule",
                                expected=category, actual=rule["category"], rule="R4"))
    sanction = outcome.get("sanction")
    if sanction is not None and sanction not in rule["sanctions"]:
        found.append(Finding.of(msg("interfaces.conduct-sanction-not-in-rule", sanction=repr(sanction),
                                    rule=repr(rule["id"])), file=file, pointer="/outcome/sanction",
                                expected=rule["sanctions"], actual=sanction, rule="R4"))
    return found


# -- sanctions across a user's linked identities (IF-CODE-002) ------------------------

STANDING_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/standing.json"


class StandingEntry(TypedDict):
    """A sanction a standing lists (:data:`STANDING_SCHEMA`): on which identity, which, by which report."""

    identity: str
    sanction: str
    report_id: NotRequired[str]
    subject: NotRequired[str]


class Standing(TypedDict):
    """A user's standing :data:`STANDING_SCHEMA` found valid: the sanctions it lists."""

    did: str
    sanctions: list[StandingEntry]


def standing_findings(standing: Standing, sanctioned: str, sanction: str, report_id: str, file: str,
                      rule: str) -> list[Finding]:
    """The standing (schema-valid) lists the sanction ``sanction`` imposed on the identity
    ``sanctioned`` by the report ``report_id`` (a listed report_id, when given, is that report)."""
    for entry in standing["sanctions"]:
        if entry["identity"] == sanctioned and entry["sanction"] == sanction \
                and entry.get("report_id", report_id) == report_id:
            return []
    return [Finding.of(msg("interfaces.standing-sanction-missing", sanction=repr(sanction), did=sanctioned),
                       file=file, pointer="/sanctions", expected={"identity": sanctioned, "sanction": sanction},
                       actual=standing["sanctions"], rule=rule)]


def reported_outcomes(api: HttpTarget, endpoint: str, categories: list[str], subject: str, most: int
                      ) -> Iterator[tuple[str, JsonObject]]:
    """Reports ``subject`` under each of the first ``most`` categories and yields each report's
    (ID, outcome) where the report shows an outcome; a report not acknowledged, or whose
    acknowledgement or read-back is not answered with a body that parses, is skipped (a set-up:
    IF-REPORT-001's and IF-CODE-001's to judge, never a fail of the case filing it)."""
    path = urlsplit(endpoint).path or endpoint
    for category in categories[:most]:
        filed = api.post(path, json=report_request(subject, category))
        ack, _ = served_body(filed, ok=(200, 201, 202))
        report_id = ack.get("report_id") if isinstance(ack, dict) else None
        if not isinstance(report_id, str):
            continue
        shown = api.get(f"{path.rstrip('/')}/{quote(report_id, safe='')}")
        report, _ = served_body(shown)
        outcome = report.get("outcome") if isinstance(report, dict) else None
        if isinstance(outcome, dict):
            yield report_id, outcome
