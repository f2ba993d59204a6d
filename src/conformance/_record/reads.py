"""The files checks read beyond what their adapters opened (a glTF's external buffers, a
content file a metadata document points to, what an official validator read): each becomes a
subject of the run, so a file swapped after signing is caught.

What is read belongs to one run: the run binds its own :class:`Reads` while its checks run
(:func:`reading`), and a check records into whichever run is current. A check called with no
run (a library caller, a unit test) records into nothing. Nothing is kept process-wide, so two
runs in one process (the warm process, a programme's runs) never see each other's reads.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from contextvars import ContextVar
from pathlib import Path

from . import bound


class Reads:
    """The files one run's checks read: resolved path -> the SHA-256 of the bytes judged
    (None when the check did not hash them)."""

    def __init__(self) -> None:
        self._files: dict[Path, str | None] = {}

    def add(self, path: Path, sha256: str | None = None) -> None:
        resolved = path.resolve()
        if sha256 is not None or resolved not in self._files:
            self._files[resolved] = sha256

    def files(self) -> dict[Path, str | None]:
        return dict(self._files)


_current: ContextVar[Reads | None] = ContextVar("conformance_reads", default=None)


def reading(reads: Reads) -> AbstractContextManager[Reads]:
    """Record what checks read into ``reads`` while the block runs."""
    return bound(_current, reads)


def record_read(path: Path, sha256: str | None = None) -> None:
    """A check read ``path`` (and found ``sha256``, when it hashed the bytes it judged): the
    file becomes a subject of the current run. Safe to call for the same file again."""
    reads = _current.get()
    if reads is not None:
        reads.add(path, sha256)
