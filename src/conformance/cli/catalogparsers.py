"""``conformance catalog ...`` (drafters' tools), ``conformance lint`` and ``conformance report
...``: their parsers and help."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .helpguide import BOUNDED_WRITE_EXITS, GROUP_EXITS, READ_EXITS, WRITE_EXITS, exits, guide, limit_options

LINT_DESCRIPTION = ("Check every requirement against the drafting rules (one modal verb, atomic, cited, "
                    "bilingual, tested, keys that exist) and print each finding as file:place: rule: fix.")
LINT_EXITS = exits("0 no findings", "1 findings (one line each)", "2 bad input (an unknown area)")
NEW_EXAMPLE = ('conformance new requirement AREA --policy "CLAUSE" --standard none --profile PROFILE '
               '--title "What it requires"')


def catalog_parsers(sub: argparse._SubParsersAction[Any], lint: argparse.ArgumentParser) -> None:
    """``conformance catalog ...`` (drafters' tools) and ``conformance report export``."""
    lint.add_argument("--area", action="append", default=[], help="only requirements of this area (repeatable)")
    lint.set_defaults(catalog_command="lint")
    catalog = sub.add_parser("catalog", help="drafters' tools: lint, lock, docs, coverage, render, diff, export, "
                                             "digest", **guide(
        "Drafters' tools over the catalog (suites/, profiles/, schemas/): the lint, the test lock, the docs' "
        "generated tables, the coverage table, the rendered specification, diffs, OSCAL and the digest.",
        "conformance catalog lint\nconformance catalog coverage --format html --out coverage.html", GROUP_EXITS))
    kinds = catalog.add_subparsers(dest="catalog_command", required=True, parser_class=type(lint))
    catalog_lint = kinds.add_parser("lint", help="every drafting rule: modal verbs, atomicity, citations, keys",
                                    **guide(LINT_DESCRIPTION, "conformance catalog lint --area AREA", LINT_EXITS))
    catalog_lint.add_argument("--area", action="append", default=[],
                              help="only requirements of this area (repeatable)")
    kinds.add_parser("lock", help="record which tests decide which requirements (suites/tests.lock.json)", **guide(
        "Collect the suites and record in suites/tests.lock.json which tests decide which requirements "
        "(and each requirement's version); commit what it writes.", "conformance catalog lock",
        exits("0 written", "1 a test module cannot be collected (one line each; no lock written)",
              "2 bad input (a catalog file that does not load)")))
    kinds.add_parser("digest", help="print the digest of this harness and its catalog, as a certification plan "
                                    "pins it (catalog_digest)", **guide(
        "Print the sha256 digest of this harness and its catalog (sha256:...), as a certification plan or a "
        "manifest pins it with catalog_digest.", "conformance catalog digest", READ_EXITS))
    docs = kinds.add_parser("docs", help="rewrite the tables of requirement IDs in Markdown docs from the catalog",
                            **guide(
        "Rewrite the generated tables (<!-- catalog: ... --> regions) of Markdown docs from the catalog.",
        "conformance catalog docs\nconformance catalog docs --check",
        exits("0 written (or, with --check, every table current)", "1 (--check) a table is stale",
              "2 bad input (a region that names nothing known)")))
    docs.add_argument("files", nargs="*", type=Path, metavar="FILE",
                      help="Markdown files holding <!-- catalog: ... --> regions (default: docs/*.md)")
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 when a table is stale")
    coverage = kinds.add_parser("coverage", help="policy clause -> requirements -> tests -> known-bad cases", **guide(
        "The coverage table: each policy clause, the requirements serving it, the tests deciding them and "
        "the known-bad cases proving those tests can fail.",
        "conformance catalog coverage --format html --out coverage.html", WRITE_EXITS))
    coverage.add_argument("--format", choices=("md", "html"), default="md")
    coverage.add_argument("--out", type=Path, help="file to write (default: stdout)")
    render = kinds.add_parser("render", help="the catalog as a conformance test specification (Chinese normative "
                              "text or its English translation) for a committee", **guide(
        "Render the catalog as a conformance test specification for a committee: the Chinese normative text "
        "or its English translation, or its explanatory note, as Markdown, HTML, DOCX or PDF.",
        "conformance catalog render --lang en --format html --out spec.html", WRITE_EXITS))
    render.add_argument("--format", choices=("md", "html", "docx", "pdf"), default="md",
                        help="md, html, docx (python-docx, the drafting extra) or pdf (A4, printed by headless "
                             "Chromium: $CHROMIUM or chromium on PATH; the draft's 目次 is numbered from the print "
                             "with pypdfium2, the drafting extra too); each for --part draft and explanatory")
    render.add_argument("--out", type=Path, help="file to write (default: stdout; required for docx and pdf)")
    render.add_argument("--changes-since", metavar="REF",
                        help="annex C lists the requirements changed since this catalog (a git ref of this checkout "
                             "or a catalog folder)")
    render.add_argument("--history", metavar="DATABASE",
                        help="annex C lists each requirement's failure rate in this programme history "
                             "(the programme's SQLite file or database URL)")
    render.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="zh: the Chinese normative text (default); en: its English translation")
    render.add_argument("--part", choices=("draft", "explanatory"), default="draft",
                        help="draft: the 征求意见稿 (default); explanatory: its 编制说明 (explanatory note)")
    render.add_argument("--report", type=Path, metavar="REPORT_JSON",
                        help="with --part explanatory: a run's report.json on the reference implementation "
                             "(conformance demo --out DIR), summarised as the note's test verification")
    diff = kinds.add_parser("diff", help="what changed between two catalogs (folders or git refs)", **guide(
        "Say which requirements, profiles and schemas were added, removed or changed between two catalogs "
        "(folders, or git refs of this checkout).", "conformance catalog diff HEAD~20 HEAD", READ_EXITS))
    diff.add_argument("old", metavar="A", help="a catalog folder or a git ref of this checkout")
    diff.add_argument("new", metavar="B", help="a catalog folder or a git ref of this checkout")
    diff.add_argument("--format", choices=("md", "json"), default="md")
    export = kinds.add_parser("export", help="the catalog and its profiles as OSCAL JSON", **guide(
        "Write the catalog and its profiles as OSCAL JSON (and, with --plan, each plan's OSCAL assessment plan).",
        "conformance catalog export --oscal --out oscal/", WRITE_EXITS))
    export.add_argument("--oscal", action="store_true", required=True, help="OSCAL catalog and profiles")
    export.add_argument("--out", type=Path, required=True, help="folder to write into")
    export.add_argument("--plan", type=Path, action="append", default=[], metavar="FILE",
                        help="a certification plan: also write its OSCAL assessment plan "
                             "(assessment-plans/<plan id>.json); repeat for several")
    report = sub.add_parser("report", help="views of a finished run", **guide(
        "Views of a finished run: its OSCAL assessment results, or its reports again from its event log.",
        "conformance report export reports/platform --oscal", GROUP_EXITS))
    report_kinds = report.add_subparsers(dest="report_command", required=True, parser_class=type(lint))
    report_export = report_kinds.add_parser("export", help="a run as OSCAL assessment plan and assessment-results",
                                            **guide(
        "Write a finished run as an OSCAL assessment plan (the plan it followed) and assessment results.",
        "conformance report export reports/platform --oscal", BOUNDED_WRITE_EXITS))
    report_export.add_argument("report_dir", type=Path, metavar="REPORT_DIR")
    report_export.add_argument("--oscal", action="store_true", required=True,
                               help="OSCAL: oscal-assessment-plan.json (the plan the run followed) and "
                                    "oscal-assessment-results.json (importing it)")
    report_export.add_argument("--out", type=Path, help="folder to write into (default: REPORT_DIR)")
    limit_options(report_export, "report")
    replay = report_kinds.add_parser("replay", help="a run's reports again, folded from its event log", **guide(
        "Write a run's reports again from its event log (report.events.ndjson): byte for byte those the run "
        "wrote.", "conformance report replay reports/platform/report.events.ndjson --out /tmp/again", BOUNDED_WRITE_EXITS))
    replay.add_argument("events", type=Path, metavar="EVENTS", help="a run's report.events.ndjson")
    replay.add_argument("--out", type=Path, required=True, help="folder to write the reports into")
    replay.add_argument("--format", default="json", help="report views, comma separated (json,junit,html,earl)")
    replay.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the views")
    limit_options(replay, "report")
