"""The engine: plan → pre-flight → run the suites under pytest → verdicts → report.

``run()`` is what the CLI calls and what Python code can call directly. The suites can
also be driven from pytest itself (``pytest suites/identity --conformance-manifest m.yaml``),
which goes through :class:`StandaloneRun` and the same functions.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ._version import __version__
from .adapters import AdapterContext, create_adapter
from .catalog import Catalog, load_catalog
from .errors import HarnessInputError, TargetUnreachable
from .evidence import Redactor, grouped
from .model import (
    Harness,
    Level,
    ProfileResult,
    Report,
    RequirementResult,
    Testing,
    TestRecord,
    Verdict,
)
from .plan import RunPlan, make_plan
from .plugin import SESSION_PLUGIN, ConformanceSession, Progress, _NoProgress
from .verdicts import aggregate, exit_code, profile_outcome

HARNESS_NAME = "metaverse-conformance"


@dataclass
class RunResult:
    report: Report
    files: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return self.report.exit_code


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_out_dir(product: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", product.lower()).strip("-")[:40] or "run"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path("reports") / f"{stamp}-{slug}"


def _prepare_out_dir(path: Path) -> None:
    """Make sure the reports can be written before spending time on a run."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise HarnessInputError(f"--out {path}", f"cannot write reports there: {exc.strerror or exc}",
                                "choose a writable folder") from None


def open_targets(plan: RunPlan, environ: Mapping[str, str]) -> dict[str, Any]:
    """Create the adapters the claimed profiles need (their configuration checked first)."""
    context = AdapterContext(plan.manifest_path, environ)
    roles = {role for p in plan.profiles for role in p.profile.targets}
    adapters: dict[str, Any] = {}
    try:
        for role in sorted(plan.manifest.targets):
            adapter = create_adapter(role, plan.manifest.targets[role], context, plan.catalog.schemas)
            if role in roles:
                adapters[role] = adapter
            else:
                adapter.close()
    except BaseException:
        close_targets(adapters)
        raise
    return adapters


def close_targets(adapters: Mapping[str, Any]) -> None:
    for adapter in adapters.values():
        adapter.close()


def preflight(adapters: Mapping[str, Any]) -> list[str]:
    """Problems reaching the targets, one line each. Bad input raises HarnessInputError."""
    problems = []
    for role, adapter in adapters.items():
        try:
            adapter.preflight()
        except TargetUnreachable as exc:
            problems.append(f"target {role!r} unreachable: {exc}")
    return problems


def pytest_args(catalog: Catalog, plan: RunPlan, extra: Iterable[str] = ()) -> list[str]:
    root = catalog.root
    return [
        *[str(p) for p in catalog.suite_dirs(plan.automated())],
        "--rootdir", str(root),
        "-c", str(Path(__file__).with_name("suites.ini")),
        "--confcutdir", str(root / "suites"),
        "--import-mode=importlib",
        "-p", "no:cacheprovider",
        "-p", "no:terminal",
        "-p", "no:stepwise",
        *extra,
    ]


@contextmanager
def _fresh_suite_modules(catalog: Catalog) -> Iterator[None]:
    """Forget the suite modules a run imported, so that the next run in this process (maybe of
    another catalog with the same relative paths) imports its own files, not these."""
    suites = str(catalog.root / "suites")
    before = set(sys.modules)
    try:
        yield
    finally:
        for name in set(sys.modules) - before:
            module_file = getattr(sys.modules[name], "__file__", None) or ""
            if name.split(".")[0] == "suites" or module_file.startswith(suites):
                del sys.modules[name]


class _Registrar:
    """Registers the session under its well-known name as pytest configures."""

    def __init__(self, session: ConformanceSession) -> None:
        self.session = session

    def pytest_configure(self, config: pytest.Config) -> None:
        config.pluginmanager.register(self.session, SESSION_PLUGIN)


def run(
    manifest: Path | str,
    *,
    profiles: Iterable[str] = (),
    requirements: Iterable[str] = (),
    out_dir: Path | str | None = None,
    formats: Iterable[str] = ("json", "junit", "html"),
    lang: str = "en",
    catalog: Catalog | None = None,
    progress: Progress | None = None,
    environ: Mapping[str, str] | None = None,
    notes: Iterable[str] = (),
) -> RunResult:
    """Run a conformance test; raises HarnessInputError on bad input (exit code 2)."""
    from .report import write_reports

    catalog = catalog or load_catalog()
    plan = make_plan(Path(manifest), catalog, only_profiles=profiles, only_requirements=requirements)
    target_dir = Path(out_dir) if out_dir else default_out_dir(plan.manifest.product.name)
    started = now()
    adapters = open_targets(plan, os.environ if environ is None else environ)
    redactor = Redactor(s for a in adapters.values() for s in a.secrets())
    session = ConformanceSession(plan, adapters, redactor, progress or _NoProgress())
    run_notes = list(notes)
    try:
        # Pre-flight: every check of the user's input before anything is written.
        problems = preflight(adapters)
        _prepare_out_dir(target_dir)
        if problems:
            run_notes.extend(problems)
            complete = False
        else:
            with _fresh_suite_modules(catalog):
                code = pytest.main(pytest_args(catalog, plan), plugins=[_Registrar(session)])
            complete = code in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED, pytest.ExitCode.NO_TESTS_COLLECTED)
            if not complete:
                run_notes.append(f"the test run stopped early (pytest exit status {int(code)})")
    finally:
        close_targets(adapters)
    report = build_report(session, started, now(), complete, run_notes)
    files = write_reports(report, target_dir, formats, lang)
    return RunResult(report, files)


