"""The seeded state-machine driver (conformance.stateful): reproducible, shrinking, honest about flakiness."""

from __future__ import annotations

import pytest

from conformance import stateful as st
from conformance.stateful import Flaky, RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test


class TooHigh(AssertionError):
    pass


def counter_machine(log: list[list[str]], limit: int = 3) -> type[RuleBasedStateMachine]:
    class Counter(RuleBasedStateMachine):
        def __init__(self) -> None:
            self.value = 0
            self.steps: list[str] = []
            log.append(self.steps)

        @rule(by=st.integers(1, 1))
        def up(self, by: int) -> None:
            self.value += by
            self.steps.append("up")

        @precondition(lambda self: self.value > 0)
        @rule(twice=st.booleans(), what=st.sampled_from(["a", "b"]))
        def down(self, twice: bool, what: str) -> None:
            assert self.value > 0, "a precondition was not honoured"
            self.value -= 1
            self.steps.append("down")

        @rule()
        def noop(self) -> None:
            self.steps.append("noop")

        @invariant()
        def below_limit(self) -> None:
            if self.value >= limit:
                raise TooHigh(f"value {self.value} after {len(self.steps)} steps")

    return Counter


def test_a_failure_is_shrunk_to_the_shortest_sequence_and_replayed_last():
    log: list[list[str]] = []
    with pytest.raises(TooHigh, match="value 3 after 3 steps"):
        run_state_machine_as_test(counter_machine(log), examples=50, steps=30, seed=1)
    assert log[-1] == ["up", "up", "up"]


def test_the_same_seed_replays_the_same_sequences():
    runs = []
    for _ in range(2):
        log: list[list[str]] = []
        run_state_machine_as_test(counter_machine(log, limit=10_000), examples=5, steps=8, seed=42)
        runs.append(log)
    assert runs[0] == runs[1] and len(runs[0]) == 5 and all(len(steps) == 8 for steps in runs[0])
    other: list[list[str]] = []
    run_state_machine_as_test(counter_machine(other, limit=10_000), examples=5, steps=8, seed=43)
    assert other != runs[0]


def test_a_failure_that_does_not_come_back_is_flaky():
    calls = {"n": 0}

    class Once(RuleBasedStateMachine):
        @rule()
        def step(self) -> None:
            calls["n"] += 1
            if calls["n"] == 1:
                raise TooHigh("only the first time")

    with pytest.raises(Flaky, match="only the first time"):
        run_state_machine_as_test(Once, examples=3, steps=3, seed=0)
