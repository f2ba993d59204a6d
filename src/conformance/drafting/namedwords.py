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


#: functions GB 3102.11 sets upright: 「*A*·sin(2π·0.5 Hz·*t*)」 is no code value (eleventh reading); `exp` alone is a
#: claim
FUNCTIONS = frozenset({"sin", "cos", "tan", "exp", "ln", "lg", "log"})
#: a function's argument after it: a bracket, or a space and a number, π or an italic symbol (「1 − cos 18°」,
#: 「20·lg 4」: sixty-second reading, dx1)
_ARGUMENT = re.compile(r"\(| [\d(π*]")
#: the English words that join the words of a title (「Age and Ageing」, 「Biomechanics and Modeling in
#: Mechanobiology」): lower case, but no code values there (sixty-second reading, dx1)
_JOINING = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
                      "with"})
_CAPITALISED = re.compile(r"[A-Z][A-Za-z0-9'-]*")
_TITLE_WORD = re.compile(r"(?<![A-Za-z0-9'-])[A-Z][A-Za-z0-9'-]*$")


def plain_in_place(match: re.Match[str]) -> bool:
    """Whether the lower-case word ``match`` found reads as a plain word where it stands: a function applied to its
    argument, or a word joining the capitalised words of a title, one space either side (the title's words need not
    be clause 4's names, as :func:`inside_name` asks of a literal)."""
    word, text, start, end = match.group(0), match.string, match.start(), match.end()
    if word in FUNCTIONS:
        return _ARGUMENT.match(text, end) is not None
    if word not in _JOINING or text[start - 1:start] != " " or text[end:end + 1] != " ":
        return False
    # the word before, after the last space before it (「，Age and Ageing」: the title after Chinese punctuation)
    before = _TITLE_WORD.search(text, text.rfind(" ", 0, start - 1) + 1, start - 1)
    return bool(before and _CAPITALISED.match(text, end + 1))
