"""The C allocator of each test process, imported by ``tests/conftest.py`` (issue 31).

glibc's ``malloc`` gives a freed block at the top of its heap back to the kernel once more
than its trim threshold is free there, and serves blocks past its mmap threshold with an
``mmap`` of their own that ``free`` unmaps. Both thresholds start low (128 KiB; the mmap one
then follows the largest block freed, the trim one twice that). A test process allocates
and frees numpy arrays of a few hundred kilobytes thousands of times (the label locator's
correlation maps, for one), so the same pages were handed back and faulted in again, zeroed
by the kernel each time. ``tests/areas/assets/test_perceived.py`` alone, in one process
(``/usr/bin/time``): 242 000 minor page faults and 2.2 s of system time with glibc's
defaults, 31 600 and 0.3 s with the settings below, peak RSS 165 MB and 167 MB
(bench/README.md, "Issue 31, fast layer, fourteenth pass").

This process keeps up to 128 MiB free at the top of its heap and serves blocks under
32 MiB from the heap, so freed pages are reused. Only the pytest processes themselves: the
``conformance`` processes the tests start (the battery, the CLI tests) keep glibc's
defaults, as a user's command does. Elsewhere (not glibc) nothing changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform

#: mallopt's parameter numbers (glibc's malloc.h)
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
TRIM_THRESHOLD = 128 << 20
MMAP_THRESHOLD = 32 << 20  # glibc's own ceiling for the threshold it adapts (64-bit)


def keep_freed_memory() -> bool:
    """Set this process's thresholds (glibc only); whether they were set."""
    if platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))


keep_freed_memory()
