"""Violating test content (IF-MOD-001): the labelled test set the harness plants, and how a
platform's answer to it is read.

Annex D defines violating test content the way anti-virus tests use a harmless test
file: asset metadata whose ``name`` or ``description`` carries :data:`MARKER` followed by
``:<category>`` is, on a platform's test deployment, information the platform must not spread.
Nothing harmful is planted, yet the category of each item is known. The set is generated per run
(:func:`planted_set`): one planted item for each field the marker is placed in, and one control item,
the same probe without the marker, so that a review that refuses everything does not pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._shared.requestbodies import metadata

if TYPE_CHECKING:
    from conformance.area import JsonObject

MARKER = "METAVERSE-CONFORMANCE-VIOLATING-TEST-CONTENT"
#: The category of the planted items: information a platform must not spread (《网络信息内容生态治理
#: 规定》 art. 6, and art. 10 for the platform's duty).
CATEGORY = "illegal"
#: Where the marker is placed: the metadata fields every listing and page shows.
FIELDS = ("name", "description")
#: Statuses that show content not served: absent, removed, or withheld from this reader.
NOT_SERVED = frozenset({401, 403, 404, 410, 451})


@dataclass(frozen=True)
class Entry:
    """One item of the test set: its asset ID, its label (None: the control) and its metadata."""

    asset_id: str
    field: str | None
    metadata: JsonObject

    @property
    def planted(self) -> bool:
        return self.field is not None


def marked(text: str) -> str:
    return f"{text} {MARKER}:{CATEGORY}"


def planted_set(prefix: str, issuer: str) -> list[Entry]:
    """The planted items (one per field) and the control, with asset IDs beginning ``prefix``."""
    entries: list[Entry] = []
    for field in FIELDS:
        asset_id = f"{prefix}-planted-{field}"
        data = metadata(asset_id, issuer)
        data[field] = marked(str(data[field]))
        entries.append(Entry(asset_id, field, data))
    control = f"{prefix}-control"
    entries.append(Entry(control, None, metadata(control, issuer)))
    return entries
