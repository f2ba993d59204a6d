"""IF-CODE-002: a sanction on one identity of a user shows on the user's linked identities;
IF-CODE-003: a trading ban on one of them is enforced on all (docs/interfaces.md, "Sanctions
across a user's identities")."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, NonConformance, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import unparsed
from conformance.areas._shared.discovery import DISCOVERY
from conformance.areas._shared.problems import check_problem
from conformance.areas._shared.registry import metadata, provisioned, run_nonce
from conformance.areas._shared.trading import Market, declared_probe_price, terms
from conformance.areas.interfaces.reporting import (
    PROBE_REPORT,
    STANDING_SCHEMA,
    declaration,
    reported_outcomes,
    standing_findings,
)
from conformance.areas.interfaces.sanctions import linked_identity

#: The most categories the harness reports the probe identity under, looking for a sanction.
MAX_CATEGORIES = 20
#: The sanction whose enforcement the harness can see: the identity's orders are refused.
TRADING_BAN = "trading-ban"


def sanction_of(api: Any, endpoint: str, categories: list[str], subject: str, wanted: str | None = None
                ) -> tuple[str, str] | None:
    """Reports ``subject`` under each category until an outcome imposes a sanction (``wanted``, when
    given): (sanction, report ID), or None."""
    for report_id, outcome in reported_outcomes(api, endpoint, categories, subject, MAX_CATEGORIES):
        if isinstance(outcome.get("sanction"), str) and wanted in (None, outcome["sanction"]):
            return outcome["sanction"], report_id
    return None


def categories_of(declared: dict[str, Any]) -> list[str]:
    listed = declared.get("categories")
    return [str(c) for c in listed] if isinstance(listed, list) else [PROBE_REPORT["category"]]


@pytest.mark.requirement("IF-CODE-002")
def test_a_sanction_shows_on_the_users_linked_identities(targets: Targets, schemas: SchemaRegistry,
                                                         evidence: Evidence, params: Parameters):
    api = targets["api"]
    declared = declaration(api, "R1")  # no endpoint: the profile's reporting is missing (R1, what reports serve)
    template = declared.get("standing")
    if not isinstance(template, str) or "{did}" not in template:
        evidence.finding(msg("interfaces.standing-no-declaration"), file=DISCOVERY, pointer="/reporting/standing",
                         actual=template, rule="R1")
        return
    (first,) = provisioned(api, params.identity_path, 1)
    second = linked_identity(api, params.identity_path, first, evidence, "R2")
    if second is None:
        return
    found = sanction_of(api, declared["endpoint"], categories_of(declared), first.did)
    if found is None:
        raise Inconclusive(msg("interfaces.standing-no-sanction"))
    sanction, report_id = found
    for who, rule in ((first, "R1"), (second, "R2")):
        path = template.replace("{did}", quote(who.did, safe=":"))
        shown = api.get(path)
        where = shown.requested
        if shown.status != 200:
            evidence.finding(msg("interfaces.standing-not-read", did=who.did, status=shown.status), file=where,
                             expected=200, actual=shown.status, rule=rule)
            continue
        try:  # the case's own read: a standing that does not parse or break its schema fails the rule reading it
            body = shown.json()
        except NonConformance as exc:
            evidence.finding(msg("interfaces.standing-not-json", did=who.did, state=unparsed(exc)), file=where,
                             expected="application/json", actual=unparsed(exc), rule=rule)
            continue
        if evidence.findings_from(schemas.findings(body, STANDING_SCHEMA, rule=rule), file=where):
            continue
        evidence.findings_from(standing_findings(body, first.did, sanction, report_id, where, rule))
    evidence.note(msg("interfaces.standing-checked", sanction=repr(sanction), sanctioned=first.did,
                      linked=second.did))


@pytest.mark.requirement("IF-CODE-003")
def test_a_trading_ban_is_enforced_on_the_users_linked_identities(targets: Targets, schemas: SchemaRegistry,
                                                                  evidence: Evidence, params: Parameters):
    api = targets["api"]
    declared = declaration(api, "R1")  # no endpoint: the profile's reporting is missing (R1, what reports serve)
    try:
        price = declared_probe_price(terms(api))
    except NonConformance as exc:  # no market: no trading ban to enforce
        raise Inconclusive(exc.args[0]) from None
    first, seller = provisioned(api, params.identity_path, 2)
    second = linked_identity(api, params.identity_path, first, evidence, "R2")
    if second is None:
        return
    if sanction_of(api, declared["endpoint"], categories_of(declared), first.did, TRADING_BAN) is None:
        raise Inconclusive(msg("interfaces.ban-none", sanction=TRADING_BAN))
    market = Market(api)
    for who, rule in ((first, "R1"), (second, "R2")):
        item = f"conformance-ban-{run_nonce()}-{who.name}"
        issued = market.issue(seller, metadata(item, seller.did))
        if issued.status != 201:
            raise Inconclusive(msg("interfaces.ban-no-item", status=issued.status))
        response = market.order(who, item, price)
        if response.status != 403:
            evidence.finding(msg("interfaces.ban-not-enforced", did=who.did, status=response.status),
                             file=response.requested, expected=403, actual=response.status,
                             rule=rule)
        else:
            check_problem(response, schemas, evidence)
    evidence.note(msg("interfaces.ban-checked", sanctioned=first.did, linked=second.did))
