"""Byte code for the test session, imported first by ``tests/conftest.py``.

Where ``PYTHONDONTWRITEBYTECODE`` is set (the development machines set it), every
worker, and every ``conformance`` subprocess a test starts, compiles the harness and
rewrites the test modules from source again: about 4 s of CPU per process collecting the
suite. The session writes byte code instead into one folder of the user's own
(``PYTHONPYCACHEPREFIX``, never ``__pycache__`` in the tree), which this process, the
xdist workers and the subprocesses inherit and share, and later sessions reuse (Python
checks each file's source mtime and size, as in ``__pycache__``). Set
``PYTHONPYCACHEPREFIX`` yourself to choose the folder; a folder another user could write
to is not used.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def cache_folder() -> Path | None:
    """The user's own folder for the session's byte code, made if missing; None where
    none is safe (not POSIX, or a folder someone else owns or could write to)."""
    if not hasattr(os, "getuid"):
        return None
    folder = Path(tempfile.gettempdir()) / f"conformance-tests-pycache-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return None
    if folder.is_symlink() or not folder.is_dir() or status.st_uid != os.getuid() or status.st_mode & 0o022:
        return None
    return folder


def keep_byte_code() -> None:
    """Where byte code is not written and no cache folder is set, write it to
    :func:`cache_folder`, in this process and in every process it starts."""
    if not sys.dont_write_bytecode or sys.pycache_prefix:
        return
    folder = cache_folder()
    if folder is None:
        return
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    sys.dont_write_bytecode = False
    sys.pycache_prefix = str(folder)


keep_byte_code()
