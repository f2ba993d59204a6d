"""The run's terms name each profile's declaration checks (``measures: declared``, _run/terms.py), and
the report folded from the run's events counts none of them in a profile's outcome (issue 70): a check
of what the product says of itself fails, is reported, and blocks nothing, whatever level the events
carry it at."""

from __future__ import annotations

from pathlib import Path

import yaml

from conformance._catalog.catalog import Catalog
from conformance._catalog.model import Outcome, Verdict
from conformance._record.redaction import Redactor
from conformance._run import events as ev
from conformance._run.aggregation import replay
from conformance._run.plan import make_plan
from conformance._run.terms import run_started
from conformance.reference import SAMPLES

PROFILE = "terminal-hmd-6dof"


def test_the_terms_list_the_declaration_checks_and_the_outcome_counts_none(tmp_path: Path, catalog: Catalog):
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "declared", "version": "1"}, "profiles": [{"id": PROFILE}],
        "targets": {"captures": {"adapter": "file", "paths": [str(SAMPLES / "captures" / "*")]}}}), encoding="utf-8")
    plan = make_plan(manifest, catalog)
    started = run_started(plan, Redactor(), "2025-01-01T00:00:00.000Z", None)
    (planned,) = started.profiles
    expected = sorted(r for r in catalog.profiles[PROFILE].all_requirements()
                      if catalog.requirements[r].measures == "declared")
    assert "TD-POSE-002" in expected and sorted(planned.declared) == expected
    assert not set(planned.declared) & {r for r in planned.requirements
                                        if catalog.requirements[r].measures != "declared"}

    # every case passes but the declaration check, which fails at MUST (its level before issue 70)
    for requirement in started.requirements:
        if requirement.id == "TD-POSE-002":
            requirement.level = "MUST"
    log = ev.EventLog()
    log(started)
    for req_id in plan.automated():
        for case in plan.cases(req_id):
            test = f"suites/t.py::test_{req_id}[{case.label}]"
            log(ev.CaseStarted(test=test, requirements=[req_id], profiles=list(case.profiles),
                               parameters=dict(case.parameters)))
            log(ev.CaseFinished(test=test, verdict=Verdict.FAIL if req_id == "TD-POSE-002" else Verdict.PASS))
    log(ev.RunFinished(finished="2025-01-01T00:00:01.000Z", complete=True))
    report = replay(ev.decode_lines(log.data().splitlines()))
    (pose,) = [r for r in report.requirements if r.requirement == "TD-POSE-002"]
    assert pose.verdict is Verdict.FAIL  # reported
    (profile,) = report.profiles
    assert profile.outcome is Outcome.CONFORMANT and profile.blocking == []  # and decides nothing
