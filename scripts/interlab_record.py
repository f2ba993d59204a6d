"""Record a run of the inter-laboratory comparison's two set-ups (tests/e2e/interlab.py, issue 70) as the data
file the 编制说明's validation section reads (四（四）): which set-ups judged which proficiency items, how many
items, how many were judged alike, and the keys of those that were not.

    PYTHONPATH=src python scripts/interlab_record.py [--area AREA ...] [--out docs/interlab-run.json]

Set-up A judges each known-bad case in a run of its own, in the catalog's order, in this process; set-up B is
``tests.e2e.interlab``'s process of its own (another time zone, locale and temporary root, cases sharing a manifest
judged in one run, the runs and their requirements in reverse order, the state machines unshrunk). The figures are
counted here from the two sets of fingerprints, never typed."""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.e2e.interlab import B_LANG, B_ZONE, differences, judge, left_out, proficiency_set, set_up_b  # noqa: E402

DEFAULT_OUT = ROOT / "docs" / "interlab-run.json"


def record(areas: list[str], work: Path, command: str) -> dict:
    """Both set-ups over the known-bad cases of ``areas``: the record the note reads."""
    per_area = []
    for area in areas:
        cases = proficiency_set(area)
        started = time.monotonic()
        a = judge(cases, work / f"a-{area}", grouped=False, reverse=False)
        b = set_up_b(work / f"b-{area}", area=area)
        if "error" in b:
            raise SystemExit(f"set-up B failed for {area}: {b['error'][-600:]}")
        differ = differences(a, b["found"])
        per_area.append({"area": area, "cases": len(cases), "requirements": len({r for _, r, _ in cases}),
                         "agreed": len(cases) - len(differ), "differing": [line.split(":", 1)[0] for line in differ],
                         # cases not judged, the tool they need not being on PATH (so not counted above)
                         "left_out": [{"case": key, "requires": tool} for key, tool in left_out(area)],
                         "seconds": round(time.monotonic() - started)})
    return {
        "recorded": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "command": command,
        "python": platform.python_version(),
        "set_up_a": {"zone": time.tzname[0], "runs": "one run per case, catalog order"},
        "set_up_b": {"zone": B_ZONE, "lang": B_LANG,
                     "runs": "one run per shared manifest, runs and requirements reversed, state machines unshrunk"},
        "areas": per_area,
        "cases": sum(x["cases"] for x in per_area),
        "requirements": sum(x["requirements"] for x in per_area),
        "agreed": sum(x["agreed"] for x in per_area),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--area", action="append", help="an area's folder under suites/ (repeatable; default: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    areas = args.area or sorted(p.parent.name for p in (ROOT / "suites").glob("*/known_bad.yaml"))
    unknown = [a for a in areas if not (ROOT / "suites" / a / "known_bad.yaml").is_file()]
    if unknown:
        print(f"interlab_record: --area {unknown[0]}: no suites/{unknown[0]}/known_bad.yaml; "
              "name an area folder under suites/", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="interlab-") as work:
        given = argv if argv is not None else sys.argv[1:]
        found = record(areas, Path(work), " ".join(["python scripts/interlab_record.py", *given]))
    args.out.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {found['agreed']} of {found['cases']} cases judged alike")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
