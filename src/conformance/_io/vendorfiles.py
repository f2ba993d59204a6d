"""One way to open a file the harness is given: every reader of a vendor's or user's file
goes through here (adapters, content references, assessments' evidence, plans, keys,
``verify``, ``report export``, the ETA's earlier report, the catalog cache).

- **Inside its root**: with ``root``, the path is resolved with its links followed and must
  stay inside ``root`` (itself resolved): compared component by component, never as a bare
  string prefix; the open descriptor is checked again (``/proc/self/fd``) so a link swapped
  in meanwhile is caught.
- **Regular files only**: opened without blocking (``O_NONBLOCK``, ``O_NOCTTY``) and checked
  on the open descriptor, so a FIFO, device or socket is refused, never waited on.
- **Size capped before reading**: the size is checked on the open descriptor, and no more
  than the cap is ever read, even from a file that grows meanwhile.

A refusal is :class:`Refused`, one line naming the file; each caller turns it into what it
means there (a finding for a target's file, bad input for the harness's own input, a
rejection in ``verify``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

#: The largest file hashed whole (content files, evidence, signed subjects): read in chunks,
#: memory stays flat, but time grows with the size.
MAX_HASH_BYTES = 1 << 30
#: A key file (PEM): a few hundred bytes.
MAX_KEY_BYTES = 64 * 1024
#: A document read whole and parsed (a report, an envelope, a cache entry).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
CHUNK_BYTES = 1 << 20

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(OSError):
    """A file the harness will not read: ``name`` and why (``problem``), in one line. An
    OSError, so that a reader already saying "cannot be read" in one line says this too."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


class TooLarge(Refused):
    """A file larger than the harness reads: a limit of the harness, not a fault of the file, so a
    check may judge it unreadable (inconclusive) where it judges the other refusals (a link out of
    the folder, no regular file) as the input's own."""


@dataclass(frozen=True)
class ResolvedRoot:
    """A root folder with its links followed once, for a caller opening many files inside
    it: ``verify`` hashes every subject of a run inside the run folder."""

    path: Path
    #: The root as the caller named it (before its links were followed), if known: a path
    #: below it is resolved from ``path`` on, not from ``/`` again (:func:`_below_resolved`).
    given: Path | None = None

    @classmethod
    def of(cls, root: Path) -> ResolvedRoot:
        return cls(root.resolve(), root)


def inside(path: Path, root: Path) -> Path | None:
    """``path`` with its links followed, if that stays inside ``root`` (resolved); else None."""
    resolved = _resolved_inside(path, root.resolve(), root)
    return None if resolved is None else Path(resolved)


def _resolved_inside(path: Path | str, base: Path, given: Path | None) -> str | None:
    """:func:`inside` as a string (what ``os.open`` takes: no ``Path`` parsed), ``base`` the root
    already resolved (a caller checking twice resolves it once) and ``given`` the root as named
    before it was resolved. What ``path.resolve()`` and ``is_relative_to`` decided, on strings:
    pathlib's parsing of each path it builds was most of ``verify``'s time per subject (issue 77)."""
    below = None if given is None else _below_resolved(str(path), str(given), str(base))
    if below is not None:
        return below
    try:
        resolved = os.path.realpath(path)
    except (OSError, RuntimeError):
        return None
    try:
        os.stat(resolved)  # as Path.resolve does: a link loop shows here, nothing else matters
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None
    return resolved if _within(resolved, str(base)) else None


def _below_resolved(path: str, given: str, base: str) -> str | None:
    """``path`` resolved, when it is named below the root ``given`` (resolved: ``base``) through
    plain names that are no links: ``base`` joined with those names, which is what
    ``os.path.realpath`` gives, without its ``lstat`` of every component from ``/`` down to the
    root (most of a subject's cost in ``verify``, issue 77). None (the full resolution decides)
    for anything else: a link, ``..``, a name that is not there."""
    prefix = given if given.endswith(os.sep) else given + os.sep
    if not path.startswith(prefix) or len(path) == len(prefix):
        return None
    resolved = base
    for name in path[len(prefix):].split(os.sep):
        if name in ("", ".", ".."):
            return None
        resolved = resolved + name if resolved.endswith(os.sep) else resolved + os.sep + name
        try:
            if stat.S_ISLNK(os.lstat(resolved).st_mode):
                return None
        except OSError:
            return None
    return resolved


