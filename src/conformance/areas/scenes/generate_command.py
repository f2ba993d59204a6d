"""``conformance generate city`` and ``conformance generate building``: a synthetic model
(:mod:`.synthetic`) written whole or not at all, and where each defect was planted."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from conformance import HarnessInputError
from conformance.area import atomic_output, check_output_file


def add_options(kind: str, parser: argparse.ArgumentParser) -> None:
    from .synthetic import BUILDING_DEFECTS, CITY_DEFECTS

    table = CITY_DEFECTS if kind == "city" else BUILDING_DEFECTS
    what = "Buildings" if kind == "city" else "walls"
    parser.add_argument("--objects", type=int, metavar="N", help=f"how many {what} (1 or more)")
    parser.add_argument("--defect", action="append", default=[], metavar="NAME",
                        help=f"plant a known defect (repeatable; 'all' for every one): {', '.join(table)}")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same bytes (default 1)")
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help="file to write (.city.json or .city.jsonl)" if kind == "city" else "file to write (.ifc)")
    if kind == "city":
        parser.add_argument("--format", choices=("json", "jsonl"), default="json",
                            help="json: one CityJSON document (.city.json); jsonl: a CityJSONSeq (.city.jsonl), "
                                 "one CityJSONFeature a line (default json)")
    parser.add_argument("--list-defects", action="store_true", help="list the defects and exit")


def run(kind: str, args: argparse.Namespace, console: Console) -> int:
    from . import synthetic

    table = synthetic.CITY_DEFECTS if kind == "city" else synthetic.BUILDING_DEFECTS
    if args.list_defects:
        for name, defect in table.items():
            # written to the stream itself: rich would expand each tab into spaces (`cut -f1` gives the names)
            console.file.write(f"{name}\t{defect.requirement}\t{defect.description}\n")
        return 0
    if args.objects is None or args.out is None:
        raise HarnessInputError(f"generate {kind}", "--objects and --out are required", "see --help")
    if args.objects < 1:
        raise HarnessInputError("--objects", f"{args.objects} is not a positive count", "give 1 or more")
    defects = list(table) if "all" in args.defect else list(dict.fromkeys(args.defect))
    unknown = [d for d in defects if d not in table]
    if unknown:
        raise HarnessInputError("--defect", f"no defect {unknown[0]!r}", f"choose among: {', '.join(table)}")
    try:
        synthetic.placements(args.objects, defects, table)
    except ValueError as exc:
        raise HarnessInputError("--objects", str(exc), "give more objects or fewer defects") from None
    check_output_file(args.out, "--out")
    with atomic_output(args.out, what="--out") as out:
        if kind == "city":
            planted = synthetic.write_city(out, args.objects, defects, args.seed, sequence=args.format == "jsonl")
        else:
            planted = synthetic.write_building(out, args.objects, defects, args.seed, name=args.out.name)
    for name, requirement, place in planted:
        console.out(f"planted {name}\t{requirement}\t{place}", highlight=False)
    console.print(f"wrote {args.objects} {'buildings' if kind == 'city' else 'walls'} to {args.out}",
                  highlight=False, style="dim")
    return 0
