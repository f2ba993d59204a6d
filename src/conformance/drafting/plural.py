"""A count and its English noun, singular or plural by the count (twenty-seventh reading, row 13): generated
English reads as finished text, "1 SHOULD normative requirement", "3 further cases", never "requirement(s)"."""

from __future__ import annotations


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """``n`` before ``noun`` (one) or ``nouns`` (any other count; default ``noun`` + "s")."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def noun_for(n: int, noun: str, nouns: str | None = None) -> str:
    """``noun`` or ``nouns`` by ``n``, for a phrase whose count stands further ahead ("1 SHOULD and 2 MAY
    normative requirements")."""
    return noun if n == 1 else nouns or noun + "s"
