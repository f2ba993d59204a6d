"""``conformance programme run | status | failing``: the subcommands, each returns an exit code."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..catalog import Catalog, load_catalog
from ..errors import EXIT_INCOMPLETE
from .cohort import run_programme
from .history import History
from .interop import GRID_HTML
from .spec import Programme, load_programme


def run_programme_command(args: argparse.Namespace, console: Console) -> int:
    catalog = load_catalog()
    programme = load_programme(args.programme, catalog)
    handler = {"run": _run, "status": _status, "failing": _failing, "runs": _runs}[args.programme_command]
    return handler(args, programme, console, catalog)


def _run(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    out: Path = args.out or programme.default_out()
    result = run_programme(programme, catalog, out, rerun=args.rerun, interop=not args.no_interop,
                           console=Console(stderr=True))
    failed = [r for r in result.records if r.status != "finished"]
    console.print(f"{programme.id}: {len(result.records)} run(s) in {result.seconds:.1f} s, "
                  f"{len(failed)} did not finish, {len(result.skipped)} participant(s) not rerun; "
                  f"history {programme.history_path}", highlight=False, markup=False)
    if any(f.name == GRID_HTML for f in result.files):
        console.print(f"interop grid: {out / GRID_HTML}", highlight=False, markup=False)
    return 0 if not failed else EXIT_INCOMPLETE


def _status(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    with History(programme.history_path) as history:
        rows = history.status()
    table = Table(title=f"{programme.id}: latest outcome of each participant and profile", box=None, pad_edge=False)
    for column in ("participant", "profile", "outcome", "judged in run", "latest run", "status", "runs"):
        table.add_column(column, overflow="fold")
    ran = {row["participant"] for row in rows}
    for row in rows:
        table.add_row(row["participant"], row["profile"] or "–", row["outcome"] or "–", row["outcome_run"] or "–",
                      row["latest_run"], row["status"], str(row["runs"]))
    for participant in programme.participants:
        if participant.id not in ran:
            table.add_row(participant.id, "–", "–", "–", "–", "not run", "0")
    console.print(table)
    return 0


def _runs(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    """Every run recorded, oldest first: the failed and interrupted ones too."""
    with History(programme.history_path) as history:
        rows = history.runs(args.participant)
    table = Table(title=f"{programme.id}: every run", box=None, pad_edge=False)
    for column in ("run", "participant", "partner", "started", "status", "exit", "complete", "report sha256"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["run_id"], row["participant"], row["partner"] or "", row["started"] or "", row["status"],
                      "" if row["exit_code"] is None else str(row["exit_code"]), "yes" if row["complete"] else "no",
                      (row["report_sha256"] or "")[:16])
    console.print(table)
    return 0


def _failing(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    with History(programme.history_path) as history:
        rows = history.failing(args.limit)
    if not rows:
        console.print("no requirement fails in any participant's latest finished run", highlight=False)
        return 0
    table = Table(title=f"{programme.id}: requirements failing most across participants", box=None, pad_edge=False)
    for column in ("requirement", "participants", "who"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["requirement"], str(row["participants"]), ", ".join(sorted(row["who"].split(","))))
    console.print(table)
    return 0
