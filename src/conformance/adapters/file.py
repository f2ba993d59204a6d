"""The ``file`` adapter: a product's exported data as files, named by paths and globs."""

from __future__ import annotations

import fnmatch
import glob
import gzip
import hashlib
import io
import itertools
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar

from .._catalog import digest as digest_memo
from .._catalog.schemas import BASE_URI
from .._io import vendorfiles
from .._io.parsing import parse_json
from .._record import evidence
from ..certification.subjects import file_subject, subject_of
from ..errors import FileRefused as Refused, HarnessInputError, NonConformance
from ..messages import msg, reason

DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
#: The most files one path or glob of a target stands for (``max_files``), a reading bound of 5.1: the files past it
#: (in name order) are not read and left unjudged, never a finding (the product is not at fault for the bound).
MAX_MATCHES = 5_000


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
        self.max_files: int = config.get("max_files", MAX_MATCHES)
        #: The folder the manifest declares the files' references (layers, textures, buffers,
        #: meshes) may resolve in (``root``, relative to the manifest's folder); None: each
        #: file's own declared folder (folder_of).
        root = config.get("root")
        self.root: Path | None = None if root is None else (
            Path(root) if Path(root).is_absolute() else self.context.base_dir / root).resolve()
        self._files: list[Path] | None = None
        #: Files whose links lead out of the folder they were found in, and that folder (resolved).
        self._refused: dict[Path, Path] = {}
        #: Each file -> the folder it was declared in (a glob's or a folder's, resolved; a file
        #: named as it is: its own folder): what a file may refer to stays inside it (folder_of).
        self._folders: dict[Path, Path] = {}
        #: Patterns that matched more than MAX_MATCHES files (only the first are read).
        self._truncated: set[str] = set()
        #: What checks derived from these files during this run (e.g. a capture's analysis,
        #: read once and judged by many tests); it lives and dies with the run's target.
        self.derived: dict[Any, Any] = {}
        #: The SHA-256 of each file a check streamed to its end (open), taken from the bytes
        #: as they were read, and the file's identity when it was opened: subjects() binds
        #: what was judged without reading the file a second time.
        self._streamed: dict[Path, tuple[str, int, digest_memo.Identity]] = {}

    def _matches_in(self, pattern: str) -> tuple[list[Path], Path | None]:
        """The files ``pattern`` names, and the folder they must stay inside once their
        links are followed (None: a file named as it is, which the manifest declares itself)."""
        full = Path(pattern) if Path(pattern).is_absolute() else self.context.base_dir / pattern
        if glob.has_magic(str(full)):
            root = _fixed_part(full)
            return self._capped(pattern, _glob(root, full.relative_to(root).parts)), root
        if full.is_dir():  # a folder stands for the files directly in it
            return self._capped(pattern, _glob(full, ("*",))), full
        return ([full] if full.is_file() else []), None

    def _capped(self, pattern: str, found: Iterator[Path]) -> list[Path]:
        """At most ``max_files`` files of a pattern; more are left out, and said so (unjudged)."""
        kept = list(itertools.islice(found, self.max_files + 1))
        if len(kept) > self.max_files:
            self._truncated.add(pattern)
            del kept[self.max_files:]
        return kept

    def _matches(self, pattern: str) -> list[Path]:
        return self._matches_in(pattern)[0]

    def preflight(self) -> None:
        if self.root is not None and not self.root.is_dir():
            raise HarnessInputError(self.context.where(self.role, "root"), f"{self.root} is not a folder",
                                    "root names the folder the files' references may resolve in")
        for index, pattern in enumerate(self.patterns):
            matches = self._matches(pattern)
            if not matches:
                raise HarnessInputError(
                    self.context.where(self.role, "paths", index),
                    f"no file matches {pattern!r}",
                    "paths are relative to the manifest's folder",
                )
            outside = next((p for p in matches if self.root is not None
                            and not p.resolve().is_relative_to(self.root)), None)
            if outside is not None:
                raise HarnessInputError(self.context.where(self.role, "paths", index),
                                        f"{outside} is not inside the root {self.root}",
                                        "name a root folder that holds every file of the target")

    def files(self) -> list[Path]:
        """The target's files, each once. A file found in a declared folder (or under a
        glob's folder) whose links lead outside that folder is kept under its own name and
        refused when read (:meth:`open`): a finding naming the link, its content never read."""
        if self._files is None:
            seen: dict[Path, None] = {}
            for pattern in self.patterns:
                matches, root = self._matches_in(pattern)
                inside = root.resolve() if root is not None else None
                for path in matches:
                    resolved = path.resolve()
                    if inside is not None and not resolved.is_relative_to(inside):
                        self._refused[path] = inside
                        seen.setdefault(path)
                    else:
                        seen.setdefault(resolved)
                        folder = inside or resolved.parent
                        if self.root is not None and resolved.is_relative_to(self.root):
                            folder = self.root  # the manifest declared where references may lead
                        self._folders.setdefault(resolved, folder)
            self._files = list(seen)
        for pattern in sorted(self._truncated):  # each test judging these files leaves the rest unjudged
            evidence.current().unjudged(pattern, msg("adapters.file-too-many", pattern=pattern, cap=self.max_files),
                                        max_files=self.max_files)
        return self._files

    def folder_of(self, path: Path) -> Path:
        """The folder ``path``'s references may resolve in (resolved): the target's ``root``
        where the manifest declares one, else the folder ``path`` was declared in: the glob's
        or the folder's the manifest names, or for a file named as it is its own folder. A file that refers to others
        (a scene's layers, a model's textures) may refer only to files inside it."""
        self.files()
        return self._folders.get(path, path.resolve().parent)

    def display_name(self, path: Path) -> str:
        try:
            return path.relative_to(self.context.base_dir.resolve()).as_posix()
        except ValueError:
            return str(path)

    def _open_regular(self, path: Path) -> IO[bytes]:
        """``path`` opened for reading if it is a regular file inside its declared folder;
        otherwise a finding naming it. Opened without blocking and checked on the open
        descriptor, so a FIFO or device swapped in meanwhile is refused, never waited on."""
        name = self.display_name(path)
        if path in self._refused:
            raise Refused(msg("adapters.file-link-outside", name=name,
                                     folder=self.display_name(self._refused[path])), file=name)
        try:
            return vendorfiles.open_regular(path, name=name)
        except vendorfiles.Refused:
            raise Refused(msg("adapters.file-not-regular", name=name), file=name) from None

    def open(self, path: Path) -> IO[bytes]:
        """A binary stream of the file, decompressed when it is gzip (``.gz``); a file that
        is not a regular file inside its declared folder is a finding (NonConformance).
        The file's bytes are hashed as they are read (the compressed ones for ``.gz``): once
        the stream has reached the file's end, :meth:`subjects` declares that digest."""
        raw = self._open_regular(path)
        identity = digest_memo.identity_of(os.fstat(raw.fileno()))

        def ended(digest: str, size: int) -> None:
            self._streamed[path] = (digest, size, identity)

        hashed = io.BufferedReader(_Hashing(raw, ended), buffer_size=1 << 16)
        if path.suffix == ".gz":
            return gzip.open(hashed, "rb")  # type: ignore[return-value]
        return hashed

    def read_bytes(self, path: Path) -> bytes:
        """The file's bytes; one over ``max_file_bytes`` is a finding (NonConformance), and
        only what the cap allows is ever read, even if the file grows meanwhile. The size is
        checked on the open file, before reading."""
        with self._open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > self.max_file_bytes:
                raise Refused(
                    msg("adapters.file-too-large", name=self.display_name(path), size=size, cap=self.max_file_bytes),
                    file=self.display_name(path),
                )
            data = handle.read(self.max_file_bytes + 1)
        if len(data) > self.max_file_bytes:
            raise Refused(msg("adapters.file-over-cap", name=self.display_name(path), cap=self.max_file_bytes),
                                 file=self.display_name(path))
        return data

    def documents(self, parse: Callable[..., Any] = parse_json,
                  suffixes: tuple[str, ...] | None = None) -> Iterator[Document]:
        """Every file parsed as JSON (or by ``parse(body, what=name)``, an area's reader of
        its own formats); with ``suffixes``, only the files whose names end so (lower case,
        e.g. ``(".json",)``): other files of the target are not read. A file that does not
        parse is a finding, not a crash. A file the test equipment refuses to read (over
        ``max_file_bytes``, not a regular file, a link outside its declared folder) is left
        unjudged, naming it and the refusal: its content was never obtained, so no defect of
        it is known, and a run otherwise passing is inconclusive."""
        for path in self.files():
            if suffixes is not None and path.suffix.lower() not in suffixes:
                continue
            name = self.display_name(path)
            body = readable(self, path)
            if body is None:
                continue
            try:
                data = parse(body, what=name)
            except NonConformance as exc:
                # The evidence may name the file already (the size cap does): it is this file.
                # The message itself (a template's), not str(exc): that would lose its template.
                found = {**exc.evidence, "file": name}
                if "actual" in found and vendorfiles.inside(path, self.context.base_dir) is None:
                    del found["actual"]  # an excerpt only of a file inside the inputs' folder
                evidence.current().finding(reason(exc), **found)
                continue
            yield Document(path, name, data)

    def secrets(self) -> list[str]:
        return []

    def subjects(self) -> list[dict[str, Any]]:
        """Each of the target's files by its SHA-256, named relative to the manifest's folder.
        A file a check streamed to its end is declared by the digest of the bytes it read
        (whatever its size, up to what ``conformance verify`` hashes), annotated ``changed``
        when the file is no longer the one opened; any other is hashed now. A file over
        ``max_file_bytes`` that was not streamed is left out: it was not read (its verdict
        says so), and hashing it would read what the cap keeps the harness from reading; so
        is one that vanished meanwhile."""
        try:
            paths = self.files()
        except OSError:  # a folder that vanished: its evidence says so
            return []
        found = []
        for path in paths:
            if path in self._refused:  # never read, never hashed
                continue
            streamed = self._streamed.get(path)
            if streamed is not None and streamed[1] <= vendorfiles.MAX_HASH_BYTES:
                digest, _, opened = streamed
                changed = {} if digest_memo.identity(path) == opened else {"changed": "after it was read"}
                found.append(subject_of(path, self.context.base_dir, "file", digest, role=self.role, **changed))
                continue
            try:
                info = path.stat()
                if stat.S_ISREG(info.st_mode) and info.st_size <= self.max_file_bytes:
                    found.append(file_subject(path, self.context.base_dir, "file", role=self.role))
            except OSError:
                continue
        return found

    def close(self) -> None:
        pass


