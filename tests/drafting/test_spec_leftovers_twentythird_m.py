"""The leftovers of the twenty-third reading of issue 76, part m (docs/drafting.md, "Leftovers of the twenty-third
reading, part m"): two predicates of one thing (the trust-anchor file), three copies of one read (a discovery
declaration, tested in tests/areas/interfaces/test_declarations.py), three cases that left a missing reporting
endpoint undecided, and a repeated environment line. Each test fails on the tree before these fixes."""

from __future__ import annotations

import ast
import inspect
import re

import pytest
import yaml

from conformance import Catalog, msg
from conformance.drafting import annexes, conditions
from conformance.drafting.testcases import case_for, selecting
from conformance.drafting.writer import load_data
from tests.conftest import manifest_for, verdicts
from tests.drafting.test_spec_leftovers_twentysecond_h import _part, _verdict
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT

# needed (twenty-fourth reading, row 8) or optional, the 前置条件 name the file in one form
_ANCHORS = {"zh": "目标 `api` 的信任锚文件 `ca_bundle`（PEM",
            "en": "the trust-anchor file `ca_bundle` of target `api` (PEM"}


@pytest.fixture(scope="module")
def drafts(zh_markdown: str, en_markdown: str) -> dict[str, str]:
    return {"zh": zh_markdown, "en": en_markdown}


def _rules(text: str) -> set[str]:
    """The rules a text names: 「R6 与 R7」, "R6 and R7", "R2"."""
    return set(re.findall(r"(?<![\w‑-])R\d+\b", text))


def _anchor_rows(markdown: str, lang: str) -> list[str]:
    """Annex A's IXIT rows of the trust-anchor file."""
    lead = "| 目标 `api` 的信任锚文件 `ca_bundle`（PEM，RFC 7468） |" if lang == "zh" else \
        "| Trust-anchor file `ca_bundle` of target `api` (PEM, RFC 7468) |"
    return [line for line in markdown.splitlines() if line.startswith(lead)]


# ---- 1: one predicate of a case reading the trust-anchor file

def test_one_predicate_decides_whether_a_case_reads_the_trust_anchor_file():
    """conditions.py's 前置条件 read the rules, annexes.py the rules or the notes: both now ask one function
    beside TRUST_ANCHORS, and annexes.py tests the file's name nowhere itself."""
    assert conditions.TRUST_ANCHORS not in inspect.getsource(annexes).replace("{TRUST_ANCHORS}", "")
    annexed = ast.parse(inspect.getsource(annexes._trust_anchor_rules))
    assert "anchored_rules" in {n.id for n in ast.walk(annexed) if isinstance(n, ast.Name)}
    assert "TRUST_ANCHORS" not in {n.id for n in ast.walk(annexed) if isinstance(n, ast.Name)}
    preconditions = ast.parse(inspect.getsource(conditions.trust_anchors))
    assert "anchored_rules" in {n.id for n in ast.walk(preconditions) if isinstance(n, ast.Name)}


def test_every_case_whose_annex_a_row_names_the_trust_anchor_file_names_it_in_its_preconditions(catalog: Catalog,
                                                                                                drafts):
    """The annex A row lists the requirements (and rules) judged through the file; each of those cases' 前置条件
    names the file, and no other case's does."""
    named = {lang: {rid for row in _anchor_rows(drafts[lang], lang)
                    for rid in re.findall(r"[A-Z]{2}‑[A-Z]+‑\d{3}", row)} for lang in drafts}
    assert named["zh"] == named["en"] == {"IF‑TLS‑001", "IR‑SEC‑001"}
    for lang, markdown in drafts.items():
        with_file = {rid.replace("-", "‑") for rid, case in _cases(markdown).items() if _ANCHORS[lang] in case}
        assert with_file == named[lang], lang


def test_the_resolution_case_names_the_trust_anchor_file_in_its_preconditions(drafts):
    """IR-SEC-001's annex A row named `ca_bundle` (from its notes) while its 前置条件 did not."""
    for lang in drafts:
        assert _ANCHORS[lang] in _part(drafts[lang], "IR-SEC-001", lang, "conditions"), lang


