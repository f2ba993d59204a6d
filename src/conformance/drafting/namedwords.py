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
    before = _BEFORE.search(match.string, 0, match.start())
    after = _AFTER.match(match.string, match.end())
    return bool(before and after and before.group(1) in allowed and after.group(1) in allowed)
