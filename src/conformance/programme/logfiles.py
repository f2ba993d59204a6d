"""The programme log's files on disk (:mod:`.ledger`): read whole within a cap, a line appended
and fsynced (cut back on failure), the frontier cache replaced, a torn tail cut, the folder's
writer lock. Split from :mod:`.ledger` so that the log's logic reads apart from the system calls
it makes durable."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .._io.outputs import check_destination, disk_failure
from .._io.vendorfiles import MAX_HASH_BYTES, open_regular, read_capped
from ..errors import HarnessInputError


def held(path: Path) -> bytes | None:
    """What a published file holds now (None: nothing readable there), to leave it when unchanged."""
    try:
        return read_capped(path, MAX_HASH_BYTES)
    except OSError:
        return None


def read_log_file(path: Path) -> bytes:
    """A file of the log, whole, opened without blocking (a FIFO or device in its place is
    refused, never waited on) and within its cap; one line (bad input) when it cannot be read."""
    try:
        return read_capped(path, MAX_HASH_BYTES)
    except OSError as exc:
        raise HarnessInputError(str(path), "the programme log cannot be read: "
                                f"{getattr(exc, 'problem', None) or exc.strerror or exc}",
                                "make it readable, or restore it from its backup") from None


def append_bytes(path: Path, data: bytes, length: int) -> None:
    """``data`` written at the end of ``path`` (``length`` bytes long) and fsynced; on failure
    the file is cut back to ``length``, so nothing half-written stays."""
    check_destination(path)
    created = not path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as exc:
        raise disk_failure(path, exc) or HarnessInputError(
            str(path), f"the programme log cannot be written: {exc.strerror or exc}",
            "make the folder beside the history writable") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, length)
        raise disk_failure(path, exc) or exc from None
    finally:
        os.close(fd)
    if created:
        fsync_folder(path.parent)


def cache_write(path: Path, data: bytes) -> None:
    """``tree.json`` replaced whole (a temporary file renamed over it) but not fsynced: it is a
    cache checked against the signed head before use (:meth:`.ledger.ProgrammeLog._tip`), so what a
    power cut leaves of it costs one rebuild from the leaves, not a wrong head; and an append
    pays one fsync fewer."""
    check_destination(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise disk_failure(path, exc) or exc from None


def ends_a_line(path: Path, length: int) -> bool:
    """Whether the first ``length`` bytes of ``path`` end with a whole line (one byte read)."""
    if length == 0:
        return True
    try:
        with open_regular(path) as handle:
            handle.seek(length - 1)
            return handle.read(1) == b"\n"
    except OSError:
        return False  # not the file the cache describes: the leaves are read again


def truncate(path: Path, length: int) -> None:
    """``path`` cut to its first ``length`` bytes, durably."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.ftruncate(fd, length)
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """A new file's name made durable (not on every system: Windows cannot open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def exclusive(folder: Path | None) -> Iterator[None]:
    """Hold the log folder's lock (``.lock`` in it, ``flock``, waiting for another writer)."""
    if folder is None:
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise disk_failure(folder, exc) or HarnessInputError(
            str(folder), f"the programme log cannot be written: {exc.strerror or exc}",
            "make the folder beside the history writable") from None
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except (ImportError, OSError):  # no flock here: the database's own lock is all there is
            pass
        yield
    finally:
        os.close(fd)  # releases the lock
