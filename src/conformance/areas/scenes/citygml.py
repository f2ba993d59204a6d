"""City information models in the CityGML 3.0 GML encoding (OGC 21-006r2).

A CityGML file is XML: it is parsed with lxml with entities neither resolved nor loaded, no
DTD read and nothing fetched (``resolve_entities=False``, ``load_dtd=False``,
``no_network=True``); a document type declaration is refused outright, as no CityGML document
has one and it is how entity expansion and external entities get in. :func:`judge_stream`
reads a file from the target's stream by ``iterparse``, element by element, without keeping its
tree (issue 48: city models run to hundreds of megabytes, and their tree takes several times
the file), and returns the findings of the rules of SC-CITY-010 the XML Schema cannot state
across a document: the root is a CityGML 3.0 ``CityModel``, every ``gml:id`` is unique, and
every local ``xlink:href`` (``#id``) names an element of the file. Validation against the
official CityGML 3.0 XML Schemas (with GML 3.2.1, ISO 19139 and xAL they import) is
SC-CITY-011's (:mod:`.citygml_schema`), on the tree :func:`citygml_3_tree` parses from the
target's bounded read (libxml2 validates a whole tree; its streaming validation misses the
document-wide identity checks, e.g. a repeated ``xs:ID``).
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from conformance import Finding, Inconclusive, msg

if TYPE_CHECKING:
    from conformance import FileTarget

CITYGML_3 = "http://www.opengis.net/citygml/3.0"
CITYGML_2 = "http://www.opengis.net/citygml/2.0"
GML_ID = "{http://www.opengis.net/gml/3.2}id"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
SUFFIXES = {".gml"}
MAX_FINDINGS = 50


@dataclass
class Judged:
    findings: list[Finding] = field(default_factory=list)
    ids: int = 0
    local_links: int = 0
    other_links: int = 0


#: the parser's options, for the whole tree (:func:`_parser`) and for iterparse alike
_OPTIONS: dict[str, bool] = {"resolve_entities": False, "load_dtd": False, "no_network": True, "dtd_validation": False,
                             "huge_tree": False, "remove_comments": True, "remove_pis": True}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**_OPTIONS)


def citygml_files(files: FileTarget) -> list[tuple[Path, str]]:
    """(path, display name) of the target's .gml files; none is inconclusive."""
    found = [(p, files.display_name(p)) for p in files.files() if p.suffix.lower() in SUFFIXES]
    if not found:
        raise Inconclusive(msg("scenes.no-citygml"))
    return found


def judge_stream(source: object) -> Judged:
    """SC-CITY-010 on one file read as a stream (a binary file object or a path) by
    ``lxml.etree.iterparse``: each element's identifier and link are taken at its start tag and
    the element is dropped at its end tag, so the memory held is the identifiers and local links,
    not the document's tree (a 100 MB model's tree takes about ten times the file). The whole
    file is read before anything is reported, so the findings are :func:`judge`'s: a syntax error
    anywhere is the one finding; a document type declaration, then a root that is not a CityGML
    3.0 CityModel, is the one finding of a well-formed file."""
    result = Judged()
    ids: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    hrefs: list[tuple[str, int | None]] = []
    refused: Finding | None = None  # the doctype's or the root's finding, if the file is well-formed
    started = False
    try:
        for event, element in etree.iterparse(source, events=("start", "end"), **_OPTIONS):
            if event == "end":
                element.clear(keep_tail=True)  # its attributes were taken at its start tag
                while element.getprevious() is not None:  # and its earlier siblings dropped
                    del element.getparent()[0]
                continue
            if not started:
                started = True
                refused = _refused_root(element)
            if refused is not None or not isinstance(element.tag, str):
                continue
            gml_id = element.get(GML_ID)
            if gml_id is not None:
                ids[gml_id] += 1
                first_line.setdefault(gml_id, element.sourceline or 0)
            href = element.get(XLINK_HREF)
            if href is not None:
                hrefs.append((href, element.sourceline))
    except etree.XMLSyntaxError as exc:
        result.findings.append(Finding.of(msg("scenes.citygml-not-xml", error=str(exc)[:200]),
                                          line=getattr(exc, "lineno", None), rule="R1", check="well-formed"))
        return result
    if refused is not None:
        result.findings.append(refused)
        return result
    _judge_ids(result, ids, first_line, hrefs)
    return result


def _refused_root(root: etree._Element) -> Finding | None:
    """The finding of a document type declaration or of a root that is not a CityGML 3.0
    CityModel (seen at the root's start tag), else None."""
    doctype = root.getroottree().docinfo.doctype
    if doctype:
        return Finding.of(msg("scenes.citygml-doctype"), actual=doctype[:120], rule="R1", check="no-doctype")
    name = etree.QName(root)
    if (name.namespace, name.localname) != (CITYGML_3, "CityModel"):
        found = "CityGML 2.0" if name.namespace == CITYGML_2 else f"{{{name.namespace}}}{name.localname}"
        return Finding.of(msg("scenes.citygml-root", root=found), line=root.sourceline,
                          expected=f"{{{CITYGML_3}}}CityModel", actual=found, rule="R2")
    return None


def _judge_ids(result: Judged, ids: Counter[str], first_line: dict[str, int],
               hrefs: list[tuple[str, int | None]]) -> None:
    """Repeated identifiers and local links that name no element, into ``result``."""
    result.ids = len(ids)
    for gml_id, count in sorted(ids.items()):
        if count > 1 and len(result.findings) < MAX_FINDINGS:
            result.findings.append(Finding.of(msg("scenes.citygml-id-repeated", id=gml_id, count=count),
                                              line=first_line[gml_id], actual=gml_id, rule="R3"))
    for href, line in hrefs:
        if not href.startswith("#"):
            result.other_links += 1
            continue
        result.local_links += 1
        if href[1:] not in ids and len(result.findings) < MAX_FINDINGS:
            result.findings.append(Finding.of(msg("scenes.citygml-href-missing", href=href), line=line,
                                              actual=href, rule="R4"))


def judge(data: bytes) -> Judged:
    """SC-CITY-010 on one file's bytes (:func:`judge_stream` of them)."""
    return judge_stream(io.BytesIO(data))


def citygml_3_tree(data: bytes) -> etree._ElementTree | None:
    """The parsed tree of a well-formed file without a document type declaration whose root is a
    CityGML 3.0 CityModel (what SC-CITY-011 validates), else None."""
    return citygml_3_read(data)[0]


def citygml_3_read(data: bytes) -> tuple[etree._ElementTree | None, str]:

    """(:func:`citygml_3_tree`, why it is None): "" for a tree; "syntax" (not well-formed) and
    "doctype" (a document type declaration) for a file that may be a CityGML 3.0 file but cannot
    be validated; "other" for a well-formed document whose root is no CityGML 3.0 CityModel,
    which is not a CityGML 3.0 file at all."""
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError:
        return None, "syntax"
    if tree.docinfo.doctype:
        return None, "doctype"
    name = etree.QName(tree.getroot())
    if (name.namespace, name.localname) != (CITYGML_3, "CityModel"):
        return None, "other"
    return tree, ""
