"""The ``conformance proficiency`` argument parsers (argparse only: cheap to import)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)

BAD = "2 bad input (one line: the file, the place, the fix)"
WRITES = "3 an output could not be written (nothing half-written)"


def add_proficiency_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser],
                            guide: Callable[[str, str, str], dict[str, Any]], exits: Callable[..., str]) -> None:
    """``conformance proficiency pack | compare`` (:mod:`.proficiencycli`)."""
    group = sub.add_parser("proficiency", help="proficiency rounds between laboratories (ISO/IEC 17043): pack a "
                                               "round, compare the laboratories' results", **guide(
        "Proficiency rounds between laboratories (ISO/IEC 17043): a programme packs the cases it sends to its "
        "laboratories (pack), then compares the results they send back (compare): agreement of verdicts, "
        "z-scores or En numbers for measured values (ISO 13528). docs/proficiency.md walks through it.",
        "conformance proficiency pack examples/proficiency/round.yaml --out round-1\n"
        "conformance proficiency compare round-1/round.json lab-a=a/report.json lab-b=b.json",
        exits("0 the subcommand succeeded; each subcommand's --help says its other codes",
              "2 bad input (no or an unknown subcommand)")))
    kinds = group.add_subparsers(dest="proficiency_command", required=True, parser_class=parser_class)
    pack = kinds.add_parser("pack", help="package a round: its cases, input files, assigned values, digest", **guide(
        "Package the round a programme sends to its laboratories: read the round file (YAML or JSON, "
        "schemas/programme/proficiency-round.json: each case's requirement, input files or what to measure, "
        "assigned verdict and values with their uncertainty), copy the input files into OUT/inputs/<case>/ and "
        "write OUT/round.json with each file's SHA-256, the catalog digest and the round's digest.",
        "conformance proficiency pack examples/proficiency/round.yaml --out round-1",
        exits("0 written", BAD, WRITES)))
    pack.add_argument("round", type=Path, metavar="ROUND", help="the round file (YAML or JSON)")
    pack.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write the round into")
    compare = kinds.add_parser("compare", help="compare the laboratories' results of a round (verdicts, z, En)",
                               **guide(
        "Compare the laboratories' results of a packed round as ISO/IEC 17043 does: each verdict against the "
        "assigned one (or the laboratories' consensus), each measured value by its z-score "
        "(|z| <= 2 satisfactory, 2 < |z| < 3 questionable, >= 3 unsatisfactory) or En number (|En| <= 1 "
        "satisfactory). A result is a run's report.json or a results file "
        "(schemas/programme/proficiency-results.json), given as LAB=PATH to name its laboratory.",
        "conformance proficiency compare round-1/round.json lab-a=a/report.json lab-b=b.json --json comparison.json",
        exits("0 every laboratory agrees on every case", "1 a laboratory disagrees (named with the case)", BAD,
              WRITES)))
    compare.add_argument("round", type=Path, metavar="ROUND.json", help="the packed round (proficiency pack)")
    compare.add_argument("results", nargs="+", metavar="[LAB=]RESULT",
                         help="a laboratory's report.json or results file, LAB= naming the laboratory (default: "
                              "the results file's laboratory, or the report's folder)")
    compare.add_argument("--json", type=Path, metavar="FILE", dest="json_out",
                         help="also write the comparison as JSON to FILE")
