"""Reference routes of identity: DID resolution (W3C DID Resolution HTTPS binding)."""

from __future__ import annotations

from starlette.routing import Route

DEFECTS: dict[str, str] = {}


def routes(defects: frozenset[str]) -> list[Route]:
    return []
