"""What hypothesis's engine alone executes for one state machine run with the suites' settings,
in instructions (valgrind's callgrind; run by hand, never from the test suite; about a minute).

    PYTHONPATH=src python bench/hypothesis_engine.py

The machine does nothing but draw: five rules shaped like the registry's (an asset, who acts,
whether as its holder, one more value), four with a precondition, two empty invariants. It is
run by ``conformance.areas.assets.stateful.run_machine`` itself (its settings, its seed
handling) with the profile's defaults, 40 sequences of at most 20 steps, under the hypothesis
home a run sets (``HypothesisHome``). Only that call is
counted (``http_instructions.callgrind``: through ``itertools.starmap``, collecting only while
CPython's ``starmap_next`` is on the stack), so the imports are left out. Prints the
instructions of the run and per step: what each step of the HTTP suites' two state machines
costs before any request is sent (issue 48).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from http_instructions import callgrind  # noqa: E402  (beside this script)


def _child() -> None:
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

    from conformance import Evidence, msg
    from conformance._run.surroundings import HypothesisHome
    from conformance.areas.assets.stateful import run_machine

    steps = [0]
    who, holder, pick = st.sampled_from(range(3)), st.sampled_from([True, True, True, False]), st.integers(0, 1)

    class Machine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.assets = 0

        @rule(pick=pick, who=who, as_holder=holder)
        def issue(self, pick: int, who: int, as_holder: bool) -> None:
            steps[0] += 1
            self.assets += 1

        @precondition(lambda self: self.assets)
        @rule(pick=pick, who=who, as_holder=holder, to=who)
        def transfer(self, pick: int, who: int, as_holder: bool, to: int) -> None:
            steps[0] += 1

        @precondition(lambda self: self.assets)
        @rule(pick=pick, who=who, as_holder=holder)
        def burn(self, pick: int, who: int, as_holder: bool) -> None:
            steps[0] += 1

        @precondition(lambda self: self.assets)
        @rule(pick=pick, who=who, as_holder=holder, locked=st.booleans())
        def lock(self, pick: int, who: int, as_holder: bool, locked: bool) -> None:
            steps[0] += 1

        @precondition(lambda self: self.assets)
        @rule(pick=pick, who=who, as_holder=holder, locked=st.booleans())
        def unlock(self, pick: int, who: int, as_holder: bool, locked: bool) -> None:
            steps[0] += 1

        @invariant()
        def states_match(self) -> None:
            pass

        @invariant()
        def listings_match(self) -> None:
            pass

    # As in a run: hypothesis in the run's own home, drawing no "local constants" (it would read
    # the source of every module loaded from the checkout), and the note run_machine ends with
    # written once beforehand (its messages file is read on first use, long before in a run).
    home = HypothesisHome()
    home.apply()
    try:
        Evidence().note(msg("assets.stateful-all-predicted", sequences=0, mutations=0))
        run = partial(run_machine, random_seed=20240501, examples=40, steps=20)
        list(itertools.starmap(run, [(Machine, [], Evidence())]))
    finally:
        home.restore()
    print(steps[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    if parser.parse_args().child:
        _child()
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    instructions, printed = callgrind(__file__, "the machine", Path("/dev/null"), "--child")
    steps = int(printed.split()[-1])
    print(f"one state machine run, 40 sequences of at most 20 steps: {steps} steps")
    print(f"{'instructions':24} {instructions:>16,}")
    print(f"{'per step':24} {instructions / steps:>16,.0f}")


if __name__ == "__main__":
    sys.exit(main())
