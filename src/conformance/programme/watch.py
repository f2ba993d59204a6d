"""``conformance programme watch``: continuous conformance of certified participants.

Each cycle runs again every watched participant that holds a certificate (valid, not
revoked, as the programme log says), through the same dispatch as ``programme run`` (local
or Dask), then judges the participant's new run from its leaf in the programme log:

- a whole run (finished, complete) in which a profile of the certification plan is
  ``not_conformant`` is a **regression**: each of the participant's certificates not
  suspended yet is suspended, a ``certificate-suspended`` leaf naming the run as evidence;
- a whole run conformant to every profile of the plan reinstates each suspended one
  (``certificate-reinstated``);
- anything else (the target unreachable, the manifest broken, the run interrupted, a profile
  ``incomplete``, no new run recorded) **could not observe** the product, and the cycle says
  so; once the participant's runs in the log since the certificate's issue end with
  ``watch.suspend_after_unobserved`` (default 3) such runs in a row, its certificates are
  suspended too, the reason saying how many runs could not observe it and why the latest
  could not: a product kept out of sight (one that regressed and then broke its own manifest)
  does not stay certified for ever.

Whether a certificate is suspended is read from the log (:class:`.audit.LogView`), never from
the history's ``suspensions`` rows, so a row inserted behind the programme's back suspends or
reinstates nothing. After the changes both status lists are published afresh (revocation and
``suspension``, :func:`.certify.publish_status`), with the log; every change is a leaf under
a signed head like any other, and the published checkpoint that records it is cosigned by the
programme's witnesses (:func:`.cosign.cosign_latest`).

The schedule is ``watch.interval_minutes`` in the programme file (or ``--interval``); the
clock and the sleep are parameters, so a test runs cycles without waiting.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

from .._catalog.catalog import Catalog
from .._io.jsontypes import JsonObject
from ..errors import HarnessInputError
from . import logformat
from .audit import LogView
from .certify import _requirements, believed_log, publish_status
from .cohort import run_programme
from .history import FINISHED, open_history
from .spec import Programme

PASSING, REGRESSED, UNOBSERVED = "passing", "regressed", "could not observe"


@dataclass
class Observation:
    """What one cycle saw of one participant, and what it changed."""

    participant: str
    run_id: str | None
    seen: str  # PASSING, REGRESSED or UNOBSERVED
    why: str
    suspended: list[str] = field(default_factory=list)  # certificate ids suspended by this cycle
    reinstated: list[str] = field(default_factory=list)


@dataclass
class Cycle:
    observations: list[Observation] = field(default_factory=list)
    #: certificate ids suspended after the cycle (by it or earlier)
    still_suspended: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    #: a witness that gave no cosignature of the checkpoint after the cycle's changes, and why
    witnessing: list[str] = field(default_factory=list)


def watched(programme: Programme, view: LogView, now: datetime, participants: list[str] | None = None
            ) -> dict[str, list[JsonObject]]:
    """Each watched participant and its certificates in force (issued in the log, not revoked,
    within their validity): ``participants`` named, else the programme's ``watch.participants``,
    else every participant."""
    wanted = set(participants or programme.watch_participants or [p.id for p in programme.participants])
    found: dict[str, list[JsonObject]] = {}
    for certificate_id, (_, row) in view.certificates.items():
        if row["participant"] in wanted and certificate_id not in view.revoked \
                and datetime.fromisoformat(str(row["valid_until"]).replace("Z", "+00:00")) > now:
            found.setdefault(str(row["participant"]), []).append(row)
    return found


def judge(view: LogView, run_id: str | None, before: str | None, profiles: list[str]) -> tuple[str, str]:
    """What the participant's latest run in the log (``run_id``; ``before``: its latest before
    the cycle) says of the product: (PASSING | REGRESSED | UNOBSERVED, why)."""
    if run_id is None or run_id == before or run_id not in view.runs:
        return UNOBSERVED, "no new run was recorded"
    entry = view.runs[run_id][1]
    run, outcomes = entry["run"], entry["outcomes"]
    if run["status"] != FINISHED or not run["complete"]:
        return UNOBSERVED, f"run {run_id} is {run['status']}, not a whole run (exit {run['exit_code']})"
    failing = [f"{p} {outcomes[p]}" for p in profiles if outcomes.get(p) == "not_conformant"]
    if failing:
        return REGRESSED, f"run {run_id}: " + ", ".join(failing)
    short = [f"{p} {outcomes.get(p, 'not judged')}" for p in profiles if outcomes.get(p) != "conformant"]
    if short:
        return UNOBSERVED, f"run {run_id}: " + ", ".join(short)
    return PASSING, f"run {run_id}: every profile of the plan conformant"


def unobserved_streak(view: LogView, participant: str, since: int, profiles: list[str]) -> list[str]:
    """The participant's latest runs in the log after leaf ``since`` (its certificate's issue)
    that could not observe the product, newest first, back to the latest run that did (passing
    or regressed): the runs in a row the programme's ``suspend_after_unobserved`` counts."""
    streak: list[str] = []
    for run_id, (index, entry) in reversed(view.runs.items()):
        if index <= since:
            break
        if entry["run"]["kind"] != "participant" or entry["run"]["participant"] != participant:
            continue
        if judge(view, run_id, None, profiles)[0] != UNOBSERVED:
            break
        streak.append(run_id)
    return streak


