"""A cache of what checking the catalog found, keyed by what decides it; never trusted for content.

Loading the catalog parses its YAML and meta-validates every requirement file and profile
against its schema, and every schema's ``$ref``: most of a second, on every start of every
run. Whether a file passes depends only on its bytes, the schemas (both in the catalog
digest) and the library that checks them; so one JSON file per key records which files
(by path and the SHA-256 of their bytes) passed, and a later load with the same key skips
checking a file whose bytes still have that SHA-256.

The cache is not trusted: it holds no content. Every schema, requirement and profile is
always parsed from the catalog's own files, so an entry edited by someone else (a shared
CI cache) can at most skip a check of files whose bytes are exactly those once checked,
never change a verdict under the official digest. An entry that is not exactly as written
here (an odd member, another format, too large, not a regular file) is dropped. Delete its
folder at any time.

Where: ``$CONFORMANCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/metaverse-conformance``, else
``~/.cache/metaverse-conformance``. ``CONFORMANCE_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import orjson

from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from .digest import catalog_digest

FORMAT = 2
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def catalog_roots(root: Path, plugins: Mapping[str, Path]) -> dict[str, Path]:
    """The folders a catalog is read from, by name (as the cache's key names them): the
    catalog at ``root``, then each plug-in catalog's, all resolved."""
    return {"catalog": root.resolve(), **{f"catalogs/{name}": Path(folder).resolve() for name, folder in plugins.items()}}


def cache_dir() -> Path | None:
    configured = os.environ.get("CONFORMANCE_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "metaverse-conformance"


def _checker_version() -> str:
    try:
        return version("jsonschema")
    except PackageNotFoundError:
        return "unknown"


def entry_path(digest: str, roots: dict[str, Path]) -> Path | None:
    """The cache file for a catalog digest read from these folders, or None (cache off)."""
    folder = cache_dir()
    if folder is None:
        return None
    key = "\n".join([str(FORMAT), digest, sys.version, _checker_version(),
                     *(f"{name}={path}" for name, path in sorted(roots.items()))])
    return folder / f"catalog-{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


class CatalogDocuments:
    """Which of the catalog's files were checked before (path -> the SHA-256 of the bytes
    that passed), and which this load checked, for :meth:`save`."""

    def __init__(self, path: Path | None, validated: dict[str, str] | None) -> None:
        self.path = path
        #: the catalog's schemas passed under this key before (their $refs included), and
        #: every file consulted since passed before too
        self.checked = validated is not None
        self._before: dict[str, str] = validated or {}
        self._now: dict[str, str] = {}

    @classmethod
    def open(cls, digest: str, roots: dict[str, Path]) -> CatalogDocuments:
        path = entry_path(digest, roots)
        return cls(path, _read_entry(path) if path is not None else None)

    @classmethod
    def of_catalog(cls, root: Path, plugins: Mapping[str, Path]) -> CatalogDocuments:
        """The entry ``load_catalog`` opens for the catalog at ``root`` with these plug-in
        catalogs (same digest, same folders): for another reader of the same files (the
        reference's schemas) to skip the checks their bytes passed before, as a load does."""
        root = root.resolve()
        added = {name: Path(folder).resolve() for name, folder in plugins.items()}
        return cls.open(catalog_digest(root, plugins=added), catalog_roots(root, added))

    def checked_before(self, path: Path, data: bytes) -> bool:
        """Whether the file at ``path`` with exactly these bytes passed its checks before
        (and remember them for :meth:`save`)."""
        sha256 = hashlib.sha256(data).hexdigest()
        self._now[str(path)] = sha256
        if self._before.get(str(path)) == sha256:
            return True
        self.checked = False  # something new: the checks of the whole (schemas' $refs) run again
        return False

    def save(self) -> None:
        """Record the files checked so far beside those recorded before under the same key
        (the key holds the catalog digest: a file recorded before has the same bytes still,
        or a new SHA-256 now). Written whole or not at all; nothing new, nothing written. A
        lazy load (:mod:`conformance._catalog.files`) saves as it parses more files."""
        if self.path is None or all(self._before.get(k) == v for k, v in self._now.items()):
            return
        record = {**self._before, **self._now}
        data = orjson.dumps({"format": FORMAT, "validated": record})
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".catalog-", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.path)  # whole or not at all, also with runs in parallel
            self._before = record
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def _read_entry(path: Path) -> dict[str, str] | None:
    """An entry's record of checked files, or None: absent, unreadable, or not exactly as
    :meth:`CatalogDocuments.save` writes it (dropped, never half-used)."""
    try:
        data = orjson.loads(read_capped(path, MAX_DOCUMENT_BYTES))
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or set(data) != {"format", "validated"} or data["format"] != FORMAT:
        return None
    validated = data["validated"]
    if not isinstance(validated, dict) or not all(
            isinstance(v, str) and _SHA256.match(v) for v in validated.values()):
        return None
    return validated
