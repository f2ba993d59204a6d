"""Where the specification's text may break a line, in every format it is written in: requirement
IDs and policy clause keys kept whole (non-breaking or word-joined hyphens), code values and URLs
broken only at their separators, and the layout pieces GB/T 1.1-2020 fixes (an annex heading on
three lines, the 终结线)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .writer import Block

REQUIREMENT_ID = re.compile(r"(?<![A-Za-z0-9-])([A-Z]{2}-[A-Z0-9]+-\d{3})(?![A-Za-z0-9-])")
#: a policy clause key with a hyphen a line could break at ("SH-GUIDE 3.1.1-testing", "MIIT-WG 4.2",
#: "WHITEPAPER 4-risk"): the 编制说明's narrow column broke them at their hyphens
CLAUSE_KEY = re.compile(r"(?<![\w-])([A-Z]+(?:-[A-Z]+)+ \d+(?:\.\d+)*(?:-[a-z]+)?|[A-Z]+ \d+(?:\.\d+)*-[a-z]+)"
                         r"(?![\w-])")
#: the space inside a clause key, which no line breaks either
NBSP = "\u00a0"
SPLIT_CODE = re.compile(r"(`[^`]*`)")
#: a quantity symbol as the writers mark it in a block's text: ``*U*`` (italic), ``*u*_A`` (italic with the
#: subscript A). GB 3102.11 and GB/T 1.1-2020 set a quantity's symbol in italics, a descriptive subscript
#: upright; the ninth reading found u_A and u_B of clause 6.2 set as code values. A Greek letter is a symbol
#: too (the lateral angle α of TD-AUD-004, the phase θ of TD-MPLAT's case: eleventh reading). Each format
#: draws it: Markdown ``*u*<sub>A</sub>``, HTML ``<i>u</i><sub>A</sub>``, DOCX an italic run and a subscript run
QUANTITY = re.compile(r"\*([A-Za-zα-ωΑ-Ω])\*(?:_([A-Za-z0-9]+))?")
#: U+2011 NON-BREAKING HYPHEN: a requirement ID in a Markdown table cell stays on one line (a
#: narrow column broke "AS-GLTF-003" at its hyphens in 13 places)
NB_HYPHEN = "\u2011"
#: U+2060 WORD JOINER on both sides of each hyphen of a requirement ID in the DOCX. LibreOffice
#: 7.4 does not honour U+2011 beside Chinese text: it broke 14 IDs inside a letter or digit
#: ("AS-R|EG-004", "IF-PAGE-00|1") and ignored the break opportunities around them
JOINED_HYPHEN = "\u2060-\u2060"
#: where a long code value may break at a line end (after _ . / and a list's comma, before a
#: word or a JSON-LD keyword: "verifiableCredential.@context" was cut "@contex|t"), never inside a word
BREAKS = re.compile(r"([_./,:])(?=[\w@])")
URL = re.compile(r"https?://\S+")
AFTER_CJK_PUNCT = re.compile(r"([、，；：])(?=[`A-Za-z])")
#: the break opportunity LibreOffice and Word honour and nobody sees
ZWSP = "\u200b"
#: an annex heading: its number, its kind and its title, which GB/T 1.1-2020 (10.4.1) sets on
#: three centred lines of their own
ANNEX = re.compile(r"^(附录 [A-Z])(（(?:规范性|资料性)）)(.+)$|^(Annex [A-Z]) (\((?:normative|informative)\)) (.+)$")
#: the 终结线 as Markdown and DOCX draw it: a short centred rule (GB/T 1.1-2020)
END_LINE_TEXT = "\u2014" * 8


def annex_lines(block: Block) -> tuple[str, ...] | None:
    """An annex heading's number, kind ((规范性) or (资料性)) and title, one a line; None for
    any other heading."""
    match = ANNEX.match(block.text) if block.kind == "heading" and block.level == 1 else None
    return tuple(part for part in match.groups() if part) if match else None


def unbroken(text: str, hyphen: str = NB_HYPHEN, *, keys: bool = False) -> str:
    """The requirement IDs outside code values with ``hyphen`` for their hyphens (non-breaking
    ones for Markdown table cells); with ``keys`` the policy clause keys too, their space a
    no-break space."""
    def whole(m: re.Match[str]) -> str:
        return m.group(1).replace("-", hyphen).replace(" ", NBSP)

    def plain_part(part: str) -> str:
        part = REQUIREMENT_ID.sub(whole, part)
        return CLAUSE_KEY.sub(whole, part) if keys else part

    return "".join(part if part.startswith("`") and part.endswith("`") and len(part) >= 2 else plain_part(part)
                   for part in SPLIT_CODE.split(text))


def joined(text: str) -> str:
    """The requirement IDs and policy clause keys of DOCX text joined at their hyphens (no line
    break inside an ID or a key)."""
    return unbroken(text.replace(NB_HYPHEN, "-"), JOINED_HYPHEN, keys=True)


def plain(text: str) -> str:
    """Text without the code and quantity marks (what a reader sees)."""
    return outside_code(text.replace("`", ""), lambda part: QUANTITY.sub(r"\1\2", part))


def quantity(symbol: str, subscript: str = "") -> str:
    """A quantity symbol in the writers' form (:data:`QUANTITY`): ``quantity("u", "A")`` is u with subscript A."""
    return f"*{symbol}*" + (f"_{subscript}" if subscript else "")


def outside_code(text: str, change: Callable[[str], str]) -> str:
    """``text`` with ``change`` applied to what lies outside its code values."""
    return "".join(part if part.startswith("`") and part.endswith("`") and len(part) >= 2 else change(part)
                   for part in SPLIT_CODE.split(text))


def markdown_quantities(text: str) -> str:
    """The quantity symbols of a block's text as Markdown draws them: italic, the subscript in ``<sub>``."""
    return outside_code(text, lambda part: QUANTITY.sub(
        lambda m: f"*{m.group(1)}*" + (f"<sub>{m.group(2)}</sub>" if m.group(2) else ""), part))
