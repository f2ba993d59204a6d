"""Check logic the suites share, kept out of the test modules so it can be unit-tested.

Most modules take plain values (parsed JSON, paths, binary streams) and return what they
found, so the rules can be tested on their own (``tests/test_checks_*.py``) and the suite
tests stay short: fetch, call a check, record findings. Checks of a live answer that several
areas share (``problems``) take the response and the test's evidence directly.
"""

from collections.abc import Iterable
from typing import Any

from ..messages import msg


def alternatives(values: Iterable[Any]) -> str:
    """``values`` as "200 or 201 or 204", the word "or" in the report's language too
    (Chinese "或")."""
    shown = [str(v) for v in values]
    either: str = shown[0] if shown else ""
    for value in shown[1:]:
        either = msg("engine.either", first=either, then=value)
    return either
