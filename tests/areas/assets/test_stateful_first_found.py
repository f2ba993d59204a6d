"""``run_machine(shrink=False)`` (the trading seeds' runs, tests/areas/assets/test_trading_seeds.py)
judges the departing sequence as first run: hypothesis does not run it again to raise it, and
what it raised is judged as after a replay (a departure a finding, an unserved read unjudged)."""

from __future__ import annotations

from hypothesis.stateful import RuleBasedStateMachine, rule

from conformance import Evidence
from conformance.areas.assets.sequences import Divergence, Sequences, Unserved
from conformance.areas.assets.stateful import run_machine


def _machine(raised: type[Exception]) -> tuple[type[RuleBasedStateMachine], list[int]]:
    """A machine whose third step of any sequence raises ``raised``; the list counts the steps run."""
    steps: list[int] = []

    class Departing(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        @rule()
        def step(self) -> None:
            self.count += 1
            steps.append(self.count)
            if self.count == 3:
                raise (raised("departed") if raised is Divergence
                       else raised("GET /assets/x/state", "the state", 503))

    return Departing, steps


def test_without_shrinking_the_departing_sequence_runs_once_and_is_a_finding():
    machine, steps = _machine(Divergence)
    evidence = Evidence()
    run_machine(machine, Sequences(), evidence, random_seed=1, examples=5, steps=10, shrink=False)
    assert steps == [1, 2, 3]  # hypothesis's final replay would run 1, 2, 3 again
    (finding,) = [e for e in evidence.items if e["kind"] == "finding"]
    assert "departed" in str(finding["message"])


def test_with_shrinking_the_departing_sequence_is_replayed():
    machine, steps = _machine(Divergence)
    evidence = Evidence()
    run_machine(machine, Sequences(), evidence, random_seed=1, examples=5, steps=10)
    assert steps[:3] == [1, 2, 3] and len(steps) > 3 and steps[-3:] == [1, 2, 3]
    assert [e["kind"] for e in evidence.items].count("finding") == 1


def test_without_shrinking_an_unserved_read_leaves_the_run_unjudged():
    machine, steps = _machine(Unserved)
    evidence = Evidence()
    run_machine(machine, Sequences(), evidence, random_seed=1, examples=5, steps=10, shrink=False)
    assert steps == [1, 2, 3]
    (note,) = evidence.items
    assert note["kind"] == "note" and "GET /assets/x/state answered 503" in str(note["message"])
