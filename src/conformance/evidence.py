"""Evidence: what a test saw, recorded so a verdict can be checked by a human later.

Each test gets an :class:`Evidence` through the ``evidence`` fixture; adapters add the
HTTP exchanges they perform to the evidence of the test that is running. Findings make a
test fail even when it raised nothing: the plugin, not the test, decides the verdict.
Everything passes through a :class:`Redactor` so secrets never reach a report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

MAX_ITEMS = 100
MAX_TEXT = 2000
REDACTED = "***"


class Redactor:
    """Replaces every known secret value, wherever it appears, by ``***``."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # Longest first so a secret containing another is replaced whole.
        self._secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def text(self, value: str) -> str:
        for secret in self._secrets:
            value = value.replace(secret, REDACTED)
        return value

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        return value


def clip(value: Any, limit: int = MAX_TEXT) -> Any:
    """Keep evidence readable and reports bounded, whatever size the target sent."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + f"… [{len(value) - limit} more characters]"
    if isinstance(value, dict):
        return {k: clip(v, limit) for k, v in list(value.items())[:200]}
    if isinstance(value, list):
        return [clip(v, limit) for v in value[:200]]
    return value


class Evidence:
    def __init__(self, redactor: Redactor | None = None) -> None:
        self.redactor = redactor or Redactor()
        self.items: list[dict[str, Any]] = []
        self.omitted = 0
        self.findings_count = 0

    def _add(self, item: dict[str, Any]) -> None:
        if len(self.items) >= MAX_ITEMS:
            self.omitted += 1
            return
        self.items.append(clip(self.redactor.value(item)))

    def finding(
        self,
        message: str,
        *,
        pointer: str | None = None,
        file: str | None = None,
        expected: Any = None,
        actual: Any = None,
        **extra: Any,
    ) -> None:
        """Record one violation. A test that records a finding fails."""
        item: dict[str, Any] = {"kind": "finding", "message": message}
        for key, value in (("file", file), ("pointer", pointer), ("expected", expected), ("actual", actual)):
            if value is not None:
                item[key] = value
        item.update({k: v for k, v in extra.items() if v is not None})
        self.findings_count += 1
        self._add(item)

    def findings_from(self, findings: Iterable[Any], **extra: Any) -> int:
        """Record schema findings (anything with ``as_evidence``); returns how many."""
        count = 0
        for found in findings:
            self.findings_count += 1
            self._add(found.as_evidence(**extra))
            count += 1
        return count

    def note(self, message: str, **data: Any) -> None:
        self._add({"kind": "note", "message": message, **data})

    def exchange(self, request: dict[str, Any], response: dict[str, Any] | None, **data: Any) -> None:
        self._add({"kind": "http", "request": request, "response": response, **data})

    def error(self, message: str, **data: Any) -> None:
        self._add({"kind": "error", "message": message, **data})

    def first_finding(self) -> str | None:
        for item in self.items:
            if item["kind"] == "finding":
                where = " ".join(str(item[k]) for k in ("file", "pointer") if item.get(k))
                return f"{where}: {item['message']}" if where else str(item["message"])
        return None

    def export(self) -> list[dict[str, Any]]:
        if self.omitted:
            return [*self.items, {"kind": "note", "message": f"{self.omitted} more items omitted"}]
        return list(self.items)


_current: ContextVar[Evidence | None] = ContextVar("conformance_evidence", default=None)


def current() -> Evidence:
    """The evidence of the running test (adapters record into it). Within a run, what is
    recorded outside any test goes to the Run's own evidence (``Run.outside_tests``); only
    an adapter used with no run at all records into a throwaway, there being no report."""
    return _current.get() or Evidence()


@contextmanager
def recording(evidence: Evidence) -> Iterator[Evidence]:
    token = _current.set(evidence)
    try:
        yield evidence
    finally:
        _current.reset(token)
