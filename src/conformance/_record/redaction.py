"""What evidence may show of a value: every known secret replaced, however it is encoded
(:class:`Redactor`, :func:`encodings`), the words of files outside the manifest's folder left
unquoted (:mod:`.quoting`), and sizes bounded (:func:`clip`), whatever the target sent.
:mod:`.evidence` passes everything it keeps through all three."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping
from typing import overload
from urllib.parse import quote, quote_plus

from .quoting import Quoting

#: Characters of one text kept in evidence.
MAX_TEXT = 2000
#: Members of one object kept in evidence.
MAX_MEMBERS = 200
REDACTED = "***"


class Redactor:
    """Replaces every known secret value, wherever it appears and however it is encoded
    (:func:`encodings`), by ``***``; text that ends in the first characters of a secret (a
    cut made before redaction) loses them too. ``quoting``: which files' words evidence may
    quote (None: any file's, where no manifest says otherwise)."""

    def __init__(self, secrets: Iterable[str] = (), quoting: Quoting | None = None) -> None:
        self.quoting = quoting
        raw = {s for s in secrets if s and len(s) >= MIN_SECRET}
        self._raw = sorted(raw, key=len, reverse=True)
        # Longest first so a secret containing another is replaced whole.
        self._secrets = sorted({form for s in raw for form in encodings(s)}, key=len, reverse=True)

    def add(self, secrets: Iterable[str]) -> None:
        """Redact these too from now on (a secret learnt during the run: an OAuth token)."""
        raw = {s for s in secrets if s and len(s) >= MIN_SECRET} - set(self._raw)
        if raw:
            self._raw = sorted({*self._raw, *raw}, key=len, reverse=True)
            self._secrets = sorted({*self._secrets, *(form for s in raw for form in encodings(s))}, key=len,
                                   reverse=True)

    def text(self, value: str) -> str:
        for secret in self._secrets:
            if secret in value:
                value = value.replace(secret, REDACTED)
        for secret in self._raw:
            value = _cut_prefix(value, secret)
        return value

    # A value keeps its shape (a string stays a string, an object an object; a tuple becomes a list).
    @overload
    def value(self, value: str) -> str: ...
    @overload
    def value(self, value: Mapping[str, object]) -> dict[str, object]: ...
    @overload
    def value(self, value: Mapping[str, object] | None) -> dict[str, object] | None: ...
    @overload
    def value(self, value: object) -> object: ...

    def value(self, value: object) -> object:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        return value

    @overload
    def clipped(self, value: Mapping[str, object], limit: int = ..., items: int = ...) -> dict[str, object]: ...
    @overload
    def clipped(self, value: object, limit: int = ..., items: int = ...) -> object: ...

    def clipped(self, value: object, limit: int = MAX_TEXT, items: int = 200) -> object:
        """``clip(self.value(value), limit, items)`` in one walk instead of two (every item
        of evidence goes through both)."""
        if isinstance(value, str):
            return clip(self.text(value), limit)
        if isinstance(value, dict):
            if len(value) > MAX_MEMBERS:  # clip keeps the first members of the redacted object
                return clip(self.value(value), limit, items)
            return {self.text(str(k)): self.clipped(v, limit, items) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.clipped(v, limit, items) for v in value[:items]]
        return value


MIN_SECRET = 4
#: A cut-off secret is redacted when at least this much of it is left at the end of a text.
MIN_PREFIX = 6


def encodings(secret: str) -> set[str]:
    """The forms a secret takes in messages and evidence: raw, escaped as Python's repr and
    JSON write it, percent-encoded, and base64 (standard and URL-safe, at each of the three
    alignments it can have inside a longer encoded value, e.g. ``user:secret`` in Basic auth)."""
    forms = {secret, repr(secret)[1:-1], json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
             quote(secret, safe=""), quote(secret), quote_plus(secret)}
    forms.add(secret.encode("unicode_escape").decode("ascii"))
    data = secret.encode("utf-8")
    for shift in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * shift + data).decode("ascii")
            # Only the characters that depend on the secret's bytes alone.
            first = -(-8 * shift // 6)
            last = (8 * (shift + len(data)) - 6) // 6
            core = encoded[first:last + 1]
            if len(core) >= 6:
                forms.add(core)
    return {f for f in forms if len(f) >= MIN_SECRET}


def _cut_prefix(value: str, secret: str) -> str:
    """``value`` without a trailing prefix of ``secret`` (what a cut before redaction leaves)."""
    head = secret[:MIN_PREFIX]
    if len(secret) <= MIN_PREFIX or head not in value[-len(secret):]:
        return value
    tail_start = max(0, len(value) - len(secret) + 1)
    index = value.find(head, tail_start)
    while index != -1:
        if secret.startswith(value[index:]):
            return value[:index] + REDACTED
        index = value.find(head, index + 1)
    return value


@overload
def clip(value: str, limit: int = ..., items: int = ...) -> str: ...
@overload
def clip(value: Mapping[str, object], limit: int = ..., items: int = ...) -> dict[str, object]: ...
@overload
def clip(value: object, limit: int = ..., items: int = ...) -> object: ...


def clip(value: object, limit: int = MAX_TEXT, items: int = 200) -> object:
    """Keep evidence readable and reports bounded, whatever size the target sent."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + f"… [{len(value) - limit} more characters]"
    if isinstance(value, dict):
        return {k: clip(v, limit, items) for k, v in list(value.items())[:MAX_MEMBERS]}
    if isinstance(value, list):
        return [clip(v, limit, items) for v in value[:items]]
    return value
