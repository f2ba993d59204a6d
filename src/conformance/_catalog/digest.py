"""The catalog digest (:func:`catalog_digest`: every byte that decides a verdict), remembered
within one process while no file it covers has changed.

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

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from .._version import __version__

#: The digest's parts of a catalog folder: what decides what a run checks.
CATALOG_PARTS = (("suites", ("*.yaml", "*.py")), ("schemas", ("*.json", "*.yaml")), ("profiles", ("*.yaml",)))
#: The digest's parts of the package: all of it (engine, session, pytest plug-in, verdict
#: mapping, report writers, schemas it ships, suites.ini, the areas' checks, codecs and
#: adapters): any byte of the harness can decide a verdict. Only the packaged catalog
#: (``_catalog/shipped``, digested as the catalog) and build artefacts are left out.
CODE_PARTS = (("", ("*",)),)
PACKAGE_DIR = Path(__file__).resolve().parents[1]

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


def settled(found: Identity | None, started_ns: int) -> bool:
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
    if after == identities and all(settled(i, started_ns) for i in identities):
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
    if found is not None and settled(found, started_ns):
        kept = _contents.get(path)
        if kept is not None and kept[0] == found:
            return kept[1]
    with open(path, "rb") as handle:
        data = handle.read()
    if (keep and found is not None and settled(found, started_ns) and identity(path) == found
            and _state["kept_bytes"] + len(data) <= MAX_KEPT_BYTES):
        previous = _contents.pop(path, None)
        _state["kept_bytes"] += len(data) - (len(previous[1]) if previous else 0)
        _contents[path] = (found, data)
    return data


def forget() -> None:
    """Drop every remembered digest and kept file (the next digest reads every file)."""
    _kept.clear()
    _contents.clear()
    _walks.clear()
    _state.update(computed=0, kept_bytes=0)


def catalog_digest(root: Path, *, code_root: Path | None = None, plugins: Mapping[str, Path] | None = None) -> str:
    """sha256 over everything that decides a verdict, each file by a fixed prefix and its
    relative path (so a checkout and an installed wheel agree), line endings normalised:

    - ``catalog/``: the root's suites (test modules, requirements), schemas and profiles;
    - ``catalogs/<name>/``: the same parts of each plug-in catalog (``plugins``, by entry-point name);
    - ``code/``: every file of the package (``code_root``, default: the installed package)
      but its packaged catalog and build artefacts;
    - the harness version.

    Known-bad cases and fixture data are left out: they prove tests can fail, they decide no
    verdict. Python files are never left out, wherever they are: whatever pytest could import
    is digested (and :func:`refuse_fixture_tests` refuses test modules under ``fixtures``).
    """
    parts = {"catalog": root, **{f"catalogs/{name}": path for name, path in (plugins or {}).items()}}
    files = [(f"{prefix}/{rel}", path) for prefix, base in parts.items() for rel, path in _files(base, CATALOG_PARTS)]
    files += [(f"code/{rel}", path) for rel, path in _files(code_root or PACKAGE_DIR, CODE_PARTS)]
    files.sort()

    def compute(read: Callable[[str | Path], bytes]) -> str:
        digest = hashlib.sha256()
        digest.update(b"version\0" + __version__.encode() + b"\0")
        for name, path in files:
            digest.update(name.encode() + b"\0")
            data = read(path)
            digest.update(data.replace(b"\r\n", b"\n") if b"\r" in data else data)
            digest.update(b"\0")
        return "sha256:" + digest.hexdigest()

    # Within a process, an unchanged set of unchanged files is not read again (digest_memo.py:
    # any change to a file's bytes changes its identity; files changed a moment ago are re-read).
    key = (__version__, *(f"{prefix}={path}" for prefix, path in parts.items()), f"code={code_root or PACKAGE_DIR}")
    return remembered(key, files, compute)


#: (base, parts) -> (the identity of every folder walked, the files found) for walks that
#: met only settled folders and no symbolic link: see :func:`_files`
_walks: dict[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]],
             tuple[tuple[tuple[str, Identity | None], ...], list[tuple[str, str]]]] = {}


def _files(base: Path, parts: Sequence[tuple[str, tuple[str, ...]]]) -> list[tuple[str, str]]:
    """(path relative to ``base``, full path) of the files these parts digest; full paths
    as strings (a ``Path`` for each of some 700 files cost as much as the walk).

    The list found before is returned while every folder it walked has its identity then: a
    folder's modification and status-change times move whenever an entry is added, removed
    or renamed in it, so one ``stat`` a folder stands for the walk (choosing the files from
    some 1 800 entries cost 2 of a digest's 3 ms of ``stat`` and walking; an edit inside a
    file is its identity's business, checked by :func:`remembered`). Not kept: a walk that
    met a folder changed within :data:`SETTLE_NS` (the timestamps' granularity, as for
    files), or a symbolic link (its target can become a file or a folder with no change to
    the folder holding it)."""
    key = (str(base), tuple(parts))
    kept = _walks.get(key)
    if kept is not None and all(identity(folder) == found for folder, found in kept[0]):
        return kept[1]
    started_ns = time.time_ns()
    walked: list[tuple[str, Identity | None]] = []
    files: dict[str, str] = {}
    for folder, patterns in parts:
        for rel, entry in walk_files(base, folder, walked):
            if any(fnmatchcase(entry.name, p) for p in patterns) and entry.is_file() and not _is_test_material(rel):
                files[rel] = entry.path
    found = sorted(files.items())
    if all(settled(ident, started_ns) for _, ident in walked):
        _walks[key] = (tuple(walked), found)
    else:
        _walks.pop(key, None)
    return found


def walk_files(base: Path, folder: str,
               walked: list[tuple[str, Identity | None]] | None = None) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file under ``base/folder`` but build artefacts (:func:`_is_build_artefact`), as
    (its path relative to ``base``, POSIX style; its directory entry); symlinked folders are
    not entered (as ``Path.rglob`` does not). One ``os.scandir`` a folder: each start
    digests the whole package and catalog, and pathlib's globbing cost several times as much.
    ``walked`` gets each folder listed (a missing one too) with its identity from before the
    listing; a folder holding a symbolic link, or changed while listed, with None."""
    folders = [(str(base / folder) if folder else str(base), f"{folder}/" if folder else "")]
    while folders:
        path, prefix = folders.pop()
        before = identity(path)
        try:
            entries = list(os.scandir(path))
        except (FileNotFoundError, NotADirectoryError):
            if walked is not None:
                walked.append((path, before))
            continue
        if walked is not None:
            steady = before == identity(path) and not any(entry.is_symlink() for entry in entries)
            walked.append((path, before if steady else None))
        for entry in entries:
            if _is_build_artefact(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, f"{prefix}{entry.name}/"))
            else:
                yield prefix + entry.name, entry


def _is_test_material(rel: str) -> bool:
    """Known-bad cases and fixture data prove that tests can fail; they decide no verdict.
    Code is never test material: a ``.py`` file under ``fixtures`` is digested too."""
    parts = rel.split("/")
    if parts[:2] == ["_catalog", "shipped"]:  # the packaged catalog: digested as the catalog
        return True
    if rel.endswith(".py"):
        return False
    return "fixtures" in parts or parts[-1] == "known_bad.yaml"


def _is_build_artefact(name: str) -> bool:
    """Files and folders a wheel does not ship (byte code, hidden ones), by name: left out so
    that a checkout and an installed wheel have the same digest."""
    return name == "__pycache__" or name.startswith(".") or name.endswith((".pyc", ".pyo"))
