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

Identity = tuple[int, int, int, int, int]

_kept: dict[tuple[str, ...], tuple[tuple[Identity | None, ...], str]] = {}


def identity(path: str | Path) -> Identity | None:
    """What changes whenever the file's bytes do (None: it cannot be ``stat``ed)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _settled(found: Identity | None, started_ns: int) -> bool:
    return found is not None and max(found[3], found[4]) < started_ns - SETTLE_NS


def remembered(key: tuple[str, ...], files: Sequence[tuple[str, str | Path]], compute: Callable[[], str]) -> str:
    """``compute()``, or what it returned before for ``key`` over exactly these ``files``
    (name, path) while none of them has changed since (see the module's docstring)."""
    full_key = (*key, *(name for name, _ in files))
    identities = tuple(identity(path) for _, path in files)
    kept = _kept.get(full_key)
    if kept is not None and kept[0] == identities and None not in identities:
        return kept[1]
    started_ns = time.time_ns()
    digest = compute()
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


def forget() -> None:
    """Drop every remembered digest (the next one reads every file)."""
    _kept.clear()
