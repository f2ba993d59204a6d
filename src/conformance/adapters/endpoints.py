"""Where an ``http`` target serves each named endpoint: the manifest's ``paths``.

The areas name the endpoints their tests call, each with its default path template
(``conformance_endpoints``: ``did_resolution: /1.0/identifiers/{did}``). A product that
serves one elsewhere says so in its target (``paths: {did_resolution:
/resolver/resolve/{did}}``); the adapter then sends every request for the default path to the
moved one, the ``{...}`` segments carried over and the query kept. Suites keep calling the
default paths; evidence shows the URL really requested.

Each template is checked when the target is opened, before anything runs: an unknown name
(with the closest known ones), a template that lacks a segment the endpoint fills in or names
one it does not fill in, each is one line naming its place (exit 2).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import orjson

from ..errors import HarnessInputError

#: ``{name}`` in a path template: a path segment the test fills in.
PARAM = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Moved:
    """One endpoint the manifest moved: its name, the default path as a pattern, the new template."""

    name: str
    default: re.Pattern[str]
    template: str
    #: whether the manifest's ``paths`` names it (False: an endpoint left at its default, listed so that a request
    #: goes to the most specific endpoint its path fits)
    explicit: bool = True

    def path(self, match: re.Match[str]) -> str:
        return PARAM.sub(lambda m: match[m[1]], self.template)


def _pattern(template: str) -> re.Pattern[str]:
    """A default template as a pattern over a request's path: each ``{name}`` one segment."""
    parts, last = [], 0
    for m in PARAM.finditer(template):
        parts += [re.escape(template[last:m.start()]), f"(?P<{m[1]}>[^/?#]+)"]
        last = m.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts))


def moved_endpoints(
    paths: Mapping[str, str], known: Mapping[str, str], where: Callable[[str], str]
) -> tuple[Moved, ...]:
    """The endpoints ``paths`` moves, each checked against the ``known`` defaults; ``where(name)``
    names the template's place in the manifest."""
    moved: list[Moved] = []
    for name, template in paths.items():
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
            hint = f"did you mean {' or '.join(close)}? " if close else ""
            raise HarnessInputError(where(name), f"no endpoint is named {name!r}",
                                    f"{hint}known endpoints: {', '.join(sorted(known))}")
        needed = PARAM.findall(known[name])
        given = PARAM.findall(template)
        missing = [p for p in needed if p not in given]
        if missing:
            example = known[name]
            raise HarnessInputError(
                where(name), f"the path {template!r} lacks {', '.join('{' + p + '}' for p in missing)}, "
                f"which endpoint {name} fills in (its default: {example})",
                f"put {', '.join('{' + p + '}' for p in missing)} where the product expects it",
            )
        extra = [p for p in given if p not in needed]
        if extra or len(set(given)) != len(given):
            wrong = extra or [p for p in given if given.count(p) > 1]
            fills = ", ".join("{" + p + "}" for p in needed) or "nothing"
            raise HarnessInputError(
                where(name), f"the path {template!r} names {'{' + wrong[0] + '}'}, which endpoint {name} "
                f"does not fill in once (it fills in {fills})",
                f"use only {fills}, each once" if needed else "write the path without {...}",
            )
        moved.append(Moved(name, _pattern(known[name]), template))
    if moved:
        # The endpoints left where they are, too: a request goes to the most specific endpoint
        # its path fits (``/assets/import`` is no ``/assets/{asset_id}``), moved or not.
        named = {m.name for m in moved}
        moved += [Moved(name, _pattern(t), t, explicit=False) for name, t in known.items() if name not in named]
    return tuple(sorted(moved, key=lambda m: _specificity(known[m.name])))


def _specificity(template: str) -> tuple[int, int]:
    """Sorts the most specific template first: fewer ``{...}`` segments, then more literal text."""
    return len(PARAM.findall(template)), -len(PARAM.sub("", template))


def rewritten(path: str, moved: tuple[Moved, ...]) -> str:
    """``path`` (relative to the base URL, maybe with a query) as the manifest moved it; an
    absolute URL or a path no moved endpoint has stays as it is."""
    if not moved or "://" in path:
        return path
    bare, sep, query = path.partition("?")
    bare = "/" + bare.lstrip("/")
    for endpoint in moved:
        match = endpoint.default.fullmatch(bare)
        if match is not None:
            return endpoint.path(match) + sep + query
    return path


def moved_by_manifest(path: str, moved: tuple[Moved, ...]) -> bool:
    """Whether the manifest's ``paths`` moves the endpoint ``path`` (a default path) goes to."""
    bare = "/" + path.partition("?")[0].lstrip("/")
    return any(endpoint.default.fullmatch(bare) is not None for endpoint in moved if endpoint.explicit)


@functools.lru_cache(maxsize=8)  # one set of endpoints a process, in practice
def _default_patterns(known: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    ordered = sorted(known, key=lambda item: _specificity(item[1]))
    return tuple((name, _pattern(template)) for name, template in ordered)


def endpoint_at(path: str, known: Mapping[str, str], moved: tuple[Moved, ...]) -> tuple[str, str] | None:
    """The named endpoint a request for ``path`` (as the suite wrote it: a default path) goes
    to, and that endpoint's template as the target serves it (moved or not); None for a path
    no area names. Says where "nothing answers" in one line for every request to it."""
    if "://" in path:
        return None
    bare = "/" + path.partition("?")[0].lstrip("/")
    for name, pattern in _default_patterns(tuple(sorted(known.items()))):
        if pattern.fullmatch(bare):
            shown = next((m.template for m in moved if m.name == name), known[name])
            return name, shown
    return None


#: Media types of an answer that comes from a route judging the request (a problem details
#: document, a DID resolution result), not from a server that has no route there.
ROUTE_MEDIA_TYPES = ("application/problem+json", "application/did-resolution", "application/ld+json",
                     "application/did+json", "application/did+ld+json")
#: Members of a JSON answer that say a route judged the request: RFC 9457 problem details,
#: a DID resolution result, a Universal Resolver's error.
ROUTE_MEMBERS = ("title", "type", "didResolutionMetadata", "didDocumentMetadata", "error")


def no_route(content_type: str, body: bytes) -> bool:
    """Whether a 404 or 405 answer says nothing serves the path (a server's page for "no
    route"), rather than a route saying the thing asked for is not there (a problem details
    document, a resolution result naming ``notFound``), which is the product's answer to judge."""
    media = content_type.split(";")[0].strip().lower()
    if media in ROUTE_MEDIA_TYPES:
        return False
    if media == "application/json" or media.endswith("+json"):
        try:
            value = orjson.loads(body)
        except orjson.JSONDecodeError:
            return True
        return not (isinstance(value, dict) and any(k in value for k in ROUTE_MEMBERS))
    return True
