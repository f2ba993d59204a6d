"""Conventions a client of any platform expects: request IDs, and answers within a budget."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from conformance import Inconclusive

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
    api = targets["api"]
    samples = int(params.get("latency_samples", 20))
    budget_ms = float(params.get("latency_budget_ms", 500))
    elapsed = np.array([api.get(DISCOVERY).elapsed_s * 1000 for _ in range(samples)])
    if not elapsed.size:
        raise Inconclusive("latency_samples is 0: nothing measured")
    p95 = float(np.percentile(elapsed, 95))
    evidence.note(f"GET {DISCOVERY}: p95 {p95:.1f} ms over {samples} requests",
                  p50_ms=round(float(np.percentile(elapsed, 50)), 2), p95_ms=round(p95, 2), budget_ms=budget_ms)
    if p95 > budget_ms:
        evidence.finding("p95 latency is over the budget", file=f"GET {DISCOVERY}",
                         expected=f"<= {budget_ms:g} ms", actual=f"{p95:.1f} ms")
