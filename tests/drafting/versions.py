"""Version comparison for the tests that hold a part's version step: a later part may step the same requirement
again (its own note line then follows), so a part's test asks that the version is not earlier than the part's step
and that the part's note line is there, not that the step is the last one."""

from __future__ import annotations


def _key(version: str) -> tuple[int, int, int]:
    parts = [int(p) for p in str(version).split(".")]
    return (parts + [0, 0, 0])[0], (parts + [0, 0, 0])[1], (parts + [0, 0, 0])[2]


def not_earlier(actual: object, step: str) -> bool:
    """Whether ``actual`` is ``step`` or a later version."""
    return _key(str(actual)) >= _key(step)
