"""EARL view: the W3C Evaluation and Report Language 1.0 (https://www.w3.org/TR/EARL10-Schema/)
as JSON-LD, the form W3C and OGC test suites report in.

One ``earl:Assertion`` per requirement of the report: the assertor (this harness and its
version), the test subject (the product and version the manifest declares), the test
criterion (the requirement, with its title and, where the installed catalog is the one the
run used, the policy clause and external specification section it follows) and the result
(outcome, the engine's message, the end of the run).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import orjson

from .._catalog.model import Report
from ..messages import LANGS, localize
from .unicode import valid_text

EARL = "http://www.w3.org/ns/earl#"
#: Verdict -> EARL 1.0 outcome. ``error`` (the harness or the target broke, the requirement
#: was not judged) is earl:untested; ``inconclusive`` (judged, undecided) is earl:cantTell.
OUTCOMES = {
    "pass": "earl:passed",
    "fail": "earl:failed",
    "inconclusive": "earl:cantTell",
    "not_applicable": "earl:inapplicable",
    "error": "earl:untested",
}
#: Where the IRIs of this harness's things live (URNs: the report names, it does not publish).
BASE = "urn:metaverse-conformance:"

CONTEXT: dict[str, object] = {
    "earl": EARL,
    "dct": "http://purl.org/dc/terms/",
    "doap": "http://usefulinc.com/ns/doap#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "assertedBy": {"@id": "earl:assertedBy", "@type": "@id"},
    "subject": {"@id": "earl:subject", "@type": "@id"},
    "test": {"@id": "earl:test", "@type": "@id"},
    "result": {"@id": "earl:result"},
    "outcome": {"@id": "earl:outcome", "@type": "@id"},
    "mode": {"@id": "earl:mode", "@type": "@id"},
    "info": {"@id": "earl:info"},
    "pointer": {"@id": "earl:pointer"},
    "date": {"@id": "dct:date", "@type": "xsd:dateTime"},
    "title": {"@id": "dct:title", "@container": "@language"},
    "description": {"@id": "dct:description"},
    "source": {"@id": "dct:source"},
    "name": {"@id": "doap:name"},
    "release": {"@id": "doap:release"},
    "revision": {"@id": "doap:revision"},
    "hasPart": {"@id": "dct:hasPart", "@type": "@id"},
}


def _described(message: str, text: dict[str, object] | None) -> object:
    """The verdict's message, in English and Chinese when it came from a template."""
    if not text:
        return message
    return [{"@value": localize(message, text, lang), "@language": lang} for lang in LANGS]


def _slug(text: str) -> str:
    return quote(re.sub(r"\s+", "-", text.strip().lower()), safe="-._~") or "product"


def _sources(report: Report) -> dict[str, list[str]]:
    """Requirement ID -> its policy clauses and specification sections, from the installed
    catalog when it is the catalog the run used (else none: the report alone does not say)."""
    try:
        from .._catalog.catalog import load_catalog

        catalog = load_catalog()
    except Exception:  # noqa: BLE001 - EARL without sources is still a valid report
        return {}
    if catalog.digest != report.catalog_digest:
        return {}
    found: dict[str, list[str]] = {}
    for req_id, req in catalog.requirements.items():
        found[req_id] = [*req.source.policy,
                         *(f"{s.name}{', ' + s.section if s.section else ''}" + (f" <{s.url}>" if s.url else "")
                           for s in req.source.standards)]
    return found


def earl_document(report: Report) -> dict[str, object]:
    product = report.manifest.get("product") if isinstance(report.manifest, dict) else None
    product = product if isinstance(product, dict) else {}
    name, version = str(product.get("name", "product")), str(product.get("version", ""))
    assertor = {
        "@id": f"{BASE}harness:{report.harness.name}:{report.harness.version}",
        "@type": ["earl:Assertor", "earl:Software", "doap:Project"],
        "name": report.harness.name,
        "release": {"revision": report.harness.version},
        "description": f"catalog {report.catalog_digest}",
    }
    subject = {
        "@id": f"{BASE}subject:{_slug(name)}:{quote(version, safe='-._~')}",
        "@type": ["earl:TestSubject", "doap:Project"],
        "name": name,
        "release": {"revision": version},
    }
    sources = _sources(report)
    graph: list[dict[str, Any]] = [assertor, subject]
    for result in report.requirements:
        criterion: dict[str, object] = {
            "@id": f"{BASE}requirement:{result.requirement}",
            "@type": ["earl:TestCriterion", "earl:TestRequirement"],
            "title": {"en": result.title.en, "zh": result.title.zh},
            "description": f"{result.level.value} · profiles: {', '.join(result.profiles)}",
        }
        if sources.get(result.requirement):
            criterion["source"] = sources[result.requirement]
        graph.append(criterion)
        graph.append({
            "@type": "earl:Assertion",
            "assertedBy": assertor["@id"],
            "subject": subject["@id"],
            "test": criterion["@id"],
            "mode": "earl:automatic" if result.assessment is None else "earl:manual",
            "result": {
                "@type": "earl:TestResult",
                "outcome": OUTCOMES[result.verdict.value],
                "description": _described(result.message, result.text),
                "date": report.finished,
            },
        })
    return {"@context": CONTEXT, "@graph": graph}


def render_earl(report: Report, lang: str = "en") -> bytes:
    """EARL 1.0 as JSON-LD (``lang`` is not used: EARL carries both titles, tagged)."""
    return orjson.dumps(valid_text(earl_document(report)), option=orjson.OPT_INDENT_2) + b"\n"
