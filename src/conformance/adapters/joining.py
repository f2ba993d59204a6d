"""The ``http`` adapter's base URL: whether it names this machine, and joining a path to it
without httpx's three parses (each join remembered).

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

import ipaddress
import re
from urllib.parse import urljoin

import httpx

from ..errors import NonConformance
from ..messages import msg
from .credentials import shown
from .endpoints import Moved, moved_by_manifest, rewritten

#: The prefix of a well-known URI (RFC 8615 3), reached at the origin's root.
WELL_KNOWN = "/.well-known/"
#: Joined URLs remembered per adapter (a run requests the same few paths over and over).
MAX_CACHED_URLS = 4096
#: Redirects followed for one request, each within the base URL's origin.
MAX_REDIRECTS = 5

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


def endpoint_base(base_url: httpx.URL, template: str, moved: bool = False) -> str:
    """What an endpoint's template is joined to in evidence: the base URL as shown, without its query; the
    origin's root for a well-known URI the manifest did not move (RFC 8615 3), as :meth:`JoinedUrls.join` asks it."""
    url = base_url.copy_with(path="/") if template.startswith(WELL_KNOWN) and not moved else base_url
    return shown(url).partition("?")[0]


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine: 127.0.0.0/8, ::1 (also IPv4-mapped), or
    ``localhost`` and names under ``.localhost`` (RFC 6761 6.3), with or without the
    trailing dot of a fully qualified name."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def origin_of(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


class JoinedUrls:
    """Paths joined to a base URL, each remembered up to :data:`MAX_CACHED_URLS` (joining costs
    more than the rest of building a request). Only the base URL's origin is ever reached."""

    def __init__(self, base_url: httpx.URL, moved: tuple[Moved, ...]) -> None:
        self.base_url = base_url
        self._moved = moved
        self._cache: dict[str, tuple[httpx.URL, str]] = {}

    def join(self, path: str) -> tuple[httpx.URL, str]:
        """``path`` (or an absolute URL of the same origin) joined to the base URL where the
        manifest's ``paths`` move it, and the URL as evidence shows it (:func:`shown`)."""
        joined = self._cache.get(path)
        if joined is not None:
            return joined
        moved = rewritten(path, self._moved)
        # a well-known URI sits at the origin's root whatever the base URL's path (RFC 8615 3; IF-DISC-001):
        # kept absolute-path so the join drops the base's path; any other path, and one the manifest's `paths`
        # moves (a template under base_url, as the manifest schema says), is relative to the base URL
        at_root = moved.startswith(WELL_KNOWN) and not moved_by_manifest(path, self._moved)
        reference = moved if "://" in moved or at_root else moved.lstrip("/")
        url = plain_join(self.base_url, reference)  # same origin by construction
        if url is None:
            try:
                url = self.base_url.join(reference)
            except httpx.InvalidURL as exc:  # a path a target handed out (a link, a next page) that is no URL
                raise NonConformance(msg("adapters.url-invalid", where=repr(path[:200]), error=str(exc))) from None
            if origin_of(url) != origin_of(self.base_url):
                # Only the target named in the manifest is ever contacted, whatever URLs it hands out.
                raise NonConformance(msg("adapters.other-origin", url=str(url), base=str(self.base_url)))
        joined = (url, shown(url))
        if len(self._cache) < MAX_CACHED_URLS:  # joining costs more than the rest of building a request
            self._cache[path] = joined
        return joined

    def redirect_target(self, url: httpx.URL, location: str, followed: int) -> httpx.URL:
        """Where a redirect from ``url`` leads, when the adapter may follow it: within the base
        URL's origin, and at most MAX_REDIRECTS times (``followed``: how many it followed)."""
        try:
            target = httpx.URL(urljoin(str(url), location))
        except (httpx.InvalidURL, ValueError):
            raise NonConformance(msg("adapters.redirect-invalid", location=repr(location[:200]))) from None
        if origin_of(target) != origin_of(self.base_url):
            raise NonConformance(
                msg("adapters.redirect-other-origin", url=shown(target)),
                expected=shown(self.base_url.copy_with(path="/")),
                actual=shown(target),
            )
        if followed >= MAX_REDIRECTS:
            raise NonConformance(msg("adapters.too-many-redirects", count=MAX_REDIRECTS))
        return target
