"""The reference's review of content before it is published (IF-MOD-001).

Annex D defines violating test content: asset metadata whose ``name`` or
``description`` carries the marker ``METAVERSE-CONFORMANCE-VIOLATING-TEST-CONTENT`` followed by
``:<category>``. A platform's test deployment treats it as information it must not spread
(《网络信息内容生态治理规定》 art. 10), so that a laboratory can plant violating content without
committing any real harmful content (as anti-virus tests use a harmless test file). The reference's
review refuses such a submission at ``POST /assets`` with 422, an RFC 9457 problem of type
``.../problems/content-refused`` whose extension member ``category`` names the category. Planted
defects bend the review one way each: it lets the marked content through, or refuses everything.
"""

from __future__ import annotations

import re
from typing import Any

from ..assets.ledger import Refused

DEFECTS: dict[str, str] = {
    "violating-content-published": "POST /assets publishes metadata carrying the violating-test-content marker",
    "screening-refuses-all": "POST /assets refuses every submission as violating content, the harmless ones too",
    "screening-refusal-bare": "POST /assets refuses violating content with a plain-text 422, not problem details",
}
MARKER = "METAVERSE-CONFORMANCE-VIOLATING-TEST-CONTENT"
#: The published rule (reporting.CONDUCT, illegal-content) a submission of violating test content breaks.
CONDUCT_RULE = "CR-ILL-1"
#: The fields the review reads, and the marker with its category.
SCREENED = ("name", "description")
_MARKED = re.compile(re.escape(MARKER) + r":([a-z0-9-]+)")


class ContentRefused(Refused):
    """A submission the review refused, naming the category of violating content it found."""

    def __init__(self, category: str) -> None:
        super().__init__(422, "content-refused", f"the content carries violating content ({category}) and is "
                                                 "not published")
        self.extra = {"category": category}


def screen(metadata: Any, defects: frozenset[str]) -> None:
    """Raises :class:`ContentRefused` when ``metadata`` carries violating test content (every
    submission, under the defect screening-refuses-all)."""
    if "screening-refuses-all" in defects:
        raise ContentRefused("unreviewed")
    if "violating-content-published" in defects or not isinstance(metadata, dict):
        return
    for field in SCREENED:
        value = metadata.get(field)
        found = _MARKED.search(value) if isinstance(value, str) else None
        if found:
            raise ContentRefused(found.group(1))
