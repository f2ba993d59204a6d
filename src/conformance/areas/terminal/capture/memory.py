"""Memory while a capture is read: glibc's malloc told to keep what each chunk frees for the next."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import cast

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
_GLIBC_DEFAULT = 128 * 1024  # both thresholds' initial values


@contextmanager
def freed_memory_kept() -> Iterator[None]:
    """While a capture is read, glibc's malloc keeps freed memory for reuse: allocations up
    to 16 MiB come from the heap and up to 64 MiB of free heap stays mapped. Each chunk's
    NumPy arrays (up to about 1 MB each) are otherwise mapped and unmapped anew, chunk after
    chunk: 13 000 page faults and a fifth of the CPU time on a 9 MB EEG capture
    (bench/README.md). Afterwards the thresholds go back to glibc's initial 128 KiB. Where
    malloc is not glibc's (macOS, Windows, musl) nothing changes."""
    mallopt = glibc_mallopt()
    if mallopt is None or not mallopt(_M_MMAP_THRESHOLD, 16 << 20):
        yield
        return
    mallopt(_M_TRIM_THRESHOLD, 64 << 20)
    try:
        yield
    finally:
        mallopt(_M_MMAP_THRESHOLD, _GLIBC_DEFAULT)
        mallopt(_M_TRIM_THRESHOLD, _GLIBC_DEFAULT)


@cache
def glibc_mallopt() -> Callable[[int, int], int] | None:
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc"):  # type: ignore[union-attr]
            return None
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, ValueError):  # no confstr, or no such name: not glibc
        return None
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return cast(Callable[[int, int], int], mallopt)
