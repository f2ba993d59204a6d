"""The CLI side of the drafters' tools: argument handling and where output goes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._catalog.lock import LOCK_NAME
from ..errors import ExitCode, HarnessInputError

if TYPE_CHECKING:
    from rich.console import Console

    from .._catalog.catalog import Catalog


def run_catalog_command(args: argparse.Namespace, console: Console) -> int:
    command = args.catalog_command
    if command == "lint":
        return _lint(args, console)
    from .._catalog.catalog import load_catalog

    if command == "diff":
        from .diff import diff_command

        return diff_command(args, console)
    catalog = load_catalog()
    if command == "digest":  # what a certification plan's catalog_digest pins
        console.out(catalog.digest, highlight=False)
        return ExitCode.OK
    if command == "lock":
        return _lock(catalog, console)
    if command == "docs":
        return _docs(args, catalog, console)
    if command == "coverage":
        from .coverage import coverage_html, coverage_markdown

        text = (coverage_html if args.format == "html" else coverage_markdown)(catalog)
        return _emit(text, args.out, console)
    if command == "render":
        return _render(args, catalog, console)
    from .oscal import export_catalog
    from .oscal_assessment import export_plans

    plans = export_plans(catalog, args.plan, args.out)  # a plan that does not load stops the export first
    for path in export_catalog(catalog, args.out) + plans:
        console.out(f"wrote {path}", highlight=False)
    return ExitCode.OK


def _render(args: argparse.Namespace, catalog: Catalog, console: Console) -> int:
    from . import render

    changes = rates = None
    if getattr(args, "changes_since", None):
        from .diff import changes_since

        changes = changes_since(catalog, args.changes_since)
    if getattr(args, "history", None):
        rates = _failure_rates(args.history)
    lang = getattr(args, "lang", "zh")
    part, report = getattr(args, "part", "draft"), None
    if part == "explanatory":
        if getattr(args, "report", None) is not None:
            report = _read_report(args.report)
    elif getattr(args, "report", None) is not None:
        raise HarnessInputError("--report", "belongs to the explanatory note", "add --part explanatory")
    if args.format in ("docx", "pdf"):
        if args.out is None:
            raise HarnessInputError(f"--format {args.format}", f"needs --out FILE.{args.format}",
                                    "name the file to write")
        if args.format == "docx":
            if not render.render_docx(catalog, args.out, changes, lang, rates, part=part, report=report):
                # never silently worse: the 目次 has its entries, Word fills the numbers on opening
                print(f"note: {args.out}: the 目次 has no page numbers (LibreOffice's soffice, which lays the "
                      "document out, is not installed: apt-get install libreoffice-writer-nogui); Word fills "
                      "them in when it opens the file", file=sys.stderr)
        else:
            from .pdf import render_pdf

            render_pdf(catalog, args.out, changes, lang, rates, part=part, report=report)
        console.out(f"wrote {args.out}", highlight=False)
        return ExitCode.OK
    text = (render.render_html if args.format == "html" else render.render_markdown)(
        catalog, changes, lang, rates, part=part, report=report)
    return _emit(text, args.out, console)


def _read_report(path: Path) -> dict[str, Any]:
    """A run's report.json (``conformance demo --out DIR`` writes one), for the note's verification."""
    import json

    from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped

    try:  # a regular file within the document cap: a FIFO or a device named here never blocks the render
        document = json.loads(read_capped(path, MAX_DOCUMENT_BYTES, name=f"--report {path}"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise HarnessInputError(f"--report {path}", f"cannot be read as a run's report.json ({exc})",
                                "give the report.json a run wrote (conformance demo --out DIR)") from None
    if not isinstance(document, dict) or not isinstance(document.get("requirements"), list):
        raise HarnessInputError(f"--report {path}", "is no run's report.json (no requirements list)",
                                "give the report.json a run wrote (conformance demo --out DIR)")
    return document


def _failure_rates(location: str) -> list[dict[str, object]]:
    """Per requirement, how many participants of a programme failed it (annex C)."""
    from ..programme.database import is_url
    from ..programme.history import History

    if not is_url(location) and not Path(location).is_file():
        raise HarnessInputError(f"--history {location}", "no such programme history",
                                "give the programme's history database (its SQLite file or URL)")
    with History(location) as history:
        return history.failure_rates()


def run_report_command(args: argparse.Namespace, console: Console) -> int:
    if args.report_command == "replay":
        from .._run.aggregation import replay_file
        from .._run.outfolder import prepare_out_dir
        from ..report import parse_formats, write_reports

        formats = parse_formats(args.format)
        report = replay_file(args.events)
        with prepare_out_dir(args.out):
            files = write_reports(report, args.out, formats, args.lang)
        console.out(f"wrote {', '.join(str(f) for f in files)}", highlight=False)
        return ExitCode.OK
    from .oscal_assessment import export_report

    for path in export_report(args.report_dir, args.out):
        console.out(f"wrote {path}", highlight=False)
    return ExitCode.OK


def _lint(args: argparse.Namespace, console: Console) -> int:
    from .._catalog.catalog import load_catalog
    from .facts import gather
    from .lint import Finding, lint, rule_counts

    try:
        catalog = load_catalog()
    except HarnessInputError as exc:  # schema and unique IDs are checked by loading
        rule = "unique-id" if "duplicate" in exc.problem else "schema"
        console.out(Finding(rule, exc.where, exc.problem, exc.fix or "").line(), highlight=False)
        return ExitCode.FINDINGS
    # an area no requirement has is refused before the catalog is linted (seconds), not after
    unknown = sorted(set(args.area or ()) - {r.area for r in catalog.requirements.values()})
    if unknown:
        raise HarnessInputError(f"--area {unknown[0]}", "no requirement has this area",
                                "see `conformance list requirements`")
    try:
        findings = lint(catalog)
    except HarnessInputError as exc:  # a drafting table that is not valid against its schema
        console.out(Finding("schema", exc.where, exc.problem, exc.fix or "").line(), highlight=False)
        return ExitCode.FINDINGS
    if args.area:
        areas = {r.id: r.area for r in catalog.requirements.values()}
        findings = [f for f in findings if areas.get(f.requirement) in args.area or _in_areas(f.where, args.area)]
    for finding in findings:
        console.out(finding.line(), highlight=False)
    if findings:
        console.out(f"{len(findings)} finding(s)", highlight=False)
        return ExitCode.FINDINGS
    facts = gather(catalog, with_tests=False)
    counts = [rule_counts(facts, req) for req in catalog.requirements.values() if req.rules]
    rules = sum(len(c) for c in counts)
    console.out(
        f"catalog clean: {len(catalog.requirements)} requirements, {len(catalog.profiles)} profiles, "
        f"{len(catalog.markers)} tests, {len(catalog.schemas.ids())} schemas; {rules} rules in {len(counts)} "
        f"requirements, named by {sum(sum(c.values()) for c in counts)} known-bad cases "
        f"(at least {min((n for c in counts for n in c.values()), default=0)} each)", highlight=False,
    )
    return ExitCode.OK


def _lock(catalog: Catalog, console: Console) -> int:
    """``conformance catalog lock``: record which tests decide which requirements."""
    from .._catalog.lock import lock_path
    from .._run.collect import lock_catalog

    errors, written = lock_catalog(catalog)
    for error in errors:
        nodeid, _, what = error.partition(": ")
        console.out(f"{nodeid}: cannot be collected: {what} (fix the test module; no lock was written)",
                    highlight=False)
    if errors:
        return ExitCode.FINDINGS
    for folder in catalog.roots.values():
        path = lock_path(folder)
        if path in written:
            console.out(f"wrote {catalog.display(path)}", highlight=False)
        elif path.is_file():
            console.out(f"{catalog.display(path)} is up to date", highlight=False)
    _lock_versions(catalog, console)
    return ExitCode.OK


def _lock_versions(catalog: Catalog, console: Console) -> None:
    """Record new requirements and new versions in suites/versions.lock.json (.changes)."""
    from .._catalog.versions import updated_versions, versions_path, versions_text

    path = versions_path(catalog)
    text = versions_text(updated_versions(catalog))
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        console.out(f"{catalog.display(path)} is up to date", highlight=False)
        return
    _write_text(path, text)
    console.out(f"wrote {catalog.display(path)}", highlight=False)


def _docs(args: argparse.Namespace, catalog: Catalog, console: Console) -> int:
    """``conformance catalog docs``: the tables of requirement IDs in the docs, from the catalog."""
    from . import docs

    paths = list(args.files) or docs.documents(catalog.root / "docs")
    for path in paths:
        if not path.is_file():
            raise HarnessInputError(str(path), "no such file", "name Markdown files holding <!-- catalog: ... -->")
    stale = docs.stale_documents(catalog, paths)
    if not args.files:  # the numbers of the keyed references the outputs outside the documents print
        from .._catalog.designations import designations_path
        from .designations import stale as stale_designations

        if (numbers := stale_designations(catalog)) is not None:
            stale[designations_path(catalog.root)] = numbers
            paths.append(designations_path(catalog.root))
    for path in paths:
        if path not in stale:
            console.out(f"{catalog.display(path)} is up to date", highlight=False)
        elif args.check:
            console.out(f"{catalog.display(path)} is stale (run `conformance catalog docs`)", highlight=False)
        else:
            _write_text(path, stale[path])
            console.out(f"wrote {catalog.display(path)}", highlight=False)
    return ExitCode.FINDINGS if stale and args.check else ExitCode.OK


def _write_text(path: Path, text: str) -> None:
    from .._io.outputs import atomic_write

    atomic_write(path, text.encode("utf-8"))


def _in_areas(where: str, areas: list[str]) -> bool:
    """A finding on no requirement (a known-bad file, a test module) counts for its area's
    folder; one on a test lock, which records every area, for all."""
    return (any(f"suites/{area}/" in where for area in areas) or not where.startswith("suites/")
            or where.endswith(LOCK_NAME))


def _emit(text: str, out: Path | None, console: Console) -> int:
    if out is None:
        console.out(text, highlight=False)
        return ExitCode.OK
    from .._io.outputs import atomic_write

    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, text.encode("utf-8"), what=f"--out {out}")
    console.out(f"wrote {out}", highlight=False)
    return ExitCode.OK
