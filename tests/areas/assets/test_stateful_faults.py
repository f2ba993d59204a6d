"""The state machines (AS-REG-005; AS-TRADE-007 is the same machine) judge what a broken
target does: a connection that fails before an answer, an answer that changes when hypothesis
replays a sequence. The fakes wrap the reference registry (served in this process) and break
chosen sends of one kind of request; each test failed on the code before (a TargetUnreachable
ended the run, a changed answer was reported with the replayed sequence only)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from conformance import Evidence, TargetUnreachable, msg
from conformance.adapters import AdapterContext
from conformance.adapters.http import HttpAdapter
from conformance.areas._shared.answers import exchange_failed, sent_again_once
from conformance.areas._shared.registry import Session
from conformance.areas.assets.sequences import Sequences
from conformance.areas.assets.stateful import machine_for, run_machine

STRANGER = b'{"owner":"did:web:stranger.example","burned":false,"locked":false,"supply":1}'


class _Breaking:
    """The reference's API, except that sends of requests with ``method`` whose path ends with
    ``suffix`` go as ``plan`` says: ``plan[n]`` for the n-th such send (from 1) is ``reset`` (the
    connection fails before the request reaches the target), ``lost`` (it takes effect, the
    answer is lost) or bytes (the answer, its body replaced); sends the plan does not name, and
    with ``always`` every send after the last it names, go as ``always`` says."""

    def __init__(self, api: HttpAdapter, method: str, suffix: str, plan: dict[int, str | bytes],
                 always: str | None = None) -> None:
        self.api, self.method, self.suffix, self.plan, self.always = api, method, suffix, plan, always
        self.sent = 0

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        if method != self.method or not path.partition("?")[0].endswith(self.suffix):
            return self.api.request(method, path, **kwargs)
        self.sent += 1
        step = self.plan.get(self.sent, self.always if self.sent > max(self.plan, default=0) else None)
        if isinstance(step, bytes):
            return dataclasses.replace(self.api.request(method, path, **kwargs), content=step)
        if step == "lost":
            self.api.request(method, path, **kwargs)
        if step in ("lost", "reset"):
            raise TargetUnreachable(f"{method} {path}: connection reset by peer")
        return self.api.request(method, path, **kwargs)

    def __getattr__(self, name: str) -> Any:  # provisioning and the rest go to the adapter
        return getattr(self.api, name)


def _judged(api: Any) -> list[dict[str, Any]]:
    """AS-REG-005's machine against ``api``: its findings and notes (3 sequences of at most 6 steps)."""
    s = Session({"api": api}, "/test-identities", count=2)
    log, evidence = Sequences(), Evidence()
    run_machine(machine_for(s, True, log), log, evidence, random_seed=7, examples=3, steps=6)
    return [e for e in evidence.items if e["kind"] in ("finding", "note")]


@pytest.fixture
def api(reference_url: str, tmp_path: Path) -> HttpAdapter:
    return HttpAdapter("api", {"adapter": "http", "base_url": reference_url}, AdapterContext(tmp_path / "m.yaml", {}))


def test_a_get_whose_connection_failed_is_sent_again_and_no_answer_twice_fails(api):
    once = _Breaking(api, "GET", "/state", {3: "reset"})
    (note,) = _judged(once)
    assert note["kind"] == "note" and note["text"]["key"] == "assets.stateful-all-predicted"
    twice = _Breaking(api, "GET", "/state", {3: "reset", 4: "reset"})  # the third send, then its second
    (finding,) = _judged(twice)
    assert finding["kind"] == "finding" and "on a new connection either" in finding["message"]
    assert finding["sequence"] and finding["answers"][0]["status"] is None  # no answer, then the replay's
    assert finding["answers"][0]["request"].startswith("GET ") and finding["answers"][1]["status"] == 200


@pytest.mark.parametrize("always", [None, "reset"], ids=["once", "always"])
def test_no_answer_to_a_post_fails_with_the_sequence_that_led_to_it(api, always):
    """A POST may have taken effect: it is not sent again, and its lost answer is a departure,
    whether the replay is answered (once: both runs are shown) or not (always: the shrunk one)."""
    (finding,) = _judged(_Breaking(api, "POST", "/transfer", {2: "lost"}, always))
    assert finding["kind"] == "finding" and "not sent again: POST is not idempotent" in finding["message"]
    last = finding["sequence"][-1]
    assert last["request"].startswith("POST ") and last["request"].endswith("/transfer")
    assert last["status"] is None and "connection reset" in last["error"]
    if always is None:
        assert finding["text"]["key"] == "assets.stateful-flaky" and finding["replayed"]
        assert [a["status"] for a in finding["answers"]][0] is None
    else:
        assert finding["text"]["key"] == "assets.stateful-step-no-answer" and "replayed" not in finding


def test_an_answer_that_changes_on_replay_is_reported_with_both_answers(api):
    (finding,) = _judged(_Breaking(api, "GET", "/state", {3: STRANGER}))
    assert finding["text"]["key"] == "assets.stateful-flaky"
    assert "did:web:stranger.example" in finding["message"]  # the departure, as the machine worded it
    first, replayed = finding["answers"]
    assert "stranger" in first["body"] and "stranger" not in replayed["body"]
    assert first["request"] != replayed["request"] and first["request"].endswith("/state")  # fresh asset IDs
    assert finding["sequence"] and len(finding["replayed"]) == len(finding["sequence"])


def test_only_an_exchange_that_failed_is_sent_again():
    """The run's own stop (its time budget, a target found unreachable before) is no answer of
    the target's: it is not sent again, and stays TargetUnreachable (an error, not a finding)."""
    calls: list[int] = []

    def failing(message: str) -> Any:
        def send() -> Any:
            calls.append(1)
            raise TargetUnreachable(message)
        return send

    assert not exchange_failed(TargetUnreachable(msg("adapters.budget-spent")))
    with pytest.raises(TargetUnreachable):
        sent_again_once(failing(msg("adapters.budget-spent")))
    assert len(calls) == 1
    assert exchange_failed(TargetUnreachable(msg("adapters.transport-error", where="GET /x", error="reset")))
    with pytest.raises(TargetUnreachable):
        sent_again_once(failing("GET /x: connection reset"))
    assert len(calls) == 3
