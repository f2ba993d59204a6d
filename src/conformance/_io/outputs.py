"""One way to write: every file the harness writes goes through here.

- **Whole or not at all**: a temporary file in the destination's own folder, written,
  flushed and fsynced, then renamed over the destination (or, for files that must never be
  overwritten, hard-linked to it: the link fails if the name is taken).
- **Never through a link the harness did not make**: a destination that is a symbolic link
  (dangling or not), or anything but a regular file, is refused as bad input, naming it;
  it is neither followed nor replaced.
- **One run per output folder**: :func:`lock_folder` holds an advisory lock on the folder
  itself (no lock file to plant a link at) while a run sets earlier reports aside and
  writes its own; a second run refuses with one line instead of racing the first.
- **A failing disk is one line**: ENOSPC, EDQUOT, EFBIG, EIO and EROFS become
  :class:`~conformance.errors.OutputFailed` (exit code 3), with the temporary file removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import HarnessInputError, OutputFailed

#: What a full or failing disk raises: the run could not complete (exit 3), not bad input.
DISK_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS") if hasattr(errno, name)
)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def disk_failure(path: Path | str, exc: OSError) -> OutputFailed | None:
    """``exc`` as an OutputFailed naming ``path`` when it is the disk failing, else None."""
    if exc.errno not in DISK_ERRNOS:
        return None
    return OutputFailed(str(path), f"could not be written: {exc.strerror or exc}",
                        "free some space or fix the disk, then run again")


def check_destination(path: Path, what: str | None = None) -> None:
    """Refuse a destination that is a symbolic link or not a regular file (bad input): the
    harness writes only files it makes, never through a link."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise HarnessInputError(what or str(path), f"cannot be written: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise HarnessInputError(what or str(path), "is a symbolic link; the harness never writes through a link",
                                "remove the link or choose another path")
    if not stat.S_ISREG(info.st_mode):
        raise HarnessInputError(what or str(path), "exists and is not a regular file",
                                "choose another path")


@contextlib.contextmanager
def atomic_output(path: Path, *, mode: int | None = None, exclusive: bool = False,
                  what: str | None = None) -> Iterator[BinaryIO]:
    """A binary file to write ``path``'s new contents into; ``path`` gets them whole when the
    block ends without an exception, and is left as it was otherwise.

    ``mode``: the file's permissions (default: 0666 less the umask); ``exclusive``: never
    replace an existing ``path`` (bad input if it exists, link or not); ``what``: how a
    refusal names the destination (default: the path)."""
    check_destination(path, what)
    if exclusive and os.path.lexists(path):
        raise HarnessInputError(what or str(path), "already exists", "choose another name; it is never overwritten")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise disk_failure(path, exc) or HarnessInputError(
            what or str(path), f"cannot be written: {exc.strerror or exc}", "choose a writable folder") from None
    try:
        try:
            # mkstemp creates 0600; an output is an ordinary file, readable as the umask allows.
            os.fchmod(fd, 0o666 & ~_umask() if mode is None else mode)
            # fdopen owns the descriptor from the call on: never closed here again, even when an
            # interrupt lands inside the call (a second close would shut a reused number).
            owned, fd = fd, -1
            with os.fdopen(owned, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            check_destination(path, what)  # planted while we wrote? still never through it
            if exclusive:
                try:
                    os.link(tmp, path, follow_symlinks=False)
                except FileExistsError:
                    raise HarnessInputError(what or str(path), "already exists",
                                            "choose another name; it is never overwritten") from None
                os.unlink(tmp)
            else:
                os.replace(tmp, path)
        except OSError as exc:
            failure = disk_failure(path, exc)
            if failure is None:
                raise
            raise failure from None
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write(path: Path, data: bytes, *, mode: int | None = None, exclusive: bool = False,
                 what: str | None = None) -> None:
    """Write ``data`` to ``path`` whole or not at all (see :func:`atomic_output`)."""
    with atomic_output(path, mode=mode, exclusive=exclusive, what=what) as handle:
        handle.write(data)


class FolderLock:
    """An exclusive advisory lock (``flock``) on an output folder, held until :meth:`close`."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = -1

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


def lock_folder(path: Path, what: str) -> FolderLock:
    """Lock ``path`` (an existing folder) for this process, or refuse with one line when
    another run holds it. Where ``flock`` does not exist, no lock is taken."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return FolderLock(fd)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise HarnessInputError(what, "another run is writing its reports there",
                                "wait for it to finish, or choose another --out") from None
    except OSError:  # a file system without locks: run unlocked rather than not at all
        pass
    return FolderLock(fd)