def watch_once(programme: Programme, catalog: Catalog, out: Path, participants: list[str] | None = None,
               console: Console | None = None) -> Cycle:
    """One cycle: run the watched participants again, suspend or reinstate, publish the lists."""
    for name in participants or ():
        programme.participant(name)  # an unknown one is bad input
    plan, key, site = _requirements(programme, catalog)
    out = out.absolute()
    cycle = Cycle()
    with open_history(programme) as history:
        view = believed_log(history, programme)
    certified = watched(programme, view, datetime.now(UTC), participants)
    before = {name: view.latest.get(name) for name in certified}
    if certified:
        subset = dataclasses.replace(programme, participants=tuple(
            p for p in programme.participants if p.id in certified))
        run_programme(subset, catalog, out, rerun=True, interop=False, console=console)
    with open_history(programme) as history:
        view = believed_log(history, programme)
        for name, certificates in sorted(certified.items()):
            run_id = view.latest.get(name)
            profiles = sorted(plan.profiles)
            seen, why = judge(view, run_id, before[name], profiles)
            observation = Observation(name, run_id if run_id != before[name] else None, seen, why)
            for row in certificates:
                certificate_id = str(row["certificate_id"])
                suspended = certificate_id in view.suspended
                if seen == REGRESSED and not suspended:
                    history.change_suspension(logformat.SUSPENDED, certificate_id, str(run_id), why)
                    observation.suspended.append(certificate_id)
                elif seen == PASSING and suspended:
                    history.change_suspension(logformat.REINSTATED, certificate_id, str(run_id), why)
                    observation.reinstated.append(certificate_id)
                elif seen == UNOBSERVED and not suspended:
                    streak = unobserved_streak(view, name, view.certificates[certificate_id][0], profiles)
                    if len(streak) >= programme.watch_unobserved_limit:
                        history.change_suspension(logformat.SUSPENDED, certificate_id, streak[0], unobserved_reason(
                            len(streak), programme.watch_unobserved_limit, why))
                        observation.suspended.append(certificate_id)
            cycle.observations.append(observation)
        cycle.still_suspended = sorted(believed_log(history, programme).suspended)
        if certified:  # the published checkpoint, after a change, cosigned by the witnesses
            cycle.files = publish_status(programme, key, site, history, out, datetime.now(UTC), cycle.witnessing)
    return cycle


def unobserved_reason(runs: int, limit: int, why: str) -> str:
    """The reason a suspension for a product nobody could observe carries (the log, the site, verify)."""
    return (f"could not observe the product in {runs} runs in a row (the programme suspends after {limit}: "
            f"watch.suspend_after_unobserved); the latest: {why}")


def watch(programme: Programme, catalog: Catalog, out: Path, *, interval_s: float, participants: list[str] | None,
          report: Callable[[Cycle], None], cycles: int | None = None,
          clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> Cycle:
    """Cycles every ``interval_s`` seconds (measured from each cycle's start: a slow cycle does
    not push the schedule), ``cycles`` of them (None: until interrupted); the last cycle."""
    if interval_s <= 0:
        raise HarnessInputError("--interval", f"{interval_s:g} is not a positive number of seconds",
                                "give how often to run the watched participants again")
    done = 0
    while True:
        started = clock()
        cycle = watch_once(programme, catalog, out, participants, Console(stderr=True))
        report(cycle)
        done += 1
        if cycles is not None and done >= cycles:
            return cycle
        sleep(max(0.0, started + interval_s - clock()))
