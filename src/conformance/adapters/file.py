"""The ``file`` adapter: a product's exported data as files, named by paths and globs."""

from __future__ import annotations

import glob
import gzip
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar

from .. import evidence
from ..errors import HarnessInputError, NonConformance
from ..messages import msg, reason
from ..schemas import BASE_URI
from ..subjects import file_subject
from .parsing import parse_json

DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """A JSON file that parsed: its path, the name shown in evidence, and its data."""

    path: Path
    name: str
    data: Any


class FileAdapter:
    kind: ClassVar[str] = "file"
    config_schema: ClassVar[str | Mapping[str, Any]] = BASE_URI + "manifest/target-file.json"

    def __init__(self, role: str, config: Mapping[str, Any], context: Any) -> None:
        self.role = role
        self.context = context
        self.patterns: list[str] = list(config["paths"])
        self.max_file_bytes: int = config.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)
        self._files: list[Path] | None = None
        #: What checks derived from these files during this run (e.g. a capture's analysis,
        #: read once and judged by many tests); it lives and dies with the run's target.
        self.derived: dict[Any, Any] = {}

    def _matches(self, pattern: str) -> list[Path]:
        full = Path(pattern) if Path(pattern).is_absolute() else self.context.base_dir / pattern
        if glob.has_magic(str(full)):
            return [Path(p) for p in sorted(glob.glob(str(full), recursive=True)) if Path(p).is_file()]
        if full.is_dir():  # a folder stands for the files directly in it
            return sorted(p for p in full.iterdir() if p.is_file() and not p.name.startswith("."))
        return [full] if full.is_file() else []

    def preflight(self) -> None:
        for index, pattern in enumerate(self.patterns):
            if not self._matches(pattern):
                raise HarnessInputError(
                    self.context.where(self.role, "paths", index),
                    f"no file matches {pattern!r}",
                    "paths are relative to the manifest's folder",
                )

    def files(self) -> list[Path]:
        if self._files is None:
            seen: dict[Path, None] = {}
            for pattern in self.patterns:
                for path in self._matches(pattern):
                    seen.setdefault(path.resolve())
            self._files = list(seen)
        return self._files

    def display_name(self, path: Path) -> str:
        try:
            return path.relative_to(self.context.base_dir.resolve()).as_posix()
        except ValueError:
            return str(path)

    def open(self, path: Path) -> IO[bytes]:
        """A binary stream of the file, decompressed when it is gzip (``.gz``)."""
        if path.suffix == ".gz":
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return path.open("rb")

    def read_bytes(self, path: Path) -> bytes:
        """The file's bytes; one over ``max_file_bytes`` is a finding (NonConformance), and
        only what the cap allows is ever read, even if the file grows meanwhile."""
        size = path.stat().st_size
        if size > self.max_file_bytes:
            raise NonConformance(
                msg("adapters.file-too-large", name=self.display_name(path), size=size, cap=self.max_file_bytes),
                file=self.display_name(path),
            )
        with path.open("rb") as handle:
            data = handle.read(self.max_file_bytes + 1)
        if len(data) > self.max_file_bytes:
            raise NonConformance(msg("adapters.file-over-cap", name=self.display_name(path), cap=self.max_file_bytes),
                                 file=self.display_name(path))
        return data

    def documents(self) -> Iterator[Document]:
        """Every file parsed as JSON. A file that is not valid JSON is a finding, not a crash."""
        for path in self.files():
            name = self.display_name(path)
            try:
                data = parse_json(self.read_bytes(path), what=name)
            except NonConformance as exc:
                # The evidence may name the file already (the size cap does): it is this file.
                # The message itself (a template's), not str(exc): that would lose its template.
                evidence.current().finding(reason(exc), **{**exc.evidence, "file": name})
                continue
            yield Document(path, name, data)

    def secrets(self) -> list[str]:
        return []

    def subjects(self) -> list[dict[str, Any]]:
        """Each of the target's files by its SHA-256, named relative to the manifest's folder.
        A file over ``max_file_bytes`` is left out: it was not read (its verdict says so), and
        hashing it would read what the cap keeps the harness from reading; so is one that
        vanished meanwhile."""
        try:
            paths = self.files()
        except OSError:  # a folder that vanished: its evidence says so
            return []
        found = []
        for path in paths:
            try:
                if path.stat().st_size <= self.max_file_bytes:
                    found.append(file_subject(path, self.context.base_dir, "file", role=self.role))
            except OSError:
                continue
        return found

    def close(self) -> None:
        pass
