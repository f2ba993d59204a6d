"""Verdicts that mean what they say: optional data not declared is not_applicable (unless the
profile requires it, then a fail that says so), and a pass whose every HTTP answer was a 5xx
or a 429 is inconclusive."""

from __future__ import annotations

import pytest
import yaml

from conformance import HarnessInputError, NotApplicable, Verdict, load_catalog, run
from conformance._run.verdicts import nothing_judged, undeclared, unjudgeable
from conformance.reference.server import serve
from tests.conftest import fixture_path, manifest_for
from tests.minicatalog import PROFILE, REQUIREMENT, write_catalog


@pytest.mark.parametrize(("status", "judged"), [(200, True), (404, True), (501, False), (500, False),
                                                (503, False), (429, False), (None, False)])
def test_what_a_status_says(status, judged):
    assert unjudgeable(status) is not judged


def test_a_pass_on_nothing_but_server_errors_is_inconclusive():
    assert nothing_judged(Verdict.PASS, 3, 0, exempt=False).startswith("every one of the 3 HTTP answer(s)")
    assert nothing_judged(Verdict.PASS, 3, 1, exempt=False) is None
    assert nothing_judged(Verdict.PASS, 0, 0, exempt=False) is None  # no HTTP at all: a file test
    assert nothing_judged(Verdict.PASS, 3, 0, exempt=True) is None
    assert nothing_judged(Verdict.FAIL, 3, 0, exempt=False) is None  # a fail stands


class _Findings:
    def __init__(self):
        self.items = []

    def finding(self, message, **members):
        self.items.append((message, members))


def test_undeclared_optional_data():
    with pytest.raises(NotApplicable, match="no tracking volume declared"):
        undeclared("tracking volume", mandatory=False)
    undeclared("tracking volume", mandatory=False, every=False)  # something else is left to judge
    evidence = _Findings()
    undeclared("tracking volume", mandatory=True, evidence=evidence, file="a.ndjson")
    assert evidence.items == [("no tracking volume declared, and this profile requires one",
                               {"check": "mandatory", "file": "a.ndjson"})]


HTTP_MODULE = '''import pytest


@pytest.mark.requirement("ID-DOC-901")
def test_any_answer(targets):
    targets["api"].get("/x")


@pytest.mark.judges_any_status
@pytest.mark.requirement("ID-DOC-902")
def test_judges_statuses_itself(targets):
    targets["api"].get("/x")
'''


def _status_app(status):
    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"down"})
    return app


@pytest.mark.slow
@pytest.mark.parametrize(("status", "expected"), [(503, "inconclusive"), (429, "inconclusive"), (200, "pass")])
def test_a_test_that_saw_only_server_errors_judged_nothing(tmp_path, status, expected):
    profile = {**PROFILE, "targets": {"api": {"kind": "http"}}, "requirements": ["ID-DOC-901", "ID-DOC-902"]}
    requirements = [REQUIREMENT, {**REQUIREMENT, "id": "ID-DOC-902"}]
    catalog = load_catalog(write_catalog(tmp_path / "catalog", requirements, HTTP_MODULE, profile))
    with serve(_status_app(status)) as url:
        manifest = tmp_path / "m.yaml"
        manifest.write_text(yaml.safe_dump({"product": {"name": "P", "version": "1"}, "profiles": ["mini"],
                                            "targets": {"api": {"adapter": "http", "base_url": url}}}))
        result = run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json"])
    found = {r.requirement: r for r in result.report.requirements}
    assert found["ID-DOC-901"].verdict.value == expected, found["ID-DOC-901"].message
    assert found["ID-DOC-902"].verdict is Verdict.PASS  # judges_any_status: the test decides
    if expected == "inconclusive":
        assert "nothing was judged" in found["ID-DOC-901"].message
        assert result.exit_code == 3


@pytest.mark.slow
def test_a_clean_capture_without_a_tracking_volume_is_conformant(tmp_path, catalog, run_manifest):
    manifest = manifest_for(catalog, "terminal-hmd-6dof", files={"captures": ["cap-no-volume.ndjson"]})
    result = run_manifest(manifest)
    found = {r.requirement: r for r in result.report.requirements}
    assert found["TD-POSE-002"].verdict is Verdict.NOT_APPLICABLE
    assert "no tracking volume" in found["TD-POSE-002"].message
    assert result.exit_code == 0, [(r.requirement, r.verdict.value, r.message) for r in result.report.requirements]


def test_no_profile_can_require_the_tracking_volume(tmp_path, catalog):
    """TD-POSE-002 1.3: the volume is a permission of the descriptor; the parameter that let a profile or a plan
    fail a capture without one (require_tracking_volume) is gone, and a manifest naming it is refused in one line."""
    manifest = manifest_for(catalog, "terminal-hmd-6dof", files={"captures": ["cap-no-volume.ndjson"]})
    manifest["profiles"][0]["parameters"] = {"require_tracking_volume": True}
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(manifest))
    with pytest.raises(HarnessInputError) as caught:
        run(path, catalog=catalog, out_dir=tmp_path / "o", formats=["json"])
    line = caught.value.line()
    assert "\n" not in line
    assert "profile terminal-hmd-6dof has no parameter 'require_tracking_volume'" in line
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_every_clean_sample_is_conformant_under_every_file_profile(catalog, run_manifest):
    """The reference's samples declare only what they declare; no MUST is undecidable by design.
    Every file profile is claimed in one manifest, each as manifest_for claims it alone (its
    samples, its features): a run judges each profile's requirements with that profile's own
    parameters and reads each profile's outcome from them, so one run says what one run a profile
    said, without judging a requirement several profiles share once for each (issue 77 item 7)."""
    claims = [manifest_for(catalog, p.id) for p in catalog.profiles.values()
              if all(spec.kind == "file" for spec in p.targets.values())]
    manifest = {**claims[0], "profiles": [c["profiles"][0] for c in claims],
                "targets": {role: t for c in claims for role, t in c["targets"].items()}}
    assert all(c["targets"][role] == manifest["targets"][role] for c in claims for role in c["targets"])
    result = run_manifest(manifest)
    outcomes = {p.id: p.outcome.value for p in result.report.profiles}
    undecided = [(r.requirement, r.verdict.value, r.message) for r in result.report.requirements
                 if r.level.value == "MUST" and r.verdict not in (Verdict.PASS, Verdict.NOT_APPLICABLE)]
    assert result.exit_code == 0 and not undecided, (outcomes, undecided)
    assert set(outcomes) == {c["profiles"][0]["id"] for c in claims} and set(outcomes.values()) == {"conformant"}


def test_the_capture_without_a_volume_is_a_fixture():
    assert fixture_path("terminal", "cap-no-volume.ndjson").is_file()


def test_judgeable_keeps_what_can_be_judged():
    from types import SimpleNamespace as R

    from conformance import Inconclusive, judgeable

    assert judgeable([R(status=500), R(status=200)]) == [R(status=200)]
    assert judgeable([]) == []
    with pytest.raises(Inconclusive, match=r"every resolution \(2\) was answered with a 5xx, a 429"):
        judgeable([R(status=503), R(status=429)], "resolution")
