"""The catalog digest, remembered within one process while no file it covers has changed.

Every load of the catalog digests every byte of the catalog and the package (about 670
files, 6 MB): a test session loads it hundreds of times and a programme's commands again
and again, each time reading and hashing the same unchanged files. So the digest of a set
of files is kept with what identifies each file's current contents to the file system, its
*identity*: device, inode, size, modification and status-change times (nanoseconds). A
later digest of the same files walks them again and ``stat``s each one; only when every
file is still there, no file was added, and every identity is unchanged is the remembered
digest returned. Anything else (a byte edited in place, a file swapped by rename, touched,
truncated, or with its times put back by ``os.utime``, which still moves the status-change
time) reads and hashes everything again.

Timestamps have a granularity (a kernel tick, two seconds on FAT): a file written twice
within one tick could keep its times. Such a file is *unsettled*: its status-change or
modification time is within :data:`SETTLE_NS` of the moment the digest began reading. A
digest over any unsettled file is never remembered (git's "racily clean" rule), so a file
edited in the instant before or after it was read is always read again. A catalog copied
and tampered with a moment ago, as the certification tests do, is always hashed afresh.

A digest that must be computed (a catalog not digested before: tests digest hundreds of
temporary catalogs) still covers the package's own files, the same in every one. From a
process's second computed digest on, the bytes of each settled file read for a digest are
kept too (:func:`_read`, at most :data:`MAX_KEPT_BYTES` in all), by path and identity, under
the same rule: returned again only while the file's identity is unchanged. A process that
digests once (a single run) keeps no bytes.

Nothing is written to disk: the memo lives and dies with the process; a forked child
inherits it and checks it as its parent would.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

#: A file changed less than this long before its digest began is read afresh every time.
SETTLE_NS = 3_000_000_000
#: At most this many digests are kept (tests digest many temporary catalogs once each).
MAX_KEPT = 16

#: At most this many bytes of file contents are kept (the package and the shipped catalog: ~6 MB).
MAX_KEPT_BYTES = 16 * 1024 * 1024

Identity = tuple[int, int, int, int, int]

_kept: dict[tuple[str, ...], tuple[tuple[Identity | None, ...], str]] = {}
#: path -> (identity, bytes) of settled files read for a digest
_contents: dict[str, tuple[Identity, bytes]] = {}
_state = {"computed": 0, "kept_bytes": 0}


def identity(path: str | Path) -> Identity | None:
    """What changes whenever the file's bytes do (None: it cannot be ``stat``ed)."""
    try:
        return identity_of(os.stat(path))
    except OSError:
        return None


def identity_of(st: os.stat_result) -> Identity:
    """:func:`identity` of a ``stat`` or ``fstat`` result (an open file's, for one)."""
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _settled(found: Identity | None, started_ns: int) -> bool:
    return found is not None and max(found[3], found[4]) < started_ns - SETTLE_NS


def remembered(key: tuple[str, ...], files: Sequence[tuple[str, str | Path]],
               compute: Callable[[Callable[[str | Path], bytes]], str]) -> str:
    """``compute(read)``, or what it returned before for ``key`` over exactly these ``files``
    (name, path) while none of them has changed since (see the module's docstring).
    ``compute`` reads each file's bytes with ``read(path)``."""
    full_key = (*key, *(name for name, _ in files))
    identities = tuple(identity(path) for _, path in files)
    kept = _kept.get(full_key)
    if kept is not None and kept[0] == identities and None not in identities:
        return kept[1]
    started_ns = time.time_ns()
    before = {str(path): found for (_, path), found in zip(files, identities, strict=True)}
    keep = _state["computed"] > 0  # a process digesting once keeps no bytes
    _state["computed"] += 1
    digest = compute(lambda path: _read(str(path), before.get(str(path)), started_ns, keep))
    # Identities taken again after reading: a file that changed while being read differs
    # from the one taken before, and is then not remembered either.
    after = tuple(identity(path) for _, path in files)
    if after == identities and all(_settled(i, started_ns) for i in identities):
        if len(_kept) >= MAX_KEPT:
            _kept.pop(next(iter(_kept)))
        _kept[full_key] = (identities, digest)
    else:
        _kept.pop(full_key, None)
    return digest


def _read(path: str, found: Identity | None, started_ns: int, keep: bool) -> bytes:
    """A file's bytes: those kept, while its identity (``found``, taken before this digest
    began) is the one they were read under and it is settled; else read, and kept when
    ``keep`` and the file was settled and unchanged across the read."""
    if found is not None and _settled(found, started_ns):
        kept = _contents.get(path)
        if kept is not None and kept[0] == found:
            return kept[1]
    with open(path, "rb") as handle:
        data = handle.read()
    if (keep and found is not None and _settled(found, started_ns) and identity(path) == found
            and _state["kept_bytes"] + len(data) <= MAX_KEPT_BYTES):
        previous = _contents.pop(path, None)
        _state["kept_bytes"] += len(data) - (len(previous[1]) if previous else 0)
        _contents[path] = (found, data)
    return data


def forget() -> None:
    """Drop every remembered digest and kept file (the next digest reads every file)."""
    _kept.clear()
    _contents.clear()
    _state.update(computed=0, kept_bytes=0)
