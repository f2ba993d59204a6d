"""Every conformance test can fail: each known-bad case makes its requirement fail, and judges
alike in two laboratories (issue 70: the inter-laboratory comparison, tests/e2e/interlab.py).

Each case's run here is set-up A of that comparison; set-up B judges the same cases in a process
of its own (another time zone, locale and temporary root, the cases sharing a manifest grouped in
one run, in reverse order), one process per area, made once per session whichever worker asks
first (:func:`set_up_b`). Each case's verdict, findings and measured values must be B's (B does
not shrink the state machines' departing sequences: of those, the kind of departure, interlab.UNSHRUNK)."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from typing import Any

import pytest

from conformance._catalog.model import Testing
from conformance.reference.tls import UNVERIFIABLE
from tests.conftest import manifest_for, once_per_session, verdicts
from tests.e2e import interlab

# suites/*/known_bad.yaml read once as each xdist worker collects this module, not once a name
KNOWN_BAD = interlab.known_bad_cases()
CASES = {requirement: [case for _, case in listed] for requirement, listed in KNOWN_BAD.items()}
AREA = {interlab.case_key(requirement, index): area
        for requirement, listed in KNOWN_BAD.items() for index, (area, _) in enumerate(listed)}


def _cases() -> list[tuple[str, int, dict]]:
    return [(req, i, case) for req, cases in CASES.items() for i, case in enumerate(cases)]


@pytest.fixture(scope="session")
def set_up_b(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Any]:
    """``set_up_b(key)``: set-up B's fingerprint of a known-bad case. B judges, per area, the cases
    of this test the session selected (``-k`` narrows it too), once per session."""
    selected: dict[str, list[str]] = {}
    for item in request.session.items:
        spec = getattr(item, "callspec", None)
        if item.originalname == "test_known_bad_case_fails_its_requirement" and spec is not None:
            key = interlab.case_key(spec.params["requirement"], spec.params["index"])
            selected.setdefault(AREA[key], []).append(key)

    def found(key: str) -> Any:
        keys = sorted(selected[AREA[key]])
        name = f"interlab-b-{AREA[key]}-{hashlib.sha256(' '.join(keys).encode()).hexdigest()[:12]}"
        made = once_per_session(tmp_path_factory, name, lambda folder: interlab.set_up_b(folder, only=tuple(keys)))
        assert "error" not in made, f"set-up B failed:\n{made['error']}"
        return made["found"].get(key)

    return found


def test_every_automated_requirement_has_a_known_bad_case(catalog):
    automated = {r.id for r in catalog.requirements.values() if r.testing is Testing.AUTOMATED}
    missing = sorted(automated - set(CASES))
    assert not missing, f"automated requirements without a known-bad case in suites/<area>/known_bad.yaml: {missing}"
    unknown = sorted(set(CASES) - set(catalog.requirements))
    assert not unknown, f"known_bad.yaml names unknown requirements: {unknown}"


def _case_id(value: object) -> str:
    return "" if isinstance(value, dict) else str(value)


@pytest.mark.slow
@pytest.mark.parametrize(("requirement", "index", "case"), _cases(), ids=_case_id)
def test_known_bad_case_fails_its_requirement(requirement, index, case, catalog, serve_reference, run_manifest,
                                              set_up_b, tmp_path):
    if case.get("requires") and shutil.which(case["requires"]) is None:
        pytest.skip(f"needs {case['requires']} on PATH")
    profile = catalog.profile(case["profile"])
    # `defects` are planted in every HTTP role's reference; `role_defects` per role. Served over
    # TLS, as a product is (IF-TLS-001), the test CA named in the manifest; `plain-http` serves http.
    base_urls = {
        role: serve_reference(case.get("role_defects", {}).get(role, case.get("defects", [])), tls=True)
        for role, spec in profile.targets.items() if spec.kind == "http"
    }
    manifest = manifest_for(
        catalog, case["profile"], base_urls=base_urls, files=case.get("files"),
        features=case.get("features"), parameters=case.get("parameters"), product=case.get("product"),
    )
    for role in base_urls:  # a certificate no client verifies: the rest is judged without verifying
        if UNVERIFIABLE & set(case.get("role_defects", {}).get(role, case.get("defects", []))):
            manifest["targets"][role]["verify_tls"] = False
    result = run_manifest(manifest, requirements=[requirement])
    found = verdicts(result)
    assert found.get(requirement) == "fail", (
        f"{requirement} should fail on {case}, got {found.get(requirement)}: "
        f"{[r.message for r in result.report.requirements]}"
    )
    if case.get("finding"):  # the failure is the intended rule's, not some other one
        record = next(r for r in result.report.requirements if r.requirement == requirement)
        findings = [item for item in record.evidence if item.get("kind") == "finding"]
        text = json.dumps([record.message, findings], default=str, ensure_ascii=False).lower()
        assert case["finding"].lower() in text, (
            f"{requirement} failed on {case}, but not with {case['finding']!r}: {text[:2000]}"
        )
    # A failure at a level the pass rule requires makes the product not conformant (exit 1);
    # a failed SHOULD is reported, not fatal, and a run cut to one requirement is partial:
    # never conformant, so it could not complete a judgement of the profile (exit 3).
    required = catalog.requirement(requirement).level in profile.pass_rule.require
    assert result.exit_code == (1 if required else 3)
    # the inter-laboratory comparison: set-up B judged this case alike
    key = interlab.case_key(requirement, index)
    a = interlab.of_result(result, requirement, [str(tmp_path.resolve()), str(tmp_path), *base_urls.values(),
                                                 *interlab.anchor_roots()])
    unlike = interlab.differences({key: a}, {key: set_up_b(key)})
    assert not unlike, f"set-up A (here) and B (tests/e2e/interlab.py) judged {case} differently: {unlike[0]}"
