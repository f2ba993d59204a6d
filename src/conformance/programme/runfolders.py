"""What the history reads of a run's folder: its report folded from the event log, one verdict
row per profile and requirement, and the digests of its attestation and report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson

from .._catalog.model import Report
from .._run.aggregation import replay_file
from .._run.events import EventLog
from ..errors import HarnessInputError


def folder_digest(path: Path, cap: int | None = None) -> str | None:
    """The sha256 of a run's attestation (or, with ``cap``, its report), as its folder holds it
    (a run's folder is anyone's: read as a regular file, without blocking, bounded; None when
    there is none to read)."""
    from .._io.vendorfiles import MAX_DOCUMENT_BYTES, hash_capped

    try:
        return hash_capped(path, cap or MAX_DOCUMENT_BYTES)[0]
    except OSError:
        return None


def fold(report_dir: Path) -> tuple[Report | None, str]:
    """The run's report folded from its event log, or why there is none."""
    log = report_dir / EventLog.FILENAME
    if not log.is_file():
        return None, "no event log: the run wrote no report"
    try:
        return replay_file(log), ""
    except HarnessInputError as exc:
        return None, exc.line()


def verdict_rows(run_id: str, report: Report) -> Iterator[tuple[str, str, str, str, str]]:
    """One row per (profile, requirement): the verdict of the case judged with that profile's
    own parameters (or the requirement's, when it takes none)."""
    for req in report.requirements:
        for profile in req.profiles:
            case = next((c for c in req.cases if profile in c.profiles), None)
            verdict, parameters = (case.verdict, case.parameters) if case else (req.verdict, {})
            yield (run_id, profile, req.requirement, verdict.value,
                   orjson.dumps(parameters, option=orjson.OPT_SORT_KEYS).decode())
