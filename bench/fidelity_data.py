"""Fidelity of the data area on DCAT descriptions nobody here wrote (tests/corpora/data/dcat/).

``measure()`` (the contract of bench/fidelity.py) runs the harness itself, one engine run over
the corpus, and compares per file what DP-DESC-001 finds with what the official DCAT-AP 3.0.1
SHACL shapes find, on the two obligations both state: a dataset has a title (our R1,
DCAT-AP's mandatory ``dct:title`` of ``dcat:Dataset``) and a distribution has a URL (our R4,
DCAT-AP's mandatory ``dcat:accessURL`` of ``dcat:Distribution``; DCAT-AP requires the access
URL where DCAT 3 and our rule take a download URL too, so each altered copy drops both):

* ``dcat-ap``: the DCAT-AP 3.0.1 specification's JSON-LD examples (SEMICeu/DCAT-AP), read with
  a local copy of their context declared in the manifest (``jsonld_contexts``);
* ``w3c-dcat3``: the W3C DCAT 3 specification's JSON-LD examples (w3c/dxwg);
* each example also altered twice: every title removed, every access and download URL removed
  (written in expanded JSON-LD under ``altered/`` by ``--record``).

Expected: pySHACL 0.40 with the shapes ``dcat-ap-shapes.ttl`` (DCAT-AP 3.0.1
``html/shacl/shapes.ttl``), the oracle, run only by ``python bench/fidelity_data.py
--record``, which writes ``expected.json`` (pyshacl is not a dependency of the harness).
Actual: the findings of DP-DESC-001 whose message is the missing title
or the missing distribution URL, per file and node. Both are compared on the nodes both
judge: the datasets (title) and the distributions typed ``dcat:Distribution`` that a dataset
names (URL); the shapes also judge catalogues', services' and records' titles, which
DP-DESC-001 does not ask for.

    python bench/fidelity_data.py [--record] [--json]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpora" / "data" / "dcat"
SOURCES = ("dcat-ap", "w3c-dcat3")
CONTEXT_URL = "https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld"
CONTEXT_FILE = CORPUS / "dcat-ap-examples-context.jsonld"
DCAT, DCT = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
#: what each side calls the two obligations compared
OBLIGATIONS = {DCT + "title": "title", DCAT + "accessURL": "url"}
MESSAGES = {"data.no-title": "title", "data.distribution-no-url": "url"}


def items() -> list[Path]:
    return sorted(p for name in (*SOURCES, "altered") for p in (CORPUS / name).glob("*.jsonld"))


def _expand(path: Path) -> list[Any]:
    from conformance.areas._shared import jsonld

    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    with jsonld.serving({CONTEXT_URL: context}):
        return jsonld.expand(json.loads(path.read_text(encoding="utf-8")))


def _without(expanded: list[Any], properties: set[str]) -> list[Any]:
    def strip(value: Any) -> Any:
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in properties}
        return value
    return strip(expanded)  # type: ignore[no-any-return]


def record() -> None:
    """Writes the altered copies and expected.json from pySHACL's validation with DCAT-AP's shapes."""
    import pyshacl
    import rdflib

    altered = CORPUS / "altered"
    altered.mkdir(exist_ok=True)
    for name in SOURCES:
        for path in sorted((CORPUS / name).glob("*.jsonld")):
            expanded = _expand(path)
            for suffix, drop in (("no-title", {DCT + "title"}), ("no-url", {DCAT + "accessURL", DCAT + "downloadURL"})):
                target = altered / f"{name}--{path.stem}--{suffix}.jsonld"
                target.write_text(json.dumps({"@graph": _without(expanded, drop)}, indent=1) + "\n", encoding="utf-8")
    shapes = rdflib.Graph().parse(CORPUS / "dcat-ap-shapes.ttl", format="turtle")
    dataset, distribution = rdflib.URIRef(DCAT + "Dataset"), rdflib.URIRef(DCAT + "Distribution")
    expected = {}
    for path in items():
        data = rdflib.Graph().parse(data=json.dumps(_expand(path)), format="json-ld")
        # the nodes both sides judge: datasets (title), typed distributions of datasets (URL)
        scope = {"title": {str(n) for n in data.subjects(rdflib.RDF.type, dataset)},
                 "url": {str(d) for n in data.subjects(rdflib.RDF.type, dataset)
                         for d in data.objects(n, rdflib.URIRef(DCAT + "distribution"))
                         if (d, rdflib.RDF.type, distribution) in data}}
        _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
        found: dict[str, set[str]] = {"title": set(), "url": set()}
        for result in report.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult):
            obligation = OBLIGATIONS.get(str(report.value(result, rdflib.SH.resultPath)))
            node = report.value(result, rdflib.SH.focusNode)
            focus = str(node)
            download = (node, rdflib.URIRef(DCAT + "downloadURL"), None) in data
            if obligation and report.value(result, rdflib.SH.resultSeverity) == rdflib.SH.Violation \
                    and focus in scope[obligation] and not (obligation == "url" and download):
                found[obligation].add(focus)
        expected[path.relative_to(CORPUS).as_posix()] = {
            "broken": sorted(f"{k} {n}" for k, nodes in found.items() for n in nodes),
            "scope": sorted(f"{k} {n}" for k, nodes in scope.items() for n in nodes)}
    document = {"oracle": f"pySHACL {pyshacl.__version__} with DCAT-AP 3.0.1 html/shacl/shapes.ttl", "files": expected}
    (CORPUS / "expected.json").write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def actual() -> dict[str, list[str]]:
    """Per corpus file, the obligations DP-DESC-001's check (the data area's ``dcat.terms``,
    as the suite calls it) finds broken, by node; called directly rather than through an
    engine run, whose evidence caps would cut the findings of a file with many datasets."""
    from conformance.areas._shared import jsonld
    from conformance.areas.data import dcat
    from conformance.messages import text_of

    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    with jsonld.serving({CONTEXT_URL: context}):
        for item in items():
            description = dcat.Description(item, item.name, dcat.flattened(json.loads(item.read_bytes())))
            # a distribution two datasets name is one finding (the run's evidence keeps it once)
            found[item.relative_to(CORPUS).as_posix()] = sorted({
                f"{MESSAGES[key]} {finding.pointer}" for _, dataset in dcat.datasets([description])
                for finding in dcat.terms(description, dataset)
                if (key := (text_of(finding.message) or {}).get("key")) in MESSAGES
                # the shapes judge typed distributions only (sh:targetClass dcat:Distribution)
                and (key != "data.distribution-no-url" or _typed(description, finding.pointer))})
    return found


def _typed(description: Any, node: str | None) -> bool:
    return "http://www.w3.org/ns/dcat#Distribution" in description.nodes.get(node or "", {}).get("@type", ())


def _blank(keys: list[str]) -> list[str]:
    """Blank node labels differ between JSON-LD processors (pyld's ``_:b0``, rdflib's ``b0``):
    compare how many blank nodes, not which."""
    return sorted(re.sub(r" (_:)?b[0-9]+$", " _:", key) for key in keys)


def measure() -> list[dict[str, Any]]:
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["files"]
    ours = actual()
    # what both sides judge on the same nodes (ours may also judge untyped distributions)
    ours = {n: [k for k in _blank(found) if k in _blank(expected[n]["scope"])] for n, found in ours.items()
            if n in expected}
    expected = {n: _blank(e["broken"]) for n, e in expected.items()}
    results = []
    for corpus in (*SOURCES, "altered"):
        names = sorted(n for n in expected if n.startswith(corpus + "/"))
        disagreements = [{"item": n, "expected": ", ".join(expected[n]) or "none",
                          "actual": ", ".join(ours[n]) or "none",
                          "reason": "DCAT-AP shapes and DP-DESC-001 differ on title / distribution URL"}
                         for n in names if expected[n] != ours.get(n)]
        results.append({"corpus": f"dcat {corpus}", "total": len(names), "agree": len(names) - len(disagreements),
                        "disagreements": disagreements})
    return results


if __name__ == "__main__":
    if "--record" in sys.argv:
        record()
    print(json.dumps(measure(), indent=1) if "--json" in sys.argv else
          "\n".join(f"{r['corpus']}: {r['agree']}/{r['total']}" for r in measure()))