@pytest.mark.parametrize(("rid", "unjudged"), [("IF-TLS-001", {"R6", "R7"}), ("IR-SEC-001", {"R2"})])
def test_annex_a_the_case_and_the_check_leave_the_same_rules_unjudged_without_the_file(catalog: Catalog, drafts,
                                                                                        rid, unjudged):
    """Annex A said 「未给出时 IF-TLS-001 R6 不予评判」 while the case (step 1, 不确定) and the check (tls.judge, the
    message ``tls-unjudged-anchors``) leave R6 and R7 unjudged; IR-SEC-001's row named no rule while its step 2
    leaves R2 unjudged."""
    req = catalog.requirements[rid]
    assert set(conditions.anchored_rules(req)) == unjudged
    for lang, markdown in drafts.items():
        (row,) = {r for r in _anchor_rows(markdown, lang) if rid.replace("-", "‑") in r}
        default = row.split(" | ")[2]
        assert _rules(default) == unjudged, (lang, default)
        assert default.endswith("不予评判）" if lang == "zh" else ("are" if len(unjudged) > 1 else "is")
                                + " not judged)"), default
    if rid == "IF-TLS-001":
        for lang, markdown in drafts.items():
            step = _part(markdown, rid, lang, "steps").split("<br>")[0]
            # the inconclusive line's clause on the missing file (it names other states since IF-TLS-001 2.3)
            clause = next(c for c in re.split(r"，或|；或|, or |; or ", _verdict(markdown, rid, lang, 3)) if "ca_bundle" in c)
            assert _rules(step) == unjudged and _rules(clause) == unjudged, lang
        assert _rules(msg("interfaces.tls-unjudged-anchors", count=1)) == unjudged
        assert {"R6", "R7"} <= _rules(inspect.getsource(__import__(
            "conformance.areas.interfaces.tls", fromlist=["judge"]).judge).split("if trust is None")[1][:200])
    else:
        for lang, markdown in drafts.items():
            assert _rules(_part(markdown, rid, lang, "steps").split("<br>")[1].split("；")[-1]
                          .split("; ")[-1]) == unjudged, lang


# ---- 3: a missing reporting endpoint fails IF-CODE-002, -003 and -007 on R1, as IF-CODE-001 fails R2

_REPORTING = ("IF-CODE-002", "IF-CODE-003", "IF-CODE-007")


@pytest.mark.parametrize("rid", _REPORTING)
def test_a_missing_reporting_endpoint_fails_the_linked_identity_and_removal_cases(catalog: Catalog, rid):
    """The three cases (candidates: annex D lists them, their cases are what the catalog states) name
    `reporting.endpoint` in their fail line and step, not in their inconclusive line; the requirement's first
    rule a report serves is R1."""
    procedure = load_data(catalog).procedures.get(rid)
    assert procedure, rid
    for lang in ("zh", "en"):
        case = case_for(catalog, catalog.requirements[rid], lang, procedure)
        fail, unsure = case.criteria[1], case.criteria[3]
        assert "`reporting.endpoint`" in fail and fail.index("`reporting.endpoint`") < fail.index("（R1）" if lang ==
                                                                                                   "zh" else "(R1)")
        assert "reporting.endpoint" not in unsure and "举报端点" not in unsure and "reporting endpoint" not in unsure
        read = next(s for s in case.steps if "`reporting.endpoint`" in s)
        assert ("记录“不通过”（规则 R1）" if lang == "zh" else 'record "fail" (rule R1)') in read, (rid, lang)
        assert not any(re.search(r"\b1\.\d\b|版", c) for c in case.criteria), (rid, lang)  # no history in them


def test_each_case_has_a_known_bad_case_without_the_endpoint():
    known_bad = yaml.safe_load((ROOT / "suites" / "interfaces" / "known_bad.yaml").read_text(encoding="utf-8"))
    for rid in _REPORTING:
        cases = [c for c in known_bad[rid] if "discovery-no-reporting-endpoint" in c.get("defects", [])]
        assert [(c.get("rule"), c.get("profile")) for c in cases] == [("R1", "interfaces-reporting")], rid


def test_the_checks_fail_a_platform_without_the_reporting_endpoint(catalog: Catalog, serve_reference, run_manifest):
    """The three were inconclusive (``declaration(api)`` without a rule, then their own inconclusive verdict)."""
    assert all("interfaces-reporting" in {p.id for p in selecting(catalog, catalog.requirements[r])}
               for r in _REPORTING)
    base = serve_reference(["discovery-no-reporting-endpoint"], tls=True)
    result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": base}),
                          requirements=list(_REPORTING))
    assert {rid: verdicts(result)[rid] for rid in _REPORTING} == dict.fromkeys(_REPORTING, "fail")
    for record in (r for r in result.report.requirements if r.requirement in _REPORTING):
        findings = [item for item in record.evidence if item.get("kind") == "finding"]
        assert [(f.get("pointer"), f.get("rule")) for f in findings] == [("/reporting/endpoint", "R1")], record


# ---- 4: one helper for the checkout's environment in tests/e2e/interlab.py

def test_the_checkouts_environment_is_built_once():
    source = (ROOT / "tests" / "e2e" / "interlab.py").read_text(encoding="utf-8")
    assert len(re.findall(r'"PYTHONPATH": os\.pathsep\.join', source)) == 1
    tree = ast.parse(source)
    users = {f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
             for c in ast.walk(f) if isinstance(c, ast.Call) and getattr(c.func, "id", "") == "_checkout_env"}
    assert users == {"_b_env", "demo_in_set_up_a"}


def test_the_checkouts_environment_puts_the_checkout_first_and_keeps_no_worker(monkeypatch, tmp_path):
    from tests.e2e import interlab

    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw3")
    monkeypatch.setenv("PYTHONPATH", "elsewhere")
    for env in (interlab._b_env(tmp_path), interlab._checkout_env()):
        assert env["PYTHONPATH"].split(":")[:3] == [str(ROOT / "src"), str(ROOT), "elsewhere"]
        assert "PYTEST_XDIST_WORKER" not in env
    assert interlab._b_env(tmp_path)["TMPDIR"] == str(tmp_path)
