"""Text labels as W3C Web Annotations with text selectors.

A labelled text (named entities, spans tagged for a model) is a set of annotations in the W3C
Web Annotation Data Model: each ``Annotation`` has a ``body`` (the label, e.g. a
``TextualBody`` with ``purpose`` ``tagging``) and a ``target`` naming the text by ``source``
with one or more ``selector``s: a ``TextPositionSelector`` (``start`` inclusive, ``end``
exclusive, counted in Unicode code points from 0) and/or a ``TextQuoteSelector`` (``exact``,
with optional ``prefix`` and ``suffix`` around it). Several selectors on one target select the
same span, so a position and a quote must agree.

The files are read as the JSON serialisation the model defines (the keys its context fixes):
an annotation, an ``AnnotationPage``/``AnnotationCollection`` with ``items``/``first.items``,
or a list of annotations. Text sources are read only when they name a file of the target.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from conformance import Finding, msg

from .coco_masks import is_int

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTAINERS = ("AnnotationPage", "AnnotationCollection")


def _types(node: JsonValue) -> set[str]:
    kind = node.get("type", node.get("@type")) if isinstance(node, dict) else None
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def _contexts(data: JsonValue) -> set[str]:
    context = data.get("@context") if isinstance(data, dict) else None
    items = context if isinstance(context, list) else [context]
    return {c for c in items if isinstance(c, str)}


def is_annotation_document(data: JsonValue) -> bool:
    """A Web Annotation document (by its context and type): not a DCAT description."""
    if isinstance(data, list):
        return bool(data) and all(is_annotation_document(item) or "Annotation" in _types(item) for item in data)
    return CONTEXT in _contexts(data) and bool(_types(data) & {"Annotation", *CONTAINERS})


def annotations_in(data: JsonValue) -> Iterator[tuple[str, JsonObject]]:
    """(JSON pointer, annotation) of every annotation a document holds (only an object has a type)."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, dict) and "Annotation" in _types(item):
                yield f"/{index}", item
        return
    if not isinstance(data, dict):
        return
    if "Annotation" in _types(data):
        yield "", data
    if _types(data) & set(CONTAINERS):
        pages = [("", data)]
        first = data.get("first")
        if isinstance(first, dict):
            pages.append(("/first", first))
        for at, page in pages:
            items = page.get("items")
            for index, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict) and "Annotation" in _types(item):
                    yield f"{at}/items/{index}", item


def targets(annotation: JsonObject) -> Iterator[tuple[str, str, list[tuple[str, JsonObject]]]]:
    """(pointer, source, selectors with their pointers) of each target that names a source."""
    target = annotation.get("target")
    listed = target if isinstance(target, list) else [target]
    for index, item in enumerate(listed):
        at = f"/target/{index}" if isinstance(target, list) else "/target"
        source = item.get("source") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(source, str):
            continue
        selector = item.get("selector")
        selectors = selector if isinstance(selector, list) else [selector] if selector is not None else []
        pointed = [(f"{at}/selector/{i}" if isinstance(selector, list) else f"{at}/selector", s)
                   for i, s in enumerate(selectors) if isinstance(s, dict)]
        yield at, source, pointed


def check_target(text: str, selectors: list[tuple[str, JsonObject]]) -> Iterator[Finding]:
    """DP-LABEL-005's rules on one target's selectors against its text (code points)."""
    spans: list[tuple[int, int]] = []
    for at, selector in selectors:
        kinds = _types(selector)
        if "TextPositionSelector" in kinds:
            start, end = selector.get("start"), selector.get("end")
            if not (is_int(start) and is_int(end) and 0 <= start < end <= len(text)):
                yield Finding(msg("data.text-position-bad", length=len(text)), pointer=at,
                              actual=f"start {start!r}, end {end!r}"[:80], rule="R1")
                continue
            spans.append((start, end))
    for at, selector in selectors:
        if "TextQuoteSelector" not in _types(selector):
            continue
        exact = selector.get("exact")
        if not isinstance(exact, str) or not exact:
            yield Finding(msg("data.text-quote-empty"), pointer=at, rule="R2")
            continue
        prefix, suffix = selector.get("prefix") or "", selector.get("suffix") or ""
        if not isinstance(prefix, str) or not isinstance(suffix, str):
            prefix, suffix = "", ""
        if text.find(prefix + exact + suffix) == -1:
            yield Finding(msg("data.text-quote-missing"), pointer=at, actual=exact[:80], rule="R2")
            continue
        for start, end in spans:  # the span must be the quote's own occurrence, prefix and suffix included
            if not _occurs_at(text, start, exact, prefix, suffix) or end - start != len(exact):
                yield Finding(msg("data.text-selectors-disagree", start=start, end=end), pointer=at,
                              expected=exact[:80], actual=text[start:end][:80], rule="R3")


def _occurs_at(text: str, start: int, exact: str, prefix: str, suffix: str) -> bool:
    """Whether ``exact`` occurs at ``start`` with ``prefix`` right before it and ``suffix`` right after: tested at
    the one place a position selector names, so every occurrence counts however often the quote recurs (sixty-ninth
    reading, h133-ocaps: the first 100 000 occurrences were enumerated, and a quote whose own occurrence came later
    was reported missing)."""
    return start >= len(prefix) and text.startswith(prefix + exact + suffix, start - len(prefix))


def is_relative(source: str) -> bool:
    """Whether ``source`` is a relative path (no scheme, not absolute): a file it may name."""
    relative = unquote(source.split("#", 1)[0])
    return bool(relative) and ":" not in relative.split("/", 1)[0] and not relative.startswith("/")


def local_source(annotation_file: Path, source: str, declared: dict[str, Path]) -> Path | None:
    """The target file a relative ``source`` names (against the annotation file's folder, ``..``
    included: only a file the target declares is ever read), or None: an absolute IRI, or a
    path to a file the target does not declare."""
    relative = unquote(source.split("#", 1)[0])
    if not is_relative(source):
        return None
    return declared.get(os.path.normpath(os.path.join(os.path.abspath(annotation_file.parent), relative)))
