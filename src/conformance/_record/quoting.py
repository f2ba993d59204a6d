"""What evidence may quote of a file: a file outside the manifest's folder is named, never quoted
(issue 72). A manifest may name any path (``../secret/*.json``, ``/etc/...``): the harness judges
what it reads there, but a report is shown to others (a programme publishes it), so the words of
such a file stay out of every view. :class:`Quoting` says which files' words may appear and
rewrites what a finding or note about any other file would quote: its template's text arguments
(a schema message's ``'…' is not one of [...]`` value), its ``actual`` member and the text
members it carries, each replaced by a placeholder. Where the finding is (file, pointer, line,
coordinates) and numbers stay: a vendor still sees which value broke which rule.

:class:`~.redaction.Redactor` holds one; :mod:`.evidence` passes every finding and note through it
before anything keeps it, so every writer (JSON, HTML, JUnit, EARL, the event log, the console,
a programme's history) sees only what is left."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..messages import Message, msg
from .findings import Finding

#: Template arguments the harness itself computes, not the product's words, kept as they are:
#: by template key prefix (``schema.*``: what the catalog's schema says) or whole key. Every
#: other text argument of a message about an unquotable file is replaced.
HARNESS_ARGS: dict[str, frozenset[str]] = {
    "engine.at": frozenset({"where"}),  # the file's name and the pointer: where, not what
    "schema": frozenset({"allowed", "title", "pattern", "format", "limit", "factor", "expected", "property",
                         "properties", "dependent", "keyword", "values"}),
}
#: Members of a finding or note that say where it is and which rule it applies: kept.
LOCATION_MEMBERS = frozenset({"kind", "message", "text", "file", "pointer", "line", "rule", "requirement",
                              "expected", "expected_text"})
#: The most names one Quoting remembers the answer for (a check may name thousands of files).
MAX_REMEMBERED = 4096


def unquoted_value() -> Message:
    """What stands in a report for a value of a file outside the manifest's folder."""
    return msg("engine.unquoted")


@dataclass
class Quoting:
    """The folders whose files' words a report may quote: the manifest's own folder (``base``,
    which relative names are relative to) and the folders the person running the command chose
    (``folders``: ``validate``'s ``--root`` and the files it names, and the harness's own
    shipped files, which are public). A target's ``root`` in the manifest does not widen them:
    a manifest is its author's statement and could name any folder."""

    base: Path
    folders: tuple[Path, ...] = ()
    #: the folders outside ``base`` and ``folders`` that the manifest's file targets reach (the
    #: fixed part of each path or glob): only a file in one of them is kept from being quoted, so
    #: an HTTP exchange's path ("/.well-known/...") is never mistaken for an outside file
    outside: tuple[Path, ...] = ()
    _answers: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, base: Path, folders: Iterable[Path] = (), reached: Iterable[Path] = ()) -> Quoting:
        """``reached``: the folders the manifest's file targets name (resolved here); those
        outside ``base`` and ``folders`` are the ones whose files are named, never quoted."""
        base = base.resolve()
        chosen = tuple(dict.fromkeys(Path(f).resolve() for f in folders))
        inside = (base, *chosen)
        outside = tuple(dict.fromkeys(folder for folder in (Path(r).resolve() for r in reached)
                                      if not any(folder.is_relative_to(q) for q in inside)))
        return cls(base, chosen, outside)

    def quotable(self, name: object) -> bool:
        """Whether the file a finding names (its ``file``: a display name relative to the
        manifest's folder, an absolute path, or an HTTP exchange "METHOD URL") may be quoted."""
        if not isinstance(name, str) or not name:
            return True  # about no file (an HTTP exchange names none either): nothing to keep out
        known = self._answers.get(name)
        if known is None:
            known = self._quotable(name)
            if len(self._answers) < MAX_REMEMBERED:
                self._answers[name] = known
        return known

    def _quotable(self, name: str) -> bool:
        if not self.outside:
            return True  # no file target reaches outside the quotable folders
        if not os.path.isabs(name):
            if os.path.normpath(name).split(os.sep)[0] != os.pardir:
                return True  # a name relative to the manifest's folder, or an exchange's "GET /x"
            path = self.base / name
        else:
            path = Path(name)
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):  # a link loop: a name no inside file has
            return False
        if any(resolved.is_relative_to(folder) for folder in (self.base, *self.folders)):
            return True
        return not any(resolved.is_relative_to(folder) for folder in self.outside)

    def finding(self, found: Finding) -> Finding:
        """``found`` as a report may show it: unchanged when its file may be quoted."""
        if self.quotable(found.file):
            return found
        return replace(found, message=unquoted_message(found.message),
                       actual=None if found.actual is None else unquoted_value(),
                       extra=_unquoted_members(found.extra))

    def note(self, message: str, data: Mapping[str, object]) -> tuple[str, dict[str, object]]:
        """A note's message and members as a report may show them (see :meth:`finding`)."""
        if self.quotable(data.get("file")):
            return message, dict(data)
        return unquoted_message(message), _unquoted_members(data)


def unquoted_message(message: str) -> Message:
    """``message`` with every text argument the product could have supplied replaced (a
    message not written from a template, a library's words, is replaced whole)."""
    if not isinstance(message, Message):
        return msg("engine.unquoted-text")
    kept = HARNESS_ARGS.get(message.key, HARNESS_ARGS.get(message.key.partition(".")[0], frozenset()))
    return Message(message.key, {name: _unquoted_arg(value, name in kept) for name, value in message.args.items()})


def _unquoted_arg(value: object, kept: bool) -> object:
    if isinstance(value, Message):
        return unquoted_message(value)
    if isinstance(value, Mapping) and set(value) == {"key", "args"}:  # a nested message as a report keeps it
        return unquoted_message(Message.of(value))
    if isinstance(value, Mapping) and set(value) == {"en", "zh"}:  # the harness's words in both languages
        return value
    if value is None or isinstance(value, bool | int | float) or (kept and isinstance(value, str)):
        return value
    return unquoted_value()


def _unquoted_members(members: Mapping[str, object]) -> dict[str, object]:
    return {name: value if name in LOCATION_MEMBERS or value is None or isinstance(value, bool | int | float)
            else unquoted_value() for name, value in members.items()}


def reached_folders(base: Path, adapters: Iterable[object]) -> list[Path]:
    """The folders the file targets' paths and globs name: each pattern's part before its first
    wildcard (a file's own folder when it names one file), relative to the manifest's folder."""
    reached = []
    for adapter in adapters:
        for pattern in getattr(adapter, "patterns", None) or ():
            path = Path(pattern) if os.path.isabs(pattern) else base / pattern
            fixed = Path(*itertools.takewhile(lambda part: not any(c in part for c in "*?["), path.parts))
            reached.append(fixed if fixed.is_dir() else fixed.parent)
    return reached


def shipped_folders(catalog_roots: Iterable[Path]) -> list[Path]:
    """The harness's own files, public wherever they are installed, so quoting them reveals
    nothing: each catalog root's suites (their fixtures) and the harness's package (its samples)."""
    return [*(root / "suites" for root in catalog_roots), Path(__file__).parents[1]]
