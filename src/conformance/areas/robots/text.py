"""The text of a URDF file's attributes as urdfdom reads it.

urdfdom reads XML with TinyXML2, which hands it an attribute's text with line ends normalised and
references replaced, but a tab or a line break inside kept; an XML parser (expat, under
defusedxml here) turns each into a space, as XML's attribute-value normalisation says. urdfdom
then reads numbers with strToDouble, a C++ istream in the C locale: white space before a number
is skipped and nothing may follow it, and a vector is split at spaces only. So "1 " is no
number, "0 0 1 " is a vector, and "0<line break>0 1" is not. These helpers give the text as
urdfdom sees it and judge it so; the document has been parsed (and refused if it declares
entities) before they run.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from xml.etree.ElementTree import Element

#: a number as urdfdom's strToDouble reads it (the whole text, C locale: no "1,5", no "inf")
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
#: what a C++ istream skips before a number (isspace in the C locale)
ISTREAM_SPACE = " \t\n\v\f\r"
#: the markup of a parsed document in order: a start tag (its name, its attributes as written)
#: where group 1 is set; a comment, CDATA, processing instruction, doctype or end tag otherwise
MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!(?:[^\[>]|\[.*?\])*>|</[^>]*>"
                    r"|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>", re.S)
ATTRIBUTE = re.compile(r"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
#: the references an attribute may hold in a document without a DTD
REFERENCE = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));")
PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
#: white space other than a space, shown escaped in a finding (a line break in a one-line message)
SPACE_SHOWN = str.maketrans({"\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"})


def attributes_as_written(body: bytes, root: Element, tags_read: Collection[str]) -> dict[int, dict[str, str]]:
    """The attributes of the elements whose tag is in ``tags_read``, by ``id`` of the element, as
    TinyXML2 hands them to urdfdom: line ends normalised and references replaced, but a tab or
    line break inside a value kept, where an XML parser (expat here) turns each into a space. Empty
    where the document's start tags cannot be matched one to one with its elements (an encoding
    other than UTF-8 or ASCII): the parsed values are judged then."""
    text = body.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    tags = [m for m in MARKUP.finditer(text) if m.group(1) is not None]
    elements = list(root.iter())
    if len(tags) != len(elements):
        return {}
    written: dict[int, dict[str, str]] = {}
    for tag, el in zip(tags, elements, strict=True):
        if tag.group(1).rpartition(":")[2] != str(el.tag).rpartition("}")[2]:
            return {}
        if el.tag in tags_read:
            attributes = ATTRIBUTE.finditer(tag.group(2))
            written[id(el)] = {a.group(1): REFERENCE.sub(_referenced, _value(a)) for a in attributes}
    return written


def _value(attribute: re.Match[str]) -> str:
    double_quoted, single_quoted = attribute.group(2), attribute.group(3)
    return double_quoted if double_quoted is not None else single_quoted


def _referenced(reference: re.Match[str]) -> str:
    hexadecimal, decimal, name = reference.groups()
    if name:
        return PREDEFINED[name]
    return chr(int(hexadecimal, 16) if hexadecimal else int(decimal))


def readable(value: str, count: int) -> bool:
    """Whether urdfdom reads ``value`` as ``count`` numbers. One number is strToDouble of the whole
    text, an istream in the C locale: white space before it is skipped, nothing may follow it
    (``"1 "`` is refused). A vector is split at spaces only, empty pieces dropped, and each piece
    read so: a tab or a line break between two numbers separates nothing."""
    pieces = [value] if count == 1 else [piece for piece in value.split(" ") if piece]
    return len(pieces) == count and all(NUMBER.fullmatch(piece.lstrip(ISTREAM_SPACE)) for piece in pieces)
