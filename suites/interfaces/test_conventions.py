"""Conventions a client of any platform expects: request IDs, and answers within a budget."""

from __future__ import annotations

import uuid

import pytest

from conformance import Evidence, Inconclusive, NonConformance, NotApplicable, Parameters, Targets, msg
from conformance.areas._shared.dependent import unreadable
from conformance.areas.interfaces import pagination
from conformance.areas.interfaces.latency import percentile
from conformance.areas.interfaces.retry_after import is_retry_after

DISCOVERY = "/.well-known/metaverse-interop"
REQUEST_ID = "X-Request-ID"


@pytest.mark.requirement("IF-REQ-001")
def test_request_ids_are_echoed(targets: Targets, evidence: Evidence):
    api = targets["api"]
    for path in (DISCOVERY, "/metaverse-conformance/no-such-resource"):  # an answer, and an error
        sent = str(uuid.uuid4())
        response = api.get(path, headers={REQUEST_ID: sent})
        echoed = response.headers.get(REQUEST_ID)
        if echoed != sent:
            evidence.finding(msg("interfaces.not-echoed", header=REQUEST_ID), file=response.requested, expected=sent,
                             actual=echoed)


@pytest.mark.requirement("IF-LAT-001")
def test_answers_arrive_within_the_latency_budget(targets: Targets, params: Parameters, evidence: Evidence):
    api = targets["api"]
    samples = params.latency_samples
    budget_ms = params.latency_budget_ms
    elapsed = []
    for _ in range(samples):
        answer = api.get(DISCOVERY)
        if not 200 <= answer.status < 300:  # a 404 page's speed is not the discovery request's
            raise unreadable(msg("interfaces.latency-discovery"), answer.requested, answer.status, "IF-DISC-001")
        elapsed.append(answer.elapsed_s * 1000)
    if not elapsed:
        raise Inconclusive(msg("interfaces.no-latency-samples"))
    p95 = percentile(elapsed, 95)
    evidence.note(msg("interfaces.latency", path=DISCOVERY, p95=p95, samples=samples),
                  p50_ms=round(percentile(elapsed, 50), 2), p95_ms=round(p95, 2), budget_ms=budget_ms)
    if p95 > budget_ms:
        evidence.finding(msg("interfaces.latency-over-budget"), file=api.requested("GET", DISCOVERY),
                         expected=f"<= {budget_ms:g} ms", actual=f"{p95:.1f} ms")


LIST_PATH = "/assets"


def _discovery_body(api) -> object:
    """The discovery document, or None when it cannot be read (IF-DISC-001 judges that, not the
    pagination test)."""
    answer = api.get(DISCOVERY)
    if answer.status != 200:
        return None
    try:
        return answer.json()
    except NonConformance:
        return None


@pytest.mark.requirement("IF-PAGE-001")
def test_list_endpoints_paginate(targets: Targets, params: Parameters, evidence: Evidence):
    api = targets["api"]
    whole = api.get(LIST_PATH)
    if whole.status != 200:
        raise Inconclusive(msg("interfaces.no-listing", path=LIST_PATH, status=whole.status))
    everything = pagination.listed_ids(whole.json())
    if everything is None:
        evidence.finding(msg("interfaces.listing-without-items"), file=whole.requested)
        return
    if len(everything) < 2:
        raise Inconclusive(msg("interfaces.listing-too-short", path=LIST_PATH, count=len(everything)))
    # within page_size and the declared maximum page size, and a third of the listing so that a few
    # pages are followed whatever its length
    limits = [params.page_size, -(-len(everything) // 3), len(everything) - 1]
    declared = pagination.declared_max_page_size(_discovery_body(api))
    if declared is not None:
        limits.append(declared)
    limit = max(1, min(limits))
    url: str | None = f"{LIST_PATH}?limit={limit}"
    seen: list[object] = []
    pages = 0
    while url and pages <= len(everything):
        page = api.get(url)
        pages += 1
        body = page.json() if page.status == 200 else None
        ids = pagination.listed_ids(body)
        if ids is None:
            evidence.finding(msg("interfaces.page-without-items", status=page.status), file=page.requested)
            return
        if len(body["items"]) > limit:
            evidence.finding(msg("interfaces.page-over-limit"), file=page.requested,
                             expected=f"<= {limit}", actual=len(body["items"]))
            return
        seen += ids
        url = body.get("next") if isinstance(body.get("next"), str) else None
    duplicates = pagination.duplicates(seen)
    if duplicates:
        evidence.finding(msg("interfaces.page-overlap"), file=whole.requested, actual=duplicates)
    if set(seen) != set(everything):
        evidence.finding(msg("interfaces.pages-incomplete"), file=whole.requested,
                         expected=len(set(everything)), actual=len(set(seen)))
    evidence.note(msg("interfaces.pages-followed", pages=pages, limit=limit), items=len(seen))


@pytest.mark.after_all  # its burst may leave the limiter closed: the other tests go first
@pytest.mark.judges_any_status  # its subject is the 429 answers themselves
@pytest.mark.requirement("IF-RATE-001")
def test_rate_limited_answers_say_when_to_retry(targets: Targets, params: Parameters, evidence: Evidence):
    api = targets["api"]
    # Its own burst's answers only, not the run's shared log: 429s other test cases happened
    # to provoke would make the verdict depend on which tests ran and in what order.
    limited = []
    for _ in range(params.rate_burst):
        response = api.get(DISCOVERY)
        if response.status == 429:
            limited.append(response)
            break
    if not limited:
        # The requirement is about 429 answers: a platform that gives none to a burst of
        # rate_burst requests has none to get wrong.
        raise NotApplicable(msg("interfaces.no-429", burst=params.rate_burst))
    for response in limited:
        retry_after = response.headers.get("Retry-After", "")
        if not is_retry_after(retry_after):
            evidence.finding(msg("interfaces.no-retry-after"), file=f"{response.method} {response.url}",
                             expected=msg("interfaces.expect-retry-after"),
                             actual=retry_after or msg("engine.none"))
    evidence.note(msg("interfaces.429-judged", count=len(limited)))

