"""The catalog's requirement and profile files, parsed when a run first asks for what they define.

A run of one profile needs that profile and the requirements it names: one area's
``requirements.yaml`` and one profile file of the catalog's dozens. Parsing (and checking)
the others costs most of the catalog's load. So :class:`Definitions` holds the files of one
kind (requirement files, profile files), in their load order, and parses a file only when
something it may define is asked for:

- a lookup of an ID parses the files whose bytes contain that ID's text (a YAML file cannot
  define a value it does not spell out; the bytes are cheap to read and search, the parse is
  not); if the ID is still unknown, every other file is parsed too before it is called
  unknown (so nothing is missed that a full load would find);
- iterating, counting or listing parses every file, and gives the definitions in the order
  of the files, as a full load does.

A duplicate ID is refused whenever both files are parsed, as a full load refuses it.
(``conformance lint`` and ``catalog lock`` parse every file; :func:`conformance._catalog.catalog.load_catalog`
without ``lazy`` too.) The catalog digest never depends on what was parsed: it is computed
over the bytes of every file (:func:`conformance._catalog.digest.catalog_digest`).

:attr:`Definitions.parsed` lists the files parsed so far (tests assert on it, not on timing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..errors import CatalogError

T = TypeVar("T")

#: Reads one file: the (ID, definition) pairs it defines, in order (raises CatalogError).
Parse = Callable[[Path], Iterable[tuple[str, T]]]


class Definitions(Mapping[str, T], Generic[T]):
    """ID -> definition over ``files``, each parsed by ``parse`` when first needed."""

    def __init__(self, files: Sequence[Path], parse: Parse[T], *, kind: str,
                 display: Callable[[Path], str] = str) -> None:
        self._order = list(files)
        self._pending = list(files)
        self._parse = parse
        self._kind = kind
        self._display = display
        self._defined: dict[str, tuple[T, Path]] = {}
        #: the files parsed so far, in the order they were parsed
        self.parsed: list[Path] = []
        #: ID -> the file defining it (parsed on demand as the definitions are)
        self.files: Mapping[str, Path] = _Files(self)

    # -- parsing ---------------------------------------------------------------------------

    def _load(self, path: Path) -> None:
        found = list(self._parse(path))
        seen: dict[str, Path] = {}
        for key, _ in found:
            other = self._defined[key][1] if key in self._defined else seen.get(key)
            if other is not None:
                raise CatalogError(self._display(path), f"duplicate {self._kind} ID {key} "
                                                        f"(also in {self._display(other)})")
            seen[key] = path
        self._pending.remove(path)
        self.parsed.append(path)
        for key, value in found:
            self._defined[key] = (value, path)

    def load_all(self) -> None:
        """Parse every file not parsed yet (in load order)."""
        for path in list(self._pending):
            self._load(path)

    def _find(self, key: str) -> tuple[T, Path] | None:
        if key in self._defined or not self._pending:
            return self._defined.get(key)
        needle = key.encode()
        for path in [p for p in self._pending if _mentions(p, needle)]:
            self._load(path)
        if key not in self._defined:  # spelled in a way the search missed, or unknown: a full load decides
            self.load_all()
        return self._defined.get(key)

    # -- the mapping -----------------------------------------------------------------------

    def __getitem__(self, key: str) -> T:
        found = self._find(key) if isinstance(key, str) else None
        if found is None:
            raise KeyError(key)
        return found[0]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def _ordered(self) -> list[str]:
        self.load_all()
        rank = {path: index for index, path in enumerate(self._order)}
        # in file order, and within a file in the order it defines them (dicts keep insertion order)
        return sorted(self._defined, key=lambda k: rank[self._defined[k][1]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._ordered())

    def __len__(self) -> int:
        self.load_all()
        return len(self._defined)

    def __repr__(self) -> str:
        return f"<{self._kind} definitions: {len(self._defined)} parsed from {len(self.parsed)} of " \
               f"{len(self._order)} files>"


class _Files(Mapping[str, Path]):
    """ID -> the file defining it, a view of :class:`Definitions` (lazy in the same way)."""

    def __init__(self, definitions: Definitions[Any]) -> None:
        self._of = definitions

    def __getitem__(self, key: str) -> Path:
        found = self._of._find(key) if isinstance(key, str) else None
        if found is None:
            raise KeyError(key)
        return found[1]

    def __contains__(self, key: object) -> bool:
        return key in self._of

    def __iter__(self) -> Iterator[str]:
        return iter(self._of)

    def __len__(self) -> int:
        return len(self._of)


def _mentions(path: Path, needle: bytes) -> bool:
    """Whether the file's bytes contain ``needle``; a file that cannot be read is parsed (so
    that its problem is reported as a parse reports it)."""
    try:
        return needle in path.read_bytes()
    except OSError:
        return True
