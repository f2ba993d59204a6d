"""Where a run writes: its output folder, prepared and locked before the run spends any time,
the earlier run's reports set aside (and read for the ETA), the event log beside the report,
and what is left after an output failed. :mod:`conformance._run.engine` drives the run; the
writes themselves go through :mod:`conformance._io.outputs` (whole or not at all).
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import orjson

from .._catalog.model import Report
from .._io.outputs import FolderLock, lock_folder
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from ..errors import HarnessInputError, OutputFailed
from ..messages import msg
from .events import EventLog


def default_out_dir(product: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", product.lower()).strip("-")[:40] or "run"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path("reports") / f"{stamp}-{slug}"


def prepare_out_dir(path: Path) -> FolderLock:
    """Make sure the reports can be written before spending time on a run, lock the folder
    for this run (a second run with the same ``--out`` refuses with one line), and move an
    earlier run's reports aside: whatever happens to this run, the folder never shows an
    old report as if it were this run's. Returns the lock: the folder is this run's until
    it is closed (or collected)."""
    from ..report import check_report_names, set_aside_reports

    where = f"--out {path}"
    try:
        path.mkdir(parents=True, exist_ok=True)
        lock = lock_folder(path, where)
    except OSError as exc:
        raise HarnessInputError(where, f"cannot write reports there: {exc.strerror or exc}",
                                "choose a writable folder") from None
    try:
        # A probe that follows no link: created exclusively, unlinked as it is made.
        with tempfile.TemporaryFile(dir=path):
            pass
        set_aside_reports(path)
        check_report_names(path)
    except OSError as exc:
        lock.close()
        raise HarnessInputError(where, f"cannot write reports there: {exc.strerror or exc}",
                                "choose a writable folder") from None
    except BaseException:
        lock.close()
        raise
    return lock


def earlier_durations(out_dir: Path) -> dict[str, float]:
    """How long each test took in the run whose reports were just set aside (for the ETA);
    nothing when there was none or it cannot be read: an ETA is a courtesy, never a fault."""
    from ..report import PREVIOUS

    try:
        # within a cap, a regular file inside the output folder (``previous`` may be a link)
        data = orjson.loads(read_capped(out_dir / PREVIOUS / "report.json", MAX_DOCUMENT_BYTES, root=out_dir))
        return {str(t["nodeid"]): float(t["duration_s"]) for t in data.get("tests", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_event_log(log: EventLog, out_dir: Path) -> Path:
    """The run's events beside its report (whole or not at all), to replay or to feed a programme."""
    from .._io.outputs import atomic_write

    path = out_dir / EventLog.FILENAME
    atomic_write(path, log.data())
    return path


def salvage(report: Report, out_dir: Path, written: list[Path], failure: OutputFailed) -> OutputFailed:
    """After an output could not be written (a full disk, an I/O error): what this run wrote
    is removed (it would show a complete run), and report.json is written again marked
    incomplete, if the disk still takes it. Returns the failure to raise, saying which."""
    from .._io.outputs import atomic_write
    from ..report import FILENAMES, incomplete, report_json

    for path in written:
        with contextlib.suppress(OSError):
            path.unlink()
    marked = incomplete(report, msg("engine.output-failed", problem=failure.line()))
    try:
        atomic_write(out_dir / FILENAMES["json"], report_json(marked))
    except (OutputFailed, OSError):
        return OutputFailed(failure.location, failure.problem + "; no report could be written", failure.fix)
    return OutputFailed(failure.location, failure.problem + f"; {out_dir / FILENAMES['json']} is marked incomplete",
                        failure.fix)
