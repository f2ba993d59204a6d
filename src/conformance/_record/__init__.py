"""What a run records while its tests run: findings, evidence (redacted and capped), and the
files checks read beyond their adapters' own. Below the catalog, the adapters and the run, so
that each of them, and the report's views, can record and read a run's record without
reaching up into the engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def bound(variable: ContextVar[T | None], value: T) -> Iterator[T]:
    """``variable`` holds ``value`` while the block runs (in this thread or task only): how a
    run's record reaches the checks it runs without anything kept process-wide."""
    token = variable.set(value)
    try:
        yield value
    finally:
        variable.reset(token)
