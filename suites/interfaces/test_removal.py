"""IF-CODE-007: content a report's outcome removes is gone from every route that served it, the
notice names the decision and the rule, the author is told and may appeal (docs/interfaces.md,
"Removal of content"); IF-MOD-001: violating test content planted through the publication
interface is refused or never served, and a control item without the marker is published
("Violating test content"); IF-MOD-002: published content a report marks as violating test content
is withdrawn within a day on the test moderation clock.

The requirement passes only when every one of its rules was judged and held (issue 59): an item
its author's listing never held leaves R2 (not listed) unchecked, and a requirement that otherwise
passes inconclusive, naming the rule and the fix."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from conformance import Evidence, Inconclusive, NonConformance, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import served_body, unread
from conformance.areas._shared.minors import set_clock
from conformance.areas._shared.ownread import UNPARSED, own_json_or_finding
from conformance.areas._shared.problems import check_problem
from conformance.areas._shared.registry import Identity, Registry, metadata, provisioned, run_nonce
from conformance.areas.interfaces.requestbodies import report_request
from conformance.areas.interfaces.pagination import listed_ids
from conformance.areas.interfaces.removal import REMOVAL, listed, notice_findings, notified, removal_categories
from conformance.areas.interfaces.screening import FIELDS, NOT_SERVED, marked, planted_set
from conformance.areas.interfaces.reporting import (
    CONDUCT_SCHEMA,
    STANDING_SCHEMA,
    answer_due,
    declaration,
    reported_outcomes,
)
from conformance.areas.interfaces.unchecked import rule_unchecked

#: What the harness's report of a published item says, before the marker (IF-MOD-002).
MARKED_REPORT = "The conformance harness reports this published item as violating test content:"
#: The most categories the harness reports the item under, looking for its removal.
MAX_CATEGORIES = 20


def code_of(api: Any, schemas: Any, declared: dict[str, Any]) -> dict[str, Any]:
    code_path = declared.get("conduct_rules")
    shown = api.get(code_path) if isinstance(code_path, str) and code_path.startswith("/") else None
    # a set-up IF-CODE-001 judges: a 200 whose body does not parse is a code not read, never a fail here
    code = served_body(shown)[0] if shown is not None else None
    if not isinstance(code, dict) or schemas.findings(code, CONDUCT_SCHEMA):
        raise Inconclusive(msg("interfaces.sanction-no-code"))  # IF-CODE-001's to judge
    return code


def _parsed(answer: Any) -> Any:
    """The body of an answer, or None when it does not parse (the rule reading it records that)."""
    try:
        return answer.json()
    except NonConformance:
        return None


def removed_by(api: Any, endpoint: str, categories: list[str], asset_id: str) -> tuple[str, dict[str, Any]] | None:
    """Reports ``asset_id`` under each category until an outcome removes it: (report ID, outcome)."""
    for report_id, outcome in reported_outcomes(api, endpoint, categories, asset_id, MAX_CATEGORIES):
        if outcome.get("sanction") == REMOVAL:
            return report_id, outcome
    return None


def owner_path(who: Identity) -> str:
    return f"/assets?owner={quote(who.did, safe=':')}"


def owner_listing(registry: Registry, who: Identity) -> Any:
    return registry.call("GET", owner_path(who), None)


@pytest.mark.requirement("IF-CODE-007")
def test_removed_content_is_gone_everywhere_and_its_author_told(targets: Targets, schemas: SchemaRegistry,
                                                                evidence: Evidence, params: Parameters):
    api = targets["api"]
    declared = declaration(api, "R1")  # no endpoint: the profile's reporting is missing (R1, what reports serve)
    code = code_of(api, schemas, declared)
    categories = removal_categories(code)
    if not categories:
        raise Inconclusive(msg("interfaces.removal-none-declared"))
    author, other = provisioned(api, params.identity_path, 2)
    registry = Registry(api)
    item = f"conformance-removal-{run_nonce()}"
    if registry.issue(author, metadata(item, author.did)).status != 201:
        raise Inconclusive(msg("interfaces.sanction-no-item", status="not 201"))
    was_listed = listed(served_body(owner_listing(registry, author))[0], item)  # a set-up read AS-REG-001 judges
    found = removed_by(api, declared["endpoint"], categories, item)
    if found is None:
        raise Inconclusive(msg("interfaces.removal-no-outcome", categories=", ".join(categories)))
    report_id, outcome = found
    rule = outcome.get("rule") if isinstance(outcome.get("rule"), str) else None
    direct = api.get(registry.path(item))
    where = direct.requested
    # R1's own read: a 404/410 whose body does not parse names nothing (R1's finding, and R3's), never a raise
    notice = _parsed(direct) if direct.status >= 400 else None
    evidence.findings_from(notice_findings(direct.status, notice, report_id, rule, where))
    if direct.status >= 400:
        check_problem(direct, schemas, evidence, rule="R1")  # R1 states the problem details naming the removal
    if was_listed:
        listing = owner_listing(registry, author)
        if listed(served_body(listing)[0], item):
            evidence.finding(msg("interfaces.removal-still-listed", item=item), file=f"GET {listing.url}",
                             pointer="/items", actual=item, rule="R2")
    else:
        rule_unchecked(evidence, "R2",
                       msg("interfaces.removal-listing-unchecked", item=item, path=owner_path(author)),
                       msg("interfaces.fix-owner-listing"))
    template = declared.get("standing")
    if not isinstance(template, str) or "{did}" not in template:
        evidence.finding(msg("interfaces.standing-no-declaration"), file="reporting.standing", actual=template,
                         rule="R4")
    else:
        path = template.replace("{did}", quote(author.did, safe=":"))
        shown = api.get(path)
        standing, state = served_body(shown)  # R4's own read: a 200 that does not parse is R4's finding below
        if isinstance(standing, dict) and not schemas.findings(standing, STANDING_SCHEMA):
            if not notified(standing, item, report_id):
                evidence.finding(msg("interfaces.removal-author-not-notified", did=author.did, item=item),
                                 file=shown.requested, pointer="/sanctions",
                                 expected={"sanction": REMOVAL, "subject": item}, actual=standing["sanctions"],
                                 rule="R4")
        elif shown.status >= 500:  # the standing's service is IF-CODE-002's: the notice is not seen
            unread(evidence, shown.requested, msg("interfaces.standing-of", did=author.did), shown.status,
                   "IF-CODE-002")
        else:
            evidence.finding(msg("interfaces.standing-not-read", did=author.did, status=state),
                             file=shown.requested, expected=200, actual=state, rule="R4")
    appeals = code.get("appeals")
    if isinstance(appeals, dict) and isinstance(appeals.get("endpoint"), str):
        endpoint = appeals["endpoint"]
        body = {"report_id": report_id, "statement": "An appeal filed by the conformance harness."}
        mine = registry.call("POST", endpoint, author, body)
        # annex D gives 201 alone for an appeal filed; its body is R5's own read
        ack = own_json_or_finding(mine, "R5", evidence) if mine.status == 201 else None
        if ack is not UNPARSED and (not isinstance(ack, dict) or not isinstance(ack.get("appeal_id"), str)):
            evidence.finding(msg("interfaces.removal-appeal-refused", status=mine.status), file=mine.requested,
                             expected=201, actual=mine.status, rule="R5")
        theirs = registry.call("POST", endpoint, other, body)
        if theirs.status < 400:
            evidence.finding(msg("interfaces.removal-appeal-by-anyone", status=theirs.status),
                             file=theirs.requested, expected=403, actual=theirs.status, rule="R5")
    else:
        evidence.note(msg("interfaces.removal-no-appeals"))
    evidence.note(msg("interfaces.removal-checked", item=item, report=report_id, rule=rule or "-"))


@pytest.mark.requirement("IF-MOD-001")
def test_violating_test_content_is_not_published(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                                 params: Parameters):
    api = targets["api"]
    author, reader = provisioned(api, params.identity_path, 2)
    registry = Registry(api)
    refused = held = 0
    for entry in planted_set(f"conformance-screen-{run_nonce()}", author.did):
        answer = registry.issue(author, entry.metadata)
        path = registry.path(entry.asset_id)
        if not entry.planted:  # R2: the same probe without the marker is published and served
            if answer.status != 201:  # R2 and step 5: published, that is 201 (a 200 is no publication)
                evidence.finding(msg("interfaces.control-refused", status=answer.status), file=answer.requested,
                                 expected=201, actual=answer.status, rule="R2")
                continue
            shown = registry.call("GET", path, reader)
            if shown.status != 200:
                evidence.finding(msg("interfaces.control-not-served", item=entry.asset_id, status=answer.status,
                                     path=path, served=shown.status), file=shown.requested, expected=200,
                                 actual=shown.status, rule="R2")
            continue
        if answer.status >= 500:
            evidence.finding(msg("interfaces.planted-crashed", field=entry.field, status=answer.status),
                             file=answer.requested, expected=msg("interfaces.expect-refused"), actual=answer.status,
                             rule="R1")
        elif answer.status >= 400:
            check_problem(answer, schemas, evidence, rule="R1")  # R1 states the 4xx problem refusal
            refused += 1
            continue
        shown = registry.call("GET", path, reader)
        if shown.status not in NOT_SERVED:
            evidence.finding(msg("interfaces.planted-published", field=entry.field, status=answer.status, path=path,
                                 served=shown.status), file=shown.requested,
                             expected=f"{msg('interfaces.expect-refused')} / 404 / 410", actual=shown.status,
                             rule="R1")
        else:
            held += 1
        listing = owner_listing(registry, author)
        body, state = served_body(listing)
        if not isinstance(body, dict) or not isinstance(body.get("items"), list):
            # how listings are served is AS-REG-001's: R1's listing half is not judged for this item
            unread(evidence, listing.requested, msg("interfaces.planted-listing", item=entry.asset_id), state,
                   "AS-REG-001")
        elif listed(body, entry.asset_id):
            evidence.finding(msg("interfaces.planted-listed", item=entry.asset_id, field=entry.field),
                             file=f"GET {listing.url}", pointer="/items", actual=entry.asset_id, rule="R1")
    evidence.note(msg("interfaces.screening-checked", planted=len(FIELDS), fields=", ".join(FIELDS), refused=refused,
                      held=held))


@pytest.mark.requirement("IF-MOD-002")
def test_reported_violating_content_is_withdrawn_within_a_day(targets: Targets, schemas: SchemaRegistry,
                                                              evidence: Evidence, params: Parameters) -> None:
    api = targets["api"]
    declared = declaration(api, "R1")  # no endpoint: the profile's reporting is missing (R1)
    categories = declared.get("categories")
    if not isinstance(categories, list) or not categories or not isinstance(categories[0], str):
        raise Inconclusive(msg("interfaces.report-no-declaration"))
    author, reader = provisioned(api, params.identity_path, 2)
    registry = Registry(api)
    item = f"conformance-withdrawal-{run_nonce()}"
    path = registry.path(item)
    issued = registry.issue(author, metadata(item, author.did))
    before = registry.call("GET", path, reader) if issued.status == 201 else None
    if before is None or before.status != 200:  # set-up: the harmless item must first be published (IF-MOD-001 R2)
        raise Inconclusive(msg("interfaces.withdrawal-not-published", item=item,
                               status=issued.status if before is None else before.status))
    was_listed = listed(served_body(owner_listing(registry, author))[0], item)  # a set-up read AS-REG-001 judges
    endpoint = urlsplit(declared["endpoint"]).path or declared["endpoint"]
    filed = registry.call("POST", endpoint, reader, report_request(item, categories[0], marked(MARKED_REPORT)))
    if filed.status != 201:  # annex D's contract acknowledges with 201 alone; the rest is IF-REPORT-001's to judge
        raise Inconclusive(msg("interfaces.withdrawal-report-refused", status=filed.status))
    ack, _ = served_body(filed, ok=201)  # how a report is acknowledged is IF-REPORT-001's to judge: no deadline read
    # a report's deadline runs on its reporter's test clock (clause 3.19), as IF-REPORT-001's does; the
    # test moderation clock (3.20) ages sanctions only
    due = answer_due(ack, params.report_response_s) if isinstance(ack, dict) else None
    if due is None:  # an acknowledgement without received_at is IF-REPORT-001's to judge
        raise Inconclusive(msg("interfaces.withdrawal-report-undated"))
    limit = params.report_response_s
    shown = registry.call("GET", path, reader)
    waited = 0
    if shown.status not in NOT_SERVED:  # not withdrawn at once: the platform has its limit on the test clock
        if not _pass_limit(api, params.clock_path, reader, due):
            raise Inconclusive(msg("interfaces.withdrawal-no-clock", path=params.clock_path, limit=limit))
        waited = limit
        shown = registry.call("GET", path, reader)
    if shown.status not in NOT_SERVED:  # rule R1: not served to another identity
        evidence.finding(msg("interfaces.withdrawal-still-served", item=item, status=shown.status, limit=limit),
                         file=shown.requested, expected="401 / 403 / 404 / 410 / 451", actual=shown.status, rule="R1")
    listing = owner_listing(registry, author)
    shown_in, listing_state = served_body(listing)
    if was_listed and not waited and listed(shown_in, item):
        # withdrawn at once from its URL but still listed: R2 too gives the platform its limit on the test clock
        if not _pass_limit(api, params.clock_path, reader, due):
            raise Inconclusive(msg("interfaces.withdrawal-no-clock-listed", path=params.clock_path, limit=limit))
        waited = limit
        listing = owner_listing(registry, author)
        shown_in, listing_state = served_body(listing)
    if was_listed and listed(shown_in, item):  # rule R2: listed nowhere
        evidence.finding(msg("interfaces.withdrawal-still-listed", item=item, limit=limit), file=f"GET {listing.url}",
                         pointer="/items", actual=item, rule="R2")
    elif not was_listed:
        rule_unchecked(evidence, "R2", msg("interfaces.removal-listing-unchecked", item=item, path=owner_path(author)),
                       msg("interfaces.fix-owner-listing"))
    elif listed_ids(shown_in) is None:  # no listing read (AS-REG-001's to judge): R2 is not judged on it
        rule_unchecked(evidence, "R2", msg("interfaces.withdrawal-listing-unread", item=item, path=owner_path(author),
                                           status=listing_state), msg("interfaces.fix-owner-listing"))
    evidence.note(msg("interfaces.withdrawal-checked", item=item, category=categories[0], seconds=waited))


def _pass_limit(api: Any, clock_path: str, reader: Identity, due: datetime) -> bool:
    """Stands the reader's test clock 1 s past the report's deadline (``due``): whether it moved."""
    try:
        set_clock(api, clock_path, reader, due + timedelta(seconds=1))
    except NonConformance:
        return False
    return True
