"""IF-SES-001 and IF-SES-005 on a late joiner that cannot join (the thirty-ninth reading's a10): a
session whose *N* participants all joined is held, whatever the late joiner meets; the late
joiner's join not answered in time is IF-SES-005's state not obtained, never a failure under
IF-SES-001's R1 (which speaks of the *N*) nor a divergence of the *N*'s snapshots."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from conformance.areas.interfaces import sessions
from tests.servers import serving_websocket

PLAN = sessions.Plan(participants=2, updates=1, interval_s=0.01, settle_s=0.1, timeout_s=0.5)


@pytest.fixture
def deaf_to_the_late_joiner() -> Iterator[str]:
    """A session server answering the first ``PLAN.participants`` joins and each snapshot, never a later join."""
    joins = 0

    async def handler(ws) -> None:
        nonlocal joins
        async for raw in ws:
            message = json.loads(raw)
            if message.get("method") == "session.join":
                joins += 1
                if joins <= PLAN.participants:
                    await ws.send(json.dumps({"jsonrpc": "2.0", "id": message["id"],
                                              "result": {"participant": f"p{joins}", "state": {}}}))
            elif message.get("method") == "session.snapshot":
                await ws.send(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": {"state": {}}}))

    with serving_websocket(handler) as url:
        yield url


def test_a_late_joiner_whose_join_times_out_leaves_the_session_held(deaf_to_the_late_joiner):
    record = sessions.run(deaf_to_the_late_joiner, "/sessions/{space}", "x", ["t"] * 3, PLAN, None)
    assert record.failures == []  # every one of the N joined: nothing for IF-SES-001's R1 (nor _held)
    assert record.ids[:2] == ["p1", "p2"]
    assert record.late_failure is not None and "TimeoutError" in record.late_failure
    # the late joiner has no answer to compare: left out of IF-SES-005's comparison, not "unanswered"
    assert all(recipient < PLAN.participants for recipient, _, _ in sessions.divergences(record))
