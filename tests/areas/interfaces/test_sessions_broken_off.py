"""What a session record holds as failures (seventy-eighth reading, h144-iface, b3): ``sessions.run`` and
``harassment.run`` put in ``failures`` a participant not let join (its join answered without a participant, or
its connection not opened) and a session broken off while the participants publish their states (a send on a
connection the platform closed); the checks reading those records (IF-SES-002..006, IF-CODE-009, IF-CODE-010) end
inconclusive on either, and their inconclusive lines name each kind (:data:`KINDS`,
tests/drafting/test_reading_seventyeighth_h144_sessions.py)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator

import pytest

from conformance.areas._shared.jsonrpc_ws import SUBPROTOCOL
from conformance.areas.interfaces import harassment, sessions
from tests.servers import serving_websocket

#: each kind of failure a session record holds -> the words an inconclusive line names it by, in each language
KINDS: dict[str, dict[str, str]] = {
    "refused": {"zh": "未能加入空间", "en": "cannot join the space"},
    "broken off": {"zh": "会话在参与者发布状态时中断", "en": "the session breaks off as the participants publish"},
}

PLAN = sessions.Plan(participants=3, updates=3, interval_s=0.05, settle_s=0.2, timeout_s=2.0, late=False)


@pytest.fixture
def session_server() -> Iterator[Callable[[str], str]]:
    """``url = session_server(kind)``: a session server refusing every join (``refused``), or answering each join and
    closing a participant's connection at its first update (``broken off``)."""
    with contextlib.ExitStack() as servers:

        def start(kind: str) -> str:
            assert kind in KINDS
            joins = 0

            async def handler(ws) -> None:
                nonlocal joins
                async for raw in ws:
                    message = json.loads(raw)
                    if message.get("method") == "session.join":
                        joins += 1
                        answer = {"error": {"code": -32001, "message": "no"}} if kind == "refused" \
                            else {"result": {"participant": f"p{joins}", "state": {}}}
                        await ws.send(json.dumps({"jsonrpc": "2.0", "id": message["id"], **answer}))
                    elif message.get("method") == "session.publish":
                        await ws.close()  # broken off as the participant publishes
                        return

            return servers.enter_context(serving_websocket(handler, SUBPROTOCOL))

        yield start


def test_a_session_cut_off_while_publishing_is_a_failure_of_the_record(session_server):
    """Every participant joined and published before the platform closed a connection: the send after it raises,
    and the record holds it as a failure (participant -1), not an exception, nor a session held."""
    record = sessions.run(session_server("broken off"), "/sessions/{space}", "x", ["t"] * 3, PLAN, None)
    assert record.ids[:3] == ["p1", "p2", "p3"] and record.sent  # joined, and publishing when it broke off
    assert record.failures and record.failures[0][0] == -1


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_is_a_failure_of_both_records(session_server, kind):
    """The class: each kind of :data:`KINDS` fills ``failures`` of a ``sessions.run`` record and of a
    ``harassment.run`` one, which the checks end inconclusive on."""
    url = session_server(kind)
    record = sessions.run(url, "/sessions/{space}", "x", ["t"] * 3, PLAN, None)
    assert record.failures, kind
    heard = harassment.run(sessions.join_url(url, "/sessions/{space}", "y"), ["t"] * 3, lambda _: None, None,
                           timeout_s=2.0, settle_s=0.2)
    assert heard.failures, kind
    assert all(record.ids[:3]) == (kind == "broken off")  # every participant joined first, or none
