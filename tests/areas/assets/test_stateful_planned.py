"""The state machines plan each step on their model and send it from a second machine; while
hypothesis shrinks a departure, a variant is sent only from the first step no sequence sent before
was answered as predicted at (conformance.areas.assets.stateful's docstring). What that must not
change: the departure reported (the same shrunk sequence, as hypothesis ran the same variants),
a departure always shown as sent, and nothing skipped before a departure."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from conformance import Evidence
from conformance.adapters import AdapterContext
from conformance.adapters.http import HttpAdapter
from conformance.areas._shared.registry import Session
from conformance.areas.assets.sequences import Divergence, Run, Sequences
from conformance.areas.assets.stateful import machine_for, run_machine


class _Counting:
    """The reference's API, counting the requests sent; with ``lock_refused``, a lock the
    reference made (200) is answered 409, a departure every sequence with a lock meets."""

    def __init__(self, api: HttpAdapter, lock_refused: bool = False) -> None:
        self.api, self.lock_refused, self.sent = api, lock_refused, 0

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        self.sent += 1
        response = self.api.request(method, path, **kwargs)
        if self.lock_refused and method == "POST" and path.endswith("/lock") and response.status == 200:
            return dataclasses.replace(response, status=409)
        return response

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)


@pytest.fixture
def api(reference_url: str, tmp_path: Path) -> HttpAdapter:
    return HttpAdapter("api", {"adapter": "http", "base_url": reference_url}, AdapterContext(tmp_path / "m.yaml", {}))


def _steps(finding: dict[str, Any]) -> list[tuple[str, int | None]]:
    return [(step["what"].key, step["status"]) for step in finding["sequence"]]


def test_a_sequence_is_taken_as_answered_only_while_shrinking_and_never_once_it_departed():
    log = Sequences()
    first = log.start()
    for step in (("issue A",), ("lock A",)):
        first.planned.append(step)
        log.as_predicted(first)
    log.ended(first, None)
    issued, locked = (("issue A",),), (("issue A",), ("lock A",))
    assert not log.answered(issued) and not log.answered(locked)  # no departure yet: every sequence is sent
    second = log.start()
    second.planned += [("issue A",), ("burn A",)]
    log.ended(second, Divergence("burned twice"))
    assert log.answered(issued) and log.answered(locked)
    departed = (("issue A",), ("burn A",))
    assert not log.answered(departed) and not log.answered((("issue B",),))
    third = log.start()  # the target answered the departed sequence as predicted when sent again
    third.planned += list(departed)
    log.as_predicted(third)
    assert not log.answered(departed)  # still sent: a departure is always shown as sent


def test_a_planned_step_is_not_sent_again_only_when_a_sent_sequence_began_with_the_same_requests(api):
    counting = _Counting(api)
    log = Sequences()
    machine = machine_for(Session({"api": counting}, "/test-identities", count=2), True, log)
    sent = machine()
    sent.issue(who=0, kind="plain")
    sent.lock(pick=0, who=0, as_holder=True, locked=True)
    assert counting.sent > 2 and [s["status"] for s in log.runs[-1].steps] == [201, 200]  # the checks read too
    log.departed.append(Run())  # as once a sequence departed: hypothesis shrinks it
    again = machine()
    before = counting.sent
    again.issue(who=0, kind="plain")
    again.lock(pick=0, who=0, as_holder=True, locked=True)
    assert counting.sent == before and log.runs[-1].steps == []  # the same requests: known answered
    for who, kind in ((1, "plain"), (0, "holding")):  # another identity, another body: sent
        other = machine()
        other.issue(who=who, kind=kind)
        assert counting.sent > before and log.runs[-1].steps[0]["status"] == 201
        before = counting.sent
    longer = machine()  # known steps, then a new one: all sent, from the first, by a fresh machine
    longer.issue(who=0, kind="plain")
    longer.lock(pick=0, who=0, as_holder=True, locked=True)
    assert counting.sent == before
    longer.lock(pick=0, who=0, as_holder=True, locked=False)
    assert [s["status"] for s in log.runs[-1].steps] == [201, 200, 200]


def test_shrinking_reports_the_same_departure_sending_fewer_requests(api, monkeypatch):
    """The same machine and seed, every variant sent and the planned way: hypothesis runs the
    same sequences and reports the same shrunk departure, its steps sent."""

    def judged() -> tuple[int, int, dict[str, Any]]:
        counting = _Counting(api, lock_refused=True)
        s = Session({"api": counting}, "/test-identities", count=2)
        log, evidence = Sequences(), Evidence()
        run_machine(machine_for(s, True, log), log, evidence, random_seed=2, examples=5, steps=6)
        (finding,) = [e for e in evidence.items if e["kind"] == "finding"]
        return counting.sent, len(log.runs), finding

    with monkeypatch.context() as every_variant_sent:
        every_variant_sent.setattr(Sequences, "answered", lambda self, plan: False)
        sent_all, runs_all, found_all = judged()
    sent, runs, found = judged()
    assert _steps(found) == _steps(found_all) and _steps(found)[-1] == ("assets.stateful-locks", 409)
    assert found["text"]["key"] == found_all["text"]["key"] == "assets.stateful-step-status"
    assert runs == runs_all  # hypothesis ran as many sequences: each was judged alike
    assert sent < sent_all
    assert all(step["request"] for step in found["sequence"])  # the departure shown was sent
