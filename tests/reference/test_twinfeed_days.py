"""A reference served for days stays conformant: its twin feed's time is injectable, and
with a controlled clock a week of runs (each posting observations, as SC-FEED tests do)
never leaves the newest observation stale nor ``$orderby=phenomenonTime desc`` out of order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx

from conformance.reference.app import create_app

FRESH_S = 300  # SC-FEED-003's default bound (profiles/scene-twin-feed.yaml: max_feed_latency_s)


def _stamp(when: datetime) -> str:
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")


def _observed(observation: dict) -> datetime:
    return datetime.fromisoformat(observation["phenomenonTime"].split("/")[0])


def test_a_week_of_runs_keeps_the_feed_fresh_and_ordered_by_time() -> None:
    now = [datetime(2026, 11, 25, 8, 0, tzinfo=UTC)]
    # The app called in process through httpx's ASGI transport (starlette's TestClient over
    # httpx is deprecated since starlette 1.10).
    transport = httpx.ASGITransport(app=create_app(clock=lambda: now[0]))
    runs = asyncio.run(_a_week_of_runs(httpx.AsyncClient(transport=transport, base_url="http://testserver"), now))
    assert runs > 7 * 24 * 3600 // (FRESH_S + 13 + 3 * 3600)  # a week of runs, not one


async def _a_week_of_runs(client: httpx.AsyncClient, now: list[datetime]) -> int:
    runs = 0
    end = now[0] + timedelta(days=7)
    async with client:
        while now[0] < end:
            for stream in (1, 2):  # what a run posts: an observation of now, over HTTP
                posted = await client.post("/sta/v1.1/Observations", json={
                    "phenomenonTime": _stamp(now[0]), "result": 20 + runs % 5, "Datastream": {"@iot.id": stream}})
                assert posted.status_code == 201, posted.text
            # runs further apart than the freshness bound: the reference's time moves, not the test's
            now[0] += timedelta(seconds=FRESH_S + 13 + 3600 * (runs % 7))
            runs += 1
            for stream in (1, 2):
                page = (await client.get(f"/sta/v1.1/Datastreams({stream})/Observations",
                                         params={"$orderby": "phenomenonTime desc", "$top": "5"})).json()
                times = [_observed(o) for o in page["value"]]
                assert times == sorted(times, reverse=True), (runs, page)
                assert (now[0] - times[0]).total_seconds() <= FRESH_S, (runs, page)
                assert ("@iot.nextLink" in page) == (runs + 3 > 5)  # 3 seeded, one posted a run, pages of 5
    return runs
