"""Checks of the harness's own input that are not about a schema: files and numbers.

A file argument is checked before a run starts (it exists, is a regular file, can be read
and is not larger than the harness reads): a FIFO would block a read forever, a symlink to
``/dev/zero`` would never end, a sparse multi-gigabyte file would fill memory. A number in
a manifest has to fit what the libraries it reaches can hold (64-bit integers, finite
floats), whatever its schema says; an index (a status list entry) is a non-negative
integer of ASCII digits within its list. These are the one place numbers in the files the
harness and its verifiers read are checked: each reader turns the problem into its own
outcome (bad input, exit 2; a rejected certificate, exit 1).
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import HarnessInputError

#: The largest file the harness reads whole as its own input (a manifest).
MAX_INPUT_BYTES = 16 * 1024 * 1024
INT64 = 2**63 - 1
#: An index written as text: ASCII digits, no sign, no spaces, no leading zero, at most 19
#: digits (``int()`` would take " 1 ", "+1", "1_0" and any Unicode decimal digit, "٣").
_INDEX = re.compile(r"0|[1-9][0-9]{0,18}", re.ASCII)


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


def number_problems(value: object) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path, problem, fix) for every integer beyond 64 bits and every float that is not
    finite (``.nan``, ``.inf``) in ``value``, walked without recursion."""
    stack: list[tuple[object, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, bool):
            continue
        if isinstance(node, int) and abs(node) > INT64:
            yield path, "integer out of range (more than 64 bits)", "use a smaller number"
        elif isinstance(node, float) and not math.isfinite(node):
            yield path, f"{node} is not a usable number", "use a finite number"
        elif isinstance(node, dict):
            stack.extend((v, (*path, str(k))) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(node))


def check_numbers(value: object, where: str) -> None:
    """One clear line for the first integer beyond 64 bits or float that is not finite
    (``.nan``, ``.inf``) anywhere in ``value``, located by its JSONPath under ``where``."""
    for path, problem, fix in number_problems(value):
        raise HarnessInputError.at(where, path, problem, fix)


class BadIndex(ValueError):
    """An index that is not a non-negative integer within its list; the message says why."""


def parse_index(value: object, size: int | None = None) -> int:
    """``value`` as an index into a list of ``size`` entries: an integer (not a boolean) or
    its decimal text in ASCII digits (``"12"``), at least 0 and under ``size``; otherwise
    :class:`BadIndex`. Never ``int()`` of arbitrary text: no sign, spaces, underscores,
    leading zeros or non-ASCII digits, and no more than 19 digits."""
    from .printable import excerpt

    if isinstance(value, str):
        if not _INDEX.fullmatch(value):
            raise BadIndex(f"{excerpt(value)} is not a non-negative integer in ASCII digits")
        index = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        index = value
    else:
        raise BadIndex(f"{excerpt(value)} is not an integer")
    if index < 0:
        raise BadIndex(f"{index} is negative")
    if index > INT64 or (size is not None and index >= size):
        raise BadIndex(f"{index} is beyond the list" + (f" ({size} entries)" if size is not None else ""))
    return index


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
