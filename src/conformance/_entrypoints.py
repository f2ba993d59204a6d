"""The installed packages' entry points, scanned once while the packages stay as they were:
``importlib.metadata.entry_points()`` reads and parses every package's metadata (~3.5 ms),
and a process asks it for areas, plug-in catalogs, adapters and the reference, each catalog
load and lint again. A stat fingerprint of what that scan reads (:func:`_fingerprint`) tells
whether the last scan still holds; within :func:`one_scan` one fingerprint serves an
operation's asks. Below :mod:`conformance._areas`, which answers from it; imports nothing of
the harness.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib.metadata import EntryPoint, entry_points
from typing import Any


def _fingerprint() -> tuple[object, ...] | None:
    """What ``importlib.metadata.entry_points()`` answers from, without parsing it: every
    ``sys.path`` entry in order, the distribution folders in each (in the order the metadata
    finder lists them) and each one's ``entry_points.txt`` by modification time, size and
    inode (a stat of what is no folder: a zip). An install, a removal or an edit of an entry
    point changes it. None where a finder other than the path finder may bring
    distributions: nothing is shared then."""
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return None
    seen: list[object] = []
    for entry in sys.path:
        folder = entry or os.curdir
        seen.append(folder)
        listed = _distributions(folder)
        if listed is None:
            seen.append(_stat(folder))
            continue
        for name, entry_points_txt, path in listed:
            # none, or no folder (an egg-info file, a zipped egg): the entry itself
            seen.append((name, _stat(entry_points_txt) or _stat(path)))
    return tuple(seen)


#: a folder's signature, as git's index records a file's: what an added, removed or renamed
#: entry cannot keep (its size, inode, change and modification times)
Signature = tuple[int, int, int, int]
#: a signature whose times lie this close to when it was taken is not trusted: file systems
#: stamp times from a coarse clock (a tick of a few ms; whole seconds on some), so a second
#: change within one tick keeps every field (git's "racily clean" entry; cli/warm.py's too)
RACY_NS = 2 * 10**9


def signature(status: os.stat_result) -> Signature:
    """Size and inode, and the change time (which no user call sets back) beside the
    modification time (which ``utime`` does)."""
    return status.st_size, status.st_ino, status.st_ctime_ns, status.st_mtime_ns


def racy(status: os.stat_result) -> bool:
    """Whether a change could still come within the same clock tick as ``status``'s last one."""
    return max(status.st_ctime_ns, status.st_mtime_ns) >= time.time_ns() - RACY_NS


#: sys.path folder -> (its signature when listed, its distributions: name, entry_points.txt, path)
_LISTED: dict[str, tuple[Signature, tuple[tuple[str, str, str], ...]]] = {}


def _distributions(folder: str) -> tuple[tuple[str, str, str], ...] | None:
    """The distributions of a ``sys.path`` folder (None: no folder), listed again only when
    the folder's signature moved (an install or removal adds or removes an entry), or was
    racy when it was listed: ``listdir`` of every ``sys.path`` folder was a third of the
    fingerprint; the ~175 stats of a virtual environment's ``entry_points.txt`` stay (an
    edit in place changes no folder)."""
    try:
        status = os.stat(folder)
    except OSError:
        return None
    held = _LISTED.get(folder)
    if held is not None and held[0] == signature(status):
        return held[1]
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    listed = tuple((name, os.path.join(folder, name, "entry_points.txt"), os.path.join(folder, name))
                   for name in names if name.endswith((".dist-info", ".egg-info", ".egg")))
    if not racy(status):
        _LISTED[folder] = (signature(status), listed)
    return listed


def _stat(path: str) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


#: (fingerprint, what ``entry_points()`` answered then: its ``select(group=...)`` serves each group)
_SCANNED: tuple[tuple[object, ...], Any] | None = None


#: set while one operation (a catalog load, a lint) runs: the first ask's scan, which serves
#: its other asks (a context variable: another thread's asks are its own)
_ONE_SCAN: ContextVar[list[Any] | None] = ContextVar("_ONE_SCAN", default=None)


@contextmanager
def one_scan() -> Iterator[None]:
    """The installed packages as the operation's first ask finds them, for all its asks: a
    catalog load asks for plug-in catalogs and adapters, a lint for the reference and the
    adapters again, each a fingerprint (:func:`_fingerprint`). Nested, the outer one holds."""
    if _ONE_SCAN.get() is not None:
        yield
        return
    token = _ONE_SCAN.set([])
    try:
        yield
    finally:
        _ONE_SCAN.reset(token)


def installed_entry_points(group: str) -> list[EntryPoint]:
    """``importlib.metadata.entry_points(group=group)``: one scan of the installed packages
    shared by the process's readers (areas, plug-in catalogs, adapters: a run asked four
    times) while they stay as they were (:func:`_fingerprint`, ~1 ms, checked on every
    call but within :func:`one_scan`; a scan reads and parses every package's metadata, ~3.5 ms)."""
    global _SCANNED
    held = _ONE_SCAN.get()
    if held:
        return list(held[0].select(group=group))
    fingerprint = _fingerprint()
    if fingerprint is None:
        return list(entry_points(group=group))
    if _SCANNED is None or _SCANNED[0] != fingerprint:
        _SCANNED = (fingerprint, entry_points())
    if held is not None:
        held.append(_SCANNED[1])
    return list(_SCANNED[1].select(group=group))
