"""IfcOpenShell's compiled EXPRESS rules, kept for the test session's processes; imported by
``tests/conftest.py``.

:mod:`conformance.areas.scenes.ifc_rules` compiles each schema's rules module once per
process (its assertions rewritten: about 3.4 s of CPU a worker under load), and every
xdist worker that validates an IFC model pays it again. Here the compiled code object is
kept, as ``marshal`` writes byte code, in the session's byte-code folder
(:func:`tests.bytecode.cache_folder`: the user's own, mode 0700, which ``bench/testsuite.py
--cold`` empties), so the other worker and later sessions load it instead. The cache key is
``ifc_rules``'s own (the SHA-256 of the rules source with the Python, pytest and IfcOpenShell
versions), written in the file and compared on reading: a changed rules file or library
compiles afresh. What the rules then do is unchanged, since a code object loaded from
``marshal`` is the one that was compiled (as a ``.pyc`` is); ``compiled_count`` still counts
one entry per schema a process uses. The tool runs as shipped outside the test session
(``conformance`` trusts no code from a cache). A file that is not a regular file of the
user's, too large, or not as written here is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any

from conformance.areas.scenes import ifc_rules

from .bytecode import cache_folder

MAX_BYTES = 64 * 1024 * 1024  # IFC4's rules compile to about 2 MB


def _path(folder: Path, key: tuple[str, ...]) -> Path:
    return folder / f"ifc-rules-{hashlib.sha256(chr(0).join(key).encode()).hexdigest()[:32]}.marshal"


def _read(path: Path, key: tuple[str, ...]) -> CodeType | None:
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode) or status.st_uid != os.getuid() or status.st_size > MAX_BYTES:
            return None
        try:
            stored = marshal.loads(file.read(MAX_BYTES + 1))
        except (EOFError, ValueError, TypeError):
            return None
    if (not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != key
            or not isinstance(stored[1], CodeType)):
        return None
    return stored[1]


def _write(path: Path, key: tuple[str, ...], code: CodeType) -> None:
    """Whole or not at all (both workers may write the same entry at once)."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ifc-rules-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps((key, code)))
        os.replace(temporary, path)
    except (OSError, ValueError):
        Path(temporary).unlink(missing_ok=True)


class _KeptCode(dict[tuple[str, ...], CodeType]):
    """``ifc_rules``'s per-process table, asking the folder before a compile and writing
    each compile to it. ``ifc_rules`` asks ``key in table``, ``table.get(key)`` and sets
    ``table[key]``."""

    def __init__(self, folder: Path, entries: dict[tuple[str, ...], CodeType]) -> None:
        super().__init__(entries)
        self.folder = folder

    def _load(self, key: Any) -> bool:
        if dict.__contains__(self, key):
            return True
        if not isinstance(key, tuple) or not all(isinstance(part, str) for part in key):
            return False
        code = _read(_path(self.folder, key), key)
        if code is None:
            return False
        dict.__setitem__(self, key, code)
        return True

    def __contains__(self, key: object) -> bool:
        return self._load(key)

    def get(self, key: Any, default: Any = None) -> Any:
        return dict.get(self, key, default) if self._load(key) else default

    def __setitem__(self, key: tuple[str, ...], code: CodeType) -> None:
        dict.__setitem__(self, key, code)
        _write(_path(self.folder, key), key, code)


#: names the session's byte-code folder to a process of the session whose temporary root is
#: another (interlab's set-up B, tests/e2e/interlab.py), where :func:`cache_folder` would miss it
FOLDER_ENV = "CONFORMANCE_TESTS_RULES_FOLDER"


def keep_compiled_rules() -> None:
    """Put the kept table in place of ``ifc_rules``'s, where the session has a byte-code
    folder (else the rules compile once per process, as shipped)."""
    named = os.environ.get(FOLDER_ENV)
    folder = Path(named) if named else cache_folder()
    if folder is None or isinstance(ifc_rules._CODE, _KeptCode):
        return
    ifc_rules._CODE = _KeptCode(folder, ifc_rules._CODE)


keep_compiled_rules()
