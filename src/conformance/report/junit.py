"""JUnit XML view: one testcase per requirement, grouped in one testsuite per profile."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import orjson

from .._catalog.model import Report, RequirementResult, Verdict
from .._record.findings import TEXT_MEMBERS
from .._record.grouping import by_input
from ..messages import localize
from .labels import labels

#: What XML 1.0 cannot carry (section 2.2, Char): most C0 controls, lone surrogates, U+FFFE
#: and U+FFFF. A hostile target may send any of them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _evidence_text(evidence: list[dict[str, object]], whole_test: str, lang: str) -> str:
    """The evidence input by input: a "== input ==" line, then its items as JSON, their
    texts in ``lang`` (chart series left out: hundreds of numbers, for the HTML's pictures,
    not for a CI log)."""
    return "\n".join(
        f"== {key or whole_test} ==\n" + "".join(f"$ {command}\n" for command in _commands(items))
        + orjson.dumps([_readable(item, lang) for item in items], option=orjson.OPT_INDENT_2).decode()
        for key, items in by_input(item for item in evidence if item.get("kind") != "series")
    )


def _commands(items: list[dict[str, object]]) -> list[str]:
    """The distinct commands that reproduce an input's exchanges, as a shell reads them (the
    JSON below them holds each one escaped as JSON, which no shell reads)."""
    found: dict[str, None] = {}
    for item in items:
        request = item.get("request") if item.get("kind") == "http" else None
        if isinstance(request, dict) and isinstance(request.get("curl"), str):
            found[request["curl"]] = None
    return list(found)


def _readable(item: dict[str, Any], lang: str) -> dict[str, object]:
    """An evidence item with its texts rendered in ``lang`` and their templates left out."""
    shown = {k: v for k, v in item.items() if k not in TEXT_MEMBERS.values()}
    for member, template in TEXT_MEMBERS.items():
        if item.get(template) and member in shown:
            shown[member] = localize(str(shown[member]), item[template], lang)
    return shown


def render_junit(report: Report, lang: str = "en") -> bytes:
    """One testsuite per profile, one testcase per requirement the profile selects, its
    verdict the profile's own (its case's, when the requirement takes parameters). A
    requirement shared by profiles is a testcase in each, so the root's counts are the sums
    of its suites' and agree with the testcases in the file."""
    root = ET.Element("testsuites", name="conformance")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for profile in report.profiles:
        results = [r for r in report.requirements if profile.id in r.profiles]
        suite = ET.SubElement(root, "testsuite", name=profile.id)
        counts = {"tests": len(results), "failures": 0, "errors": 0, "skipped": 0}
        for result in results:
            _testcase(suite, profile.id, result, counts, lang)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)  # bytes for any encoding but "unicode"
    return document + b"\n"


def _testcase(suite: ET.Element, profile_id: str, result: RequirementResult, counts: dict[str, int],
              lang: str) -> None:
    case = ET.SubElement(suite, "testcase", classname=f"{profile_id}.{result.level.value}",
                         name=result.requirement)
    own = result.case_for(profile_id)
    verdict = result.verdict_for(profile_id)
    message = _clean(localize(own.message, own.text, lang) if own and own.message
                     else localize(result.message, result.text, lang))
    detail = _clean(_evidence_text(result.evidence, labels(lang)["whole_test"], lang))
    if verdict is Verdict.FAIL:
        counts["failures"] += 1
        ET.SubElement(case, "failure", message=message, type="fail").text = detail
    elif verdict is Verdict.ERROR:
        counts["errors"] += 1
        ET.SubElement(case, "error", message=message, type="error").text = detail
    elif verdict in (Verdict.INCONCLUSIVE, Verdict.NOT_APPLICABLE):
        counts["skipped"] += 1
        ET.SubElement(case, "skipped", message=_clean(f"{verdict.value}: {message}"))
    ET.SubElement(case, "system-out").text = _clean(result.title.get(lang))
