"""Cases: a requirement runs once per distinct set of its parameters' values among the
claimed profiles, and each profile's verdict is its own case's, whatever the claim order."""

from __future__ import annotations

import hashlib
import io
import re
from itertools import combinations, permutations, product
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance._catalog.catalog import REPORT_SCHEMA, Catalog
from conformance._catalog.model import Report, Verdict
from conformance._catalog.parameters import Parameters, UndeclaredParameter
from conformance._record.redaction import Redactor
from conformance._run import events as ev
from conformance._run.aggregation import replay, replay_file
from conformance._run.engine import run
from conformance._run.plan import RunPlan, expand_cases, make_plan
from conformance._run.terms import run_started
from conformance.messages import msg
from conformance.reference import SAMPLES
from tests.conftest import manifest_for


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _captures_manifest(claims: list[dict[str, Any]]) -> dict[str, Any]:
    return {"product": {"name": "order", "version": "1"}, "profiles": claims,
            "targets": {"captures": {"adapter": "file", "paths": [str(SAMPLES / "captures" / "*")]}}}


#: Three terminal profiles that share TD-RATE-00x, each tightening differently; hmd's jitter limits are so
#: tight that the sample captures fail its TD-RATE-003 (a SHOULD) while the others' pass.
HMD_JITTER = {"max_jitter_p99_ms": 0.1, "max_jitter_p99_ratio": 0.01}
CLAIMS = {
    "terminal-body": {"id": "terminal-body", "parameters": {"max_jitter_p99_ms": 0.5}},
    "terminal-hmd-6dof": {"id": "terminal-hmd-6dof", "parameters": {"rate_tolerance": 0.03, **HMD_JITTER}},
    "terminal-hand-tracking": {"id": "terminal-hand-tracking"},
}


@pytest.fixture(scope="module")
def _analyses_by_content() -> dict[bytes, Any]:
    return {}


@pytest.fixture
def captures_analysed_once(monkeypatch: pytest.MonkeyPatch, _analyses_by_content: dict[bytes, Any]) -> None:
    """The terminal suites' capture analysis (``suite.analyse``) made once for each capture's
    bytes in this module, not once a run: the claim-order tests judge the same 68 sample
    captures in several runs (six claim orders; a plan's two), and a capture's analysis reads
    only its bytes (no claim, order or parameter reaches it), so each run would make the same
    one again (about a third of such a run's CPU). Each run still reads every capture through
    its file target, keeps the analysis with that target (``files.derived``) and judges it
    under its own cases' parameters; only the parse is shared."""
    from conformance.areas.terminal import suite

    real = suite.analyse

    def analyse(stream: Any) -> Any:
        data = stream.read()
        key = hashlib.sha256(data).digest()
        if key not in _analyses_by_content:
            _analyses_by_content[key] = real(io.BytesIO(data))
        return _analyses_by_content[key]

    monkeypatch.setattr(suite, "analyse", analyse)


def _verdicts(report: Report) -> dict[tuple[str, str], str]:
    """(profile, requirement) -> the verdict that profile's outcome was judged with."""
    out: dict[tuple[str, str], str] = {}
    for result in report.requirements:
        for profile in result.profiles:
            chosen = [c.verdict for c in result.cases if profile in c.profiles]
            out[profile, result.requirement] = (chosen[0] if chosen else result.verdict).value
    return out


def test_identical_parameter_sets_merge_and_different_ones_split(tmp_path: Path, catalog: Catalog) -> None:
    manifest = _write(tmp_path, "m.yaml", _captures_manifest(list(CLAIMS.values())))
    plan = make_plan(manifest, catalog)
    rate = plan.cases("TD-RATE-001")
    # hmd tightens the rate tolerance, body and hand tracking keep the standard's: two cases
    assert [c.profiles for c in rate] == [("terminal-body", "terminal-hand-tracking"), ("terminal-hmd-6dof",)]
    assert [dict(c.parameters) for c in rate] == [{"rate_tolerance": 0.05}, {"rate_tolerance": 0.03}]
    # three different jitter limits: three cases
    assert [dict(c.parameters)["max_jitter_p99_ms"] for c in plan.cases("TD-RATE-003")] == [0.5, 2.0, 0.1]
    # a requirement that takes no parameters has one case for every profile
    assert [c.profiles for c in plan.cases("TD-CAP-001")] == [tuple(sorted(CLAIMS))]


