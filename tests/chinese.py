"""English words left in a Chinese view: the text a reader sees (not markup or attributes),
less what is the same in every language: code, preformatted blocks and scripts, what the
page marks ``translate="no"`` (a product's own data: HTTP headers, the run's environment),
URLs, paths and JSON pointers, quoted values, identifiers and acronyms, and the names the view
shows (products, participants, standards, fonts), which a test passes in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

#: elements whose text is code, data or machinery, not words of the view
_SKIPPED = {"code", "pre", "script", "style", "svg", "kbd", "samp", "title"}
_WORD = re.compile(r"[A-Za-z][A-Za-z]*")
#: URLs, paths, pointers and anything quoted: a value, not a word of the view
_VALUES = re.compile(r"\b(?:https?|file|urn|did):\S+|\S*[/#?=]\S*|'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”|`[^`]*`")
#: a token with a digit or a separator inside, or in capitals: an identifier or an acronym
_IDENTIFIER = re.compile(r"\S*(?:[0-9_.:@-]\S*[A-Za-z]|[A-Za-z]\S*[0-9_.:@-])\S*|\b[A-Z][A-Z0-9]+\b")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: str | None = None
        self.nested = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is not None:
            self.nested += tag == self.skipping
        elif tag in _SKIPPED or ("translate", "no") in attrs:
            self.skipping, self.nested = tag, 1

    def handle_endtag(self, tag: str) -> None:
        if self.skipping == tag:
            self.nested -= 1
            if not self.nested:
                self.skipping = None

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            self.parts.append(data)


def shown_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def english_words(html: str, names: Iterable[str] = ()) -> list[str]:
    """The English words a reader of ``html`` sees (see the module), but those of ``names``."""
    allowed = {w for name in names for w in _WORD.findall(name)}
    text = _IDENTIFIER.sub(" ", _VALUES.sub(" ", shown_text(html)))
    return [w for w in _WORD.findall(text) if w not in allowed]
