"""``conformance programme watch``'s command line: what each cycle saw, one line a participant."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from .._catalog.catalog import Catalog
from ..errors import ExitCode, HarnessInputError
from .spec import Programme
from .watch import UNOBSERVED, Cycle, watch, watch_once


def watch_command(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    """Exit 0 every watched certificate is in force and not suspended, 1 one is suspended, 3 a
    participant could not be observed (and none is suspended); a schedule runs until interrupted."""
    out: Path = args.out or programme.default_out()

    def said(cycle: Cycle) -> None:
        if not cycle.observations:
            console.print(f"{programme.id}: no participant holds a certificate in force to watch", highlight=False,
                          markup=False)
        for seen in cycle.observations:
            changed = [f"suspended {c}" for c in seen.suspended] + [f"reinstated {c}" for c in seen.reinstated]
            console.print(f"{seen.participant}: {seen.seen}: {seen.why}" + ("; " + ", ".join(changed) if changed
                                                                            else ""),
                          highlight=False, markup=False, soft_wrap=True)
        for line in cycle.witnessing:
            console.print(f"not cosigned: {line}", highlight=False, markup=False)
        for path in cycle.files:
            console.print(f"wrote {path}", highlight=False, markup=False, style="dim")

    if args.once:
        cycle = watch_once(programme, catalog, out, args.participant, Console(stderr=True))
        said(cycle)
    else:
        minutes = programme.watch_interval_minutes
        if args.interval is None and minutes is None:
            raise HarnessInputError(f"{programme.path} at $.watch", "no schedule: watch.interval_minutes is not set",
                                    "set watch.interval_minutes in the programme file, give --interval SECONDS, or "
                                    "run one cycle with --once")
        interval = args.interval if args.interval is not None else float(minutes or 0) * 60
        try:
            cycle = watch(programme, catalog, out, interval_s=interval, participants=args.participant, report=said)
        except KeyboardInterrupt:
            return ExitCode.OK
    if cycle.still_suspended:
        return ExitCode.REJECTED
    return ExitCode.INCOMPLETE if any(o.seen == UNOBSERVED for o in cycle.observations) else ExitCode.OK
