"""What hypothesis's engine alone executes for one state machine run with the suites' settings,
in instructions (valgrind's callgrind; run by hand, never from the test suite; about a minute).

    PYTHONPATH=src python bench/hypothesis_engine.py

The machine does nothing but draw: five rules shaped like the registry's (an asset, who acts,
whether as its holder, one more value), four with a precondition, two empty invariants; 40
sequences of at most 20 steps, the profile's defaults, with the settings of
``conformance.areas.assets.stateful.run_machine``. Only the call that runs it is counted (as
``bench/http_instructions.py`` does: through ``itertools.starmap``, collecting only while
CPython's ``starmap_next`` is on the stack), so hypothesis's import is left out. Prints the
instructions of the run and per step: what each step of the HTTP suites' two state machines
costs before any request is sent (issue 48).
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import subprocess
import sys
from functools import partial

COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _child() -> None:
    from hypothesis import HealthCheck, Phase, Verbosity, seed, settings
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

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

    config = settings(max_examples=40, stateful_step_count=20, deadline=None, database=None,
                      verbosity=Verbosity.quiet, print_blob=False, report_multiple_bugs=False,
                      suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
    list(itertools.starmap(partial(run_state_machine_as_test, settings=config), [(seed(20240501)(Machine),)]))
    print(steps[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    if parser.parse_args().child:
        _child()
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    done = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=starmap_next",
                           "--callgrind-out-file=/dev/null", sys.executable, __file__, "--child"],
                          capture_output=True, text=True, check=False)
    found = COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"the machine failed under valgrind (exit {done.returncode}):\n{done.stderr[-3000:]}")
    steps = int(done.stdout.split()[-1])
    instructions = int(found.group(1))
    print(f"one state machine run, 40 sequences of at most 20 steps: {steps} steps")
    print(f"{'instructions':24} {instructions:>16,}")
    print(f"{'per step':24} {instructions / steps:>16,.0f}")


if __name__ == "__main__":
    sys.exit(main())
