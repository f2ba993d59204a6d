"""JSON-LD expansion with a pinned, bundled set of contexts and no network.

pyld does the JSON-LD 1.1 processing; its document loader here serves only the contexts in
``contexts/`` (listed in ``contexts/sources.yaml`` with their source, sha256, licence and
retrieval date; a file whose digest is not the pinned one is refused, so a context that
changed upstream is a new pinned version, never a silent replacement), those the run's
manifest declares, and those a vendor added to its local store (:mod:`.contextstore`,
``conformance contexts add``), each checked against its digest. Any other remote context
raises :class:`UnknownContext` naming the URL, so a run never fetches anything and its
outcome does not depend on what a web server answers that day.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, NotRequired, TypedDict

import yaml

from conformance import msg

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonValue


class ContextEntry(TypedDict):
    """One entry of ``contexts/sources.yaml``: a bundled context, where it came from, its digest."""

    url: str
    file: str
    sha256: str
    licence: str
    retrieved: datetime.date
    path: NotRequired[str]
    #: the repository and commit it was taken from, where not the file's header's (spruceid/ssi)
    repository: NotRequired[str]
    commit: NotRequired[str]


class UnknownContext(Exception):
    """A remote context that is not bundled: expansion cannot be done offline. ``never_published``:
    its host is a name reserved for examples or testing (RFC 2606, RFC 6761), so no one can
    retrieve it and no processor anywhere can expand the document."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url
        self.never_published = never_published(url)


#: Host names no one can publish under (RFC 2606 section 3 and 2, RFC 6761 section 6).
RESERVED_HOSTS = ("example.com", "example.net", "example.org")
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", "localhost")


