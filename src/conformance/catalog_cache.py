"""A cache of the catalog as loaded and checked, keyed by what decides it.

Loading the catalog parses its YAML and meta-validates every schema, requirement file
and profile: about half a second, on every start of every run. What comes out depends
only on the catalog's files, the harness's code (both in the catalog digest), the
folders they were read from and the library that checked them; so the parsed documents of
a catalog that passed every check are kept in one JSON file per key, and a later load
with the same key reuses them instead of parsing and checking again. A changed file
changes the digest, so a stale entry is never read; an unreadable or odd entry is
ignored. The cache is a convenience: delete its folder at any time.

Where: ``$CONFORMANCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/metaverse-conformance``, else
``~/.cache/metaverse-conformance``. ``CONFORMANCE_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import orjson

from .schemas import SchemaRegistry

FORMAT = 1


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
    """What one load of the catalog parsed: schemas by ``$id`` (with their files) and the
    requirement and profile documents by path. ``checked`` says they come from the cache,
    already validated; otherwise they are recorded as they are loaded, for :meth:`save`."""

    def __init__(self, path: Path | None, cached: dict[str, Any] | None) -> None:
        self.path = path
        self.checked = cached is not None
        self.schemas: dict[str, Any] = cached["schemas"] if cached else {}
        self.schema_files: dict[str, str] = cached["schema_files"] if cached else {}
        self.documents: dict[str, Any] = cached["documents"] if cached else {}

    @classmethod
    def open(cls, digest: str, roots: dict[str, Path]) -> CatalogDocuments:
        path = entry_path(digest, roots)
        cached = None
        if path is not None:
            try:
                data = orjson.loads(path.read_bytes())
                if isinstance(data, dict) and data.get("format") == FORMAT:
                    cached = data
            except (OSError, orjson.JSONDecodeError):
                cached = None  # no entry yet, or one to ignore
        return cls(path, cached)

    def document(self, path: Path) -> Any:
        return self.documents.get(str(path))

    def remember(self, path: Path, document: Any) -> Any:
        if not self.checked:
            self.documents[str(path)] = document
        return document

    def save(self, schemas: dict[str, Any], schema_files: dict[str, Path]) -> None:
        """Keep a catalog that passed every check. Anything not exactly JSON (a YAML date, a
        number as a member name) is not cached rather than cached changed."""
        if self.checked or self.path is None:
            return
        payload = {"format": FORMAT, "schemas": schemas, "documents": self.documents,
                   "schema_files": {sid: str(p) for sid, p in schema_files.items()}}
        try:
            data = orjson.dumps(payload, option=orjson.OPT_PASSTHROUGH_DATETIME)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".catalog-", suffix=".tmp")
        except (TypeError, OSError, orjson.JSONEncodeError):
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.path)  # whole or not at all, also with runs in parallel
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def registry(self) -> SchemaRegistry | None:
        """The schema registry from the cache (its schemas were checked when cached)."""
        if not self.checked:
            return None
        return SchemaRegistry(dict(self.schemas), {sid: Path(p) for sid, p in self.schema_files.items()})
