"""The inter-laboratory comparison's two set-ups (issue 70, "two laboratories, one verdict").

The proficiency set: the first known-bad case of every requirement in suites/*/known_bad.yaml
(each requirement at least once, and every area's planted defects and bad fixtures among them).
:func:`judge` runs it and returns, per requirement, what a laboratory reports: the verdict, the
findings and the measured values, with what names the set-up (the reference's port, the
temporary root) replaced by placeholders, so two set-ups' results compare as equal when, and only
when, they judged alike.

Set-up A (tests/e2e/test_interlab.py, in the test's process): one run per case, in the catalog's
order. Set-up B (``python -m tests.e2e.interlab OUT``, a process of its own with another time
zone, locale and temporary root): every case that shares a manifest judged in one run, the
requirements and the runs in reverse order. A verdict that depends on which other tests ran, the
order, the process, the clock's zone or the locale differs between the two.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import yaml

from conformance import load_catalog
from conformance._io.yamlload import Loader
from tests.paths import ROOT

#: What a finding says that depends on the set-up, not on the product: the reference's URL
#: (a free port) and the temporary folder (replaced by placeholders before comparing).
_PORT = re.compile(r"(https?://(?:127\.0\.0\.1|localhost|\[::1\])):\d+")
#: Nonces and fresh names a test draws so that a product cannot know them in advance or keep
#: them from an earlier run (IF-REQ-001's X-Request-ID, a resolver's unknown handle, a run's
#: asset-ID prefix, a registered DID's user part and the port it names): fresh in every
#: laboratory by design, so replaced like the port.
_NONCE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
                    r"|(?<=conformance-unknown-)[0-9a-f]{32}|(?<=conformance-)([a-z]+-)?[0-9a-f]{8}\b"
                    r"|\b[0-9a-f]{64}\b|\b[0-9a-f]{16}…"  # digests of payloads that carry those names
                    r"|(?<=users:)[0-9a-f]{16}|(?<=%3A)[0-9]{2,5}(?=:)")
#: Requirements whose findings carry a wall-clock duration of a live exchange (a latency in ms,
#: an observation's age in s): compared by verdict and the findings' rules only, as no two runs
#: time an exchange alike.
TIMED = frozenset({"IF-LAT-001", "SC-FEED-003"})


def proficiency_set() -> list[tuple[str, dict[str, Any]]]:
    """(requirement, its first known-bad case), in the catalog's order; cases needing a tool
    that is not on PATH are left out (as the known-bad test skips them)."""
    cases: list[tuple[str, dict[str, Any]]] = []
    for path in sorted((ROOT / "suites").glob("*/known_bad.yaml")):
        for requirement, listed in (yaml.load(path.read_bytes(), Loader=Loader) or {}).items():  # noqa: S506
            first = listed[0]
            if not first.get("requires") or shutil.which(first["requires"]):
                cases.append((requirement, first))
    return cases


def _manifest_key(case: dict[str, Any]) -> str:
    return json.dumps({k: case.get(k) for k in ("profile", "defects", "role_defects", "files", "features",
                                                "parameters", "product")}, sort_keys=True)


def _normal(value: Any, roots: list[str]) -> Any:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    for root in roots:
        text = text.replace(root, "<root>")
    return json.loads(_NONCE.sub("<nonce>", _PORT.sub(r"\1:<port>", text)))


def fingerprint(report: Any, requirement: str, roots: list[str]) -> dict[str, Any]:
    """What a laboratory reports of one requirement: verdict, findings, measured values."""
    (record,) = [r for r in report.requirements if r.requirement == requirement]
    findings = [{k: item.get(k) for k in ("message", "file", "pointer", "rule", "expected", "actual")}
                for item in record.evidence if item.get("kind") == "finding"]
    if requirement in TIMED:
        findings = [{"rule": f["rule"]} for f in findings]
    measured = [{k: item.get(k) for k in ("quantity", "subject", "value", "unit", "uncertainty", "outcome")}
                for item in record.evidence if item.get("kind") == "measurement"]  # interface 2 of issue 70
    def ordered(items: list[dict[str, Any]]) -> list[Any]:  # placeholders first: names sort differently
        return sorted(_normal(items, roots), key=lambda item: json.dumps(item, sort_keys=True))

    return {"verdict": record.verdict.value, "findings": ordered(findings), "measured": ordered(measured)}


def judge(cases: list[tuple[str, dict[str, Any]]], work: Path, *, grouped: bool, reverse: bool) -> dict[str, Any]:
    """Each case's fingerprint by requirement: one run per case, or (``grouped``) one run per
    manifest shared by several cases; ``reverse``: the runs and their requirements in reverse."""
    from conformance._run.engine import run
    from conformance.reference import create_app
    from conformance.reference.server import serve
    from tests.conftest import manifest_for

    catalog = load_catalog()
    batches: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for index, (requirement, case) in enumerate(cases):
        batches.setdefault(_manifest_key(case) if grouped else str(index), []).append((requirement, case))
    order = list(batches.values())[::-1] if reverse else list(batches.values())
    found: dict[str, Any] = {}
    roots = [str(work.resolve()), str(work)]
    for number, batch in enumerate(order):
        requirements = [r for r, _ in batch][::-1] if reverse else [r for r, _ in batch]
        case = batch[0][1]
        profile = catalog.profile(case["profile"])
        folder = work / f"run-{number}"
        folder.mkdir(parents=True)
        with ExitStack() as stack:  # a fresh reference for each run, as the known-bad test has
            base_urls = {role: stack.enter_context(serve(create_app(
                case.get("role_defects", {}).get(role, case.get("defects", [])))))
                for role, spec in profile.targets.items() if spec.kind == "http"}
            manifest = manifest_for(catalog, case["profile"], base_urls=base_urls, files=case.get("files"),
                                    features=case.get("features"), parameters=None, product=case.get("product"))
            kwargs: dict[str, Any] = {}
            if case.get("parameters"):  # through a plan, as the known-bad test's run_manifest does
                plan = {"id": "interlab-plan", "program": "the inter-laboratory comparison",
                        "catalog_digest": catalog.digest,
                        "profiles": {case["profile"]: {"parameters": case["parameters"]}}}
                kwargs["certification"] = folder / "plan.yaml"
                kwargs["certification"].write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
            path = folder / "manifest.yaml"
            path.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
            result = run(path, catalog=catalog, requirements=requirements, out_dir=folder / "out",
                         formats=["json"], **kwargs)
            for requirement in requirements:
                found[requirement] = fingerprint(result.report, requirement, roots + list(base_urls.values()))
    return found


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """One line per requirement the two set-ups did not judge alike."""
    lines = []
    for requirement in sorted(set(a) | set(b)):
        if a.get(requirement) != b.get(requirement):
            lines.append(f"{requirement}: A {json.dumps(a.get(requirement), ensure_ascii=False)[:600]} "
                         f"!= B {json.dumps(b.get(requirement), ensure_ascii=False)[:600]}")
    return lines


if __name__ == "__main__":  # set-up B: python -m tests.e2e.interlab OUT.json WORK [REQUIREMENT...]
    out, work, *only = sys.argv[1:]
    chosen = [(r, c) for r, c in proficiency_set() if not only or r in only]
    Path(out).write_text(json.dumps(judge(chosen, Path(work), grouped=True, reverse=True), ensure_ascii=False),
                         encoding="utf-8")
