"""``conformance proficiency pack | compare`` (:mod:`.proficiency`; the arguments are parsed in
:mod:`.proficiencyparsers`)."""

from __future__ import annotations

import argparse
import orjson
from rich.console import Console
from rich.table import Table

from .._catalog.catalog import load_catalog
from .._io.outputs import atomic_write
from ..errors import ExitCode
from .proficiency import ROUND_FILE, compare, load_results, load_round, pack


def cmd_proficiency(args: argparse.Namespace, console: Console) -> int:
    catalog = load_catalog()
    if args.proficiency_command == "pack":
        document = pack(args.round, args.out, catalog)
        console.print(f"packed round {document['round']}: {len(document['cases'])} case(s) in "
                      f"{args.out / ROUND_FILE}, {document['digest']}", highlight=False, markup=False, soft_wrap=True)
        return ExitCode.OK
    round_doc = load_round(args.round, catalog)
    labs = [load_results(argument, round_doc, catalog) for argument in args.results]
    result = compare(round_doc, labs)
    if args.json_out is not None:
        atomic_write(args.json_out, orjson.dumps(result, option=orjson.OPT_INDENT_2) + b"\n",
                     what=f"--json {args.json_out}")
    table = Table(title=f"proficiency round {result['round']}: {len(labs)} laboratories, {result['cases']} case(s)")
    for column in ("laboratory", "case", "requirement", "verdict", "expected", "values", "agrees"):
        table.add_column(column)
    for row in result["rows"]:
        values = "; ".join(f"{v['quantity']} {v['value']} {v['score']} {v['evaluation']}" for v in row["values"])
        table.add_row(row["laboratory"], row["case"], row["requirement"], row["verdict"] or "–",
                      row["expected_verdict"] or "–", values or "–",
                      "yes" if row["agrees"] else "NO: " + ", ".join(row["problems"]))
    console.print(table)
    for item in result["disagreeing"]:
        console.print(f"disagrees: {item['laboratory']} on {item['case']} ({item['requirement']}): "
                      f"{', '.join(item['problems'])}", highlight=False, markup=False, soft_wrap=True)
    for signal in result["warnings"]:  # ISO 13528 9.4: a warning signal, not a disagreement
        console.print(f"questionable: {signal['laboratory']} on {signal['case']} ({signal['requirement']}): "
                      f"{', '.join(signal['signals'])} (a warning signal, not counted)",
                      highlight=False, markup=False, soft_wrap=True)
    if result["agree"]:
        console.print(f"all {len(labs)} laboratories agree on all {result['cases']} case(s)",
                      highlight=False, markup=False)
    return ExitCode.OK if result["agree"] else ExitCode.FINDINGS
