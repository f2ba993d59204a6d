"""Judging a paginated listing (IF-PAGE-001): linear in the number of items seen.

A listing can be long (a registry with 180 000 assets) and its items can be anything a
target sends: identifiers are compared as canonical keys (an ID that is a list or an object
still has one), counted once with a Counter, never by scanning the list for each item.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

import orjson

from .._shared.numbers import as_integer

if TYPE_CHECKING:
    from conformance.area import JsonValue

# The harness's bound on the pages of the unparameterised listing it follows (IF-PAGE-001 step 1):
# a listing whose `next` links go on past it leaves the case inconclusive, never failed.
MAX_LISTING_PAGES = 1000


def item_key(value: JsonValue) -> Hashable:
    """A hashable key standing for a JSON value (equal values, equal keys)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return repr(value)


def listed_ids(body: JsonValue, member: str = "asset_id") -> list[Hashable] | None:
    """The ``member`` of each item of a listing body ``{"items": [...]}``, or None when the
    body is not such a listing."""
    items = body.get("items") if isinstance(body, dict) else None
    if not isinstance(items, list):
        return None
    return [item_key(item.get(member)) for item in items if isinstance(item, dict)]


def duplicates(ids: Iterable[Hashable], limit: int = 10) -> list[Hashable]:
    """Up to ``limit`` IDs that occur more than once, in the order they first repeat."""
    counts = Counter(ids)
    return [key for key, count in counts.items() if count > 1][:limit]



def declared_max_page_size(discovery: JsonValue) -> int | None:
    """The largest page a platform says its listings serve: ``pagination.max_page_size`` of its
    discovery document, or None when the document declares none usable."""
    paging = discovery.get("pagination") if isinstance(discovery, dict) else None
    size = paging.get("max_page_size") if isinstance(paging, dict) else None
    whole = as_integer(size)
    return whole if whole is not None and whole >= 1 else None
