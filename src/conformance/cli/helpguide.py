"""What every subcommand's help says beyond its options (a description, an example, its exit
codes: ``tests/cli/test_help_tree.py`` walks the tree and holds each to it), and the bounds of
a command that is not a run."""

from __future__ import annotations

import argparse
from typing import Any

from .._run.budgets import DEFAULTS, megabytes, positive_seconds

#: What a run's exit code means (run, validate, demo, replay).
RUN_EXITS = ("exit codes:\n  0 conformant (every claimed profile)\n  1 not conformant\n"
             "  2 bad input (one line: the file, the place, the fix)\n"
             "  3 the run could not complete (an unreachable target, interrupted, over its budget;\n"
             "    the report is marked incomplete)")


def exits(*codes: str) -> str:
    """The exit codes block of a command's help, one code a line ("0 listed", ...)."""
    return "exit codes:\n" + "\n".join(f"  {code}" for code in codes)


#: The exit codes of a command that only reads and prints (a listing, a lookup).
READ_EXITS = exits("0 done", "2 bad input (one line: the file, the place, the fix)")
#: ... of one that writes files (atomically: a file is whole or not there).
WRITE_EXITS = exits("0 written", "2 bad input (one line: the file, the place, the fix)",
                    "3 could not finish (an output could not be written; nothing half-written)")
#: ... of one that writes files within bounds (:func:`limit_options`).
BOUNDED_WRITE_EXITS = exits("0 written", "2 bad input (one line: the file, the place, the fix)",
                            "3 could not finish (past --time-limit/--memory-limit, or an output could not be "
                            "written; nothing half-written)")
#: ... of a group of commands: each subcommand's own help says its codes.
GROUP_EXITS = exits("0 the subcommand succeeded; each subcommand's --help says its other codes",
                    "2 bad input (no or an unknown subcommand)")


def guide(description: str, example: str, exits: str) -> dict[str, Any]:
    """A subcommand's help beyond its options: what it does, an example (or several, one a
    line), its exit codes. ``tests/cli/test_help_tree.py`` holds every subcommand to it."""
    examples = "\n".join(f"  {line}" for line in example.splitlines())
    return {"description": description, "epilog": f"example:\n{examples}\n\n{exits}",
            "formatter_class": argparse.RawDescriptionHelpFormatter}


def limit_options(p: argparse.ArgumentParser, bound: str, time_option: str = "--time-limit",
                  memory_option: str = "--memory-limit", what: str = "the command", time_note: str = "") -> None:
    """The bounds of a command that is not a run (or of a run's preparation): see budgets.py.
    Past one, the command stops with one line and exit code 3."""
    limits = DEFAULTS[bound]
    p.add_argument(time_option, type=positive_seconds, default=limits.seconds, metavar="SECONDS",
                   dest=f"{bound}_seconds",
                   help=f"wall-clock bound on {what} (default {limits.seconds:g}; 0: none){time_note}; past it: "
                        "one line, exit 3, nothing half-written")
    p.add_argument(memory_option, type=megabytes, default=limits.memory_mb, metavar="MB", dest=f"{bound}_memory_mb",
                   help=f"memory {what} may add to what it holds at its start, in MB (default {limits.memory_mb}; "
                        "0: none); past it: one line, exit 3")
    if bound != "prepare":
        p.set_defaults(bound=bound, bound_options=f"{time_option}/{memory_option}")