def build_report(
    session: ConformanceSession, started: str, finished: str, complete: bool, notes: Iterable[str]
) -> Report:
    plan = session.plan
    catalog = plan.catalog
    notes = [*notes, *session.collection_errors]
    if session.interrupted:
        complete = False
        notes.append("interrupted")
    by_requirement: dict[str, list[TestRecord]] = {}
    for record in session.records:
        for req_id in record.requirements:
            by_requirement.setdefault(req_id, []).append(record)

    results: dict[str, RequirementResult] = {}
    for req_id in [*plan.selected, *plan.not_applicable]:
        req = catalog.requirements[req_id]
        tests = by_requirement.get(req_id, [])
        if req_id in plan.not_applicable:
            verdict, message = Verdict.NOT_APPLICABLE, plan.not_applicable[req_id]
        elif req.testing is not Testing.AUTOMATED:
            verdict, message = Verdict.INCONCLUSIVE, f"{req.testing.value}: needs assessment by a person"
        elif not tests:
            verdict = Verdict.ERROR
            message = "no test ran" if complete else "not reached: the run did not complete"
        else:
            verdict = aggregate([t.verdict for t in tests])
            deciding = [t for t in tests if t.verdict is verdict]
            message = deciding[0].message
        evidence = grouped(
            {**item, "test": t.nodeid} for t in tests if t.verdict is verdict for item in t.evidence
        )
        results[req_id] = RequirementResult(
            requirement=req_id, level=req.level, title=req.title,
            profiles=[p.profile.id for p in plan.profiles if req_id in p.profile.all_requirements()],
            verdict=verdict,
            tests=[t.nodeid for t in tests], message=message, evidence=evidence,
        )

    profile_results = []
    for planned in plan.profiles:
        profile = planned.profile
        levels: dict[str, tuple[Level, Verdict | None]] = {}
        for req_id in profile.all_requirements():
            level = catalog.requirements[req_id].level
            if req_id in results:
                levels[req_id] = (level, results[req_id].verdict)
            elif req_id in plan.filtered_out:
                levels[req_id] = (level, None)
        outcome, blocking = profile_outcome(levels, profile.pass_rule.require, complete)
        counts: dict[str, int] = {}
        for _, judged in levels.values():
            if judged is not None:
                counts[judged.value] = counts.get(judged.value, 0) + 1
        profile_results.append(
            ProfileResult(
                id=profile.id, version=profile.version, title=profile.title, outcome=outcome,
                features=planned.features, parameters=planned.parameters, counts=counts, blocking=blocking,
            )
        )
    return Report(
        harness=Harness(name=HARNESS_NAME, version=__version__),
        catalog_digest=catalog.digest,
        manifest=session.redactor.value(plan.raw_manifest),
        environment={
            "python": platform.python_version(),
            "platform": platform.platform(terse=True),
            "pytest": pytest.__version__,
        },
        started=started,
        finished=finished,
        complete=complete,
        exit_code=exit_code(p.outcome for p in profile_results),
        notes=[session.redactor.text(n) for n in notes],
        profiles=profile_results,
        requirements=list(results.values()),
        tests=list(session.records),
        interop=list(session.interop),
    )


class StandaloneRun:
    """``pytest --conformance-manifest FILE``: the same run, driven by pytest itself."""

    def __init__(self, config: pytest.Config, manifest: Path) -> None:
        self.config = config
        try:
            catalog = load_catalog()
            plan = make_plan(manifest, catalog, only_profiles=config.getoption("--conformance-profile"))
            adapters = open_targets(plan, os.environ)
        except HarnessInputError as exc:
            raise pytest.UsageError(exc.line()) from None
        try:
            problems = preflight(adapters)
        except HarnessInputError as exc:
            close_targets(adapters)
            raise pytest.UsageError(exc.line()) from None
        if problems:
            close_targets(adapters)
            raise pytest.UsageError("; ".join(problems))
        redactor = Redactor(s for a in adapters.values() for s in a.secrets())
        self.session = ConformanceSession(plan, adapters, redactor)
        self.started = now()
        config.pluginmanager.register(self.session, SESSION_PLUGIN)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        from .report import write_reports

        close_targets(self.session.adapters)
        report = build_report(self.session, self.started, now(), True, [])
        out = self.config.getoption("--conformance-out")
        if out:
            write_reports(report, Path(out), ("json", "junit", "html"), "en")
        if report.exit_code != 0 and session.exitstatus == 0:
            session.exitstatus = report.exit_code
