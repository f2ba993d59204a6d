"""A literal inside a document's name is part of the name (issue 76, the thirty-fourth reading's leftovers, part q).

`EdDSA` is a JOSE algorithm value the Chinese text marks as code wherever it stands alone, but in
「W3C Data Integrity EdDSA Cryptosuites v1.0」 it is a word of the title clause 2 lists; marked there, the citation
no longer matched clause 2's entry (and took no date). A literal between two capitalised words of the names the text
keeps as written (specification.yaml's ``names:``, whose words are ``allowed``) is read as part of that name."""

from __future__ import annotations

import re

_BEFORE = re.compile(r"(?:^|(?<=\s))([A-Z][A-Za-z0-9]*) $")
_AFTER = re.compile(r" ([A-Z][A-Za-z0-9]*)(?![\w.`])")


def inside_name(match: re.Match[str], allowed: set[str]) -> bool:
    """Whether the word ``match`` found stands between two capitalised name words, one space either side."""
    text, start = match.string, match.start()
    after = _AFTER.match(text, match.end())
    if not (after and after.group(1) in allowed):
        return False
    # the word before starts after the last space before the one at ``start - 1``: searched from there, not from
    # the text's start (a text's every token asked it; the lookbehind still reads the space before ``pos``)
    before = _BEFORE.search(text, text.rfind(" ", 0, max(start - 1, 0)) + 1, start)
    return bool(before and before.group(1) in allowed)
