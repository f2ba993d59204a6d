"""Joining a path to the ``http`` adapter's base URL without httpx's three parses.

``httpx.URL.join`` parses the reference, prints it, joins it with :func:`urllib.parse.urljoin`
and parses the result again: 100-200 µs, more than the rest of building a request. A run
sends thousands of distinct paths (generated IDs in stateful and property-based suites), so
the adapter's cache of joined URLs misses often. For the common case (a relative path made
only of characters httpx leaves as they are, under a base URL whose path ends in ``/`` and
that has no query or fragment) the join is the base's path followed by the reference, and
the URL can be made from the base's parsed form directly. Anything else is joined by httpx;
``tests/adapters/test_http_join.py`` checks that both ways give the same URL.
"""

from __future__ import annotations

import re

import httpx

#: A relative reference whose join is a plain concatenation and which httpx would keep as
#: written: path characters httpx never escapes (no ``:``: a first segment holding one would
#: be a scheme; no ``;``: urllib splits parameters off the last segment) or ``%XX``, then
#: optionally a non-empty query of such characters (urllib drops an empty one). No fragment.
_PLAIN = re.compile(
    r"(?P<path>(?:[A-Za-z0-9\-._~!$&'()*+,=@/]|%[0-9A-Fa-f]{2})+)"
    r"(?:\?(?P<query>(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})+))?"
)


def plain_join(base: httpx.URL, reference: str) -> httpx.URL | None:
    """``base.join(reference)`` when the join is a plain concatenation (see module doc),
    made without parsing; None when httpx must do it."""
    parsed = getattr(base, "_uri_reference", None)
    replace = getattr(parsed, "_replace", None)
    if parsed is None or replace is None or parsed.query is not None or parsed.fragment is not None \
            or not parsed.path.endswith("/"):
        return None  # not httpx's parsed form as known (0.2x), or a base urljoin would cut
    match = _PLAIN.fullmatch(reference)
    if match is None:
        return None
    path = match["path"]
    # Dot segments are removed and empty ones kept or not by urljoin's own rules: left to it.
    if path.startswith("/") or "//" in path or any(s in (".", "..") for s in path.split("/")):
        return None
    url = httpx.URL.__new__(httpx.URL)
    url._uri_reference = replace(path=parsed.path + path, query=match["query"])
    return url
