"""Which key of an OpenAPI content map an answer's Content-Type falls under.

OpenAPI 3.1.0 (4.8.17, the Response Object's ``content``) keys a response's payloads by media type
or media type range, and "for responses that match multiple keys, only the most specific key is
applicable" (``text/plain`` overrides ``text/*``). A media type is read as RFC 9110 8.3.1 writes
it: the type, the subtype and the parameter names are case-insensitive, a parameter value may be
sent as a token or as a quoted-string and the two are the same value. A key without parameters
covers the media type whatever parameters an answer carries; a key with parameters covers an
answer carrying each of them with its value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
#: one parameter: the text up to the next ";" outside a quoted-string (RFC 9110 5.6.4)
_PARAMETER = re.compile(r'(?:"(?:[^"\\]|\\.)*"?|[^;"])+')
_QUOTED_PAIR = re.compile(r"\\(.)")
#: parameters whose values are case-insensitive: charset (RFC 9110 8.3.2)
_CASELESS_VALUES = frozenset({"charset"})
#: parameters whose value is a whitespace-separated list of URIs, a key's list covering an answer's
#: that holds each of its URIs: profile (RFC 6906 3; JSON-LD 1.1's application/ld+json registers it so)
_LIST_VALUES = frozenset({"profile"})


@dataclass(frozen=True)
class MediaType:
    kind: str  # "type/subtype", lower-case
    parameters: tuple[tuple[str, str], ...]  # (name lower-case, value unquoted), sorted

    def __str__(self) -> str:
        """The media type written one way for every spelling of it (the plan cache's key)."""
        return self.kind + "".join(f";{name}={_written(value)}" for name, value in self.parameters)

    @property
    def specificity(self) -> tuple[int, int]:
        """How specific a key is: a media type before ``type/*`` before ``*/*``, then more parameters first."""
        top, _, sub = self.kind.partition("/")
        return (0 if top == "*" else 1 if sub == "*" else 2, len(self.parameters))

    def covers(self, answer: MediaType) -> bool:
        """Whether this key (a media type or a range) covers ``answer``'s media type."""
        top, _, sub = self.kind.partition("/")
        answer_top, _, answer_sub = answer.kind.partition("/")
        if top == "*":
            if sub != "*":
                return False  # "*/json" is no media range (RFC 9110 12.5.1)
        elif top != answer_top or sub not in ("*", answer_sub):
            return False
        given = dict(answer.parameters)
        for name, value in self.parameters:
            if name not in given:
                return False
            if name in _LIST_VALUES:
                if not set(value.split()) <= set(given[name].split()):
                    return False
            elif given[name] != value:
                return False
        return True


def _written(value: str) -> str:
    if _TOKEN.fullmatch(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _value(name: str, raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        raw = _QUOTED_PAIR.sub(r"\1", raw[1:-1])
    return raw.lower() if name in _CASELESS_VALUES else raw


def parse(text: str) -> MediaType | None:
    """``text`` (a Content-Type's value or a content map's key) as a media type; None when it is empty."""
    kind, _, rest = text.partition(";")
    kind = kind.strip().lower()
    if not kind:
        return None
    parameters = []
    for match in _PARAMETER.finditer(rest):
        name, _, value = match.group().partition("=")
        if name := name.strip().lower():
            parameters.append((name, _value(name, value)))
    return MediaType(kind, tuple(sorted(parameters)))


def applicable(content_type: str | MediaType | None, keys: Iterable[str]) -> str | None:
    """The key of ``keys`` that applies to an answer of this Content-Type (as sent, or parsed already): the most
    specific one covering it (OpenAPI 3.1.0, 4.8.17), None when none does or the answer names no media type."""
    answer = parse(content_type) if isinstance(content_type, str) else content_type
    if answer is None:
        return None
    covering = [(key.specificity, written) for written in keys if (key := parse(written)) and key.covers(answer)]
    return max(covering)[1] if covering else None