def unjudged(name: str, exc: Refused) -> None:
    """A file the test equipment refused to read, left unjudged on the running test's evidence,
    naming it and the refusal: its content was never obtained, so no defect of it is known (part
    h92-cap's decision), and a run otherwise passing is inconclusive."""
    evidence.current().unjudged(name, reason(exc), **{k: v for k, v in exc.evidence.items() if k != "file"})


def readable(files: Any, path: Path) -> bytes | None:
    """``files.read_bytes(path)``, or None once a file the test equipment refuses (over
    ``max_file_bytes``, not a regular file, a link outside its declared folder) is left unjudged:
    the one way every reader of a target's files treats a refusal, as :meth:`FileAdapter.documents`."""
    try:
        return files.read_bytes(path)  # type: ignore[no-any-return]
    except Refused as exc:
        unjudged(files.display_name(path), exc)
        return None


def opened(files: Any, path: Path) -> IO[bytes] | None:
    """``files.open(path)``, or None once a refused file is left unjudged (:func:`readable`)."""
    try:
        return files.open(path)  # type: ignore[no-any-return]
    except Refused as exc:
        unjudged(files.display_name(path), exc)
        return None


class _Hashing(io.RawIOBase):
    """A file read from its start, in order, and hashed on the way; at its end ``ended``
    gets the SHA-256 and length of every byte read (again at a later end, when the file grew
    after one and the reader went on). Not seekable, so that nothing read twice or skipped
    can make the digest differ from the file's."""

    def __init__(self, raw: IO[bytes], ended: Callable[[str, int], None]) -> None:
        super().__init__()
        self._raw, self._ended = raw, ended
        self._sha256 = hashlib.sha256()
        self._size = 0
        self._reported = -1  # the length last given to ``ended``

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._raw.fileno()

    def readinto(self, buffer: Any) -> int:
        # IO[bytes] does not declare readinto; the file open_regular gives (a BufferedReader) has it
        n: int = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if n:
            self._sha256.update(memoryview(buffer)[:n])
            self._size += n
        elif self._reported != self._size:  # an end of the file, with bytes read since the last
            self._ended(self._sha256.hexdigest(), self._size)
            self._reported = self._size
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def _fixed_part(pattern: Path) -> Path:
    """The folder a glob pattern searches: its path up to the first part with a wildcard."""
    parts = pattern.parts
    for index, part in enumerate(parts):
        if glob.has_magic(part):
            return Path(*parts[:index])
    return pattern.parent


def _glob(root: Path, parts: tuple[str, ...]) -> Iterator[Path]:
    """The regular files (or links) under ``root`` whose path relative to it matches the
    pattern ``parts`` (``**``: any number of folders), in a stable order. Links to folders are
    never followed (no loops), hidden names match only a pattern that names them."""
    recursive = "**" in parts
    hidden = any(part.startswith(".") for part in parts)
    pattern = _pattern(parts)
    depth = len(parts) - 1
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        level = len(here.relative_to(root).parts)
        dirs[:] = sorted(d for d in dirs if hidden or not d.startswith(".")) if recursive or level < depth else []
        for name in sorted(names):
            path = here / name
            if (hidden or not name.startswith(".")) and pattern.fullmatch(path.relative_to(root).as_posix()) \
                    and path.is_file():
                yield path


def _pattern(parts: tuple[str, ...]) -> re.Pattern[str]:
    """A regular expression for a glob's parts: ``**`` any folders (or none), others fnmatch's."""
    out = ""
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out += ".*" if last else "(?:[^/]+/)*"
        else:
            out += fnmatch.translate(part).removeprefix("(?s:").removesuffix(")\\Z").replace(".*", "[^/]*")
            out += "" if last else "/"
    return re.compile(out)
