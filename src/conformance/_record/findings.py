"""One violation, whatever found it: the single finding type of the harness.

Checks return :class:`Finding` objects; a suite records them in its evidence, which turns
each into a report item with :meth:`Finding.evidence`. A finding says what is wrong
(``message``), where (the input it is about, a place within it, and coordinates an area
defines, e.g. a capture's stream, frame and time), what was expected and what was seen, and
which rule or requirement it breaks when the check knows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field, fields
from typing import Any

from ..messages import msg, text_of


@dataclass(frozen=True, slots=True)
class Finding:
    message: str
    _: KW_ONLY
    #: The input the finding is about: a file's display name, or for an HTTP target the
    #: exchange as "METHOD path". Evidence is grouped and capped by this.
    file: str | None = None
    pointer: str | None = None  # JSON pointer within the input ("" is the whole document)
    line: int | None = None  # 1-based line of a text input
    #: Where within the input in an area's own terms (the core knows none): written into the
    #: evidence item after ``line``, in their order.
    coordinates: Mapping[str, object] = field(default_factory=dict)
    expected: object = None
    actual: object = None
    rule: str | None = None  # the check's own rule name or code, where it has one
    requirement: str | None = None  # the requirement ID, where the check knows it
    #: Further members for the report (e.g. a seed or the request that reproduces it).
    extra: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, message: str, **members: Any) -> Finding:
        """A finding from keyword members; those that are not fields go to ``extra``
        (an area's coordinates are passed as ``coordinates``)."""
        known = {k: v for k, v in members.items() if k in _MEMBERS}
        extra = {k: v for k, v in members.items() if k not in _MEMBERS and v is not None}
        return cls(message, **known, extra=extra)

    def where(self) -> str:
        """The location as text: ``file:line pointer`` (the parts that are known)."""
        place = self.file or ""
        if self.line is not None:
            place = f"{place}:{self.line}" if place else f"line {self.line}"
        return " ".join(part for part in (place, self.pointer) if part)

    def summary(self) -> str:
        """The message after its location (a template's message stays one: :func:`msg`)."""
        where = self.where()
        return msg("engine.at", where=where, message=self.message) if where else self.message

    def evidence(self) -> dict[str, object]:
        """The report's evidence item: kind "finding", the message and every known member."""
        item: dict[str, object] = {"kind": "finding"}
        for name in ("message", *_MEMBERS):
            if name == "coordinates":
                item.update((k, finite_or_text(v)) for k, v in self.coordinates.items()
                            if v is not None and k not in item)
                continue
            value = getattr(self, name)
            if value is not None:
                item[name] = finite_or_text(value)
                # The message, and "expected": "an object" (words, not data), keep their template too.
                if name in TEXT_MEMBERS and (described := text_of(value)) is not None:
                    item[TEXT_MEMBERS[name]] = described
        item.update((k, finite_or_text(v)) for k, v in self.extra.items() if v is not None and k not in item)
        return item


def finite_or_text(value: object) -> object:
    """``value`` with each float in it that is no finite number written as its text ("inf", "-inf", "nan"):
    JSON has no number for one, and a report's writer (orjson) would write null, losing what was measured
    (an ear at -inf dB FS). The same object when it holds none (most do)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Mapping) and not isinstance(value, str):
        found = {k: finite_or_text(v) for k, v in value.items()}
        return found if any(found[k] is not v for k, v in value.items()) else value
    if isinstance(value, list | tuple):
        kept = [finite_or_text(v) for v in value]
        return kept if any(a is not b for a, b in zip(kept, value, strict=True)) else value
    return value


#: The members of an evidence item that may be written from a template, and the member that
#: keeps the template (see conformance.messages), for the views that render them.
TEXT_MEMBERS = {"message": "text", "expected": "expected_text", "actual": "actual_text"}
_MEMBERS = tuple(f.name for f in fields(Finding) if f.name not in ("message", "extra"))