def test_cases_do_not_depend_on_the_claim_order(tmp_path: Path, catalog: Catalog) -> None:
    seen = set()
    for order in permutations(CLAIMS):
        manifest = _write(tmp_path, "m.yaml", _captures_manifest([CLAIMS[p] for p in order]))
        plan = make_plan(manifest, catalog)
        seen.add(tuple((r, c.profiles, tuple(c.parameters.items()))
                       for r in sorted(plan.selected) for c in plan.cases(r)))
    assert len(seen) == 1


def test_a_case_gives_only_its_requirements_parameters(catalog: Catalog) -> None:
    requirement = catalog.requirements["TD-RATE-003"]
    planned = [type("P", (), {"profile": catalog.profile("terminal-body"),
                              "parameters": Parameters("terminal-body", {"max_jitter_p99_ms": 2.0,
                                                                         "rate_tolerance": 0.05})})()]
    (case,) = expand_cases(requirement, planned)  # type: ignore[arg-type]
    assert dict(case.parameters) == {"max_jitter_p99_ms": 2.0}
    with pytest.raises(UndeclaredParameter, match="requirement TD-RATE-003 does not take parameter 'rate_tolerance'"):
        _ = case.parameters.rate_tolerance


@pytest.mark.slow
def test_claim_order_never_changes_a_verdict_over_a_capture(tmp_path: Path, catalog: Catalog,
                                                            captures_analysed_once: None) -> None:
    reports = []
    for index, order in enumerate(permutations(CLAIMS)):
        manifest = _write(tmp_path, f"m{index}.yaml", _captures_manifest([CLAIMS[p] for p in order]))
        reports.append(run(manifest, catalog=catalog, out_dir=tmp_path / f"out{index}", formats=["json"]).report)
    first = _verdicts(reports[0])
    for report in reports[1:]:
        assert _verdicts(report) == first
        assert {p.id: p.outcome for p in report.profiles} == {p.id: p.outcome for p in reports[0].profiles}
    # hmd's jitter limits decide its TD-RATE-003 only: the sample captures jitter more than 0.1 ms, so hmd
    # fails it while body and hand tracking do not
    assert first["terminal-hmd-6dof", "TD-RATE-003"] == "fail"
    assert first["terminal-body", "TD-RATE-003"] != "fail"
    rate = next(r for r in reports[0].requirements if r.requirement == "TD-RATE-001")
    assert {tuple(c.profiles): c.parameters for c in rate.cases} == {
        ("terminal-body", "terminal-hand-tracking"): {"rate_tolerance": 0.05},
        ("terminal-hmd-6dof",): {"rate_tolerance": 0.03},
    }
    # each case's tests ran under its own parameters, and say so
    jitter = [t for t in reports[0].tests if t.requirements == ["TD-RATE-003"]]
    assert sorted((t.profiles[0], t.parameters["max_jitter_p99_ms"]) for t in jitter) == [
        ("terminal-body", 0.5), ("terminal-hand-tracking", 2.0), ("terminal-hmd-6dof", 0.1)]
    assert all(t.nodeid.endswith(f"[{'+'.join(t.profiles)}]") for t in jitter)