def never_published(url: str) -> bool:
    """Whether ``url`` names a host reserved for examples or testing."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    return bool(host) and (host in RESERVED_HOSTS or host.endswith(tuple("." + h for h in RESERVED_HOSTS))
                           or host.endswith(RESERVED_SUFFIXES))


class Unprocessable(Exception):
    """The JSON-LD processor itself failed on the document (not a JSON-LD error it reports):
    nothing can be concluded from it."""


class ExpansionError(Exception):
    """The document is not valid JSON-LD (pyld's error code and message)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}" if code else message)
        self.code = code


#: pyld resolves a relative IRI against this base when the document has none (its
#: DEFAULT_BASE_IRI); an expanded IRI under it was relative in the document.
NO_BASE = "http://example.org/base/"


def was_relative(iri: str) -> bool:
    return iri.startswith(NO_BASE)


@cache
def bundled() -> dict[str, JsonValue]:
    """URL -> context document, read once from the package data, each file checked against
    the sha256 its entry pins (a mismatch is a damaged installation: ValueError naming it)."""
    return {entry["url"]: _pinned(entry) for entry in listing()}


@cache
def listing() -> list[ContextEntry]:
    """The entries of ``contexts/sources.yaml``: url, file, source, sha256, licence, retrieved."""
    folder = resources.files(__package__).joinpath("contexts")
    return list(yaml.safe_load(folder.joinpath("sources.yaml").read_text(encoding="utf-8"))["contexts"])


def _pinned(entry: ContextEntry) -> JsonValue:
    import hashlib

    raw = resources.files(__package__).joinpath("contexts", entry["file"]).read_bytes()
    if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
        raise ValueError(f"the bundled context {entry['file']} is not the version pinned for {entry['url']} "
                         f"(sha256 {entry['sha256']}): reinstall the package")
    return json.loads(raw)


#: Contexts the product itself publishes, declared in its manifest (``jsonld_contexts``) and
#: served for the length of a run by :func:`serving`. Bundled contexts take precedence, so a
#: manifest cannot replace the W3C ones.
_declared: dict[str, object] = {}


@contextmanager
def serving(contexts: Mapping[str, object]) -> Iterator[None]:
    """Serve these URL -> context documents too, while the block runs."""
    saved = dict(_declared)
    _declared.update(contexts)
    try:
        yield
    finally:
        _declared.clear()
        _declared.update(saved)


#: Contexts a vendor added to its local store (``conformance contexts add``), read and checked
#: against their digests when a run starts (:func:`serving`'s caller passes them in).
_stored: dict[str, object] = {}


@contextmanager
def serving_stored(contexts: Mapping[str, object]) -> Iterator[None]:
    """Serve the vendor's stored contexts too (after the bundled and declared ones)."""
    saved = dict(_stored)
    _stored.update(contexts)
    try:
        yield
    finally:
        _stored.clear()
        _stored.update(saved)


def _loader(url: str, options: object = None) -> dict[str, object]:
    document: object = None
    sources: tuple[Mapping[str, object], ...] = (bundled(), _declared, _stored)
    for source in sources:
        document = source.get(url) or source.get(url.rstrip("/"))
        if document is not None:
            break
    if document is None:
        raise UnknownContext(url)
    if source is bundled():
        # A bundled context is the same pinned bytes for the life of the process: tagged "static",
        # pyld keeps it resolved in its process-wide cache instead of loading it again and keying it
        # by its canonical JSON (RFC 8785) on every expansion: about a quarter of a proof's CPU. A
        # declared or stored context is never tagged: it is served for one run only.
        return {"contextUrl": None, "documentUrl": url, "document": document, "tag": "static"}
    return {"contextUrl": None, "documentUrl": url, "document": document}


def _cause(exc: BaseException) -> BaseException:
    """The innermost exception pyld wrapped (its errors nest the loader's as causes)."""
    seen = exc
    while True:
        inner = getattr(seen, "cause", None) or seen.__cause__
        if inner is None or inner is seen:
            return seen
        seen = inner


def expand(document: object, fallback_vocab: str | None = None) -> JsonArray:
    """The expanded form of a JSON-LD document, offline. ``fallback_vocab``: a vocabulary in
    force before the document's own contexts, so that a term none of them defines is kept
    under it instead of dropped (what a processor in safe mode would refuse)."""
    from pyld import jsonld

    from .jsonld_processor import expand as processed

    options: dict[str, object] = {"documentLoader": _loader}
    if fallback_vocab:
        options["expandContext"] = {"@vocab": fallback_vocab}
    try:
        try:
            return processed(document, options)
        except KeyError as exc:
            # pyld 2-3 deletes an absent @vocab on "@vocab": null; with none active the
            # null is a no-op, so expanding without it is the same processing.
            if exc.args != ("@vocab",):
                raise
            return processed(_without_null_vocab(document), options)
    except jsonld.JsonLdError as exc:
        inner = _cause(exc)
        if isinstance(inner, UnknownContext):
            raise inner from None
        chain = _chain(exc)
        codes = [getattr(e, "code", None) for e in chain]
        code = next((str(c) for c in reversed(codes) if c), "")
        first = chain[-1].args[0] if chain[-1].args else chain[-1]
        text = str(first[0] if isinstance(first, tuple) and first else first).splitlines()[0]
        raise ExpansionError(code, text) from None
    except RecursionError:
        raise Unprocessable(msg("codecs.jsonld-too-deep")) from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise Unprocessable(msg("codecs.jsonld-failed", error=f"{type(exc).__name__}: {exc}")) from None


def _chain(exc: BaseException) -> list[BaseException]:
    out = [exc]
    while True:
        inner = getattr(out[-1], "cause", None)
        if not isinstance(inner, BaseException) or inner in out:
            return out
        out.append(inner)


def _without_null_vocab(node: object) -> object:
    if isinstance(node, dict):
        return {k: _without_null_vocab(v) for k, v in node.items() if not (k == "@vocab" and v is None)}
    if isinstance(node, list):
        return [_without_null_vocab(v) for v in node]
    return node
