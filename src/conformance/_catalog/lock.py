"""Which tests decide which requirements, recorded as data: the test lock.

Every catalog folder with suites (the harness's own and each plug-in catalog) keeps one
file beside them, ``suites/tests.lock.json``: each test's node ID, relative to that
``suites/`` folder (``identity/test_registration.py::test_register``), and the requirement
IDs its markers name. ``conformance catalog lock`` writes it by collecting the suites with
pytest (:mod:`conformance._run.collect`); ``conformance catalog lint`` fails when it is missing
or differs from what collecting finds. Everything else that needs the mapping (the
catalog's ``tests``, coverage, rendering, the scaffold) reads the lock, so loading the
catalog imports neither pytest nor a test module.

The file is JSON, one test a line, sorted by node ID, so that a change shows as the lines
of the tests it added or removed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ..errors import CatalogError

LOCK_NAME = "tests.lock.json"
COMMAND = "conformance catalog lock"
ABOUT = ("Which tests decide which requirements: each test's node ID (relative to this suites/ folder) and "
         f"the requirement IDs its markers name. Written by `{COMMAND}`; `conformance catalog lint` fails when "
         "it is stale.")
FIX = f"run `{COMMAND}`"

#: test node ID (relative to the suites/ folder) -> the requirement IDs its markers name
Lock = dict[str, list[str]]


def lock_path(folder: Path) -> Path:
    """The lock of a catalog folder (the harness's root or a plug-in catalog's)."""
    return folder / "suites" / LOCK_NAME


def has_suites(folder: Path) -> bool:
    return (folder / "suites").is_dir()


def node_prefix(name: str) -> str:
    """How node IDs of a catalog folder are shown (``name`` as in ``Catalog.roots``): those of
    the root as pytest names them in a run (``suites/identity/test_x.py::test_y``), a plug-in
    catalog's under its name (``catalogs/acme/suites/acme/test_x.py::test_y``)."""
    return "suites/" if name == "catalog" else f"{name}/suites/"


def shown_nodes(roots: Mapping[str, Path], locks: Mapping[Path, Lock]) -> dict[str, list[str]]:
    """The locks of catalog folders (``roots`` as in ``Catalog.roots``) as one mapping of node
    IDs, each shown as :func:`node_prefix` says."""
    return {node_prefix(name) + node: ids
            for name, folder in roots.items() if folder in locks for node, ids in locks[folder].items()}


def lock_bytes(lock: Mapping[str, list[str]]) -> bytes:
    """The lock file's bytes: always the same for the same mapping."""
    lines = [f"    {json.dumps(node)}: {json.dumps(list(ids))}" for node, ids in sorted(lock.items())]
    tests = "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"
    return f'{{\n  "about": {json.dumps(ABOUT)},\n  "tests": {tests}\n}}\n'.encode()


def read_lock(folder: Path, shown: str | None = None) -> Lock:
    """The lock of a catalog folder; CatalogError (naming the fix) when it is missing or is
    not a lock. ``shown``: how to name the file in that error."""
    path = lock_path(folder)
    where = shown or str(path)
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise CatalogError(where, "missing: which tests decide which requirements is not recorded", FIX) from None
    except (OSError, ValueError) as exc:
        raise CatalogError(where, f"cannot be read: {exc}", FIX) from None
    tests = data.get("tests") if isinstance(data, dict) else None
    if not isinstance(tests, dict) or not all(
        isinstance(node, str) and isinstance(ids, list) and all(isinstance(i, str) for i in ids)
        for node, ids in tests.items()
    ):
        raise CatalogError(where, "not a test lock (a mapping of test node IDs to requirement ID lists)", FIX)
    return {str(node): [str(i) for i in ids] for node, ids in tests.items()}


def lock_difference(recorded: Mapping[str, list[str]], found: Mapping[str, list[str]]) -> str | None:
    """How a recorded lock differs from what collecting the suites found, in a few words
    (None: it does not)."""
    added = sorted(set(found) - set(recorded))
    removed = sorted(set(recorded) - set(found))
    changed = sorted(n for n in set(found) & set(recorded) if found[n] != recorded[n])
    parts = [f"{len(nodes)} test(s) {what}, e.g. {nodes[0]}"
             for nodes, what in ((added, "not recorded"), (removed, "recorded that no longer exist"),
                                 (changed, "marked otherwise now")) if nodes]
    return "; ".join(parts) or None
