"""Conventions a client of any platform expects: request IDs, and answers within a budget."""

from __future__ import annotations

import uuid

import pytest

from conformance import Inconclusive, NotApplicable
from conformance.checks.interfaces import pagination

DISCOVERY = "/.well-known/metaverse-interop"
REQUEST_ID = "X-Request-ID"


@pytest.mark.requirement("IF-REQ-001")
def test_request_ids_are_echoed(targets, evidence):
    api = targets["api"]
    for path in (DISCOVERY, "/metaverse-conformance/no-such-resource"):  # an answer, and an error
        sent = str(uuid.uuid4())
        response = api.get(path, headers={REQUEST_ID: sent})
        echoed = response.headers.get(REQUEST_ID)
        if echoed != sent:
            evidence.finding(f"{REQUEST_ID} is not echoed", file=f"GET {path}", expected=sent, actual=echoed)


@pytest.mark.requirement("IF-LAT-001")
def test_answers_arrive_within_the_latency_budget(targets, params, evidence):
    import numpy as np  # here, not at the top: collecting the suites need not load numpy (0.1 s)

    api = targets["api"]
    samples = params.latency_samples
    budget_ms = params.latency_budget_ms
    elapsed = np.array([api.get(DISCOVERY).elapsed_s * 1000 for _ in range(samples)])
    if not elapsed.size:
        raise Inconclusive("latency_samples is 0: nothing measured")
    p95 = float(np.percentile(elapsed, 95))
    evidence.note(f"GET {DISCOVERY}: p95 {p95:.1f} ms over {samples} requests",
                  p50_ms=round(float(np.percentile(elapsed, 50)), 2), p95_ms=round(p95, 2), budget_ms=budget_ms)
    if p95 > budget_ms:
        evidence.finding("p95 latency is over the budget", file=f"GET {DISCOVERY}",
                         expected=f"<= {budget_ms:g} ms", actual=f"{p95:.1f} ms")


LIST_PATH = "/assets"


@pytest.mark.requirement("IF-PAGE-001")
def test_list_endpoints_paginate(targets, params, evidence):
    api = targets["api"]
    whole = api.get(LIST_PATH)
    if whole.status != 200:
        raise Inconclusive(f"GET {LIST_PATH} answered {whole.status}: no listing to page through")
    everything = pagination.listed_ids(whole.json())
    if everything is None:
        evidence.finding("the listing is not an object with items", file=f"GET {LIST_PATH}")
        return
    if len(everything) < 2:
        raise Inconclusive(f"GET {LIST_PATH} lists {len(everything)} asset(s): too few to need a second page")
    # page_size 0: a third of the listing, so that a few pages are followed whatever its length
    asked = params.page_size or -(-len(everything) // 3)
    limit = max(1, min(asked, len(everything) - 1))
    url: str | None = f"{LIST_PATH}?limit={limit}"
    seen: list[object] = []
    pages = 0
    while url and pages <= len(everything):
        page = api.get(url)
        pages += 1
        body = page.json() if page.status == 200 else None
        ids = pagination.listed_ids(body)
        if ids is None:
            evidence.finding(f"a page answered {page.status} without items", file=f"GET {url}")
            return
        if len(body["items"]) > limit:
            evidence.finding("a page holds more items than limit asks for", file=f"GET {url}",
                             expected=f"<= {limit}", actual=len(body["items"]))
            return
        seen += ids
        url = body.get("next") if isinstance(body.get("next"), str) else None
    duplicates = pagination.duplicates(seen)
    if duplicates:
        evidence.finding("an asset comes on more than one page", file=f"GET {LIST_PATH}", actual=duplicates)
    if set(seen) != set(everything):
        evidence.finding("the pages do not add up to the listing", file=f"GET {LIST_PATH}",
                         expected=len(set(everything)), actual=len(set(seen)))
    evidence.note(f"{pages} page(s) of at most {limit} item(s), following next", items=len(seen))


@pytest.mark.after_all
@pytest.mark.judges_any_status  # its subject is the 429 answers themselves
@pytest.mark.requirement("IF-RATE-001")
def test_rate_limited_answers_say_when_to_retry(targets, params, evidence):
    api = targets["api"]
    for _ in range(params.rate_burst):
        if api.get(DISCOVERY).status == 429:
            break
    limited = [r for r in list(api.log) if r.status == 429]
    if not limited:
        # The requirement is about 429 answers: a platform that gives none under the run and
        # a burst of rate_burst requests has none to get wrong.
        raise NotApplicable(f"no answer of the run was 429 (Too Many Requests), not even to a burst of "
                            f"{params.rate_burst} request(s): no rate-limited answer to judge")
    for response in limited:
        retry_after = response.headers.get("Retry-After", "")
        if not retry_after.strip().isdigit() and not _http_date(retry_after):
            evidence.finding("429 without a usable Retry-After", file=f"{response.method} {response.url}",
                             expected="Retry-After: delay-seconds or HTTP-date", actual=retry_after or "(none)")
    evidence.note(f"{len(limited)} answer(s) with status 429 judged")


def _http_date(value: str) -> bool:
    from email.utils import parsedate_to_datetime

    try:
        return bool(value) and parsedate_to_datetime(value) is not None
    except (TypeError, ValueError):
        return False
