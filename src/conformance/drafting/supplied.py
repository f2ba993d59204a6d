"""Where "supplied" stands in an English not-applicable line that names the files a case reads.

The line says "the {files} supplied hold no …". Where the files' IXIT description ends in its own reduced relative
clause (SC-CITY's "CityJSON files or CityJSON Text Sequences the implementation under test exports"), a "supplied"
after it stacks two reduced relatives and "exports supplied" reads as the verb phrase (thirty-fifth reading, row
c20); there "supplied" goes first and the clause is opened with "that"."""

from __future__ import annotations

import re

# a clause closing the description: its subject (the implementation under test, or a pronoun) and one verb
_CLAUSE = re.compile(r"^(?P<head>.+?) (?P<clause>(?:the implementation under test|it|they) [a-z]+)$")


def supplied(files: str) -> str:
    """``files`` (without its article) with "supplied" where it reads: after a plain noun phrase, before one that
    ends in a relative clause."""
    clause = _CLAUSE.match(files)
    if clause is None:
        return f"{files} supplied"
    return f"supplied {clause['head']} that {clause['clause']}"
