"""Keeping the CesiumGS 3d-tiles-validator inside the folder a tileset was declared in.

The validator reads a tileset's content, its external tilesets, its schema and subtrees
itself, resolving each URI against the file that names it: a ``../../secret.b3dm`` would be
read from outside the inputs (issue 62). Two guards keep it in:

* before it runs, :func:`refusals` walks what it would follow (every ``uri`` and
  ``schemaUri`` member of the tileset and of each external tileset it reaches, template
  variables at 0) and names each reference that leads out of the root (``..`` past it, an
  absolute path, a link resolving outside, a ``file:`` URI); such a tileset is not given to
  the validator, and the requirement is inconclusive for it (a refusal of the harness, not a
  defect of the file: 3D Tiles allows ``..``);
* while it runs, the reads it makes that this walk does not model (a glTF content's buffers,
  a subtree's) are confined by ``tiles_validator.js``: Node.js's permission model grants
  reads of the root and the validator's own files only, and a guard over ``fs`` refuses a
  path whose links resolve outside; the refusals it reports make the tileset inconclusive too.

The walk reads external tilesets inside the root with the target's capped reader; it stops
after :data:`MAX_TILESETS` external ones, which is itself a refusal (5.1's reading bound ran out).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conformance import msg

from . import tiles

#: External tilesets one walk follows (the entry not counted): 5.1's reading bound 「跟随的外部瓦片集数」, past
#: which the tileset is refused, unjudged (sixty-ninth reading, c2).
MAX_TILESETS = 2_000
#: Members whose string value the validator resolves as a reference (content, contents,
#: subtrees, the 3D Tiles 1.0 extensions' forms of each).
REFERENCE_MEMBERS = ("uri", "schemaUri")
TEMPLATE_VARIABLES = ("{level}", "{x}", "{y}", "{z}")


@dataclass(frozen=True)
class Refusal:
    file: Path  # the tileset JSON that holds the reference
    pointer: str
    uri: str
    why: str  # a message: what the harness will not follow


def references(value: object, pointer: str = "") -> Iterator[tuple[str, str]]:
    """(JSON pointer, string) of every ``uri`` / ``schemaUri`` member anywhere in ``value``."""
    stack = [(pointer, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            for key, member in item.items():
                escaped = str(key).replace("~", "~0").replace("/", "~1")
                if key in REFERENCE_MEMBERS and isinstance(member, str):
                    yield f"{where}/{escaped}", member
                else:
                    stack.append((f"{where}/{escaped}", member))
        elif isinstance(item, list):
            stack.extend((f"{where}/{i}", member) for i, member in enumerate(item))


def _candidates(uri: str) -> set[str]:
    """The paths a reader may make of ``uri``: its path part percent-decoded (a URL reader) and
    the whole string decoded (a file reader that decodes and does not split off ``?`` or ``#``,
    as the validator's does), template variables at 0."""
    for variable in TEMPLATE_VARIABLES:
        uri = uri.replace(variable, "0")
    return {unquote(urlsplit(uri).path), unquote(uri), uri}


def resolve(uri: str, folder: Path, root: Path) -> tuple[Path | None, str | None]:
    """(the file ``uri`` names when every reading of it stays inside ``root``, None) or (None,
    why not); (None, None) for a reference no file reader follows (data:, http...)."""
    scheme = urlsplit(uri).scheme.lower()
    if scheme == "data" or (len(scheme) > 1 and scheme != "file" and not uri.startswith("//")):
        return None, None
    if scheme == "file" or uri.startswith("//"):
        return None, msg("scenes.confine-absolute", uri=uri[:200])
    named: Path | None = None
    for candidate in _candidates(uri):
        if candidate.startswith("/") or posixpath.isabs(candidate):
            return None, msg("scenes.confine-absolute", uri=uri[:200])
        lexical = Path(os.path.normpath(os.path.join(folder, candidate)))
        if not lexical.is_relative_to(root):
            return None, msg("scenes.confine-escapes", uri=uri[:200], root=root.name or str(root))
        real = lexical.resolve()
        if not real.is_relative_to(root):
            return None, msg("scenes.confine-link", uri=uri[:200], root=root.name or str(root))
        if candidate == unquote(urlsplit(uri).path):
            named = real
    return named, None


def refusals(entry: Path, data: object, root: Path, load: Callable[[Path], object]) -> list[Refusal]:
    """What the validator would read outside ``root`` (resolved) from the tileset ``entry``
    (its JSON ``data``) and the external tilesets it reaches; ``load`` reads a JSON file
    inside the root (None when it cannot be read or parsed)."""
    root = root.resolve()
    found: list[Refusal] = []
    if not entry.resolve().is_relative_to(root):
        return [Refusal(entry, "", entry.name, msg("scenes.confine-link", uri=entry.name, root=root.name))]
    seen = {entry.resolve()}
    stack: list[tuple[Path, object]] = [(entry.resolve(), data)]
    while stack:
        path, document = stack.pop()
        for pointer, uri in references(document):
            named, why = resolve(uri, path.parent, root)
            if why is not None:
                found.append(Refusal(path, pointer, uri, why))
            elif named is not None and named.suffix.lower() == ".json" and named not in seen and named.is_file():
                if len(seen) - 1 >= MAX_TILESETS:  # seen holds the entry too
                    return [*found, Refusal(path, pointer, uri, msg("scenes.confine-budget", cap=MAX_TILESETS))]
                seen.add(named)
                loaded = load(named)
                if tiles.is_tileset(loaded):
                    stack.append((named, loaded))
    return found
