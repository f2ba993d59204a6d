"""Checks of the harness's own input that are not about a schema: files and numbers.

A file argument is checked before a run starts (it exists, is a regular file, can be read
and is not larger than the harness reads): a FIFO would block a read forever, a symlink to
``/dev/zero`` would never end, a sparse multi-gigabyte file would fill memory. A number in
a manifest has to fit what the libraries it reaches can hold (64-bit integers, finite
floats), whatever its schema says.
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path
from typing import Any

from ..errors import HarnessInputError

#: The largest file the harness reads whole as its own input (a manifest).
MAX_INPUT_BYTES = 16 * 1024 * 1024
INT64 = 2**63 - 1


def check_input_file(path: Path, *, max_bytes: int = MAX_INPUT_BYTES, folders: bool = False) -> None:
    """One clear line (HarnessInputError) unless ``path`` is a readable regular file within
    ``max_bytes`` (or, with ``folders``, a readable folder)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise HarnessInputError(str(path), "file does not exist", "check the path") from None
    except OSError as exc:
        raise HarnessInputError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        if not folders:
            raise HarnessInputError(str(path), "is a folder, not a file", "name a file")
        if not os.access(path, os.R_OK | os.X_OK):
            raise HarnessInputError(str(path), "folder cannot be read", "check its permissions")
        return
    if not stat.S_ISREG(info.st_mode):
        raise HarnessInputError(str(path), "is not a regular file (a device, FIFO or socket)", "name a regular file")
    if not os.access(path, os.R_OK):
        raise HarnessInputError(str(path), "file cannot be read", "check its permissions")
    if info.st_size > max_bytes:
        raise HarnessInputError(str(path), f"is {info.st_size} bytes, more than the {max_bytes} the harness reads",
                                "name the right file")


def check_numbers(value: Any, where: str) -> None:
    """One clear line for the first integer beyond 64 bits or float that is not finite
    (``.nan``, ``.inf``) anywhere in ``value``, located by its JSONPath under ``where``."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, bool):
            continue
        if isinstance(node, int) and abs(node) > INT64:
            raise HarnessInputError.at(where, path, "integer out of range (more than 64 bits)", "use a smaller number")
        if isinstance(node, float) and not math.isfinite(node):
            raise HarnessInputError.at(where, path, f"{node} is not a usable number", "use a finite number")
        if isinstance(node, dict):
            stack.extend((v, (*path, str(k))) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(node))


def check_output_file(path: Path, option: str) -> None:
    """One clear line unless ``path`` can be created or replaced as a file."""
    where = f"{option} {path}"
    if not path.parent.is_dir():
        raise HarnessInputError(where, "its folder does not exist", "create it first")
    if path.is_symlink():  # never written through, whatever it points at (see conformance._io.outputs)
        from .outputs import check_destination

        check_destination(path, where)
    if path.is_dir():
        raise HarnessInputError(where, "is a folder", "name a file in it")
    if path.exists() and not path.is_file():
        raise HarnessInputError(where, "is not a regular file", "name a regular file")
    if not os.access(path.parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise HarnessInputError(where, "cannot be written", "check the permissions")
