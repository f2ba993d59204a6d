"""The numbers a catalog text's keyed references stand for, outside the rendered documents.

A requirement's statement, notes or rules and a schema's descriptions may name a clause or a table of the
specification by a stable key, ``{clause:<key>}`` / ``{table:<key>}`` (sixty-first reading, h123-annexref): the
drafting code numbers it once the document is whole. Every other output that shows those texts (``conformance
show``, the OSCAL export) prints the number instead, read from ``suites/designations.json``, which ``conformance
catalog docs`` writes from the rendered specification (the same numbering the draft uses, computed once and kept
beside the test lock; sixty-first reading, h124-fix).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

#: a catalog text's reference to a clause or a table of the specification by a stable key
KEYED = re.compile(r"\{(clause|table):([ -z|~]+?)\}")

#: a clause or table number of annexes A to E typed by hand, not part of a longer name (「ITU-T G.114」, 「H.264」, a
#: path, a version): what a keyed reference replaces (drafting.annexnumbers refuses it, versions reads both alike)
TYPED = re.compile(r"(?<![\w.\-/:#`])([A-E]\.\d+(?:\.\d+)*)(?![\w\-/`]|\.\d)")

#: the file holding each placeholder's number, under the catalog's ``suites`` folder
NAME = "designations.json"

T = TypeVar("T")


def designations_path(root: Path) -> Path:
    return root / "suites" / NAME


@lru_cache(maxsize=8)
def _numbers(path: Path, signature: tuple[int, int]) -> dict[str, str]:
    """The file's map, read once for each of its versions (``signature``: its size and change time, so that a
    long-lived process, the warm one among them, reads the file again once ``catalog docs`` rewrote it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def designations(root: Path) -> dict[str, str]:
    """Each placeholder (``{table:<key>}``) and the number the specification gives it (``D.3``)."""
    path = designations_path(root)
    try:
        found = path.stat()
    except OSError:
        return {}
    return _numbers(path, (found.st_size, found.st_mtime_ns))


def resolve_text(text: str, numbers: dict[str, str]) -> str:
    """``text`` with each placeholder ``numbers`` knows replaced by its number."""
    return KEYED.sub(lambda m: numbers.get(m.group(0), m.group(0)), text) if "{" in text else text


def resolved(value: T, root: Path) -> T:
    """A JSON-like value (strings, lists, dicts) with every placeholder in its strings replaced by its number."""
    numbers = designations(root)

    def walk(item: object) -> object:
        if isinstance(item, str):
            return resolve_text(item, numbers)
        if isinstance(item, list):
            return [walk(i) for i in item]
        if isinstance(item, tuple):
            return tuple(walk(i) for i in item)
        if isinstance(item, dict):
            return {k: walk(v) for k, v in item.items()}
        return item

    return walk(value)  # type: ignore[return-value]


def placeholders(text: str) -> list[str]:
    """The placeholders a text holds, as written."""
    return [m.group(0) for m in KEYED.finditer(text)]