@pytest.mark.slow
def test_claim_order_never_changes_a_verdict_over_a_reference_target(
    tmp_path: Path, catalog: Catalog, reference_url: str
) -> None:
    """identity-document and identity-resolver share ID-PRIV-001, which takes known_did."""
    from conformance.reference.identity.routes import example_dids

    known = example_dids()
    claims = {
        "identity-document": {"id": "identity-document", "parameters": {"known_did": known[0]}},
        "identity-resolver": {"id": "identity-resolver", "parameters": {"known_did": known[-1]}},
    }
    reports = []
    for index, order in enumerate(permutations(claims)):
        manifest = _write(tmp_path, f"m{index}.yaml", {
            "product": {"name": "order", "version": "1"}, "profiles": [claims[p] for p in order],
            "targets": {"api": {"adapter": "http", "base_url": reference_url},
                        "did_documents": {"adapter": "file", "paths": [str(SAMPLES / "did_documents" / "*")]}}})
        reports.append(run(manifest, catalog=catalog, out_dir=tmp_path / f"out{index}", formats=["json"]).report)
    assert _verdicts(reports[0]) == _verdicts(reports[1])
    privacy = next(r for r in reports[0].requirements if r.requirement == "ID-PRIV-001")
    assert {tuple(c.profiles): c.parameters["known_did"] for c in privacy.cases} == {
        ("identity-document",): known[0], ("identity-resolver",): known[-1]}
    assert all(c.verdict is Verdict.PASS for c in privacy.cases)


@pytest.mark.slow
@pytest.mark.parametrize("first", ["terminal-body", "terminal-hmd-6dof"])
def test_a_certification_plans_parameter_holds_whichever_profile_is_claimed_first(
    tmp_path: Path, catalog: Catalog, first: str, captures_analysed_once: None
) -> None:
    """A participant cannot shed a plan's stricter setting by claiming another profile that
    shares the requirement first (issue: certification against a dishonest participant)."""
    plan = _write(tmp_path, "plan.yaml", {
        "id": "p", "program": "test", "catalog_digest": catalog.digest,
        "profiles": {"terminal-hmd-6dof": {"parameters": HMD_JITTER}},
    })
    order = [first, *sorted({"terminal-body", "terminal-hmd-6dof"} - {first})]
    manifest = _write(tmp_path, "m.yaml", _captures_manifest([{"id": p} for p in order]))
    report = run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json"], certification=plan).report
    jitter = next(r for r in report.requirements if r.requirement == "TD-RATE-003")
    assert {tuple(c.profiles): c.parameters["max_jitter_p99_ms"] for c in jitter.cases} == {
        ("terminal-body",): 2.0, ("terminal-hmd-6dof",): 0.1}
    # the plan's setting fails the hmd profile's own case only
    assert {tuple(c.profiles): c.verdict for c in jitter.cases}[("terminal-hmd-6dof",)] is Verdict.FAIL
    assert {tuple(c.profiles): c.verdict for c in jitter.cases}[("terminal-body",)] is not Verdict.FAIL
    # TD-RATE-003 is a SHOULD the plan does not promote, so its failure decides neither profile's outcome
    outcomes = {p.id: p.outcome.value for p in report.profiles}
    assert outcomes == {"terminal-hmd-6dof": "conformant", "terminal-body": "conformant"}
    _assert_junit_counts_and_case_verdicts(report)


def _assert_junit_counts_and_case_verdicts(report: Report) -> None:
    """JUnit: a requirement shared by two profiles is a testcase in each suite with that
    profile's own verdict, and every count (root and suite) agrees with the testcases."""
    import xml.etree.ElementTree as ET

    from conformance.report.junit import render_junit

    root = ET.fromstring(render_junit(report))
    cases = root.findall("testsuite/testcase")
    assert int(root.get("tests", "-1")) == len(cases)
    for count, element in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        assert int(root.get(count, "-1")) == len(root.findall(f"testsuite/testcase/{element}"))
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests", "-1")) == len(suite.findall("testcase"))
        assert int(suite.get("failures", "-1")) == len(suite.findall("testcase/failure"))
    jitter = {s.get("name"): s.find("testcase[@name='TD-RATE-003']") for s in root.findall("testsuite")}
    assert jitter["terminal-hmd-6dof"].find("failure") is not None
    assert jitter["terminal-body"].find("failure") is None


