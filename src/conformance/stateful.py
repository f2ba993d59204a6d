"""Model-based tests driven by a seed: random sequences of rules, invariants checked after
every step, a failing sequence shrunk by removing steps while it still fails.

The registry's state machine (AS-REG-005) ran on hypothesis's ``RuleBasedStateMachine``,
whose own work per step (choosing among the rules whose preconditions hold, swarm flags,
recording every choice for its shrinker) cost more than the step's requests to a local
registry: about a third of an HTTP run's time outside the requests. This module offers the
same way of writing a machine (``rule``, ``precondition``, ``invariant``, and the
``sampled_from`` / ``integers`` / ``booleans`` of its arguments) with a driver that does
only what the test needs:

- sequence after sequence, each of ``steps`` steps, every random choice taken from one
  ``random.Random(seed)``: the same seed against the same target replays the same run;
- a step picks one of the rules whose preconditions hold (a rule listed twice weighs twice)
  and draws its arguments; then every invariant runs;
- the first failure stops the run. It is replayed once (a target that then answers
  differently raises :class:`Flaky`), then shrunk: chunks of steps, then single steps, are
  removed while the shorter sequence still fails (each try a replay against the target,
  within a budget), and the shortest failing sequence is replayed last, so the machine's
  record of that last replay is the sequence to report. Its exception is raised.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import TargetUnreachable

F = TypeVar("F", bound=Callable[..., Any])
#: Replays one shrinking may spend, per step of the failing sequence.
SHRINK_REPLAYS_PER_STEP = 8


class Flaky(Exception):
    """A sequence failed, then passed when replayed."""


@dataclass(frozen=True)
class Strategy:
    """Where a rule's argument comes from: ``draw(rng)``."""

    draw: Callable[[random.Random], Any]


def sampled_from(values: Sequence[Any]) -> Strategy:
    choices = list(values)
    return Strategy(lambda rng: choices[rng.randrange(len(choices))])


def integers(min_value: int, max_value: int) -> Strategy:
    return Strategy(lambda rng: rng.randint(min_value, max_value))


def booleans() -> Strategy:
    return Strategy(lambda rng: rng.random() < 0.5)


def rule(**arguments: Strategy) -> Callable[[F], F]:
    """A step the machine may take, with a strategy for each keyword argument."""
    def mark(function: F) -> F:
        function._stateful_rule = arguments  # type: ignore[attr-defined]
        return function
    return mark


def precondition(check: Callable[[Any], Any]) -> Callable[[F], F]:
    """The rule (or invariant) applies only while ``check(machine)`` is true."""
    def mark(function: F) -> F:
        function._stateful_preconditions = (*getattr(function, "_stateful_preconditions", ()), check)  # type: ignore[attr-defined]
        return function
    return mark


def invariant() -> Callable[[F], F]:
    """Checked after every step."""
    def mark(function: F) -> F:
        function._stateful_invariant = True  # type: ignore[attr-defined]
        return function
    return mark


class RuleBasedStateMachine:
    """Base of a machine: its rules and invariants are its methods marked so, in the order
    they are defined."""

    @classmethod
    def _marked(cls) -> tuple[list[tuple[Callable[..., Any], dict[str, Strategy]]], list[Callable[..., Any]]]:
        rules: list[tuple[Callable[..., Any], dict[str, Strategy]]] = []
        invariants: list[Callable[..., Any]] = []
        seen: set[str] = set()
        for klass in reversed(cls.__mro__):
            for name, member in vars(klass).items():
                if name in seen or not callable(member):
                    continue
                if hasattr(member, "_stateful_rule"):
                    seen.add(name)
                    rules.append((member, member._stateful_rule))
                elif getattr(member, "_stateful_invariant", False):
                    seen.add(name)
                    invariants.append(member)
        return rules, invariants


def _applies(function: Callable[..., Any], machine: Any) -> bool:
    return all(check(machine) for check in getattr(function, "_stateful_preconditions", ()))


Plan = list[tuple[int, int]]  # per step: which enabled rule, the seed of its arguments


class _Failed(Exception):
    def __init__(self, error: Exception, steps: int) -> None:
        self.error, self.steps = error, steps


def _play(machine_class: type[RuleBasedStateMachine], plan: Plan) -> None:
    """One sequence; raises :class:`_Failed` with how many steps of the plan it took."""
    rules, invariants = machine_class._marked()
    machine = machine_class()
    for taken, (pick, argument_seed) in enumerate(plan, 1):
        enabled = [(function, arguments) for function, arguments in rules if _applies(function, machine)]
        if not enabled:
            return
        function, arguments = enabled[pick % len(enabled)]
        rng = random.Random(argument_seed)
        values = {name: strategy.draw(rng) for name, strategy in arguments.items()}
        try:
            function(machine, **values)
            for check in invariants:
                if _applies(check, machine):
                    check(machine)
        except TargetUnreachable:
            raise
        except Exception as exc:  # noqa: BLE001 - any departure fails the sequence (and is shrunk)
            raise _Failed(exc, taken) from exc


def _fails(machine_class: type[RuleBasedStateMachine], plan: Plan) -> _Failed | None:
    try:
        _play(machine_class, plan)
    except _Failed as failed:
        return failed
    return None


def _shrink(machine_class: type[RuleBasedStateMachine], plan: Plan) -> Plan:
    """A shorter plan that still fails, found by removing chunks of steps, then single steps."""
    budget = SHRINK_REPLAYS_PER_STEP * len(plan)
    size = max(1, len(plan) // 2)
    while size >= 1 and budget > 0:
        start, removed = 0, False
        while start < len(plan) and budget > 0:
            candidate = plan[:start] + plan[start + size:]
            budget -= 1
            failed = _fails(machine_class, candidate) if candidate else None
            if failed is not None:
                plan, removed = candidate[:failed.steps], True
            else:
                start += 1  # every position, not only multiples of the chunk: steps come in pairs
        if not removed:
            size //= 2
    return plan


def run_state_machine_as_test(machine_class: type[RuleBasedStateMachine], *, examples: int, steps: int,
                              seed: int) -> None:
    """Run ``examples`` sequences of ``steps`` steps from ``seed``; raise the error of the
    shortest failing sequence (replayed last), or :class:`Flaky`."""
    rng = random.Random(seed)
    for _ in range(examples):
        plan = [(rng.getrandbits(32), rng.getrandbits(32)) for _ in range(steps)]
        failed = _fails(machine_class, plan)
        if failed is None:
            continue
        plan = plan[:failed.steps]
        again = _fails(machine_class, plan)
        if again is None:
            raise Flaky(str(failed.error).splitlines()[0] if str(failed.error) else type(failed.error).__name__)
        plan = _shrink(machine_class, plan)
        last = _fails(machine_class, plan)  # the shortest one, replayed last: the machine's last record
        if last is None:
            raise Flaky(str(again.error).splitlines()[0] if str(again.error) else type(again.error).__name__)
        raise last.error
