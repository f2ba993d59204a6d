"""pyld's JSON-LD processor, with its processed-context cache reaching type-scoped contexts.

pyld keeps each context it has processed relative to an active context (keyed by that active
context's ``_uuid``), so a document naming the same pinned contexts as the one before reuses
their processing. A type-scoped context (JSON-LD 1.1 section 4.1.8; the VC 2.0 context gives
``VerifiableCredential``, ``DataIntegrityProof`` and others one) does not propagate: pyld
first copies the active context into a new child, which has no ``_uuid`` yet, and processes
the scoped context against that child. A new child gets a new ``_uuid``, so pyld's cache
never holds it, and every node of every document builds the same term definitions again:
about half of a credential's expansion and of its canonicalisation (bench/jsonld_scoped.py;
bench/README.md, "Issue 77 item 7, eleventh pass").

:class:`Processor` hands pyld, for such a context, the same child of an active context each
time (made once, frozen, with a ``_uuid`` derived from its parent's), so pyld's own cache
finds what it processed before. The child is what pyld would have made itself (the same
mappings, the parent as ``previousContext``); the expansion is the same (tests/areas/_shared/
test_jsonld_processor.py compares it with plain pyld over every bundled sample and fixture).
Only the case pyld's code treats this way is taken: a parent context pyld froze (a processed
one), with no previous context, and a local context given as an object without
``@propagate`` (which would decide propagation itself) or a nested ``@context``. Anything else,
or a pyld without these internals, is processed by pyld as it is.

Second, pyld finds each context given as an object (an inline or a scoped one) in its cache by
that object's canonical JSON (RFC 8785), written by a pure-Python encoder on every resolution:
after the cut above, about two fifths of an expansion (bench/README.md, eleventh and twentieth
passes). :class:`KeyedResolver` keys such a context by the standard library's JSON encoding
instead (sorted members, no NaN or infinity: two contexts read from JSON get the same key only
when they are the same JSON value), a few times faster; what pyld caches under it is unchanged.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import Any, TypeGuard

from pyld import jsonld
from pyld.context_resolver import ContextResolver
from pyld.resolved_context import ResolvedContext

#: pyld's frozen mapping (a processed context), where this pyld has one and freezes with it
_FROZEN: Any = getattr(jsonld, "frozendict", None) if hasattr(jsonld, "freeze") else None
#: children kept, by their parent's ``_uuid``: a run names a handful of pinned contexts, each
#: with a few type-scoped ones; the least recently used child is dropped past this
KEPT = 256


#: pyld's shared cache of resolved contexts (by URL, or by an object's key), where it has one
_SHARED: object = getattr(jsonld, "_resolved_context_cache", None)
#: the mappings pyld treats as a context object: dict, and its own frozen one
_OBJECTS: tuple[type, ...] = (dict, _FROZEN) if isinstance(_FROZEN, type) else (dict,)


class KeyedResolver(ContextResolver):
    """pyld's context resolver, finding a context given as an object by a key the standard
    library's C encoder writes (see the module's docstring); a URL, ``null`` and anything
    pyld refuses go to pyld's own resolution."""

    def resolve(self, active_ctx: object, context: object, base: object, cycles: object = None) -> list[object]:
        if _is_object(context) and "@context" in context:
            context = context["@context"]
        resolved: list[object] = []
        for ctx in context if isinstance(context, list) else [context]:
            key = _key(ctx) if _is_object(ctx) else None
            if key is None:  # pyld's way: a URL, null or false, an invalid context, an odd value
                resolved.extend(super().resolve(active_ctx, [ctx], base, cycles))
                continue
            found = self._get(key)
            if not found:
                found = self._cache_resolved_context(key, ResolvedContext(ctx), "static")
            resolved.append(found)
        return resolved


def _is_object(value: object) -> TypeGuard[Mapping[str, object]]:
    return isinstance(value, _OBJECTS)


def _key(ctx: object) -> str | None:
    """A context object's cache key: its JSON, members sorted; None where the standard encoder
    refuses it (a non-finite number, a value JSON has no form for). A context read from a JSON
    text has only strings for member names, so equal keys are equal contexts."""
    try:
        return json.dumps(ctx, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None


def _resolving(options: Mapping[str, object] | None) -> dict[str, object]:
    """``options`` with a :class:`KeyedResolver` where none is given (as pyld sets its own)."""
    options = dict(options or {})
    if _SHARED is not None and "contextResolver" not in options:
        loader = options.setdefault("documentLoader", jsonld.get_document_loader())
        options["contextResolver"] = KeyedResolver(_SHARED, loader)
    return options


class Processor(jsonld.JsonLdProcessor):
    """pyld's processor, reusing the child context a non-propagating scoped context is
    processed against, and resolving context objects by :class:`KeyedResolver` (see the
    module's docstring)."""

    _children: dict[str, Any] = {}
    _lock = threading.Lock()  # the reference's server thread and the run's expand at once

    def expand(self, input_: object, options: Mapping[str, object] | None) -> Any:
        return super().expand(input_, _resolving(options))

    def compact(self, input_: object, ctx: object, options: Mapping[str, object] | None) -> Any:
        return super().compact(input_, ctx, _resolving(options))

    def normalize(self, input_: object, options: Mapping[str, object] | None) -> Any:
        return super().normalize(input_, _resolving(options))

    def to_rdf(self, input_: object, options: Mapping[str, object] | None) -> Any:
        return super().to_rdf(input_, _resolving(options))

    def _process_context(self, active_ctx: Any, local_ctx: Any, options: Any, override_protected: bool = False,
                         propagate: bool = True, validate_scoped: bool = True, cycles: Any = None) -> Any:
        if not propagate and _reusable(active_ctx, local_ctx):
            active_ctx = self._child_of(active_ctx)
        return super()._process_context(active_ctx, local_ctx, options, override_protected, propagate,
                                        validate_scoped, cycles)

    def _child_of(self, parent: Any) -> Any:
        key = parent["_uuid"]
        with self._lock:
            child = self._children.pop(key, None)  # popped and put back: the newest last
            if child is None or child["previousContext"] is not parent:
                made = self._clone_active_context(parent)
                made["previousContext"] = parent
                made["_uuid"] = f"{key}:child"
                child = jsonld.freeze(made)
            self._children[key] = child
            while len(self._children) > KEPT:
                del self._children[next(iter(self._children))]
        return child


def _reusable(active_ctx: Any, local_ctx: Any) -> bool:
    return (_FROZEN is not None and isinstance(active_ctx, _FROZEN) and "_uuid" in active_ctx
            and not active_ctx.get("previousContext") and isinstance(local_ctx, dict)
            and "@propagate" not in local_ctx and "@context" not in local_ctx)


def expand(document: object, options: dict[str, object]) -> Any:
    """pyld's ``jsonld.expand`` through :class:`Processor`."""
    return Processor().expand(document, options)