def test_a_plan_parameter_that_is_not_a_finite_number_is_bad_input(tmp_path: Path, catalog: Catalog) -> None:
    from conformance.certification.plans import load_plan
    from conformance.errors import HarnessInputError

    path = tmp_path / "plan.yaml"
    path.write_text(f"id: p\nprogram: test\ncatalog_digest: '{catalog.digest}'\n"
                    "profiles:\n  terminal-hand-tracking:\n    parameters: {bone_tolerance_m: .nan}\n")
    with pytest.raises(HarnessInputError, match=r"plan\.yaml.*bone_tolerance_m"):
        load_plan(path, catalog)


# --- a requirement gated on a feature only some of its profiles claim ---------------------------


def _feature_gated_pairs(catalog: Catalog) -> list[tuple[str, str, str]]:
    """(profile, profile, requirement) for every pair of shipped profiles that both list a
    requirement at least one of them lists under an optional feature."""
    pairs = []
    for a, b in combinations(sorted(catalog.profiles), 2):
        first, second = catalog.profiles[a], catalog.profiles[b]
        for req_id in sorted(set(first.all_requirements()) & set(second.all_requirements())):
            if first.feature_of(req_id) or second.feature_of(req_id):
                pairs.append((a, b, req_id))
    return pairs


def _pair_manifest(catalog: Catalog, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """A manifest claiming these profiles, each role served by an adapter of its kind (the
    plan checks kinds; it reaches no target)."""
    targets: dict[str, Any] = {}
    for claim in claims:
        profile = catalog.profile(claim["id"])
        urls = {role: "http://127.0.0.1:9" for role, spec in profile.targets.items() if spec.kind == "http"}
        targets.update(manifest_for(catalog, claim["id"], base_urls=urls)["targets"])
    return {"product": {"name": "pair", "version": "1"}, "profiles": claims, "targets": targets}


def _claim_sets(catalog: Catalog, pair: tuple[str, str], req_id: str) -> list[list[dict[str, Any]]]:
    """Both claim orders, each profile claiming the feature it gates the requirement on or not."""
    options = []
    for profile_id in pair:
        gate = catalog.profiles[profile_id].feature_of(req_id)
        options.append([{"id": profile_id, "features": f} for f in ([[], [gate]] if gate else [[]])])
    sets = []
    for first, second in product(*options):
        sets += [[first, second], [second, first]]
    return sets


def _fold_passing(plan: RunPlan) -> Report:
    """The report of a run of ``plan`` in which every case's test passed, folded from its
    events as the session emits them (each test counting for its case's profiles), through
    the event log's bytes."""
    log = ev.EventLog()
    log(run_started(plan, Redactor(), "2025-01-01T00:00:00.000Z", None))
    for req_id in plan.automated():
        for case in plan.cases(req_id):
            test = f"suites/t.py::test_{req_id}[{case.label}]"
            log(ev.CaseStarted(test=test, requirements=[req_id], profiles=list(case.profiles),
                               parameters=dict(case.parameters)))
            log(ev.CaseFinished(test=test, verdict=Verdict.PASS))
    log(ev.RunFinished(finished="2025-01-01T00:00:01.000Z", complete=True))
    return replay(ev.decode_lines(log.data().splitlines()))


def test_every_profile_gets_a_judged_case_or_not_applicable_for_a_feature_gated_requirement(
    tmp_path: Path, catalog: Catalog
) -> None:
    """Two claimed profiles list one requirement and only one claims the feature it is gated
    on: the other's case is not applicable with the reason, whatever the claim order, while
    the one claiming it runs it. Every pair of shipped profiles sharing such a requirement."""
    pairs = _feature_gated_pairs(catalog)
    assert ("asset-registry", "asset-trading", "AS-REG-006") in pairs
    for a, b, req_id in pairs:
        for claims in _claim_sets(catalog, (a, b), req_id):
            manifest = _write(tmp_path, "m.yaml", _pair_manifest(catalog, claims))
            plan = make_plan(manifest, catalog)
            where = f"{req_id} claimed as {claims}"
            selecting = []
            for claim in claims:
                gate = catalog.profiles[claim["id"]].feature_of(req_id)
                if gate is None or gate in claim["features"]:
                    selecting.append(claim["id"])
            for claim in claims:
                profile_id = claim["id"]
                gate = catalog.profiles[profile_id].feature_of(req_id)
                why = msg("engine.feature-not-claimed", feature=gate)
                case = plan.case_for(req_id, profile_id)
                if profile_id in selecting:  # judged: its own case runs
                    assert case is not None and not case.not_applicable, where
                    assert case in plan.cases(req_id) and profile_id in plan.selected[req_id], where
                elif selecting:  # another profile runs it: not applicable to this one alone
                    assert case is not None and case.not_applicable == why, where
                    assert case not in plan.cases(req_id) and profile_id not in plan.selected[req_id], where
                else:  # no profile runs it: not applicable to every one
                    assert case is None and req_id not in plan.selected, where
                    assert plan.not_applicable[req_id] == why, where
            # and the report gives each profile that case's verdict, never an error
            report = _fold_passing(plan)
            result = next(r for r in report.requirements if r.requirement == req_id)
            for claim in claims:
                profile_id = claim["id"]
                expected = Verdict.PASS if profile_id in selecting else Verdict.NOT_APPLICABLE
                assert result.verdict_for(profile_id) is expected, where
                if expected is Verdict.NOT_APPLICABLE:
                    own = result.case_for(profile_id) or result
                    assert own.message == msg("engine.feature-not-claimed",
                                              feature=catalog.profiles[profile_id].feature_of(req_id)), where
            for profile in report.profiles:
                assert "error" not in profile.counts, (where, profile.id, profile.counts)
            assert catalog.schemas.findings(report.model_dump(mode="json"), REPORT_SCHEMA) == [], where


@pytest.mark.slow
def test_a_profile_not_claiming_the_feature_is_conformant_with_the_requirement_not_applicable(
    tmp_path: Path, catalog: Catalog, reference_url: str
) -> None:
    """asset-registry and asset-trading both list AS-REG-006 under lifecycle-lock; only
    asset-trading claims it: it runs for asset-trading, and asset-registry is conformant with
    it not applicable. report.json, the event log, JUnit, the console, HTML and the
    programme's history say the same."""
    import io
    import json
    import xml.etree.ElementTree as ET

    from rich.console import Console

    from conformance._run.console import print_summary
    from conformance.programme.history import History, RunRecord
    from conformance.report import report_json

    why = msg("engine.feature-not-claimed", feature="lifecycle-lock")
    manifest = _write(tmp_path, "m.yaml", {
        "product": {"name": "X", "version": "1", "vendor": "Y"},
        # linked-identities: AS-TRADE-009/-010's feature since the forty-first reading (b12), claimed so that
        # asset-trading runs whole
        "profiles": ["asset-registry", {"id": "asset-trading", "features": ["lifecycle-lock", "linked-identities"]}],
        "targets": {"api": {"adapter": "http", "base_url": reference_url}}})
    out = tmp_path / "out"
    report = run(manifest, catalog=catalog, out_dir=out, formats=["json", "junit", "html"]).report
    outcomes = {p.id: (p.outcome.value, p.counts, p.blocking) for p in report.profiles}
    assert outcomes == {"asset-registry": ("conformant", {"pass": 9, "not_applicable": 1}, []),  # AS-AIGC-017, AS-REG-007 too
                        "asset-trading": ("conformant", {"pass": 12}, [])}  # AS-TRADE-001..011, AS-REG-006
    assert report.exit_code == 0

    # report.json (valid against its schema), as the event log replays it byte for byte
    written = (out / "report.json").read_bytes()
    assert report_json(replay_file(out / ev.EventLog.FILENAME)) == written
    data = json.loads(written)
    assert catalog.schemas.findings(data, REPORT_SCHEMA) == []
    (lock,) = [r for r in data["requirements"] if r["requirement"] == "AS-REG-006"]
    assert lock["verdict"] == "pass"
    assert {(tuple(c["profiles"]), c["verdict"], c["message"]) for c in lock["cases"]} == {
        (("asset-trading",), "pass", ""), (("asset-registry",), "not_applicable", why)}
    assert [c["tests"] for c in lock["cases"] if c["profiles"] == ["asset-registry"]] == [[]]

    # JUnit: the testcase in asset-registry's suite is skipped with the reason; no errors
    root = ET.parse(out / "junit.xml").getroot()
    assert root.get("errors") == "0" and root.get("failures") == "0"
    registry = root.find("testsuite[@name='asset-registry']/testcase[@name='AS-REG-006']")
    trading = root.find("testsuite[@name='asset-trading']/testcase[@name='AS-REG-006']")
    assert registry is not None and trading is not None
    assert registry.find("skipped").get("message") == f"not_applicable: {why}"
    assert list(trading.iter("skipped")) == [] and list(trading.iter("error")) == []
    _assert_junit_counts(root)

    # HTML: asset-registry's table gives AS-REG-006 not applicable, with the reason
    html = (out / "report.html").read_text(encoding="utf-8")
    section = html.split('id="profile-asset-registry"')[1].split('id="profile-asset-trading"')[0]
    (row,) = [r for r in section.split("<tr>") if 'href="#AS-REG-006"' in r]
    assert '<span class="v v-not_applicable">' in row and "lifecycle-lock&#39; is not claimed" in row
    assert 'class="v v-error"' not in html

    # the console: the profiles' counts and outcomes, the case under the requirement (-v)
    text = io.StringIO()
    print_summary(Console(file=text, width=120), report, [], verbose=True)
    console = text.getvalue()
    assert re.search(r"asset-registry 0\.2\.0\s+conformant\s+pass\xa09, not applicable\xa01", console), console
    assert re.search(r"asset-trading [0-9.]+\s+conformant\s+pass\xa012\s", console), console  # its version steps with features
    assert re.search(r"not applicable\s+asset-registry: optional feature 'lifecycle-lock' is not claimed",
                     console), console
    assert "error" not in console and "incomplete" not in console

    # the programme's history: one verdict per profile and requirement, the profile's own
    with History(tmp_path / "h.sqlite") as history:
        history.record(RunRecord(run_id="r1", programme="p", kind="participant", participant="x",
                                 report_dir=out, status="finished", exit_code=0))
        rows = history.rows("SELECT profile, verdict FROM verdicts WHERE requirement = 'AS-REG-006'")
        assert sorted((r["profile"], r["verdict"]) for r in rows) == [
            ("asset-registry", "not_applicable"), ("asset-trading", "pass")]
        assert sorted((r["profile"], r["outcome"]) for r in history.rows("SELECT profile, outcome FROM outcomes")) == [
            ("asset-registry", "conformant"), ("asset-trading", "conformant")]


def _assert_junit_counts(root: Any) -> None:
    """Every count (root and suite) agrees with the testcases in the file."""
    cases = root.findall("testsuite/testcase")
    assert int(root.get("tests", "-1")) == len(cases)
    for count, element in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        assert int(root.get(count, "-1")) == len(root.findall(f"testsuite/testcase/{element}"))
        for suite in root.findall("testsuite"):
            assert int(suite.get(count, "-1")) == len(suite.findall(f"testcase/{element}"))
