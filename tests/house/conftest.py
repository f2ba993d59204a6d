"""The house tests share the package's parsed modules within a module (tests/layers.py,
:func:`~tests.layers.parsed`) and drop them after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.layers import forget_parsed


@pytest.fixture(autouse=True, scope="module")
def _parsed_modules_dropped_after_the_module() -> Iterator[None]:
    yield
    forget_parsed()
