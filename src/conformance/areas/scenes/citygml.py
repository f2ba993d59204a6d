"""City information models in the CityGML 3.0 GML encoding (OGC 21-006r2).

A CityGML file is XML: it is parsed with lxml with entities neither resolved nor loaded, no
DTD read and nothing fetched (``resolve_entities=False``, ``load_dtd=False``,
``no_network=True``), from the file target's bounded read; a document type declaration is
refused outright, as no CityGML document has one and it is how entity expansion and external
entities get in. :func:`judge` returns the findings of the rules of SC-CITY-010 the XML Schema
cannot state across a document: the root is a CityGML 3.0 ``CityModel``, every ``gml:id`` is
unique, and every local ``xlink:href`` (``#id``) names an element of the file. Validation
against the official CityGML 3.0 XML Schemas (with GML 3.2.1, ISO 19139 and xAL they import)
is SC-CITY-011's (:mod:`.citygml_schema`), on the files :func:`citygml_3_tree` parses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..._run.findings import Finding
from ...errors import Inconclusive
from ...messages import msg

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


def _parser() -> Any:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def citygml_files(files: Any) -> list[tuple[Path, str]]:
    """(path, display name) of the target's .gml files; none is inconclusive."""
    found = [(p, files.display_name(p)) for p in files.files() if p.suffix.lower() in SUFFIXES]
    if not found:
        raise Inconclusive(msg("scenes.no-citygml"))
    return found


def judge(data: bytes) -> Judged:
    """SC-CITY-010 on one file's bytes."""
    result = Judged()
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        result.findings.append(Finding.of(msg("scenes.citygml-not-xml", error=str(exc)[:200]),
                                          line=getattr(exc, "lineno", None), rule="well-formed"))
        return result
    if tree.docinfo.doctype:
        result.findings.append(Finding.of(msg("scenes.citygml-doctype"), actual=tree.docinfo.doctype[:120],
                                          rule="no-doctype"))
        return result
    root = tree.getroot()
    name = etree.QName(root)
    if (name.namespace, name.localname) != (CITYGML_3, "CityModel"):
        found = "CityGML 2.0" if name.namespace == CITYGML_2 else f"{{{name.namespace}}}{name.localname}"
        result.findings.append(Finding.of(msg("scenes.citygml-root", root=found), line=root.sourceline,
                                          expected=f"{{{CITYGML_3}}}CityModel", actual=found, rule="citygml-3-root"))
        return result
    ids: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    hrefs = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # an unresolved entity reference or other non-element node
        gml_id = element.get(GML_ID)
        if gml_id is not None:
            ids[gml_id] += 1
            first_line.setdefault(gml_id, element.sourceline or 0)
        href = element.get(XLINK_HREF)
        if href is not None:
            hrefs.append((href, element.sourceline))
    result.ids = len(ids)
    for gml_id, count in sorted(ids.items()):
        if count > 1 and len(result.findings) < MAX_FINDINGS:
            result.findings.append(Finding.of(msg("scenes.citygml-id-repeated", id=gml_id, count=count),
                                              line=first_line[gml_id], actual=gml_id, rule="unique-id"))
    for href, line in hrefs:
        if not href.startswith("#"):
            result.other_links += 1
            continue
        result.local_links += 1
        if href[1:] not in ids and len(result.findings) < MAX_FINDINGS:
            result.findings.append(Finding.of(msg("scenes.citygml-href-missing", href=href), line=line,
                                              actual=href, rule="href-target"))
    return result


def citygml_3_tree(data: bytes) -> Any | None:
    """The parsed tree of a well-formed file without a document type declaration whose root is a
    CityGML 3.0 CityModel (what SC-CITY-011 validates), else None."""
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError:
        return None
    name = etree.QName(tree.getroot())
    if tree.docinfo.doctype or (name.namespace, name.localname) != (CITYGML_3, "CityModel"):
        return None
    return tree