def _within(resolved: str, base: str) -> bool:
    """Whether the absolute, normalized ``resolved`` is ``base`` or below it, component by
    component (``/a/bc`` is not inside ``/a/b``), as ``PurePath.is_relative_to`` decides."""
    return resolved == base or resolved.startswith(base if base.endswith(os.sep) else base + os.sep)


def open_regular(path: Path | str, *, root: Path | ResolvedRoot | None = None, max_bytes: int | None = None,
                 name: str | None = None) -> BinaryIO:
    """``path`` opened for binary reading, or :class:`Refused` (see the module's rules);
    OSError when it does not exist or cannot be opened."""
    shown = name or str(path)
    target: Path | str = path
    # The root's links followed once, for the check before opening and the one after (and
    # once for many files when the caller resolved it: a ResolvedRoot).
    base = root.path if isinstance(root, ResolvedRoot) else root.resolve() if root is not None else None
    if base is not None:
        found = _resolved_inside(path, base, root.given if isinstance(root, ResolvedRoot) else root)
        if found is None:
            raise Refused(shown, "leads outside its folder (a link or ../); it is not read")
        target = found
    fd = os.open(target, _FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(shown, "is not a regular file (a FIFO, device, socket or folder); it is not read")
        if base is not None:
            try:
                now = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:  # no /proc: the resolution above stands
                now = str(target)
            if not _within(now, str(base)):
                raise Refused(shown, "leads outside its folder (a link or ../); it is not read")
        if max_bytes is not None and info.st_size > max_bytes:
            raise TooLarge(shown, f"is {info.st_size} bytes, more than the {max_bytes} the harness reads")
    except BaseException:
        os.close(fd)
        raise
    # Outside the try: once the file object exists it owns ``fd``. An interrupt (SIGTERM as
    # KeyboardInterrupt) landing inside fdopen must not close ``fd`` here as well, or the
    # object's later close would shut whatever file reused the number (a log read: EBADF).
    return os.fdopen(fd, "rb")


def read_capped(path: Path, max_bytes: int, *, root: Path | ResolvedRoot | None = None,
                name: str | None = None) -> bytes:
    """The whole file, at most ``max_bytes`` (Refused when larger, also when it grew)."""
    with open_regular(path, root=root, max_bytes=max_bytes, name=name) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(name or str(path), f"grew past the {max_bytes} bytes the harness reads")
    return data


def read_input(path: Path, max_bytes: int, fix: str) -> bytes:
    """A harness input's whole file (read_capped); one that cannot be read is bad input, one line
    naming it, what is wrong and ``fix``."""
    from ..errors import HarnessInputError

    try:
        return read_capped(path, max_bytes)
    except OSError as exc:
        problem = exc.problem if isinstance(exc, Refused) else f"cannot be read: {exc.strerror or exc}"
        raise HarnessInputError(str(path), problem, fix) from None


def hash_capped(path: Path | str, max_bytes: int = MAX_HASH_BYTES, *, root: Path | ResolvedRoot | None = None,
                name: str | None = None) -> tuple[str, int]:
    """SHA-256 (lowercase hex) and length of the file, read in chunks, at most ``max_bytes``."""
    with open_regular(path, root=root, max_bytes=max_bytes, name=name) as handle:
        return hash_open(handle, name or str(path), max_bytes)


def hash_open(handle: BinaryIO, name: str, max_bytes: int = MAX_HASH_BYTES) -> tuple[str, int]:
    """SHA-256 and length of what ``handle`` holds from where it stands, read in chunks, at most ``max_bytes``
    (a file already opened by :func:`open_regular` and read from: the hash is of the bytes that were read)."""
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(name, f"grew past the {max_bytes} bytes the harness reads")
        digest.update(chunk)
    return digest.hexdigest(), size
