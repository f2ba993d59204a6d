"""Validation of CityGML 3.0 GML files against the official XML Schemas (OGC 21-006r2).

The schemas are vendored in ``citygml_xsd/`` (sources, versions and checksums in its
SOURCES.md): CityGML 3.0 with the GML 3.2.1 schemas it imports, the ISO/TS 19139 schemas GML
imports (gmd, gco, gss, gts, gsr), W3C XLink and the xml namespace, and OASIS CIQ xAL 3.0.
The schema files keep the absolute ``schemaLocation`` of their publishers
(``http://schemas.opengis.net/...``, ``http://docs.oasis-open.org/...``,
``http://www.w3.org/...``); :class:`_Local` maps each to its vendored copy and refuses any
other, and the schema parser has network access off, so compiling the schema reads nothing but
the vendored files. libxml2 (lxml.etree.XMLSchema) handles GML 3.2.1's schemas.

The compiled schema is built once per process (about a second of CPU) and reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from lxml import etree

from conformance import Finding, msg

XSD = Path(__file__).with_name("citygml_xsd")
ROOT = XSD / "citygml" / "3.0" / "CityGML.xsd"
#: publisher URL prefix -> vendored folder
LOCATIONS = {
    "http://schemas.opengis.net/gml/3.2.1/": XSD / "gml" / "3.2.1",
    "http://schemas.opengis.net/iso/19139/20070417/": XSD / "iso" / "19139" / "20070417",
    "http://docs.oasis-open.org/ciq/v3.0/cs02/xsd/default/xsd/": XSD / "xal" / "3.0",
    "http://www.w3.org/1999/": XSD / "xlink",
    "http://www.w3.org/2001/": XSD / "xml",
}
MAX_ERRORS = 50


class OutsideVendoredSchemas(Exception):
    """A schema imported something not vendored (a gap in citygml_xsd/, not the target's fault)."""


class _Local(etree.Resolver):
    """Resolve the publishers' schema URLs to the vendored copies; refuse everything else."""

    def resolve(self, url: str, pubid: str | None, context: object) -> etree._InputDocument | None:
        for prefix, folder in LOCATIONS.items():
            if url.startswith(prefix):
                path = (folder / url[len(prefix):]).resolve()
                if path.is_relative_to(XSD.resolve()) and path.is_file():
                    return self.resolve_filename(str(path), context)
        if url.startswith("file:") or url.startswith("/"):
            path = Path(url.removeprefix("file://")).resolve()
            if path.is_relative_to(XSD.resolve()) and path.is_file():
                return None  # a relative import inside the vendored tree: libxml2 reads it
        raise OutsideVendoredSchemas(url)


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:

    """The compiled CityGML 3.0 schema (every module of the base profile)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_Local())
    document = etree.parse(str(ROOT), parser)
    return etree.XMLSchema(document)


@dataclass(frozen=True)
class SchemaError:
    line: int
    path: str
    message: str
    kind: str = ""  # libxml2's error type, e.g. SCHEMAV_ELEMENT_CONTENT

    @property
    def rule(self) -> str:
        """``value`` for a text or attribute that is not a valid value of its simple type (the
        datatype and facet checks), else ``structure`` (an element or attribute not declared,
        not expected where it is, or missing)."""
        return "value" if "DATATYPE" in self.kind or "FACET" in self.kind else "structure"


def errors(tree: object) -> list[SchemaError]:
    """The schema's complaints about a parsed document, each with its line and element path."""
    compiled = schema()
    try:
        if compiled.validate(tree):
            return []
    except etree.XMLSchemaValidateError as exc:  # libxml2 gave up on the document: still a verdict
        return [SchemaError(0, "", str(exc))]
    return [SchemaError(e.line, e.path or "", e.message, e.type_name or "")
            for e in list(compiled.error_log)[:MAX_ERRORS + 1]]


#: each rule's message template, spelled out so tests/messages/test_texts.py sees each key used
_RULE_KEYS = {"structure": "scenes.citygml-schema-structure", "value": "scenes.citygml-schema-value"}
#: each kind of schema error -> the rule of SC-CITY-011 it breaks (R1 structure, R2 simple-type values)
_RULES = {"structure": "R1", "value": "R2"}


def findings(tree: object) -> list[Finding]:
    found = errors(tree)
    result = [Finding.of(msg(_RULE_KEYS[e.rule], error=e.message[:300]), line=e.line, pointer=e.path,
                         rule=_RULES[e.rule]) for e in found[:MAX_ERRORS]]
    if len(found) > MAX_ERRORS:
        result.append(Finding.of(msg("scenes.cityjson-more", count=len(found) - MAX_ERRORS)))
    return result
