"""The fifty-fifth reading, part h109-tests (docs/drafting.md, "Fifty-fifth reading, part h109-tests"): twelve older
tests failed on main after the fifty-fourth reading's parts merged, each part's text breaking a rule another part's
test holds (limitreasons' mypy --strict error is tests/house/test_types.py's). The older tests stop at their first
failure; this one checks every term at once, and fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.writer import load_data


def test_every_term_has_an_english_name_the_english_body_uses(catalog, en_markdown):
    """'enveloped verifiable credential' / 'presentation' (ID-VC-007 says "enveloped credential") and 'annotated data
    product' (DP-QUAL-001 says "labelled data product") were used nowhere outside clause 3 of the English."""
    start, end = en_markdown.index("## 3 Terms"), en_markdown.index("\n## 4 ")
    body = en_markdown[:start] + en_markdown[end:]
    unused = [term["en"] for term in load_data(catalog).terms
              if not any(re.search(re.escape(name), body, re.I)
                         for name in (term["en"], term.get("admitted", {}).get("en", term["en"])))]
    assert unused == []

